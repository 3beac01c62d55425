"""Incremental rebuilds for `mkdocs serve --dirty`: which pages an edit changed."""

from __future__ import annotations

from . import urls


def changed_pages(view, before) -> tuple[set[str], set[str]] | None:
    """What an edit changed, for incremental `mkdocs serve --dirty`: (src_uris to render again,
    src_uris that no longer exist), or None when everything must be rendered (catalogue,
    build date or site settings changed). Listings of the touched units and the site-wide
    pages are rendered again; item pages only where the item or an item it links changed."""
    if (before.repo.catalogue != view.repo.catalogue or before.as_of != view.as_of
            or (before.site_name, before.site_url) != (view.site_name, view.site_url)):
        return None
    old = {i.path: i for i in before.items}
    new = {i.path: i for i in view.items}
    touched = {path for path in old.keys() | new.keys() if old.get(path) != new.get(path)}
    if not touched:
        return set(), set()
    changed_items = [new[p] for p in touched if p in new] + [old[p] for p in touched if p in old]
    indexes = {i.index for i in changed_items}
    linked = indexes | {i.interprets for i in changed_items} | {i.validity.replaced_by for i in changed_items}
    units = {i.unit for i in changed_items}
    pages = {p.src_uri: p for p in view.pages()}
    again = {uri for uri, p in pages.items() if p.item is None and (p.unit is None or p.unit in units)}
    for item in view.items:  # an item page shows the titles of the items it links and is linked by
        related = {item.interprets, item.validity.replaced_by}
        related |= {r.index for r in view.replacing.get(item.index, []) + view.interpretations.get(item.index, [])}
        if item.path in touched or item.index in linked or related & indexes:
            again.add(urls.src_uri(view.item_url(item)))
    gone = {p.src_uri for p in before.pages()} - pages.keys()
    return again, gone
