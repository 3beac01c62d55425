"""Hostile payloads in a real Chromium (issue 9): nothing an editor writes may run in a visitor's
browser, send it elsewhere or fetch from another origin.

Every probe is an item whose body or front matter holds a payload that sets ``window.__xxgk_pwned``
(or calls ``alert``) if it ever runs. Two sites are built from the same probes, each with a real
MkDocs build (search index included), served over loopback by ``server.SiteServer``:

(a) as built normally (``mkdocs build`` in a subprocess): the gate withholds every hostile item —
    their URLs answer 404 — and the pages that remain (home, unit, column, catalogues, search,
    the clean items and an item whose body shows markup as text) load and stay inert;
(b) defence in depth (built in process with the gate's ``unsafe-html``, ``markup-in-text`` and
    ``attachment-type`` rules switched off, and removed from the catalogue's
    ``publication_blocking``): every hostile item IS published, so only the sanitiser, the
    template escaping and the attachment copy filter stand between the payload and the browser.
    Every item page, its body's every link, paragraph, button and summary clicked, the column,
    catalogue and feed pages, and a search on /search/ for a word of the hostile
    titles must leave the flag unset, open no dialog, navigate nowhere and request nothing from
    any origin but the site's.

An init script turns ``window.__xxgk_pwned`` into a setter reporting to the test through a
binding, so a payload that runs and then navigates away is still caught, in any frame.
"""

from __future__ import annotations

import base64
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from conftest import DEPT_CODE, Repo, mkdocs_build

from .conftest import note
from .server import SiteServer

FLAG = "window.__xxgk_pwned=1"
ALERT = "alert('xxgk')"
DEAD = "http://127.0.0.1:9/"  # a port nothing listens on: where a hijacked page would go
SEARCH_WORD = "测试"
MARKDOWN_EXTENSIONS = """\
markdown_extensions:
  - tables
  - attr_list
  - fenced_code
  - md_in_html
  - toc:
      permalink: false
"""
SVG_DATA = base64.b64encode(f'<svg xmlns="http://www.w3.org/2000/svg" onload="{FLAG}"/>'.encode()).decode()
HTML_DATA = base64.b64encode(f"<script>{FLAG};{ALERT}</script>".encode()).decode()


@dataclass(frozen=True)
class Probe:
    name: str
    title: str
    body: str = "正文。\n"
    fields: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)  # name → content, written beside the item
    hostile: bool = True  # the gate must withhold it in a normal build
    stays: bool = False  # no navigation at all is allowed from this page (refresh, base)


