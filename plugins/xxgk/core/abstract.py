"""内容概述 for every catalogue entry (《条例》第十二条: the 目录 holds 索引、名称、内容概述、生成日期).

An item's ``summary`` is optional in its front matter; where an editor wrote none, the catalogue
shows one derived from the body: the first sentence of the first real paragraph of the text the
reader sees (the body rendered and sanitised exactly as the site does, ``htmlreport.render`` and
``htmlpolicy.sanitise``), bounded to ``DERIVED_MAX`` characters and marked as derived (open data:
``summary_derived``). Not a paragraph: headings, tables, lists, quotes, code. Skipped as lead lines:
a short line ending with a colon (the 主送机关 "各县（区）人民政府，市政府各部门：", "现将有关事项通知如下：")
and a very short line with no sentence end (a bold pseudo-heading such as **一、起草背景**).

Catalogue lines and the filter's data carry the summary cut to ``LISTING_MAX`` characters (the
open data carries it whole): at 100,000 items every character of a row is paid for in the filter
chunks (opendata.filter_chunks).

Rendering Markdown costs ≈ 3 ms a body, so only the head of a body is rendered, and a leading
paragraph that holds nothing Markdown could change (plain Chinese prose, the usual case) is taken
as it stands without rendering; tests hold the two paths to the same result on the demo.
"""

from __future__ import annotations

import unicodedata
from html.parser import HTMLParser
from typing import NamedTuple

from .htmlpolicy import sanitise
from .htmlreport import render

DERIVED_MAX = 120  # characters of a derived 内容概述 (open data; a catalogue line shows LISTING_MAX)
LISTING_MAX = 60  # characters a catalogue line and the filter's chunks carry (two lines on a phone)
LEAD_COLON_MAX = 40  # a line ending with ：this short is a 主送机关 or a "如下：" lead-in
LEAD_BARE_MAX = 20  # a line this short with no sentence end is a pseudo-heading
HEAD_CHARS = 3000  # of a long body, only what lies before the first blank line after this is rendered
SENTENCE_ENDS = "。！？!?"
CLOSERS = "”’」』）)》"
BREAKS = "，；、：,;:"  # where a cut may fall when a sentence is too long
# Characters and line starts through which Markdown (with the site's extensions) or HTML could
# change a paragraph's text; a block with none of them is its own text.
_MARKUP = frozenset("\\`*_[]!<>&#|{}~")
_BLOCK_STARTS = ("- ", "+ ", "* ", "> ", "```", "~~~")  # after up to three spaces; four are code


class Abstract(NamedTuple):
    text: str
    derived: bool  # True when the text was taken from the body (no `summary` in the front matter)


def of(item) -> Abstract:
    """The item's 内容概述: its own ``summary``, else the one derived from its body."""
    if item.summary:
        return Abstract(item.summary, False)
    text = derive(item.body)
    return Abstract(text, bool(text))


def listing(text: str) -> str:
    """A 内容概述 as a catalogue line carries it."""
    return shorten(text, LISTING_MAX)


def derive(body: str, *, fast: bool = True) -> str:
    """The first sentence of the body's first real paragraph, ≤ DERIVED_MAX characters ("" if none)."""
    blocks = _head_blocks(body or "")
    plain: list[str] = []
    for number, block in enumerate(blocks):
        if not (fast and _is_plain(block)):
            paragraphs, items = _paragraphs(sanitise(render("\n\n".join(blocks[number:]))))
            return _pick(plain + paragraphs, items)
        plain.append(_join(block))
        if not _lead(plain[-1]):
            break
    return _pick(plain, [])


