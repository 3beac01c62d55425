"""Acceptance tests of the reports: the statutory annual report (国办公开办函〔2021〕30号 format)
(bulletins: test_bulletins.py).

Every expected number below is counted BY HAND from the fixture written in this file; the
comment beside each count says which fixture entries make it. Nothing expected is computed by
the code under test.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, timedelta
from html.parser import HTMLParser

import chinese_calendar
import pytest
import yaml

from conftest import DEPT_CODE, mkdocs_build
from gitrepo import POLICY, index_for, put
from sitecheck import page, text_files
from xxgk.core import load
from xxgk.reports import annual_item, annual_report
from xxgk.rules import check


def xxgk(*args):
    return subprocess.run([sys.executable, "-m", "xxgk.cli", *args], capture_output=True, text=True)


def split_item(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n")
    front, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(front), body


def test_the_policy_numbers_these_tests_were_written_for():
    assert POLICY["application"]["reply_working_days"] == 20
    assert POLICY["application"]["extension_working_days"] == 20
    assert POLICY["bulletin"]["monthly_quota"] == {"government": 8, "department": 4, "town": 2}
    assert POLICY["bulletin"]["groups"] == {"key-area": "重点领域", "fiscal-fund": "财政资金",
                                            "enforcement": "行政执法和权力运行"}
    assert POLICY["annual_report_deadline"] == {"government": "03-31", "department": "01-31", "town": "03-31"}
    assert POLICY["freshness"]["dynamic"] == {"max_days": 14}
    assert POLICY["freshness"]["notice-policy"] == {"max_months": 6}
    assert POLICY["freshness"]["periodic"] == {"max_months": 12}


# =================================================================================================
# Annual report: czj (青川市财政局, a department) for 2025
# =================================================================================================

APPLICANT_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")

# The 21 outcome rows of table 三, written out from the national format (国办公开办函〔2021〕30号).
OUTCOME_ROWS = (
    "予以公开",
    "部分公开",
    "不予公开/属于国家秘密",
    "不予公开/其他法律行政法规禁止公开",
    "不予公开/危及“三安全一稳定”",
    "不予公开/保护第三方合法权益",
    "不予公开/属于三类内部事务信息",
    "不予公开/属于四类过程性信息",
    "不予公开/属于行政执法案卷",
    "不予公开/属于行政查询事项",
    "无法提供/本机关不掌握相关政府信息",
    "无法提供/没有现成信息需要另行制作",
    "无法提供/补正后申请内容仍不明确",
    "不予处理/信访举报投诉类申请",
    "不予处理/重复申请",
    "不予处理/要求提供公开出版物",
    "不予处理/无正当理由大量反复申请",
    "不予处理/要求行政机关确认或重新出具已获取信息",
    "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "其他处理/其他",
)
NO_CORRECTION = "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"

REGISTER_2024 = """\
# 2024 register: one replied inside 2024 (nowhere in 2025), one received 2024-12-23 and replied
# 2025-01-10 (上年结转 in 2025 and counted among the 2025 results).
- number: "2024-049"
  received: 2024-11-04
  applicant: 自然人
  subject: 申请公开2024年某专项资金分配结果
  replied: 2024-11-20
  outcome: 不予公开/属于国家秘密
- number: "2024-050"
  received: 2024-12-23
  applicant: 法律服务机构
  subject: 申请公开2024年某政府采购项目合同
  replied: 2025-01-10
  outcome: 予以公开
"""

REGISTER_2025 = f"""\
- number: "2025-001"
  received: 2025-01-06
  applicant: 自然人
  subject: 申请公开2025年市级预算教育支出安排
  replied: 2025-01-20
  outcome: 予以公开
- number: "2025-002"
  received: 2025-02-10
  applicant: 自然人
  subject: 申请公开某街道公益性岗位补贴拨付明细
  replied: 2025-02-25
  outcome: 部分公开
