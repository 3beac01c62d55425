"""The immutable model: what the loader makes and every consumer reads.

Nothing here knows about MkDocs, files on disk or rendering. Consumers (rules, site views,
reports) receive a ``Repository`` and never change it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

from .problems import Problem

if TYPE_CHECKING:  # for the annotation only: core.published reads the model
    from .published import Published

UNIT_KINDS = {"government": "人民政府", "department": "政府部门", "town": "乡镇（街道）"}
FRESHNESS = ("dynamic", "notice-policy", "periodic", "static", "archived")
PUBLIC_MODE = "主动公开"
VALID = "有效"


@dataclass(frozen=True, slots=True)
class ReadingPlace:
    """A 政府信息查阅场所 where the unit's information can be read (条例 第二十五条)."""

    name: str
    address: str = ""
    hours: str = ""


@dataclass(frozen=True, slots=True)
class Office:
    """The unit's disclosure office (政府信息公开工作机构), as the guide needs it (条例 第十二条)."""

    name: str
    address: str = ""
    postcode: str = ""
    hours: str = ""
    phone: str = ""
    fax: str = ""  # "" when the unit has none (its reason in ``without``)
    email: str = ""
    website: str = ""
    without: tuple[tuple[str, str], ...] = ()  # (field, reason): `fax: 无（本机关未设传真）`
    reading_places: tuple[ReadingPlace, ...] = ()

    def reason(self, field: str) -> str:
        """Why the office has no ``field`` (fax, email, website), as its catalogue file says; "" if it has one."""
        return dict(self.without).get(field, "")


@dataclass(frozen=True, slots=True)
class ColumnSwitch:
    """A unit's departure from the default column tree, with the reason an inspector reads."""

    enabled: bool
    reason: str


@dataclass(frozen=True, slots=True)
class IndexPattern:
    """A form of 索引号 the unit used before this platform; migrated items keep theirs."""

    pattern: str  # a regular expression the whole index must match
    example: str
    source: str  # where the form comes from (the old platform, the years it was used)
    until: date | None = None  # last day the form was issued, when known


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    name: str
    short_name: str
    kind: str  # key of UNIT_KINDS
    credit_code: str
    parent: str | None
    order: int
    office: Office
    path: str  # catalogue file, relative to the root
    columns: Mapping[str, ColumnSwitch] = field(default_factory=lambda: MappingProxyType({}))  # id → switch
    index_patterns: tuple[IndexPattern, ...] = ()
    monthly_quota: int | None = None  # overrides policy.yml bulletin.monthly_quota of its kind

    @property
    def kind_label(self) -> str:
        return UNIT_KINDS[self.kind]


@dataclass(frozen=True, slots=True)
class Schedule:
    """A column's own publication schedule: the data of each period (month, quarter, year) is due
    by a day after the period ends — ``by_day`` of the next month (month, quarter) or
    ``by_month``-``by_day`` of the next year (year)."""

    every: str  # one of SCHEDULE_PERIODS
    by_day: int
    by_month: int | None = None  # year only


SCHEDULE_PERIODS = {"month": "每月", "quarter": "每季度", "year": "每年"}


@dataclass(frozen=True, slots=True)
class Column:
    id: str
    name: str
    parent: str | None
    order: int
    freshness: str  # one of FRESHNESS
    applies_to: frozenset[str]
    generated: str | None = None  # "guide": the column page is the generated disclosure guide
    role: str | None = None  # "annual-report"
    default_kind: str | None = None  # 文件类型 `xxgk new` proposes
    group: str | None = None  # bulletin group: key-area | fiscal-fund | enforcement
    schedule: Schedule | None = None  # judged by its schedule instead of the rolling freshness window


@dataclass(frozen=True, slots=True)
class Validity:
    status: str = VALID  # 有效 | 失效 | 废止 | 已修订
    date: date | None = None
    note: str = ""
    replaced_by: str | None = None  # 索引号 of the replacing item


@dataclass(frozen=True, slots=True)
class Review:
    """保密审查 record."""

    reviewer: str = ""
    date: date | None = None
    result: str = ""
    steps: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Attachment:
    file: str  # file name beside the item
    title: str
    source: str  # path relative to the repository root
    size: int | None  # bytes; None when the file is missing (or not a regular file of the repository)
    linked: bool = False  # not listed in `attachments`: a file beside the item that its body links to (images)
    line: int | None = None  # for a linked file: the body line of its first link

    @property
    def suffix(self) -> str:
        return self.file.rsplit(".", 1)[-1].lower() if "." in self.file else ""


@dataclass(frozen=True, slots=True)
class Exception_:
    """A documented exception to one rule (e.g. personal data in 惩戒公示), with its basis."""

    rule: str
    basis: str
    reason: str


