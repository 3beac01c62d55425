"""The service pages (issue 11) in real builds: each unit's 依申请公开 page, 网站地图, 联系我们, and
the footer's links (网站地图, 联系我们, 纠错, ICP and 公安备案, the 党政机关 mark) with the host check
that allows the footer's configured hosts, and nothing else."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest

from conftest import DEMO_DATE, PROJECT, demo_config, mkdocs_build
from sitecheck import page, resolve

from xxgk.core import load
from xxgk.site import SiteView, urls

AS_OF = date.fromisoformat(DEMO_DATE)


@pytest.fixture(scope="module")
def model():
    repo = load(str(PROJECT))
    assert repo.ok, [p.format() for p in repo.problems if p.severity == "error"]
    return repo


class _Anchors(HTMLParser):
    """Every <a>: its href and its text; and the elements under <footer>."""

    def __init__(self):
        super().__init__()
        self.anchors: list[tuple[str, str]] = []
        self.footer_anchors: list[tuple[str, str]] = []
        self.images: list[dict] = []
        self._href: str | None = None
        self._text: list[str] = []
        self._in_footer = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "footer":
            self._in_footer += 1
        if tag == "a":
            self._href, self._text = attrs.get("href") or "", []
        if tag == "img" and self._in_footer:
            self.images.append(attrs)

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            entry = (self._href, "".join(self._text).strip())
            self.anchors.append(entry)
            if self._in_footer:
                self.footer_anchors.append(entry)
            self._href = None
        if tag == "footer" and self._in_footer:
            self._in_footer -= 1


def anchors(html: str) -> _Anchors:
    parser = _Anchors()
    parser.feed(html)
    return parser


def article(html: str) -> str:
    """The page's own content (Material's article), without header, nav and footer."""
    start = html.index('<article class="md-content__inner')
    return html[start:html.index("</article>", start)]


def target_exists(site, url: str, href: str) -> bool:
    target = resolve(url, href)
    path = site / target
    return (path / "index.html").is_file() if (target == "" or target.endswith("/")) else path.is_file()


# -- 依申请公开 ----------------------------------------------------------------------------------

def test_every_unit_has_its_apply_page_with_channels_contacts_form_and_what_happens_next(demo_site, model):
    policy = model.catalogue.policy["application"]
    for unit in model.units.values():
        url = urls.apply(unit.id)
        html = page(demo_site, url)
        body = article(html)
        office = unit.office
        assert "<h1>依申请公开</h1>" in body and unit.name in body
        for value in (office.name, office.address, office.postcode, office.hours, office.phone, office.fax, office.email):
            assert value in body, (unit.id, value)
        for channel in ("当面申请", "信函申请", "在线填写") + (("传真申请",) if office.fax else ()):
            assert channel in body, (unit.id, channel)
        assert ("传真申请" in body) == bool(office.fax), unit.id  # cxjd has none (fax: 无（…）)
        assert f'href="tel:{office.phone}"' in body and f'href="mailto:{office.email}"' in body
        assert f'href="{office.website}"' in body
        # what happens next, with the policy's numbers and the article
        assert f"{policy['reply_working_days']} 个工作日" in body and "第三十三条" in body
        assert f"{policy['extension_working_days']} 个工作日" in body
        # the purpose is not asked for, and the page says so
        assert "不要求说明申请用途" in body
        # the online form: there for JavaScript, hidden without it, never posted anywhere
        form = re.search(r"<form [^>]*id=\"xxgk-apply-form\"[^>]*>", body).group(0)
        assert " hidden" in form and "action=" not in form and 'method="dialog"' in form
        assert "<noscript>" in body
        assert f'data-email="{office.email}"' in body and f'data-office="{office.name}"' in body
        for field in ("applicant", "name", "id_type", "id_number", "org_name", "credit_code", "legal_rep",
                      "phone", "address", "postcode", "email", "description", "format", "delivery"):
            assert f'name="{field}"' in body, (unit.id, field)
        assert "assets/xxgk/apply.js" in body
        # every link of the page leads somewhere on the site (or is tel:/mailto:/the unit website)
        for href, _ in anchors(body).anchors:
            if href.startswith(("tel:", "mailto:", "http://", "https://", "#")):
                continue
            assert target_exists(demo_site, url, href), (url, href)


def test_the_apply_page_offers_the_form_the_data_names(demo_site, model):
    """市政府 publishes its 申请表 (xlsx) in its 依申请公开 column: the page links it, one click away."""
    qcs = anchors(article(page(demo_site, urls.apply("qcs"))))
    forms = [(h, t) for h, t in qcs.anchors if h.endswith(".xlsx")]
    assert forms and "青川市人民政府政府信息公开申请表" in forms[0][1]
    assert target_exists(demo_site, urls.apply("qcs"), forms[0][0])
    # a unit with no form file says how to apply without one
    assert "未另行提供申请表文件" in article(page(demo_site, urls.apply("czj")))


def test_the_apply_page_is_the_ysqgk_column_page_and_still_lists_its_items(demo_site, model):
    public = [i for i in model.items if i.is_public(AS_OF) and i.unit == "qcs" and i.column == "ysqgk"]
    assert public
    html = page(demo_site, urls.apply("qcs"))
    for item in public:
        assert item.title in html
    newest = max(i.published for i in public)
    assert f'最近更新：<time datetime="{newest}">' in html


def test_pages_yield_each_apply_page_once_and_the_site_pages_only_in_full_builds(model):
    full = list(SiteView(model, AS_OF).pages())
    uris = [p.src_uri for p in full]
    assert len(uris) == len(set(uris))
    kinds = {p.url: p.kind for p in full}
    for unit in model.units:
        assert kinds[urls.apply(unit)] == "apply"
    assert kinds[urls.SITE_MAP] == "sitemap" and kinds[urls.CONTACT] == "contact"
    partial = list(SiteView(model, AS_OF, only_units=frozenset({"czj"})).pages())
    assert [p.unit for p in partial if p.kind == "apply"] == ["czj"]
    assert not [p for p in partial if p.kind in ("sitemap", "contact")]


def test_the_guide_links_its_online_channel_and_the_unit_website(demo_site, model):
    for unit in model.units.values():
        url = urls.column(unit.id, "gkzn")
        body = article(page(demo_site, url))
        found = anchors(body).anchors
        online = [h for h, t in found if resolve(url, h) == urls.apply(unit.id)]
        assert online, unit.id
        assert (unit.office.website, unit.office.website) in found, unit.id
        assert "在线填写提交" not in body


# -- 网站地图 and 联系我们 ------------------------------------------------------------------------

def test_the_site_map_lists_every_unit_and_column(demo_site, model):
    html = page(demo_site, urls.SITE_MAP)
    body = article(html)
    assert "<h1>网站地图</h1>" in body
    targets = {resolve(urls.SITE_MAP, h) for h, _ in anchors(body).anchors}
    assert {urls.HOME, urls.catalogue(None), "search/", urls.CONTACT} <= targets
    for unit in model.units.values():
        assert unit.name in body
        assert {urls.unit(unit.id), urls.catalogue(unit.id), urls.apply(unit.id)} <= targets, unit.id
        for column in model.catalogue.columns_for(unit):
            assert urls.column(unit.id, column.id) in targets, (unit.id, column.id)
    for href, _ in anchors(body).anchors:
        assert target_exists(demo_site, urls.SITE_MAP, href), href
    # a tree: a sub-column sits in a list inside its parent's item
    assert re.search(r"政策文件</a>\s*<ul>\s*<li><a [^>]*>规章</a>", body)


def test_contact_page_has_every_office_with_tel_and_mailto_links(demo_site, model):
    body = article(page(demo_site, urls.CONTACT))
    assert "<h1>联系我们</h1>" in body
    found = anchors(body).anchors
    for unit in model.units.values():
        office = unit.office
        for value in (unit.name, office.name, office.address, office.postcode, office.hours, office.fax):
            assert value in body, (unit.id, value)
        assert (f"tel:{office.phone}", office.phone) in found
        assert (f"mailto:{office.email}", office.email) in found
        assert (office.website, office.website) in found
        assert urls.apply(unit.id) in {resolve(urls.CONTACT, h) for h, _ in found}


# -- the footer ------------------------------------------------------------------------------

def footer_links(site, url: str) -> dict[str, str]:
    return {text: href for href, text in anchors(page(site, url)).footer_anchors}


@pytest.mark.parametrize("url", ["", urls.apply("qcs"), "czj/gzdt/", urls.SITE_MAP])
def test_footer_links_resolve(demo_site, url):
    found = footer_links(demo_site, url)
    for text, target in (("网站地图", urls.SITE_MAP), ("联系我们", urls.CONTACT)):
        assert resolve(url, found[text]) == target, (url, text)
        assert target_exists(demo_site, url, found[text])
    footer = demo_config()["plugins"]
    options = next(p["xxgk"] for p in footer if isinstance(p, dict) and "xxgk" in p)["footer"]
    assert found[options["icp"]] == "https://beian.miit.gov.cn/"
    police = found[options["police"]]
    assert police.endswith("99070002000001") and urlsplit(police).hostname in ("beian.mps.gov.cn", "www.beian.gov.cn")
    correction = found["网站纠错"]
    assert urlsplit(correction).hostname == urlsplit(options["correction_url"]).hostname
    if "{url}" in options["correction_url"]:  # the page's own address goes along, encoded
        assert unquote(correction).endswith("https://xxgk.qingchuan.example/" + url)


def test_footer_in_a_partial_build_links_no_missing_site_page(repo, tmp_path):
    repo.item(title="财政局的信息")
    config = repo.mkdocs_yml(check=False)
    config.write_text(config.read_text("utf-8").replace("check: false", "check: false\n      units: czj"), "utf-8")
    site = tmp_path / "partial"
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr
    assert (site / urls.apply("czj") / "index.html").is_file()
    assert not (site / urls.apply("qcs")).exists()
    assert not (site / urls.SITE_MAP).exists() and not (site / urls.CONTACT).exists()
    found = footer_links(site, urls.apply("czj"))
    assert "网站地图" not in found and "联系我们" not in found


FOOTER = """\
      footer:
        organiser: 测试单位
        icp: 测ICP备12345678号-1
        police: 测公网安备 12345602000001号
        correction_url: "https://jiucuo.example.org/report?site=1&url={url}"
        mark_image: img/mark.png
        mark_url: "https://mark.example.net/sitename?id=ABC"
