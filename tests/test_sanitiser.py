"""The one allowlist for item bodies (xxgk.core.htmlpolicy), and the two rules that report what it
removes: ``unsafe-html`` (the body) and ``markup-in-text`` (every printed text field).

Every vector below runs in Chromium when published raw; each one must be reported by the gate on
the source line an editor would fix, and neutralised by the sanitiser the site uses.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from xxgk.core import load
from xxgk.rules import check

AS_OF = date(2025, 3, 20)


# -- helpers ----------------------------------------------------------------------------------------


def findings(repo, code: str):
    loaded = load(str(repo.root))
    assert loaded.problems == (), [p.format() for p in loaded.problems]
    return list(check(loaded, AS_OF, use_git=False, only={code}).findings)


def body_line(path: Path, needle: str) -> int:
    """1-based file line of the first body line (after the closing ---) containing ``needle``."""
    lines = path.read_text("utf-8").split("\n")
    close = lines.index("---", 1)
    return next(n for n, text in enumerate(lines, start=1) if n > close + 1 and needle in text)


# -- the vectors ------------------------------------------------------------------------------------
# (id, Markdown snippet, text on the line the finding must name, text its message must show)

VECTORS = [
    ("handler-on-third-line-of-tag", '<p\ntitle="说明"\nonclick="alert(1)">段落</p>', 'onclick="alert', "onclick"),
    ("gt-inside-quoted-attribute", '<a title="a>b" onclick="alert(1)">点击</a>', "onclick", "onclick"),
    ("details-ontoggle-no-click", '<details title=">" ontoggle=alert(1) open><summary>展开</summary>内容</details>',
     "ontoggle", "ontoggle"),
    ("formaction", '<form>\n<button formaction="javascript:alert(1)">提交</button>\n</form>', "formaction", "<button"),
    ("form-action", '<form action="javascript:alert(1)"><input type="submit" value="提交"></form>', "<form", "<form"),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta", "<meta"),
    ("data-text-html-link", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">点击</a>',
     "data:text", "data:"),
    ("base-href", '<base href="https://evil.example/">', "<base", "<base"),
    ("entity-obfuscated-scheme", '<a href="jav&#x61;script:alert(1)">点击</a>', "jav&#x61;", "javascript:"),
    ("newline-in-scheme", '<a href="java\nscript:alert(1)">点击</a>', '<a href="java', "javascript:"),
    ("tab-entity-in-scheme", '<a href="jav&#x09;ascript:alert(1)">点击</a>', "jav&#x09;", "javascript:"),
    ("control-before-scheme", '<a href=" &#14; javascript:alert(1)">点击</a>', "&#14;", "javascript:"),
    ("colon-entity", '<a href="javascript&colon;alert(1)">点击</a>', "javascript&colon;", "javascript:"),
    ("upper-case", '<A HREF="JAVASCRIPT:alert(1)">点击</A>', "JAVASCRIPT", "JAVASCRIPT:"),
    ("markdown-link", "[点击这里](javascript:alert(1))", "[点击这里]", "javascript:"),
    ("markdown-angle-link", "[点击这里](<javascript:alert(1)>)", "[点击这里]", "javascript:"),
    ("markdown-reference-link", "[点击这里][x]\n\n[x]: javascript:alert(1)", "[x]: javascript", "javascript:"),
    ("markdown-data-image", "![示意图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "![示意图]", "data:"),
    ("attr-list-onclick", '段落正文\n{: onclick="alert(1)" }', "{: onclick", "onclick"),
    ("attr-list-style", '段落正文\n{: style="position:fixed;top:0;left:0;width:100%;height:100%" }', "{: style", "style"),
    ("attr-list-heading", '## 标题 {: onclick="alert(1)" }', "## 标题", "onclick"),
    ("attr-list-inline", '**重点**{: onmouseover="alert(1)" }', "**重点**", "onmouseover"),
    ("autolink-javascript", "<javascript:alert(1)>", "<javascript:", "javascript:"),
    ("img-onerror", "<img src=x onerror=alert(1)>", "onerror", "onerror"),
    ("svg-onload", "<svg/onload=alert(1)>", "<svg/onload", "onload"),
    ("svg-script", "<svg><script>alert(1)</script></svg>", "<svg><script>", "<script"),
    ("svg-animate", "<svg><animate onbegin=alert(1) attributeName=x dur=1s></animate></svg>", "<animate", "<animate"),
    ("svg-link", '<svg><a href="javascript:alert(1)"><text x="0" y="10">点</text></a></svg>', "<svg><a", "javascript:"),
    ("svg-xlink", '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="10">点</text></a></svg>', "xlink:href",
     "xlink:href"),
    ("svg-use", '<svg><use href="data:image/svg+xml,&lt;svg id=%22x%22/&gt;#x"></use></svg>', "<use", "<use"),
    ("iframe-srcdoc", '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "<iframe", "<iframe"),
    ("object-data", '<object data="https://evil.example/x.swf"></object>', "<object", "<object"),
    ("embed", '<embed src="https://evil.example/x.swf">', "<embed", "<embed"),
    ("style-element", "<style>body{display:none}</style>", "<style", "<style"),
    ("link-import", '<link rel="import" href="https://evil.example/x.html">', "<link", "<link"),
    ("vbscript", '<a href="vbscript:msgbox(1)">点击</a>', "vbscript", "vbscript:"),
    ("math-mxss", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "<math>", "<math"),
    ("noscript-mxss", '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', "<noscript",
     "<noscript"),
    ("template", "<template><script>alert(1)</script></template>", "<template", "<template"),
    ("input-autofocus", "<input autofocus onfocus=alert(1)>", "<input", "<input"),
    ("script", "<script>alert(1)</script>", "<script", "<script"),
    ("fake-site-banner", '<div class="xxgk-banner xxgk-banner--废止">本文件已废止</div>', "xxgk-banner", "xxgk-banner"),
    ("clobbers-page-id", "## 说明 {: #__config }", "__config", "__config"),
]


@pytest.mark.parametrize("snippet, marker, shown", [v[1:] for v in VECTORS], ids=[v[0] for v in VECTORS])
def test_the_gate_reports_every_vector_on_its_source_line(repo, snippet, marker, shown):
    path = repo.item(body=f"第一段正文。\n\n第二段正文。\n\n{snippet}\n\n结尾。\n")
    found = findings(repo, "unsafe-html")
    assert found, "nothing reported"
    assert all(f.code == "unsafe-html" and f.severity == "error" for f in found)
    line = body_line(path, marker)
    assert any(f.line == line and shown in f.message for f in found), [f.format() for f in found]


def test_the_message_names_the_line_what_goes_and_the_fix(repo):
    path = repo.item(body='正文。\n\n<details title=">" ontoggle=alert(1) open>内容</details>\n')
    [finding] = findings(repo, "unsafe-html")
    line = body_line(path, "ontoggle")
    assert finding.line == line
    assert finding.message == (f"第 {line} 行正文中的 <details ontoggle=…> 含内联事件处理属性 ontoggle，网站会将其删除；"
                               "政府网站不得嵌入脚本。请删除该属性，需要交互的内容改为附件。")


def test_removals_in_one_body_each_on_its_own_line(repo):
    snippets = ["<script>alert(1)</script>", '<a href="#" onclick="steal()">点击</a>', "[点击][x]",
                '<img src="map.png" onerror=alert(1)>', "段落\n{: style=\"color:red\" }", "[x]: javascript:alert(1)"]
    path = repo.item(body="正文。\n\n" + "\n\n".join(snippets) + "\n")
    found = findings(repo, "unsafe-html")
    # The reference link is reported where its URL is written, the definition line.
    expected = [body_line(path, needle) for needle in ("<script>", "onclick", "onerror", "{: style", "[x]: javascript")]
    assert sorted(f.line for f in found) == sorted(expected), [f.format() for f in found]


def test_a_removal_whose_token_is_not_in_the_source_falls_back_to_the_first_body_line():
    from xxgk.core.htmlreport import Removal
    from xxgk.rules.checks.unsafe_html import Locator

    locate = Locator("第一段。\n\n第二段。\n")
    assert locate(Removal("attribute", "event-handler", "p", "onclick", "x", "<p onclick=x>", 1)) is None
    source = "甲 onclick 乙\n<p onclick=x>\n"
    located = Locator(source)  # the attribute, not the word in the text
    assert located(Removal("attribute", "event-handler", "p", "onclick", "x", "<p onclick=x>", 1)) == source.index("onclick=")


def test_plain_bodies_are_not_rendered(repo, monkeypatch):
    from xxgk.core import htmlreport

    def render(_):
        raise AssertionError("a plain body was rendered")

    monkeypatch.setattr(htmlreport, "render", render)
    repo.item(body="# 一、总体情况\n\n正文：青川市财政局〔2025〕12号，“通知”《条例》。\n\n- 一\n- 二\n\n1. 甲\n2. 乙\n\n**加粗** *强调*\n")
    assert findings(repo, "unsafe-html") == []


def test_benign_markup_passes_the_gate(repo):
    repo.item(body=BENIGN[0] + "\n\n" + BENIGN[2] + "\n")
    assert findings(repo, "unsafe-html") == []


# -- the policy itself: the differential between the sanitiser and the report -----------------------

from html.parser import HTMLParser  # noqa: E402
import re  # noqa: E402

from xxgk.core import htmlpolicy, htmlreport  # noqa: E402

URL_VALUED = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster",
              "srcset", "content", "codebase", "cite", "ping"}


def scheme_of(value: str) -> str | None:
    """An independent reading of a URL's scheme, as a browser does it (WHATWG URL)."""
    value = value.strip("".join(chr(c) for c in range(0x21)))
    value = re.sub(r"[\t\n\r]", "", value)
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", value)
    return match.group(1).lower() if match else None