- number: "2025-003"
  received: 2025-03-03
  applicant: 商业企业
  subject: 申请公开某采购项目投标文件
  paused_days: 5
  replied: 2025-04-07
  outcome: 不予公开/保护第三方合法权益
- number: "2025-004"
  received: 2025-04-14
  applicant: 科研机构
  subject: 申请公开2015年至2024年专项资金绩效评价原始数据
  extended: true
  replied: 2025-05-30
  outcome: 无法提供/本机关不掌握相关政府信息
- number: "2025-005"
  received: 2025-05-12
  applicant: 社会公益组织
  subject: 申请公开2024年福利彩票公益金使用情况
  replied: 2025-05-26
  outcome: 不予处理/重复申请
- number: "2025-006"
  received: 2025-06-09
  applicant: 其他
  subject: 申请公开某项目资金（内容不明确，已告知补正）
  correction:
    requested: 2025-06-11
  replied: 2025-06-20
  outcome: {NO_CORRECTION}
- number: "2025-007"
  received: 2025-07-07
  applicant: 自然人
  subject: 申请汇总本市各区县历年专项债券使用明细
  replied: 2025-07-21
  outcome: 无法提供/没有现成信息需要另行制作
- number: "2025-008"
  received: 2025-08-04
  applicant: 商业企业
  subject: 申请公开2025年政府采购意向
  replied: 2025-08-18
  outcome: 予以公开
- number: "2025-009"
  received: 2025-09-01
  applicant: 法律服务机构
  subject: 申请公开某项目财政评审报告
  replied: 2025-09-15
  outcome: 部分公开
- number: "2025-010"
  received: 2025-10-13
  applicant: 自然人
  subject: 反映某单位违规发放补贴并要求查处
  replied: 2025-10-27
  outcome: 不予处理/信访举报投诉类申请
- number: "2025-011"
  received: 2025-11-03
  applicant: 自然人
  subject: 申请公开2025年惠民惠农补贴政策清单
  replied: 2025-11-17
  outcome: 予以公开
- number: "2025-012"
  received: 2025-12-15
  applicant: 商业企业
  subject: 申请公开2025年某专项资金分配结果
  replied: 2026-01-09
  outcome: 予以公开
- number: "2025-013"
  received: 2025-12-29
  applicant: 其他
  subject: 申请公开某基金会财政补助资金
  replied: 2026-01-16
  outcome: 其他处理/其他
- number: "2025-014"
  received: 2025-12-31
  applicant: 社会公益组织
  subject: 申请公开2025年社会组织购买服务资金目录
  replied: 2025-12-31
  outcome: 予以公开
