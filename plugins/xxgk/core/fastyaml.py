"""A reader for the plain shapes front matter takes, about ten times faster than PyYAML's
constructor; anything outside them returns None and PyYAML reads the text instead.

Read here: ``key: scalar`` at the top; a block of ``key: scalar`` one level down; lists of
scalars or of one-level mappings (``- file: a.pdf`` / ``  title: …``); flow lists of plain
scalars (``[a, b]``); plain, 'single' and "double" quoted scalars without escapes; comments.
Plain scalars resolve as YAML 1.1 does for strings, null and booleans; numbers (and anything
else PyYAML would type) fall back. A key given twice falls back (PyYAML's path reports it with
both lines). So does any character where Python and YAML part ways: whitespace other than the
space (``str.strip`` removes U+3000, U+00A0, U+2000–U+200A …, YAML keeps them), line breaks
other than LF (YAML breaks lines at CR, NEL U+0085, U+2028 and U+2029; ``str.split("\n")`` does
not) and characters YAML cannot hold. A differential test holds the two readers equal.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .yamlsafe import PlainLoader

_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {**dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
         **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False)}
_RESOLVERS = PlainLoader.yaml_implicit_resolvers  # the very rules PyYAML types plain scalars by
_PLAIN_START_BAD = set("[]{}&*!|>%@`\"',#?:-")
# Every character str.isspace() accepts except space and LF (a test checks the list is whole),
# the other C0 and C1 controls (CR, NEL among them), and what YAML cannot represent.
_ODD = re.compile("[\t\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
                  "\x00-\x08\x0e-\x1b\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class _Fallback(Exception):
    pass


def _plain(text: str):
    text = text.strip()
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if any(regexp.match(text) for _, regexp in _RESOLVERS.get(text[0], ())):
        raise _Fallback  # a number, a merge key …: whatever PyYAML would type, PyYAML reads
    if text[0] in _PLAIN_START_BAD or ": " in text or text.endswith(":") or " #" in text or "\t" in text:
        raise _Fallback
    return text


@lru_cache(maxsize=1024)  # a corpus uses a few dozen keys
def _key(text: str) -> str:
    """Keys are typed like values (`on:` is the boolean True in YAML 1.1): only plain words pass."""
    if any(regexp.match(text) for _, regexp in _RESOLVERS.get(text[0], ())):
        raise _Fallback
    return text


def _scalar(raw: str):
    """A scalar with an optional trailing comment."""
    raw = raw.strip()
    if not raw:
        return None
    first = raw[0]
    if first in "\"'":
        end = raw.find(first, 1)
        if end < 0 or "\\" in raw[:end] or (first == "'" and raw[end + 1:end + 2] == "'"):
            raise _Fallback
        rest = raw[end + 1:].strip()
        if rest and not rest.startswith("#"):
            raise _Fallback
        return raw[1:end]
    if first == "[":
        return _flow_list(raw)
    cut = raw.find(" #")
    return _plain(raw if cut < 0 else raw[:cut])


def _flow_list(raw: str) -> list:
    end = raw.find("]")
    rest = raw[end + 1:].strip()
    if end < 0 or (rest and not rest.startswith("#")):
        raise _Fallback
    inner = raw[1:end]
    if any(ch in inner for ch in "[]{}\"'#"):
        raise _Fallback
    if not inner.strip():
        return []
    return [_plain(part) for part in inner.split(",")]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def parse(text: str, printable: bool = False):
    """The mapping the front matter holds, or None when PyYAML must read it. ``printable``: the
    caller has found ``text.replace("\\n", " ").isprintable()`` (no tab, CR, control character or
    space but the ASCII one), so the check for odd characters is done."""
    if "&" in text or "*" in text or "\\" in text or (not printable and _ODD.search(text)):
        return None  # anchors/aliases, escapes, tabs and odd whitespace: the careful path
    lines = [line.rstrip() for line in text.split("\n")]
    lines = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    try:
        return _mapping_block(lines)
    except _Fallback:
        return None


def _mapping_block(lines: list[str]) -> dict:
    result: dict = {}
    n = 0
    while n < len(lines):
        line = lines[n]
        if _indent(line) != 0:
            raise _Fallback
        match = _KEY.match(line)
        if match is None:
            raise _Fallback
        key, value = _key(match.group(1)), match.group(2)
        if key in result:
            raise _Fallback  # a duplicate: PyYAML's path names both lines
        n += 1
        if value is not None and value.strip() and not value.strip().startswith("#"):
            result[key] = _scalar(value)
            continue
        block = []
        while n < len(lines) and (_indent(lines[n]) > 0 or lines[n].startswith("- ")):
            block.append(lines[n])
            n += 1
        result[key] = _child(block)
    return result


def _child(block: list[str]):
    if not block:
        return None
    base = _indent(block[0])
    if block[0].lstrip().startswith("- "):
        return _list(block, base)
    mapping = {}
    for line in block:
        if _indent(line) != base:
            raise _Fallback
        match = _KEY.match(line[base:])
        if match is None:
            raise _Fallback
        value, key = match.group(2), _key(match.group(1))
        if value is None or not value.strip() or key in mapping:
            raise _Fallback  # a third level or a duplicate: PyYAML
        mapping[key] = _scalar(value)
    return mapping


def _list(block: list[str], base: int) -> list:
    items: list = []
    current: dict | None = None
    for line in block:
        indent = _indent(line)
        body = line[indent:]
        if indent == base and body.startswith("- "):
            entry = body[2:].strip()
            match = _KEY.match(entry)
            if match and match.group(2) is not None and match.group(2).strip():
                current = {_key(match.group(1)): _scalar(match.group(2))}
                items.append(current)
            elif match:
                raise _Fallback
            else:
                current = None
                items.append(_scalar(entry))
        elif current is not None and indent == base + 2:
            match = _KEY.match(body)
            if match is None or match.group(2) is None or not match.group(2).strip() or _key(match.group(1)) in current:
                raise _Fallback
            current[_key(match.group(1))] = _scalar(match.group(2))
        else:
            raise _Fallback
    return items
