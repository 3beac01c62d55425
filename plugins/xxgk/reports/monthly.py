"""The monthly bulletin (月度通报): what the disclosure office writes every month."""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..core.model import Repository
from ..rules import check

GATE_RULES = {"stale-column", "blank-column", "annual-report-missing"}


@dataclass
class UnitMonth:
    unit: str
    name: str
    kind: str
    count: int
    quota: int
    zero_streak: int  # months in a row, ending with this one, without an item (0 when it has some)

    @property
    def under_quota(self) -> bool:
        return self.count < self.quota


@dataclass
class Bulletin:
    month: str  # YYYY-MM
    month_end: date
    total: int
    units: list[UnitMonth]
    per_column: dict[str, int]
    groups: dict[str, int]  # group label → items
    stale: list[dict] = field(default_factory=list)
    blank: list[dict] = field(default_factory=list)
    annual_missing: list[str] = field(default_factory=list)  # unit ids
    did_well: list[str] = field(default_factory=list)  # unit ids

    @property
    def zero_units(self) -> list[UnitMonth]:
        return [u for u in self.units if u.count == 0]

    @property
    def under_quota(self) -> list[UnitMonth]:
        return [u for u in self.units if u.under_quota and u.count > 0]


def parse_month(text: str) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in text.split("-"))
        date(year, month, 1)
        return year, month
    except ValueError:
        raise ValueError(f"月份“{text}”无效，请写作 YYYY-MM，例如 2026-10。") from None


def _month_key(day: date) -> int:
    return day.year * 12 + day.month - 1


def monthly_bulletin(repo: Repository, month: str) -> Bulletin:
    year, number = parse_month(month)
    month_end = date(year, number, calendar.monthrange(year, number)[1])
    policy = repo.catalogue.policy.get("bulletin") or {}
    quotas, labels = policy.get("monthly_quota") or {}, policy.get("groups") or {}
    public = [i for i in repo.items if i.is_public(month_end)]
    target = _month_key(month_end)
    this_month = [i for i in public if _month_key(i.published) == target]

    months_with_items: dict[str, set[int]] = {}
    for item in public:
        months_with_items.setdefault(item.unit, set()).add(_month_key(item.published))
    first_month = min((_month_key(i.published) for i in public), default=target)
    per_unit = Counter(i.unit for i in this_month)
    units = []
    for unit in repo.units.values():
        have, streak, key = months_with_items.get(unit.id, set()), 0, target
        while key >= first_month and key not in have:
            streak, key = streak + 1, key - 1
        units.append(UnitMonth(unit.id, unit.name, unit.kind, per_unit[unit.id], int(quotas.get(unit.kind, 0)), streak))

    group_of = {cid: c.group for cid, c in repo.columns.items() if c.group}
    groups = Counter()
    for item in this_month:
        path = repo.catalogue.column_path(item.column)
        found = {group_of[c.id] for c in path if c.id in group_of}
        for group in found:
            groups[labels.get(group, group)] += 1
    bulletin = Bulletin(month, month_end, len(this_month), units, dict(Counter(i.column for i in this_month)),
                        {labels.get(g, g): groups.get(labels.get(g, g), 0) for g in labels})

    # Stale and blank columns and missing annual reports at month end: the gate's own rules.
    report = check(repo, month_end, use_git=False, only=GATE_RULES)
    for finding in report.findings:
        entry = {"unit": finding.unit, "column": finding.column, "message": finding.message}
        if finding.code == "stale-column":
            bulletin.stale.append(entry)
        elif finding.code == "blank-column":
            bulletin.blank.append(entry)
        elif finding.code == "annual-report-missing":
            bulletin.annual_missing.append(finding.unit)
    troubled = {e["unit"] for e in bulletin.stale + bulletin.blank} | set(bulletin.annual_missing)
    bulletin.did_well = [u.unit for u in units if not u.under_quota and u.count > 0 and u.unit not in troubled]
    return bulletin