"""

# Table 三 for czj 2025, counted by hand from the two registers above.
# Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
EXPECTED_TABLE_THREE = {name: [0] * 7 for name in OUTCOME_ROWS}
EXPECTED_TABLE_THREE.update({
    # received in 2025: 自然人 001 002 007 010 011 (5); 商业企业 003 008 012 (3); 科研机构 004 (1);
    # 社会公益组织 005 014 (2); 法律服务机构 009 (1); 其他 006 013 (2) → 14. 2024-050 is not new.
    "new": [5, 3, 1, 2, 1, 2, 14],
    # open on 2024-12-31: only 2024-050 (法律服务机构, received 2024-12-23, replied 2025-01-10);
    # 2024-049 was replied 2024-11-20.
    "carried_in": [0, 0, 0, 0, 1, 0, 1],
    # replied in 2025 with 予以公开: 001, 011 (自然人); 008 (商业企业); 014 (社会公益组织, received and
    # replied 2025-12-31); 2024-050 (法律服务机构). 012 is replied in 2026, so not here.
    "予以公开": [2, 1, 0, 1, 1, 0, 5],
    "部分公开": [1, 0, 0, 0, 1, 0, 2],  # 002 (自然人), 009 (法律服务机构)
    "不予公开/保护第三方合法权益": [0, 1, 0, 0, 0, 0, 1],  # 003 (商业企业, paused 5 days)
    "无法提供/本机关不掌握相关政府信息": [0, 0, 1, 0, 0, 0, 1],  # 004 (科研机构, extended)
    "无法提供/没有现成信息需要另行制作": [1, 0, 0, 0, 0, 0, 1],  # 007 (自然人)
    "不予处理/信访举报投诉类申请": [1, 0, 0, 0, 0, 0, 1],  # 010 (自然人)
    "不予处理/重复申请": [0, 0, 0, 1, 0, 0, 1],  # 005 (社会公益组织)
    NO_CORRECTION: [0, 0, 0, 0, 0, 1, 1],  # 006 (其他)
    # 其他处理/其他 stays 0: 013 is replied 2026-01-16. 不予公开/属于国家秘密 stays 0: 2024-049 is a 2024 reply.
    # （七）总计: the 13 replied in 2025 (2024-050 and 001–011, 014), per column the sum of the rows above.
    "replied_total": [5, 2, 1, 2, 2, 1, 13],
    # open on 2025-12-31: 012 (商业企业, replied 2026-01-09), 013 (其他, replied 2026-01-16);
    # 014 was replied on 2025-12-31 itself, so it is not carried.
    "carried_out": [0, 1, 0, 0, 0, 1, 2],
})

STATISTICS_2025 = """\
licensing: 128
punishment: 17
enforcement: 3
fees_10k_yuan: 12.5
review:
  upheld: 2
  corrected: 1
  other: 0
  pending: 1
litigation_direct:
  upheld: 1
  corrected: 0
  other: 1
  pending: 0
litigation_after_review:
  upheld: 0
  corrected: 0
  other: 0
  pending: 1
"""

# Table 四: 行政复议, then 行政诉讼 未经复议直接起诉, then 复议后起诉; each 维持, 纠正, 其他, 尚未审结, 总计.
EXPECTED_TABLE_FOUR = [
    2, 1, 0, 1, 4,  # 行政复议: 2 + 1 + 0 + 1 = 4
    1, 0, 1, 0, 2,  # 未经复议直接起诉: 1 + 0 + 1 + 0 = 2
    0, 0, 0, 1, 1,  # 复议后起诉: 0 + 0 + 0 + 1 = 1
]

SECTION_ONE = "2025年，本局测试总体情况段落：以预决算公开为重点。"
SECTION_FIVE = "一是测试问题段落，政策解读形式单一；二是改进措施。"
SECTION_SIX = "人大代表建议和政协提案均按期办结（测试其他事项段落）。"
REPORT_MD = f"""\
## 一、总体情况

{SECTION_ONE}

## 五、存在的主要问题及改进情况

{SECTION_FIVE}

## 六、其他需要报告的事项

