"""The register's newer fields (依申请公开登记簿 content/<unit>/_annual/<year>/applications.yml):
``fee_yuan`` (信息处理费, 国办函〔2020〕109号), ``correction`` (补正, 条例第三十条) and the
working-day calendar's "year unknown" flag on reply deadlines.

Every date is counted by hand on the PRC calendar (the comment says which holidays); every line
number is counted in the register text here.
"""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.core import load
from xxgk.rules import check

REGISTER = "content/czj/_annual/2025/applications.yml"
REGISTER_2026 = "content/czj/_annual/2026/applications.yml"


def write_register(repo, text: str, year: str = "2025"):
    folder = repo.root / "content" / "czj" / "_annual" / year
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "applications.yml").write_text(text, encoding="utf-8")


def loaded_clean(repo):
    loaded = load(str(repo.root))
    assert loaded.problems == (), [p.format() for p in loaded.problems]
    return loaded


def findings(repo, as_of, *codes):
    return check(loaded_clean(repo), as_of, use_git=False, only=set(codes)).findings


# Lines 1–6 an entry; the field under test goes on line 7.
ENTRY = """\
- number: "2025-001"
  received: 2025-03-03
  applicant: 自然人
  subject: 申请公开某专项资金分配结果
  replied: 2025-03-20
  outcome: 予以公开
"""


# -- fee_yuan (信息处理费) --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [("", 0), ("  fee_yuan: 0\n", 0), ("  fee_yuan: 200\n", 200),
                                            ("  fee_yuan: 150.5\n", 150.5)])
def test_fee_yuan_is_read_and_defaults_to_nothing_charged(repo, text, expected):
    write_register(repo, ENTRY + text)
    (application,) = loaded_clean(repo).applications
    assert application.fee_yuan == expected


@pytest.mark.parametrize("value", ["-1", "true", "一百元", "\"100\"", "null"])
def test_fee_yuan_must_be_a_number_not_below_zero(repo, value):
    write_register(repo, ENTRY + f"  fee_yuan: {value}\n")
    loaded = load(str(repo.root))
    (problem,) = loaded.problems
    assert (problem.code, problem.path, problem.line) == ("application-schema", REGISTER, 7)
    assert "fee_yuan" in problem.message and "信息处理费" in problem.message
    assert loaded.applications == ()


# -- correction (补正, 条例第三十条) -----------------------------------------------------------------------

LAPSED = "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
STILL_UNCLEAR = "无法提供/补正后申请内容仍不明确"


def corrected(received: str, requested: str, corrected_on: str | None = None, deadline: str | None = None,
              extra: str = "", number: str = "2025-001") -> str:
    """One application (lines 1–8, +1 with a deadline, +1 with a correction received)."""
    text = (f'- number: "{number}"\n  received: {received}\n  applicant: 自然人\n'
            f"  subject: 申请公开某专项资金分配结果\n  correction:\n    requested: {requested}\n")
    if deadline:
        text += f"    deadline: {deadline}\n"
    if corrected_on:
        text += f"    received: {corrected_on}\n"
    return text + extra


def test_the_reply_clock_restarts_on_the_corrected_application_demo_dates(repo):
    # Received Fri 2026-10-09: 20 working days would end 2026-11-05 (Sat 10-10 is a 调休 working day:
    # 10-10 (1), 12–16 (6), 19–23 (11), 26–30 (16), Nov 2–5 (20)) — overdue on 11-20 without the
    # restart. Corrected application received Fri 10-30: Nov 2–6 (5), 9–13 (10), 16–20 (15), 23–27 (20)
    # → due 2026-11-27.
    write_register(repo, corrected("2026-10-09", "2026-10-13", "2026-10-30").replace("2025-001", "2026-001"),
                   year="2026")
    (application,) = loaded_clean(repo).applications
    assert application.due({"application": {"reply_working_days": 20}}) == date(2026, 11, 27)
    assert application.correction.requested == date(2026, 10, 13)
    assert application.correction.received == date(2026, 10, 30)
    for day in (date(2026, 11, 20), date(2026, 11, 27)):
        assert [f for f in findings(repo, day, "application-overdue") if f.path == REGISTER_2026] == []
    (late,) = [f for f in findings(repo, date(2026, 11, 28), "application-overdue") if f.path == REGISTER_2026]
    assert "2026-11-27" in late.message and "补正" in late.message and late.severity == "error"
    assert late.line == 1


