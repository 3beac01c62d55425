"""Stable, readable URLs. Every page is a directory URL; links between pages are relative, so
the built site works under any base path and from any static server."""

from __future__ import annotations

import posixpath

HOME = ""


def unit(unit_id: str) -> str:
    return f"{unit_id}/"


def column(unit_id: str, column_id: str, number: int = 1) -> str:
    base = f"{unit_id}/{column_id}/"
    return base if number == 1 else f"{base}page/{number}/"


def item(unit_id: str, column_id: str, serial: str) -> str:
    return f"{unit_id}/{column_id}/{serial}/"


def catalogue(unit_id: str | None, number: int = 1) -> str:
    base = "catalogue/" if unit_id is None else f"{unit_id}/catalogue/"
    return base if number == 1 else f"{base}page/{number}/"


def apply(unit_id: str) -> str:
    """The unit's 依申请公开 page: channels, contacts, the form and the online application."""
    return f"{unit_id}/ysqgk/"


SITE_MAP = "wzdt/"  # 网站地图: every unit and column (sitemap.xml is the crawlers')
CONTACT = "lxwm/"  # 联系我们


def src_uri(url: str) -> str:
    """The Markdown source path that yields ``url`` with directory URLs."""
    return f"{url}index.md" if url else "index.md"


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at ``from_url`` to ``to_url`` (both site-relative, '' for home)."""
    rel = posixpath.relpath("/" + to_url, "/" + from_url)
    if rel == ".":
        return "./"
    is_dir = to_url == HOME or to_url.endswith("/")
    return rel + "/" if is_dir and not rel.endswith("/") else rel


DATA = "data/"
FILTER = "data/filter/"
SHARED = ("assets/", "404.html")  # the theme's files: every build writes the same bytes


def owner(path: str, units) -> str | None:
    """The unit whose own file the site path is (``<unit>/…``, ``data/<unit>.csv|json``,
    ``data/filter/<unit>/…``), or None for a site-level or shared file."""
    if path.startswith(FILTER):
        head = path[len(FILTER):].split("/", 1)
        return head[0] if len(head) == 2 and head[0] in units else None
    if path.startswith(DATA):
        stem, dot, suffix = path[len(DATA):].rpartition(".")
        return stem if dot and "/" not in stem and suffix in ("csv", "json") and stem in units else None
    head = path.split("/", 1)
    return head[0] if len(head) == 2 and head[0] in units else None


def shared(path: str) -> bool:
    return path.startswith(SHARED)