class Audit(HTMLParser):
    """What a sanitised body must never contain."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.text: list[str] = []
        self.cells: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        if tag not in htmlpolicy.TAGS:
            self.bad.append(f"<{tag}>")
        if tag in {"table", "tr", "th", "td", "caption", "col", "colgroup", "thead", "tfoot"}:
            found = dict(attrs)
            self.cells.append((tag, found.get("colspan"), found.get("rowspan"), found.get("scope")))
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.bad.append(f"{tag} {name}=")
            if name == "style" and value.lower() not in {"text-align: left;", "text-align: right;", "text-align: center;"}:
                self.bad.append(f"{tag} style={value}")
            if name in URL_VALUED and scheme_of(value) not in (None, "http", "https", "mailto", "tel"):
                self.bad.append(f"{tag} {name}={value}")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.bad.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.bad.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.bad.append(f"<?{data}>")

    def handle_data(self, data):
        self.text.append(data)


def audit(html: str) -> Audit:
    parser = Audit()
    parser.feed(html)
    parser.close()
    return parser


def words(html: str) -> str:
    return re.sub(r"\s+", "", "".join(audit(html).text))


@pytest.mark.parametrize("snippet", [v[1] for v in VECTORS], ids=[v[0] for v in VECTORS])
def test_every_vector_is_reported_and_neutralised(snippet):
    html = htmlreport.render(snippet)
    assert htmlreport.needs_check(snippet)
    assert htmlreport.removals(html), html
    for dirty in (html, snippet):  # the rendered body, and the snippet taken as raw HTML
        clean = htmlpolicy.sanitise(dirty)
        assert audit(clean).bad == [], clean
        assert htmlpolicy.sanitise(clean) == clean  # stable: nothing mutates on a second pass
        assert htmlreport.removals(clean) == []  # what the site publishes passes the gate


BENIGN = [
    # A notice with a Markdown table (aligned), links to attachments and another item, an image.
    "# 青川市财政局关于做好2027年部门预算编制工作的通知\n\n各预算单位：\n\n"
    "根据《中华人民共和国预算法》和青财预〔2026〕15号文件要求，现将有关事项通知如下：\n\n"
    "## 一、编制原则\n\n1. 坚持“量入为出、收支平衡”；\n2. 突出重点、保障民生。\n\n"
    "| 项目 | 2026年（万元） | 2027年（万元） |\n|:--|--:|:-:|\n| 一般公共预算 | 1,234.5 | 1,300.0 |\n| 政府性基金 | 56 | 60 |\n\n"
    "详见附件：[2027年部门预算编制表](2027-budget-form.xlsx)、[编制说明](编制说明.pdf \"说明\")；"
    "原通知见[上年度通知](../../tzgg/2025/old.md#二编制要求)。\n\n![预算编制流程图](images/flow.png \"流程\")\n\n"
    "联系人：李华，电话 [0795-3262210](tel:0795-3262210)，邮箱 <czj@qingchuan.example>。\n\n"
    "> 注：收入<支出的单位应说明原因；A&B 类项目另行通知。\n",
    # Raw HTML the way editors paste disclosure tables: colspan, rowspan, scope, headers, caption.
    '<table>\n<caption>表一 主动公开情况</caption>\n<colgroup><col span="2"><col></colgroup>\n'
    '<thead><tr><th scope="col" colspan="2">信息内容</th><th scope="col">件数</th></tr></thead>\n'
    '<tbody><tr><th scope="rowgroup" rowspan="2">规章</th><th scope="row" id="issued">制发</th><td headers="issued">3</td></tr>\n'
    '<tr><th scope="row">废止</th><td>0</td></tr></tbody>\n<tfoot><tr><td colspan="3">合计 3 件</td></tr></tfoot>\n</table>\n',
    # Headings with toc ids, lists, definition lists, quotes, code, emphasis, details.
    "[TOC]\n\n## 一、总体情况 {#overview}\n\n### （一）主动公开\n\n- 第一项\n    - 子项\n- 第二项\n\n段落。\n\n<ol start=\"3\"><li>从三开始</li><li>第四</li></ol>\n\n"
    "<dl><dt>索引号</dt><dd>11990700003016315Q/2026-00021</dd></dl>\n\n"
    "<details><summary>展开历史版本</summary><p>2025年版已废止。</p></details>\n\n"
    "H<sub>2</sub>O，10<sup>3</sup>，<mark>重点</mark>，<small>小字</small>，<abbr title=\"政府信息公开\">政务公开</abbr>，"
    "<u>下划线</u>，<s>删除线</s>，<b>粗</b>，<i>斜</i>，<em>强调</em>，<strong>加粗</strong>。\n\n"
    "```python\nprint('代码块')\n```\n\n行内 `code` 与 <span lang=\"en\" dir=\"ltr\">English</span>。\n\n---\n\n"
    "<figure><img src=\"chart.png\" alt=\"统计图\" width=\"600\" height=\"300\"><figcaption>图1 统计图</figcaption></figure>\n\n"
    '<div class="xxgk-table-wrap" tabindex="0" role="region" aria-label="收入情况"><table class="xxgk-report">'
    '<tr><th scope="row">收入</th><td>1</td></tr></table></div>\n\n'
    "段落的标题属性\n{: #para-1 title=\"说明\" }\n\n<a href=\"https://www.gov.cn/zhengce/\" title=\"政策\">中国政府网</a>、"
    "<a href=\"mailto:czj@qingchuan.example\">来信</a>、<a href=\"#overview\">回到顶部</a>、<a href=\"//www.gov.cn/\">协议相对</a>。\n",
]

# HTML as MkDocs and Material produce it around and inside a body (toc permalink, relative links).
MKDOCS_HTML = [
    '<h2 id="_1">一、总体情况<a class="headerlink" href="#_1" title="Permanent link">&para;</a></h2>\n'
    '<p>详见<a href="../../czj/gzdt/2025-00001/">上一条</a>和<a href="2027-budget-form.xlsx">附件</a>，'
    '<img alt="图" src="../images/map.png" />。</p>\n<p><a href="#fn:1">注</a> &amp; &lt;说明&gt;</p>',
]


def structure(html: str) -> list[tuple]:
    return [cell for cell in audit(html).cells if cell[0] != "tbody"]


@pytest.mark.parametrize("body", BENIGN, ids=["notice", "raw-table", "structure"])
def test_benign_bodies_lose_nothing(body):
    html = htmlreport.render(body)
    assert htmlreport.removals(html) == [], [r.description for r in htmlreport.removals(html)]
    clean = htmlpolicy.sanitise(html)
    assert words(clean) == words(html)
    assert structure(clean) == structure(html)
    assert audit(clean).bad == []


def test_benign_bodies_keep_links_ids_images_and_alignment():
    clean = htmlpolicy.sanitise(htmlreport.render(BENIGN[0]) + htmlreport.render(BENIGN[2]))
    for kept in ('href="2027-budget-form.xlsx"', 'href="../../tzgg/2025/old.md#二编制要求"', 'src="images/flow.png"',
                 'alt="预算编制流程图"', 'href="tel:0795-3262210"', 'href="mailto:czj@qingchuan.example"',
                 'style="text-align: left;"', 'style="text-align: right;"', 'style="text-align: center;"',
                 'id="overview"', 'href="#overview"', 'class="language-python"', '<ol start="3">',
                 'class="xxgk-table-wrap"', 'tabindex="0"', 'role="region"', 'class="xxgk-report"', 'class="toc"',
                 'id="para-1"', 'width="600"', "<details>", "<summary>", 'lang="en"', "〔2026〕"):
        assert kept in clean, kept
    assert 'rel="noopener noreferrer"' in clean


@pytest.mark.parametrize("html", MKDOCS_HTML)
def test_mkdocs_output_passes_unchanged_but_for_rel(html):
    assert htmlreport.removals(html) == []
    clean = htmlpolicy.sanitise(html)
    assert words(clean) == words(html)
    for kept in ('id="_1"', 'class="headerlink"', 'href="#_1"', 'href="../../czj/gzdt/2025-00001/"',
                 'src="../images/map.png"', 'href="#fn:1"', "&amp;", "&lt;说明&gt;"):
        assert kept in clean, kept


def test_every_demo_body_passes_and_keeps_its_text():
    """The demo's 169 items, the generated annual reports (tables) and bulletin (SVG chart) among them."""
    from conftest import PROJECT

    repo = load(str(PROJECT))
    assert len(repo.items) > 100
    for item in repo.items:
        html = htmlreport.render(item.body)
        assert htmlreport.removals(html) == [], (item.path, [r.description for r in htmlreport.removals(html)])
        clean = htmlpolicy.sanitise(html)
        assert words(clean) == words(html), item.path
        assert structure(clean) == structure(html), item.path
    chart = next(i for i in repo.items if "<svg" in i.body)
    clean = htmlpolicy.sanitise(htmlreport.render(chart.body))
    assert clean.count("<rect") == chart.body.count("<rect") and 'aria-labelledby="chart-title"' in clean


