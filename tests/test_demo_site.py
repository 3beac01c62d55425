"""The demo repository, built by a real `mkdocs build`: every page kind with its key content."""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.core import load
from xxgk.site import urls
from conftest import DEMO_DATE, PROJECT
from sitecheck import links, page, resolve, text_files

AS_OF = date.fromisoformat(DEMO_DATE)


@pytest.fixture(scope="module")
def model():
    repo = load(str(PROJECT))
    assert repo.ok, [p.format() for p in repo.problems]
    return repo


@pytest.fixture(scope="module")
def public(model):
    return [i for i in model.items if i.is_public(AS_OF)]


def test_demo_is_big_enough_and_covers_every_state(model, public):
    assert len(model.units) >= 6 and {u.kind for u in model.units.values()} == {"government", "department", "town"}
    assert len(model.items) >= 120
    years = {i.published.year for i in public}
    assert {2024, 2025, 2026} <= years
    statuses = {i.validity.status for i in public}
    assert {"有效", "失效", "废止", "已修订"} <= statuses
    assert any(i.interprets for i in public)
    suffixes = {a.suffix for i in public for a in i.attachments}
    assert {"pdf", "xlsx"} <= suffixes
    assert any(i.published > AS_OF for i in model.items), "a scheduled item"
    assert any(i.mode == "依申请公开" for i in model.items)
    for unit in model.units.values():
        reports = {i.title[:40] for i in public if i.unit == unit.id and i.kind == "年度报告"}
        assert any("2024" in t for t in reports) and any("2025" in t for t in reports), unit.id


def test_every_unit_has_home_catalogue_and_guide(demo_site, model):
    for unit in model.units.values():
        home = page(demo_site, urls.unit(unit.id))
        assert unit.name in home
        assert urls.relative(urls.unit(unit.id), urls.catalogue(unit.id)) in home
        guide = page(demo_site, urls.column(unit.id, "gkzn"))
        office = unit.office
        for value in (office.name, office.address, office.hours, office.phone, office.fax, office.email):
            assert value in guide, (unit.id, value)
        for phrase in ("20 个工作日", "国办函〔2020〕109号", "行政复议", "行政诉讼", "信息处理费"):
            assert phrase in guide


def test_every_applicable_column_has_a_page_with_its_last_update(demo_site, model, public):
    for unit in model.units.values():
        for column in model.catalogue.columns_for(unit):
            html = page(demo_site, urls.column(unit.id, column.id))
            assert column.name in html
            subtree = model.catalogue.subtree(column.id)
            listed = [i for i in public if i.unit == unit.id and i.column in subtree]
            if listed:
                newest = max(i.published for i in listed)
                assert f"最近更新：<time datetime=\"{newest}\">" in html


def test_every_public_item_has_its_page_with_the_metadata_table(demo_site, public, model):
    for item in public:
        html = page(demo_site, urls.item(item.unit, item.column, item.serial))
        for label in ("索引号", "发布机构", "主题分类", "生成日期", "发布日期", "发文字号", "有效性", "公开方式"):
            assert f"<th scope=\"row\">{label}</th>" in html
        assert item.index in html and model.units[item.unit].name in html
        assert f"<td><time datetime=\"{item.published}\">" in html


def test_banners_link_to_the_replacement(demo_site, public):
    by_index = {i.index: i for i in public}
    changed = [i for i in public if i.validity.status != "有效"]
    assert changed
    for item in changed:
        html = page(demo_site, urls.item(item.unit, item.column, item.serial))
        assert f"xxgk-banner--{item.validity.status}" in html
        replacement = by_index.get(item.validity.replaced_by)
        if replacement:
            target = urls.item(replacement.unit, replacement.column, replacement.serial)
            assert target in {resolve(urls.item(item.unit, item.column, item.serial), h) for h in links(html).hrefs}


def test_interpretations_link_both_ways(demo_site, public):
    by_index = {i.index: i for i in public}
    pairs = [(i, by_index[i.interprets]) for i in public if i.interprets in by_index]
    assert pairs
    for reading, document in pairs:
        reading_url = urls.item(reading.unit, reading.column, reading.serial)
        document_url = urls.item(document.unit, document.column, document.serial)
        assert document_url in {resolve(reading_url, h) for h in links(page(demo_site, reading_url)).hrefs}
        assert reading_url in {resolve(document_url, h) for h in links(page(demo_site, document_url)).hrefs}


def test_attachments_are_copied_and_listed_with_type_and_size(demo_site, public):
    with_files = [i for i in public if i.attachments]
    assert with_files
    for item in with_files:
        url = urls.item(item.unit, item.column, item.serial)
        html = page(demo_site, url)
        for attachment in item.attachments:
            copied = demo_site / url / attachment.file
            assert copied.stat().st_size == (PROJECT / attachment.source).stat().st_size
            assert f"href=\"{attachment.file}\"" in html and attachment.suffix.upper() in html


