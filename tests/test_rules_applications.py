"""The register rules (依申请公开登记簿 content/<unit>/_annual/<year>/applications.yml):
application-overdue, due-soon, application-schema and personal-data on a register.

Due dates are counted by hand on the PRC calendar (the comment says which holidays) and checked
against ``chinese_calendar`` directly; every line number is counted in the register text here.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from gitrepo import POLICY
from xxgk.core import load
from xxgk.rules import check

REGISTER = "content/czj/_annual/2025/applications.yml"
DAY = timedelta(days=1)


def test_the_policy_numbers_these_tests_were_written_for():
    assert POLICY["application"] == {"reply_working_days": 20, "extension_working_days": 20,
                                     "correction_request_working_days": 7}
    assert POLICY["due_soon_days"] == 3
    assert POLICY["severity"]["due-soon"] == "warning"


def working_days_after(start: date, count: int) -> date:
    day = start
    while count:
        day += DAY
        count -= chinese_calendar.is_workday(day)
    return day


def write_register(repo, text: str, unit: str = "czj", year: str = "2025"):
    folder = repo.root / "content" / unit / "_annual" / year
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "applications.yml").write_text(text, encoding="utf-8")


def run(repo, as_of, *codes):
    loaded = load(str(repo.root))
    assert loaded.problems == (), [p.format() for p in loaded.problems]
    return check(loaded, as_of, use_git=False, only=set(codes))


def at_register(report, code):
    return [f for f in report.findings if f.code == code and f.path == REGISTER]


# -- application-overdue and due-soon ---------------------------------------------------------------

# line 1 comment; 2025-001 lines 2–7 (replied in time); 2025-002 lines 8–11 (open);
# 2025-003 lines 12–16 (open, extended); 2025-004 lines 17–21 (open, paused 5 days);
# 2025-005 lines 22–27 (replied late); 2025-006 lines 28–31 (open, over 国庆)
OPEN_REGISTER = """\
# 测试登记簿
- number: "2025-001"
  received: 2025-03-03
  applicant: 自然人
  subject: 申请公开某专项资金分配结果
  replied: 2025-03-20
  outcome: 予以公开
- number: "2025-002"
  received: 2025-03-03
  applicant: 商业企业
  subject: 申请公开某采购项目验收报告
- number: "2025-003"
  received: 2025-03-03
  applicant: 科研机构
  subject: 申请公开历年绩效评价数据
  extended: true
- number: "2025-004"
  received: 2025-03-03
  applicant: 社会公益组织
  subject: 申请公开某项目合同（征求第三方意见）
  paused_days: 5
- number: "2025-005"
  received: 2025-03-03
  applicant: 法律服务机构
  subject: 申请公开某评审报告
  replied: 2025-05-06
  outcome: 部分公开
- number: "2025-006"
  received: 2025-09-22
  applicant: 其他
  subject: 申请公开某补助资金拨付情况