{SECTION_SIX}
"""

SERIAL_2026_LAST = 3  # the highest 2026 serial czj uses in the fixture (item "i")


def repealed(day: str, note: str = "已废止", **extra) -> dict:
    return {"status": "废止", "date": day, "note": note, **extra}


def annual_fixture(repo):
    """czj's normative documents, registers 2024/2025, statistics and text; qcs with 规章."""
    def doc(name, serial, formed, published, column="gfxwj", kind="行政规范性文件", unit="czj", **fields):
        return put(repo, unit, column, date.fromisoformat(published), name=name, serial=serial, formed=formed,
                   kind=kind, title=f"测试文件{name}", **fields)

    b_index = index_for("czj", 2025, 2)
    doc("a-2024-valid", 1, "2024-05-10", "2024-05-15")
    doc("b-2025-valid", 2, "2025-03-03", "2025-03-05")
    doc("c-2025-formed-and-repealed", 3, "2025-02-10", "2025-02-12", validity=repealed("2025-09-30"))
    doc("d-2023-repealed-2025", 4, "2023-04-01", "2023-04-03", validity=repealed("2025-06-30"))
    doc("e-2022-amended-2025", 5, "2022-06-01", "2022-06-02",
        validity={"status": "已修订", "date": "2025-03-05", "note": "已被新文件修订", "replaced_by": b_index})
    doc("g-2021-repealed-2026", 6, "2021-03-01", "2021-03-02", validity=repealed("2026-03-01"))
    doc("h-2020-expired-2024", 7, "2020-01-06", "2020-01-08",
        validity={"status": "失效", "date": "2024-12-31", "note": "有效期届满"})
    doc("i-2026-new", SERIAL_2026_LAST, "2026-01-08", "2026-01-09")
    doc("j-2025-other-kind", 8, "2025-04-01", "2025-04-02", column="qtwj", kind="其他文件")
    doc("k-2025-on-application", 9, "2025-05-06", "2025-05-08", mode="依申请公开")
    doc("l-2025-draft", 10, "2025-07-01", "2025-07-02", draft=True)
    # qcs (a people's government): 规章
    doc("gz-2025", 1, "2025-06-10", "2025-06-12", column="gz", kind="规章", unit="qcs")
    doc("gz-2019-repealed-2025", 1, "2019-02-01", "2019-02-03", column="gz", kind="规章", unit="qcs",
        validity=repealed("2025-08-01"))

    base = repo.root / "content" / "czj" / "_annual"
    for year, text in (("2024", REGISTER_2024), ("2025", REGISTER_2025)):
        (base / year).mkdir(parents=True)
        (base / year / "applications.yml").write_text(text, encoding="utf-8")
    (base / "2025" / "statistics.yml").write_text(STATISTICS_2025, encoding="utf-8")
    (base / "2025" / "report.md").write_text(REPORT_MD, encoding="utf-8")


@pytest.fixture
def annual_repo(repo):
    annual_fixture(repo)
    return repo


def loaded(repo):
    result = load(str(repo.root))
    assert result.problems == (), [p.format() for p in result.problems]
    return result


def test_annual_fixture_loads_and_every_reply_is_in_time(annual_repo):
    repository = loaded(annual_repo)
    apps = {a.number: a for a in repository.applications if a.unit == "czj"}
    assert len(apps) == 16  # 2 in the 2024 register + 14 in the 2025 register
    for application in apps.values():
        if application.number == "2025-006":  # asked to correct (补正) and never did: no reply period ran
            assert application.due(POLICY) is None
            continue
        assert application.replied <= application.due(POLICY), application.number
    # the gate agrees: nothing overdue on any day from 2024-11-01 to 2026-02-01
    for day in (date(2025, 1, 15), date(2025, 4, 7), date(2025, 5, 30), date(2026, 1, 16), date(2026, 2, 1)):
        assert not [f for f in check(repository, day, use_git=False, only={"application-overdue"}).findings
                    if f.unit == "czj"]


def test_annual_report_tables_two_three_four(annual_repo):
    report = annual_report(loaded(annual_repo), "czj", 2025)
    assert report.unit == "czj" and report.year == 2025
    assert report.missing == []

    # Table 二, 规章 and 行政规范性文件 × (本年制发, 本年废止, 现行有效):
    # 行政规范性文件 formed in 2025: b, c → 2 (i is formed 2026; k is 依申请公开; l is a draft; j is 其他文件).
    # left force (本年废止件数, every route) in 2025: c (废止 2025-09-30), d (废止 2025-06-30), e (已修订
    # 2025-03-05) → 3 (g is repealed 2026; h expired 2024).
    # in force on 2025-12-31: a (2024), b (2025), g (repealed only 2026-03-01) → 3; not c, d (repealed),
    # e (amended 2025), h (expired 2024), i (formed 2026).
    # The department has no 规章.
    assert [(r.kind, r.issued, r.repealed, r.in_force) for r in report.documents] == [
        ("规章", 0, 0, 0),
        ("行政规范性文件", 2, 3, 3),
    ]
    # in force on 2024-12-31: a, d, e, g → 4; and 4 + 2 − 3 = 3
    assert report.documents[1].previous == 4
    assert report.decisions == {"licensing": 128, "punishment": 17, "enforcement": 3}
    assert report.fees_10k_yuan == 12.5

    # Table 三, every row × every column.
    rows = report.applications
    assert set(rows) == {"new", "carried_in", "replied_total", "carried_out", *OUTCOME_ROWS}
    for key, expected in EXPECTED_TABLE_THREE.items():
        assert [rows[key][c] for c in APPLICANT_COLUMNS] == expected, key
    # 勾稽关系: 一 + 二 = 三（七）+ 四, per column
    for column in APPLICANT_COLUMNS:
        assert rows["new"][column] + rows["carried_in"][column] == \
            rows["replied_total"][column] + rows["carried_out"][column], column
        assert rows["replied_total"][column] == sum(rows[o][column] for o in OUTCOME_ROWS), column

    # Table 四: 15 numbers
    order = ("upheld", "corrected", "other", "pending", "total")
    assert [report.cases[g][k] for g in ("review", "litigation_direct", "litigation_after_review")
            for k in order] == EXPECTED_TABLE_FOUR

    assert report.sections == {"一": SECTION_ONE, "五": SECTION_FIVE, "六": SECTION_SIX}


