"""unsafe-html: the body holds something the site's sanitiser removes (core.htmlpolicy).

The body is rendered to HTML the way the site renders it (python-markdown with
``htmlpolicy.MARKDOWN_EXTENSIONS``), and ``htmlreport.removals`` names every tag, attribute and
URL the sanitiser would drop. Each is reported on its SOURCE line, found best-effort: the
offending token (``<tag``, ``name=``, the class or id value, the URL's scheme however it is
spelled — ``jav&#x61;script:``, ``java⏎script:``) is searched in the Markdown, case-insensitively,
from where the previous removal was found onwards (python-markdown keeps the source order; a
reference-style link's URL sits on its ``[x]: …`` line), else nearest before it; when nothing
matches, the body's first line. Plain bodies — no ``<``, ``&``, ``{`` or ``]`` (HTML, attr_list,
links, references) and no heading that could take a reserved id — cannot produce anything to
remove (``htmlreport.needs_check``, a few µs) and are not rendered.
"""

from __future__ import annotations

import re

from ...core import htmlpolicy, htmlreport
from ...core.htmlreport import Removal
from ..registry import rule

CODE = "unsafe-html"

_LINK_DEFINITION = re.compile(r"[ ]{0,3}\[[^\]\n]+\]:")
# Between the letters of a scheme a browser ignores tabs and newlines, however they are written.
_IGNORED = r"(?:[\t\n\r]|&#0*(?:9|10|13);?|&#[xX]0*[9aAdD];?|&(?:Tab|NewLine);)*"


def _letter(char: str) -> str:
    code = ord(char.lower())
    forms = [re.escape(char.lower()), re.escape(char.upper()), f"&#0*{code};?", f"&#[xX]0*{code:x};?"]
    if char == ":":
        forms.append("&colon;")
    return "(?:" + "|".join(dict.fromkeys(forms)) + ")"


def _scheme_pattern(scheme: str) -> str:
    return _IGNORED.join(_letter(c) for c in scheme + ":")


def _word(text: str) -> str:
    return rf"(?<![\w-]){re.escape(text)}(?![\w-])"


def needles(removal: Removal) -> list[re.Pattern]:
    """Patterns that find the removal's token in Markdown source, best first."""
    if removal.kind == "tag":
        found = [rf"<\s*{re.escape(removal.tag)}(?![\w-])"]
    elif removal.kind == "url":
        scheme = htmlpolicy.url_scheme(removal.value) or ""
        found = [_scheme_pattern(scheme), _word(removal.name) + r"\s*=", r"\]\(", r"\]:"]
    elif removal.kind == "comment":
        found = [re.escape("<!--")]
    elif removal.reason == "unfinished":
        found = [re.escape(removal.value[:2])]
    elif removal.kind == "declaration":
        found = [r"<[!?]"]
    elif removal.reason in ("class", "id"):
        found = [_word(removal.value.split()[0]), _word(removal.name) + r"\s*="]
        if removal.reason == "id":  # a heading's toc slug: its ASCII letters, "-" for spaces
            found.append("".join(r"[\s-]+" if c == "-" else re.escape(c) + r"[^\x00-\x7f]*" for c in removal.value))
    else:
        found = [_word(removal.name) + r"\s*=", _word(removal.name)]
    return [re.compile(p, re.I) for p in found]


class Locator:
    """Source offsets of removals, found in order through the Markdown text."""

    def __init__(self, source: str):
        self.source, self.cursor = source, 0

    def __call__(self, removal: Removal) -> int | None:
        for pattern in needles(removal):
            forward = pattern.search(self.source, self.cursor)
            if forward is not None:
                start = forward.start()
                line_start = self.source.rfind("\n", 0, start) + 1
                if not _LINK_DEFINITION.match(self.source, line_start):  # definitions sit apart from their use
                    self.cursor = start + 1
                return start
            before = [m.start() for m in pattern.finditer(self.source, 0, self.cursor)]
            if before:
                return before[-1]
        return None


