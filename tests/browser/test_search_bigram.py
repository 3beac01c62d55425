"""`search_tokens: bigram` (issue 10) in Chromium: a small repository built with the option, served,
and searched through search-bigram.js. What is typed — an exact title, a 发文字号 in any bracket
style, an everyday word, one character — finds the item; filters work without a query; the page
works with window.Intl removed; the JS tokeniser agrees with searchtokens.py in the browser too;
and (the context's guard) no other host is reached and nothing is logged as an error."""

from __future__ import annotations

import json

import pytest

from conftest import CITY_CODE, DEPT_CODE, Repo, mkdocs_build
from test_searchtokens import SAMPLES
from xxgk.site import searchtokens as st
from xxgk.site import urls

from .conftest import Guard
from .server import SiteServer

pytestmark = pytest.mark.browser

ITEMS = [  # (unit, name, index, title, doc_number, body, published)
    ("czj", "a", f"{DEPT_CODE}/2025-00001", "青川市财政局关于进一步优化营商环境支持民营经济发展的通知",
     "青财发〔2025〕7号", "各县（区）财政局：为落实招商引资政策，现就有关事项通知如下。\n", "2025-03-05"),
    ("czj", "b", f"{DEPT_CODE}/2025-00002", "青川市财政局2024年度“三公”经费决算说明",
     None, "本单位2024年度“三公”经费决算情况说明如下。\n", "2025-06-10"),
    ("qcs", "c", f"{CITY_CODE}/2026-00003", "青川市人民政府关于开展特种设备安全专项督导的通知",
     "青政发〔2026〕19号", "市政府决定开展特种设备安全专项督导，检查营商环境有关问题。\n", "2026-02-01"),
]


def url_of(unit, index):
    year, serial = index.split("/")[1].split("-")
    return "/" + urls.item(unit, "gzdt", f"{year}-{serial}")


@pytest.fixture(scope="module")
def bigram_server(tmp_path_factory):
    repo = Repo(tmp_path_factory.mktemp("bigram") / "repo")
    for unit, name, index, title, number, body, published in ITEMS:
        repo.item(unit=unit, name=name, index=index, title=title, doc_number=number, body=body,
                  published=published)
    config = repo.mkdocs_yml(check=False)
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      check: false\n", "      check: false\n      search_tokens: bigram\n"), encoding="utf-8")
    site = repo.root / "site"
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr[-4000:]
    assert (site / "pagefind" / "pagefind.js").is_file()
    search_html = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert "search-bigram.js" in search_html and "pagefind-ui.js" not in search_html
    srv = SiteServer(site).start()
    yield srv
    srv.stop()


@pytest.fixture
def guard(bigram_server) -> Guard:  # this module's own site, not the demo
    return Guard(bigram_server.url)


def search(page, base, query):
    page.goto(base + "search/")
    page.fill("#xxgk-search-q", query)
    page.press("#xxgk-search-q", "Enter")
    page.wait_for_function("() => /^(找到|没有)/.test(document.querySelector('.xxgk-search-status').textContent)")
    return page.eval_on_selector_all(".xxgk-search-result h2 a", "as => as.map(a => new URL(a.href).pathname)")


@pytest.mark.parametrize("query, want", [
    (ITEMS[0][3], [0]), (ITEMS[1][3], [1]), (ITEMS[2][3], [2]),    # exact titles
    ("青财发〔2025〕7号", [0]), ("青财发[2025]7号", [0]), ("青政发（2026）19号", [2]),
    (ITEMS[2][2], [2]),                                              # 索引号
    ("营商环境", [0, 2]), ("民营经济", [0]), ("招商引资", [0]), ("特种设备", [2]), ("督导", [2]),
    ("三公", [1]), ("“三公”经费", [1]), ("政发", [2]),
    ("营商 督导", [2]),          # every run must be in the page
    ("环境营商", []), ("督查", []),  # bigrams of other text are not a match
])
def test_typed_text_finds_the_item(page, bigram_server, query, want):
    got = search(page, bigram_server.url, query)
    assert sorted(got) == sorted(url_of(ITEMS[i][0], ITEMS[i][2]) for i in want)
    if want:
        assert "找到" in page.text_content(".xxgk-search-status")


def test_title_matches_first_then_newer(page, bigram_server):
    got = search(page, bigram_server.url, "营商环境")  # in 0's title, in 2's body only (2 is newer)
    assert got == [url_of(ITEMS[0][0], ITEMS[0][2]), url_of(ITEMS[2][0], ITEMS[2][2])]
    assert page.locator(".xxgk-search-result h2 mark").first.text_content() == "营商环境"  # highlighted, as text


def test_filters_without_a_query(page, bigram_server):
    page.goto(bigram_server.url + "search/")
    select = page.get_by_label("发布机构")
    select.wait_for()
    select.select_option("青川市财政局")
    page.wait_for_function("() => /^找到 2 条/.test(document.querySelector('.xxgk-search-status').textContent)")
    got = page.eval_on_selector_all(".xxgk-search-result h2 a", "as => as.map(a => new URL(a.href).pathname)")
    assert got == [url_of("czj", ITEMS[1][2]), url_of("czj", ITEMS[0][2])]  # newest first


def test_query_from_the_address_and_no_intl(context, bigram_server):
    context.add_init_script("delete window.Intl;")
    page = context.new_page()
    page.goto(bigram_server.url + "search/?q=" + "青政发〔2026〕19号")
    page.wait_for_function("() => /^找到 1 条/.test(document.querySelector('.xxgk-search-status').textContent)")
    assert page.evaluate("typeof Intl") == "undefined"
    assert page.input_value("#xxgk-search-q") == "青政发〔2026〕19号"


def test_tokens_agree_in_the_browser(page, bigram_server):
    page.goto(bigram_server.url + "search/")
    got = page.evaluate("s => s.map(x => [XxgkSearchTokens.indexTokens(x), XxgkSearchTokens.queryTokens(x)])",
                        SAMPLES)
    assert got == [[st.index_tokens(x), st.query_tokens(x)] for x in SAMPLES], json.dumps(got)[:400]


def test_token_words_are_hidden_from_people(page, bigram_server):
    page.goto(bigram_server.url + url_of(ITEMS[0][0], ITEMS[0][2]).lstrip("/"))
    hidden = page.locator("[data-pagefind-body]")
    assert hidden.count() == 1 and hidden.get_attribute("aria-hidden") == "true" and not hidden.is_visible()
    assert ITEMS[0][3] in page.locator("h1").text_content()
