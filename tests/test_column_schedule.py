"""Columns judged by a publication schedule, not a rolling window (issue 12, points 15 and 16).

columns.yml ``schedule`` (monthly, quarterly, yearly by a day after the period) and the
annual-report column, whose previous year's report is due by policy.yml annual_report_deadline
of the unit's kind. Every deadline below is counted by hand from the calendar.
"""

from __future__ import annotations

from datetime import date

import pytest

from conftest import PROJECT
from gitrepo import put
from test_rules_columns import findings, only_finding, run
from xxgk.core import load
from xxgk.core.model import Schedule
from xxgk.rules import check

DEMO_SCHEDULE = "schedule: {every: month, by_day: 10}"


def reschedule(repo, text: str) -> None:
    """Give the demo's monthly column (hjzl, switched on by sthjj) another schedule line."""
    path = repo.root / "catalogue" / "columns.yml"
    source = path.read_text("utf-8")
    assert source.count(DEMO_SCHEDULE) == 1
    path.write_text(source.replace(DEMO_SCHEDULE, text), encoding="utf-8")


def stale(repo, as_of, unit="sthjj", column="hjzl"):
    return findings(run(repo, as_of, "stale-column"), "stale-column", unit, column)


# -- the demo's monthly column ----------------------------------------------------------------


def test_the_demo_column_is_monthly_and_only_the_environment_bureau_has_it():
    catalogue = load(str(PROJECT)).catalogue
    column = catalogue.columns["hjzl"]
    assert column.schedule == Schedule("month", 10)
    assert {u for u, unit in catalogue.units.items() if catalogue.applies(column, unit)} == {"sthjj"}


def test_the_demo_is_on_schedule_at_its_reference_date_and_late_after_the_10th_of_december():
    repo = load(str(PROJECT))
    assert [f for f in check(repo, date(2026, 11, 20), use_git=False).findings if f.column == "hjzl"] == []
    (finding,) = [f for f in check(repo, date(2026, 12, 11), use_git=False, only={"stale-column"}).findings
                  if f.column == "hjzl"]
    assert "2026年11月的数据应在 2026-12-10 前发布，已超期 1 天" in finding.message


# -- monthly ----------------------------------------------------------------------------------


def test_a_missed_month_is_stale(repo):
    put(repo, "sthjj", "hjzl", date(2026, 8, 7))  # July's data
    put(repo, "sthjj", "hjzl", date(2026, 9, 8))  # August's data; September's is due by 10 October
    assert stale(repo, date(2026, 10, 10)) == []
    finding = only_finding(run(repo, date(2026, 10, 11), "stale-column"), "stale-column", "sthjj", "hjzl")
    assert finding.severity == "error" and "环境质量月报" in finding.message
    assert "每月发布（当期数据在下月 10 日前发布）" in finding.message
    assert "2026年9月的数据应在 2026-10-10 前发布，已超期 1 天" in finding.message


def test_the_due_day_is_warned_of_like_any_deadline(repo):
    put(repo, "sthjj", "hjzl", date(2026, 10, 8))
    report = run(repo, date(2026, 11, 9), "due-soon", "stale-column")
    finding = only_finding(report, "due-soon", "sthjj", "hjzl")
    assert "2026-11-10" in finding.message and "还剩 1 天" in finding.message


def test_data_published_late_still_brings_the_column_up_to_date(repo):
    put(repo, "sthjj", "hjzl", date(2026, 11, 15))  # October's data, five days late
    assert stale(repo, date(2026, 12, 10)) == []
    assert len(stale(repo, date(2026, 12, 11))) == 1


def test_a_due_day_past_the_end_of_a_short_month_is_its_last_day(repo):
    reschedule(repo, "schedule: {every: month, by_day: 31}")
    put(repo, "sthjj", "hjzl", date(2027, 1, 15))  # January's data is due by the last day of February
    assert stale(repo, date(2027, 2, 28)) == []
    (finding,) = stale(repo, date(2027, 3, 1))
    assert "2027年1月的数据应在 2027-02-28 前发布" in finding.message


def test_december_data_is_due_in_january(repo):
    put(repo, "sthjj", "hjzl", date(2026, 12, 4))
    assert stale(repo, date(2027, 1, 10)) == []
    (finding,) = stale(repo, date(2027, 1, 11))
    assert "2026年12月的数据应在 2027-01-10 前发布" in finding.message


# -- quarterly and yearly ---------------------------------------------------------------------


def test_quarterly_data_is_due_in_the_month_after_the_quarter(repo):
    reschedule(repo, "schedule: {every: quarter, by_day: 15}")
    put(repo, "sthjj", "hjzl", date(2026, 4, 10))  # Q1's data; Q2's is due by 15 July
    assert stale(repo, date(2026, 7, 15)) == []
    (finding,) = stale(repo, date(2026, 7, 16))
    assert "每季度发布（当期数据在下季度首月 15 日前发布）" in finding.message
    assert "2026年第2季度的数据应在 2026-07-15 前发布，已超期 1 天" in finding.message


