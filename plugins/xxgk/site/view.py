"""The site's pages, navigation and assets, computed once from the model.

Only public items (``Item.is_public``) that the gate does not withhold ever enter a view: a page,
a row, a link or a copied file can only be made from what is in ``self.items``, so nothing
non-public or blocked can leak into the output. Files are published only as attachments of those
items (listed, or linked beside them), of an allowed type, and never when a non-public or withheld
item owns them too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Iterator

from ..core.abstract import Abstract, listing, of as abstract_of
from ..core.catalogue import SCRIPT_CAPABLE
from ..core.links import local_links
from ..core.model import Column, Item, Repository, Unit, UNIT_KINDS
from ..core.published import Linked, linked as published_links, site_items as published_items
from . import documents, incremental, render, urls
from .feeds import feed_url

GUIDE = "guide"
ANNUAL_REPORT = "annual-report"


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # site-relative directory URL, "" for the home page
    title: str
    kind: str  # home | unit | column | item | catalogue | search | apply | sitemap | contact
    unit: str | None = None
    column: str | None = None
    number: int = 1  # page number of a paginated listing
    pages: int = 1  # how many pages the listing has
    item: Item | None = None

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)



@dataclass(frozen=True, slots=True)
class NavNode:
    title: str
    url: str | None  # the node's own page (a section index), if any
    children: tuple["NavNode", ...] = ()


@dataclass(frozen=True, slots=True)
class FormFile:
    """A downloadable application form (申请表) on the site."""

    title: str
    url: str  # site path
    size: int | None
    suffix: str
    item: Item  # the item that publishes it


@dataclass(frozen=True, slots=True)
class ColumnStats:
    count: int
    last_updated: date | None


def _pages_needed(count: int, size: int) -> int:
    return max(1, -(-count // size))


SEARCH_URL = "search/"
DATA = "data/"


class SiteView:
    def __init__(self, repo: Repository, as_of: date, site_name: str = "", site_url: str | None = None,
                 only_units: frozenset[str] | None = None, withheld: frozenset[str] = frozenset(),
                 from_data: bool = False):
        self.repo, self.as_of, self.site_name = repo, as_of, site_name
        self.site_url = site_url or None
        # A partial build (a pull request's preview, or a shard): only these units' pages; None builds all.
        # ``from_data``: the merge's site-level build, which builds no unit and lists every unit's
        # items from their published data (repo.published) instead of loading them.
        self.only_units = frozenset() if from_data else only_units
        self.from_data = from_data
        self.catalogue = repo.catalogue
        self.policy = repo.catalogue.policy
        sizes = self.policy.get("page_size", {})
        self.column_size = int(sizes.get("column", 20))
        self.catalogue_size = int(sizes.get("catalogue", 100))
        self.latest_size = int(sizes.get("home_latest", 20))
        # Newest first: the loader sorts items by (published, index) descending. ``withheld``: paths
        # of items with a publication-blocking finding (xxgk.rules.publication).
        self.withheld = withheld
        self._abstracts: dict[str, Abstract] = {}
        if from_data:
            records = published_items(repo.published)
            self.items: tuple[Item, ...] = tuple(i for i, _ in records if i.is_public(as_of))
            self._abstracts.update((i.path, abstract) for i, abstract in records)
        else:
            self.items = tuple(i for i in repo.public_items(as_of) if i.path not in withheld)
        # 索引号 → what a link to it shows; in a shard, other units' items too, from their data
        linked = published_links(repo.published)
        self.by_index: dict[str, Item | Linked] = {i.index: i for i in self.items}
        self.by_index.update((i.index, i) for i in linked if i.index not in self.by_index)
        self._by_unit: dict[str, list[Item]] = defaultdict(list)
        direct: dict[tuple[str, str], list[Item]] = defaultdict(list)
        self.interpretations: dict[str, list[Item | Linked]] = defaultdict(list)
        self.replacing: dict[str, list[Item | Linked]] = defaultdict(list)
        for item in self.items:
            self._by_unit[item.unit].append(item)
            direct[item.unit, item.column].append(item)
        self._references(linked)
        self._in_column = self._column_listings(direct)
        self._by_path = {i.path: i for i in self.items}
        self._files = self._published_files()  # source path → site path
        self._attachment_urls = dict(self._files)
        self._renderer = render.Renderer(self)

    def _references(self, linked: tuple[Linked, ...]) -> None:
        """Who interprets and who is replaced by each item, newest first as the items are: the
        loaded items, then (in a shard) other units' items whose published data names one of ours."""
        for item in self.items:
            if item.interprets in self.by_index:
                self.interpretations[item.interprets].append(item)
            if item.validity.replaced_by in self.by_index:
                self.replacing[item.validity.replaced_by].append(item)
        touched = []
        for other in linked:
            for found, target in ((self.interpretations, other.interprets), (self.replacing, other.replaced_by)):
                if target in self.by_index:
                    found[target].append(other)
                    touched.append(found[target])
        for found in touched:
            found.sort(key=lambda i: (i.published, i.index), reverse=True)

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

    def abstract(self, item: Item) -> Abstract:
        """The item's 内容概述 (its summary, or one derived from its body), once per build."""
        found = self._abstracts.get(item.path)
        if found is None:
            found = self._abstracts[item.path] = abstract_of(item)
        return found

    def listing_summary(self, item: Item) -> str:
        """The 内容概述 as a catalogue line shows it (bounded)."""
        return listing(self.abstract(item).text)

    @staticmethod
    def item_url(item: Item) -> str:
        return urls.item(item.unit, item.column, item.serial)

    def markdown(self, page: Page) -> str:
        """What the face renders as Markdown: an item's body with its links made site URLs;
        generated pages need none. The leading blank line stops MkDocs from reading a body that
        starts like front matter (``---`` or ``title: …``) as page metadata: an editor must not
        set the page's <title>, template or search settings through the body."""
        return "\n" if page.item is None else "\n" + self._site_links(page.item)

    def _site_links(self, item: Item) -> str:
        """Links to other items' files become links to their pages and attachments; a link to
        anything not on the site is dropped (its text stays), so nothing non-public is linked."""
        body = item.body
        if "](" not in body and "href" not in body and "src" not in body:
            return body
        here, pieces, last = self.item_url(item), [], 0
        for link in local_links(body, item.path):
            if self._files.get(link.path) == here + link.path.rsplit("/", 1)[-1]:
                continue  # the item's own file, published beside its page: the relative link stands
            target = self._by_path.get(link.path)
            if target is not None:  # to the generated page's source, which MkDocs resolves and checks
                url = urls.relative(here, self.item_url(target)) + "index.md"
            elif link.path in self._attachment_urls:
                url = urls.relative(here, self._attachment_urls[link.path])
            else:
                url = None
            if url is not None:
                pieces += [body[last:link.offset], url + link.fragment]
                last = link.offset + len(link.target)
            elif link.text is not None:
                pieces += [body[last:link.span[0]], link.text]
                last = link.span[1]
        return "".join(pieces) + body[last:]

    def listing_url(self, page: Page, number: int) -> str:
        """URL of another page of the same paginated listing."""
        if page.kind == "catalogue":
            return urls.catalogue(page.unit, number)
        return urls.column(page.unit, page.column, number)

    def root_unit(self) -> Unit | None:
        return next((u for u in self.units() if u.parent is None), None)

    def entries(self, unit: Unit) -> dict:
        """A unit's platform entries (its top-level columns): ``guide`` 政府信息公开指南, ``rules``
        政府信息公开制度 (column ``gkzd``), ``reports`` 政府信息公开年报, ``apply`` the column at the
        依申请公开 URL (or None), and ``statutory`` 法定主动公开内容 (条例第二十条): the other columns."""
        top = self.columns(unit, None)
        found = {"guide": self.special_column(unit, generated=GUIDE), "reports": self.special_column(unit, role=ANNUAL_REPORT),
                 "rules": next((c for c in top if c.id == "gkzd"), None),
                 "apply": self.apply_column(unit)}
        own = {c.id for c in found.values() if c is not None}
        found["statutory"] = [c for c in top if c.id not in own]
        return found

    # -- the service pages: 依申请公开, 网站地图, 联系我们 ------------------------------------------

    def apply_column(self, unit: Unit) -> Column | None:
        """The unit's column whose page is the 依申请公开 page (same URL): its items (申请须知, the
        form) are listed there, and its later pages stay column pages."""
        return next((c for c in self.columns(unit) if urls.column(unit.id, c.id) == urls.apply(unit.id)), None)

    def application_forms(self, unit: Unit) -> list[FormFile]:
        """The 申请表 files the unit publishes in its 依申请公开 column: the attachments on the site
        whose title names a 申请表 (every attachment there when none does)."""
        column = self.apply_column(unit)
        if column is None:
            return []
        found = [FormFile(a.title, self._files[a.source], a.size, a.suffix, item)
                 for item in self.column_items(unit.id, column.id)
                 for a in item.listed_attachments if a.source in self._files]
        return [f for f in found if "申请表" in f.title] or found

    # -- what the face builds ----------------------------------------------------------------

    def built(self, unit_id: str) -> bool:
        return self.only_units is None or unit_id in self.only_units

    @property
    def shard(self) -> bool:
        """A shard of a whole-site build (units and published data given): it writes only its
        units' files; the merge (``xxgk merge``) adds the site-level ones."""
        return self.only_units is not None and not self.from_data and self.whole_site

    @property
    def site_pages(self) -> bool:
        """Whether the build writes the site-level pages and files (site catalogue, 网站地图, 联系我们,
        the site feed and open data): a full build, and the merge's site-level build."""
        return self.only_units is None or self.from_data

    def writes(self, path: str) -> bool:
        """Whether this build writes the generated file at site path ``path``: a unit's own files
        (``<unit>/…``, ``data/<unit>.*``, ``data/filter/<unit>/…``) when it builds the unit; the
        site-level ones unless it is a shard. Shards' outputs are disjoint by this rule."""
        unit = urls.owner(path, self.catalogue.units)
        return self.built(unit) if unit else not self.shard

    def pages(self) -> Iterator[Page]:
        if not self.shard:
            yield Page(urls.HOME, "首页", "home")
            yield Page(SEARCH_URL, "站内搜索", "search")
        if self.site_pages:
            yield from self._catalogue_pages(None)
            yield Page(urls.SITE_MAP, "网站地图", "sitemap")
            yield Page(urls.CONTACT, "联系我们", "contact")
        for unit in self.units():
            if not self.built(unit.id):
                continue
            yield Page(urls.unit(unit.id), unit.name, "unit", unit=unit.id)
            yield from self._catalogue_pages(unit)
            apply_column = self.apply_column(unit)
            if apply_column is None:
                yield Page(urls.apply(unit.id), "依申请公开", "apply", unit.id)
            for column in self.columns(unit):
                listed = self.column_items(unit.id, column.id)
                total = _pages_needed(len(listed), self.column_size)
                if column == apply_column:  # its first page is the 依申请公开 page
                    yield Page(urls.apply(unit.id), "依申请公开", "apply", unit.id, column.id, 1, total)
                for number in range(2 if column == apply_column else 1, total + 1):
                    title = column.name if number == 1 else f"{column.name}（第 {number} 页）"
                    yield Page(urls.column(unit.id, column.id, number), title, "column",
                               unit.id, column.id, number, total)
        for item in self.items:
            if self.built(item.unit):
                yield Page(urls.item(item.unit, item.column, item.serial), item.title, "item",
                           item.unit, item.column, item=item)

    def _catalogue_pages(self, unit: Unit | None) -> Iterator[Page]:
        listed = self.unit_items(unit.id if unit else None)
        total = _pages_needed(len(listed), self.catalogue_size)
        name = "政府信息公开目录" if unit is None else f"{unit.name}政府信息公开目录"  # (市政府 + 政府信息… reads twice)
        for number in range(1, total + 1):
            title = name if number == 1 else f"{name}（第 {number} 页）"
            yield Page(urls.catalogue(unit.id if unit else None, number), title, "catalogue",
                       unit.id if unit else None, None, number, total)

    @property
    def whole_site(self) -> bool:
        """Whether pages link the site-wide pages and every unit: in a full build, and in a shard
        given the published data (its pages join the other shards' in one site, docs/scaling.md §1),
        not in a preview of a few units, which has no other pages."""
        return self.only_units is None or bool(self.repo.published and self.repo.published.folder)

    def nav(self) -> list[NavNode]:
        """Units and columns only: item pages never enter the navigation. Nodes of pages another
        shard builds are links (plugin.on_nav)."""
        nodes = [NavNode("首页", urls.HOME)]
        if self.whole_site:
            nodes.append(NavNode("政府信息公开目录", urls.catalogue(None)))
        for label, units in self.units_by_kind():
            units = [u for u in units if self.whole_site or self.built(u.id)]
            if units:
                nodes.append(NavNode(label, None, tuple(self._unit_nav(u) for u in units)))
        return nodes

    def _unit_nav(self, unit: Unit) -> NavNode:
        def column_node(column: Column) -> NavNode:
            children = tuple(column_node(c) for c in self.columns(unit, column.id))
            return NavNode(column.name, urls.column(unit.id, column.id), children)

        top = tuple(column_node(c) for c in self.columns(unit, None))
        if self.apply_column(unit) is None:  # else the 依申请公开 column's node leads to the page
            top += (NavNode("依申请公开", urls.apply(unit.id)),)
        return NavNode(unit.name, urls.unit(unit.id), (NavNode("公开目录", urls.catalogue(unit.id)),) + top)

    def _published_files(self) -> dict[str, str]:
        """Source path → site path of every file the site carries: the attachments (listed or
        linked) of the items on it that are regular files of the repository, of an allowed type,
        and owned by no item that stays off the site."""
        allowed = {str(t).lower() for t in self.policy.get("attachment_types", ())} - SCRIPT_CAPABLE
        shown = {i.path for i in self.items}
        hidden = {a.source for i in self.repo.items if i.path not in shown for a in i.attachments}
        files = {}
        for item in self.items:
            base = self.item_url(item)
            for attachment in item.attachments:
                if (attachment.size is not None and attachment.suffix in allowed and attachment.source not in hidden
                        and attachment.source in self.repo.files):
                    files.setdefault(attachment.source, base + attachment.file)
        return files

    def assets(self) -> Iterator[tuple[str, str]]:
        """(source path relative to the repository root, destination path in the site): every
        published file of the units being built."""
        for source, dest in self._files.items():
            if self.built(dest.split("/", 1)[0]):
                yield source, dest

    def changed_pages(self, before: "SiteView") -> tuple[set[str], set[str]] | None:
        """What an edit changed, for incremental `mkdocs serve --dirty` (site/incremental.py)."""
        return incremental.changed_pages(self, before)

    @cached_property
    def published(self) -> frozenset[str]:
        """Every page src_uri and copied file's site path this view puts on the site."""
        return frozenset({p.src_uri for p in self.pages()} | {dest for _, dest in self.assets()})

    def withdrawn(self, before: "SiteView") -> set[str]:
        """What ``before`` put on the site and this view does not (an item retracted, made a draft,
        scheduled later or withheld; an attachment taken off). A dirty build never deletes, so
        `mkdocs serve --dirty` must then build in full."""
        return set(before.published - self.published)

    def last_modified(self, page: Page) -> date:
        """The sitemap's <lastmod>: the newest item a page shows (reproducible, unlike the build time)."""
        if page.item is not None:
            return page.item.validity.date or page.item.published
        if page.column is not None:  # a column page, or the 依申请公开 page over its column
            listed = self.column_items(page.unit, page.column)
        else:
            listed = self.unit_items(page.unit)
        return listed[0].published if listed else self.as_of

    # -- feeds and open data -----------------------------------------------------------------

    def feeds_for(self, page: Page) -> list[tuple[str, str]]:
        """(title, site-relative URL) of the Atom feeds a page advertises, most specific first."""
        found = []
        if page.column:
            found.append((f"{self.unit(page.unit).short_name} · {self.catalogue.columns[page.column].name}",
                          feed_url(page.unit, page.column)))
        if page.unit:
            found.append((self.unit(page.unit).name, feed_url(page.unit)))
        found.append((self.site_name or "全站最新信息", feed_url()))
        return found

    def data_url(self, unit_id: str | None, suffix: str) -> str:
        return f"{DATA}{unit_id or 'catalogue'}.{suffix}"

    def documents(self) -> Iterator[tuple[str, str]]:
        """(site path, text) of every generated non-page file: feeds, open data, robots.txt."""
        return documents.generate(self)

    def render(self, page: Page, body_html: str = "") -> str:
        """The page's main content as HTML; ``body_html`` is an item's rendered Markdown body."""
        return self._renderer.render(page, body_html)