_TAG_MESSAGES = {
    "script": "是脚本，网站会连同其内容删除；政府网站不得嵌入脚本。请删除，需要交互的内容改为附件。",
    "embed": "是嵌入框架或外部对象，网站会连同其内容删除；政府网站不得嵌入框架或外部对象。请删除，需要展示的内容改为链接或附件。",
    "page": "是页面级标签（可使页面跳转、改变链接的基准地址或引入外部资源），网站会将其删除。请删除。",
    "style": "是样式表，网站会连同其内容删除（样式表可伪造网站界面、向外发送数据）。请删除，排版用 Markdown 表达。",
    "form": "是表单控件，网站会将其删除；政府信息公开页面不收集数据。请删除，需要填写的表格改为附件。",
    "foreign": "是网站不允许的 MathML/SVG 元素，网站会将其删除。请删除，公式、图表改为图片或附件。",
    "media": "是音视频等嵌入内容，网站会将其删除。请删除，音视频作为附件提供。",
    "tag": "不是网站允许的标签，网站会删除该标签（保留其中的文字）。请删除该标签，排版用 Markdown 表达。",
}


def message(removal: Removal, line: int) -> str:
    where = f"第 {line} 行正文中"
    tag, name, value = removal.tag, removal.name, removal.value
    if removal.kind == "tag":
        if removal.reason == "tag" and removal.with_content:
            return f"{where}的 {removal.text} 不是网站允许的标签，网站会连同其内容删除。请删除，排版用 Markdown 表达。"
        return f"{where}的 {removal.text} {_TAG_MESSAGES[removal.reason]}"
    if removal.kind == "url":
        scheme = htmlpolicy.url_scheme(value)
        shown = value if len(value) <= 60 else value[:59] + "…"
        return (f"{where}的链接地址“{shown}”使用 {scheme}: 协议，网站会将其删除；正文中的链接和图片只能用 "
                f"http、https、mailto、tel 或相对地址。请改为正常网址，或把内容作为附件。")
    if removal.kind == "comment":
        return f"{where}的 HTML 注释 {removal.text} 网站会删除，不会发布。请删除注释。"
    if removal.reason == "unfinished":
        return f"{where}的“{removal.text}”是没有结束的 HTML 标记，网站会将其删除。请补全（以“>”结束）或删除。"
    if removal.kind == "declaration":
        return f"{where}的 {removal.text} 是文档声明或处理指令，网站会将其删除。请删除。"
    if removal.reason == "event-handler":
        return (f"{where}的 <{tag} {name}=…> 含内联事件处理属性 {name}，网站会将其删除；政府网站不得嵌入脚本。"
                f"请删除该属性，需要交互的内容改为附件。")
    if removal.reason == "style-attribute":
        return (f"{where}的 <{tag} {name}=…> 含内联样式属性 {name}，网站会将其删除（内联样式可伪造网站界面、"
                f"向外发送数据）。请删除该属性，排版用 Markdown 表达。")
    if removal.reason == "class":
        return (f"{where}的 <{tag} class=…> 含网站不允许的 class 值“{value}”，网站会将其删除（正文的样式由网站统一决定，"
                f"套用 class 可仿冒网站自身的提示）。请删除。")
    if removal.reason == "id":
        return f"{where}的 <{tag} id=…> 的 id“{value}”与网站页面自身的元素重名，网站会将其删除。请改用其他 id。"
    return f"{where}的 <{tag} {name}=…> 含网站不允许的属性 {name}，网站会将其删除。请删除该属性。"


@rule(CODE, "不安全的 HTML", "正文中有网站会删除的内容：允许范围以外的标签（<script>、<iframe>、<form>、<meta> 等）、"
      "属性（内联事件 on…=、style 等）或链接协议（javascript:、data:、vbscript:）。")
def check(ctx):
    for item in ctx.repo.items:
        if not htmlreport.needs_check(item.body):
            continue
        found = htmlreport.removals(htmlreport.render(item.body))
        if not found:
            continue
        locate = Locator(item.body)
        for removal in found:
            offset = locate(removal)
            line = ctx.body_line(item, offset) if offset is not None else item.body_line
            yield ctx.at_item(CODE, item, message(removal, line), line=line)