"""
LINES = {"2025-001": 2, "2025-002": 8, "2025-003": 12, "2025-004": 17, "2025-005": 22, "2025-006": 28}

# Due dates, by hand:
# 2025-03-03 + 20 working days: March 4–7 (4), 10–14 (9), 17–21 (14), 24–28 (19), 31 (20) → 2025-03-31.
# + 25 (paused 5): April 1–3 (23), 清明 04-04 off, 7 (24), 8 (25) → 2025-04-08.
# + 40 (extended): April 7–11 (28), 14–18 (33), 21–25 (38), Sunday 04-27 worked (39), 28 (40) → 2025-04-28.
# 2025-09-22 + 20: Sept 23–26 (4), Sunday 09-28 worked (5), 29–30 (7), 国庆 10-01..08 off, 9–10 (9),
# Saturday 10-11 worked (10), 13–17 (15), 20–24 (20) → 2025-10-24.
DUE = {"2025-002": date(2025, 3, 31), "2025-004": date(2025, 4, 8), "2025-003": date(2025, 4, 28),
       "2025-006": date(2025, 10, 24)}


def test_hand_counted_due_dates_agree_with_the_calendar_and_the_model(repo):
    assert working_days_after(date(2025, 3, 3), 20) == DUE["2025-002"]
    assert working_days_after(date(2025, 3, 3), 25) == DUE["2025-004"]
    assert working_days_after(date(2025, 3, 3), 40) == DUE["2025-003"]
    assert working_days_after(date(2025, 9, 22), 20) == DUE["2025-006"]
    write_register(repo, OPEN_REGISTER)
    apps = {a.number: a for a in load(str(repo.root)).applications}
    assert {n: apps[n].due(POLICY) for n in DUE} == DUE
    assert {n: apps[n].line for n in apps} == LINES
    assert {a.path for a in apps.values()} == {REGISTER}


@pytest.mark.parametrize("number", sorted(DUE))
def test_overdue_fires_the_day_after_the_due_date_not_on_it(repo, number):
    write_register(repo, OPEN_REGISTER)
    due = DUE[number]
    on_due = [f for f in at_register(run(repo, due, "application-overdue"), "application-overdue")
              if number in f.message]
    assert on_due == []
    report = run(repo, due + DAY, "application-overdue")
    (finding,) = [f for f in at_register(report, "application-overdue") if number in f.message]
    assert finding.path == REGISTER and finding.line == LINES[number]
    assert finding.severity == "error" and finding.unit == "czj"
    assert str(due) in finding.message and "1 天" in finding.message
    assert report.failed


def test_overdue_lists_every_open_late_application_and_never_a_replied_one(repo):
    write_register(repo, OPEN_REGISTER)
    # 2025-05-01: 002 (due 03-31), 004 (04-08), 003 (04-28) open and late; 005 is late too (replied only
    # 05-06) and still open on 05-01; 001 replied in time; 006 not received yet.
    found = at_register(run(repo, date(2025, 5, 1), "application-overdue"), "application-overdue")
    assert sorted(f.line for f in found) == [LINES["2025-002"], LINES["2025-003"], LINES["2025-004"],
                                             LINES["2025-005"]]
    # after 005's reply (late, but replied): it never fires again, nor does 001
    for day in (date(2025, 5, 6), date(2025, 6, 1), date(2025, 12, 31)):
        lines = {f.line for f in at_register(run(repo, day, "application-overdue"), "application-overdue")}
        assert LINES["2025-005"] not in lines and LINES["2025-001"] not in lines


def test_overdue_silent_before_receipt_and_once_replied(repo):
    write_register(repo, OPEN_REGISTER.replace("  subject: 申请公开某采购项目验收报告\n",
                                               "  subject: 申请公开某采购项目验收报告\n  replied: 2025-04-15\n"
                                               "  outcome: 予以公开\n"))
    # 002 replied late (04-15) but replied: silent from then on
    assert not [f for f in at_register(run(repo, date(2025, 4, 15), "application-overdue"), "application-overdue")
                if "2025-002" in f.message]
    # before 006 was received nothing about it
    assert not [f for f in at_register(run(repo, date(2025, 9, 21), "application-overdue"), "application-overdue")
                if "2025-006" in f.message]


@pytest.mark.parametrize("offset, fires", [(-4, False), (-3, False), (-2, True), (-1, True), (0, True), (1, False)])
def test_due_soon_warns_inside_the_window_before_the_due_date(repo, offset, fires):
    """due_soon_days = 3: a warning when fewer than 3 days are left, up to the due date itself."""
    write_register(repo, OPEN_REGISTER)
    due = DUE["2025-006"]  # 2025-10-24, no other application is open around it
    report = run(repo, due + offset * DAY, "due-soon")
    found = at_register(report, "due-soon")
    if not fires:
        assert found == []
        return
    (finding,) = found
    assert "2025-006" in finding.message and str(due) in finding.message
    assert finding.line == LINES["2025-006"] and finding.severity == "warning"
    assert not report.failed


def test_due_soon_is_silent_for_replied_applications(repo):
    write_register(repo, OPEN_REGISTER.replace("  subject: 申请公开某补助资金拨付情况\n",
                                               "  subject: 申请公开某补助资金拨付情况\n  replied: 2025-10-20\n"
                                               "  outcome: 予以公开\n"))
    assert at_register(run(repo, date(2025, 10, 23), "due-soon"), "due-soon") == []


# -- application-schema ------------------------------------------------------------------------------

# One valid entry (lines 2–7) after a comment line, then the entry under test from line 8.
VALID = """\
# 测试登记簿
- number: "2025-001"
  received: 2025-03-03
  applicant: 自然人
  subject: 申请公开某专项资金分配结果
  replied: 2025-03-20
  outcome: 予以公开
