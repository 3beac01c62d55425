"""Every kind of page the site ships, one example each, found from the model (not hard-coded):
shared by the public-face browser tests, the vnu check and scripts/screenshots."""

from __future__ import annotations

from datetime import date

from xxgk.site import urls


def page_kinds(repo, as_of: date) -> dict[str, str]:
    """Kind → a site-relative URL of an example page, in reading order."""
    items = list(repo.public_items(as_of))
    catalogue = repo.catalogue
    root = next(u for u in catalogue.units.values() if u.parent is None)
    other = next(u for u in catalogue.units.values() if u.parent is not None)
    guide = next(c for c in catalogue.columns_for(other) if c.generated == "guide")
    own = [i for i in items if i.unit == other.id]
    counts: dict[str, int] = {}
    for item in own:
        counts[item.column] = counts.get(item.column, 0) + 1
    column = max(counts, key=counts.get)  # the fullest column of the unit
    banner = next(i for i in items if i.validity.status != "有效")
    plain = next(i for i in items if i.validity.status == "有效")
    return {
        "home": urls.HOME,
        "unit": urls.unit(other.id),
        "column": urls.column(other.id, column),
        "item": urls.item(plain.unit, plain.column, plain.serial),
        "item-banner": urls.item(banner.unit, banner.column, banner.serial),
        "guide": urls.column(other.id, guide.id),
        "unit-catalogue": urls.catalogue(root.id),
        "site-catalogue-2": urls.catalogue(None, 2),
        "search": "search/?q=营商环境",
        "apply": urls.apply(other.id),
        "site-map": urls.SITE_MAP,
        "contact": urls.CONTACT,
        "404": "no-such-page/",
    }
