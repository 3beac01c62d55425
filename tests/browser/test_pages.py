"""The generated pages a citizen lands on — home, a unit, a column, an item with a validity banner —
at a phone's 390×844 and a desktop's 1366×900 in a real Chromium (issue 11).

What is checked, on each page at both sizes: no horizontal scroll; text in the page's content at
≥ 14 px (16 px body, tables in bodies included); links and controls ≥ 24×24 px (WCAG 2.2 2.5.8;
links inside running text — an item's body, the guide, a paragraph with other words — are exempt,
as WCAG exempts them); axe-core finds no serious or critical violation. The measurements are
face.py's; each page opens in a fresh context of its size (conftest's ``sized``). On the item
page: the title first and inside the first screen, the validity banner above the body inside the
first screen, on the phone the key metadata (发布机构, 发布日期, 发文字号, 索引号) right under the
title and the full metadata table in the HTML and one tap away. On home and unit pages: the
entries of a disclosure platform — 政府信息公开指南 (as a generated page, never as an empty
column), 政府信息公开制度, 法定主动公开内容 (the columns of 条例第二十条 content, under that
heading), 政府信息公开年报, 依申请公开, the catalogue — and the latest items with 更多.

Screenshots of each page at both sizes go to /tmp/shots-pages/ (XXGK_SHOTS overrides) for review.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from xxgk.site import urls

from .conftest import note
from .face import DESKTOP, PHONE, VIEWPORTS, axe_serious, small_targets, small_text, widths
from .test_browser import item_url

ARTICLE = "article.md-content__inner"
SHOTS = Path(os.environ.get("XXGK_SHOTS", "/tmp/shots-pages"))
RULES_NAME = "政府信息公开制度"
KEY_LABELS = ("发布机构", "发布日期", "发文字号", "索引号")
TABLE_LABELS = ("索引号", "主题分类", "发布机构", "文件类型", "生成日期", "发布日期", "发文字号", "有效性",
                "公开方式", "公开范围", "名称")


# -- what to look at ----------------------------------------------------------------------------

def rules_column(model):
    found = [c for c in model.catalogue.columns.values() if c.name == RULES_NAME]
    assert len(found) == 1, f"the catalogue has no column “{RULES_NAME}” (or more than one)"
    return found[0]


def statutory_columns(model, unit):
    """法定主动公开内容: the unit's top-level columns other than the platform's own entries."""
    rules = next((c.id for c in model.catalogue.columns.values() if c.name == RULES_NAME), None)
    return [c for c in model.catalogue.columns_for(unit)
            if c.parent is None and not c.generated and c.role is None and c.id not in (rules, "ysqgk")]


@pytest.fixture(scope="module")
def banner_item(public):
    """The repealed or expired item whose title is longest: the hardest to fit in a first screen."""
    changed = [i for i in public if i.validity.status in ("废止", "失效")]
    assert changed, "the demo has no repealed or expired item"
    return max(changed, key=lambda i: (len(i.title), len(i.validity.note or ""), i.index))


@pytest.fixture(scope="module")
def longest_banner_item(public):
    """The repealed or expired item whose banner says most (its note and the title of what replaces it)."""
    by_index = {i.index: i for i in public}

    def banner_text(item):
        replacement = by_index.get(item.validity.replaced_by)
        return len(item.validity.note or "") + (len(replacement.title) if replacement else 0) + len(item.title)

    return max((i for i in public if i.validity.status in ("废止", "失效")), key=lambda i: (banner_text(i), i.index))


@pytest.fixture(scope="module")
def table_item(public):
    """An item whose body holds a plain Markdown table."""
    with_table = sorted((i for i in public if "\n|" in i.body and i.kind != "年度报告"), key=lambda i: i.index)
    assert with_table, "no demo item has a table in its body"
    return with_table[0]


@pytest.fixture(scope="module")
def sample(model, public, banner_item):
    """Home, a department's page, the demo's longest leaf column, a column with sub-columns and the
    banner item."""
    def listed(unit, column):
        return sum(i.unit == unit.id and i.column == column.id for i in public)

    _, unit_id, column_id = max((listed(u, c), u.id, c.id) for u in model.units.values()
                                    for c in model.catalogue.columns_for(u)
                                    if not c.generated and not model.catalogue.subtree(c.id) - {c.id})
    root = next(u for u in model.units.values() if u.parent is None)
    parent = next(c for c in model.catalogue.columns_for(root) if c.parent is None and len(model.catalogue.subtree(c.id)) > 2)
    return {"home": urls.HOME, "unit": urls.unit("czj"), "column": urls.column(unit_id, column_id),
            "parent": urls.column(root.id, parent.id), "item": item_url(banner_item)}


def visit(sized, base_url, path, viewport):
    page = sized(viewport)
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    return page


# -- every page, both sizes ---------------------------------------------------------------------

KINDS = ("home", "unit", "column", "parent", "item")


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("kind", KINDS)
def test_page_fits_reads_and_taps(kind, size, sized, base_url, sample):
    viewport = VIEWPORTS[size]
    page = visit(sized, base_url, sample[kind], viewport)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{kind}-{size}.png"), full_page=True)
    scroll, width = widths(page)
    assert scroll <= width, f"/{sample[kind]} at {size}px scrolls sideways: {scroll} > {width}"
    small = small_text(page, ARTICLE)
    assert not small, f"/{sample[kind]} at {size}px: text under 14 px:\n  " + "\n  ".join(small[:20])
    targets = small_targets(page, ARTICLE, sentences="p")
    assert not targets, f"/{sample[kind]} at {size}px: targets under 24×24 px:\n  " + "\n  ".join(targets[:20])


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("kind", KINDS)
def test_axe_no_serious_or_critical(kind, size, sized, base_url, sample):
    page = visit(sized, base_url, sample[kind], VIEWPORTS[size])
    found = axe_serious(page)
    assert not found, f"/{sample[kind]} at {size}px:\n  " + "\n  ".join(found)


def test_body_text_is_16px_and_body_tables_14px(sized, base_url, table_item):
    for viewport in (PHONE, DESKTOP):
        page = visit(sized, base_url, item_url(table_item), viewport)
        body = page.locator(f"{ARTICLE} .xxgk-body")
        para = float(body.locator("p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)"))
        assert para >= 16, para
        cells = body.locator("table td, table th")
        assert cells.count() > 0, "the body's table was not rendered"
        sizes = set(cells.evaluate_all("cs => cs.map(c => parseFloat(getComputedStyle(c).fontSize))"))
        assert min(sizes) >= 14, f"{item_url(table_item)} at {viewport['width']}px: body table text at {sorted(sizes)} px"
        scroll, width = widths(page)
        assert scroll <= width, (viewport, scroll, width)


# -- the item page --------------------------------------------------------------------------------

def item_geometry(page):
    return page.evaluate("""(root) => {
        const box = s => { const e = document.querySelector(root + ' ' + s); if (!e) return null;
            const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, visible: e.checkVisibility()}; };
        return {h1: box('h1'), banner: box('.xxgk-banner'), body: box('.xxgk-body'), table: box('table.xxgk-meta')};
    }""", ARTICLE)


@pytest.mark.parametrize("which", ["longest-title", "longest-banner"])
@pytest.mark.parametrize("size", VIEWPORTS)
def test_item_title_then_banner_within_the_first_screen(size, which, sized, base_url, banner_item, longest_banner_item):
    viewport = VIEWPORTS[size]
    banner_item = banner_item if which == "longest-title" else longest_banner_item
    page = visit(sized, base_url, item_url(banner_item), viewport)
    g = item_geometry(page)
    expect(page.locator(f"{ARTICLE} h1")).to_have_text(banner_item.title)
    assert g["h1"]["bottom"] <= viewport["height"], f"the title ends at y={g['h1']['bottom']:.0f}, below the first screen"
    assert g["banner"] is not None and g["banner"]["visible"]
    assert g["banner"]["bottom"] <= viewport["height"], \
        f"the {banner_item.validity.status} banner ends at y={g['banner']['bottom']:.0f}, below the first screen ({viewport['height']})"
    assert g["h1"]["top"] < g["banner"]["top"] < g["body"]["top"], "order: title, banner, body"
    if g["table"]["visible"]:
        assert g["h1"]["top"] < g["table"]["top"], "the title comes before the metadata table"
    note(f"[pages] item /{item_url(banner_item)} at {size}px: title y={g['h1']['top']:.0f}–{g['h1']['bottom']:.0f}, "
         f"banner y={g['banner']['top']:.0f}–{g['banner']['bottom']:.0f}, body from y={g['body']['top']:.0f}")


def test_item_key_metadata_under_the_title_on_the_phone(sized, base_url, banner_item, model):
    page = visit(sized, base_url, item_url(banner_item), PHONE)
    values = dict(zip(KEY_LABELS, (model.units[banner_item.unit].name, banner_item.published.isoformat(),
                                   banner_item.doc_number, banner_item.index)))
    assert all(values.values()), "the banner item should have a 发文字号 to show"
    g = item_geometry(page)
    for label, value in values.items():
        # visible texts of the article holding the value (the breadcrumb repeats the unit's name)
        boxes = page.evaluate("""([root, value]) => {
            const out = [], walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                if (!n.textContent.includes(value) || !n.parentElement.checkVisibility()) continue;
                if (n.parentElement.closest('h1')) continue;
                const range = document.createRange(); range.selectNodeContents(n);
                const r = range.getBoundingClientRect();
                if (r.width > 1 && r.height > 1) out.push([r.top, r.bottom]);
            }
            return out;
        }""", [ARTICLE, value])
        under = [b for b in boxes if g["h1"]["bottom"] <= b[0] + 1 and b[1] <= min(PHONE["height"], g["body"]["top"])]
        assert under, (f"{label} {value} is not shown between the title (ends y={g['h1']['bottom']:.0f}) and the body "
                       f"inside the first screen; shown at {boxes}")
        labelled = page.locator(f"{ARTICLE} :is(dt, th, span, strong):visible", has_text=label)
        assert labelled.count() >= 1, f"no visible label {label}"


@pytest.mark.parametrize("size", VIEWPORTS)
def test_item_full_metadata_table_in_the_html_and_one_tap_away(size, sized, base_url, banner_item):
    viewport = VIEWPORTS[size]
    page = visit(sized, base_url, item_url(banner_item), viewport)
    table = page.locator(f"{ARTICLE} table.xxgk-meta")
    expect(table).to_have_count(1)
    for label in TABLE_LABELS:
        expect(table.locator("th[scope=row]", has_text=label).first).to_be_attached()
    expect(table).to_contain_text(banner_item.index)
    if viewport is DESKTOP:
        expect(table).to_be_visible()
        return
    # on the phone the twelve rows wait behind one tap, so the first screen holds title, facts, banner
    assert not table.is_visible(), "the full metadata table fills the phone's first screen"
    toggle = page.locator(f"{ARTICLE} details:has(table.xxgk-meta) > summary")
    expect(toggle).to_be_visible()
    toggle.click()
    expect(table).to_be_visible()
    scroll, width = widths(page)
    assert scroll <= width, (scroll, width)


# -- home and unit pages ------------------------------------------------------------------------

def links_of(page, selector=ARTICLE):
    """(text, site-relative target) of every link under the first ``selector`` (the site is served
    at the server's root, so a link's path without its leading slash is the site URL)."""
    found = page.locator(selector).first.evaluate(
        "root => [...root.querySelectorAll('a[href]')].map(a => [a.textContent.replace(/\\s+/g, ' ').trim(), a.href])")
    return [(text, urlsplit(href).path.lstrip("/")) for text, href in found]


def assert_platform_entries(page, model, unit, base_url, *, site_catalogue: bool):
    found = links_of(page)
    named = lambda words: [(t, target) for t, target in found if words in t]  # noqa: E731
    guide = next(c for c in model.catalogue.columns_for(unit) if c.generated == "guide")
    reports = next(c for c in model.catalogue.columns_for(unit) if c.role == "annual-report")
    rules = rules_column(model)
    expected = {
        "政府信息公开指南": urls.column(unit.id, guide.id),
        RULES_NAME: urls.column(unit.id, rules.id),
        "年报": urls.column(unit.id, reports.id),
        "依申请公开": urls.apply(unit.id),
        "政府信息公开目录": urls.catalogue(None if site_catalogue else unit.id),
    }
    for words, target in expected.items():
        assert (target in {t for _, t in named(words)}), f"no link “…{words}…” to /{target} on /{page.url[len(base_url):]}: {named(words)}"
    # 法定主动公开内容: a heading, and under it the columns of 条例第二十条 content
    heading = page.locator(f"{ARTICLE} :is(h2, h3)", has_text="法定主动公开内容")
    expect(heading.first).to_be_visible()
    section = page.locator(f"{ARTICLE} section:has(:is(h2, h3):text('法定主动公开内容'))")
    expect(section).to_have_count(1)
    inside = {t for _, t in links_of(page, f"{ARTICLE} section:has(:is(h2, h3):text('法定主动公开内容'))")}
    for column in statutory_columns(model, unit):
        assert urls.column(unit.id, column.id) in inside, f"法定主动公开内容 lacks {column.name}"
    for own in (guide.id, rules.id, reports.id):
        assert urls.column(unit.id, own) not in inside, f"{own} is listed as 法定主动公开内容"


def assert_latest_with_more(page, catalogue_target: str):
    section = page.locator(f"{ARTICLE} section:has(:is(h2, h3):text('最新信息'))")
    expect(section).to_have_count(1)
    more = [(t, target) for t, target in links_of(page, f"{ARTICLE} section:has(:is(h2, h3):text('最新信息'))")
            if t.startswith("更多")]
    assert more and more[0][1] == catalogue_target, f"最新信息 has no 更多 link to /{catalogue_target}: {more}"


def test_home_has_the_platform_entries_and_latest_with_more(sized, base_url, model):
    root = next(u for u in model.units.values() if u.parent is None)
    for viewport in (PHONE, DESKTOP):
        page = visit(sized, base_url, urls.HOME, viewport)
        assert_platform_entries(page, model, root, base_url, site_catalogue=True)
        assert_latest_with_more(page, urls.catalogue(None))
        # every unit stays one tap away, with its guide and catalogue
        for unit in model.units.values():
            found = {t for _, t in links_of(page)}
            assert {urls.unit(unit.id), urls.catalogue(unit.id)} <= found, unit.id


@pytest.mark.parametrize("unit_id", ["qcs", "czj", "hxz"])
def test_unit_page_has_the_platform_entries_and_the_guide_as_generated(unit_id, sized, base_url, model):
    unit = model.units[unit_id]
    page = visit(sized, base_url, urls.unit(unit.id), PHONE)
    assert_platform_entries(page, model, unit, base_url, site_catalogue=False)
    assert_latest_with_more(page, urls.catalogue(unit.id))
    # the guide is a generated page: never listed like an empty column (“0 条”, “—”, “暂无信息”)
    guide = next(c for c in model.catalogue.columns_for(unit) if c.generated == "guide")
    shown = page.locator(ARTICLE).evaluate("""(root, path) => [...root.querySelectorAll('a[href]')]
        .filter(a => new URL(a.href).pathname === path).map(a => (a.closest('li, tr') || a).innerText)""",
        "/" + urls.column(unit.id, guide.id))
    assert shown, "the guide has no entry"
    for text in shown:
        cells = [c.strip() for c in text.replace("\t", "\n").split("\n")]
        assert "0" not in cells and "—" not in cells and not any(c.startswith(("0 条", "暂无")) for c in cells), \
            f"the guide is shown as an empty column: {text!r}"
    note(f"[pages] /{urls.unit(unit.id)}: the guide's entry reads {shown[0]!r}")


# -- the 公开制度 column --------------------------------------------------------------------------

def test_rules_column_is_static_applies_everywhere_and_has_items(model, public, site_dir):
    rules = rules_column(model)
    assert rules.parent is None and rules.freshness == "static"
    assert rules.applies_to == {"government", "department", "town"}
    for unit in model.units.values():
        own = [i for i in public if i.unit == unit.id and i.column == rules.id]
        assert len(own) >= 3, f"{unit.id} has {len(own)} items in {RULES_NAME}"
        html = (site_dir / urls.column(unit.id, rules.id) / "index.html").read_text("utf-8")
        for item in own:
            assert (site_dir / item_url(item) / "index.html").is_file()
            assert item.title in html
        assert len({i.title for i in own}) == len(own)
    note(f"[pages] {RULES_NAME}: " + ", ".join(
        f"{u}: {sum(i.unit == u and i.column == rules.id for i in public)}" for u in model.units))


def test_column_page_is_a_dense_list(sized, base_url, sample):
    for viewport in (PHONE, DESKTOP):
        page = visit(sized, base_url, sample["column"], viewport)
        rows = page.locator(f"{ARTICLE} ul.xxgk-list > li")
        assert rows.count() >= 3
        shape = rows.evaluate_all("""lis => lis.map(li => {
            const a = li.querySelector('a'), t = li.querySelector('time'), w = li.getBoundingClientRect().width;
            const ra = a.getBoundingClientRect(), rt = t.getBoundingClientRect();
            return {share: ra.width / w, height: li.getBoundingClientRect().height, dateLines: Math.round(rt.height / parseFloat(getComputedStyle(t).lineHeight)),
                    sameLine: rt.top < ra.bottom && rt.left > ra.left};
        })""")
        for s in shape:
            assert s["dateLines"] <= 1, s  # a date never wraps
            if viewport is DESKTOP:
                assert s["share"] >= 0.6 and s["height"] <= 80, s  # the title gets the line; rows stay dense
            else:
                assert s["share"] >= 0.85, s  # the title gets the whole width on a phone