PROBES = [
    Probe("img-onerror", "关于图片加载事件探针的通知",
          f'<img src=x onerror="{FLAG};{ALERT}">\n\n<img src="x" onload="{FLAG}" alt="图">\n'),
    Probe("details-ontoggle", "关于折叠展开事件探针的通知",
          f'<details open ontoggle="{FLAG}"><summary>展开说明</summary>说明内容。</details>\n'),
    Probe("svg-onload", "关于矢量图事件探针的通知",
          f'<svg onload="{FLAG}" width="20" height="20"><rect width="10" height="10"/></svg>\n\n'
          f'<svg><animate onbegin="{FLAG}" attributeName="x" dur="1s"/><set onbegin="{FLAG}" attributeName="x" to="1"/></svg>\n'),
    Probe("javascript-links", "关于脚本链接探针的通知",
          f'<a href="javascript:{FLAG}">点击查看一</a>\n\n'
          f'[点击查看二](javascript:{FLAG})\n\n'
          f'<a href="JaVaScRiPt&#58;{FLAG}">点击查看三</a>\n\n'
          f'<a href=" &#x09;java&#x0A;script:{FLAG}">点击查看四</a>\n\n'
          f'<a href="vbscript:msgbox(1)">点击查看五</a>\n'),
    Probe("meta-refresh", "关于页面刷新跳转探针的通知",
          f'<meta http-equiv="refresh" content="0;url={DEAD}">\n\n正文。\n', stays=True),
    Probe("base-href", "关于基准地址探针的通知",
          f'<base href="{DEAD}">\n\n[本栏目](../)\n\n![图](logo.png)\n'),
    Probe("form-javascript", "关于表单提交探针的通知",
          f'<form action="javascript:{FLAG}"><input name="q" value="1"><button>提交</button>'
          f'<button formaction="javascript:{FLAG}">另存</button></form>\n\n'
          f'<form action="{DEAD}" method="post"><button>外部提交</button></form>\n'),
    Probe("iframe-srcdoc", "关于内嵌框架探针的通知",
          f'<iframe srcdoc="&lt;script&gt;parent.__xxgk_pwned=1&lt;/script&gt;"></iframe>\n\n'
          f'<iframe src="javascript:parent.__xxgk_pwned=1"></iframe>\n\n'
          f'<object data="javascript:{FLAG}"></object><embed src="data:text/html;base64,{HTML_DATA}">\n'),
    Probe("attr-list", "关于属性列表事件探针的通知",
          f'点击这一段文字。\n{{: onclick="{FLAG}" onmouseover="{FLAG}" }}\n\n'
          f'[带属性的链接](#top){{: onclick="{FLAG}" }}\n\n'
          f'## 带属性的小标题 {{: onclick="{FLAG}" }}\n\n'
          f'- 列表项\n{{: onclick="{FLAG}" }}\n'),
    Probe("data-url", "关于数据地址链接探针的通知",
          f'<a href="data:text/html,&lt;script&gt;{FLAG}&lt;/script&gt;">打开一</a>\n\n'
          f'[打开二](data:text/html;base64,{HTML_DATA})\n\n'
          f'![图](data:image/svg+xml;base64,{SVG_DATA})\n'),
    Probe("script-and-mxss", "关于脚本与变异标记探针的通知",
          f"<script>{FLAG};{ALERT}</script>\n\n"
          f'<noscript><p title="</noscript><img src=x onerror={FLAG}>"></noscript>\n\n'
          f"<math><mtext><table><mglyph><style><img src=x onerror={FLAG}>\n\n"
          f'<div><input autofocus onfocus="{FLAG}"></div>\n\n'
          f'<p style="background:url({DEAD}style.png)">带样式的段落</p>\n\n'
          f"<style>@import url({DEAD}import.css); body {{ background: url({DEAD}bg.png) }}</style>\n\n"
          f'<a id="__config" href="#">配置</a> <span id="__search">搜索</span>\n'),
    # Markdown reads this unquoted <img …> as text (the site shows it, escaped), so the gate
    # rightly lets it through: what must hold is that the body sets neither <title> nor template.
    Probe("front-matter-body", f"关于正文伪造元数据{SEARCH_WORD}的通知",
          f"---\ntitle: <img src=x onerror={FLAG}>伪造的页面标题\ntemplate: 404.html\n---\n正文。\n", hostile=False),
    Probe("meta-body", "关于正文元数据块探针的通知",
          f"title: <script>{FLAG}</script>伪造的页面标题\nextra_javascript: [{DEAD}evil.js]\n\n正文。\n"),
    Probe("script-siblings", "关于链接网页文件探针的通知",
          "见[网页附件](evil.html)。\n\n![矢量图](evil.svg)\n\n[矢量图下载](evil.svg)\n",
          files={"evil.html": f"<script>{FLAG};{ALERT}</script>",
                 "evil.svg": f'<svg xmlns="http://www.w3.org/2000/svg" onload="{FLAG}"/>'}),
    # title and other front-matter payloads: the markup-in-text rule, then the template escaping
    Probe("title-img", f"关于<img src=x onerror={FLAG}>{SEARCH_WORD}的通知"),
    Probe("title-entities", f"关于&lt;/title&gt;&lt;script&gt;{FLAG}&lt;/script&gt;{SEARCH_WORD}的通知"),
    Probe("title-close", f"关于</title><script>{FLAG}</script>{SEARCH_WORD}的通知"),
    Probe("title-xhtml-script", f'关于<script xmlns="http://www.w3.org/1999/xhtml">{FLAG}</script>{SEARCH_WORD}的订阅'),
    Probe("fields", "关于元数据字段探针的通知",
          fields={"summary": f"<svg onload={FLAG}>概述", "doc_number": f"青财〔2025〕1号</td><script>{FLAG}</script>",
                  "attachments": [{"file": "list.txt", "title": f"<img src=x onerror={FLAG}>附件"}]},
          files={"list.txt": "附件内容。\n"}),
    # published in both sites: markup shown as text, and a clean item
    Probe("markup-as-text", f"关于代码示例{SEARCH_WORD}的说明",
          f"{SEARCH_WORD}示例代码：`<img src=x onerror=\"{FLAG}\">`\n\n"
          f"转义文本：&lt;script&gt;{FLAG}&lt;/script&gt;\n\n"
          f"```html\n<script>{FLAG}</script>\n```\n", hostile=False),
    Probe("clean", f"关于做好年度{SEARCH_WORD}工作安排的通知", "正常的正文，含[本栏目](../)链接。\n", hostile=False),
]
SERIALS = {probe.name: 101 + n for n, probe in enumerate(PROBES)}
OPENED_RULES = ("unsafe-html", "markup-in-text", "attachment-type")