def test_the_demo_enables_no_markdown_extension_outside_the_policy():
    from conftest import demo_config

    names = [next(iter(e)) if isinstance(e, dict) else e for e in demo_config().get("markdown_extensions", [])]
    assert set(names) <= set(htmlpolicy.MARKDOWN_EXTENSIONS), names


@pytest.mark.parametrize("value, kept", [
    ("headerlink", "headerlink"), ("xxgk-banner", None), ("md-banner md-typeset", None),
    ("toc xxgk-banner", "toc"), ("xxgk-table-wrap", "xxgk-table-wrap"),
])
def test_classes_are_limited_to_what_the_extensions_and_reports_emit(value, kept):
    tag = "a" if value == "headerlink" else "div"
    clean = htmlpolicy.sanitise(f'<{tag} class="{value}">文字</{tag}>')
    assert (f'class="{kept}"' in clean) if kept else ("class=" not in clean)
    found = htmlreport.removals(f'<{tag} class="{value}">文字</{tag}>')
    assert [r.reason for r in found] == ([] if kept == value else ["class"])


@pytest.mark.parametrize("value, kept", [("_1", True), ("overview", True), ("fn:1", True), ("__config", False),
                                         ("__search", False), ("xxgk-elder", False), ("attachments-title", False)])
def test_ids_are_free_but_for_the_pages_own(value, kept):
    clean = htmlpolicy.sanitise(f'<h2 id="{value}">标题</h2>')
    assert (f'id="{value}"' in clean) is kept
    assert bool(htmlreport.removals(f'<h2 id="{value}">标题</h2>')) is not kept


