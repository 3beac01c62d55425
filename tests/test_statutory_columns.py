"""Issue 12, point 19: the default column tree holds what 《政府信息公开条例》第二十条 (and 第二十一条,
the 重点领域 opinions of the General Office) tell a government to publish.

The expected tree below is written by hand from the article's items; the freshness classes are
the policy.yml classes (dynamic / notice-policy / periodic / static).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import PROJECT
from xxgk.core import load

# column id: (名称, parent, freshness, applies_to, bulletin group) — 条例第二十条 item in the comment
NEW_COLUMNS = {
    "tjxx": ("统计信息", None, "periodic", {"government"}, None),  # （四）国民经济和社会发展统计信息
    "xzxk": ("行政许可", None, "notice-policy", {"government", "department"}, "enforcement"),  # （五）
    "sfxm": ("行政事业性收费", "czxx", "periodic", {"government", "department"}, "fiscal-fund"),  # （八）
    "zfcg": ("政府集中采购", "czxx", "periodic", {"government"}, "fiscal-fund"),  # （九）
    "yjgl": ("应急管理", "zdly", "periodic", {"government", "town"}, "key-area"),  # （十二）
    "ggzy": ("公共资源配置", "zdly", "periodic", {"government"}, "key-area"),  # 国办发〔2017〕97号
    "gysy": ("社会公益事业", "zdly", "periodic", {"government"}, "key-area"),  # 第二十一条, 国办发〔2018〕10号
}


@pytest.fixture(scope="module")
def catalogue():
    return load(str(PROJECT)).catalogue


@pytest.mark.parametrize("column_id", sorted(NEW_COLUMNS))
def test_the_tree_has_the_column_article_20_asks_for(catalogue, column_id):
    name, parent, freshness, applies_to, group = NEW_COLUMNS[column_id]
    column = catalogue.columns.get(column_id)
    assert column is not None, f"{column_id} {name} missing from catalogue/columns.yml"
    assert (column.name, column.parent, column.freshness, set(column.applies_to), column.group) == (
        name, parent, freshness, applies_to, group)


def test_every_new_column_has_its_legal_source_in_a_comment():
    text = (PROJECT / "catalogue" / "columns.yml").read_text("utf-8")
    for column_id in NEW_COLUMNS:
        before = text[:text.index(f"- id: {column_id}\n")]
        comment = before[before.rstrip().rfind("\n- id:") if "\n- id:" in before else 0:]
        assert "依据" in comment, column_id


def test_annual_report_items_of_article_20_have_their_columns(catalogue):
    """Table 二 reports 第二十条第（五）（六）（八）项: 行政许可, 行政处罚/行政强制, 行政事业性收费 have columns."""
    names = {c.name for c in catalogue.columns.values()}
    assert {"行政许可", "行政执法", "行政事业性收费"} <= names


def test_the_demo_has_no_blank_column_and_no_warning():
    result = subprocess.run([sys.executable, "-m", "xxgk.cli", "check", "--root", str(PROJECT), "--as-of", "2026-11-20",
                             "--format", "json", "--no-git"], capture_output=True, text=True)
    findings = json.loads(result.stdout)["findings"]
    new = [f for f in findings if f["column"] in NEW_COLUMNS]
    assert new == [], new
