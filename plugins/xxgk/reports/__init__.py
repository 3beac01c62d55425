"""Reports for the disclosure office, from the same model the site and the gate read:
the monthly bulletin and the statutory annual report, each as a complete item (front matter
included) that publishes through the normal path."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from ..core.annual import is_annual_report, report_year
from ..core.model import Repository
from ..core.newitem import new_item_text
from .annual import AnnualReport, annual_report
from .bulletin_markdown import bulletin_body
from .markdown import annual_body
from .monthly import Bulletin, monthly_bulletin, parse_month, parse_period

__all__ = ["Bulletin", "AnnualReport", "monthly_bulletin", "annual_report", "bulletin_item", "annual_item",
           "parse_month", "parse_period", "as_json"]


def bulletin_item(repo: Repository, bulletin: Bulletin, unit_id: str, column_id: str, day: date) -> tuple[str, str]:
    """(path, text) of the bulletin as an item of the office's column."""
    unit, label = repo.units[unit_id], bulletin.period.label
    title = f"{unit.name}关于{label}政府信息公开工作情况的通报"
    summary = f"通报{label}各单位主动公开政府信息情况，共 {bulletin.total} 条。"
    name = f"bulletin-{bulletin.period.key}"
    rel, text = new_item_text(repo, unit_id, column_id, title, day, kind="通知公告", topic="综合政务",
                              body=bulletin_body(bulletin, repo), summary=summary, name=name)
    existing = next((i for i in repo.items if i.path == rel), None)
    if existing is None:
        return rel, text
    return _again(repo, existing, title, bulletin_body(bulletin, repo), summary, "通知公告")


def _again(repo: Repository, existing, title: str, body: str, summary: str, kind: str) -> tuple[str, str]:
    """A generated item written again keeps its path, 索引号, dates and review."""
    name = existing.path.rsplit("/", 1)[1][:-3]
    rel, text = new_item_text(repo, existing.unit, existing.column, title, existing.published, kind=kind,
                              topic="综合政务", body=body, summary=summary, index=existing.index, name=name,
                              review=existing.review, migrated=existing.migrated)
    return existing.path, text.replace(f"formed: {existing.published}", f"formed: {existing.formed}", 1)


def annual_item(repo: Repository, report: AnnualReport, day: date) -> tuple[str, str]:
    """(path, text) of the annual report as an item of the unit's 年度报告 column; an existing
    report for the same year keeps its path and 索引号."""
    unit = repo.units[report.unit]
    columns = {c.id for c in repo.catalogue.columns_for(unit) if c.role == "annual-report"}
    column = next(iter(columns), "ndbg")
    existing = next((i for i in repo.items if i.unit == unit.id and is_annual_report(i, columns)
                     and report_year(i) == report.year), None)
    title = f"{unit.name}{report.year}年政府信息公开工作年度报告"
    summary = f"{unit.name}{report.year}年度政府信息公开工作情况。"
    body = annual_body(report, unit.name)
    if existing is None:
        return new_item_text(repo, unit.id, column, title, day, kind="年度报告", topic="综合政务", body=body,
                             summary=summary, name=f"annual-report-{report.year}")
    return _again(repo, existing, title, body, summary, "年度报告")


def as_json(value) -> dict:
    data = asdict(value)
    for key, item in list(data.items()):
        if isinstance(item, date):
            data[key] = item.isoformat()
    return data
