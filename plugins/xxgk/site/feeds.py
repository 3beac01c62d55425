"""Atom feeds (RFC 4287): the site, each unit and each column, latest items first."""

from __future__ import annotations

from datetime import date
from urllib.parse import urljoin, urlsplit
from xml.sax.saxutils import escape, quoteattr

from ..core.model import Item

FEED = "feed.xml"
FEED_SIZE = 50  # entries per feed


def feed_url(unit: str | None = None, column: str | None = None) -> str:
    if unit is None:
        return FEED
    return f"{unit}/{column}/{FEED}" if column else f"{unit}/{FEED}"


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"  # dates are Beijing dates


class FeedWriter:
    """Absolute links and ids need the site's public address (``site_url``); without one the
    feed uses links relative to itself and ``tag:`` ids on a placeholder authority."""

    def __init__(self, site_url: str | None, site_name: str, as_of: date):
        self.site_url = (site_url.rstrip("/") + "/") if site_url else None
        self.authority = urlsplit(self.site_url).hostname if self.site_url else "xxgk.invalid"
        self.site_name, self.as_of = site_name, as_of

    def _href(self, feed_path: str, target: str) -> str:
        if self.site_url:
            return urljoin(self.site_url, target)
        depth = feed_path.count("/")
        return "../" * depth + target

    def _id(self, path: str) -> str:
        return f"tag:{self.authority},2024:{path or '/'}"

    def atom(self, path: str, title: str, page_url: str, items: list[Item], unit_names: dict, column_names: dict) -> str:
        updated = items[0].published if items else self.as_of
        out = ['<?xml version="1.0" encoding="utf-8"?>',
               '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
               f"<id>{escape(self._id(path))}</id>",
               f"<title>{escape(title)}</title>",
               f"<updated>{_stamp(updated)}</updated>",
               f'<link rel="self" type="application/atom+xml" href={quoteattr(self._href(path, path))}/>',
               f'<link rel="alternate" type="text/html" href={quoteattr(self._href(path, page_url))}/>',
               f"<author><name>{escape(self.site_name)}</name></author>",
               "<generator>xxgk</generator>"]
        for item in items:
            url = f"{item.unit}/{item.column}/{item.serial}/"
            lines = [f"索引号：{item.index}", f"发布机构：{unit_names[item.unit]}", f"生成日期：{item.formed}",
                     f"发布日期：{item.published}"]
            if item.doc_number:
                lines.append(f"发文字号：{item.doc_number}")
            if item.validity.status != "有效":
                lines.append(f"有效性：{item.validity.status}")
            if item.summary:
                lines.append(item.summary)
            out += ["<entry>",
                    f"<id>{escape(self._id(item.index))}</id>",
                    f"<title>{escape(item.title)}</title>",
                    f'<link rel="alternate" type="text/html" href={quoteattr(self._href(path, url))}/>',
                    f"<published>{_stamp(item.published)}</published>",
                    f"<updated>{_stamp(item.validity.date or item.published)}</updated>",
                    f"<author><name>{escape(unit_names[item.unit])}</name></author>",
                    f'<category term={quoteattr(item.column)} label={quoteattr(column_names.get(item.column, item.column))}/>',
                    f"<summary>{escape(chr(10).join(lines))}</summary>",
                    "</entry>"]
        out.append("</feed>")
        return "\n".join(out) + "\n"