@dataclass(frozen=True, slots=True)
class Item:
    path: str  # relative to the repository root, POSIX separators
    unit: str
    column: str
    index: str  # 索引号
    serial: str  # "<YYYY>-<NNNNN>", the index after the unit code; the item's URL slug
    title: str
    topic: str
    kind: str  # 文件类型
    formed: date
    published: date
    mode: str  # 公开方式
    body: str
    body_line: int  # 1-based line of the first body line in the file
    summary: str = ""
    doc_number: str = ""
    scope: str = "面向社会"
    validity: Validity = field(default_factory=Validity)
    review: Review | None = None
    interprets: str | None = None
    attachments: tuple[Attachment, ...] = ()
    exceptions: tuple[Exception_, ...] = ()
    draft: bool = False
    migrated: bool = False
    basis: tuple[str, ...] = ()  # 不予公开依据 (条例 第十四—十六条), mode 不予公开 only
    reassess_by: date | None = None  # next periodic review of a 不予公开 record (条例 第十八条)

    @property
    def listed_attachments(self) -> tuple[Attachment, ...]:
        """The attachments the item lists (shown in its 附件 list); linked ones sit in the body."""
        return tuple(a for a in self.attachments if not a.linked)

    def is_public(self, as_of: date) -> bool:
        """On the site at ``as_of``: proactively disclosed, not a draft, not scheduled later."""
        return self.mode == PUBLIC_MODE and not self.draft and self.published <= as_of


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Catalogue:
    units: Mapping[str, Unit]  # in display order
    columns: Mapping[str, Column]  # in tree order (parents before children, siblings by order)
    topics: tuple[str, ...]
    document_kinds: tuple[str, ...]
    policy: Mapping  # catalogue/policy.yml, read-only

    # Derived lookups, computed once: views ask them per unit and column.
    @cached_property
    def _columns_by_kind(self) -> dict[str, tuple[Column, ...]]:
        return {kind: tuple(c for c in self.columns.values() if kind in c.applies_to) for kind in UNIT_KINDS}

    @cached_property
    def _children(self) -> dict[str | None, tuple[Column, ...]]:
        found: dict[str | None, list[Column]] = {}
        for column in self.columns.values():
            found.setdefault(column.parent, []).append(column)
        return {parent: tuple(children) for parent, children in found.items()}

    @cached_property
    def _subtrees(self) -> dict[str, frozenset[str]]:
        def walk(column_id: str) -> frozenset[str]:
            below = {column_id}
            for child in self._children.get(column_id, ()):
                below |= walk(child.id)
            return frozenset(below)

        return {column_id: walk(column_id) for column_id in self.columns}

    def columns_for(self, unit: Unit) -> tuple[Column, ...]:
        """The columns that apply to the unit, in tree order: those of its kind, less the ones its
        catalogue file switches off, plus the ones it switches on."""
        if not unit.columns:
            return self._columns_by_kind.get(unit.kind, ())
        return tuple(c for c in self.columns.values() if self.applies(c, unit))

    def applies(self, column: Column, unit: Unit) -> bool:
        switch = unit.columns.get(column.id)
        return switch.enabled if switch is not None else unit.kind in column.applies_to

    def children(self, column_id: str | None) -> tuple[Column, ...]:
        return self._children.get(column_id, ())

    def subtree(self, column_id: str) -> frozenset[str]:
        """The column and all columns below it."""
        return self._subtrees.get(column_id, frozenset({column_id}))

    def column_path(self, column_id: str) -> tuple[Column, ...]:
        """Ancestors first, the column itself last."""
        chain = []
        current = self.columns.get(column_id)
        while current is not None:
            chain.append(current)
            current = self.columns.get(current.parent) if current.parent else None
        return tuple(reversed(chain))


@dataclass(frozen=True)
class Repository:
    """Everything loaded from one repository, and every problem found while loading it."""

    root: str
    catalogue: Catalogue
    items: tuple[Item, ...]
    problems: tuple[Problem, ...]
    by_index: Mapping[str, Item] = field(default_factory=lambda: _frozen({}))
    content_dir: str = "content"
    applications: tuple = ()  # core.applications.Application, every register of every unit
    annual: Mapping = field(default_factory=lambda: _frozen({}))  # (unit, year) → core.annual.AnnualData
    # Regular files under content/ (path → size), found without following any link: the only
    # files any consumer may read or publish.
    files: Mapping[str, int] = field(default_factory=lambda: _frozen({}))
    # A shard (load(..., units=…)): the units whose content/ was read; None: every unit. Rules and
    # views judge only these; references outside them resolve from ``published`` (core.published).
    units_loaded: frozenset[str] | None = None
    published: Published | None = None  # core.published.Published: other units' open data

    @cached_property
    def units(self) -> Mapping[str, Unit]:
        """The units loaded (all of the catalogue's unless a shard); ``catalogue.units`` has every one."""
        if self.units_loaded is None:
            return self.catalogue.units
        return _frozen({uid: u for uid, u in self.catalogue.units.items() if uid in self.units_loaded})

    @property
    def columns(self) -> Mapping[str, Column]:
        return self.catalogue.columns

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def public_items(self, as_of: date) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.is_public(as_of))