def test_a_heading_whose_toc_slug_is_reserved_is_rendered_and_reported(repo):
    path = repo.item(body="正文。\n\n## Xxgk Elder\n")
    [finding] = findings(repo, "unsafe-html")
    assert finding.line == body_line(path, "## Xxgk") and "xxgk-elder" in finding.message


def test_urls_are_read_as_a_browser_reads_them():
    assert htmlpolicy.url_scheme("jav\tas\ncript:alert(1)") == "javascript"
    assert htmlpolicy.url_scheme(" \x0e javascript:x") == "javascript"
    assert htmlpolicy.url_scheme("java\x01script:x") is None  # not a scheme: a relative path, harmless
    assert htmlpolicy.url_scheme("附件.pdf") is None and htmlpolicy.url_scheme("#_1") is None
    assert htmlpolicy.url_scheme("../a:b") is None and htmlpolicy.url_scheme("HTTPS://x") == "https"
    assert not htmlpolicy.url_allowed("data:text/html,x") and htmlpolicy.url_allowed("tel:12345")


# -- properties: the prefilter is sound, the sanitiser's output is always safe and stable ----------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

PLAIN_ALPHABET = st.sampled_from(list("政府信息公开，。、“”《》〔〕（）：；！？ \n#*-+=|`.:1234567890abcdegklmorstxyzXGK~^$%/\\\t'\"")
                                 + ["\n\n", "## ", "- ", "1. ", "    ", "***", "```", "| a |", "|:-|", "Ⅹ", "ｘ", "＿"])