def test_annual_report_of_a_government_counts_its_rules(annual_repo):
    report = annual_report(loaded(annual_repo), "qcs", 2025)
    # 规章: gz-2025 formed 2025 (制发 1); gz-2019 repealed 2025-08-01 (废止 1); in force: gz-2025 only (1).
    assert [(r.kind, r.issued, r.repealed, r.in_force) for r in report.documents] == [
        ("规章", 1, 1, 1),
        ("行政规范性文件", 0, 0, 0),
    ]
    # qcs has no register, statistics or text in this fixture: all zero, and all reported missing.
    assert all(v == 0 for row in report.applications.values() for v in row.values())
    assert report.decisions == {"licensing": 0, "punishment": 0, "enforcement": 0}
    assert len(report.missing) == 4  # statistics.yml + the three sections of report.md


def _add_working_days(start: date, count: int) -> date:
    """The count-th PRC working day after start (start itself not counted), straight from chinese_calendar."""
    day = start
    while count:
        day += timedelta(days=1)
        count -= chinese_calendar.is_workday(day)
    return day


def test_application_due_dates_with_extension_and_pause(annual_repo):
    apps = {a.number: a for a in loaded(annual_repo).applications}
    extended, paused, plain = apps["2025-004"], apps["2025-003"], apps["2024-050"]
    assert extended.extended and extended.paused_days == 0
    assert paused.paused_days == 5 and not paused.extended
    # 20 + 20 working days from 2025-04-14 (劳动节 2025-05-01..05 off, Sunday 04-27 worked; 端午 05-31..06-02 off)
    assert extended.due(POLICY) == _add_working_days(date(2025, 4, 14), 40) == date(2025, 6, 12)
    # 20 + 5 working days from 2025-03-03 (清明 2025-04-04 off); without the pause it would be 2025-03-31
    assert paused.due(POLICY) == _add_working_days(date(2025, 3, 3), 25) == date(2025, 4, 8)
    assert _add_working_days(date(2025, 3, 3), 20) == date(2025, 3, 31)
    # 20 working days from 2024-12-23 (元旦 2025-01-01 off)
    assert plain.due(POLICY) == _add_working_days(date(2024, 12, 23), 20) == date(2025, 1, 21)
    # 2025-12-15 + 20 crosses 元旦 2026 (01-01..03 off, Sunday 01-04 worked)
    assert apps["2025-012"].due(POLICY) == _add_working_days(date(2025, 12, 15), 20) == date(2026, 1, 13)


# -- the rendered report --------------------------------------------------------------------------