def test_navigation_holds_units_and_columns_but_never_items(demo_site, public, model):
    """Every page lists every unit; a unit's pages open its columns (navigation.prune renders only
    the open part); no page's nav ever links an item."""
    item_urls = {urls.item(i.unit, i.column, i.serial) for i in public}
    czj_columns = {urls.column("czj", c.id) for c in model.catalogue.columns_for(model.units["czj"]) if c.parent is None}
    czj_pages = (urls.unit("czj"), urls.column("czj", "gzdt"), urls.catalogue("czj"))
    items = sorted(item_urls)
    for sample in ("", *czj_pages, items[0], items[-1]):
        nav = {resolve(sample, h) for h in links(page(demo_site, sample)).nav_hrefs}
        assert not nav & item_urls
        assert {urls.unit(u) for u in model.units} <= nav
        if sample in czj_pages:  # an item page is in no section, so no unit is open there
            assert czj_columns <= nav


def test_catalogues_list_every_public_item(demo_site, public, model):
    site_rows = "".join(p.read_text("utf-8") for p in (demo_site / "catalogue").rglob("index.html"))
    for item in public:
        assert f"<td class=\"xxgk-index\">{item.index}</td>" in site_rows
    for unit in model.units:
        rows = "".join(p.read_text("utf-8") for p in (demo_site / unit / "catalogue").rglob("index.html"))
        own = [i for i in public if i.unit == unit]
        assert rows.count("<td class=\"xxgk-index\">") == len(own)


def test_home_shows_units_by_kind_and_latest_items(demo_site, public, model):
    html = page(demo_site, "")
    for label in ("人民政府", "政府部门", "乡镇（街道）"):
        assert f">{label}</h3>" in html
    latest = [i for i in public][:20]
    positions = [html.index(urls.item(i.unit, i.column, i.serial)) for i in latest]
    assert positions == sorted(positions)
    assert urls.catalogue(None) in html


def test_nothing_non_public_reaches_the_output(demo_site, model):
    hidden = [i for i in model.items if not i.is_public(AS_OF)]
    assert hidden
    for path, text in text_files(demo_site):
        for item in hidden:
            assert item.index not in text, (path, item.path)
            assert item.title not in text, (path, item.path)
    for item in hidden:
        assert not (demo_site / urls.item(item.unit, item.column, item.serial)).exists()


def test_footer_and_language(demo_site):
    html = page(demo_site, "")
    assert '<html lang="zh-CN"' in html
    for text in ("主办单位：青川市人民政府办公室", "网站标识码：9907000001", "青ICP备00000001号", "青公网安备 99070002000001号"):
        assert text in html


def test_demo_bulletin_page_shows_its_chart_and_counts(demo_site, model):
    bulletin = next(i for i in model.items if i.title.endswith("2026年10月政府信息公开工作情况的通报"))
    html = page(demo_site, urls.item(bulletin.unit, bulletin.column, bulletin.serial))
    assert '<svg class="xxgk-chart"' in html and "<title id=\"chart-title\">2026年10月各单位发布条数与定额</title>" in html
    october = [i for i in model.items if i.is_public(date(2026, 10, 31)) and (i.published.year, i.published.month) == (2026, 10)]
    assert f"主动公开政府信息 <strong>{len(october)}</strong> 条" in html
    for unit in model.units.values():
        count = sum(i.unit == unit.id for i in october)
        assert f"<td>{unit.name}</td>\n<td style=\"text-align: right;\">{count}</td>" in html, unit.id


def test_demo_annual_reports_have_the_national_format(demo_site, model):
    reports = [i for i in model.items if i.kind == "年度报告" and "2025年" in i.title]
    assert len(reports) == len(model.units)
    for report in reports:
        html = page(demo_site, urls.item(report.unit, report.column, report.serial))
        for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
            assert heading in html
        assert "（七）总计" in html and "复议后起诉" in html


def test_the_demo_is_built_by_the_engine_the_tests_were_asked_to_use(demo_site):
    """XXGK_ENGINE=properdocs (scripts/test-properdocs) must really build with ProperDocs."""
    import re

    from conftest import ENGINE

    generator = re.search(r'<meta name="generator" content="([^"]+)"', (demo_site / "index.html").read_text("utf-8"))
    assert generator, "no generator meta"
    assert ("ProperDocs" in generator.group(1)) == (ENGINE == "properdocs"), generator.group(1)
    assert "mkdocs-material-9." in generator.group(1)
