"""Split a Markdown file into front matter and body, and find a field's line for messages."""

from __future__ import annotations

import re

from .yamlsafe import MAC_LINE_ENDINGS

_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


class SplitError(Exception):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message, self.line = message, line


def split(text: str) -> tuple[str, str, int]:
    """Return (front matter, body, 1-based line of the body's first line).

    The front matter is the YAML between a first line ``---`` and the next ``---`` (or ``...``)
    line; its first line is line 2 of the file.
    """
    first_end = text.find("\n")
    if first_end < 0 and "\r" in text:
        raise SplitError(MAC_LINE_ENDINGS, 1)  # CR-only: the whole file would be one line
    first = text if first_end < 0 else text[:first_end]
    if first.rstrip() != "---":
        raise SplitError("文件第一行应为 ---，其后是元数据（索引号、名称等），再以 --- 结束。", 1)
    close = _FENCE.search(text, first_end + 1)
    if close is None:
        raise SplitError("元数据没有结束：请在元数据之后加一行 ---。", 1)
    front = text[first_end + 1 : close.start()]
    body_start = text.find("\n", close.end())
    body = "" if body_start < 0 else text[body_start + 1 :]
    body_line = front.count("\n") + 3
    return front, body, body_line


def read_front(path: str) -> str:
    """The front matter of a file on disk, "" when it cannot be read: for placing a problem
    found after loading (the loader keeps no text, so only the error path reads again)."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return split(fh.read().replace("\r\n", "\n"))[0]
    except (OSError, UnicodeDecodeError, SplitError):
        return ""


def field_line(front: str, path: tuple, first_line: int = 2) -> int | None:
    """1-based file line of a (possibly nested) key in a YAML text, or of its nearest parent.

    ``first_line``: the file line of the text's first line (2 for front matter, 1 for a YAML
    file). ``path`` holds keys and list positions, as in a JSON Schema error path.
    """
    lines = front.split("\n")
    start, end, indent, found = 0, len(lines), -1, None
    for part in path:
        if isinstance(part, int):
            entry = _list_entry(lines, start, end, part)
            if entry is None:
                break
            # Keys of a "- key: value" entry sit at the dash's indent + 2.
            found, start = entry, entry
            indent = len(lines[entry]) - len(lines[entry].lstrip())
            end = _block_end(lines, entry, indent)
            continue
        pattern = re.compile(r"^(\s*)(?:-\s+)?" + re.escape(part) + r"\s*:")
        for number in range(start, end):
            match = pattern.match(lines[number])
            if match and len(match.group(1)) > indent - (1 if number == start else 0):
                found, indent, start = number, len(match.group(1)), number + 1
                end = _block_end(lines, number, indent)
                break
        else:
            break
    return None if found is None else found + first_line


def _list_entry(lines: list[str], start: int, end: int, position: int) -> int | None:
    """Line of the ``position``-th ``- `` entry of the block lines[start:end]."""
    seen = -1
    entry_indent = None
    for number in range(start, end):
        stripped = lines[number].lstrip()
        if stripped.startswith("- ") or stripped == "-":
            this_indent = len(lines[number]) - len(stripped)
            entry_indent = this_indent if entry_indent is None else entry_indent
            if this_indent == entry_indent:
                seen += 1
                if seen == position:
                    return number
    return None


def _block_end(lines: list[str], at: int, indent: int) -> int:
    for number in range(at + 1, len(lines)):
        stripped = lines[number].lstrip()
        if stripped and not stripped.startswith("#") and len(lines[number]) - len(stripped) <= indent:
            if not stripped.startswith("- ") or len(lines[number]) - len(stripped) < indent:
                return number
    return len(lines)