class Tables(HTMLParser):
    """Every <table>: a list of rows, each a list of (tag, text) cells; with the thead/tbody flag."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[tuple[str, list[tuple[str, str]]]]] = []
        self._cell = None
        self._part = "body"

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag in ("thead", "tbody"):
            self._part = tag
        elif tag == "tr" and self.tables:
            self.tables[-1].append((self._part, []))
        elif tag in ("th", "td") and self.tables:
            self._cell = [tag, ""]

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1] += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self.tables[-1][-1][1].append((self._cell[0], self._cell[1].strip()))
            self._cell = None


def tables_of(text: str):
    parser = Tables()
    parser.feed(text)
    return parser.tables


def header_texts(table) -> list[str]:
    """Column headers: every cell of <thead>, and header rows of later row groups (rows made only
    of <th>, as the later parts of table 二 repeat their headers)."""
    return [text for part, cells in table
            if part == "thead" or not any(tag == "td" for tag, _ in cells)
            for tag, text in cells]


def body_rows(table) -> list[tuple[list[str], list[str]]]:
    """(row header texts, data cell texts) of every body row that holds data (header rows that
    repeat inside later row groups are left to header_texts)."""
    return [([t for tag, t in cells if tag == "th"], [t for tag, t in cells if tag == "td"])
            for part, cells in table if part == "tbody" and any(tag == "td" for tag, _ in cells)]


HEADINGS = ("## 一、总体情况", "## 二、主动公开政府信息情况", "## 三、收到和处理政府信息公开申请情况",
            "## 四、政府信息公开行政复议、行政诉讼情况", "## 五、存在的主要问题及改进情况", "## 六、其他需要报告的事项")

# Rendered row labels of table 三, in order, exactly as the national format writes them ("1.属于国家秘密").
TABLE_THREE_LABELS = (
    ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
     "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]
    + [f"{n}.{s}" for n, s in enumerate(("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”",
                                         "保护第三方合法权益", "属于三类内部事务信息", "属于四类过程性信息",
                                         "属于行政执法案卷", "属于行政查询事项"), start=1)]
    + [f"{n}.{s}" for n, s in enumerate(("本机关不掌握相关政府信息", "没有现成信息需要另行制作",
                                         "补正后申请内容仍不明确"), start=1)]
    + [f"{n}.{s}" for n, s in enumerate(("信访举报投诉类申请", "重复申请", "要求提供公开出版物",
                                         "无正当理由大量反复申请", "要求行政机关确认或重新出具已获取信息"), start=1)]
    + [f"{n}.{s}" for n, s in enumerate(("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                                         "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                                         "其他"), start=1)]
    + ["（七）总计", "四、结转下年度继续办理"]
)
TABLE_THREE_KEYS = ["new", "carried_in", *OUTCOME_ROWS, "replied_total", "carried_out"]


def test_rendered_annual_report(annual_repo):
    repository = loaded(annual_repo)
    report = annual_report(repository, "czj", 2025)
    path, text = annual_item(repository, report, date(2026, 1, 20))
    assert path == "content/czj/ndbg/2026/annual-report-2025.md"
    front, body = split_item(text)
    assert front["kind"] == "年度报告"
    assert front["title"] == "青川市财政局2025年政府信息公开工作年度报告"
    # czj's own code; 2026 (the publication year); one past its highest 2026 serial (i-2026-new: 00003)
    assert front["index"] == f"{DEPT_CODE}/2026-{SERIAL_2026_LAST + 1:05d}"
    assert str(front["published"]) == "2026-01-20" and front["mode"] == "主动公开"

    # six section headings, exactly and in order, and the unit's own text under 一, 五, 六
    headings = [line for line in body.split("\n") if line.startswith("## ")]
    assert headings == list(HEADINGS)
    sections = dict(zip(HEADINGS, re.split(r"^## .*$", body, flags=re.M)[1:]))
    assert sections[HEADINGS[0]].strip() == SECTION_ONE
    assert sections[HEADINGS[4]].strip() == SECTION_FIVE
    # the generated 信息处理费 sentence (no fee in the registers), then the unit's text
    assert sections[HEADINGS[5]].strip() == "本年度未收取信息处理费。\n\n" + SECTION_SIX

    two, three, four = tables_of(body)
    assert "<table" in sections[HEADINGS[1]] and "<table" in sections[HEADINGS[2]] and "<table" in sections[HEADINGS[3]]

    # table 二
    for label in ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额（单位：万元）"):
        assert label in header_texts(two), label
    assert body_rows(two) == [
        (["规章"], ["0", "0", "0"]),
        (["行政规范性文件"], ["2", "3", "3"]),
        (["行政许可"], ["128"]),
        (["行政处罚"], ["17"]),
        (["行政强制"], ["3"]),
        (["行政事业性收费"], ["12.5"]),
    ]

    # table 三: column labels, then every row's label and its seven numbers
    heads = header_texts(three)
    for label in ("申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"):
        assert label in heads, label
    assert heads.index("商业企业") < heads.index("科研机构") < heads.index("社会公益组织") < heads.index("法律服务机构") \
        < heads.index("其他")
    rows = body_rows(three)
    assert len(rows) == len(TABLE_THREE_LABELS) == 25
    for (ths, tds), label, key in zip(rows, TABLE_THREE_LABELS, TABLE_THREE_KEYS):
        assert ths[-1] == label
        assert tds == [str(n) for n in EXPECTED_TABLE_THREE[key]], label
    group_headers = {t for ths, _ in rows for t in ths[:-1]}
    assert {"三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"} <= group_headers

    # table 四
    heads = header_texts(four)
    for label in ("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"):
        assert heads.count(label) == 1, label
    for label in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"):
        assert heads.count(label) == 3, label
    assert body_rows(four) == [([], [str(n) for n in EXPECTED_TABLE_FOUR])]


# -- through the CLI --------------------------------------------------------------------------------

def _fill_review(path):
    text = path.read_text("utf-8")
    text = re.sub(r'reviewer: ""', 'reviewer: "王敏"', text, count=1)
    text = re.sub(r'result: ""', 'result: "不涉密，同意公开"', text, count=1)
    path.write_text(text, encoding="utf-8")


def _gate(repo, day, *codes):
    return check(loaded(repo), day, use_git=False, only=set(codes))


def test_annual_report_written_through_the_cli(annual_repo):
    root = str(annual_repo.root)
    after_deadline = date(2026, 2, 1)  # departments: 31 January

    before = _gate(annual_repo, after_deadline, "annual-report-missing")
    assert {f.unit for f in before.findings} == {"czj", "sthjj", "scjgj"}  # the three departments

    result = xxgk("report", "annual", "--root", root, "--unit", "czj", "--year", "2025", "--as-of", "2026-01-20",
                  "--write")
    assert result.returncode == 0, result.stderr
    rel = "content/czj/ndbg/2026/annual-report-2025.md"
    assert rel in result.stdout
    written = annual_repo.root / rel
    assert [p.name for p in written.parent.iterdir()] == ["annual-report-2025.md"]
    front, _ = split_item(written.read_text("utf-8"))
    index = front["index"]
    assert index == f"{DEPT_CODE}/2026-{SERIAL_2026_LAST + 1:05d}"

    # loads with no problem; the report now exists, but its review is empty until filled
    report = _gate(annual_repo, after_deadline, "annual-report-missing", "missing-review")
    assert {f.unit for f in report.findings if f.code == "annual-report-missing"} == {"sthjj", "scjgj"}
    (review,) = [f for f in report.findings if f.code == "missing-review"]
    assert review.path == rel and review.severity == "error"

    _fill_review(written)
    report = _gate(annual_repo, after_deadline, "annual-report-missing", "missing-review")
    assert [f for f in report.findings if f.unit == "czj"] == []

    # a second run, after the statistics changed, updates the same file and keeps 索引号 and review
    stats = annual_repo.root / "content/czj/_annual/2025/statistics.yml"
    stats.write_text(STATISTICS_2025.replace("licensing: 128", "licensing: 131"), encoding="utf-8")
    again = xxgk("report", "annual", "--root", root, "--unit", "czj", "--year", "2025", "--as-of", "2026-01-25",
                 "--write")
    assert again.returncode == 0, again.stderr
    assert rel in again.stdout
    assert [p.name for p in written.parent.iterdir()] == ["annual-report-2025.md"]
    front, body = split_item(written.read_text("utf-8"))
    assert front["index"] == index
    assert str(front["published"]) == "2026-01-20"  # the first publication date stays
    assert front["review"]["reviewer"] == "王敏"
    assert (["行政许可"], ["131"]) in body_rows(tables_of(body)[0])
    report = _gate(annual_repo, after_deadline, "annual-report-missing", "missing-review")
    assert [f for f in report.findings if f.unit == "czj"] == []


def test_annual_report_builds_and_the_register_stays_off_the_site(annual_repo, tmp_path):
    root = str(annual_repo.root)
    result = xxgk("report", "annual", "--root", root, "--unit", "czj", "--year", "2025", "--as-of", "2026-01-20",
                  "--write")
    assert result.returncode == 0, result.stderr
    _fill_review(annual_repo.root / "content/czj/ndbg/2026/annual-report-2025.md")
    site = tmp_path / "site"
    build = mkdocs_build(annual_repo.mkdocs_yml(build_date="2026-02-01"), site)
    assert build.returncode == 0, build.stderr
    html = page(site, f"czj/ndbg/2026-{SERIAL_2026_LAST + 1:05d}/")
    assert "青川市财政局2025年政府信息公开工作年度报告" in html
    assert html.count('<table class="xxgk-report">') == 3
    assert SECTION_ONE in html and SECTION_FIVE in html and SECTION_SIX in html
    (three,) = [t for t in tables_of(html) if "申请人情况" in header_texts(t)]
    assert [tds for _, tds in body_rows(three)] == [[str(n) for n in EXPECTED_TABLE_THREE[k]] for k in TABLE_THREE_KEYS]
    # the register (no personal data, but internal) and the statistics file are never pages
    subjects = re.findall(r"subject: (.+)", REGISTER_2024 + REGISTER_2025)
    assert len(subjects) == 16
    for path, text in text_files(site):
        for subject in subjects:
            assert subject not in text, (path, subject)
    assert not list(site.rglob("*_annual*"))


def test_annual_json_output_matches_the_report(annual_repo):
    result = xxgk("report", "annual", "--root", str(annual_repo.root), "--unit", "czj", "--year", "2025",
                  "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key, expected in EXPECTED_TABLE_THREE.items():
        assert [data["applications"][key][c] for c in APPLICANT_COLUMNS] == expected, key
    assert data["documents"][1] == {"kind": "行政规范性文件", "issued": 2, "repealed": 3, "in_force": 3, "previous": 4,
                                    "left_by": {"废止": 2, "已修订": 1}, "opening": None}


def test_fees_are_printed_as_entered(annual_repo):
    stats = annual_repo.root / "content/czj/_annual/2025/statistics.yml"
    stats.write_text(STATISTICS_2025.replace("fees_10k_yuan: 12.5", "fees_10k_yuan: 12345.67"), encoding="utf-8")
    repository = loaded(annual_repo)
    report = annual_report(repository, "czj", 2025)
    assert report.fees_10k_yuan == 12345.67
    _, text = annual_item(repository, report, date(2026, 1, 20))
    two = tables_of(split_item(text)[1])[0]
    assert (["行政事业性收费"], ["12345.67"]) in body_rows(two)


def test_table_two_is_conforming_html(annual_repo):
    repository = loaded(annual_repo)
    _, text = annual_item(repository, annual_report(repository, "czj", 2025), date(2026, 1, 20))
    body = split_item(text)[1]
    start = body.index("<table")
    table_two = body[start:body.index("</table>", start)]
    assert table_two.count("<thead") <= 1
