"""The sitemap index (sitemaps.org 0.9): sitemap.xml names one sitemap per unit and one for the
site-level pages; together they list every HTML page built, each once, and nothing else."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from conftest import DEMO_DATE, DEPT_CODE, Repo, mkdocs_build
from xxgk.core import load
from xxgk.site import SiteView, sitemaps

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://xxgk.qingchuan.example/"
DEMO_UNITS = ["qcs", "czj", "sthjj", "scjgj", "lsx", "hxz", "cxjd"]  # catalogue order (order:, then id)
SITE_URL = "https://test.example/"


def parse(path: Path) -> ET.Element:
    return ET.parse(path).getroot()  # the standard library's parser: the file is well-formed XML


def index_locs(site: Path) -> list[str]:
    root = parse(site / "sitemap.xml")
    assert root.tag == NS + "sitemapindex"
    return [s.find(NS + "loc").text for s in root.findall(NS + "sitemap")]


def urls_of(path: Path) -> dict[str, str]:
    root = parse(path)
    assert root.tag == NS + "urlset"
    return {u.find(NS + "loc").text: u.find(NS + "lastmod").text for u in root.findall(NS + "url")}


def html_pages(site: Path) -> set[str]:
    """Every page a reader can open: each index.html (404.html is not one), bar redirects."""
    found = set()
    for path in site.rglob("index.html"):
        if 'http-equiv="refresh"' in path.read_text("utf-8")[:2000]:
            continue
        rel = path.relative_to(site).parent.as_posix()
        found.add(BASE + ("" if rel == "." else rel + "/"))
    return found


def test_the_demo_index_names_seven_unit_sitemaps_and_the_site_one(demo_site):
    assert index_locs(demo_site) == [f"{BASE}{u}/sitemap.xml" for u in DEMO_UNITS] + [f"{BASE}sitemap-site.xml"]
    assert not (demo_site / "sitemap.xml.gz").exists()  # MkDocs' own sitemap is no longer written


def test_the_sitemaps_list_every_built_page_once_with_its_date(demo_site):
    seen: dict[str, str] = {}
    for loc in index_locs(demo_site):
        path = demo_site / loc.removeprefix(BASE)
        listed = urls_of(path)
        unit = loc.removeprefix(BASE).split("/")[0]
        for url, lastmod in listed.items():
            assert url not in seen, f"{url} in {seen.get(url)} and {loc}"
            seen[url] = loc
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", lastmod) and lastmod <= DEMO_DATE
            if unit != "sitemap-site.xml":
                assert url.startswith(f"{BASE}{unit}/"), url  # a unit's sitemap holds only its pages
    assert set(seen) == html_pages(demo_site)
    assert len(seen) > 400  # the demo's ≈ 410 pages: the walk above found the site, not an empty folder
    site_level = {u.removeprefix(BASE) for u, loc in seen.items() if loc.endswith("sitemap-site.xml")}
    assert site_level == {"", "search/", "catalogue/", "catalogue/page/2/", "catalogue/page/3/", "wzdt/", "lxwm/"}


def test_lastmod_is_the_newest_item_a_page_shows(demo_site):
    czj = urls_of(demo_site / "czj/sitemap.xml")
    # 青川市财政局's newest item was published on 2026-11-17 (content/czj/…/2026): its home and catalogue
    assert czj[f"{BASE}czj/"] == czj[f"{BASE}czj/catalogue/"] == "2026-11-17"
    root = parse(demo_site / "sitemap.xml")
    for entry in root.findall(NS + "sitemap"):  # the index dates each sitemap by its newest page
        listed = urls_of(demo_site / entry.find(NS + "loc").text.removeprefix(BASE))
        assert entry.find(NS + "lastmod").text == max(listed.values())


def test_robots_txt_names_the_index(demo_site):
    assert (demo_site / "robots.txt").read_text("utf-8").splitlines()[-1] == f"Sitemap: {BASE}sitemap.xml"


def test_split_keeps_each_sitemap_within_the_limit():
    day = date(2026, 1, 2)
    entries = [(f"czj/p{n}/", day) for n in range(5)]
    chunks = sitemaps.split(entries, 2)
    assert [len(c) for c in chunks] == [2, 2, 1] and sum(chunks, []) == entries
    assert sitemaps.split([], 2) == []
    assert sitemaps.names("czj", 3) == ["czj/sitemap.xml", "czj/sitemap-2.xml", "czj/sitemap-3.xml"]
    assert sitemaps.names(None, 2) == ["sitemap-site.xml", "sitemap-site-2.xml"]
    assert sitemaps.MAX_URLS == 50_000


def _small_repo(repo: Repo) -> None:
    for n in range(1, 4):
        repo.item(name=f"n{n}", index=f"{DEPT_CODE}/2025-{n:05}", title=f"第{n}号工作动态")
    repo.item(name="blocked", index=f"{DEPT_CODE}/2025-00009", title="未经保密审查的信息", review=None)
    repo.item(name="draft", index=f"{DEPT_CODE}/2025-00008", title="草稿", draft=True)
    repo.item(unit="qcs", index="11990700003015240F/2025-00001", title="市政府的信息")


def test_a_unit_over_the_limit_is_split_and_the_index_names_every_part(repo):
    _small_repo(repo)
    model = load(str(repo.root))
    view = SiteView(model, date.fromisoformat(DEMO_DATE), "测试", SITE_URL)
    whole = dict(sitemaps.files(view))
    parts = dict(sitemaps.files(view, limit=3))
    czj_all = set(re.findall(r"<loc>([^<]+)</loc>", whole["czj/sitemap.xml"]))
    czj_parts = [k for k in parts if k.startswith("czj/")]
    assert len(czj_all) > 6 and czj_parts[:3] == ["czj/sitemap.xml", "czj/sitemap-2.xml", "czj/sitemap-3.xml"]
    found = []
    for name in czj_parts:
        locs = re.findall(r"<loc>([^<]+)</loc>", parts[name])
        assert 1 <= len(locs) <= 3
        ET.fromstring(parts[name])
        found += locs
    assert sorted(found) == sorted(czj_all)  # the same pages, each once, in order of the parts
    assert re.findall(r"<loc>([^<]+)</loc>", parts["sitemap.xml"]) == [SITE_URL + k for k in parts if k != "sitemap.xml"]


def _build(repo: Repo, tmp_path: Path, units: str = "", site_url: str | None = SITE_URL) -> Path:
    config = repo.mkdocs_yml(extra=f"site_url: {site_url}\n" if site_url else "")
    if units:
        config.write_text(config.read_text("utf-8").replace("check: true", f"check: true\n      units: {units}"), "utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr
    return site


def test_withheld_and_non_public_items_are_in_no_sitemap_and_docs_pages_are(repo, tmp_path):
    _small_repo(repo)
    (repo.root / "docs/about.md").write_text("# 关于本站\n", "utf-8")
    site = _build(repo, tmp_path)
    listed = {}
    for loc in index_locs(site):
        listed.update(urls_of(site / loc.removeprefix(SITE_URL)))
    assert f"{SITE_URL}czj/gzdt/2025-00001/" in listed and f"{SITE_URL}qcs/" in listed
    assert f"{SITE_URL}czj/gzdt/2025-00009/" not in listed  # withheld: no review (missing-review)
    assert f"{SITE_URL}czj/gzdt/2025-00008/" not in listed  # a draft
    assert not (site / "czj/gzdt/2025-00009").exists()
    assert urls_of(site / "sitemap-site.xml")[f"{SITE_URL}about/"] == DEMO_DATE  # a docs_dir page, the build date
    text = "".join(p.read_text("utf-8") for p in site.rglob("sitemap*.xml"))
    assert "未经保密审查" not in text and "2025-00009" not in text


def test_a_partial_build_writes_only_its_units_sitemaps(repo, tmp_path):
    _small_repo(repo)
    site = _build(repo, tmp_path, units="czj")
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("sitemap*.xml")) == ["czj/sitemap.xml"]
    assert all(u.startswith(f"{SITE_URL}czj/") for u in urls_of(site / "czj/sitemap.xml"))


def test_without_site_url_no_sitemap_is_written(repo, tmp_path):
    _small_repo(repo)
    site = _build(repo, tmp_path, site_url=None)
    assert not list(site.rglob("sitemap*"))  # a sitemap needs absolute URLs
    assert "Sitemap:" not in (site / "robots.txt").read_text("utf-8")
