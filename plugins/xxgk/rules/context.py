"""What every rule reads: the model, the date, the policy, and facts derived once for all rules."""

from __future__ import annotations

import calendar
import os
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from ..core import frontmatter, schedule
from ..core.annual import deadline_month_day
from ..core.model import Column, Item, Repository, Schedule, Unit
from ..core.problems import ERROR, Problem
from .registry import RULES

FRESHNESS_LIMITED = ("dynamic", "notice-policy", "periodic")
SHORT_LIMIT = ("dynamic", "notice-policy")  # counted together for the veto, notice-policy by 一级栏目 (rules.summary)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class ColumnStatus:
    unit: Unit
    column: Column
    newest: date | None  # newest public item in the column's subtree
    deadline: date | None  # last day the column counts as updated; None: no limit
    state: str  # ok | due-soon | stale | blank | unlimited
    days_over: int  # days past the deadline (negative: days left)


class Context:
    def __init__(self, repo: Repository, as_of: date, git=None, base: str | None = None):
        self.repo, self.as_of, self.git, self.base = repo, as_of, git, base
        self.policy = repo.catalogue.policy
        self.catalogue = repo.catalogue
        self._fronts: dict[str, str] = {}  # front matter read again, only for findings
        self._findings: dict[str, tuple[Problem, ...]] = {}  # rule code → its findings, computed once
        self._by_unit: dict[str, dict[str, list[Problem]]] = {}  # rule code → unit id → its findings
        self.attachment_text: dict[str, list] = {}  # attachment path → its text pieces, shared by the scanners

    # -- from git, once for the whole tree --------------------------------------------------

    @cached_property
    def git_added(self) -> dict[str, date]:
        return self.git.added_dates(self.repo.content_dir) if self.git else {}

    @cached_property
    def changes(self) -> tuple[set[str], dict[str, str]]:
        return self.git.changed_since(self.base) if self.git and self.base else (set(), {})

    @cached_property
    def base_indexes(self) -> dict[str, str]:
        if not (self.git and self.base):
            return {}
        return self.git.indexes_at(self.base, self.changes[1])

    # -- derived once ------------------------------------------------------------------------

    @cached_property
    def public(self) -> tuple[Item, ...]:
        return self.repo.public_items(self.as_of)

    @cached_property
    def public_by_unit(self) -> dict[str, list[Item]]:
        found: dict[str, list[Item]] = {uid: [] for uid in self.repo.units}
        for item in self.public:
            found.setdefault(item.unit, []).append(item)
        return found

    def checked_columns(self, unit: Unit) -> tuple[Column, ...]:
        """Columns judged for freshness and blankness: those that apply to the unit and have no
        applicable child (a parent is judged through its children), minus generated pages and
        archived columns."""
        applicable = self.catalogue.columns_for(unit)
        parents = {c.parent for c in applicable}
        return tuple(c for c in applicable if c.id not in parents and not c.generated and c.freshness != "archived")

    @cached_property
    def column_status(self) -> dict[tuple[str, str], ColumnStatus]:
        newest: dict[tuple[str, str], date] = {}
        for item in self.public:  # newest first, so the first seen is the newest
            newest.setdefault((item.unit, item.column), item.published)
        due_soon = int(self.policy.get("due_soon_days", 0))
        status = {}
        for unit in self.repo.units.values():
            for column in self.checked_columns(unit):
                last = newest.get((unit.id, column.id))
                deadline = None if last is None else self.column_deadline(unit, column, last)
                if last is None:
                    state = "blank"
                elif deadline is None:
                    state = "unlimited"
                elif self.as_of > deadline:
                    state = "stale"
                elif (deadline - self.as_of).days < due_soon:
                    state = "due-soon"
                else:
                    state = "ok"
                over = 0 if deadline is None else (self.as_of - deadline).days
                status[unit.id, column.id] = ColumnStatus(unit, column, last, deadline, state, over)
        return status

    @cached_property
    def status_by_unit(self) -> dict[str, list[ColumnStatus]]:
        grouped: dict[str, list[ColumnStatus]] = {uid: [] for uid in self.repo.units}
        for (uid, _), status in self.column_status.items():
            grouped[uid].append(status)
        return grouped

    def findings_of(self, code: str, run: bool = True) -> tuple[Problem, ...]:
        """The findings of one rule, as it yields them (before policy severities and scoping),
        computed once however many consumers ask: the gate's loop and the veto, which counts
        首页不更新, 伪造发稿日期 and 密级标志. A rule that needs git yields nothing without it.
        ``run`` False: only what was computed already (nothing if the rule has not run)."""
        if code not in self._findings and not run:
            return ()
        if code not in self._findings:
            found = RULES.get(code)
            run = found is not None and not (found.needs_git and self.git is None)
            self._findings[code] = tuple(found.check(self)) if run else ()
        return self._findings[code]

    def unit_findings(self, code: str, unit_id: str, run: bool = True) -> list[Problem]:
        if code not in self._findings and not run:
            return []
        if code not in self._by_unit:
            grouped: dict[str, list[Problem]] = {}
            for finding in self.findings_of(code):
                grouped.setdefault(finding.unit, []).append(finding)
            self._by_unit[code] = grouped
        return self._by_unit[code].get(unit_id, [])

    def schedule_of(self, unit: Unit, column: Column) -> Schedule | None:
        """The column's own schedule; for the annual-report column the previous year's report is
        due by policy.yml annual_report_deadline of the unit's kind (条例第四十九条), not within a
        rolling window."""
        if column.role == "annual-report":
            month_day = deadline_month_day(self.policy, unit.kind)
            if month_day:
                return Schedule("year", month_day[1], month_day[0])
        return column.schedule

    def column_deadline(self, unit: Unit, column: Column, last: date) -> date | None:
        plan = self.schedule_of(unit, column)
        return schedule.due(plan, last) if plan else self.deadline(last, column.freshness)

    def deadline(self, last: date, freshness: str) -> date | None:
        limit = (self.policy.get("freshness") or {}).get(freshness)
        if not limit:
            return None
        if "max_days" in limit:
            return last + timedelta(days=int(limit["max_days"]))
        return add_months(last, int(limit["max_months"]))

    def limit_text(self, freshness: str) -> str:
        limit = (self.policy.get("freshness") or {}).get(freshness) or {}
        return f"{limit['max_days']} 天" if "max_days" in limit else f"{limit.get('max_months')} 个月"

    def rule_text(self, status: ColumnStatus) -> str:
        """What the column's deadline follows, for messages: 按6 个月更新时限 · 按每月发布（…）的要求，
        2026年10月的数据 · 按条例第四十九条，2026年度报告."""
        plan = self.schedule_of(status.unit, status.column)
        if plan is None:
            return f"按{self.limit_text(status.column.freshness)}更新时限"
        period = schedule.period_label(plan, status.newest)
        if status.column.role == "annual-report":
            return f"按年度报告公布时限（条例第四十九条），{period}报告"
        return f"按{schedule.describe(plan)}的要求，{period}的数据"

    # -- making findings ---------------------------------------------------------------------

    def at_item(self, code: str, item: Item, message: str, field: tuple | None = None, line: int | None = None,
                path: str | None = None, severity: str = ERROR) -> Problem:
        """A finding on an item; ``severity`` WARNING downgrades it whatever the policy says."""
        if line is None and field is not None:
            line = self.field_line(item, field)
        return Problem(code, message, path or item.path, line, item.unit, item.column, severity)

    def at_unit(self, code: str, unit: Unit, message: str, column: Column | None = None) -> Problem:
        return Problem(code, message, None, None, unit.id, column.id if column else None)

    def at_register(self, code: str, application, message: str, severity: str = ERROR) -> Problem:
        """A finding on one application of a unit's register (依申请公开登记簿)."""
        return Problem(code, message, application.path, application.line, application.unit, None, severity)

    def field_line(self, item: Item, field: tuple) -> int | None:
        if item.path not in self._fronts:
            self._fronts[item.path] = frontmatter.read_front(os.path.join(self.repo.root, item.path))
        front = self._fronts[item.path]
        return frontmatter.field_line(front, field) if front else None

    def body_line(self, item: Item, offset: int) -> int:
        """File line of the character at ``offset`` in the item's body."""
        return item.body_line + item.body.count("\n", 0, offset)
