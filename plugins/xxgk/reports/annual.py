"""The statutory annual report (政府信息公开工作年度报告), format of 国办公开办函〔2021〕30号."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core.annual import CASE_GROUPS, CASE_RESULTS, STAT_COUNTS
from ..core.applications import APPLICANTS, OUTCOME_GROUPS, OUTCOMES
from ..core.model import Repository

NORMATIVE_KINDS = ("规章", "行政规范性文件")
TOTAL = "总计"


@dataclass
class DocumentRow:
    kind: str
    issued: int  # 本年制发件数
    repealed: int  # 本年废止件数
    in_force: int  # 现行有效件数


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


def _documents(repo: Repository, unit: str, year: int) -> list[DocumentRow]:
    end = date(year, 12, 31)
    rows = []
    for kind in NORMATIVE_KINDS:
        docs = [i for i in repo.items if i.unit == unit and i.kind == kind and i.mode == "主动公开" and not i.draft]
        issued = sum(i.formed.year == year for i in docs)
        repealed = sum(i.validity.status == "废止" and i.validity.date is not None and i.validity.date.year == year
                       for i in docs)
        ended = lambda i: i.validity.status != "有效" and i.validity.date is not None and i.validity.date <= end  # noqa: E731
        in_force = sum(i.formed <= end and not ended(i) for i in docs)
        rows.append(DocumentRow(kind, issued, repealed, in_force))
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
    return AnnualReport(
        unit_id, year, _documents(repo, unit_id, year),
        {key: int(stats.get(key, 0)) for key in STAT_COUNTS}, float(stats.get("fees_10k_yuan", 0)),
        application_rows(applications, year), cases, sections, missing,
    )


__all__ = ["AnnualReport", "DocumentRow", "annual_report", "application_rows", "OUTCOME_GROUPS"]
