"""Every kind of page the site ships, whole (the shell — header band, channel bar, column tree,
footer — and the content), at 390×844 and 1366×900 in Chromium (issue 11): no sideways scroll,
no text under 14 px, no link or control under 24×24 px outside running text, axe-core without a
serious or critical violation; the <title> names the page's unit; the 404 has its own title and
a skip link that lands. The shared measurements (face.py) are also tried on a page made to be
caught: they must flag an undersized target, isolated or crowded, small text and overflow. Each
area's own behaviour is tested beside it (test_pages.py, test_catalogue_page.py,
test_service_pages.py, test_search.py)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import AS_OF, PROJECT, SETTLED
from .face import PHONE, VIEWPORTS, axe_serious, overflowing, small_targets, small_text, widths
from .pagekinds import page_kinds

KINDS = ("home", "unit", "column", "item", "item-banner", "guide", "unit-catalogue", "site-catalogue-2", "search",
         "apply", "site-map", "contact", "404")
SITE_NAME = re.search(r"^site_name: (.+)$", (PROJECT / "mkdocs.yml").read_text("utf-8"), re.M).group(1).strip()


@pytest.fixture(scope="module")
def kinds(model):
    found = page_kinds(model, AS_OF)
    assert set(found) == set(KINDS)
    return found


def open_kind(page, guard, base_url, kinds, kind, size):
    page.set_viewport_size(VIEWPORTS[size])
    url = base_url + kinds[kind]
    if kind == "404":
        guard.expected_status.add(url)
    page.goto(url, wait_until="load")
    if kind == "search":
        page.wait_for_function(SETTLED)
    return page


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("kind", KINDS)
def test_the_whole_page_fits_reads_and_taps(kind, size, page, guard, base_url, kinds):
    open_kind(page, guard, base_url, kinds, kind, size)
    scroll, width = widths(page)
    assert scroll <= width, f"{kind} ({kinds[kind]}) at {size}px scrolls sideways: {scroll} > {width}"
    small = small_text(page)
    assert not small, f"{kind} at {size}px: text under 14 px:\n  " + "\n  ".join(small[:15])
    targets = small_targets(page)
    assert not targets, f"{kind} at {size}px: targets under 24×24 px:\n  " + "\n  ".join(targets[:15])


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_nothing_serious_on_the_whole_page(kind, size, page, guard, base_url, kinds):
    open_kind(page, guard, base_url, kinds, kind, size)
    found = axe_serious(page)
    assert not found, f"{kind} at {size}px:\n  " + "\n  ".join(found[:10])


def test_titles_name_the_unit_and_differ(page, base_url, model, kinds):
    """Seven units each have a 政府信息公开指南: each guide's <title> names its unit."""
    titles = {}
    for unit in model.units.values():
        guide = next(c for c in model.catalogue.columns_for(unit) if c.generated == "guide")
        page.goto(f"{base_url}{unit.id}/{guide.id}/")
        titles[unit.id] = page.title()
        assert unit.name in titles[unit.id], titles[unit.id]
    assert len(set(titles.values())) == len(titles)


def test_the_404_has_its_own_title_and_a_skip_link_that_lands(page, guard, base_url, model, kinds):
    url = base_url + kinds["404"]
    guard.expected_status.add(url)
    page.goto(url)
    assert page.title().startswith("页面不存在")
    page.keyboard.press("Tab")
    skip = page.locator("a.xxgk-skip")
    expect(skip).to_be_focused()
    skip.press("Enter")
    assert page.evaluate("() => document.activeElement.id || location.hash") in ("xxgk-main", "#xxgk-main")
    expect(page.locator("#xxgk-main")).to_be_in_viewport()


def test_the_header_names_the_platform_and_the_unit(page, base_url, model, kinds):
    page.goto(base_url + kinds["unit"])
    unit = model.units[kinds["unit"].strip("/")]
    expect(page.locator(".xxgk-band__name")).to_have_text(SITE_NAME)
    expect(page.locator(".xxgk-band__unit")).to_have_text(unit.name)
    channels = page.locator("nav.xxgk-channels a")
    expect(channels).to_have_text(["首页", "公开指南", "公开制度", "公开目录", "公开年报", "依申请公开"])
    page.goto(base_url + "search/")
    expect(page.locator("input[type=search]")).to_have_count(1)  # one search box on the search page


