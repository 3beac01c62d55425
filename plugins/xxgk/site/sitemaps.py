"""Sitemaps for crawlers (sitemaps.org protocol 0.9): an index and one sitemap per unit.

``sitemap.xml`` is a sitemap index naming ``<unit>/sitemap.xml`` for every unit and
``sitemap-site.xml`` for the site-level pages (home, site catalogue, search, 网站地图, 联系我们 and
any page of ``docs_dir``). A unit's sitemap is made from that unit's pages only, so a shard build
(``units:``) writes its units' sitemaps and nothing else; the merge of the shards writes the index.
Every URL is a page of the view, which holds only what the site publishes (no withheld item).
Sitemaps need absolute URLs: without ``site_url`` none is written (robots.txt then names none).
"""

from __future__ import annotations

import os
from datetime import date
from xml.etree import ElementTree
from typing import Iterable, Iterator
from urllib.parse import quote
from xml.sax.saxutils import escape

# sitemaps.org protocol, "Sitemap file location" and "Using Sitemap index files": a sitemap holds
# no more than 50,000 URLs and 50 MB uncompressed; an index names no more than 50,000 sitemaps.
# At ≈ 130 bytes a URL, 50,000 URLs are ≈ 6.5 MB: the count binds first.
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
INDEX = "sitemap.xml"
SITE = "sitemap-site"  # the site-level pages' sitemap: sitemap-site.xml, sitemap-site-2.xml…

Entry = tuple[str, date]  # (site-relative URL, lastmod)


def names(unit: str | None, count: int) -> list[str]:
    """Site paths of the ``count`` sitemaps of a unit (None: the site-level pages)."""
    stem = f"{unit}/sitemap" if unit else SITE
    return [f"{stem}.xml" if n == 1 else f"{stem}-{n}.xml" for n in range(1, count + 1)]


def split(entries: list[Entry], limit: int | None = None) -> list[list[Entry]]:
    """Consecutive chunks of at most ``limit`` (default MAX_URLS) entries (none for none: the
    protocol's schema wants at least one <url> in a sitemap)."""
    limit = limit or MAX_URLS
    return [entries[n:n + limit] for n in range(0, len(entries), limit)]


def absolute(base: str, url: str) -> str:
    """The entity-escaped absolute URL of a site-relative URL (non-ASCII percent-encoded, RFC 3986)."""
    return escape(base.rstrip("/") + "/" + quote(url, safe="/-._~%"))


def urlset(base: str, entries: Iterable[Entry]) -> str:
    rows = "".join(f"<url><loc>{absolute(base, url)}</loc><lastmod>{day.isoformat()}</lastmod></url>\n"
                   for url, day in entries)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NS}">\n{rows}</urlset>\n'


def index(base: str, sitemaps: Iterable[tuple[str, date | None]]) -> str:
    """The sitemap index: each sitemap's site path and the newest lastmod it holds."""
    rows = "".join(f"<sitemap><loc>{absolute(base, path)}</loc>"
                   + (f"<lastmod>{day.isoformat()}</lastmod>" if day else "") + "</sitemap>\n"
                   for path, day in sitemaps)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NS}">\n{rows}</sitemapindex>\n'


def group(base: str, unit: str | None, entries: list[Entry], limit: int | None = None) -> Iterator[tuple[str, str, date | None]]:
    """(site path, text, newest lastmod) of each sitemap of one unit (None: the site-level pages)."""
    chunks = split(entries, limit)
    for path, chunk in zip(names(unit, len(chunks)), chunks):
        yield path, urlset(base, chunk), max((day for _, day in chunk), default=None)


def entries_by_unit(view, extra: Iterable[str] = ()) -> dict[str | None, list[Entry]]:
    """Every page of the view with its lastmod, by unit (None: site level, ``extra`` URLs
    included: pages of ``docs_dir``, dated by the build date)."""
    found: dict[str | None, list[Entry]] = {}
    for page in view.pages():
        found.setdefault(page.unit, []).append((page.url, view.last_modified(page)))
    found.setdefault(None, []).extend((url, view.as_of) for url in extra)
    return found


def files(view, extra: Iterable[str] = (), limit: int | None = None) -> Iterator[tuple[str, str]]:
    """(site path, text) of every sitemap a build writes: the built units' sitemaps; the site-level
    sitemap in a full build and the merge's site-level build; the index in a full build."""
    if not view.site_url:
        return
    found = entries_by_unit(view, extra)
    listed = []
    for unit in [u.id for u in view.units() if view.built(u.id)] + ([None] if view.site_pages else []):
        for path, text, newest in group(view.site_url, unit, found.get(unit, []), limit):
            listed.append((path, newest))
            yield path, text
    if view.from_data:  # the merge: the shards' unit sitemaps, in the assembled folder, come first
        listed = [entry for u in view.units() for entry in assembled(view.repo.published.folder, u.id)] + listed
    if view.only_units is None or view.from_data:
        yield INDEX, index(view.site_url, listed)


def assembled(folder: str, unit: str) -> list[tuple[str, date | None]]:
    """(site path, newest lastmod) of each sitemap a shard wrote for ``unit`` under ``folder``
    (``<unit>/sitemap.xml``, ``sitemap-2.xml`` …), read with an XML parser: shard artifacts are
    other jobs' output. A file that is not a sitemap raises ValueError naming it."""
    found, n = [], 1
    while True:
        path = names(unit, n)[-1]
        full = os.path.join(folder, path)
        if not os.path.isfile(full):
            return found
        if os.path.getsize(full) > MAX_BYTES:
            raise ValueError(f"{path} 超过 {MAX_BYTES // 2**20} MB")
        try:
            root = ElementTree.parse(full).getroot()
        except ElementTree.ParseError as exc:
            raise ValueError(f"{path} 不是有效的 XML（{exc}）") from None
        if root.tag != f"{{{NS}}}urlset":
            raise ValueError(f"{path} 不是 sitemap（根元素 {root.tag}）")
        days = []
        for node in root.iter(f"{{{NS}}}lastmod"):
            try:
                days.append(date.fromisoformat((node.text or "").strip()))
            except ValueError:
                raise ValueError(f"{path} 的 lastmod “{node.text}” 不是日期") from None
        found.append((path, max(days, default=None)))
        n += 1