"""

SCHEMA_CASES = {
    # id: (entry from line 8, expected line, words in the message)
    "bad-applicant": ("""\
- number: "2025-002"
  received: 2025-04-01
  applicant: 个人
  subject: 申请公开某资金
""", 10, "申请人类型"),
    "missing-number": ("""\
- received: 2025-04-01
  applicant: 自然人
  subject: 申请公开某资金
""", 8, "受理编号"),
    "replied-before-received": ("""\
- number: "2025-002"
  received: 2025-04-10
  applicant: 自然人
  subject: 申请公开某资金
  replied: 2025-04-01
  outcome: 予以公开
""", 12, "早于收到日期"),
    "outcome-not-in-vocabulary": ("""\
- number: "2025-002"
  received: 2025-04-10
  applicant: 自然人
  subject: 申请公开某资金
  replied: 2025-04-20
  outcome: 同意公开
""", 13, "办理结果"),
    "outcome-without-reply": ("""\
- number: "2025-002"
  received: 2025-04-10
  applicant: 自然人
  subject: 申请公开某资金
  outcome: 予以公开
""", 12, "未答复"),
    "duplicate-number": ("""\
- number: "2025-001"
  received: 2025-04-10
  applicant: 商业企业
  subject: 申请公开另一项资金
""", 8, "重复"),
    "received-in-another-year": ("""\
- number: "2025-002"
  received: 2024-12-30
  applicant: 自然人
  subject: 申请公开某资金
""", 9, "2025"),
    "invalid-date": ("""\
- number: "2025-002"
  received: 2025-02-30
  applicant: 自然人
  subject: 申请公开某资金
""", 9, "received"),
    "unknown-field": ("""\
- number: "2025-002"
  received: 2025-04-10
  applicant: 自然人
  applicant_name: 张某
  subject: 申请公开某资金
""", 11, "未知字段"),
}


@pytest.mark.parametrize("case", sorted(SCHEMA_CASES))
def test_application_schema(repo, case):
    entry, line, words = SCHEMA_CASES[case]
    write_register(repo, VALID + entry)
    loaded = load(str(repo.root))
    (problem,) = loaded.problems
    assert problem.code == "application-schema" and problem.severity == "error"
    assert problem.path == REGISTER and problem.line == line and problem.unit == "czj"
    assert words in problem.message
    # the bad entry is left out of the model; the valid one (and, for a duplicate, the first) stays
    assert [(a.number, a.received) for a in loaded.applications] == [("2025-001", date(2025, 3, 3))]
    report = check(loaded, date(2025, 6, 1), use_git=False, only={"application-overdue"})
    assert [(f.code, f.line) for f in report.findings] == [("application-schema", line)] and report.failed


def test_register_not_a_list(repo):
    write_register(repo, "number: 2025-001\n")
    (problem,) = load(str(repo.root)).problems
    assert (problem.code, problem.path, problem.line) == ("application-schema", REGISTER, 1)


# -- personal-data in a register -----------------------------------------------------------------------

def test_personal_data_fires_on_a_mobile_number_in_a_subject(repo):
    write_register(repo, VALID + """\
- number: "2025-002"
  received: 2025-04-10
  applicant: 自然人
  subject: 申请公开补贴发放情况，联系电话13812345678
- number: "2025-003"
  received: 2025-04-11
  applicant: 自然人
  subject: 申请公开补贴发放情况，联系电话138****5678（已遮盖）
""")
    report = run(repo, date(2025, 6, 1), "personal-data")
    (finding,) = report.findings
    assert finding.code == "personal-data" and finding.severity == "error"
    assert finding.path == REGISTER and finding.line == 8 and finding.unit == "czj"
    assert "2025-002" in finding.message and "手机号码" in finding.message
    assert "138****5678" in finding.message and "13812345678" not in finding.message
