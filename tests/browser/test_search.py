"""The site's own search (issue 10) in Chromium: a small repository built by a real ``mkdocs build``,
served, and searched on /search/ (assets/xxgk/search.js over searchindex/).

What is typed — an exact title, a 发文字号 in any bracket style, a 索引号, an everyday word, one
character — finds the item; results rank the exact title first, then title matches, then body-only
matches, each newest first; the pages tier lists guides and unit homes above the items; filters
work without a query; 更多结果 loads the next 10; result text is set as text; the page works with
window.Intl removed; the JS tokeniser agrees with searchtokens.py in the browser too; and (the
context's guard) no other host is reached and nothing is logged as an error."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from conftest import CITY_CODE, DEPT_CODE, Repo, mkdocs_build
from sitecheck import PROBE
from test_searchtokens import SAMPLES
from xxgk.site import searchindex as si
from xxgk.site import searchtokens as st
from xxgk.site import urls

from .conftest import SETTLED, Guard
from .server import SiteServer

pytestmark = pytest.mark.browser

CODES = {"czj": DEPT_CODE, "qcs": CITY_CODE}
RANKED = "城乡供水一体化改造实施方案"  # the ranking query: one item's exact title
FLAG = f"window.__{PROBE}=1"  # set only if markup from the index ever runs


def _item(unit, serial, title, published, body="正文。\n", number=None):
    return {"unit": unit, "serial": serial, "title": title, "published": published, "body": body, "number": number}


ITEMS = [
    # 0–2: typed text
    _item("czj", 1, "青川市财政局关于进一步优化营商环境支持民营经济发展的通知", "2025-03-05",
          "各县（区）财政局：为落实招商引资政策，现就有关事项通知如下。\n", "青财发〔2025〕7号"),
    _item("czj", 2, "青川市财政局2024年度“三公”经费决算说明", "2025-06-10", "本单位2024年度“三公”经费决算情况说明如下。\n"),
    _item("qcs", 3, "青川市人民政府关于开展特种设备安全专项督导的通知", "2026-02-01",
          "市政府决定开展特种设备安全专项督导，检查营商环境有关问题。\n", "青政发〔2026〕19号"),
    # 3–7: ranking — the exact title (oldest), title matches, body-only matches (the newest last)
    _item("qcs", 4, RANKED, "2025-04-01"),
    _item("qcs", 5, f"关于印发{RANKED}的通知", "2026-03-01"),
    _item("qcs", 6, f"{RANKED}政策解读", "2025-09-01"),
    _item("qcs", 7, "青川市人民政府2026年第一季度重点工作进展", "2026-05-01", f"推进{RANKED}落地见效。\n"),
    _item("qcs", 8, "关于农村饮水工作的情况通报", "2025-11-01", f"按照{RANKED}要求开展工作。\n"),
    # 8: markup in the body shown as text: its excerpt holds a literal <img …> (the gate lets it through)
    _item("czj", 9, "关于代码示例显示方式的说明", "2025-07-01", f'示例代码：`<img src=x onerror="{FLAG}">` 仅作说明。\n'),
    # 9: markup in the title: the gate's markup-in-text rule withholds the item
    _item("czj", 10, f'关于<img src=x onerror="{FLAG}">图片探针的通知', "2025-07-02"),
] + [  # 10–21: twelve results for one word, to page through
    _item("qcs", 20 + m, f"关于{y}年{mm}月份安全生产检查情况的通报", f"{y}-{mm:02d}-10", "本月安全生产检查情况通报如下。\n")
    for m, (y, mm) in enumerate([(2025, 12)] + [(2026, k) for k in range(1, 12)])
]
WITHHELD = {9}


def index_of(n):
    i = ITEMS[n]
    return f"{CODES[i['unit']]}/{i['published'][:4]}-{i['serial']:05d}"


def url_of(n):
    i = ITEMS[n]
    return "/" + urls.item(i["unit"], "gzdt", f"{i['published'][:4]}-{i['serial']:05d}")


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    repo = Repo(tmp_path_factory.mktemp("search") / "repo")
    for n, i in enumerate(ITEMS):
        repo.item(unit=i["unit"], name=f"i{n}", index=index_of(n), title=i["title"], doc_number=i["number"],
                  body=i["body"], published=i["published"])
    config = repo.mkdocs_yml(check=False)
    site = repo.root / "site"
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr[-4000:]
    assert (site / "searchindex" / "manifest.json").is_file() and not (site / "pagefind").exists()
    html = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert "assets/xxgk/search.js" in html and "pagefind" not in html
    srv = SiteServer(site).start()
    srv.site = site
    yield srv
    srv.stop()


@pytest.fixture
def guard(search_site) -> Guard:  # this module's own site, not the demo
    return Guard(search_site.url)




def settle(page, status_has=""):
    if status_has:
        expect(page.locator(".xxgk-search-status")).to_contain_text(status_has)
    page.wait_for_function(SETTLED)


def shown(page):
    return page.eval_on_selector_all("li.xxgk-search-result h3 > a", "as => as.map(a => new URL(a.href).pathname)")


def search(page, base, query):
    """Open /search/, type the query (results come as one types) and return the item URLs shown."""
    page.goto(base + "search/")
    page.locator("select[name='发布机构']").wait_for(state="attached")
    page.fill("#xxgk-search-q", query)
    settle(page, f"“{query}”")
    return shown(page)


@pytest.mark.parametrize("query, want", [
    (ITEMS[0]["title"], [0]), (ITEMS[1]["title"], [1]), (ITEMS[2]["title"], [2]),    # exact titles
    ("青财发〔2025〕7号", [0]), ("青财发[2025]7号", [0]), ("青财发(2025)7号", [0]), ("青政发（2026）19号", [2]),
    (index_of(2), [2]), (index_of(0).lower(), [0]),                                   # 索引号
    ("营商环境", [0, 2]), ("民营经济", [0]), ("招商引资", [0]), ("特种设备", [2]), ("督导", [2]),
    ("三公", [1]), ("“三公”经费", [1]), ("政发", [2]), ("督", [2]), ("饮", [7]),   # one character
    ("营商 督导", [2]),          # every run must be in the item
    ("环境营商", []), ("督查", []),  # bigrams of other text are not a match
])
def test_typed_text_finds_the_item(page, search_site, query, want):
    got = search(page, search_site.url, query)
    assert sorted(got) == sorted(url_of(i) for i in want)
    if want:
        assert page.text_content(".xxgk-search-status").startswith(f"找到 {len(want)} 条与“{query}”相关的信息")


def test_exact_title_first_then_title_matches_then_body_matches_each_newest_first(page, search_site):
    assert search(page, search_site.url, RANKED) == [url_of(n) for n in (3, 4, 5, 6, 7)]
    # the same tiers through the API, and a word in one title and one body: the title first although older
    got = page.evaluate("q => xxgkSearch.search(q).then(r => xxgkSearch.records(r.items)).then(rs => rs.map(r => '/' + r.path))",
                        "营商环境")
    assert got == [url_of(0), url_of(2)]
    assert search(page, search_site.url, "营商环境") == got
    expect(page.locator("li.xxgk-search-result h3 mark").first).to_have_text("营商环境")  # highlighted, as text


def test_meta_line_shows_unit_date_doc_number_and_index(page, search_site):
    search(page, search_site.url, "青财发〔2025〕7号")
    expect(page.locator("p.xxgk-search-meta")).to_have_text(
        f"青川市财政局 · 2025-03-05 · 青财发〔2025〕7号 · 索引号 {index_of(0)}")
    page.locator("li.xxgk-search-result h3 > a").click()
    expect(page).to_have_url(search_site.url + url_of(0).lstrip("/"))


def test_pages_tier_lists_guides_and_unit_homes_above_the_items(page, search_site):
    search(page, search_site.url, "公开指南")
    pages = page.locator("section.xxgk-search-pages")
    expect(pages).to_be_visible()
    status = page.text_content(".xxgk-search-status")
    # search.js writes "找到7 个" here (no space, unlike "找到 2 条…，7 个" when items are found)
    found = re.fullmatch(r"没有找到与“公开指南”相关的信息；找到 ?(\d+) 个栏目、指南或目录", status)
    assert found, status
    expect(pages.locator("li")).to_have_count(min(6, int(found.group(1))))
    kinds = pages.locator("li .xxgk-search-kind").all_inner_texts()
    assert kinds == ["公开指南"] * min(6, int(found.group(1))), kinds  # six at most are listed
    assert pages.locator("li > a").all_inner_texts() == ["政府信息公开指南"] * len(kinds)

    search(page, search_site.url, "青川市财政局")
    first = pages.locator("li").first
    settle(page)
    expect(first.locator("a")).to_have_text("青川市财政局")
    assert first.locator("a").get_attribute("href").endswith("/czj/")
    expect(first.locator(".xxgk-search-kind")).to_have_text("单位主页")
    assert page.evaluate("""() => document.querySelector('section.xxgk-search-pages')
        .compareDocumentPosition(document.querySelector('ol.xxgk-search-results')) & Node.DOCUMENT_POSITION_FOLLOWING""")
    assert sorted(shown(page)) == sorted([url_of(0), url_of(1)])  # the items whose titles name it


def test_more_results_loads_the_next_ten(page, search_site):
    want = [url_of(n) for n in sorted(range(10, 22), key=lambda n: ITEMS[n]["published"], reverse=True)]
    assert search(page, search_site.url, "安全生产") == want[:10]
    more = page.locator("button.xxgk-search-more")
    expect(more).to_be_visible()
    expect(more).to_have_text("更多结果")
    more.click()
    expect(page.locator("li.xxgk-search-result")).to_have_count(12)
    assert shown(page) == want
    expect(more).to_be_hidden()


def test_filters_without_a_query_browse_a_unit_newest_first(page, search_site):
    page.goto(search_site.url + "search/")
    select = page.get_by_label("发布机构")
    mine = sorted((n for n, i in enumerate(ITEMS) if i["unit"] == "czj" and n not in WITHHELD),
                  key=lambda n: ITEMS[n]["published"], reverse=True)
    expect(select.locator("option", has_text="青川市财政局")).to_have_text(f"青川市财政局（{len(mine)}）")
    select.select_option("青川市财政局")
    settle(page, f"找到 {len(mine)} 条符合筛选条件的信息")
    assert shown(page) == [url_of(n) for n in mine]
    expect(page.locator("section.xxgk-search-pages")).to_be_hidden()  # a filter: items only
    assert "%E5%8F%91%E5%B8%83%E6%9C%BA%E6%9E%84=" in page.url  # 发布机构= kept in the address
    page.reload()
    settle(page, f"找到 {len(mine)} 条符合筛选条件的信息")
    expect(select).to_have_value("青川市财政局")
    assert shown(page) == [url_of(n) for n in mine]
    page.fill("#xxgk-search-q", "三公")  # a query within the filter
    settle(page, "“三公”")
    assert shown(page) == [url_of(1)]
    assert "q=%E4%B8%89%E5%85%AC" in page.url


def test_result_text_is_set_as_text(page, search_site):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    assert search(page, search_site.url, "代码示例") == [url_of(8)]
    excerpt = page.locator("p.xxgk-search-excerpt")
    expect(excerpt).to_contain_text(f'<img src=x onerror="{FLAG}">')
    assert page.locator("#xxgk-search img, #xxgk-search script").count() == 0
    # the title with markup is withheld by the gate: not in the index, not found
    assert search(page, search_site.url, "图片探针") == []
    rows = [r for f in (search_site.site / "searchindex" / "r").glob("*.json") for r in json.loads(f.read_text("utf-8"))]
    assert url_of(9).lstrip("/") not in {r[0] for r in rows}
    assert not any("图片探针" in r[1] for r in rows)
    page.wait_for_timeout(200)  # an image error would fire by now
    assert page.evaluate(f"typeof window.__{PROBE}") == "undefined" and not dialogs


def test_query_from_the_address_and_no_intl(context, search_site):
    context.add_init_script("delete window.Intl;")
    page = context.new_page()
    page.goto(search_site.url + "search/?q=" + "青政发〔2026〕19号")
    settle(page, "找到 1 条")
    assert page.evaluate("typeof Intl") == "undefined"
    assert page.input_value("#xxgk-search-q") == "青政发〔2026〕19号"
    assert shown(page) == [url_of(2)]
    expect(page.locator("fieldset.xxgk-search-filters select")).to_have_count(len(si.FACETS))


def test_header_box_and_search_button(page, search_site):
    page.goto(search_site.url)
    page.fill("#xxgk-q", "督导")
    page.press("#xxgk-q", "Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=%E7%9D%A3%E5%AF%BC$"))
    settle(page, "“督导”")
    assert shown(page) == [url_of(2)]
    page.locator("#xxgk-search-q").evaluate("(el, v) => { el.value = v; }", "民营经济")  # no input event
    page.locator("#xxgk-search form button[type=submit]", has_text="搜索").click()
    settle(page, "“民营经济”")
    assert shown(page) == [url_of(0)]


def test_tokens_agree_in_the_browser(page, search_site):
    page.goto(search_site.url + "search/")
    got = page.evaluate("""s => s.map(x => [XxgkSearchTokens.runs(x), XxgkSearchTokens.indexTokens(x),
                                           XxgkSearchTokens.queryTokens(x), XxgkSearchTokens.exactToken(x)])""", SAMPLES)
    want = [[[list(r) for r in st.runs(x)], st.index_tokens(x), st.query_tokens(x), si.exact_token(x)] for x in SAMPLES]
    assert got == want, json.dumps(got, ensure_ascii=False)[:400]