def item_url(probe: Probe) -> str:
    return f"czj/gzdt/2025-{SERIALS[probe.name]:05d}/"


def write_repository(root: Path) -> Repo:
    repo = Repo(root)
    for unit in (repo.root / "catalogue/units").glob("*.yml"):
        if unit.stem not in ("qcs", "czj"):  # two units: a short build, the same pages
            unit.unlink()
    for probe in PROBES:
        path = repo.item(name=probe.name, index=f"{DEPT_CODE}/2025-{SERIALS[probe.name]:05d}", title=probe.title,
                         body=probe.body, **probe.fields)
        for name, content in probe.files.items():
            (path.parent / name).write_text(content, "utf-8")
    repo.mkdocs_yml(extra=MARKDOWN_EXTENSIONS)
    return repo


@dataclass
class Site:
    label: str
    root: Path
    server: SiteServer
    published: list[Probe]
    withheld: list[Probe]
    log: str

    @property
    def url(self) -> str:
        return self.server.url


def _serve(label: str, site: Path, published, withheld, log: str):
    assert (site / "searchindex" / "manifest.json").is_file(), f"{label}: no search index was written"
    return Site(label, site, SiteServer(site).start(), published, withheld, log)


@pytest.fixture(scope="module")
def normal_site(browser, tmp_path_factory):
    """(a) the probes as `mkdocs build` publishes them."""
    root = tmp_path_factory.mktemp("xss-normal")
    repo = write_repository(root / "repo")
    started = time.perf_counter()
    result = mkdocs_build(repo.root / "mkdocs.yml", root / "site", quiet=False)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-4000:]
    note(f"[xss] site (a) built by mkdocs build in {time.perf_counter() - started:.1f} s")
    site = _serve("(a) normal build", root / "site", [p for p in PROBES if not p.hostile],
                  [p for p in PROBES if p.hostile], result.stderr)
    yield site
    site.server.stop()


@pytest.fixture(scope="module")
def open_site(browser, tmp_path_factory):
    """(b) the probes published with the gate's markup, unsafe-html and attachment-type rules off."""
    from mkdocs.commands.build import build as build_in_process
    from mkdocs.config import load_config

    from xxgk.rules import publication, registry

    root = tmp_path_factory.mktemp("xss-open")
    repo = write_repository(root / "repo")
    policy = repo.root / "catalogue/policy.yml"
    text = policy.read_text("utf-8")
    for code in OPENED_RULES:
        text, removed = re.subn(rf"(?m)^  - {re.escape(code)}\b.*\n", "", text)
        assert removed == 1, f"{code} not in publication_blocking"
    policy.write_text(text, "utf-8")
    registry.load_all()
    started = time.perf_counter()
    with pytest.MonkeyPatch.context() as patch:
        for code in OPENED_RULES:
            patch.delitem(registry.RULES, code, raising=False)
        patch.setattr(publication, "ALWAYS_BLOCKING", publication.ALWAYS_BLOCKING - set(OPENED_RULES))
        config = load_config(str(repo.root / "mkdocs.yml"), site_dir=str(root / "site"))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build_in_process(config)
        finally:
            config.plugins.on_shutdown()
    note(f"[xss] site (b) built in process, gate rules {', '.join(OPENED_RULES)} off, in "
         f"{time.perf_counter() - started:.1f} s")
    site = _serve("(b) gate open", root / "site", list(PROBES), [], "")
    missing = [p.name for p in PROBES if not (site.root / item_url(p) / "index.html").is_file()]
    assert not missing, f"with the rules off these probes were still withheld (the test would prove nothing): {missing}"
    yield site
    site.server.stop()