# -- the measurements themselves ------------------------------------------------------------------

# A page made to be caught: 16 px buttons alone and in a pair, a 24 px one, links in a sentence,
# in a list item with words of its own and alone in one, a label for a hidden checkbox and one
# beside a visible checkbox, 12 px text, screen-reader text and a block wider than the screen.
PROBE = """<!doctype html><html lang="zh-CN"><head><style>
    body { margin: 0; font-size: 16px; line-height: 1.5; }
    .xxgk-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    button { position: absolute; width: 16px; height: 16px; padding: 0; border: 0; }
    ul { margin: 0; font-size: 14px; line-height: 1.2; }
</style></head><body>
<button class="alone" style="left: 40px; top: 40px"></button>
<button class="pair" style="left: 40px; top: 120px"></button><button class="pair" style="left: 60px; top: 120px"></button>
<button class="big" style="left: 200px; top: 40px; width: 24px; height: 24px"></button>
<div style="position: absolute; top: 200px; width: 300px">
  <p>见<a href="#a" class="sentence">附件</a>的说明。</p>
  <ul><li><a href="#b" class="listed">第一项</a>（共 3 条）</li><li><a href="#c" class="bare">第二项</a></li></ul>
  <input type="checkbox" id="hidden-box" hidden><label for="hidden-box" class="drawer" style="display: inline-block; width: 16px; height: 16px; overflow: hidden">菜单</label>
  <input type="checkbox" id="shown-box" style="width: 24px; height: 24px"><label for="shown-box" class="beside">同意</label>
  <small class="tiny" style="font-size: 12px">小字</small><span class="xxgk-sr-only" style="font-size: 12px">读屏文字</span>
</div>
<div class="wide" style="position: absolute; top: 400px; width: 2000px; height: 10px"></div>
</body></html>"""


def caught(found: list[str], cls: str) -> int:
    return sum(f'class="{cls}"' in f for f in found)


def test_the_measurements_catch_what_they_should(page):
    page.set_viewport_size(PHONE)
    page.set_content(PROBE)
    found = small_targets(page)
    assert caught(found, "alone") == 1, "an undersized target far from others must fail (no spacing exception by default)"
    assert caught(found, "pair") == 2 and caught(found, "bare") == 1 and caught(found, "drawer") == 1, found
    assert not (caught(found, "big") or caught(found, "sentence") or caught(found, "listed") or caught(found, "beside")), found
    narrow = small_targets(page, sentences="p")  # a link in a list item with words of its own counts too
    assert caught(narrow, "listed") == 1 and caught(narrow, "sentence") == 0, narrow
    spaced = small_targets(page, spacing=True)  # WCAG's spacing exception excuses the lone one only
    assert caught(spaced, "alone") == 0 and caught(spaced, "pair") == 2, spaced
    small = small_text(page)
    assert caught(small, "tiny") == 1 and caught(small, "xxgk-sr-only") == 0 and len(small) == 1, small
    scroll, width = widths(page)
    assert scroll > width and caught(overflowing(page), "wide") == 1, overflowing(page)


def test_in_elder_mode_a_phone_still_opens_on_the_title_and_the_banner(sized, base_url, kinds):
    """适老化 enlarges the text; the shell stays compact enough that an item's title and its
    validity banner are inside the first screen at 390×844 (the banner was below it)."""
    page = sized(PHONE)
    page.add_init_script("localStorage.setItem('xxgk-elder', 'on')")
    page.goto(base_url + kinds["item-banner"], wait_until="load")
    assert page.evaluate("() => document.documentElement.getAttribute('data-xxgk-elder')") == "on"
    title = page.locator("article h1").bounding_box()
    banner = page.locator(".xxgk-banner").first.bounding_box()
    assert title["y"] + title["height"] <= PHONE["height"] and banner["y"] < PHONE["height"] - 40, (title, banner)
    assert widths(page)[0] <= widths(page)[1]
    assert not small_targets(page), small_targets(page)[:5]
