"""searchtokens.py (index side) and search-bigram.js (query side) make the same tokens."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import PROJECT
from xxgk.site import searchtokens as st

JS = PROJECT / "plugins" / "xxgk" / "theme" / "assets" / "xxgk" / "search-bigram.js"

SAMPLES = [
    "临政发〔2026〕19号", "临政发[2026]19号", "临政发（2026）19号", "青环规〔2026〕1号",
    "11990700003015240F/2026-00002", "关于开展2025—2026年度“守合同重信用”企业公示申报工作的通知",
    "营商环境", "督导", "市", "PDF 附件（XLSX，12.5 KB）", "ＡＢＣ１２３ 全角", "〇一二", "𠀀𠀁 扩展B",
    "Привет мир", "café naïve", "emoji 🙂 一下", "  ", "", "a\u00a0b", "㈠第一条", "x0iki0rvm",
    "2026年3月更新）。", "民营经济、招商引资；特种设备!督导?",
]


def test_bigrams_and_run_ends():
    assert st.query_tokens("营商环境") == [st.encode("营商"), st.encode("商环"), st.encode("环境")]
    assert st.index_tokens("营商环境") == st.query_tokens("营商环境") + [st.encode("境")]
    assert st.query_tokens("市") == st.index_tokens("市") == [st.encode("市")]


def test_encoding_is_fixed_width_ascii():
    assert st.encode("市财") == "x0iki0rvm"
    assert len(st.encode("𠀀")) == 5 and len(st.encode("𠀀𠀁")) == 9
    for text in SAMPLES:
        for token in st.index_tokens(text):
            assert token.isascii() and token == token.lower() and token.isalnum()


def test_doc_numbers_normalised():
    want = [st.encode("临政"), st.encode("政发"), "2026", "19", st.encode("号")]
    for text in ("临政发〔2026〕19号", "临政发[2026]19号", "临政发（2026）19号", "临政发(2026)19号"):
        assert st.query_tokens(text) == want
        assert set(want) <= set(st.index_tokens(text))


def test_containment():
    """Every token of a query that is a substring of a text is in the text's index, or (one
    character) begins one of them."""
    text = "关于开展2025—2026年度“守合同重信用”企业公示申报工作的通知"
    index = st.index_tokens(text)
    for query in ("守合同重信用", "2025", "年度", "度", "公示申报工作的通知", "知"):
        for token in st.query_tokens(query):
            assert token in index or any(t.startswith(token) for t in index), (query, token)


def test_plain_text_and_excerpt():
    assert st.plain_text("<p>一&amp;二</p><ul><li>三</li><li>四</li></ul>") == "一&二 三 四"
    assert st.excerpt("字" * 200, 120) == "字" * 120 + "…"
    assert st.excerpt("短", 120) == "短"


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_python_and_javascript_agree():
    script = ("const t = require(process.argv[1]); const s = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(s.map(x => [t.indexTokens(x), t.queryTokens(x)])));")
    done = subprocess.run(["node", "-e", script, str(JS)], input=json.dumps(SAMPLES), capture_output=True,
                          text=True, check=True)
    got = json.loads(done.stdout)
    for text, (index, query) in zip(SAMPLES, got):
        assert index == st.index_tokens(text), text
        assert query == st.query_tokens(text), text
