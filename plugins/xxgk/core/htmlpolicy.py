"""The one allowlist for item bodies: which HTML the public site keeps, and what it removes.

Every item body is Markdown written by an editor who may be careless or hostile. The site renders
it and passes the HTML through :func:`sanitise` (``nh3``, a browser-grade HTML5 parser with an
allowlist); whatever is not listed here is removed. The gate (rule ``unsafe-html``) renders the
same Markdown and calls :func:`removals`, which walks the HTML with the standard library's
tokenizer against the SAME constants and names every tag, attribute and URL the sanitiser would
drop, so an editor learns what will not be published instead of finding it missing. Defence in
depth: the sanitiser is what protects the site; the tokenizer only reports (where the two parsers
disagree, on malformed markup, the sanitiser's reading is the one that counts).

What disclosure content needs, and nothing more:

* text structure: headings, paragraphs, lists, definition lists, quotes, code, emphasis,
  ``details``/``summary``, ``figure``; tables with ``colspan``/``rowspan``/``scope``/``headers``;
  links and images;
* attributes: ``href`` (``a``), ``src``/``alt``/``width``/``height`` (``img``), and everywhere
  ``title``, ``id``, ``class``, ``lang``, ``dir``;
* URLs: ``http``, ``https``, ``mailto``, ``tel`` and relative URLs; never ``javascript:``,
  ``vbscript:`` or ``data:`` (a browser strips tabs and newlines inside a URL and leading control
  characters, and decodes character references first: so do we).

Never: scripts, event handlers (``on…``), ``style`` (CSS can fake the site's interface and send
data out through ``url()``), forms and their controls, frames and embedded objects (``iframe``,
``object``, ``embed``), page-level tags (``meta``, ``base``, ``link``), MathML, and SVG beyond the
static chart below.

Choices, and why:

* ``class`` is limited to the names the Markdown extensions and the project's own generators emit
  (``CLASSES``): classes are harmless for script, but with the site's stylesheet an arbitrary one
  can fake the site's own interface — ``xxgk-banner`` would paint a false 已废止 banner.
* ``id`` is free (the toc extension gives every heading one and links point at them), except the
  ids the page itself uses (``__config``, ``__search`` … of Material, ``xxgk-…``, the item page's
  section headings): an element with such an id inside the body would take over a lookup by the
  page's scripts (DOM clobbering).
* The alignment Markdown tables write (``style="text-align: left;"`` on ``th``/``td``) and
  ``align`` are kept, as exact values only; every other ``style`` is removed.
* The project's own reports are items too: the annual report's tables sit in
  ``<div class="xxgk-table-wrap" tabindex="0" role="region" aria-label=…>`` and the monthly
  bulletin holds an inline SVG bar chart (``reports/chart.py``). That chart's vocabulary — ``svg``,
  ``rect``, ``line``, ``text``, ``title`` with geometry and colour attributes whose values hold no
  ``(``, ``:`` or quote, so no ``url()`` — is allowed (``SVG_TAGS``); nothing else of SVG is
  (no ``script``, ``use``, ``image``, ``animate``/``set``, ``foreignObject``, no ``href``).
* ``rel`` on links is not reported: the sanitiser replaces it with ``noopener noreferrer``.
* HTML comments, ``<!DOCTYPE>`` and ``<?…?>`` are removed and reported: they never reach the site.

The core imports no MkDocs; :func:`render` uses python-markdown with ``MARKDOWN_EXTENSIONS``.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

# The Markdown extensions the site's mkdocs.yml may enable. The gate renders bodies with all of
# them; the allowlist below keeps everything they produce (toc ids and anchors, table alignment,
# ``language-…`` code classes). A site enabling another extension must add what it emits here.
MARKDOWN_EXTENSIONS = ("tables", "attr_list", "toc", "fenced_code", "md_in_html")

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})  # and relative URLs
URL_ATTRIBUTES = frozenset({"href", "src"})

SVG_TAGS = frozenset({"svg", "rect", "line", "text", "title"})  # the bulletin's chart, nothing more
TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "a", "img",
    "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "blockquote", "pre", "code", "em", "strong", "b", "i", "u", "s", "sub", "sup", "small", "mark",
    "abbr", "span", "div", "figure", "figcaption", "details", "summary",
}) | SVG_TAGS

GLOBAL_ATTRIBUTES = frozenset({"title", "id", "class", "lang", "dir"})
# Attributes of the chart's shapes; their values must match SVG_VALUE (no url(), no script).
SVG_PRESENTATION = frozenset({
    "width", "height", "viewBox", "x", "y", "x1", "x2", "y1", "y2", "fill", "stroke", "stroke-width",
    "stroke-dasharray", "font-size", "font-weight", "text-anchor",
})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": GLOBAL_ATTRIBUTES,
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "th": frozenset({"colspan", "rowspan", "scope", "headers"}),
    "td": frozenset({"colspan", "rowspan", "scope", "headers"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start"}),
    "details": frozenset({"open"}),
    "div": frozenset({"aria-label"}),
    "svg": frozenset({"width", "height", "viewBox", "aria-label", "aria-labelledby"}),
    "rect": frozenset({"x", "y", "width", "height", "fill"}),
    "line": frozenset({"x1", "x2", "y1", "y2", "stroke", "stroke-width", "stroke-dasharray"}),
    "text": frozenset({"x", "y", "fill", "font-size", "font-weight", "text-anchor"}),
}
_ALIGN_STYLES = frozenset(f"text-align: {side};" for side in ("left", "right", "center"))
_ALIGN = frozenset({"left", "right", "center"})
# Attributes kept only with one of these values (compared without regard to case).
ATTRIBUTE_VALUES: dict[str, dict[str, frozenset[str]]] = {
    "th": {"style": _ALIGN_STYLES, "align": _ALIGN},
    "td": {"style": _ALIGN_STYLES, "align": _ALIGN},
    "div": {"tabindex": frozenset({"0"}), "role": frozenset({"region"})},
    "svg": {"role": frozenset({"img"})},
}
REWRITTEN_ATTRIBUTES: dict[str, frozenset[str]] = {"a": frozenset({"rel"})}  # replaced, not reported
LINK_REL = "noopener noreferrer"

# class values kept per tag: what toc, fenced_code and the project's reports emit.
CLASSES: dict[str, frozenset[str]] = {
    "a": frozenset({"headerlink", "toclink"}),
    "div": frozenset({"toc", "xxgk-table-wrap"}),
    "span": frozenset({"toctitle"}),
    "table": frozenset({"xxgk-report"}),
    "svg": frozenset({"xxgk-chart"}),
}
CLASS_PATTERNS: dict[str, re.Pattern] = {"code": re.compile(r"language-\S+\Z")}  # fenced_code: any language name
# ids the page itself uses: Material's (__config, __search, __drawer …), the site's (xxgk-…) and
# the item page's own section headings.
RESERVED_ID_PREFIXES = ("__", "xxgk-")
RESERVED_IDS = frozenset({"attachments-title", "related-title"})
SVG_VALUE = re.compile(r"[#A-Za-z0-9 .,%-]*\Z")

# Removed together with everything inside them (the rest lose the tag and keep their text).
CLEAN_CONTENT_TAGS = frozenset({
    "script", "style", "template", "noscript", "noembed", "noframes", "xmp", "plaintext", "iframe",
    "frameset", "object", "applet", "math", "textarea", "select", "foreignobject",
})
_VOID = frozenset({"area", "base", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link",
                   "meta", "param", "source", "track", "wbr"})

# Why a tag is removed: the key names the reason, for the gate's message.
TAG_REASONS: dict[str, frozenset[str]] = {
    "script": frozenset({"script", "noscript", "template"}),
    "embed": frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "param", "portal",
                        "fencedframe"}),
    "page": frozenset({"meta", "base", "link", "head", "html", "body"}),
    "style": frozenset({"style"}),
    "form": frozenset({"form", "input", "button", "select", "option", "optgroup", "textarea", "label",
                       "fieldset", "legend", "output", "datalist", "keygen", "isindex"}),
    "foreign": frozenset({"math", "foreignobject", "use", "image", "animate", "animatemotion",
                          "animatetransform", "set", "feimage", "mglyph", "malignmark", "mtext", "annotation-xml"}),
    "media": frozenset({"video", "audio", "source", "track", "picture", "canvas", "map", "area"}),
}
DESCRIPTIONS = {
    "script": "脚本", "embed": "嵌入框架或外部对象", "page": "页面级标签", "style": "样式表",
    "form": "表单控件", "foreign": "MathML/SVG 元素", "media": "音视频等嵌入内容", "tag": "网站不允许的标签",
    "event-handler": "内联事件处理属性", "style-attribute": "内联样式属性", "attribute": "网站不允许的属性",
    "class": "网站不允许的 class 值", "id": "与网站页面重名的 id", "url": "不允许的链接协议",
    "comment": "HTML 注释", "declaration": "文档声明或处理指令", "unfinished": "未结束的 HTML 标记",
}


@dataclass(frozen=True)
class Removal:
    """One thing the sanitiser removes from the HTML."""

    kind: str  # tag | attribute | url | comment | declaration (also unfinished markup at the end)
    reason: str  # key of DESCRIPTIONS: why it goes
    tag: str  # the element ("" for a comment or declaration)
    name: str  # attribute name (kind attribute/url), tag name (kind tag), else ""
    value: str  # attribute value, effective URL, removed class names, comment text
    text: str  # the markup it was found in, as written (start tag, comment), shortened
    line: int  # 1-based line in the HTML
    with_content: bool = False  # a tag removed together with what it holds

    @property
    def description(self) -> str:
        """Short, in Chinese: what is removed."""
        what = DESCRIPTIONS[self.reason]
        if self.kind == "tag":
            return f"{what} <{self.tag}>"
        if self.kind == "url":
            return f"使用 {url_scheme(self.value)}: 协议的地址"
        if self.reason in ("class", "id"):
            return f"{what}“{self.value}”"
        if self.kind == "attribute":
            return f"{what} {self.name}"
        return what


# -- URLs -------------------------------------------------------------------------------------------

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")
_C0_SPACE = "".join(chr(c) for c in range(0x21))


def effective_url(value: str) -> str:
    """The URL a browser parses from an attribute value (references already decoded): leading and
    trailing C0 controls and spaces stripped, tabs and newlines removed anywhere (WHATWG URL)."""
    return value.strip(_C0_SPACE).translate(_TAB_NEWLINE)


def url_scheme(value: str) -> str | None:
    """Lower-case scheme of a URL as a browser reads it; None for a relative URL."""
    match = _SCHEME.match(effective_url(value))
    return match.group(1).lower() if match else None


def url_allowed(value: str) -> bool:
    scheme = url_scheme(value)
    return scheme is None or scheme in URL_SCHEMES


# -- one judgement of an attribute's value, shared by the sanitiser and the report -----------------


# Attribute names as both parsers give them to us: lower case (html5ever keeps SVG's viewBox).
_GLOBAL = frozenset(a.lower() for a in GLOBAL_ATTRIBUTES)
_ALLOWED = {tag: _GLOBAL | frozenset(a.lower() for a in ATTRIBUTES.get(tag, ())) for tag in TAGS}
_LOWER_SVG_PRESENTATION = frozenset(a.lower() for a in SVG_PRESENTATION)


def _allowed_names(tag: str) -> frozenset[str]:
    return _ALLOWED.get(tag, _GLOBAL)


def _class_allowed(tag: str, name: str) -> bool:
    pattern = CLASS_PATTERNS.get(tag)
    return name in CLASSES.get(tag, ()) or bool(pattern and pattern.match(name))


def _judge(tag: str, name: str, value: str) -> tuple[str | None, str | None, str]:
    """For an attribute the allowlist names: (value kept or None, removal reason or None, what
    part is removed). Only values can fail here; names are checked by the callers."""
    if name == "class":
        tokens = value.split()
        kept = [t for t in tokens if _class_allowed(tag, t)]
        if len(kept) == len(tokens):
            return value, None, ""
        removed = " ".join(t for t in tokens if t not in kept)
        return (" ".join(kept) or None), "class", removed
    if name == "id":
        lowered = value.lower()
        if lowered.startswith(RESERVED_ID_PREFIXES) or lowered in RESERVED_IDS:
            return None, "id", value
        return value, None, ""
    if name in URL_ATTRIBUTES:
        return (value, None, "") if url_allowed(value) else (None, "url", effective_url(value))
    if tag in SVG_TAGS and name in _LOWER_SVG_PRESENTATION and not SVG_VALUE.match(value):
        return None, "attribute", value
    return value, None, ""


def _nh3_filter(tag: str, name: str, value: str) -> str | None:
    name = name.lower()
    if name in _allowed_names(tag):
        return _judge(tag, name, value)[0]
    return value  # rel (set by the sanitiser) and the exact-value attributes, checked by nh3


# -- the sanitiser ----------------------------------------------------------------------------------

_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    tag_attribute_values={tag: {a: set(v) for a, v in values.items()} for tag, values in ATTRIBUTE_VALUES.items()},
    attribute_filter=_nh3_filter,
    url_schemes=set(URL_SCHEMES),
    link_rel=LINK_REL,
    strip_comments=True,
)


def sanitise(html: str) -> str:
    """The body HTML the site publishes: everything outside the allowlist removed."""
    return _CLEANER.clean(html)


# -- the report -------------------------------------------------------------------------------------


def _shorten(text: str, limit: int = 80) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tag_reason(tag: str) -> str:
    return next((reason for reason, tags in TAG_REASONS.items() if tag in tags), "tag")


class _Walker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[Removal] = []
        self.container: str | None = None  # a tag removed with its content: nothing inside is reported
        self.depth = 0
        self.svg = 0  # inside an svg element
        self.after_lt = False  # the last piece of text ended with "<"

    def _add(self, *args, **kwargs) -> None:
        self.found.append(Removal(*args, line=self.getpos()[0], **kwargs))

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs, closed: bool) -> None:
        self.after_lt = False
        if self.container is not None:
            if tag == self.container and not closed:
                self.depth += 1
            return
        text = _shorten(self.get_starttag_text() or f"<{tag}>")
        if tag not in TAGS:
            reason = _tag_reason(tag)
            if reason == "tag" and self.svg:
                reason = "foreign"
            if ":" in tag and url_scheme(tag) is not None:  # <javascript:alert(1)>: an autolink Markdown did not make
                self._add("url", "url", tag, tag, effective_url(tag), text)
                return
            content = tag in CLEAN_CONTENT_TAGS and tag not in _VOID
            self._add("tag", reason, tag, tag, "", text, with_content=content)
            if content and not closed:
                self.container, self.depth = tag, 1
            return
        if tag == "svg" and not closed:
            self.svg += 1
        allowed = _allowed_names(tag)
        exact = ATTRIBUTE_VALUES.get(tag, {})
        rewritten = REWRITTEN_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            value = value or ""
            if name in rewritten:
                continue
            if name in exact:
                if value.lower() not in exact[name]:
                    self._add("attribute", "style-attribute" if name == "style" else "attribute", tag, name, value, text)
                continue
            if name not in allowed:
                reason = ("event-handler" if name.startswith("on") else
                          "style-attribute" if name == "style" else "attribute")
                self._add("attribute", reason, tag, name, value, text)
                continue
            _, reason, removed = _judge(tag, name, value)
            if reason is not None:
                self._add("url" if reason == "url" else "attribute", reason, tag, name, removed, text)

    def handle_endtag(self, tag):
        self.after_lt = False
        if self.container is not None:
            if tag == self.container:
                self.depth -= 1
                if self.depth == 0:
                    self.container = None
            return
        if tag == "svg" and self.svg:
            self.svg -= 1

    def handle_data(self, data):
        # Mid-document a "<" before a letter, "/", "!" or "?" always starts a token; as text it
        # means the tokenizer gave up at the end of the input (it hands back "<" and the rest as
        # two pieces), where a browser drops the unfinished token.
        if self.container is None and self.cdata_elem is None:
            joined = ("<" if self.after_lt else "") + data
            match = _UNFINISHED.search(joined)
            if match:
                rest = joined[match.start():]
                self._add("declaration", "unfinished", "", "", rest, _shorten(rest, 40))
            self.after_lt = data.endswith("<") and not match

    def handle_comment(self, data):
        self.after_lt = False
        if self.container is None:
            self._add("comment", "comment", "", "", data, _shorten(f"<!--{data}-->"))

    def handle_decl(self, decl):
        self.after_lt = False
        if self.container is None:
            self._add("declaration", "declaration", "", "", decl, _shorten(f"<!{decl}>"))

    def handle_pi(self, data):
        self.after_lt = False
        if self.container is None:
            self._add("declaration", "declaration", "", "", data, _shorten(f"<?{data}>"))

    def unknown_decl(self, data):
        self.after_lt = False
        if self.container is None:
            self._add("declaration", "declaration", "", "", data, _shorten(f"<![{data}]>"))


_UNFINISHED = re.compile(r"<[A-Za-z/!?]")


def removals(html: str) -> list[Removal]:
    """Everything :func:`sanitise` removes from ``html``, in document order: each disallowed tag
    (what it holds is not reported again when it goes with its content), each disallowed
    attribute or attribute value, each URL with a disallowed scheme, each comment and declaration,
    and markup left unfinished at the end of the input."""
    walker = _Walker()
    walker.feed(html)
    walker.close()
    return walker.found


# -- Markdown -------------------------------------------------------------------------------------

_markdown = None
# A cheap test of a Markdown body. Without "<" or "&" (HTML), "{" (attr_list) or "]" (links,
# references, [TOC]), rendering it with MARKDOWN_EXTENSIONS makes only allowed tags whose
# attributes are allowed by construction (table alignment, list start, code language) but for
# one: a heading's toc id, which could be a reserved one. toc makes that id from the heading's
# ASCII projection (NFKD, non-ASCII dropped), so the same projection of the body must hold "_" or
# a reserved word for that to happen.
_MARKUP_CHARACTERS = re.compile(r"[<&{\]]")
_RESERVED_WORDS = ("_", "xxgk", "attachments", "related")


def needs_check(markdown_text: str) -> bool:
    """False only when the rendered body cannot hold anything the sanitiser removes (a few µs)."""
    if _MARKUP_CHARACTERS.search(markdown_text) is not None:
        return True
    if markdown_text.isascii():
        projected = markdown_text.lower()
    else:
        projected = unicodedata.normalize("NFKD", markdown_text).encode("ascii", "ignore").decode().lower()
    return any(word in projected for word in _RESERVED_WORDS)


def render(markdown_text: str) -> str:
    """The body as HTML, rendered the way the site renders it (python-markdown, MARKDOWN_EXTENSIONS)."""
    global _markdown
    if _markdown is None:
        import markdown

        _markdown = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))
    _markdown.reset()
    return _markdown.convert(markdown_text)


# -- markup in plain-text fields --------------------------------------------------------------------

_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_SPECIAL = frozenset("<>\"'&")


class _Markup(HTMLParser):
    """Tokenizes a plain-text field, recording where each token starts."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.events: list[tuple[int, str, int]] = []  # (offset, data | markup | reference, data length)

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_data(self, data):
        self.events.append((self._here(), "data", len(data)))

    def _markup(self, *_):
        self.events.append((self._here(), "markup", 0))

    handle_starttag = handle_startendtag = handle_endtag = _markup
    handle_comment = handle_decl = handle_pi = unknown_decl = _markup

    def handle_entityref(self, name):
        self.events.append((self._here(), "reference", 0))

    handle_charref = handle_entityref


