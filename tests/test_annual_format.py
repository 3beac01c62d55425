"""The annual report against the national template (国办公开办函〔2021〕30号), issue 12:
exact labels, header structure, table 二 reconciliation, opening balances, section 一 sub-topics,
the draft report.md and the 信息处理费 sentence.

Expected values are counted by hand from the fixtures written here (or in test_reports.py,
whose fixture these tests reuse); the comment beside each says which entries make it.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from gitrepo import put
from test_reports import SECTION_SIX, annual_fixture, body_rows, loaded, split_item, tables_of, xxgk
from xxgk.core import load
from xxgk.reports import annual_item, annual_report
from xxgk.rules import check


@pytest.fixture
def annual_repo(repo):
    annual_fixture(repo)
    return repo


def rendered_tables(repo, unit="czj", year=2025):
    repository = loaded(repo)
    _, text = annual_item(repository, annual_report(repository, unit, year), date(2026, 1, 20))
    return split_item(text)[1], tables_of(split_item(text)[1])


def row_labels(table) -> list[str]:
    return [text for part, cells in table if part == "tbody" for tag, text in cells if tag == "th"]


# -- points 1 and 2: labels and header structure ------------------------------------------------------

def test_table_three_labels_are_the_templates(annual_repo):
    _, (_, three, _) = rendered_tables(annual_repo)
    labels = row_labels(three)
    # the template's own wording, with its parenthesis (国办公开办函〔2021〕30号 表三)
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in labels
    assert "（二）部分公开" not in labels
    # numbered sub-rows as the template writes them: "1.属于国家秘密", no space after the point
    for label in ("1.属于国家秘密", "8.属于行政查询事项", "1.本机关不掌握相关政府信息", "3.补正后申请内容仍不明确",
                  "5.要求行政机关确认或重新出具已获取信息", "3.其他"):
        assert label in labels, label
    assert not [label for label in labels if re.match(r"\d\.\s", label)]


def header_rows(table) -> list[list[tuple[str, str]]]:
    return [cells for part, cells in table if part == "thead"]


def test_table_four_header_rows_are_the_templates(annual_repo):
    body, (_, _, four) = rendered_tables(annual_repo)
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [[text for _, text in cells] for cells in header_rows(four)]
    # row 1: 行政复议 | 行政诉讼; row 2: 行政复议's five results, then the two kinds of lawsuit;
    # row 3: the ten results of 行政诉讼 (5 + 5)
    assert rows == [["行政复议", "行政诉讼"], results + ["未经复议直接起诉", "复议后起诉"], results + results]
    table = body[body.index("<table", body.index("## 四、")):]
    assert '<th scope="colgroup" colspan="5">行政复议</th>' in table  # one row tall: no rowspan
    assert '<th scope="colgroup" colspan="10">行政诉讼</th>' in table
    assert re.search(r'<th scope="col" rowspan="2">结果维持</th>', table)  # 行政复议's results span rows 2–3


# -- point 3: table 二 reconciles ---------------------------------------------------------------------

def expired(day: str) -> dict:
    return {"status": "失效", "date": day, "note": "有效期届满"}


def test_table_two_reconciles_whatever_the_route_out_of_force(annual_repo):
    # one more czj 行政规范性文件 that expires (失效) in 2025, beside test_reports' fixture
    put(annual_repo, "czj", "gfxwj", date(2023, 1, 9), name="m-2023-expired-2025", serial=11, formed="2023-01-05",
        kind="行政规范性文件", title="测试文件m", validity=expired("2025-10-31"))
    report = annual_report(loaded(annual_repo), "czj", 2025)
    row = report.documents[1]
    assert row.kind == "行政规范性文件"
    # in force on 2024-12-31: a (2024), d (2023, repealed 2025), e (2022, amended 2025), g (2021, repealed
    # 2026), m (2023, expired 2025) → 5; h expired on 2024-12-31 itself, so it is out.
    assert row.previous == 5
    assert row.issued == 2  # b, c
    # left force in 2025: c and d 废止, e 已修订, m 失效 → 4
    assert row.repealed == 4
    assert dict(row.left_by) == {"废止": 2, "失效": 1, "已修订": 1}
    assert row.in_force == 3  # a, b, g
    assert row.previous + row.issued - row.repealed == row.in_force  # 5 + 2 − 4 = 3

    body, (two, _, _) = rendered_tables(annual_repo)
    assert (["行政规范性文件"], ["2", "4", "3"]) in body_rows(two)
    section_two = body[body.index("## 二、"):body.index("## 三、")]
    note = section_two[section_two.index("</table>"):]
    assert "本年废止件数含本年失效、已修订的文件" in note
    assert "行政规范性文件：上年末现行有效 5 件 + 本年制发 2 件 − 本年废止 4 件 = 现行有效 3 件" in note
    assert "本年废止 4 件中废止 2 件、失效 1 件、已修订 1 件" in note
    assert "规章" not in note  # nothing to explain: 0 + 0 − 0 = 0


# -- point 4: a declared opening balance ----------------------------------------------------------------

def with_balance(repo, text: str, year: str = "2025") -> None:
    stats = repo.root / "content" / "czj" / "_annual" / year / "statistics.yml"
    stats.parent.mkdir(parents=True, exist_ok=True)
    old = stats.read_text("utf-8") if stats.exists() else ""
    stats.write_text(old + text, encoding="utf-8")


BALANCE_2024 = """\
opening_balance:
  行政规范性文件:
    count: 9
    as_of: 2024-12-31
    source: 2024年年报表二