HTMLISH = st.sampled_from(["<", ">", "/", "=", '"', "'", " ", "\n", "\t", "a", "p", "svg", "math", "img", "script", "style",
                           "iframe", "details", "title", "noscript", "template", "table", "td", "select", "option",
                           "textarea", "mglyph", "mtext", "foreignObject", "onerror", "onload", "href", "src", "xlink:href",
                           "javascript:", "jav&#x61;script:", "data:", "&#10;", "&lt;", "&amp;", "<!--", "-->", "--!>",
                           "<![CDATA[", "]]>", "<?", "alert(1)", "x", "class", "id", "__config", "style", "{: ", " }",
                           "[x](", ")", "[x]: ", "政府"])


@settings(derandomize=True, max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PLAIN_ALPHABET, max_size=40).map("".join))
def test_a_body_the_prefilter_skips_renders_to_nothing_removable(text):
    if not htmlreport.needs_check(text):
        assert htmlreport.removals(htmlreport.render(text)) == []


@settings(derandomize=True, max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HTMLISH, max_size=30).map("".join))
def test_whatever_goes_in_the_sanitised_body_is_safe_and_stable(text):
    for dirty in (text, htmlreport.render(text)):
        htmlreport.removals(dirty)  # never raises
        clean = htmlpolicy.sanitise(dirty)
        assert audit(clean).bad == [], (dirty, clean)
        assert htmlpolicy.sanitise(clean) == clean, (dirty, clean)