def test_the_restart_keeps_the_extension_and_the_paused_days(repo):
    # Corrected application received Mon 2025-03-10, extended (+20) and paused 2 days: 42 working days.
    # Mar 11–14 (4), 17–21 (9), 24–28 (14), 31 (15), Apr 1–3 (18), 清明 04-04 off, 7–11 (23), 14–18 (28),
    # 21–25 (33), Sun 04-27 worked (34), 28–30 (37), 劳动节 05-01..05 off, 6–9 (41), 12 (42) → 2025-05-12.
    write_register(repo, corrected("2025-03-03", "2025-03-05", "2025-03-10",
                                   extra="  extended: true\n  paused_days: 2\n"))
    (application,) = loaded_clean(repo).applications
    assert application.due({"application": {"reply_working_days": 20, "extension_working_days": 20}}) \
        == date(2025, 5, 12)


def test_while_the_applicant_has_not_corrected_the_clock_is_stopped(repo):
    write_register(repo, corrected("2025-03-03", "2025-03-05"))
    (application,) = loaded_clean(repo).applications
    assert application.due({"application": {}}) is None
    assert application.open_at(date(2025, 12, 31))
    for day in (date(2025, 4, 1), date(2025, 12, 31)):
        assert findings(repo, day, "application-overdue", "due-soon") == ()


# Received Mon 2025-03-03: Mar 4–7 (4), 10–12 (7) → the correction must be requested by 2025-03-12.
# Received Fri 2025-09-26: Sun 09-28 worked (1), 29–30 (3), 国庆 10-01..08 off, 9–10 (5), Sat 10-11 worked (6),
# 13 (7) → by 2025-10-13.
@pytest.mark.parametrize("received, requested, fires", [
    ("2025-03-03", "2025-03-03", False), ("2025-03-03", "2025-03-12", False), ("2025-03-03", "2025-03-13", True),
    ("2025-09-26", "2025-10-13", False), ("2025-09-26", "2025-10-14", True)])
def test_correction_late_when_not_requested_within_7_working_days(repo, received, requested, fires):
    write_register(repo, corrected(received, requested, extra="  replied: 2025-12-01\n  outcome: 予以公开\n"))
    found = findings(repo, date(2025, 12, 31), "correction-late")
    if not fires:
        assert found == ()
        return
    (finding,) = found
    assert (finding.path, finding.line, finding.unit, finding.severity) == (REGISTER, 6, "czj", "error")
    by = {"2025-03-03": "2025-03-12", "2025-09-26": "2025-10-13"}[received]
    assert by in finding.message and "7 个工作日" in finding.message and "第三十条" in finding.message


def test_correction_lapsed_warns_once_the_correction_period_has_passed(repo):
    write_register(repo, corrected("2025-03-03", "2025-03-05", deadline="2025-03-20"))
    assert findings(repo, date(2025, 3, 20), "correction-lapsed") == ()
    (finding,) = findings(repo, date(2025, 3, 21), "correction-lapsed")
    assert (finding.path, finding.line, finding.severity) == (REGISTER, 7, "warning")
    assert "2025-03-20" in finding.message and "逾期不补正" in finding.message
    # closed as 逾期不补正: silent
    write_register(repo, corrected("2025-03-03", "2025-03-05", deadline="2025-03-20",
                                   extra=f"  replied: 2025-03-24\n  outcome: {LAPSED}\n"))
    assert findings(repo, date(2025, 3, 25), "correction-lapsed") == ()
    # corrected late but corrected: the clock runs again, no lapse warning
    write_register(repo, corrected("2025-03-03", "2025-03-05", "2025-03-24", deadline="2025-03-20"))
    assert findings(repo, date(2025, 3, 25), "correction-lapsed") == ()


