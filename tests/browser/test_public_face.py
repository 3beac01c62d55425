"""Every kind of page the site ships, whole (the shell — header band, channel bar, column tree,
footer — and the content), at 390×844 and 1366×900 in Chromium (issue 11): no sideways scroll,
no text under 14 px, no link or control under 24×24 px outside running text, axe-core without a
serious or critical violation; the <title> names the page's unit; the 404 has its own title and
a skip link that lands. Each area's own behaviour is tested beside it (test_pages.py,
test_catalogue_page.py, test_service_pages.py, test_search.py)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import AS_OF, PROJECT, SETTLED
from .face import VIEWPORTS, axe_serious, small_targets, small_text, widths
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