def shorten(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters: whole, or cut at a comma-like break past the middle
    (else at the limit) and ended with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    at = max(cut.rfind(mark) for mark in BREAKS)
    if at >= limit // 2:
        cut = cut[:at]
    return cut.rstrip() + "…"


def first_sentence(text: str, limit: int = DERIVED_MAX) -> str:
    ends = [at for at in (text.find(mark) for mark in SENTENCE_ENDS) if at >= 0]
    if ends:
        end = min(ends) + 1
        while end < len(text) and text[end] in CLOSERS:
            end += 1
        text = text[:end]
    return shorten(text, limit)


def _pick(paragraphs: list[str], items: list[str]) -> str:
    paragraphs = [p for p in paragraphs if p]
    chosen = next((p for p in paragraphs if not _lead(p)), None)
    if chosen is None:
        chosen = paragraphs[0] if paragraphs else next((i for i in items if i), "")
    return first_sentence(chosen)


def _lead(text: str) -> bool:
    """A line that introduces the text rather than says what it is about."""
    if any(mark in text for mark in SENTENCE_ENDS):
        return False
    return len(text) <= LEAD_BARE_MAX or (text.endswith(("：", ":")) and len(text) <= LEAD_COLON_MAX)


def _head_blocks(body: str) -> list[str]:
    """The body's blocks (separated by blank lines; a fenced block kept whole) up to HEAD_CHARS."""
    blocks, lines, fence, size = [], [], None, 0
    for line in body.splitlines():
        marker = line.lstrip()[:3]
        if fence is None and marker in ("```", "~~~"):
            fence = marker
        elif fence is not None and marker == fence:
            fence = None
        if line.strip() or fence is not None:
            lines.append(line)
            continue
        if lines:
            blocks.append("\n".join(lines))
            size += len(blocks[-1])
            lines = []
            if size >= HEAD_CHARS:
                return blocks
    if lines:
        blocks.append("\n".join(lines))
    if "]:" in body and len(body) > size:  # a reference link's target may be defined further down
        return [body]
    return blocks


def _is_plain(block: str) -> bool:
    for line in block.split("\n"):
        bare = line.lstrip(" ")
        if (_MARKUP.intersection(line) or line.startswith(("    ", "\t")) or bare.startswith(_BLOCK_STARTS)
                or line != line.rstrip() or not line.strip("-=+* ") or _ordered(bare)):
            return False
    return True


def _ordered(line: str) -> bool:
    digits = len(line) - len(line.lstrip("0123456789"))
    return 0 < digits and line[digits:digits + 2] in (". ", ") ")


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _join(text: str) -> str:
    """A paragraph's lines as one line: no space where a line break falls between two Chinese
    characters (the editor's line wrap), one space elsewhere."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        out += line if _wide(out[-1]) and _wide(line[0]) else " " + line
    return " ".join(out.split())


class _Paragraphs(HTMLParser):
    """The text of each top-level paragraph of sanitised body HTML, and of each list item (the
    fallback of a body that is only a list)."""

    OUTSIDE = frozenset({"table", "pre", "blockquote", "ul", "ol", "dl", "figure", "details", "h1", "h2", "h3",
                         "h4", "h5", "h6", "nav", "aside"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.items: list[str] = []
        self._outside = 0
        self._into: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "p" and not self._outside:
            self.paragraphs.append("")
            self._into = self.paragraphs
        elif tag == "li" and not self.items:
            self.items.append("")
            self._into = self.items
        elif tag in self.OUTSIDE:
            if self._into is self.items and tag in ("ul", "ol"):
                self._into = None  # the first item's own text ends where a nested list starts
            self._outside += 1
        elif tag == "br" and self._into is not None:
            self._into[-1] += "\n"

    def handle_endtag(self, tag):
        if tag in ("p", "li"):
            self._into = None
        elif tag in self.OUTSIDE and self._outside:
            self._outside -= 1

    def handle_data(self, data):
        if self._into is not None:
            self._into[-1] += data


def _paragraphs(html: str) -> tuple[list[str], list[str]]:
    parser = _Paragraphs()
    parser.feed(html)
    parser.close()
    return [_join(p) for p in parser.paragraphs], [_join(i) for i in parser.items]