CORRECTION_SCHEMA = {
    # id: (register text, line, words)
    "not-a-mapping": ('- number: "2025-001"\n  received: 2025-03-03\n  applicant: 自然人\n'
                      "  subject: 申请公开某资金\n  correction: 2025-03-05\n", 5, "correction"),
    "requested-missing": ('- number: "2025-001"\n  received: 2025-03-03\n  applicant: 自然人\n'
                          "  subject: 申请公开某资金\n  correction:\n    received: 2025-03-10\n", 5, "requested"),
    "requested-before-receipt": (corrected("2025-03-03", "2025-03-01"), 6, "早于收到申请"),
    "requested-invalid": (corrected("2025-03-03", "2025-02-30"), 6, "requested"),
    "corrected-before-requested": (corrected("2025-03-03", "2025-03-05", "2025-03-04"), 7, "早于"),
    "deadline-before-requested": (corrected("2025-03-03", "2025-03-05", deadline="2025-03-04"), 7, "deadline"),
    "unknown-key": (corrected("2025-03-03", "2025-03-05") + "    note: 电话告知\n", 7, "未知字段"),
    "replied-before-corrected": (corrected("2025-03-03", "2025-03-05", "2025-03-10",
                                           extra="  replied: 2025-03-07\n  outcome: 予以公开\n"), 8, "补正"),
    "replied-before-requested": (corrected("2025-03-03", "2025-03-05",
                                           extra="  replied: 2025-03-04\n  outcome: 予以公开\n"), 7, "告知补正日期"),
    "lapsed-but-corrected": (corrected("2025-03-03", "2025-03-05", "2025-03-10",
                                       extra=f"  replied: 2025-03-20\n  outcome: {LAPSED}\n"), 9, "correction.received"),
    "still-unclear-but-never-corrected": (corrected("2025-03-03", "2025-03-05",
                                                    extra=f"  replied: 2025-03-20\n  outcome: {STILL_UNCLEAR}\n"),
                                          8, "correction.received"),
}


@pytest.mark.parametrize("case", sorted(CORRECTION_SCHEMA))
def test_correction_schema(repo, case):
    text, line, words = CORRECTION_SCHEMA[case]
    write_register(repo, text)
    loaded = load(str(repo.root))
    (problem,) = loaded.problems
    assert (problem.code, problem.path, problem.line, problem.severity) == ("application-schema", REGISTER, line,
                                                                            "error")
    assert words in problem.message
    assert loaded.applications == ()


@pytest.mark.parametrize("outcome, needed", [(LAPSED, "correction.requested"), (STILL_UNCLEAR, "correction.received")])
def test_correction_unrecorded_warns_and_keeps_an_older_entry_counted(repo, outcome, needed):
    write_register(repo, '- number: "2025-001"\n  received: 2025-03-03\n  applicant: 自然人\n'
                         f"  subject: 申请公开某资金\n  replied: 2025-03-20\n  outcome: {outcome}\n")
    (application,) = loaded_clean(repo).applications  # still in the model: the annual report counts it
    assert application.outcome == outcome
    (finding,) = findings(repo, date(2025, 6, 1), "correction-unrecorded")
    assert (finding.path, finding.line, finding.severity) == (REGISTER, 1, "warning")
    assert needed in finding.message and "第三十条" in finding.message


def test_a_lapsed_or_still_unclear_outcome_is_valid_with_its_correction(repo):
    write_register(repo, corrected("2025-03-03", "2025-03-05", deadline="2025-03-20",
                                   extra=f"  replied: 2025-03-24\n  outcome: {LAPSED}\n")
                   + corrected("2025-03-03", "2025-03-05", "2025-03-10", number="2025-002",
                               extra=f"  replied: 2025-03-24\n  outcome: {STILL_UNCLEAR}\n"))
    assert [a.outcome for a in loaded_clean(repo).applications] == [LAPSED, STILL_UNCLEAR]
    assert findings(repo, date(2025, 6, 1), "correction-unrecorded", "correction-lapsed", "correction-late") == ()


