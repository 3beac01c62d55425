"""searchtokens.py and searchindex.py (the index side) and search.js (the query side) make the same
tokens, hashes and exact-field tokens."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import PROJECT
from xxgk.site import searchindex as si
from xxgk.site import searchtokens as st

JS = PROJECT / "plugins" / "xxgk" / "theme" / "assets" / "xxgk" / "search.js"

SAMPLES = [
    "临政发〔2026〕19号", "临政发[2026]19号", "临政发（2026）19号", "青环规〔2026〕1号",
    "11990700003015240F/2026-00002", "关于开展2025—2026年度“守合同重信用”企业公示申报工作的通知",
    "营商环境", "督导", "市", "PDF 附件（XLSX，12.5 KB）", "ＡＢＣ１２３ 全角", "〇一二", "𠀀𠀁 扩展B",
    "Привет мир", "café naïve", "emoji 🙂 一下", "  ", "", "a\u00a0b", "㈠第一条", "x0iki0rvm",
    "2026年3月更新）。", "民营经济、招商引资；特种设备!督导?",
    "青川市财政局关于进一步优化营商环境支持民营经济高质量发展若干措施的实施细则的通知（征求意见稿）",
    "一二三四五六", "一二三四五六七", "工作工作工作",
]


def test_bigrams_and_characters():
    assert st.query_tokens("营商环境") == ["营商", "商环", "环境"]
    assert st.index_tokens("营商环境") == ["营商", "商环", "环境", "营", "商", "环", "境"]
    assert st.query_tokens("市") == st.index_tokens("市") == ["市"]
    assert st.query_tokens("工作工作") == ["工作", "作工"]  # repeats dropped


def test_long_runs_are_looked_up_by_a_cover_of_their_bigrams():
    assert st.query_tokens("一二三四五") == ["一二", "二三", "三四", "四五"]  # under COVER_FROM: all
    assert st.query_tokens("一二三四五六") == ["一二", "三四", "五六"]  # every other, the last included
    assert st.query_tokens("一二三四五六七") == ["一二", "三四", "五六", "六七"]
    tokens = st.query_tokens(SAMPLES[23])
    assert len(tokens) == st.MOST_QUERY_TOKENS and tokens[0] == "青川" and tokens[-1] == "见稿"  # the first and the last of the cover


def test_doc_numbers_normalised():
    want = ["临政", "政发", "2026", "19", "号"]
    for text in ("临政发〔2026〕19号", "临政发[2026]19号", "临政发（2026）19号", "临政发(2026)19号"):
        assert st.query_tokens(text) == want
        assert set(want) <= set(st.index_tokens(text))
        assert si.exact_token(text) == si.exact_token("临政发〔2026〕19号")
    assert si.exact_token("临政发〔2026〕19号") != si.exact_token("临政发〔2026〕1号")
    assert si.exact_token("  ") == ""


def test_containment():
    """Every token of a query that is a substring of a text is among the text's index tokens."""
    text = "关于开展2025—2026年度“守合同重信用”企业公示申报工作的通知"
    index = set(st.index_tokens(text))
    for query in ("守合同重信用", "2025", "年度", "度", "公示申报工作的通知", "知", "开展2025"):
        assert set(st.query_tokens(query)) <= index, query


def test_fnv1a_known_values():
    assert si.fnv1a("") == 0x811C9DC5
    assert si.fnv1a("a") == 0xE40C292C  # the published FNV-1a 32-bit test vector
    assert si.fnv1a("foobar") == 0xBF9CF968


def test_plain_text_and_excerpt():
    assert st.plain_text("<p>一&amp;二</p><ul><li>三</li><li>四</li></ul>") == "一&二 三 四"
    assert st.excerpt("字" * 200, 120) == "字" * 120 + "…"
    assert st.excerpt("短", 120) == "短"


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_python_and_javascript_agree():
    script = ("const t = require(process.argv[1]); const s = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(s.map(x => [t.indexTokens(x), t.queryTokens(x), t.exactToken(x),"
              " t.fnv1a(x)])));")
    done = subprocess.run(["node", "-e", script, str(JS)], input=json.dumps(SAMPLES), capture_output=True,
                          text=True, check=True)
    got = json.loads(done.stdout)
    for text, (index, query, exact, hashed) in zip(SAMPLES, got):
        assert index == st.index_tokens(text), text
        assert query == st.query_tokens(text), text
        assert exact == si.exact_token(text), text
        assert hashed == si.fnv1a(text), text
