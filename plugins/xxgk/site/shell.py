"""The platform shell around every page: which unit a page belongs to, and the entries of the
header's channel bar (公开指南, 公开制度, 公开目录, 公开年报, 依申请公开), as a 政府信息公开
platform shows them. Site-relative URLs; the face makes them relative to the page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import urls

if TYPE_CHECKING:
    from .view import Page, SiteView


@dataclass(frozen=True, slots=True)
class Entry:
    label: str
    url: str
    current: bool = False


def unit_of(view: "SiteView", page: "Page"):
    """The unit a page belongs to, or None for the site-wide pages."""
    return view.unit(page.unit) if page.unit else None


def entries(view: "SiteView", page: "Page") -> list[Entry]:
    """The channel bar: the page's unit's entries, or the root unit's on site-wide pages."""
    unit = unit_of(view, page) or view.root_unit()
    found = [Entry("首页", urls.HOME, page.kind == "home")]
    if unit is None or not (view.built(unit.id) or view.whole_site):  # (a preview links only what it builds)
        return found
    special = view.entries(unit)
    guide, rules, reports = special["guide"], special["rules"], special["reports"]
    catalogue = urls.catalogue(None) if page.unit is None and view.site_pages else urls.catalogue(unit.id)
    for label, column in (("公开指南", guide), ("公开制度", rules)):
        if column is not None:
            found.append(Entry(label, urls.column(unit.id, column.id), page.column == column.id))
    found.append(Entry("公开目录", catalogue, page.kind == "catalogue"))
    if reports is not None:
        found.append(Entry("公开年报", urls.column(unit.id, reports.id), page.column == reports.id))
    if urls.src_uri(urls.apply(unit.id)) in view.published or not view.built(unit.id):  # (every unit has one)
        found.append(Entry("依申请公开", urls.apply(unit.id), page.kind == "apply"))
    return found
