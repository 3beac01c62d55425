"""The site's pages, navigation and assets, computed once from the model.

Only public items (``Item.is_public``) ever enter a view: a page, a row or a link can only be
made from what is in ``self.items``, so nothing non-public can leak into the output.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Iterator

from ..core.model import Column, Item, Repository, Unit, UNIT_KINDS
from . import render, urls

GUIDE = "guide"
ANNUAL_REPORT = "annual-report"


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # site-relative directory URL, "" for the home page
    title: str
    kind: str  # home | unit | column | item | catalogue
    unit: str | None = None
    column: str | None = None
    number: int = 1  # page number of a paginated listing
    pages: int = 1  # how many pages the listing has
    item: Item | None = None

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)

    @property
    def markdown(self) -> str:
        """What the face renders as Markdown: an item's body; generated pages need none."""
        return self.item.body if self.item is not None else ""


@dataclass(frozen=True, slots=True)
class NavNode:
    title: str
    url: str | None  # the node's own page (a section index), if any
    children: tuple["NavNode", ...] = ()


@dataclass(frozen=True, slots=True)
class ColumnStats:
    count: int
    last_updated: date | None


def _pages_needed(count: int, size: int) -> int:
    return max(1, -(-count // size))


class SiteView:
    def __init__(self, repo: Repository, as_of: date, site_name: str = ""):
        self.repo, self.as_of, self.site_name = repo, as_of, site_name
        self.catalogue = repo.catalogue
        self.policy = repo.catalogue.policy
        sizes = self.policy.get("page_size", {})
        self.column_size = int(sizes.get("column", 20))
        self.catalogue_size = int(sizes.get("catalogue", 100))
        self.latest_size = int(sizes.get("home_latest", 20))
        # Newest first: the loader sorts items by (published, index) descending.
        self.items: tuple[Item, ...] = repo.public_items(as_of)
        self.by_index = {i.index: i for i in self.items}
        self._by_unit: dict[str, list[Item]] = defaultdict(list)
        direct: dict[tuple[str, str], list[Item]] = defaultdict(list)
        self.interpretations: dict[str, list[Item]] = defaultdict(list)
        self.replacing: dict[str, list[Item]] = defaultdict(list)
        for item in self.items:
            self._by_unit[item.unit].append(item)
            direct[item.unit, item.column].append(item)
            if item.interprets in self.by_index:
                self.interpretations[item.interprets].append(item)
            if item.validity.replaced_by in self.by_index:
                self.replacing[item.validity.replaced_by].append(item)
        self._in_column = self._column_listings(direct)
        self._renderer = render.Renderer(self)

    def _column_listings(self, direct) -> dict[tuple[str, str], list[Item]]:
        """Items of a column and every column below it, newest first, per unit."""
        listings: dict[tuple[str, str], list[Item]] = {}
        for unit in self.units():
            for column in self.columns(unit):
                subtree = self.catalogue.subtree(column.id)
                merged = [i for cid in subtree for i in direct.get((unit.id, cid), ())]
                merged.sort(key=lambda i: (i.published, i.index), reverse=True)
                listings[unit.id, column.id] = merged
        return listings

    # -- queries the templates use -------------------------------------------------------------

    def units(self) -> tuple[Unit, ...]:
        return tuple(self.catalogue.units.values())

    def units_by_kind(self) -> list[tuple[str, list[Unit]]]:
        return [(label, [u for u in self.units() if u.kind == kind]) for kind, label in UNIT_KINDS.items()]

    def unit(self, unit_id: str) -> Unit:
        return self.catalogue.units[unit_id]

    def columns(self, unit: Unit, parent: str | None = "*") -> tuple[Column, ...]:
        """Columns that apply to the unit; with ``parent``, only that column's children."""
        found = self.catalogue.columns_for(unit)
        return found if parent == "*" else tuple(c for c in found if c.parent == parent)

    def column_items(self, unit_id: str, column_id: str) -> list[Item]:
        return self._in_column.get((unit_id, column_id), [])

    def stats(self, unit_id: str, column_id: str) -> ColumnStats:
        listed = self.column_items(unit_id, column_id)
        return ColumnStats(len(listed), listed[0].published if listed else None)

    def unit_items(self, unit_id: str | None) -> list[Item]:
        return list(self.items) if unit_id is None else self._by_unit.get(unit_id, [])

    def special_column(self, unit: Unit, *, generated: str | None = None, role: str | None = None) -> Column | None:
        for column in self.columns(unit):
            if (generated and column.generated == generated) or (role and column.role == role):
                return column
        return None

    def listing_url(self, page: Page, number: int) -> str:
        """URL of another page of the same paginated listing."""
        if page.kind == "catalogue":
            return urls.catalogue(page.unit, number)
        return urls.column(page.unit, page.column, number)

    def root_unit(self) -> Unit | None:
        return next((u for u in self.units() if u.parent is None), None)

    # -- what the face builds ----------------------------------------------------------------

    def pages(self) -> Iterator[Page]:
        yield Page(urls.HOME, "首页", "home")
        yield from self._catalogue_pages(None)
        for unit in self.units():
            yield Page(urls.unit(unit.id), unit.name, "unit", unit=unit.id)
            yield from self._catalogue_pages(unit)
            for column in self.columns(unit):
                listed = self.column_items(unit.id, column.id)
                total = _pages_needed(len(listed), self.column_size)
                for number in range(1, total + 1):
                    title = column.name if number == 1 else f"{column.name}（第 {number} 页）"
                    yield Page(urls.column(unit.id, column.id, number), title, "column",
                               unit.id, column.id, number, total)
        for item in self.items:
            yield Page(urls.item(item.unit, item.column, item.serial), item.title, "item",
                       item.unit, item.column, item=item)

    def _catalogue_pages(self, unit: Unit | None) -> Iterator[Page]:
        listed = self.unit_items(unit.id if unit else None)
        total = _pages_needed(len(listed), self.catalogue_size)
        name = "政府信息公开目录" if unit is None else f"{unit.short_name}政府信息公开目录"
        for number in range(1, total + 1):
            title = name if number == 1 else f"{name}（第 {number} 页）"
            yield Page(urls.catalogue(unit.id if unit else None, number), title, "catalogue",
                       unit.id if unit else None, None, number, total)

    def nav(self) -> list[NavNode]:
        """Units and columns only: item pages never enter the navigation."""
        nodes = [NavNode("首页", urls.HOME), NavNode("政府信息公开目录", urls.catalogue(None))]
        for label, units in self.units_by_kind():
            if units:
                nodes.append(NavNode(label, None, tuple(self._unit_nav(u) for u in units)))
        return nodes

    def _unit_nav(self, unit: Unit) -> NavNode:
        def column_node(column: Column) -> NavNode:
            children = tuple(column_node(c) for c in self.columns(unit, column.id))
            return NavNode(column.name, urls.column(unit.id, column.id), children)

        top = tuple(column_node(c) for c in self.columns(unit, None))
        return NavNode(unit.name, urls.unit(unit.id), (NavNode("公开目录", urls.catalogue(unit.id)),) + top)

    def assets(self) -> Iterator[tuple[str, str]]:
        """(source path relative to the repository root, destination path in the site)."""
        for item in self.items:
            base = urls.item(item.unit, item.column, item.serial)
            for attachment in item.attachments:
                yield attachment.source, base + attachment.file

    def render(self, page: Page, body_html: str = "") -> str:
        """The page's main content as HTML; ``body_html`` is an item's rendered Markdown body."""
        return self._renderer.render(page, body_html)
