"""A unit's own search (issue 13, point 4) in Chromium, on the demo: ``search/?unit=<id>`` reads
only that unit's bundle (``<unit>/searchindex/``), never the site's ``searchindex/``, and finds
exactly the unit's part of what the site-wide search finds, in the same order; the 「本单位 /
全站」 choice switches between the two in place and keeps the address in step; a unit id that is
not one of the page's own units is never made into a request; the scoped page fits a phone."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import SETTLED

pytestmark = pytest.mark.browser

UNIT, NAME = "czj", "青川市财政局"
WORD = "通知"  # in items of every unit


def settle(page, status_has=""):
    if status_has:
        expect(page.locator(".xxgk-search-status")).to_contain_text(status_has)
    page.wait_for_function(SETTLED)


def shown(page) -> list[str]:
    return page.eval_on_selector_all("li.xxgk-search-result h3 > a", "as => as.map(a => new URL(a.href).pathname)")


def index_requests(guard, base_url: str) -> set[str]:
    """The index folders the page fetched from: 'searchindex/' or '<unit>/searchindex/'."""
    root = urlsplit(base_url).path
    found = set()
    for url in guard.requests:
        path = urlsplit(url).path[len(root):]
        if "searchindex/" in path:
            found.add(path[:path.index("searchindex/") + len("searchindex/")])
    return found


ALL = """q => xxgkSearch.search(q).then(r => xxgkSearch.records(r.pages.concat(r.items)))
                                    .then(rs => rs.map(r => '/' + r.path))"""


def test_a_units_search_reads_only_its_bundle_and_finds_only_its_documents(page, base_url, guard):
    page.goto(f"{base_url}search/?unit={UNIT}&q={quote(WORD)}")
    settle(page, f"“{WORD}”")
    got = shown(page)
    assert got and all(urlsplit(u).path.startswith(f"{urlsplit(base_url).path}{UNIT}/") for u in got)
    everything = page.evaluate(ALL, WORD)
    assert index_requests(guard, base_url) == {f"{UNIT}/searchindex/"}  # the site's index never fetched
    assert page.evaluate("xxgkSearch.scope") == UNIT
    expect(page.get_by_label(f"本单位（{NAME}）")).to_be_checked()
    expect(page.locator("#xxgk-search-intro")).to_contain_text(NAME)
    # the site-wide search, restricted to the unit, finds the same documents in the same order
    page.goto(f"{base_url}search/")
    page.locator("select[name='发布机构']").wait_for(state="attached")
    site_wide = page.evaluate(ALL, WORD)
    prefix = f"/{UNIT}/"
    assert [u for u in site_wide if u.startswith(prefix)] == everything
    assert len(site_wide) > len(everything)
    assert page.locator(".xxgk-search-scope").count() == 0  # no unit asked for: no scope choice


def test_the_scope_choice_switches_in_place(page, base_url, guard):
    page.goto(f"{base_url}search/?unit={UNIT}&q={quote(WORD)}")
    settle(page, f"“{WORD}”")
    mine = shown(page)
    expect(page.get_by_label("发布机构")).to_have_value("")
    page.get_by_label("全站").check()
    settle(page, f"“{WORD}”")
    expect(page).not_to_have_url(re.compile(r"unit="))
    assert page.evaluate("xxgkSearch.scope") is None
    everywhere = page.evaluate("() => +/找到 (\\d+) 条/.exec(document.querySelector('.xxgk-search-status').textContent)[1]")
    assert everywhere > len(mine) or len(mine) == 10
    assert "searchindex/" in index_requests(guard, base_url)
    assert page.locator("select[name='发布机构'] option").count() > 2  # the site's filters: every unit
    page.get_by_label(f"本单位（{NAME}）").check()
    settle(page, f"“{WORD}”")
    expect(page).to_have_url(re.compile(rf"unit={UNIT}"))
    assert shown(page) == mine
    assert page.locator("select[name='发布机构'] option").count() == 2  # 全部 and the unit


@pytest.mark.parametrize("size", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}])
def test_the_unit_home_searches_its_own_bundle(sized, base_url, guard, size, tmp_path):
    """The unit home's 本单位搜索 leads to search/?unit=<id>: the unit's bundle, 本单位 chosen."""
    page = sized(size)
    page.goto(f"{base_url}{UNIT}/")
    box = page.get_by_role("search", name=f"搜索{NAME}的信息")
    field = box.get_by_label("本单位搜索")
    assert field.bounding_box()["x"] + field.bounding_box()["width"] <= size["width"]
    page.screenshot(path=str(tmp_path / f"unit-search-{size['width']}.png"), full_page=False)
    field.fill(WORD)
    box.get_by_role("button", name="搜索").click()
    settle(page, f"“{WORD}”")
    expect(page).to_have_url(re.compile(rf"search/\?unit={UNIT}&q="))
    expect(page.get_by_label(f"本单位（{NAME}）")).to_be_checked()
    assert shown(page) and all(f"/{UNIT}/" in u for u in shown(page))
    assert index_requests(guard, base_url) == {f"{UNIT}/searchindex/"}


@pytest.mark.parametrize("asked", ["../assets", "CZJ", "nosuchunit", "czj/../..", "%2e%2e", ""])
def test_a_unit_not_on_the_page_is_never_requested(page, base_url, guard, asked):
    page.goto(f"{base_url}search/?unit={quote(asked, safe='')}&q={quote(WORD)}")
    settle(page, f"“{WORD}”")
    assert index_requests(guard, base_url) == {"searchindex/"}
    assert page.evaluate("xxgkSearch.scope") is None
    assert page.locator(".xxgk-search-scope").count() == 0
    expect(page).not_to_have_url(re.compile(r"unit="))


@pytest.mark.parametrize("size", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}])
def test_the_scoped_page_fits_the_screen(sized, base_url, size, tmp_path):
    page = sized(size)
    page.goto(f"{base_url}search/?unit={UNIT}&q={quote(WORD)}")
    settle(page, f"“{WORD}”")
    page.screenshot(path=str(tmp_path / f"search-scope-{size['width']}.png"), full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for label in (f"本单位（{NAME}）", "全站"):
        box = page.get_by_text(label, exact=True).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= size["width"], label
        assert box["height"] >= (44 if size["width"] < 720 else 32)  # a finger's target: the label holds the radio
