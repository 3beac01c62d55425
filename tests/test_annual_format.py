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
from test_reports import (annual_fixture, loaded, split_item, tables_of, xxgk)
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
