"""The generated files that are not pages: the Atom feeds, the open data (CSV and JSON, site-wide
and per unit), the catalogue filter's chunks and robots.txt — all from the view's items only."""

from __future__ import annotations

from typing import Iterator

from . import opendata, sitemaps, urls
from .feeds import FEED_SIZE, FeedWriter, feed_url


def generate(view) -> Iterator[tuple[str, str]]:
    """(site path, text) of every generated non-page file ``view`` (a SiteView) writes: a shard
    only its units' files, the merge's site-level build only the site-level ones (view.writes)."""
    return ((path, text) for path, text in _every(view) if view.writes(path))


def _every(view) -> Iterator[tuple[str, str]]:
    writer = FeedWriter(view.site_url, view.site_name or "政府信息公开", view.as_of)
    unit_names = {u.id: u.name for u in view.units()}
    column_names = {c.id: c.name for c in view.catalogue.columns.values()}
    yield feed_url(), writer.atom(feed_url(), view.site_name or "全站最新信息", urls.HOME,
                                  list(view.items[:FEED_SIZE]), unit_names, column_names)
    base = view.site_url.rstrip("/") + "/" if view.site_url else "/"
    for unit in (None, *(u for u in view.units() if view.built(u.id))):
        listed = view.unit_items(unit.id if unit else None)
        records = opendata.rows(listed, unit_names, column_names, base, view.abstract, view.by_index.__contains__)
        title = f"{unit.name if unit else view.site_name}政府信息公开目录"
        yield view.data_url(unit.id if unit else None, "csv"), opendata.as_csv(records)
        yield view.data_url(unit.id if unit else None, "json"), opendata.as_json(records, title, view.as_of)
        if unit is None:
            continue
        yield feed_url(unit.id), writer.atom(feed_url(unit.id), unit.name, urls.unit(unit.id),
                                             listed[:FEED_SIZE], unit_names, column_names)
        for column in view.columns(unit):
            path = feed_url(unit.id, column.id)
            yield path, writer.atom(path, f"{unit.short_name} · {column.name}", urls.column(unit.id, column.id),
                                    view.column_items(unit.id, column.id)[:FEED_SIZE], unit_names, column_names)
    listed = [u for u in view.units() if view.built(u.id) or view.site_pages]  # (the merge's manifest: every unit)
    yield from opendata.filter_chunks(list(view.items), listed,
                                      view.catalogue.columns, view.catalogue.topics,
                                      view.catalogue.document_kinds, view.as_of, view.abstract)
    sitemap = f"\nSitemap: {base}{sitemaps.INDEX}" if view.site_url else ""  # the index (sitemaps.py)
    yield "robots.txt", f"User-agent: *\nAllow: /{sitemap}\n"
