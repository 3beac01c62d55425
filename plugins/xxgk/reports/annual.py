"""The statutory annual report (政府信息公开工作年度报告), format of 国办公开办函〔2021〕30号."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..core.annual import (CASE_GROUPS, CASE_RESULTS, NORMATIVE_KINDS, STAT_COUNTS, in_force_on,
                           normative_documents, opening_balance)
from ..core.applications import APPLICANTS, OUTCOME_GROUPS, OUTCOMES
from ..core.model import Repository

TOTAL = "总计"
ROUTES_OUT = ("废止", "失效", "已修订")  # every way a document leaves force (有效性)


@dataclass
class DocumentRow:
    """One row of table 二 (第二十条第（一）项). It reconciles: previous + issued − repealed = in_force."""
    kind: str
    issued: int  # 本年制发件数
    repealed: int  # 本年废止件数: every document that left force this year, whatever the route
    in_force: int  # 现行有效件数 on 31 December
    previous: int = 0  # 现行有效件数 on 31 December of the year before
    left_by: dict[str, int] = field(default_factory=dict)  # 废止 / 失效 / 已修订 → count
    opening: dict | None = None  # the declared opening balance used (count, as_of, source), if any


@dataclass
class AnnualReport:
    unit: str
    year: int
    documents: list[DocumentRow]  # table 二, first part
    decisions: dict[str, int]  # licensing, punishment, enforcement
    fees_10k_yuan: float
    applications: dict[str, dict[str, int]]  # table 三: row key → applicant type (and 总计) → count
    cases: dict[str, dict[str, int]]  # table 四: group → result (and total) → count
    sections: dict[str, str]  # 一, 五, 六: the unit's text
    missing: list[str]  # what the unit still has to provide
    # 信息处理费 charged (国办函〔2020〕109号), section 六: {"yuan": total, "applications": how many paid}
    information_fees: dict = field(default_factory=lambda: {"yuan": 0, "applications": 0})


def _documents(repo: Repository, unit: str, year: int) -> list[DocumentRow]:
    """Counts from the repository, shifted by a declared opening balance: documents never migrated
    are ``count`` minus those the repository holds in force on ``as_of``, so nothing counts twice."""
    end, before = date(year, 12, 31), date(year - 1, 12, 31)
    rows = []
    for kind in NORMATIVE_KINDS:
        docs = normative_documents(repo.items, unit, kind)
        balance = opening_balance(repo.annual, unit, kind, year)
        unmigrated = 0
        if balance is not None:
            unmigrated = balance["count"] - sum(in_force_on(i, date.fromisoformat(balance["as_of"])) for i in docs)
        issued = [i for i in docs if i.formed.year == year]
        left = [i for i in docs if (in_force_on(i, before) or i.formed.year == year) and not in_force_on(i, end)]
        previous = unmigrated + sum(in_force_on(i, before) for i in docs)
        in_force = unmigrated + sum(in_force_on(i, end) for i in docs)
        left_by = {route: n for route in ROUTES_OUT if (n := sum(i.validity.status == route for i in left))}
        rows.append(DocumentRow(kind, len(issued), len(left), in_force, previous, left_by,
                                dict(balance) if balance else None))
    return rows


def application_rows(applications, year: int) -> dict[str, dict[str, int]]:
    """Table 三: rows 新收, 上年结转, every outcome, 办理结果总计, 结转下年; columns the applicant
    types and 总计. Carried over: open on 31 December of the previous year / of this year."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows: dict[str, dict[str, int]] = {}

    def count(key: str, selected) -> None:
        row = {kind: 0 for kind in APPLICANTS}
        for application in selected:
            row[application.applicant] += 1
        row[TOTAL] = sum(row.values())
        rows[key] = row

    count("new", [a for a in applications if start <= a.received <= end])
    count("carried_in", [a for a in applications if a.open_at(date(year - 1, 12, 31))])
    replied = [a for a in applications if a.replied is not None and start <= a.replied <= end]
    for outcome in OUTCOMES:
        count(outcome, [a for a in replied if a.outcome == outcome])
    count("replied_total", replied)
    count("carried_out", [a for a in applications if a.open_at(end)])
    return rows


def annual_report(repo: Repository, unit_id: str, year: int) -> AnnualReport:
    data = repo.annual.get((unit_id, year))
    stats = dict(data.statistics) if data else {}
    sections = dict(data.sections) if data else {}
    missing = []
    if not stats:
        missing.append(f"content/{unit_id}/_annual/{year}/statistics.yml（行政许可、处罚、强制、收费、复议、诉讼数据）")
    for key in ("一", "五", "六"):
        if not sections.get(key):
            missing.append(f"content/{unit_id}/_annual/{year}/report.md 的“{key}、”部分")
    cases = {}
    for group in CASE_GROUPS:
        row = dict((stats.get(group) or {}))
        row = {result: int(row.get(result, 0)) for result in CASE_RESULTS}
        row["total"] = sum(row.values())
        cases[group] = row
    applications = [a for a in repo.applications if a.unit == unit_id]
    # Fees belong to the year of the reply, as the outcomes of table 三 do.
    paid = [a.fee_yuan for a in applications if a.replied is not None and a.replied.year == year and a.fee_yuan > 0]
    return AnnualReport(
        unit_id, year, _documents(repo, unit_id, year),
        {key: int(stats.get(key, 0)) for key in STAT_COUNTS}, float(stats.get("fees_10k_yuan", 0)),
        application_rows(applications, year), cases, sections, missing,
        {"yuan": round(sum(paid), 2), "applications": len(paid)},
    )


__all__ = ["AnnualReport", "DocumentRow", "NORMATIVE_KINDS", "annual_report", "application_rows", "OUTCOME_GROUPS"]