# -- what a page did ---------------------------------------------------------------------------

INIT_SCRIPT = """(() => {
  let value;
  Object.defineProperty(window, '__xxgk_pwned', {configurable: false, enumerable: true,
    get() { return value; },
    set(v) { value = v; try { window.__xxgk_report(String(location.href)); } catch (e) {} }});
})();"""


@dataclass
class Watch:
    """Everything that must not happen, across every page and frame of one browser context."""

    origin: str
    ran: list[str] = field(default_factory=list)  # documents where the flag was set
    dialogs: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)  # requests to any origin but the site's
    navigations: list[str] = field(default_factory=list)  # frames that went off the site
    errors: list[str] = field(default_factory=list)  # uncaught page errors

    def on_request(self, request):
        scheme = urlsplit(request.url).scheme
        if scheme in ("blob", "about", "data"):  # the theme's own icons; data: in the DOM is checked apart
            return
        if not request.url.startswith(self.origin):
            self.elsewhere.append(f"{request.method} {request.url[:120]} ({request.resource_type})")

    def on_frame(self, frame):
        url = frame.url
        if url in ("about:blank", "") or url.startswith(self.origin):
            return
        self.navigations.append(f"{'main' if frame.parent_frame is None else 'child'} frame → {url[:120]}")

    def on_page(self, page):
        page.on("dialog", lambda d: (self.dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
        page.on("framenavigated", self.on_frame)
        page.on("pageerror", lambda e: self.errors.append(str(e)[:200]))

    def problems(self) -> list[str]:
        return ([f"payload ran (window.__xxgk_pwned set) in {u}" for u in self.ran]
                + [f"dialog opened: {d}" for d in self.dialogs]
                + [f"request to another origin: {r}" for r in self.elsewhere]
                + [f"navigation off the site: {n}" for n in self.navigations]
                + [f"uncaught page error: {e}" for e in self.errors])


@pytest.fixture
def watched(browser):
    """A fresh context and page with the flag trap armed; yields (page, watch, make)."""
    contexts = []

    def make(site: Site):
        watch = Watch(site.url)  # "http://127.0.0.1:PORT/": the trailing slash pins the port
        ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900},
                                  service_workers="block", accept_downloads=True)
        ctx.set_default_timeout(15_000)
        ctx.expose_binding("__xxgk_report", lambda source, href: watch.ran.append(href))
        ctx.add_init_script(INIT_SCRIPT)
        ctx.on("request", watch.on_request)
        ctx.on("page", watch.on_page)
        contexts.append(ctx)
        return ctx.new_page(), watch

    yield make
    for ctx in contexts:
        ctx.close()


def settle(page, ms: int = 400) -> None:
    try:
        page.wait_for_load_state("load", timeout=5_000)
    except PlaywrightError:
        pass
    page.wait_for_timeout(ms)


def flag(page):
    try:
        return page.evaluate("() => window.__xxgk_pwned")
    except PlaywrightError:  # the document went away: the binding has the record
        return None


def open_page(page, site: Site, path: str):
    response = page.goto(site.url + path)
    settle(page)
    return response


HAZARDS = """() => {
  const found = [];
  const urls = ['href', 'src', 'action', 'formaction', 'data', 'srcdoc', 'xlink:href', 'poster', 'background'];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      const value = a.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(`<${el.localName} ${name}="${a.value.slice(0, 60)}">`);
      if (urls.includes(name) && /^(javascript|vbscript|data):/.test(value))
        found.push(`<${el.localName} ${name}="${a.value.slice(0, 60)}">`);
    }
    if (el.localName === 'meta' && (el.getAttribute('http-equiv') || '').toLowerCase() === 'refresh')
      found.push('<meta http-equiv=refresh>');
  }
  for (const el of document.querySelectorAll('.xxgk-item :is(script, style, iframe, frame, object, embed, base, form, input, button, math, link, meta)'))
    found.push(`<${el.localName}> in the item`);
  return found;
}"""