@settings(derandomize=True, max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HTMLISH, max_size=20).map("".join))
def test_when_the_report_is_empty_the_sanitiser_keeps_every_word(text):
    """The other direction of the differential: nothing disappears that the gate did not name."""
    for html in (text, htmlreport.render(text)):
        if not htmlreport.removals(html):
            assert words(htmlpolicy.sanitise(html)) == words(html), html


@pytest.mark.parametrize("html, reason", [("正文<b", "unfinished"), ("正文<!--", "unfinished"), ("正文<?", "unfinished"),
                                          ("<!-- 内部意见 -->正文", "comment"), ("<!DOCTYPE html>正文", "declaration"),
                                          ("<?php echo 1; ?>正文", "declaration"), ("<![CDATA[x]]>", "declaration")])
def test_comments_declarations_and_unfinished_markup_are_reported(html, reason):
    assert [r.reason for r in htmlreport.removals(html)] == [reason]
    assert "<!" not in htmlpolicy.sanitise(html) and "<?" not in htmlpolicy.sanitise(html)


# -- markup-in-text -------------------------------------------------------------------------------

MARKUP = [
    ("<img src=x onerror=alert(1)>", "<img"), ("</title><script>alert(1)</script>", "</title>"),
    ("<!-- 内部意见 -->", "<!--"), ('<?xml version="1.0"?>', "<?xml"), ("&lt;b&gt;加粗&lt;/b&gt;", "&lt;"),
    ("&#60;script&#62;", "&#60;"), ("&#x3c;b", "&#x3c;"), ("甲&amp;乙", "&amp;"), ("&quot;引号&quot;", "&quot;"),
    ("&#39;单引号", "&#39;"), ("结尾未完<b", "<b"), ("吞掉</>的标记", "</>"), ("<!DOCTYPE html>", "<!DOCTYPE"),
    ("a<b>粗</b>", "<b>"),
]
PLAIN_TEXT = ["收入<支出", "x < 5 且 y > 3", "《条例》青财预〔2024〕12号", "AT&T、R&D 中心", "<2024>年", "第1<2项", "A＜B＞C",
              "符号 & 与", "&nbsp;空格", "&copy;2025", "<>", "a <- b"]


