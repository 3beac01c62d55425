"""The bulletin (通报) the disclosure office writes every month, quarter or year."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..core.annual import is_annual_report, report_deadline, report_year
from ..core.model import Repository
from ..rules import check
from .period import Period, month_period, parse_month, parse_period

__all__ = ["Bulletin", "LateReport", "Period", "UnitMonth", "monthly_bulletin", "parse_month", "parse_period",
           "scope_of"]

GATE_RULES = {"stale-column", "blank-column", "annual-report-missing"}


@dataclass
class UnitMonth:
    unit: str
    name: str
    kind: str
    count: int  # items published in the period
    quota: int  # the period's quota: monthly_quota × the period's months
    zero_streak: int  # months in a row, ending with the period's last, without an item (0 when it has some)
    monthly_quota: int = 0  # the unit's own (catalogue/units) or else its kind's (policy.yml)

    @property
    def under_quota(self) -> bool:
        return self.count < self.quota


@dataclass
class LateReport:
    """An annual report published after its deadline (条例第四十九条)."""
    unit: str
    year: int  # the year it reports on
    deadline: date
    published: date
    days_late: int  # calendar days after the deadline


@dataclass
class Bulletin:
    period: Period
    issuer: str | None  # the issuing unit; None: the whole site
    scope: list[str]  # the units it covers: the issuer and every unit under it
    total: int
    units: list[UnitMonth]
    per_column: dict[str, int]
    groups: dict[str, int]  # group label → items
    stale: list[dict] = field(default_factory=list)
    blank: list[dict] = field(default_factory=list)
    annual_missing: list[str] = field(default_factory=list)  # unit ids
    annual_late: list[LateReport] = field(default_factory=list)
    did_well: list[str] = field(default_factory=list)  # unit ids
    rectify_by_day: int | None = None  # policy.yml bulletin.rectify_by_day: 整改 by this day of the next month

    @property
    def zero_units(self) -> list[UnitMonth]:
        return [u for u in self.units if u.count == 0]

    @property
    def under_quota(self) -> list[UnitMonth]:
        return [u for u in self.units if u.under_quota and u.count > 0]


def _month_key(day: date) -> int:
    return day.year * 12 + day.month - 1


def scope_of(repo: Repository, issuer: str | None) -> list[str]:
    """The issuer and the units under it (parent: chain, transitively), in catalogue order; every
    unit when there is no issuer. A county's office bulletins its own units, not the city's."""
    if issuer is None:
        return list(repo.units)
    inside, frontier = {issuer}, [issuer]
    while frontier:
        parent = frontier.pop()
        for unit in repo.units.values():
            if unit.parent == parent and unit.id not in inside:
                inside.add(unit.id)
                frontier.append(unit.id)
    return [uid for uid in repo.units if uid in inside]


def late_reports(repo: Repository, public, end: date, scope) -> list[LateReport]:
    """Annual reports published after their deadline, listed from the period of publication to the
    end of that calendar year (the year's assessment counts it); the earliest publication counts."""
    columns = {c.id for c in repo.columns.values() if c.role == "annual-report"}
    first: dict[tuple[str, int], date] = {}
    order = {uid: n for n, uid in enumerate(scope)}
    for item in public:
        if item.unit in order and is_annual_report(item, columns):
            key = (item.unit, report_year(item))
            first[key] = min(first.get(key, item.published), item.published)
    late = []
    for (unit, year), published in sorted(first.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
        deadline = report_deadline(repo.catalogue.policy, repo.units[unit].kind, year)
        if deadline and published > deadline and published.year == end.year:
            late.append(LateReport(unit, year, deadline, published, (published - deadline).days))
    return late


def monthly_bulletin(repo: Repository, period: str | Period, unit: str | None = None) -> Bulletin:
    """The bulletin of ``period`` (a Period, or a month YYYY-MM) issued by ``unit`` for itself and
    the units under it (None: the whole site)."""
    if isinstance(period, str):
        period = month_period(period)
    if unit is not None and unit not in repo.units:
        raise ValueError(f"单位 {unit} 不存在；可用：{', '.join(repo.units)}")
    scope = scope_of(repo, unit)
    inside = set(scope)
    end = period.end
    policy = repo.catalogue.policy.get("bulletin") or {}
    quotas, labels = policy.get("monthly_quota") or {}, policy.get("groups") or {}
    by_day = policy.get("rectify_by_day")
    if by_day is not None and (type(by_day) is not int or not 1 <= by_day <= 28):
        raise ValueError(f"catalogue/policy.yml：bulletin.rectify_by_day（整改期限，下月几日前）应为 1—28 的整数，现为“{by_day}”。")
    public = [i for i in repo.items if i.is_public(end)]
    first_key, last_key = _month_key(period.start), _month_key(end)
    in_period = [i for i in public if i.unit in inside and first_key <= _month_key(i.published) <= last_key]

    months_with_items: dict[str, set[int]] = {}
    for item in public:
        months_with_items.setdefault(item.unit, set()).add(_month_key(item.published))
    first_month = min((_month_key(i.published) for i in public), default=last_key)
    per_unit = Counter(i.unit for i in in_period)
    units = []
    for uid in scope:
        entry = repo.units[uid]
        have, streak, key = months_with_items.get(uid, set()), 0, last_key
        while per_unit[uid] == 0 and key >= first_month and key not in have:
            streak, key = streak + 1, key - 1
        monthly = entry.monthly_quota if entry.monthly_quota is not None else int(quotas.get(entry.kind, 0))
        units.append(UnitMonth(uid, entry.name, entry.kind, per_unit[uid], monthly * period.months, streak, monthly))

    group_of = {cid: c.group for cid, c in repo.columns.items() if c.group}
    groups = Counter()
    for item in in_period:
        path = repo.catalogue.column_path(item.column)
        for group in {group_of[c.id] for c in path if c.id in group_of}:
            groups[labels.get(group, group)] += 1
    bulletin = Bulletin(period, unit, scope, len(in_period), units, dict(Counter(i.column for i in in_period)),
                        {labels.get(g, g): groups.get(labels.get(g, g), 0) for g in labels}, rectify_by_day=by_day)

    # Stale and blank columns and missing annual reports at the period's end: the gate's own rules.
    report = check(repo, end, use_git=False, only=GATE_RULES)
    for finding in report.findings:
        if finding.unit not in inside:
            continue
        entry = {"unit": finding.unit, "column": finding.column, "message": finding.message}
        if finding.code == "stale-column":
            bulletin.stale.append(entry)
        elif finding.code == "blank-column":
            bulletin.blank.append(entry)
        elif finding.code == "annual-report-missing":
            bulletin.annual_missing.append(finding.unit)
    bulletin.annual_late = late_reports(repo, public, end, scope)
    troubled = ({e["unit"] for e in bulletin.stale + bulletin.blank} | set(bulletin.annual_missing)
                | {r.unit for r in bulletin.annual_late})
    bulletin.did_well = [u.unit for u in units if not u.under_quota and u.count > 0 and u.unit not in troubled]
    return bulletin
