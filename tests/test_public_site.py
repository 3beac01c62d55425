"""The public site's conventions on the built demo: feeds, open data, sitemap, hosts, language."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from xxgk.core import load
from xxgk.site import urls
from xxgk.site.hosts import foreign_urls
from conftest import DEMO_DATE, PROJECT, demo_config
from sitecheck import page, search_index
from xxgk.site import searchtokens

AS_OF = date.fromisoformat(DEMO_DATE)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def model():
    return load(str(PROJECT))


@pytest.fixture(scope="module")
def public(model):
    return [i for i in model.items if i.is_public(AS_OF)]


def atom(path):
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    return root


def assert_valid_atom(root):
    """RFC 4287 §4.1: feed id/title/updated, an author for every entry, a self link; entry
    id/title/updated and an alternate link; timestamps as RFC 3339."""
    import re

    stamp = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$")
    for tag in ("id", "title", "updated"):
        assert root.find(ATOM + tag) is not None and root.find(ATOM + tag).text, tag
    assert stamp.match(root.find(ATOM + "updated").text)
    assert any(l.get("rel") == "self" for l in root.findall(ATOM + "link"))
    feed_author = root.find(ATOM + "author") is not None
    ids = set()
    for entry in root.findall(ATOM + "entry"):
        for tag in ("id", "title", "updated"):
            assert entry.find(ATOM + tag) is not None and entry.find(ATOM + tag).text, tag
        assert stamp.match(entry.find(ATOM + "updated").text)
        assert feed_author or entry.find(ATOM + "author") is not None
        assert entry.find(ATOM + "link").get("href")
        ids.add(entry.find(ATOM + "id").text)
    assert len(ids) == len(root.findall(ATOM + "entry"))  # ids unique


def test_site_unit_and_column_feeds_are_valid_atom_with_the_latest_50(demo_site, model, public):
    site_feed = atom(demo_site / "feed.xml")
    assert_valid_atom(site_feed)
    entries = site_feed.findall(ATOM + "entry")
    assert len(entries) == min(50, len(public))
    assert [e.find(ATOM + "title").text for e in entries] == [i.title for i in public[:50]]
    assert public[0].index in entries[0].find(ATOM + "summary").text
    for unit in model.units.values():
        unit_feed = atom(demo_site / unit.id / "feed.xml")
        assert_valid_atom(unit_feed)
        own = [i for i in public if i.unit == unit.id]
        assert len(unit_feed.findall(ATOM + "entry")) == min(50, len(own))
        for column in model.catalogue.columns_for(unit):
            assert_valid_atom(atom(demo_site / unit.id / column.id / "feed.xml"))


def test_pages_advertise_their_feeds(demo_site, public):
    item = public[0]
    html = page(demo_site, urls.item(item.unit, item.column, item.serial))
    assert f'type="application/atom+xml" title="' in html
    for href in ("../feed.xml", "../../feed.xml", "../../../feed.xml"):
        assert f'href="{href}"' in html
    assert 'href="feed.xml"' in page(demo_site, "")


def test_catalogue_csv_opens_in_excel_with_the_right_characters(demo_site, model, public):
    raw = (demo_site / "data/catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel then reads UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:6] == ["索引号", "名称", "内容概述", "内容概述系摘录", "发布机构", "栏目"]
    assert sorted(r[0] for r in rows[1:]) == sorted(i.index for i in public)
    first = next(r for r in rows[1:] if r[0] == public[0].index)
    assert first[1] == public[0].title and first[4] == model.units[public[0].unit].name
    for unit in model.units:
        unit_rows = list(csv.reader(io.StringIO((demo_site / f"data/{unit}.csv").read_text("utf-8-sig"))))
        assert len(unit_rows) - 1 == sum(i.unit == unit for i in public)
    data = json.loads((demo_site / "data/catalogue.json").read_text("utf-8"))
    assert len(data["items"]) == len(public) and data["as_of"] == DEMO_DATE


def test_sitemap_has_every_item_with_its_date_and_robots_points_to_it(demo_site, public):
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"  # sitemap.xml is the index over these (test_sitemaps.py)
    lastmod = {u.find(ns + "loc").text: u.find(ns + "lastmod").text
               for path in demo_site.rglob("sitemap*.xml") for u in ET.parse(path).getroot().findall(ns + "url")}
    for item in public:
        url = "https://xxgk.qingchuan.example/" + urls.item(item.unit, item.column, item.serial)
        assert lastmod[url] == (item.validity.date or item.published).isoformat()
    assert "Sitemap: https://xxgk.qingchuan.example/sitemap.xml" in (demo_site / "robots.txt").read_text()


def test_no_built_file_names_a_host_outside_the_allow_list(demo_site, model):
    config = demo_config()
    options = next(p["xxgk"] for p in config["plugins"] if isinstance(p, dict) and "xxgk" in p)
    from urllib.parse import urlsplit

    from xxgk.plugin.config import footer_hosts
    from xxgk.plugin.plugin import THEME_HOSTS

    allowed = set(options["allowed_hosts"]) | set(THEME_HOSTS) | {urlsplit(config["site_url"]).hostname}
    allowed |= footer_hosts(options["footer"])  # the footer's configured links (ICP, 公安备案, 纠错)
    allowed |= {urlsplit(u.office.website).hostname for u in model.units.values()}
    assert foreign_urls(str(demo_site), allowed) == []


def test_the_host_scanner_finds_what_a_page_could_load(tmp_path):
    (tmp_path / "a.html").write_text('<img src="https://cdn.example.org/x.png"><a href="//evil.example.net/">x</a>'
                                     '<div style="background:url(https://img.example.com/b.png)"></div>', "utf-8")
    (tmp_path / "b.css").write_text('/* https://comment.example.com */ @import "https://fonts.example.com/f.css";', "utf-8")
    (tmp_path / "c.js").write_text('/* see https://docs.example.com */ fetch("https://api.example.org/v1");', "utf-8")
    found = sorted(u for _, u in foreign_urls(str(tmp_path), {"allowed.example"}))
    assert found == ["//evil.example.net/", "https://api.example.org/v1", "https://cdn.example.org/x.png",
                     "https://fonts.example.com/f.css", "https://img.example.com/b.png"]


def test_language_404_and_search_page(demo_site):
    home = page(demo_site, "")
    assert '<html lang="zh-CN"' in home
    not_found = (demo_site / "404.html").read_text("utf-8")
    assert "页面不存在" in not_found and "站内搜索" in not_found
    search = page(demo_site, "search/")
    assert 'id="xxgk-search"' in search and 'data-index="../searchindex/"' in search and "assets/xxgk/search.js" in search
    assert "pagefind" not in search
    assert 'action="search/"' in home and 'id="xxgk-elder"' in home
    assert not (demo_site / "pagefind").exists()


def test_search_index_holds_the_pages_and_public_items_only(demo_site, model, public):
    manifest, records, postings = search_index(demo_site)
    items = records[manifest["pages"]:]
    assert manifest["documents"] == len(records) == manifest["pages"] + len(public)
    # items numbered newest first (rank order), exactly the public ones
    assert [r[0] for r in items] == [f"{i.unit}/{i.column}/{i.serial}/" for i in public]
    assert [r[2] for r in items] == sorted((r[2] for r in items), reverse=True)
    pages = records[:manifest["pages"]]
    assert {r[7] for r in pages} == {"公开目录", "单位主页", "公开指南", "依申请公开", "栏目", "网站地图", "联系我们"}
    assert all((demo_site / r[0] / "index.html").is_file() for r in records)
    assert len({r[0] for r in records}) == len(records)  # each page once (the apply page is also a column's first page)
    titles = {r[1] for r in items}
    for item in model.items:
        assert (item.title in titles) == item.is_public(AS_OF), item.path
    every = set(range(manifest["documents"]))
    for token, (docs, in_title) in postings.items():
        assert set(docs) <= every and set(in_title) <= set(docs), token
    for item in public:  # the control: every public title's tokens are there, with the item among the title documents
        n = manifest["pages"] + public.index(item)
        assert all(n in postings[t][1] for t in searchtokens.index_tokens(item.title)), item.path
    # a word only in non-public items' text is not a token of the index
    public_text = " ".join([i.title + i.body + (i.summary or "") + (i.doc_number or "")
                            + "".join(a.title for a in i.attachments) for i in public] + [r[1] + r[3] for r in pages])
    for item in model.items:
        if item.is_public(AS_OF):
            continue
        private = [w for w in (item.body[k:k + 2] for k in range(len(item.body) - 1))
                   if w not in public_text and len(searchtokens.index_tokens(w)) == 3]
        assert private, item.path
        assert not [w for w in private if w in postings], item.path


# -- 内容概述 wherever the catalogue appears (《条例》第十二条: 索引、名称、内容概述、生成日期; issue 12) --------

# czj's 2024 annual report has no `summary`: the first sentence after its heading stands in.
DERIVED_PATH = "content/czj/ndbg/2025/2024-annual-report.md"
DERIVED_TEXT = "2024年，本局围绕预决算、政府采购、财政资金直达等重点领域推进主动公开，全年主动公开政府信息78条。"


def test_open_data_carries_the_summary_and_whether_it_was_derived(demo_site, model, public):
    derived = next(i for i in public if i.path == DERIVED_PATH)
    written = next(i for i in public if i.unit == "czj" and i.summary)
    rows = list(csv.DictReader(io.StringIO((demo_site / "data/czj.csv").read_text("utf-8-sig"))))
    by_index = {r["索引号"]: r for r in rows}
    assert by_index[derived.index]["内容概述"] == DERIVED_TEXT
    assert by_index[derived.index]["内容概述系摘录"] == "是"
    assert by_index[written.index]["内容概述"] == written.summary
    assert by_index[written.index]["内容概述系摘录"] == "否"
    data = json.loads((demo_site / "data/catalogue.json").read_text("utf-8"))
    records = {r["index"]: r for r in data["items"]}
    assert records[derived.index]["summary"] == DERIVED_TEXT and records[derived.index]["summary_derived"] is True
    assert records[written.index]["summary"] == written.summary and records[written.index]["summary_derived"] is False
    assert data["fields"]["summary"] == "内容概述"
    assert all(r["summary"] for r in data["items"])  # every demo item has one, written or derived


def test_catalogue_pages_show_the_summary_under_the_title(demo_site, public):
    derived = next(i for i in public if i.path == DERIVED_PATH)
    html = page(demo_site, urls.catalogue("czj"))
    # 50 characters: within the 60 a catalogue line carries, so whole
    assert f'<span class="xxgk-cat-summary">{DERIVED_TEXT}</span>' in html
    written = next(i for i in public if i.unit == "czj" and i.summary)
    assert f'<span class="xxgk-cat-summary">{written.summary}</span>' in html


def test_filter_chunks_carry_the_summary_bounded(demo_site, public):
    derived = next(i for i in public if i.path == DERIVED_PATH)
    manifest = json.loads((demo_site / "data/filter/manifest.json").read_text("utf-8"))
    assert manifest["format"] == 2
    rows = json.loads((demo_site / f"data/filter/czj/{derived.published.year}.json").read_text("utf-8"))["rows"]
    row = next(r for r in rows if r[0] == derived.index)
    assert row[1] == derived.title and row[2] == DERIVED_TEXT
    for unit_dir in (demo_site / "data/filter").iterdir():
        for chunk in unit_dir.glob("*.json") if unit_dir.is_dir() else ():
            assert all(len(r[2]) <= 60 for r in json.loads(chunk.read_text("utf-8"))["rows"]), chunk
