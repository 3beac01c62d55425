"""Other units' published open data: how a shard checks references to units it did not load.

A shard (``load(..., units=...)``) never reads another unit's ``content/``. A reference that leaves
the shard — a 政策解读's ``interprets``, ``validity.replaced_by`` — is resolved from the other units'
``data/<unit>.json`` written by a previous build (site/opendata.py: one record per item that was on
the site, with its 索引号, 名称, 网址, 有效性 …). Only public items are in that data, so a reference
found there is to a public item; one not found there does not exist on the site.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

from .abstract import Abstract
from .model import PUBLIC_MODE, Item, Validity, _frozen
from .problems import Code, Problem, register

PUBLISHED_DATA = register(Code(
    "published-data", "已发布数据无法读取",
    "分片检查所用的其他单位已发布数据（data/<单位>.json）无法读取或格式不对。"))
DATA_DIR = "data"
# A column id or an item slug as site/urls.py writes them; the data file is read, not trusted.
_SLUG = re.compile(r"[A-Za-z0-9_-]{1,80}")
TEXT_FIELDS = ("title", "url", "validity", "published", "kind", "interprets", "replaced_by",
               "topic", "doc_number", "formed", "summary", "validity_date")
MAX_BYTES = 256 * 1024 * 1024  # a unit's catalogue JSON; far above 10⁵ items (≈ 1 kB each)


@dataclass(frozen=True, slots=True)
class Record:
    """One item of another unit as its published ``data/<unit>.json`` lists it."""

    index: str
    unit: str  # unit id (the file's name; the record itself carries the unit's name)
    title: str
    url: str
    validity: str
    published: str  # ISO date
    kind: str = ""  # 文件类型
    interprets: str = ""  # a 政策解读's document (索引号), when on the site
    replaced_by: str = ""  # the document replacing this one (索引号), when on the site
    topic: str = ""  # 主题分类
    doc_number: str = ""  # 发文字号
    formed: str = ""  # 生成日期, ISO
    summary: str = ""  # 内容概述 as the site shows it
    validity_date: str = ""  # ISO, when the 有效性 changed
    summary_derived: bool = False  # the 内容概述 was derived from the body

    @property
    def place(self) -> tuple[str, str, str] | None:
        """(unit, column, serial) of the item's page, from its 网址 ``…/<unit>/<column>/<serial>/``."""
        parts = self.url.rstrip("/").split("/")
        if len(parts) < 3 or parts[-3] != self.unit or not all(_SLUG.fullmatch(p) for p in parts[-2:]):
            return None  # not one of our item URLs: nothing is linked from it
        return tuple(parts[-3:])


@dataclass(frozen=True)
class Published:
    """The published data a shard read: records by 索引号, and the units whose file was found."""

    folder: str | None = None
    records: Mapping[str, Record] = field(default_factory=lambda: _frozen({}))
    units: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Linked:
    """A record with a page and a date: what a shard's pages link (an item page's 相关信息, its
    现行文件) and what its rules count (another unit's 政策解读), as an Item would give them."""

    index: str
    title: str
    unit: str
    column: str
    serial: str
    validity: Validity
    published: date
    kind: str
    interprets: str
    replaced_by: str


def linked(published: "Published | None") -> tuple[Linked, ...]:
    """The records that can be linked: a 网址 ending in their unit's page, an ISO 发布日期 (a
    hand-edited record without them is left out: nothing can link or date it)."""
    found = []
    for r in published.records.values() if published else ():
        try:
            on = date.fromisoformat(r.published)
        except ValueError:
            continue
        if r.place is not None:
            found.append(Linked(r.index, r.title, *r.place, Validity(r.validity), on, r.kind, r.interprets, r.replaced_by))
    return tuple(found)


def site_items(published: "Published | None") -> tuple[tuple[Item, Abstract], ...]:
    """Every record as the Item the site-level pages list (home, site catalogue, site feed), with
    its 内容概述, newest first as the loader sorts items: what the merge's site-level build shows
    instead of loading any content (docs/scaling.md §1). A record whose 网址 or dates are not ours
    is left out (``linked`` says why); the body is empty, the 内容概述 is the record's."""
    found = []
    for r in published.records.values() if published else ():
        try:
            on, formed = date.fromisoformat(r.published), date.fromisoformat(r.formed)
            changed = date.fromisoformat(r.validity_date) if r.validity_date else None
        except ValueError:
            continue
        if r.place is None:
            continue
        unit, column, serial = r.place
        item = Item(f"{DATA_DIR}/{unit}.json#{r.index}", unit, column, r.index, serial, r.title, r.topic, r.kind,
                    formed, on, PUBLIC_MODE, "", 0, summary="" if r.summary_derived else r.summary,
                    doc_number=r.doc_number, validity=Validity(r.validity, changed, "", r.replaced_by or None),
                    interprets=r.interprets or None)
        found.append((item, Abstract(r.summary, r.summary_derived)))
    found.sort(key=lambda pair: (pair[0].published, pair[0].index), reverse=True)
    return tuple(found)


