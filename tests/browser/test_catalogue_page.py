"""The catalogue pages (公开目录) in a real Chromium at a phone's 390×844 and a desktop's 1366×900
(issue 11): a unit catalogue and the site catalogue, plain and filtered.

What is checked: the page never scrolls sideways (also in 适老化 mode); titles get room — at least
12 characters a line on the phone, 25 on the desktop (the title element's width over its font
size); a date or a 有效性 never wraps; the 内容概述 under each title (条例第十二条, issue 12) takes at
most three lines on the phone and two on the desktop; on the phone each entry is a card, 名称 first
and, besides its 内容概述, no taller than a card should be; text ≥ 14 px and links and controls ≥ 24×24 px (WCAG 2.2 2.5.8: links in
running text exempt, and a smaller target whose 24 px circle reaches no other target, its
spacing exception); pagination is one row. The filter searches the WHOLE catalogue — keyword,
主题分类, 发布机构 (site catalogue), 栏目 (catalogue order), 年份 (every year), 文件类型, 有效性 —
from the per-unit chunks under data/filter/ (only the chunks it needs), keeps its state in the
URL (reload, back), pages its results 100 at a time with the count 共 N 条, and renders editors'
titles as text. Without JavaScript the form stays hidden and the pages are plain paginated pages.
axe-core finds nothing serious or critical. The measurements are face.py's; each page opens in a
fresh context of its size (conftest's ``sized``). Screenshots go to /tmp/shots-catalogue/.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from xxgk.core import abstract
from xxgk.site import urls

from .conftest import note
from .face import DESKTOP, PHONE, VIEWPORTS, axe_serious, overflowing, small_targets, small_text, widths

MIN_CHARS = {"390": 12, "1366": 25}
SHOTS = Path(os.environ.get("XXGK_SHOTS_CATALOGUE", "/tmp/shots-catalogue"))
ARTICLE = "article.md-content__inner"
FORM = "form.xxgk-filter"
STATUS = "p.xxgk-filter-status"
RESULTS = "#xxgk-filter-results"
RESULT_ROWS = "#xxgk-filter-results table.xxgk-catalogue tbody tr"
STATIC = "#xxgk-catalogue-table"
PAGE_SIZE = 100
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
VALIDITY = ("有效", "失效", "废止", "已修订")


# -- what to look at ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fullest_unit(model, public):
    per_unit = Counter(i.unit for i in public)
    return model.units[max(per_unit, key=lambda u: (per_unit[u], u))]


@pytest.fixture(scope="module")
def pages(fullest_unit):
    return {"unit": urls.catalogue(fullest_unit.id), "site-2": urls.catalogue(None, 2)}


def open_at(page: Page, base_url: str, path: str, elder: bool = False) -> Page:
    """``page`` (one of conftest's ``sized`` pages) at ``path``, in 适老化 mode if ``elder``."""
    if elder:
        page.add_init_script("try { localStorage.setItem('xxgk-elder', 'on'); } catch (e) {}")
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    return page


def normal(text: str) -> str:
    """What the filter compares: NFKC, lower case, any bracket pair as 〔〕 (发文字号 are typed either way)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\[［(（【〔]", "〔", re.sub(r"[\]］)）】〕]", "〕", text))


def matches(item, words: str) -> bool:
    hay = normal(" ".join((item.title, item.index, item.doc_number or "")))
    return all(w in hay for w in normal(words).split())


def facet(page: Page, label: str):
    """A condition of the filter; on a phone they are folded under 更多条件 until asked for."""
    form = page.locator(FORM)
    toggle = form.locator("button.xxgk-filter__toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
    return form.get_by_label(label, exact=True)


def status_count(page: Page) -> int:
    expect(page.locator(STATUS)).to_have_text(re.compile(r"^共 \d+ 条"))
    return int(re.match(r"^共 (\d+) 条", page.locator(STATUS).inner_text()).group(1))


def shown_indexes(page: Page) -> list[str]:
    return page.locator(f"{RESULT_ROWS} td.xxgk-index").all_inner_texts()


def wait_results(page: Page, expected: int) -> None:
    expect(page.locator(STATUS)).to_have_text(re.compile(rf"^共 {expected} 条"))
    expect(page.locator(RESULT_ROWS)).to_have_count(min(expected, PAGE_SIZE) if expected else 0)


def query(page: Page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


# -- geometry ---------------------------------------------------------------------------------

# Title elements of the visible catalogue table: width over font size, and the row heights.
TITLES = """() => {
    const rows = [...document.querySelectorAll('table.xxgk-catalogue tbody tr')].filter(r => r.checkVisibility());
    return rows.map(r => {
        const a = r.querySelector('a[href]');
        const size = parseFloat(getComputedStyle(a).fontSize);
        const box = a.getBoundingClientRect();
        // what else the entry shows: the other cells, and the title cell's own text beside the title
        const others = [...r.querySelectorAll('td, td *')].filter(c => c.checkVisibility() && !c.contains(a) && !a.contains(c))
            .map(c => c.getBoundingClientRect()).filter(b => b.width > 0 && b.height > 0).map(b => b.top);
        // the 内容概述 line under the title (条例第十二条): its own height and how many lines it takes
        const s = r.querySelector('.xxgk-cat-summary');
        const shown = s && s.checkVisibility() ? s.getBoundingClientRect().height : 0;
        return {title: a.textContent, chars: box.width / size, size, height: r.getBoundingClientRect().height,
                summary: shown, summaryLines: shown ? Math.round(shown / parseFloat(getComputedStyle(s).lineHeight)) : 0,
                titleTop: box.top, othersTop: others.length ? Math.min(...others) : Infinity};
    });
}"""

# Dates and 有效性 of the catalogue tables: how many lines each takes.
WRAPS = """(pattern) => {
    const re = new RegExp(pattern), out = [];
    for (const el of document.querySelectorAll('table.xxgk-catalogue *')) {
        if (!el.checkVisibility()) continue;
        for (const n of el.childNodes) {
            if (n.nodeType !== 3) continue;
            const text = n.textContent.trim();
            if (!re.test(text)) continue;
            const range = document.createRange();
            range.selectNodeContents(n);
            const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
            if (tops.size > 1) out.push(`${text} over ${tops.size} lines in <${el.tagName.toLowerCase()} class="${el.className}">`);
        }
    }
    return out;
}"""

# The catalogue's tables and the filter form: none may scroll sideways inside itself either.
SCROLLING_INSIDE = """() => [...document.querySelectorAll('.xxgk-table-wrap, form.xxgk-filter')]
    .filter(w => w.checkVisibility() && w.scrollWidth > w.clientWidth + 1)
    .map(w => `${w.className}: ${w.scrollWidth} > ${w.clientWidth}`)"""


def check_layout(page: Page, where: str, size: str, *, chars: bool = True) -> list[dict]:
    scroll, width = widths(page)
    assert scroll <= width, f"{where}: the page scrolls sideways: {scroll} > {width}, because of {overflowing(page)}"
    inside = page.evaluate(SCROLLING_INSIDE)
    assert not inside, f"{where}: a table or the form scrolls sideways: {inside}"
    titles = page.evaluate(TITLES)
    assert titles, f"{where}: no catalogue rows shown"
    if chars:
        narrowest = min(titles, key=lambda t: t["chars"])
        assert narrowest["chars"] >= MIN_CHARS[size], (
            f"{where}: a title line holds {narrowest['chars']:.1f} characters (≥ {MIN_CHARS[size]} wanted): {narrowest}")
    wrapped = page.evaluate(WRAPS, DATE.pattern) + page.evaluate(WRAPS, "^(" + "|".join(VALIDITY) + ")$")
    assert not wrapped, f"{where}: wraps inside a date or 有效性: {wrapped[:5]}"
    small = small_text(page, ARTICLE)
    assert not small, f"{where}: text under 14 px:\n  " + "\n  ".join(small[:20])
    # links in a sentence, and undersized targets far enough from others, are exempt (WCAG 2.5.8)
    targets = small_targets(page, ARTICLE, sentences="p", spacing=True)
    assert not targets, f"{where}: targets under 24×24 px:\n  " + "\n  ".join(targets[:20])
    # 内容概述 (≤ 60 characters): at most three lines on the phone, two on the desktop
    lines = max(t["summaryLines"] for t in titles)
    assert any(t["summary"] for t in titles), f"{where}: no 内容概述 shown"
    assert lines <= (3 if size == "390" else 2), f"{where}: a 内容概述 takes {lines} lines"
    if size == "390":  # a card: 名称 first, and a few lines, not a tower of single characters
        heights = sorted(t["height"] - t["summary"] for t in titles)  # (the summary is bounded above)
        median = heights[len(heights) // 2]
        assert median <= 220, f"{where}: a catalogue entry is {median:.0f} px tall on the phone, besides its 内容概述"
        first = [t for t in titles if t["titleTop"] > t["othersTop"] + 1]
        assert not first, f"{where}: 名称 is not first in its card: {first[:2]}"
    return titles


# -- layout, both sizes, plain and 适老化 -----------------------------------------------------------

@pytest.mark.parametrize("elder", [False, True], ids=["plain", "elder"])
@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("kind", ["unit", "site-2"])
def test_catalogue_fits_the_screen_and_titles_get_the_width(kind, size, elder, sized, base_url, pages):
    page = open_at(sized(VIEWPORTS[size]), base_url, pages[kind], elder)
    if elder:
        expect(page.locator("html")).to_have_attribute("data-xxgk-elder", "on")
    where = f"/{pages[kind]} at {size}px{' (适老化)' if elder else ''}"
    titles = check_layout(page, where, size)
    note(f"[catalogue] {where}: narrowest title line {min(t['chars'] for t in titles):.1f} characters, "
         f"median entry {sorted(t['height'] for t in titles)[len(titles) // 2]:.0f} px")
    if not elder:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{kind}-{size}.png"), full_page=False)


@pytest.mark.parametrize("size", VIEWPORTS)
def test_pagination_is_one_row_of_targets(size, sized, base_url):
    page = open_at(sized(VIEWPORTS[size]), base_url, urls.catalogue(None, 2))
    items = page.locator(f"{ARTICLE} nav.xxgk-pagination li")
    assert items.count() >= 2
    boxes = items.evaluate_all("ls => ls.map(l => l.getBoundingClientRect()).map(r => [r.top, r.height, r.width])")
    assert len({round(top) for top, _, _ in boxes}) == 1, f"pagination is not one row: {boxes}"
    links = page.locator(f"{ARTICLE} nav.xxgk-pagination a")
    for box in links.evaluate_all("as => as.map(a => a.getBoundingClientRect()).map(r => [r.width, r.height])"):
        assert box[0] >= 24 and box[1] >= 24, box
    expect(links.filter(has_text="上一页")).to_have_attribute("href", "../../")


# -- the filter ---------------------------------------------------------------------------------

def test_filter_finds_an_item_on_page_2_of_the_site_catalogue(sized, base_url, guard, public, site_dir):
    on_page_2 = public[PAGE_SIZE:]
    target = next(i for i in on_page_2 if "营商环境" in i.title)
    page = open_at(sized(DESKTOP), base_url, urls.catalogue(None))
    form = page.locator(FORM)
    expect(form).to_be_visible()
    assert target.index not in page.locator(f"{STATIC} td.xxgk-index").all_inner_texts()
    before = len(guard.requests)
    form.get_by_label("关键词").fill("营商环境")
    expected = [i for i in public if matches(i, "营商环境")]
    wait_results(page, len(expected))
    assert target.index in shown_indexes(page)
    link = page.locator(RESULT_ROWS).get_by_role("link", name=target.title, exact=True)
    expect(link).to_be_visible()
    # its 内容概述 under the title, as the static table shows it (≤ 60 characters)
    row = page.locator(RESULT_ROWS).filter(has=page.get_by_role("link", name=target.title, exact=True))
    expect(row.locator(".xxgk-cat-summary")).to_have_text(abstract.listing(abstract.of(target).text))
    expect(page.locator(STATIC)).to_be_hidden()
    fetched = [u for u in guard.requests[before:] if "/data/" in u]
    assert fetched and all("/data/filter/" in u for u in fetched), fetched  # never the open-data files
    link.click()
    expect(page).to_have_url(base_url + urls.item(target.unit, target.column, target.serial))


def test_filter_offers_every_facet_in_catalogue_order_and_counts_the_whole_catalogue(sized, base_url, model, public):
    page = open_at(sized(DESKTOP), base_url, urls.catalogue(None))
    form = page.locator(FORM)
    expect(form).to_be_visible()

    def options(label: str) -> list[tuple[str, str]]:
        return form.get_by_label(label, exact=True).locator("option").evaluate_all(
            "os => os.map(o => [o.value, o.textContent.trim()])")

    years = options("年份")
    assert [v for v, _ in years[1:]] == [str(y) for y in range(public[0].published.year, public[-1].published.year - 1, -1)]
    columns = [v for v, _ in options("栏目")[1:]]
    order = list(model.catalogue.columns)
    assert columns == sorted(columns, key=order.index), "栏目 not in catalogue order"
    assert {i.column for i in public} <= set(columns)
    assert {i.topic for i in public} <= {v for v, _ in options("主题分类")}
    assert {i.kind for i in public} <= {v for v, _ in options("文件类型")}
    assert [v for v, _ in options("发布机构")[1:]] == list(model.units)
    assert [v for v, _ in options("有效性")[1:]] == list(VALIDITY)

    topic = Counter(i.topic for i in public).most_common(2)[1][0]
    unit = next(iter(model.units))
    parent = next(c for c in model.catalogue.columns.values() if model.catalogue.children(c.id)
                  and any(i.column in model.catalogue.subtree(c.id) for i in public))
    year = public[-1].published.year
    kind = Counter(i.kind for i in public).most_common(3)[2][0]
    checks = [
        ("主题分类", topic, lambda i: i.topic == topic),
        ("发布机构", unit, lambda i: i.unit == unit),
        ("栏目", parent.id, lambda i: i.column in model.catalogue.subtree(parent.id)),  # a column and the ones below it
        ("年份", str(year), lambda i: i.published.year == year),
        ("文件类型", kind, lambda i: i.kind == kind),
        ("有效性", "废止", lambda i: i.validity.status == "废止"),
    ]
    for label, value, keep in checks:
        form.get_by_label(label, exact=True).select_option(value)
        expected = [i.index for i in public if keep(i)]
        assert expected, label
        wait_results(page, len(expected))
        assert shown_indexes(page) == expected[:PAGE_SIZE], label  # newest first, as the catalogue
        form.get_by_label(label, exact=True).select_option("")
    # all of them at once: an AND
    form.get_by_label("发布机构", exact=True).select_option(unit)
    form.get_by_label("年份", exact=True).select_option(str(year))
    both = [i.index for i in public if i.unit == unit and i.published.year == year]
    wait_results(page, len(both))
    assert shown_indexes(page) == both


def test_unit_catalogue_filter_fetches_only_its_own_chunks(sized, base_url, guard, model, public, fullest_unit, site_dir):
    mine = [i for i in public if i.unit == fullest_unit.id]
    sizes: dict[str, int] = {}
    page = sized(DESKTOP)
    page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
    open_at(page, base_url, urls.catalogue(fullest_unit.id))
    form = page.locator(FORM)
    expect(form).to_be_visible()
    expect(form.get_by_label("发布机构", exact=True)).to_have_count(0)
    columns = form.get_by_label("栏目", exact=True).locator("option").evaluate_all("os => os.slice(1).map(o => o.value)")
    applicable = [c.id for c in model.catalogue.columns_for(fullest_unit) if c.generated != "guide"]
    assert columns == applicable
    assert not [u for u in sizes if "/data/" in u], "data fetched before anyone filtered"

    year = Counter(i.published.year for i in mine).most_common()[-1][0]
    form.get_by_label("年份", exact=True).select_option(str(year))
    expected = [i.index for i in mine if i.published.year == year]
    wait_results(page, len(expected))
    assert shown_indexes(page) == expected
    page.wait_for_load_state("networkidle")
    fetched = {u: n for u, n in sizes.items() if "/data/" in u}
    assert set(fetched) == {f"{base_url}data/filter/manifest.json", f"{base_url}data/filter/{fullest_unit.id}/{year}.json"}, fetched

    form.get_by_label("年份", exact=True).select_option("")
    word = next(w for w in ("公开", "工作", "通知") if any(w in i.title for i in mine))
    form.get_by_label("关键词").fill(word)
    expected = [i.index for i in mine if matches(i, word)]
    wait_results(page, len(expected))
    page.wait_for_load_state("networkidle")
    fetched = {u: n for u, n in sizes.items() if "/data/" in u}
    assert all(u.startswith(f"{base_url}data/filter/manifest.json") or f"/data/filter/{fullest_unit.id}/" in u
               for u in fetched), fetched
    total = sum(fetched.values())
    raw = sum((site_dir / urlsplit(u).path.lstrip("/")).stat().st_size for u in fetched)
    full = (site_dir / f"data/{fullest_unit.id}.json").stat().st_size
    note(f"[catalogue] demo: filtering /{urls.catalogue(fullest_unit.id)} ({len(mine)} items) fetched "
         f"{len(fetched)} files, {total} bytes over the wire ({raw} bytes unzipped); data/{fullest_unit.id}.json is {full}")


def test_site_catalogue_filter_bytes(sized, base_url, model, public, site_dir):
    sizes: dict[str, int] = {}
    page = sized(DESKTOP)
    page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
    open_at(page, base_url, urls.catalogue(None))
    form = page.locator(FORM)
    form.get_by_label("关键词").fill("营商环境")
    wait_results(page, sum(matches(i, "营商环境") for i in public))
    page.wait_for_load_state("networkidle")
    every = {u: n for u, n in sizes.items() if "/data/" in u}
    raw = sum((site_dir / urlsplit(u).path.lstrip("/")).stat().st_size for u in every)
    full = (site_dir / "data/catalogue.json").stat().st_size
    note(f"[catalogue] demo: a keyword over the site catalogue ({len(public)} items) fetched {len(every)} files, "
         f"{sum(every.values())} bytes over the wire ({raw} unzipped); data/catalogue.json is {full}")
    assert raw < full


def test_filter_state_lives_in_the_url_survives_reload_and_back(sized, base_url, model, public):
    page = open_at(sized(PHONE), base_url, urls.catalogue(None, 2))
    form = page.locator(FORM)
    facet(page, "有效性").select_option("有效")
    valid = [i.index for i in public if i.validity.status == "有效"]
    assert len(valid) > PAGE_SIZE, "the demo needs more than 100 有效 items for two pages of results"
    wait_results(page, len(valid))
    expect(page).to_have_url(re.compile(r"\?(.*&)?validity="))
    assert query(page) == {"validity": "有效"}
    assert shown_indexes(page) == valid[:PAGE_SIZE]

    pager = page.locator(f"{RESULTS} nav.xxgk-pagination")
    expect(pager).to_contain_text(f"第 1 页，共 {-(-len(valid) // PAGE_SIZE)} 页")  # (the demo grows: 2 or 3 pages)
    pager.get_by_role("link", name="2", exact=True).click()
    second = valid[PAGE_SIZE:2 * PAGE_SIZE]
    expect(page.locator(RESULT_ROWS)).to_have_count(len(second))
    assert shown_indexes(page) == second
    assert query(page) == {"validity": "有效", "page": "2"}
    expect(page.locator(STATUS)).to_be_focused()

    page.reload()
    expect(form.get_by_label("有效性", exact=True)).to_have_value("有效")
    expect(page.locator(STATUS)).to_have_text(re.compile(rf"^共 {len(valid)} 条"))
    expect(page.locator(RESULT_ROWS)).to_have_count(len(second))
    assert shown_indexes(page) == second

    page.go_back()
    expect(page.locator(RESULT_ROWS)).to_have_count(PAGE_SIZE)
    assert shown_indexes(page) == valid[:PAGE_SIZE]

    topic = public[0].topic
    facet(page, "主题分类").select_option(topic)
    form.get_by_label("关键词").fill(public[0].title[:4])
    both = [i.index for i in public if i.validity.status == "有效" and i.topic == topic and matches(i, public[0].title[:4])]
    wait_results(page, len(both))
    expect(page).to_have_url(re.compile(r"q="))
    shared = page.url
    assert query(page) == {"validity": "有效", "topic": topic, "q": public[0].title[:4]}

    other = sized(DESKTOP)  # a shared link opens on the same view, on another device
    other.goto(shared)
    expect(other.locator(FORM).get_by_label("关键词")).to_have_value(public[0].title[:4])
    expect(other.locator(FORM).get_by_label("主题分类", exact=True)).to_have_value(topic)
    wait_results(other, len(both))
    assert shown_indexes(other) == both

    form.get_by_role("button", name="清除").click()
    expect(page.locator(STATIC)).to_be_visible()
    expect(page.locator(RESULTS)).to_be_hidden()
    assert urlsplit(page.url).query == ""
    expect(form.get_by_label("有效性", exact=True)).to_have_value("")


def test_on_the_phone_the_conditions_fold_under_more_until_used(sized, base_url):
    page = open_at(sized(PHONE), base_url, urls.catalogue(None))
    form = page.locator(FORM)
    toggle = form.locator("button.xxgk-filter__toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(form.get_by_label("关键词")).to_be_visible()
    expect(form.get_by_label("主题分类", exact=True)).to_be_hidden()
    assert form.bounding_box()["height"] < 300, form.bounding_box()
    toggle.click()
    expect(form.get_by_label("主题分类", exact=True)).to_be_visible()
    form.get_by_label("年份", exact=True).select_option(index=1)
    toggle.click()
    expect(toggle).to_have_text("更多条件（已选 1 项）")
    open_at(page, base_url, urls.catalogue(None) + "?kind=工作动态")  # in use: open
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(form.get_by_label("文件类型", exact=True)).to_have_value("工作动态")
    desktop = open_at(sized(DESKTOP), base_url, urls.catalogue(None))  # a desktop shows every condition, no toggle
    expect(desktop.locator(FORM).locator("button.xxgk-filter__toggle")).to_be_hidden()
    expect(desktop.locator(FORM).get_by_label("主题分类", exact=True)).to_be_visible()


def test_the_first_page_shows_before_the_older_years_arrive(sized, base_url, public):
    """Chunks come newest year first: the first page is final once the years it needs are in."""
    newest = public[0].published.year
    held = []
    page = sized(DESKTOP)
    older = re.compile(rf".*/data/filter/[^/]+/(?!{newest})\d{{4}}\.json$")
    page.route(older, lambda route: held.append(route))
    open_at(page, base_url, urls.catalogue(None))
    facet(page, "有效性").select_option("有效")
    valid = [i.index for i in public if i.validity.status == "有效"]
    recent = [i for i in valid if any(p.index == i and p.published.year == newest for p in public)]
    status = page.locator(STATUS)
    expect(status).to_have_text(re.compile(rf"^已找到 {len(recent)} 条（{newest} 年及以后），正在检索更早的信息"))
    if len(recent) >= PAGE_SIZE:  # a full first page from the newest year alone
        expect(page.locator(RESULT_ROWS)).to_have_count(PAGE_SIZE)
        assert shown_indexes(page) == valid[:PAGE_SIZE]
    assert held, "no older chunk was asked for"
    for _ in range(400):  # release them one at a time, and those asked for later (one year after another)
        if held:
            held.pop().continue_()
        elif status.inner_text().startswith("共"):
            break
        page.wait_for_timeout(50)
    wait_results(page, len(valid))
    assert shown_indexes(page) == valid[:PAGE_SIZE]
    expect(page.locator(f"{RESULTS} nav.xxgk-pagination")).to_be_visible()


def test_filter_with_no_match_says_so(sized, base_url):
    page = open_at(sized(PHONE), base_url, urls.catalogue(None))
    page.locator(FORM).get_by_label("关键词").fill("没有这样的标题词组")
    expect(page.locator(STATUS)).to_have_text(re.compile(r"^共 0 条"))
    expect(page.locator(RESULTS)).to_contain_text("没有")


def test_filtered_site_catalogue_fits_and_screenshots(sized, base_url, public):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size, viewport in VIEWPORTS.items():
        page = open_at(sized(viewport), base_url, urls.catalogue(None, 2) + "?q=" + "营商")
        wait_results(page, sum(matches(i, "营商") for i in public))
        check_layout(page, f"/catalogue/page/2/?q=营商 at {size}px", size)
        top = page.locator(RESULT_ROWS).first.bounding_box()["y"]
        assert top < viewport["height"], f"at {size}px the first result starts at y={top:.0f}, below the first screen"
        page.screenshot(path=str(SHOTS / f"site-filtered-{size}.png"), full_page=False)
        open_at(page, base_url, urls.catalogue(None) + "?validity=有效")
        wait_results(page, sum(i.validity.status == "有效" for i in public))
        check_layout(page, f"/catalogue/?validity=有效 at {size}px", size)
        page.screenshot(path=str(SHOTS / f"site-filtered-long-{size}.png"), full_page=True)


def test_keyword_box_has_a_visible_border(sized, base_url):
    page = open_at(sized(DESKTOP), base_url, urls.catalogue(None))
    box = page.locator(FORM).get_by_label("关键词")
    style = box.evaluate("""b => { const s = getComputedStyle(b);
        return {width: parseFloat(s.borderTopWidth), style: s.borderTopStyle, colour: s.borderTopColor}; }""")
    assert style["width"] >= 1 and style["style"] == "solid", style
    rgb = [int(x) for x in re.findall(r"\d+", style["colour"])[:3]]

    def lum(c):
        c = [v / 255 for v in c]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    contrast = (1.05) / (lum(rgb) + 0.05)
    assert contrast >= 3, f"the keyword box's border {style['colour']} is {contrast:.1f}:1 on white (≥ 3:1, WCAG 1.4.11)"


def test_titles_in_results_are_text_never_markup(sized, base_url, model):
    """The chunks carry editors' titles and 内容概述: text that looks like markup is shown as those characters."""
    hostile = '<img src=x onerror="window.__xxgk_pwned=1">《测试》&amp;<b>粗</b>'
    unit = next(iter(model.units))

    def swap(route):
        response = route.fetch()
        data = response.json()
        for row in data["rows"]:
            row[1] = hostile + row[1]
            row[2] = hostile + row[2]  # the 内容概述 (filter format 2)
        headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-encoding", "content-length")}
        route.fulfill(response=response, body=json.dumps(data, ensure_ascii=False), headers=headers)

    page = sized(DESKTOP)
    page.route(re.compile(r".*/data/filter/[^/]+/\d{4}\.json$"), swap)
    open_at(page, base_url, urls.catalogue(None) + f"?unit={unit}")
    first = page.locator(RESULT_ROWS).first
    expect(first).to_contain_text(hostile)
    expect(first.locator(".xxgk-cat-summary")).to_contain_text(hostile)
    assert page.evaluate("() => window.__xxgk_pwned") is None
    assert page.locator(f"{RESULTS} img, {RESULTS} b").count() == 0


def test_without_javascript_the_pages_stay_plain_paginated_pages(sized, base_url, public):
    page = sized(PHONE, java_script_enabled=False)
    page.goto(base_url + urls.catalogue(None))
    expect(page.locator(FORM)).to_be_hidden()
    expect(page.locator(f"{STATIC} tbody tr")).to_have_count(PAGE_SIZE)
    assert page.locator(f"{STATIC} td.xxgk-index").all_inner_texts() == [i.index for i in public[:PAGE_SIZE]]
    page.locator(f"{ARTICLE} nav.xxgk-pagination").get_by_role("link", name="下一页").click()
    expect(page).to_have_url(base_url + urls.catalogue(None, 2))
    assert page.locator(f"{STATIC} td.xxgk-index").all_inner_texts() == [i.index for i in public[PAGE_SIZE:2 * PAGE_SIZE]]
    expect(page.locator(FORM)).to_be_hidden()


# -- axe ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("kind", ["unit", "site-2-filtered", "site-2-filtered-elder"])
def test_axe_no_serious_or_critical(kind, size, sized, base_url, pages, public):
    page = sized(VIEWPORTS[size])
    if kind == "unit":
        open_at(page, base_url, pages["unit"])
    else:
        open_at(page, base_url, urls.catalogue(None, 2) + "?validity=有效&page=2", elder=kind.endswith("elder"))
        expect(page.locator(STATUS)).to_have_text(re.compile(r"^共 \d+ 条"))
    found = axe_serious(page)
    assert not found, f"{kind} at {size}px:\n  " + "\n  ".join(found)