@pytest.mark.parametrize("text, shown", MARKUP, ids=[m[0] for m in MARKUP])
def test_markup_in_a_text_field_is_found_by_the_tokenizer(text, shown):
    found = htmlreport.text_markup(text)
    assert found and found[0][1].startswith(shown), found


@pytest.mark.parametrize("text", PLAIN_TEXT)
def test_text_that_cannot_start_markup_is_text(text):
    assert htmlreport.text_markup(text) == []


ITEM_FIELDS = [  # (front matter override, needle of the field's line, label in the message)
    ({"title": "关于<b>开展</b>绩效评价的通知"}, "title:", "名称"),
    ({"summary": "部署&lt;script&gt;评价工作。"}, "summary:", "内容概述"),
    ({"doc_number": "青财预〔2025〕1号<br>"}, "doc_number:", "发文字号"),
    ({"scope": "面向社会<!-- 内部 -->"}, "scope:", "公开范围"),
    ({"validity": {"status": "废止", "date": "2025-03-10", "note": "已被<a href=x>新文件</a>取代"}}, "note:", "有效性说明"),
    ({"review": {"reviewer": "王敏<img src=x onerror=alert(1)>", "date": "2025-03-04", "result": "不涉密，同意公开"}},
     "reviewer:", "保密审查人"),
    ({"review": {"reviewer": "王敏", "date": "2025-03-04", "result": "不涉密&#60;script&#62;"}}, "result:", "保密审查结论"),
    ({"interprets": "<b>11990700003016315Q/2025-00002"}, "interprets:", "解读对象"),
]