def test_the_correction_request_period_comes_from_the_policy(repo):
    # Received Mon 2025-03-03: 3 working days → Thu 2025-03-06; 7 → Wed 2025-03-12 (counted above).
    write_register(repo, corrected("2025-03-03", "2025-03-05"))
    (application,) = loaded_clean(repo).applications
    assert application.correction_due({"application": {"correction_request_working_days": 3}}) \
        == (date(2025, 3, 6), True)
    assert application.correction_due({"application": {"correction_request_working_days": 7}}) \
        == (date(2025, 3, 12), True)


# -- the calendar's unknown years (chinese_calendar has no 2027 data in the version pinned) -------------

def test_the_calendar_these_tests_were_written_for():
    from xxgk.core.workdays import is_workday

    assert is_workday(date(2026, 12, 31)) == (True, True)
    assert is_workday(date(2027, 1, 4))[1] is False


# Received Thu 2026-12-10, counted Mon–Fri once 2027 begins: Dec 11 (1), 14–18 (6), 21–25 (11), 28–31 (15),
# Fri 2027-01-01 (16, a holiday in every year so far, but unknown here), Jan 4–7 (20) → 2027-01-07.
UNKNOWN_YEAR = ('- number: "2026-001"\n  received: 2026-12-10\n  applicant: 自然人\n'
                "  subject: 申请公开某专项资金分配结果\n")


def test_overdue_in_an_unknown_year_is_a_warning_that_says_so(repo):
    write_register(repo, UNKNOWN_YEAR, year="2026")
    assert findings(repo, date(2027, 1, 7), "application-overdue") == ()
    report = check(loaded_clean(repo), date(2027, 1, 8), use_git=False, only={"application-overdue"})
    (finding,) = report.findings
    assert (finding.path, finding.line, finding.severity) == (REGISTER_2026, 1, "warning")
    assert "2027-01-07" in finding.message and "周一至周五" in finding.message and "日历数据尚未包含" in finding.message
    assert not report.failed


def test_due_soon_in_an_unknown_year_says_so(repo):
    write_register(repo, UNKNOWN_YEAR, year="2026")
    (finding,) = findings(repo, date(2027, 1, 6), "due-soon")
    assert "2027-01-07" in finding.message and "周一至周五" in finding.message and finding.severity == "warning"


def test_a_known_year_keeps_its_error_and_says_nothing_about_the_calendar(repo):
    # Received Thu 2026-11-05: Nov 6 (1), 9–13 (6), 16–20 (11), 23–27 (16), Nov 30–Dec 3 (20) → 2026-12-03.
    write_register(repo, UNKNOWN_YEAR.replace("2026-12-10", "2026-11-05"), year="2026")
    (finding,) = findings(repo, date(2026, 12, 4), "application-overdue")
    assert finding.severity == "error" and "2026-12-03" in finding.message and "周一至周五" not in finding.message


def test_correction_late_in_an_unknown_year_is_a_warning(repo):
    # Received Mon 2026-12-28: 29–31 (3), Fri 2027-01-01 (4, Mon–Fri), Jan 4–6 (7) → by 2027-01-06.
    write_register(repo, corrected("2026-12-28", "2027-01-07", number="2026-001"), year="2026")
    (finding,) = findings(repo, date(2027, 2, 1), "correction-late")
    assert finding.severity == "warning" and "2027-01-06" in finding.message and "周一至周五" in finding.message


def test_the_demo_register_shows_the_restart_and_a_stopped_clock():
    from conftest import PROJECT

    apps = {a.number: a for a in load(str(PROJECT)).applications if a.unit == "czj" and a.year == 2026}
    policy = {"application": {"reply_working_days": 20}}
    # counted by hand in test_the_reply_clock_restarts_on_the_corrected_application_demo_dates
    assert apps["2026-002"].due(policy) == date(2026, 11, 27) and apps["2026-002"].replied == date(2026, 11, 19)
    assert apps["2026-003"].due(policy) is None and apps["2026-003"].open_at(date(2026, 11, 20))
    assert apps["2026-001"].outcome.startswith("其他处理/申请人无正当理由逾期不补正")