def test_yearly_data_is_due_on_its_day_of_the_next_year(repo):
    reschedule(repo, 'schedule: {every: year, by: "03-31"}')
    put(repo, "sthjj", "hjzl", date(2026, 2, 1))  # 2025's data; 2026's is due by 31 March 2027
    assert stale(repo, date(2027, 3, 31)) == []
    (finding,) = stale(repo, date(2027, 4, 1))
    assert "每年发布（当期数据在次年 3 月 31 日前发布）" in finding.message
    assert "2026年度的数据应在 2027-03-31 前发布，已超期 1 天" in finding.message


# -- the annual-report column (point 15) ------------------------------------------------------


@pytest.mark.parametrize("unit, published, deadline", [
    ("czj", date(2026, 1, 20), date(2027, 1, 31)),  # a department: 31 January
    ("qcs", date(2026, 3, 20), date(2027, 3, 31)),  # a people's government: 31 March
    ("hxz", date(2026, 3, 25), date(2027, 3, 31)),  # a town: as its government
])
def test_the_annual_report_column_is_due_by_the_statutory_deadline(repo, unit, published, deadline):
    put(repo, unit, "ndbg", published, kind="年度报告", topic="综合政务", title=f"{published.year - 1}年政府信息公开工作年度报告")
    # not 12 months after the last report: up to date until the next report's deadline
    assert stale(repo, date(published.year + 1, published.month, published.day + 5), unit, "ndbg") == []
    assert stale(repo, deadline, unit, "ndbg") == []
    (finding,) = stale(repo, date(deadline.year, deadline.month + 1, 1), unit, "ndbg")
    assert f"按年度报告公布时限（条例第四十九条），{published.year}年度报告应在 {deadline} 前发布，已超期 1 天" in finding.message


def test_a_year_without_a_report_is_stale_from_that_deadline(repo):
    put(repo, "czj", "ndbg", date(2025, 1, 22), kind="年度报告", topic="综合政务", title="2024年政府信息公开工作年度报告")
    (finding,) = stale(repo, date(2027, 1, 25), "czj", "ndbg")  # the 2025 report never came
    assert "2025年度报告应在 2026-01-31 前发布" in finding.message and "已超期 359 天" in finding.message


# -- what columns.yml may say -----------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("schedule: monthly", "schedule 应为键值对"),
    ("schedule: {every: week, by_day: 10}", "schedule.every 应为 month | quarter | year"),
    ("schedule: {every: month}", "schedule.by_day 应为 1 到 31 的整数"),
    ("schedule: {every: month, by_day: 0}", "schedule.by_day 应为 1 到 31 的整数"),
    ("schedule: {every: month, by_day: '10'}", "schedule.by_day 应为 1 到 31 的整数"),
    ("schedule: {every: month, by_day: 10, by: '01-10'}", "只能写 by_day、every，请删去 by"),
    ('schedule: {every: year, by: "02-29"}', "schedule.by 应为次年的“月-日”"),
    ('schedule: {every: year, by: "13-01"}', "schedule.by 应为次年的“月-日”"),
    ("schedule: {every: year, by_day: 10}", "只能写 by、every，请删去 by_day"),
    ("freshness: static\n  schedule: {every: month, by_day: 10}", "不能是 freshness: static"),
], ids=["not-a-mapping", "every", "no-day", "day-0", "day-text", "extra-key", "29-february", "month-13",
        "year-day", "static"])
def test_a_wrong_schedule_is_a_catalogue_error_in_chinese(repo, text, expected):
    if text.startswith("freshness"):
        path = repo.root / "catalogue" / "columns.yml"
        source = path.read_text("utf-8").replace("  freshness: periodic\n  applies_to: []", "  applies_to: []")
        path.write_text(source, encoding="utf-8")
    reschedule(repo, text)
    loaded = load(str(repo.root))
    (problem,) = [p for p in loaded.problems if p.message.startswith("栏目 hjzl：")]
    assert (problem.code, problem.path, problem.severity) == ("catalogue", "catalogue/columns.yml", "error")
    assert expected in problem.message
    assert "hjzl" not in loaded.catalogue.columns


def test_the_annual_report_column_takes_no_schedule(repo):
    path = repo.root / "catalogue" / "columns.yml"
    source = path.read_text("utf-8")
    path.write_text(source.replace("  role: annual-report\n", "  role: annual-report\n  schedule: {every: year, by: '01-31'}\n"),
                    encoding="utf-8")
    (problem,) = [p for p in load(str(repo.root)).problems if "ndbg" in p.message]
    assert "annual_report_deadline" in problem.message and "请删去 schedule" in problem.message