_TAG_START = re.compile(r"[A-Za-z/!?]")


def text_markup(text: str) -> list[tuple[int, str]]:
    """(offset, snippet) of every piece of HTML markup in a plain-text field: anything that
    tokenizes as a start or end tag, comment, doctype or processing instruction (also when it is
    unfinished at the end of the text, or swallowed whole like ``</>``), and every character
    reference that decodes to ``<``, ``>``, ``"``, ``'`` or ``&`` (``&lt;``, ``&#60;``, ``&#x3c;``,
    ``&amp;``). A ``<`` that cannot start a tag (``收入<支出``, ``x < 5``, ``<2024>``) is text."""
    if "<" not in text and "&" not in text:
        return []
    found: dict[int, str] = {}
    if "<" in text:
        parser = _Markup(text)
        parser.feed(text)
        parser.close()
        events = parser.events
        spans = []  # [start, end) of each markup token: up to the next token
        for number, (start, kind, _) in enumerate(events):
            if kind == "markup":
                end = events[number + 1][0] if number + 1 < len(events) else len(text)
                spans.append((start, end))
                found[start] = text[start:end]
        data = [(start, start + length) for start, kind, length in events if kind == "data"]
        for match in re.finditer("<", text):
            at = match.start()
            if any(s <= at < e for s, e in spans):
                continue
            if any(s <= at < e for s, e in data) and not _TAG_START.match(text, at + 1):
                continue  # a "<" the tokenizer keeps as text
            # What is left: text the tokenizer swallowed (``</>``), or a tag still open at the end.
            close = text.find(">", at)
            found[at] = text[at:close + 1] if 0 <= close < at + 40 else text[at:at + 20]
    for match in _REFERENCE.finditer(text):
        decoded = _html.unescape(match.group(0))
        if decoded != match.group(0) and decoded[:1] in _SPECIAL:
            found.setdefault(match.start(), match.group(0))
    return [(offset, _shorten(snippet, 40)) for offset, snippet in sorted(found.items())]
