"""Search tokens that the index and the query make the same way.

Pagefind segmented Chinese with one segmenter when it built the index and the browser segmented
the query with another (Intl.Segmenter); when they disagreed a pasted title found nothing. Here
the index (``searchindex.py``) and the search page (``assets/xxgk/search.js``) cut text by the
same simple rules, so what is typed is found whatever the browser. Keep the two in step:
``tests/test_searchtokens.py`` runs both on the same strings.

The rules, after NFKC and lower-casing A–Z:

- ``a``–``z``, ``0``–``9`` runs are words, kept whole (``2026``, ``pdf``);
- every other letter-like character (Han, kana, Hangul, Cyrillic, accented Latin…) is *dense*: a
  run of dense characters is indexed as its overlapping bigrams and its single characters
  (``营商环境`` → 营商 商环 环境 营 商 环 境), and queried as its bigrams (a single character as
  itself);
- everything else separates: ASCII punctuation and spaces, 〔〕（）【】《》、，。 and the other CJK
  and general punctuation, symbols, private use and emoji.

So ``临政发〔2026〕19号`` and ``临政发[2026]19号`` make the same query: 临政 政发 2026 19 号.
A query finds the texts that hold every one of its tokens: a word of two characters exactly
where it occurs, a longer one wherever all its bigrams occur.
"""

from __future__ import annotations

import unicodedata
from html.parser import HTMLParser

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
# Only A–Z are lower-cased: JavaScript and Python agree on that exactly (other letters are dense).
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# Code points (inclusive ranges) at or above U+0080 that separate words rather than belong to one.
SEPARATORS = (
    (0x0080, 0x00BF),  # C1 controls, NBSP, Latin-1 punctuation and symbols
    (0x00D7, 0x00D7), (0x00F7, 0x00F7),  # × ÷
    (0x02B0, 0x02FF),  # spacing modifier letters
    (0x2000, 0x2BFF),  # general punctuation, symbols, arrows, maths, box drawing, shapes
    (0x2E00, 0x2E7F),  # supplemental punctuation
    (0x3000, 0x3006), (0x3008, 0x303F),  # CJK symbols and punctuation (〇 U+3007 is a character)
    (0x30FB, 0x30FB),  # katakana middle dot ・
    (0xD800, 0xF8FF),  # surrogates, private use
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFE10, 0xFE1F), (0xFE30, 0xFE6F),  # vertical and small forms
    (0xFF00, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40), (0xFF5B, 0xFF65),  # fullwidth punctuation
    (0xFFF0, 0xFFFF),  # specials
    (0x1F000, 0x1FAFF),  # emoji and pictographs
    (0xE0000, 0x10FFFF),  # tags, private use planes
)


def kind(char: str) -> str:
    """``w`` (ASCII word character), ``d`` (dense character) or ``s`` (separator)."""
    n = ord(char)
    if n < 0x80:
        return "w" if ("a" <= char <= "z" or "0" <= char <= "9") else "s"
    for low, high in SEPARATORS:
        if low <= n <= high:
            return "s"
    return "d"


def runs(text: str) -> list[tuple[str, str]]:
    """The text's word and dense runs, in order: ``[("d", "临政发"), ("w", "2026"), …]``."""
    text = unicodedata.normalize("NFKC", text or "").translate(_ASCII_LOWER)
    found: list[tuple[str, str]] = []
    current, current_kind = "", "s"
    for char in text:
        k = kind(char)
        if k != current_kind:
            if current_kind != "s":
                found.append((current_kind, current))
            current, current_kind = "", k
        if k != "s":
            current += char
    if current_kind != "s":
        found.append((current_kind, current))
    return found


# A long query is looked up by a cover of its bigrams (every other one, and the last), at most this
# many tokens in all: each costs the reader up to ~27 kB at 100k items (its shard, and a bitmap of its
# documents and one of its titles), and a pasted title is found by 8 (it ranks first by its exact token).
COVER_FROM = 5
MOST_QUERY_TOKENS = 8


def _query_run(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    bigrams = [run[i:i + 2] for i in range(len(run) - 1)]
    if len(bigrams) < COVER_FROM:
        return bigrams
    return bigrams[::2] + ([bigrams[-1]] if len(bigrams) % 2 == 0 else [])


def index_tokens(text: str) -> list[str]:
    """The tokens a text is indexed under, in order, repeats kept."""
    out: list[str] = []
    for k, run in runs(text):
        if k == "w":
            out.append(run)
        else:
            out += [run[i:i + 2] for i in range(len(run) - 1)]
            out += list(run)
    return out


def query_tokens(text: str) -> list[str]:
    """The tokens a typed query looks up (a document must hold every one), repeats dropped."""
    out: list[str] = []
    for k, run in runs(text):
        for token in ([run] if k == "w" else _query_run(run)):
            if token not in out:
                out.append(token)
    if len(out) > MOST_QUERY_TOKENS:  # an even spread, the first and the last kept
        step = (len(out) - 1) / (MOST_QUERY_TOKENS - 1)
        out = [out[round(k * step)] for k in range(MOST_QUERY_TOKENS)]
    return out


class _Text(HTMLParser):
    BLOCKS = {"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table",
              "ul", "ol", "blockquote", "pre", "section", "dt", "dd", "caption", "figcaption"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(html: str) -> str:
    """The text of (sanitised) HTML, blocks separated by spaces, whitespace collapsed."""
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    return " ".join("".join(parser.parts).split())


def excerpt(text: str, size: int = 120) -> str:
    """The first ``size`` characters of a plain text, with … when cut."""
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[:size].rstrip() + "…"