"""


def _footer_repo(repo, extra_body: str = ""):
    repo.item(title="财政局的信息", body="正文。\n" + extra_body)
    (repo.root / "docs" / "img").mkdir()
    (repo.root / "docs" / "img" / "mark.png").write_bytes(
        bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"))
    config = repo.mkdocs_yml(check=False)
    config.write_text("site_url: https://site.example.com/\n" + config.read_text("utf-8") + FOOTER, "utf-8")
    return config


def test_configured_footer_hosts_are_allowed_and_the_mark_and_correction_link_render(repo, tmp_path):
    config = _footer_repo(repo)
    site = tmp_path / "site"
    result = mkdocs_build(config, site, "--strict", quiet=False)
    assert result.returncode == 0, result.stderr
    assert "allowed_hosts" not in result.stderr
    html = page(site, "czj/")
    found = anchors(html)
    links_by_text = {t: h for h, t in found.footer_anchors}
    assert links_by_text["测ICP备12345678号-1"] == "https://beian.miit.gov.cn/"
    assert links_by_text["测公网安备 12345602000001号"].endswith("12345602000001")
    correction = links_by_text["网站纠错"]
    assert correction.startswith("https://jiucuo.example.org/report?site=1&url=")
    assert unquote(correction.split("url=", 1)[1]) == "https://site.example.com/czj/"
    mark = [a for a in found.images if a.get("alt") == "党政机关"]
    assert mark and resolve("czj/", mark[0]["src"]) == "img/mark.png" and (site / "img/mark.png").is_file()
    assert ("https://mark.example.net/sitename?id=ABC", "") in found.footer_anchors


def test_an_unconfigured_foreign_host_in_a_page_still_fails_the_host_check(repo, tmp_path):
    config = _footer_repo(repo, "见<a href=\"https://elsewhere.example.com/x\">外部网站</a>。\n")
    result = mkdocs_build(config, tmp_path / "site", "--strict", quiet=False)
    assert result.returncode == 1
    assert "elsewhere.example.com" in result.stderr and "allowed_hosts" in result.stderr
    for allowed in ("jiucuo.example.org", "mark.example.net", "beian.miit.gov.cn"):
        assert allowed not in result.stderr


def test_unset_footer_options_render_nothing(repo, tmp_path):
    repo.item(title="财政局的信息")
    site = tmp_path / "site"
    assert mkdocs_build(repo.mkdocs_yml(check=False), site).returncode == 0
    html = page(site, "czj/")
    found = anchors(html)
    texts = {t for _, t in found.footer_anchors}
    assert "网站纠错" not in texts and not found.images
    assert {"网站地图", "联系我们"} <= texts
    assert "beian" not in html  # no ICP or 公安备案 number configured: no link either


def test_a_missing_mark_image_is_a_clear_configuration_error(repo, tmp_path):
    repo.item(title="财政局的信息")
    config = repo.mkdocs_yml(check=False)
    config.write_text(config.read_text("utf-8") + "      footer:\n        mark_image: img/none.png\n", "utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 1 and "mark_image" in result.stderr and "Traceback" not in result.stderr


def test_footer_links_read_every_footer_option_and_refuse_scripted_links():
    from xxgk.plugin.config import FOOTER_KEYS, FooterConfig, footer_hosts, footer_links

    assert set(FOOTER_KEYS) == {key for key, _ in FooterConfig._schema}
    found = footer_links({"icp": "青ICP备00000001号", "police": "青公网安备 99070002000001号"})
    assert found["icp_href"] == "https://beian.miit.gov.cn/"
    assert found["police_href"] == "https://beian.mps.gov.cn/#/query/webSearch?code=99070002000001"
    old = footer_links({"police": "京公网安备 11010502030143号",
                        "police_url": "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={code}"})
    assert old["police_href"] == "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11010502030143"
    assert footer_hosts({}) == set() and footer_links({})["icp_href"] is None
    assert footer_hosts({"mark_url": "https://mark.example.net/"}) == set()  # no image: nothing rendered
    for key in ("correction_url", "mark_url", "icp_url"):
        with pytest.raises(ValueError, match=key):
            footer_links({key: "javascript:alert(1)"})
    assert footer_links({"correction_url": "mailto:zwgk@qingchuan.example"})["correction_url"]


def test_without_a_ysqgk_column_the_apply_page_stands_alone_and_the_nav_leads_to_it(repo, tmp_path):
    from sitecheck import links

    columns = repo.root / "catalogue" / "columns.yml"
    text = columns.read_text("utf-8")
    start = text.index("- id: ysqgk")
    columns.write_text(text[:start], "utf-8")  # the last column: nothing follows it
    repo.item(title="财政局的信息")
    site = tmp_path / "site"
    result = mkdocs_build(repo.mkdocs_yml(check=False), site, "--strict")
    assert result.returncode == 0, result.stderr
    html = page(site, urls.apply("czj"))
    assert "<h1>依申请公开</h1>" in html and "本栏目信息" not in html
    assert "未另行提供申请表文件" in html
    nav = {resolve("czj/", h) for h in links(page(site, "czj/")).nav_hrefs}
    assert urls.apply("czj") in nav
    assert urls.apply("czj") in {resolve(urls.SITE_MAP, h) for h, _ in anchors(article(page(site, urls.SITE_MAP))).anchors}


def test_the_apply_page_and_the_guide_take_the_correction_period_from_the_policy_and_say_review_comes_first(repo, tmp_path):
    """条例第三十条's 7 working days live in policy.yml; a refusal goes to 行政复议 first (行政复议法 第二十三条)."""
    policy = repo.root / "catalogue/policy.yml"
    text = policy.read_text("utf-8")
    assert "  correction_request_working_days: 7" in text
    policy.write_text(text.replace("  correction_request_working_days: 7", "  correction_request_working_days: 5"), "utf-8")
    repo.item()
    site = tmp_path / "site"
    result = mkdocs_build(repo.mkdocs_yml(), site)
    assert result.returncode == 0, result.stderr
    apply_page = article(page(site, urls.apply("czj")))
    guide = article(page(site, "czj/gkzn/"))
    for html in (apply_page, guide):
        assert "自收到申请之日起 5 个工作日内一次性告知" in html or "收到申请之日起 5 个工作日内一次性告知" in html
        assert " 7 个工作日内一次性告知" not in html
    assert "应当先申请行政复议" in apply_page and "第二十三条第一款第四项" in apply_page
    assert 'href="../gkzn/"' in apply_page or "gkzn/" in apply_page
