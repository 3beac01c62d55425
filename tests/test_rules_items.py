"""The gate's item rules: each one fires where it should, stays quiet where it should not, and
points at the file and line an editor would fix, in Chinese.

Every expected line is computed from the file the test wrote; every number comes from
catalogue/policy.yml; every working day comes from the ``chinese_calendar`` package, not from
the code under test.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
import yaml

import xxgk.rules
from xxgk.core import load
from files import pdf_bytes
from conftest import DEPT_CODE, PROJECT

POLICY = yaml.safe_load((PROJECT / "catalogue" / "policy.yml").read_text("utf-8"))
PUBLISH_WITHIN = int(POLICY["publish_within_working_days"])
INTERPRET_WITHIN = int(POLICY["interpretation_within_working_days"])

# Rules about columns and units, not about one item: a lone item leaves other columns blank.
UNIT_CODES = {"stale-column", "due-soon", "blank-column", "stale-home", "veto", "annual-report-missing"}


# -- helpers ------------------------------------------------------------------------------------


def idx(serial: int, year: int = 2025) -> str:
    return f"{DEPT_CODE}/{year}-{serial:05d}"


def review(on: str) -> dict:
    return {"reviewer": "王敏", "date": on, "result": "不涉密，同意公开"}


def run(repo, as_of: date, code: str | None):
    """Findings of the gate without git; ``code`` limits the rules run to that one.

    Loader problems always come through, so expecting exactly [code] (or nothing) also proves
    the items the test wrote load cleanly.
    """
    report = xxgk.rules.check(load(str(repo.root)), as_of, use_git=False, only={code} if code else None)
    return list(report.findings)


def fired(repo, as_of: date, code: str, count: int = 1):
    found = run(repo, as_of, code)
    assert [f.code for f in found] == [code] * count, [f.format() for f in found]
    return found[0] if count == 1 else found


def quiet(repo, as_of: date, code: str) -> None:
    found = run(repo, as_of, code)
    assert found == [], [f.format() for f in found]


def rel(repo, path: Path) -> str:
    return path.relative_to(repo.root).as_posix()


def line_of(path: Path, prefix: str) -> int:
    """1-based line of the first line starting with ``prefix``."""
    lines = path.read_text("utf-8").split("\n")
    return next(n for n, text in enumerate(lines, start=1) if text.startswith(prefix))


def nested_line(path: Path, parent: str, key: str) -> int:
    """1-based line of ``key:`` inside the front-matter block ``parent:``."""
    lines = path.read_text("utf-8").split("\n")
    start = line_of(path, f"{parent}:")
    return next(n for n, text in enumerate(lines, start=1)
                if n > start and text[:1] == " " and text.lstrip().startswith(f"{key}:"))


def body_line(path: Path, snippet: str) -> int:
    """1-based line of the first body line (after the closing ---) containing ``snippet``."""
    lines = path.read_text("utf-8").split("\n")
    close = lines.index("---", 1)
    return next(n for n, text in enumerate(lines, start=1) if n > close + 1 and snippet in text)


def nth_working_day(start: date, n: int) -> date:
    """The n-th PRC working day after ``start`` (start not counted), by chinese_calendar."""
    day = start
    while n:
        day += timedelta(days=1)
        n -= chinese_calendar.is_workday(day)
    return day


def nth_weekday(start: date, n: int) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        n -= day.weekday() < 5
    return day


# -- doc-number-format ----------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["青财预〔2020〕3号", "青政办发〔2024〕112号", "青财预〔2020〕 3号"])
def test_doc_number_in_hexagonal_brackets_is_accepted(repo, number):
    repo.item(doc_number=number)
    quiet(repo, date(2025, 3, 20), "doc-number-format")


def test_item_without_doc_number_is_not_checked(repo):
    repo.item(doc_number=None)
    quiet(repo, date(2025, 3, 20), "doc-number-format")


@pytest.mark.parametrize("wrong", ["[2020]", "（2020）", "(2020)", "【2020】"])
def test_doc_number_with_lookalike_brackets_suggests_the_hexagonal_ones(repo, wrong):
    number = f"青财预{wrong}3号"
    path = repo.item(doc_number=number)
    finding = fired(repo, date(2025, 3, 20), "doc-number-format")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "doc_number:"))
    assert (finding.unit, finding.column) == ("czj", "gzdt")
    assert number in finding.message and "格式错误" in finding.message
    assert f"“{wrong}”改为“〔2020〕”" in finding.message and "六角括号" in finding.message


def test_doc_number_without_hao_says_it_must_end_with_hao(repo):
    path = repo.item(doc_number="青财预〔2020〕3")
    finding = fired(repo, date(2025, 3, 20), "doc-number-format")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "doc_number:"))
    assert "青财预〔2020〕3" in finding.message and "应以“号”结尾" in finding.message


@pytest.mark.parametrize("number, fixed", [
    ("青财预〔2026〕015号", "青财预〔2026〕15号"),
    ("青财预〔2026〕01号", "青财预〔2026〕1号"),
    ("青政办发〔2026〕0012号", "青政办发〔2026〕12号"),
    ("青财预〔2026〕 07号", "青财预〔2026〕7号"),
], ids=["015", "01", "0012", "space-07"])
def test_padded_serial_is_flagged_with_the_unpadded_form(repo, number, fixed):
    # GB/T 9704-2012 7.2.5: 发文顺序号“不编虚位（即1不编为01）”.
    path = repo.item(doc_number=number)
    finding = fired(repo, date(2026, 3, 20), "doc-number-format")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "doc_number:"))
    assert number in finding.message and f"序号不编虚位：应写作{fixed}" in finding.message


@pytest.mark.parametrize("number", ["青财预〔2026〕0号", "青财预〔2026〕00号"])
def test_serial_zero_is_flagged(repo, number):
    path = repo.item(doc_number=number)
    finding = fired(repo, date(2026, 3, 20), "doc-number-format")
    assert finding.line == line_of(path, "doc_number:")
    assert number in finding.message and "序号从1起编" in finding.message


def test_serial_with_di_is_flagged(repo):
    # GB/T 9704-2012 7.2.5: 发文顺序号“不加‘第’字”.
    repo.item(doc_number="青财预〔2026〕第15号")
    finding = fired(repo, date(2026, 3, 20), "doc-number-format")
    assert "不加“第”字：应写作青财预〔2026〕15号" in finding.message


@pytest.mark.parametrize("number", ["青财预〔2026〕10号", "青财预〔2026〕100号", "青财预〔2026〕1号"])
def test_serial_with_an_inner_or_trailing_zero_is_accepted(repo, number):
    repo.item(doc_number=number)
    quiet(repo, date(2026, 3, 20), "doc-number-format")


# -- late-publication -------------------------------------------------------------------------------

SPRING_FORMED = date(2026, 2, 2)


def spring_item(repo, published: date):
    return repo.item(index=idx(1, published.year), formed=SPRING_FORMED.isoformat(),
                     published=published.isoformat(), review=review(published.isoformat()))


def test_calendar_facts_of_spring_festival_2026():
    """The expectations below rest on these: holiday 02-15..02-23 off, Saturdays 02-14 and
    02-28 worked (调休); so the 20th working day after 02-02 is 03-06 and the 21st is 03-09."""
    holiday = [date(2026, 2, 15) + timedelta(days=n) for n in range(9)]
    assert not any(chinese_calendar.is_workday(d) for d in holiday)
    assert chinese_calendar.is_workday(date(2026, 2, 14)) and chinese_calendar.is_workday(date(2026, 2, 28))
    assert nth_working_day(SPRING_FORMED, PUBLISH_WITHIN) == date(2026, 3, 6)
    assert nth_working_day(SPRING_FORMED, PUBLISH_WITHIN + 1) == date(2026, 3, 9)
    # Mon–Fri only would end on 03-02; ignoring the 调休 Saturdays would end on 03-10.
    assert nth_weekday(SPRING_FORMED, PUBLISH_WITHIN) == date(2026, 3, 2)


def test_published_on_the_last_working_day_across_spring_festival_is_on_time(repo):
    spring_item(repo, nth_working_day(SPRING_FORMED, PUBLISH_WITHIN))
    quiet(repo, date(2026, 3, 20), "late-publication")


def test_published_after_a_naive_weekday_deadline_is_still_on_time(repo):
    # Counting Monday–Friday only, 2026-03-05 would be late; the holiday makes it timely.
    published = nth_weekday(SPRING_FORMED, PUBLISH_WITHIN) + timedelta(days=3)
    assert published <= nth_working_day(SPRING_FORMED, PUBLISH_WITHIN)
    spring_item(repo, published)
    quiet(repo, date(2026, 3, 20), "late-publication")


@pytest.mark.parametrize("days_after", [1, 3])  # the Saturday after, and the 21st working day
def test_published_after_the_20th_working_day_across_spring_festival_is_late(repo, days_after):
    deadline = nth_working_day(SPRING_FORMED, PUBLISH_WITHIN)
    published = deadline + timedelta(days=days_after)
    if days_after == 3:
        assert published == nth_working_day(SPRING_FORMED, PUBLISH_WITHIN + 1)
    path = spring_item(repo, published)
    finding = fired(repo, date(2026, 3, 20), "late-publication")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "published:"))
    assert str(published) in finding.message and str(SPRING_FORMED) in finding.message
    assert str(deadline) in finding.message and f"{PUBLISH_WITHIN} 个工作日" in finding.message
    assert "条例第二十六条" in finding.message
    assert "日历数据尚未包含" not in finding.message


def test_published_on_the_day_formed_is_on_time(repo):
    repo.item(formed="2025-03-05", published="2025-03-05", review=review("2025-03-05"))
    quiet(repo, date(2025, 3, 20), "late-publication")


@pytest.mark.parametrize("mode", ["依申请公开", "不予公开"])
def test_late_item_not_proactively_disclosed_is_not_checked(repo, mode):
    repo.item(mode=mode, formed="2025-01-02", published="2025-06-30", review=review("2025-06-30"))
    quiet(repo, date(2025, 7, 1), "late-publication")


def test_year_unknown_to_the_calendar():
    with pytest.raises(NotImplementedError):  # precondition: the calendar has no data for 2028
        chinese_calendar.is_workday(date(2028, 1, 3))


def test_late_in_a_year_the_calendar_does_not_know_is_a_warning(repo):
    formed = date(2028, 1, 3)
    deadline = nth_weekday(formed, PUBLISH_WITHIN)
    published = nth_weekday(formed, PUBLISH_WITHIN + 1)
    path = repo.item(index=idx(1, 2028), formed=str(formed), published=str(published), review=review(str(published)))
    finding = fired(repo, date(2028, 3, 1), "late-publication")
    assert finding.severity == "warning"
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "published:"))
    assert str(deadline) in finding.message and str(published) in finding.message
    assert "日历数据尚未包含该年度" in finding.message and "周一至周五" in finding.message
    report = xxgk.rules.check(load(str(repo.root)), date(2028, 3, 1), use_git=False, only={"late-publication"})
    assert not report.failed


def test_timely_in_a_year_the_calendar_does_not_know_gives_nothing(repo):
    formed = date(2028, 1, 3)
    published = nth_weekday(formed, PUBLISH_WITHIN)
    repo.item(index=idx(1, 2028), formed=str(formed), published=str(published), review=review(str(published)))
    quiet(repo, date(2028, 3, 1), "late-publication")


# -- missing-review ---------------------------------------------------------------------------------
# Defaults: formed 2025-03-03, published 2025-03-05.


def test_complete_review_gives_nothing(repo):
    repo.item()
    quiet(repo, date(2025, 3, 20), "missing-review")


@pytest.mark.parametrize("on", ["2025-03-03", "2025-03-05"])  # the day formed, the day published
def test_review_on_the_boundary_days_is_accepted(repo, on):
    repo.item(review=review(on))
    quiet(repo, date(2025, 3, 20), "missing-review")


def test_no_review_block(repo):
    path = repo.item(review=None)
    finding = fired(repo, date(2025, 3, 20), "missing-review")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), 1)
    assert "缺少保密审查记录" in finding.message and "先审查、后公开" in finding.message


@pytest.mark.parametrize("drop, label", [("reviewer", "审查人 reviewer"), ("result", "结论 result"), ("date", "日期 date")])
def test_review_missing_a_part(repo, drop, label):
    record = review("2025-03-04")
    del record[drop]
    path = repo.item(review=record)
    finding = fired(repo, date(2025, 3, 20), "missing-review")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "review:"))
    assert "保密审查记录缺少" in finding.message and label in finding.message


def test_review_with_empty_reviewer_and_result_names_both(repo):
    path = repo.item(review={"reviewer": "", "date": "2025-03-04", "result": ""})
    finding = fired(repo, date(2025, 3, 20), "missing-review")
    assert finding.line == line_of(path, "review:")
    assert "审查人 reviewer" in finding.message and "结论 result" in finding.message


def test_review_before_the_item_was_formed(repo):
    path = repo.item(review=review("2025-03-02"))
    finding = fired(repo, date(2025, 3, 20), "missing-review")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), nested_line(path, "review", "date"))
    assert "2025-03-02" in finding.message and "早于生成日期" in finding.message and "2025-03-03" in finding.message


def test_review_after_publication(repo):
    path = repo.item(review=review("2025-03-06"))
    finding = fired(repo, date(2025, 3, 20), "missing-review")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), nested_line(path, "review", "date"))
    assert "2025-03-06" in finding.message and "晚于发布日期" in finding.message and "先审查、后公开" in finding.message


@pytest.mark.parametrize("mode", ["依申请公开", "不予公开"])
def test_item_not_on_the_site_needs_no_review(repo, mode):
    repo.item(mode=mode, review=None)
    quiet(repo, date(2025, 3, 20), "missing-review")


# -- validity ---------------------------------------------------------------------------------------


def replacement(repo, serial=2):
    return repo.item(name="new", column="tzgg", kind="通知公告", index=idx(serial), title="关于印发新办法的通知")


@pytest.mark.parametrize("status", ["废止", "失效", "已修订"])
def test_not_valid_without_date_or_note(repo, status):
    path = repo.item(validity={"status": status})
    finding = fired(repo, date(2025, 3, 20), "validity")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "validity:"))
    assert f"“{status}”" in finding.message and "日期 date" in finding.message and "说明 note" in finding.message


def test_repealed_with_date_but_no_note_names_only_the_note(repo):
    path = repo.item(validity={"status": "废止", "date": "2025-06-01"})
    finding = fired(repo, date(2025, 6, 20), "validity")
    assert finding.line == line_of(path, "validity:")
    assert "说明 note" in finding.message and "日期 date" not in finding.message


def test_replaced_by_an_index_that_does_not_exist(repo):
    missing = idx(99)
    path = repo.item(validity={"status": "废止", "date": "2025-06-01", "note": "已被新办法取代", "replaced_by": missing})
    finding = fired(repo, date(2025, 6, 20), "validity")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), nested_line(path, "validity", "replaced_by"))
    assert missing in finding.message and "不存在" in finding.message


def test_valid_document_must_not_name_a_replacement(repo):
    replacement(repo)
    path = repo.item(validity={"status": "有效", "replaced_by": idx(2)})
    finding = fired(repo, date(2025, 6, 20), "validity")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), nested_line(path, "validity", "replaced_by"))
    assert "有效的文件不应填写 replaced_by" in finding.message


def test_correctly_repealed_with_an_existing_replacement_gives_nothing(repo):
    replacement(repo)
    repo.item(validity={"status": "废止", "date": "2025-06-01", "note": "已被新办法取代", "replaced_by": idx(2)})
    quiet(repo, date(2025, 6, 20), "validity")


def test_explicitly_valid_gives_nothing(repo):
    repo.item(validity={"status": "有效"})
    quiet(repo, date(2025, 3, 20), "validity")


# -- attachment-type --------------------------------------------------------------------------------


def with_files(repo, attachments, names=None, **fields):
    """Attachments beside the item: real PDFs with a text layer (the scanners read them), one
    byte for any other type."""
    path = repo.item(attachments=attachments, **fields)
    for name in names or [a if isinstance(a, str) else a["file"] for a in attachments]:
        (path.parent / name).write_bytes(pdf_bytes(["Implementation rules"]) if name.endswith(".pdf") else b"x")
    return path


def test_executable_attachment(repo):
    path = with_files(repo, ["setup.exe"])
    finding = fired(repo, date(2025, 3, 20), "attachment-type")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "- setup.exe"))
    assert "setup.exe" in finding.message and "“exe”" in finding.message and "不允许上网" in finding.message
    assert "pdf" in finding.message  # it lists the allowed formats


def test_second_attachment_points_at_its_own_line(repo):
    path = with_files(repo, ["实施细则.pdf", {"file": "run.bat", "title": "脚本"}])
    finding = fired(repo, date(2025, 3, 20), "attachment-type")
    assert finding.line == line_of(path, "- file: run.bat") and "run.bat" in finding.message


def test_attachment_without_extension(repo):
    path = with_files(repo, ["说明"])
    finding = fired(repo, date(2025, 3, 20), "attachment-type")
    assert finding.line == line_of(path, "- 说明") and "无扩展名" in finding.message


@pytest.mark.parametrize("name", ["实施细则.pdf", "扫描件.PDF", "统计表.xlsx", "公文.ofd"])
def test_allowed_attachment_gives_nothing(repo, name):
    with_files(repo, [name])
    quiet(repo, date(2025, 3, 20), "attachment-type")


# -- missing-interpretation -------------------------------------------------------------------------

DOC_PUBLISHED = date(2025, 9, 30)  # the window runs across National Day 2025 (10-01..10-08 off, 10-11 worked)


def normative(repo):
    return repo.item(column="gfxwj", name="gfxwj", kind="行政规范性文件", index=idx(1),
                     title="青川市财政局关于印发《财政资金管理办法》的通知", doc_number="青财规〔2025〕1号",
                     formed="2025-09-26", published=str(DOC_PUBLISHED), review=review("2025-09-29"))


def interpretation(repo, published: date, interprets: str = idx(1), kind: str = "政策解读"):
    return repo.item(column="zcjd", name="jd", kind=kind, index=idx(2), interprets=interprets,
                     title="《财政资金管理办法》政策解读", formed=str(DOC_PUBLISHED),
                     published=str(published), review=review(str(published)))


def interpretation_deadline() -> date:
    return nth_working_day(DOC_PUBLISHED, INTERPRET_WITHIN)


def test_interpretation_window_runs_across_national_day():
    assert INTERPRET_WITHIN == 3 and interpretation_deadline() == date(2025, 10, 11)


def test_normative_document_without_interpretation_after_the_window(repo):
    path = normative(repo)
    deadline = interpretation_deadline()
    finding = fired(repo, deadline + timedelta(days=1), "missing-interpretation")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "kind:"))
    assert (finding.unit, finding.column) == ("czj", "gfxwj")
    assert f"{INTERPRET_WITHIN} 个工作日" in finding.message and str(deadline) in finding.message
    assert "政策解读" in finding.message and f"interprets: {idx(1)}" in finding.message and "zcjd" in finding.message


def test_normative_document_still_inside_the_window(repo):
    normative(repo)
    quiet(repo, interpretation_deadline(), "missing-interpretation")


@pytest.mark.parametrize("when", ["same day", "last day"])
def test_interpretation_within_the_window_gives_nothing(repo, when):
    normative(repo)
    interpretation(repo, DOC_PUBLISHED if when == "same day" else interpretation_deadline())
    quiet(repo, date(2025, 12, 1), "missing-interpretation")


def test_interpretation_published_too_late(repo):
    path = normative(repo)
    late = nth_working_day(DOC_PUBLISHED, INTERPRET_WITHIN + 1)
    interpretation(repo, late)
    finding = fired(repo, date(2025, 12, 1), "missing-interpretation")
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "kind:"))
    assert str(late) in finding.message and "晚于期限" in finding.message
    assert str(interpretation_deadline()) in finding.message


def test_interpretation_of_another_document_does_not_count(repo):
    normative(repo)
    interpretation(repo, DOC_PUBLISHED, interprets=idx(9))
    finding = fired(repo, date(2025, 12, 1), "missing-interpretation")
    assert "晚于期限" not in finding.message


def test_interpretation_not_yet_published_at_as_of_does_not_count(repo):
    normative(repo)
    late = nth_working_day(DOC_PUBLISHED, INTERPRET_WITHIN + 1)
    interpretation(repo, late)
    # The day after the window the reading is still scheduled: the document has none yet.
    finding = fired(repo, interpretation_deadline() + timedelta(days=1), "missing-interpretation")
    assert "晚于期限" not in finding.message


def test_other_documents_need_no_interpretation(repo):
    repo.item(column="qtwj", kind="其他文件")
    quiet(repo, date(2025, 12, 1), "missing-interpretation")


# -- unsafe-html ------------------------------------------------------------------------------------

UNSAFE = [
    ("<script>alert(1)</script>", "<script"),
    ('<iframe src="https://example.com/"></iframe>', "<iframe"),
    ('<a href="#" onclick="steal()">点击</a>', "onclick="),
    ("[点击这里](javascript:alert(1))", "javascript:"),
    ('<a href="JavaScript:alert(1)">点击</a>', "JavaScript:"),
]


@pytest.mark.parametrize("snippet, shown", UNSAFE)
def test_unsafe_html_at_its_body_line(repo, snippet, shown):
    path = repo.item(body=f"第一段正文。\n\n第二段正文。\n\n{snippet}\n\n结尾。\n")
    finding = fired(repo, date(2025, 3, 20), "unsafe-html")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), body_line(path, snippet))
    # The message names the line, what the site removes and that it does (core.htmlpolicy).
    assert f"第 {finding.line} 行" in finding.message and shown in finding.message and "网站会" in finding.message


def test_every_unsafe_snippet_is_reported_on_its_own_line(repo):
    snippets = [s for s, _ in UNSAFE[:4]]
    path = repo.item(body="正文。\n\n" + "\n\n".join(snippets) + "\n")
    found = fired(repo, date(2025, 3, 20), "unsafe-html", count=4)
    assert [f.line for f in found] == [body_line(path, s) for s in snippets]


def test_plain_markdown_with_a_normal_link_is_safe(repo):
    repo.item(body=(
        "# 标题\n\n一段正文，详见[中国政府网](https://www.gov.cn/)和**加粗**文字。\n\n"
        "说明：JavaScript: 一种编程语言；onclick 是事件名称。\n\n<p>段落</p>\n\n"
        '<a href="https://www.gov.cn/zhengce/" title="政策">政策</a>\n'
    ))
    quiet(repo, date(2025, 3, 20), "unsafe-html")


def test_javascript_in_a_reference_style_link(repo):
    path = repo.item(body="正文。\n\n[点击这里][x]\n\n[x]: javascript:alert(1)\n")
    finding = fired(repo, date(2025, 3, 20), "unsafe-html")
    assert finding.line == body_line(path, "[x]: javascript:")


def test_event_handler_after_a_slash(repo):
    path = repo.item(body="正文。\n\n<svg/onload=alert(1)>\n")
    finding = fired(repo, date(2025, 3, 20), "unsafe-html")
    assert finding.line == body_line(path, "<svg/onload")


# -- broken-link ------------------------------------------------------------------------------------


def test_link_to_a_missing_file(repo):
    path = repo.item(body="第一段。\n\n详见附件：[实施细则](实施细则.pdf)。\n")
    finding = fired(repo, date(2025, 3, 20), "broken-link")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), body_line(path, "[实施细则]"))
    assert "“实施细则.pdf”" in finding.message and "content/czj/gzdt/2025/实施细则.pdf 不存在" in finding.message


@pytest.mark.parametrize("snippet", [
    "![示意图](images/map.png)",
    '<a href="附件二.docx">附件二</a>',
    '[说明](说明.pdf "标题")',
    "[旧文](../../tzgg/2024/old.md)",
])
def test_other_kinds_of_broken_link(repo, snippet):
    path = repo.item(body=f"正文。\n\n{snippet}\n")
    finding = fired(repo, date(2025, 3, 20), "broken-link")
    assert (finding.path, finding.line) == (rel(repo, path), body_line(path, snippet))
    assert "不存在" in finding.message


def test_each_broken_link_is_reported_on_its_own_line(repo):
    path = repo.item(body="正文。\n\n[甲](甲.pdf)\n\n有效链接[乙](https://www.gov.cn/)\n\n[丙](丙.pdf)\n")
    found = fired(repo, date(2025, 3, 20), "broken-link", count=2)
    assert [f.line for f in found] == [body_line(path, "[甲]"), body_line(path, "[丙]")]


def test_link_to_an_attachment_beside_the_item(repo):
    path = with_files(repo, ["实施细则.pdf"], body="详见附件：[实施细则](实施细则.pdf)，或[编码的链接](%E5%AE%9E%E6%96%BD%E7%BB%86%E5%88%99.pdf)。\n")
    assert (path.parent / "实施细则.pdf").is_file()
    quiet(repo, date(2025, 3, 20), "broken-link")


def test_link_to_another_item(repo):
    repo.item(column="tzgg", name="other", kind="通知公告", index=idx(2))
    repo.item(body="参见[另一条信息](../../tzgg/2025/other.md)和[其中一节](../../tzgg/2025/other.md#一)。\n")
    quiet(repo, date(2025, 3, 20), "broken-link")


def test_external_and_anchor_links_are_not_checked(repo):
    repo.item(body=(
        "[中国政府网](https://www.gov.cn/)、[旧站](http://example.com/a.pdf)、"
        "[邮件](mailto:czj@example.com)、[本页](#正文)、[站内](/czj/)。\n"
        '<img src="https://www.gov.cn/logo.png" alt="标志">\n'
    ))
    quiet(repo, date(2025, 3, 20), "broken-link")


def test_link_out_of_the_repository_is_broken(repo):
    ups = "../" * (len(repo.root.parts) + 4)
    assert (repo.root / "content/czj/gzdt/2025" / f"{ups}etc/passwd").resolve() == Path("/etc/passwd")
    path = repo.item(body=f"正文。\n\n[系统文件]({ups}etc/passwd)\n")
    finding = fired(repo, date(2025, 3, 20), "broken-link")
    assert finding.line == body_line(path, "[系统文件]")


# -- all non-git rules together ---------------------------------------------------------------------


def item_findings(repo, as_of: date):
    return [f for f in run(repo, as_of, None) if f.code not in UNIT_CODES]


def test_a_clean_item_gives_no_item_findings(repo):
    path = with_files(
        repo, ["实施细则.pdf"], doc_number="青财预〔2025〕3号",
        body="根据工作安排，开展绩效评价。\n\n详见[实施细则](实施细则.pdf)，或访问[中国政府网](https://www.gov.cn/)。\n",
    )
    assert path.is_file()
    found = item_findings(repo, date(2025, 3, 20))
    assert found == [], [f.format() for f in found]


def test_the_unit_rules_are_the_only_ones_left_unfiltered(repo):
    repo.item()
    codes = {f.code for f in run(repo, date(2025, 3, 20), None)}
    assert codes <= UNIT_CODES and "blank-column" in codes


def test_a_normative_document_with_its_interpretation_gives_no_item_findings(repo):
    normative(repo)
    interpretation(repo, nth_working_day(DOC_PUBLISHED, 1))
    found = item_findings(repo, date(2025, 12, 1))
    assert found == [], [f.format() for f in found]