def assert_inert(page, watch: Watch, where: str) -> None:
    problems = watch.problems()
    value = flag(page)
    if value is not None:
        problems.append(f"window.__xxgk_pwned == {value!r} on {page.url}")
    try:
        problems += [f"live hazard in the DOM of {page.url}: {h}" for h in page.evaluate(HAZARDS)]
    except PlaywrightError:
        pass
    assert not problems, f"{where}:\n  " + "\n  ".join(problems)


CLICKABLE = ".xxgk-body a, .xxgk-body p, .xxgk-body button, .xxgk-body summary, .xxgk-body details, " \
            ".xxgk-body img, .xxgk-body svg, .xxgk-body li, .xxgk-body h2, .xxgk-body h3, .xxgk-body span, " \
            ".xxgk-body input, .xxgk-body code, .xxgk-item h1, .xxgk-attachments a"


def click_everything(page, watch: Watch, site: Site, probe: Probe) -> int:
    """Click (and hover) every element of the item's body, each on a freshly loaded page."""
    url = site.url + item_url(probe)
    count = page.locator(CLICKABLE).count()
    for n in range(count):
        if page.url != url:
            open_page(page, site, item_url(probe))
        target = page.locator(CLICKABLE).nth(n)
        where = f"{probe.name}: element {n} ({target.evaluate('e => e.outerHTML.slice(0, 100)')})"
        try:
            target.hover(timeout=1_500)
            target.click(timeout=1_500)
        except PlaywrightError:
            target.dispatch_event("click")  # hidden or zero-sized: its handlers still see a click
        settle(page, 300)
        assert_inert(page, watch, where)
        landed = page.url.split("#")[0]
        if probe.stays:
            assert landed == url, f"{where}: the page moved to {page.url}"
        else:
            assert landed.startswith(site.url), f"{where}: clicked away to {page.url}"
    return count


# -- (a) the normal build ----------------------------------------------------------------------

def test_a_every_hostile_item_is_withheld_and_its_files_are_not_served(normal_site, watched):
    page, _ = watched(normal_site)
    missing = []
    for probe in normal_site.withheld:
        response = page.request.get(normal_site.url + item_url(probe))
        if response.status != 404:
            missing.append(f"{probe.name}: /{item_url(probe)} answered {response.status}")
        assert f"{probe.name}.md" in normal_site.log, f"the build log does not name the withheld {probe.name}.md"
    for probe in PROBES:
        for name in probe.files:
            response = page.request.get(normal_site.url + item_url(probe) + name)
            if response.status != 404:
                missing.append(f"{probe.name}: /{item_url(probe)}{name} answered {response.status}")
    assert not missing, "hostile items or their files published by a normal build:\n  " + "\n  ".join(missing)


def test_a_markup_shown_as_text_is_published(normal_site, watched):
    """Code spans, fenced code and character references show markup as text: the sanitiser
    removes nothing there, so by the contract the gate has nothing to report and must not withhold."""
    page, _ = watched(normal_site)
    probe = next(p for p in PROBES if p.name == "markup-as-text")
    response = page.request.get(normal_site.url + item_url(probe))
    blocked = [line.strip() for line in normal_site.log.splitlines() if "markup-as-text.md:" in line]
    assert response.status == 200, ("an item that only shows markup as text was withheld:\n  " + "\n  ".join(blocked))


def test_a_the_pages_that_remain_load_inert(normal_site, watched):
    page, watch = watched(normal_site)
    published = [p for p in normal_site.published if (normal_site.root / item_url(p) / "index.html").is_file()]
    assert "clean" in {p.name for p in published}, "the clean item was not published: the site proves nothing"
    paths = ["", "czj/", "czj/gzdt/", "catalogue/", "czj/catalogue/", "czj/gzdt/feed.xml"]
    for path in paths + [item_url(p) for p in published]:
        response = open_page(page, normal_site, path)
        assert response.status == 200, f"/{path}: {response.status}"
        assert_inert(page, watch, f"(a) /{path}")
    for probe in published:
        open_page(page, normal_site, item_url(probe))
        expect(page.locator(".xxgk-item h1")).to_have_text(probe.title)
        click_everything(page, watch, normal_site, probe)
    shown = search(page, normal_site, SEARCH_WORD)
    assert {p.title for p in published} <= set(shown), shown
    leaked = [p.title for p in normal_site.withheld if p.title in shown]
    assert not leaked, f"withheld items found by the search: {leaked}"
    assert_inert(page, watch, f"(a) search for {SEARCH_WORD}")


