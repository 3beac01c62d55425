"""What the sanitiser would remove, said to the editor: the gate's side of ``htmlpolicy``.

The site passes every body through ``htmlpolicy.sanitise`` (nh3). The gate renders the same
Markdown (:func:`render`, with ``htmlpolicy.MARKDOWN_EXTENSIONS``) and walks the HTML with the
standard library's tokenizer (:func:`removals`) against the SAME allowlist, naming each tag,
attribute and URL that will not be published; :func:`text_markup` finds markup in plain-text
fields (titles, 发文字号 …), which the site prints escaped.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

from .htmlpolicy import (ATTRIBUTE_VALUES, CLEAN_CONTENT_TAGS, MARKDOWN_EXTENSIONS, REWRITTEN_ATTRIBUTES, TAG_REASONS,
                         TAGS, VOID_TAGS, allowed_names, effective_url, judge, url_scheme)
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


# -- the report -------------------------------------------------------------------------------------


def _shorten(text: str, limit: int = 80) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tag_reason(tag: str) -> str:
    return next((reason for reason, tags in TAG_REASONS.items() if tag in tags), "tag")


class _Walker(HTMLParser):
    def __init__(self):
        # Character references in text stay references (handle_entityref/charref, ignored here):
        # "&lt;script&gt;" in a code span is text the site shows, not markup left unfinished.
        # Attribute values are decoded by the tokenizer either way (where "jav&#x61;script:" hides).
        super().__init__(convert_charrefs=False)
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
            content = tag in CLEAN_CONTENT_TAGS and tag not in VOID_TAGS
            self._add("tag", reason, tag, tag, "", text, with_content=content)
            if content and not closed:
                self.container, self.depth = tag, 1
            return
        if tag == "svg" and not closed:
            self.svg += 1
        allowed = allowed_names(tag)
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
            _, reason, removed = judge(tag, name, value)
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