def data_file(folder: str, unit: str) -> str:
    """``<folder>/data/<unit>.json`` (folder: a previous build's site), or ``<folder>/<unit>.json``
    when the folder is the data folder itself."""
    inside = os.path.join(folder, DATA_DIR)
    return os.path.join(inside if os.path.isdir(inside) else folder, f"{unit}.json")


def read(folder: str | None, unit_ids, problems: list[Problem]) -> Published:
    """The published data of ``unit_ids`` (the units outside the shard) found in ``folder``."""
    if not folder:
        return Published()
    if not os.path.isdir(folder):
        problems.append(Problem(PUBLISHED_DATA.code, (
            f"已发布数据目录 {folder} 不存在；跨单位引用无法核对。请把 XXGK_PUBLISHED（或 published:、--published）"
            f"设为上一次构建的站点目录（含 data/<单位>.json）。")))
        return Published()
    records: dict[str, Record] = {}
    found = set()
    for unit in sorted(unit_ids):
        path = data_file(folder, unit)
        if not os.path.isfile(path):
            continue
        rows = _rows(path, unit, problems)
        if rows is None:
            continue
        found.add(unit)
        for row in rows:
            records.setdefault(row.index, row)
    return Published(folder, _frozen(records), frozenset(found))


def _rows(path: str, unit: str, problems: list[Problem]) -> list[Record] | None:
    def bad(why: str) -> None:
        problems.append(Problem(PUBLISHED_DATA.code, (
            f"已发布数据 {path} {why}；跨单位引用无法据此核对。请用上一次完整构建或分片构建生成的 "
            f"data/{unit}.json（XXGK_PUBLISHED 指向其站点目录）。"), None, None, unit))

    try:
        if os.path.getsize(path) > MAX_BYTES:
            bad(f"超过 {MAX_BYTES // 2**20} MB")
            return None
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        bad(f"无法读取（{exc}）")
        return None
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        bad("不是信息公开目录数据（缺少 items 列表）")
        return None
    rows = []
    for row in items:
        if isinstance(row, dict) and isinstance(row.get("index"), str):
            text = {key: str(row.get(key) or "") for key in TEXT_FIELDS}
            rows.append(Record(row["index"], unit, **text, summary_derived=row.get("summary_derived") is True))
    return rows


@dataclass(frozen=True, slots=True)
class Ref:
    """What a 索引号 refers to. ``state``: item (loaded), published (another unit's published
    data), missing (nowhere it could be), unverified (its unit is outside the shard and no
    published data of that unit was given)."""

    state: str
    item: Item | None = None
    record: Record | None = None
    unit: str | None = None  # the owning unit when known (by its 统一社会信用代码)


def owner(repo, index: str) -> str | None:
    """The unit whose 统一社会信用代码 opens the 索引号 (historic indexes: None)."""
    code = index.split("/", 1)[0]
    return next((u.id for u in repo.catalogue.units.values() if u.credit_code == code), None)


def resolve(repo, index: str) -> Ref:
    item = repo.by_index.get(index)
    if item is not None:
        return Ref("item", item=item, unit=item.unit)
    if repo.units_loaded is None:
        return Ref("missing")
    unit = owner(repo, index)
    published = repo.published or Published()
    record = published.records.get(index)
    if record is not None:
        return Ref("published", record=record, unit=record.unit)
    if unit in repo.units_loaded:
        return Ref("missing", unit=unit)
    outside = {unit} if unit else set(repo.catalogue.units) - repo.units_loaded
    return Ref("missing" if outside <= published.units else "unverified", unit=unit)


def outside_unit(repo, path: str) -> str | None:
    """The unit outside the shard whose content folder ``path`` (repository-relative) is in."""
    if repo.units_loaded is None:
        return None
    prefix = repo.content_dir.rstrip("/") + "/"
    if not path.startswith(prefix):
        return None
    unit = path[len(prefix):].split("/", 1)[0]
    return unit if unit in repo.catalogue.units and unit not in repo.units_loaded else None