# -- (b) the gate open: the sanitiser and the escaping alone ----------------------------------

@pytest.mark.parametrize("probe", [p for p in PROBES], ids=[p.name for p in PROBES])
def test_b_a_published_probe_is_inert_in_chromium(open_site, watched, probe):
    page, watch = watched(open_site)
    response = open_page(page, open_site, item_url(probe))
    assert response.status == 200
    assert_inert(page, watch, f"{probe.name}: on load")
    assert page.url == open_site.url + item_url(probe), f"{probe.name}: the page moved to {page.url}"
    assert page.evaluate("() => document.baseURI") == page.url, f"{probe.name}: the base URL was changed"
    expect(page.locator(".xxgk-item h1")).to_have_text(probe.title)  # the title, as text
    assert page.title().startswith(probe.title), f"{probe.name}: <title> is {page.title()!r}"
    clicked = click_everything(page, watch, open_site, probe)
    page.keyboard.press("Tab")
    settle(page, 200)
    assert_inert(page, watch, f"{probe.name}: after {clicked} clicks")
    for name in probe.files:
        if name.endswith((".html", ".svg")):
            got = page.request.get(open_site.url + item_url(probe) + name)
            assert got.status == 404, f"{probe.name}: the script-capable {name} is served ({got.status})"


def test_b_listings_catalogues_and_feeds_are_inert(open_site, watched):
    page, watch = watched(open_site)
    for path in ("", "czj/", "czj/gzdt/", "czj/gzdt/page/2/", "catalogue/", "czj/catalogue/", "czj/gkzn/",
                 "feed.xml", "czj/feed.xml", "czj/gzdt/feed.xml"):
        response = open_page(page, open_site, path)
        assert response.status == 200, f"/{path}: {response.status}"
        assert_inert(page, watch, f"(b) /{path}")
    open_page(page, open_site, "czj/catalogue/")
    listed = page.locator("#xxgk-catalogue-table tbody a").all_inner_texts()
    unlisted = [p.name for p in PROBES if p.title not in listed]
    assert not unlisted, f"titles not listed as text in the unit catalogue: {unlisted}\n{listed}"


def test_b_search_shows_hostile_titles_as_text(open_site, watched):
    page, watch = watched(open_site)
    shown = search(page, open_site, SEARCH_WORD)
    titled = [p for p in PROBES if SEARCH_WORD in p.title]
    found = [p.title for p in titled if p.title in shown]
    note(f"[xss] (b) search for 「{SEARCH_WORD}」: {len(shown)} results, {len(found)} of {len(titled)} hostile titles shown as text")
    assert found, f"the search found none of the hostile titles (nothing was checked): {shown}"
    assert_inert(page, watch, f"(b) search for {SEARCH_WORD}")
    for n in range(page.locator(".xxgk-search-result").count()):
        page.locator(".xxgk-search-result").nth(n).hover()
    settle(page, 300)
    assert_inert(page, watch, "(b) search results hovered")


def search(page, site: Site, word: str) -> list[str]:
    """Type ``word`` into the search box on /search/ and return the result titles as shown."""
    open_page(page, site, "search/")
    page.locator("#xxgk-search-q").fill(word)
    page.locator("#xxgk-search-q").press("Enter")
    expect(page.locator(".xxgk-search-status")).to_have_text(re.compile(r"^(找到|没有找到)"), timeout=15_000)
    more = page.locator("button.xxgk-search-more")
    while more.is_visible():
        count = page.locator(".xxgk-search-result").count()
        more.click()
        expect(page.locator(".xxgk-search-result")).not_to_have_count(count)
    settle(page, 300)
    return page.locator(".xxgk-search-result h3 a").all_inner_texts()