@pytest.mark.parametrize("fields, needle, label", ITEM_FIELDS, ids=[f[2] for f in ITEM_FIELDS])
def test_markup_in_an_item_field_is_reported_on_its_line(repo, fields, needle, label):
    from gitrepo import line_of

    path = repo.item(**fields)
    [finding] = findings(repo, "markup-in-text")
    assert finding.severity == "error" and finding.path == path.relative_to(repo.root).as_posix()
    assert finding.line == line_of(path, needle)
    assert finding.message.startswith(label) and "HTML" in finding.message


def test_markup_in_an_attachment_title(repo):
    from gitrepo import line_of

    path = repo.item(attachments=[{"file": "表.xlsx", "title": "预算表"}, {"file": "说明.pdf", "title": "说明</title>"}])
    (path.parent / "表.xlsx").write_bytes(b"x")
    (path.parent / "说明.pdf").write_bytes(b"%PDF-1.4\n")
    [finding] = findings(repo, "markup-in-text")
    assert finding.line == line_of(path, "title: 说明") and "附件名称" in finding.message and "</title>" in finding.message


def test_plain_fields_are_quiet(repo):
    repo.item(title="关于收入<支出情况的说明（AT&T 项目）", summary="x < 5 的单位", doc_number="青财预〔2025〕1号")
    assert findings(repo, "markup-in-text") == []


def test_markup_in_the_catalogue_is_reported_at_the_catalogue_file(repo):
    from gitrepo import line_of

    unit = repo.root / "catalogue" / "units" / "czj.yml"
    text = unit.read_text("utf-8").replace("name: 青川市财政局\n", "name: 青川市财政局<script>alert(1)</script>\n", 1)
    unit.write_text(re.sub(r"address: (.*)", r'address: "&lt;b&gt;\1"', text, count=1), "utf-8")
    columns = repo.root / "catalogue" / "columns.yml"
    columns.write_text(columns.read_text("utf-8").replace("name: 概况信息", "name: 概况信息<i>", 1), "utf-8")
    topics = repo.root / "catalogue" / "topics.yml"
    topics.write_text(topics.read_text("utf-8").replace("- 综合政务", "- 综合政务<!---->", 1), "utf-8")
    found = findings(repo, "markup-in-text")
    where = sorted((f.path, f.line, f.unit, f.column) for f in found)
    assert where == sorted([
        ("catalogue/units/czj.yml", line_of(unit, "name: 青川市财政局<script>"), "czj", None),
        ("catalogue/units/czj.yml", line_of(unit, "address:"), "czj", None),
        ("catalogue/columns.yml", line_of(columns, "name: 概况信息<i>"), None, "gkxx"),
        ("catalogue/topics.yml", line_of(topics, "综合政务<!---->"), None, None),
    ]), [f.format() for f in found]
    assert all(f.severity == "error" for f in found)
    messages = " ".join(f.message for f in found)
    assert "单位名称" in messages and "办公地址" in messages and "栏目名称" in messages and "主题分类" in messages


def test_markup_in_the_offices_reasons_and_reading_places_is_reported(repo):
    """The guide prints a 无（理由） and every 查阅场所 too; markup there is reported like any office field."""
    from gitrepo import line_of

    unit = repo.root / "catalogue" / "units" / "czj.yml"
    text = unit.read_text("utf-8")
    text = re.sub(r"  fax: .*", "  fax: 无（本局<b>未设</b>传真）", text, count=1)
    text = re.sub(r"(reading_places:\n\s*- name: )(.*)", r"\1\2<img src=x onerror=alert(1)>", text, count=1)
    unit.write_text(text, "utf-8")
    found = findings(repo, "markup-in-text")
    assert sorted(f.line for f in found) == sorted([line_of(unit, "  fax: "), line_of(unit, "<img")]), [f.format() for f in found]
    messages = " ".join(f.message for f in found)
    assert "传真" in messages and "查阅场所" in messages