"""


def test_opening_balance_carries_forward_without_double_counting(annual_repo):
    with_balance(annual_repo, BALANCE_2024)
    repository = loaded(annual_repo)
    row = annual_report(repository, "czj", 2025).documents[1]
    # 9 declared on 2024-12-31; of those the repository holds a, d, e, g (in force that day) → 5 not migrated.
    assert row.previous == 9
    assert (row.issued, row.repealed) == (2, 3)  # b, c; c, d 废止 and e 已修订
    assert row.in_force == 8  # 5 not migrated + a, b, g
    assert dict(row.opening) == {"count": 9, "as_of": "2024-12-31", "source": "2024年年报表二"}
    # 2026 has no statistics.yml of its own: the 2025 declaration carries on.
    row = annual_report(repository, "czj", 2026).documents[1]
    # in force on 2025-12-31: 8 (above); 2026: i formed, g repealed 2026-03-01 → 8 + 1 − 1 = 8
    assert (row.previous, row.issued, row.repealed, row.in_force) == (8, 1, 1, 8)
    # 规章 has no declaration: counted from the repository alone
    assert annual_report(repository, "czj", 2025).documents[0].opening is None
    # before the balance's date it does not apply
    assert annual_report(repository, "czj", 2024).documents[1].opening is None

    body, _ = rendered_tables(annual_repo)
    note = body[body.index("## 二、"):body.index("## 三、")]
    assert "上年末现行有效件数按期初数 9 件（截至2024年12月31日，来源：2024年年报表二）结转" in note


def test_an_older_balance_counts_what_the_repository_adds_after_it(annual_repo):
    with_balance(annual_repo, BALANCE_2024.replace("count: 9", "count: 6").replace("2024-12-31", "2023-12-31"))
    row = annual_report(loaded(annual_repo), "czj", 2025).documents[1]
    # in force on 2023-12-31 in the repository: d, e, g, h (expired only 2024-12-31) → 4 of the 6; 2 not migrated.
    # on 2024-12-31: a, d, e, g → 2 + 4 = 6; on 2025-12-31: a, b, g → 2 + 3 = 5
    assert (row.previous, row.issued, row.repealed, row.in_force) == (6, 2, 3, 5)


BAD_BALANCE = """\
opening_balance:
  行政规范性文件:
    count: -1
    as_of: 2024-06-30
  规章:
    count: 2
    as_of: 2025-12-31
    source: 2025年年报
  其他文件:
    count: 3
"""


def test_a_bad_opening_balance_is_an_annual_data_error_with_its_line(annual_repo):
    with_balance(annual_repo, BAD_BALANCE)
    problems = [p for p in load(str(annual_repo.root)).problems if p.code == "annual-data"]
    start = 20  # STATISTICS_2025 has 19 lines; opening_balance is line 20
    assert all(p.path == "content/czj/_annual/2025/statistics.yml" for p in problems)
    by_line = {}
    for p in problems:
        by_line.setdefault(p.line, []).append(p.message)
    assert sorted(by_line) == [start + 1, start + 2, start + 3, start + 6, start + 8]
    assert any("count" in m and "不小于 0 的整数" in m for m in by_line[start + 2])
    assert any("as_of" in m and "12月31日" in m for m in by_line[start + 3])
    assert any("source" in m for m in by_line[start + 1])  # 行政规范性文件 has no source
    assert any("2025" in m and "之前" in m for m in by_line[start + 6])  # 规章 as_of is not before 2025
    assert any("其他文件" in m and "规章" in m and "行政规范性文件" in m for m in by_line[start + 8])
    assert len(problems) == 5


def test_a_balance_below_the_documents_in_force_is_an_error(annual_repo):
    with_balance(annual_repo, BALANCE_2024.replace("count: 9", "count: 3"))
    findings = [f for f in check(loaded(annual_repo), date(2026, 1, 20), use_git=False,
                                 only={"opening-balance"}).findings]
    (finding,) = findings
    assert finding.severity == "error" and finding.unit == "czj"
    assert finding.path == "content/czj/_annual/2025/statistics.yml" and finding.line == 22  # the count line
    # a, d, e, g are in force on 2024-12-31 in the repository: 4 > 3
    assert "3 件" in finding.message and "4 件" in finding.message


# -- point 6: 信息处理费 actually charged --------------------------------------------------------------

def charge(repo, year: str, number: str, fee: str) -> None:
    register = repo.root / "content" / "czj" / "_annual" / year / "applications.yml"
    text = register.read_text("utf-8")
    anchor = f'- number: "{number}"\n'
    assert anchor in text
    register.write_text(text.replace(anchor, f"{anchor}  fee_yuan: {fee}\n"), encoding="utf-8")


def section_six(body: str) -> str:
    return body[body.index("## 六、"):]


def test_section_six_reports_the_fees_charged(annual_repo):
    charge(annual_repo, "2025", "2025-008", "200")  # replied 2025-08-18: counts
    charge(annual_repo, "2024", "2024-050", "100")  # received 2024, replied 2025-01-10: a 2025 reply, counts
    charge(annual_repo, "2025", "2025-012", "150.5")  # replied 2026-01-09: not a 2025 reply
    report = annual_report(loaded(annual_repo), "czj", 2025)
    assert report.information_fees == {"yuan": 300, "applications": 2}  # 200 + 100, 2 replies
    body, _ = rendered_tables(annual_repo)
    six = section_six(body)
    assert "本年度共收取信息处理费 300 元（2 件申请）。" in six
    assert six.index("本年度共收取信息处理费") < six.index(SECTION_SIX)  # before the unit's text
    # 2026: 2025-012's 150.5 元
    assert annual_report(loaded(annual_repo), "czj", 2026).information_fees == {"yuan": 150.5, "applications": 1}

    result = xxgk("report", "annual", "--root", str(annual_repo.root), "--unit", "czj", "--year", "2025",
                  "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["information_fees"] == {"yuan": 300, "applications": 2}


def test_no_fee_charged_is_said_in_section_six(annual_repo):
    report = annual_report(loaded(annual_repo), "czj", 2025)
    assert report.information_fees == {"yuan": 0, "applications": 0}
    body, _ = rendered_tables(annual_repo)
    assert section_six(body).split("\n\n")[1].strip() == "本年度未收取信息处理费。"


# -- point 5: section 一's sub-topics and a draft report.md ----------------------------------------------

def write_report_md(repo, unit: str, one: str) -> None:
    folder = repo.root / "content" / unit / "_annual" / "2025"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.md").write_text(f"## 一、总体情况\n\n{one}\n\n## 五、存在的主要问题及改进情况\n\n问题。\n\n"
                                      "## 六、其他需要报告的事项\n\n无。\n", encoding="utf-8")


def topic_findings(repo):
    return [f for f in check(loaded(repo), date(2026, 1, 20), use_git=False, only={"annual-section-topics"}).findings]


def test_section_one_names_the_missing_sub_topics(annual_repo):
    write_report_md(annual_repo, "czj", "主动公开方面，按时公开预决算。依申请公开方面，规范办理。平台建设方面，完成改版。")
    write_report_md(annual_repo, "qcs", "（一）主动公开……（二）依申请公开……（三）政府信息管理……（四）平台建设……"
                                        "（五）监督保障：将政务公开纳入工作考核。")
    findings = {f.unit: f for f in topic_findings(annual_repo)}
    assert set(findings) == {"czj", "qcs"}
    czj = findings["czj"]
    assert czj.severity == "warning" and czj.path == "content/czj/_annual/2025/report.md"
    assert czj.line == 1  # the heading of 一
    assert "政府信息管理、监督保障" in czj.message
    assert "主动公开" not in czj.message.split("缺少")[1].split("。")[0]  # only the missing ones are named
    # qcs is a people's government: 第五十条第四项 asks for 社会评议 and 责任追究 too (工作考核 is there)
    qcs = findings["qcs"]
    assert "社会评议、责任追究" in qcs.message and "第五十条" in qcs.message
    assert "政府信息管理" not in qcs.message


def test_a_complete_section_one_draws_no_warning(annual_repo):
    write_report_md(annual_repo, "czj", "主动公开方面……依申请公开方面……政府信息管理方面……平台建设方面……监督保障方面……")
    assert topic_findings(annual_repo) == []


def test_draft_report_md_with_the_known_figures(annual_repo):
    target = annual_repo.root / "content/czj/_annual/2025/report.md"
    target.unlink()
    result = xxgk("report", "annual", "--root", str(annual_repo.root), "--unit", "czj", "--year", "2025",
                  "--draft-sections")
    assert result.returncode == 0, result.stderr
    assert "content/czj/_annual/2025/report.md" in result.stdout
    text = target.read_text("utf-8")
    headings = [line for line in text.split("\n") if line.startswith("#")]
    assert headings == ["## 一、总体情况", "### （一）主动公开", "### （二）依申请公开", "### （三）政府信息管理",
                        "### （四）平台建设", "### （五）监督保障", "## 五、存在的主要问题及改进情况",
                        "## 六、其他需要报告的事项"]
    # published by czj in 2025: gfxwj b (03-05), c (02-12); qtwj j (04-02) → 3 (k is 依申请公开, l a draft)
    assert "2025年，本机关主动公开政府信息 3 条，其中行政规范性文件 2 条、其他文件 1 条。" in text
    assert "本年制发规章 0 件、行政规范性文件 2 件。" in text  # b, c
    # test_reports' EXPECTED_TABLE_THREE: new 14, carried in 1, replied 13, carried out 2;
    # replies 5 予以公开, 2 部分公开, 1 不予公开, 2 无法提供, 2 不予处理, 1 其他处理
    assert ("本年新收政府信息公开申请 14 件，上年结转 1 件；办结 13 件，其中予以公开 5 件、部分公开 2 件、"
            "不予公开 1 件、无法提供 2 件、不予处理 2 件、其他处理 1 件；结转下年度继续办理 2 件。") in text
    # the draft loads cleanly; the gate reminds of what is still to write, never of a missing sub-topic
    repository = loaded(annual_repo)
    findings = check(repository, date(2026, 1, 20), use_git=False,
                     only={"annual-section-topics", "annual-text-placeholder"}).findings
    assert [(f.code, f.unit) for f in findings] == [("annual-text-placeholder", "czj")]
    assert "（待填写" in findings[0].message and findings[0].line > 1

    # never overwrites: a second run refuses and leaves the file as it was
    target.write_text(text + "\n编辑已改写。\n", encoding="utf-8")
    again = xxgk("report", "annual", "--root", str(annual_repo.root), "--unit", "czj", "--year", "2025",
                 "--draft-sections")
    assert again.returncode == 2
    assert "已存在" in again.stderr and "content/czj/_annual/2025/report.md" in again.stderr
    assert target.read_text("utf-8").endswith("编辑已改写。\n")
