"""What a reader returns, and how it says a file cannot be read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scanned:
    """One attachment as read: its text pieces and why any part of it could not be read."""

    pieces: tuple[tuple[str, str, bool], ...]  # (place label, text, offsets map to lines)
    unscanned: tuple[str, ...] = ()  # complete Chinese clauses: “文件已加密，……”


class Unscannable(Exception):
    """The file (or archive entry) cannot be read; ``reason`` follows its subject: “已损坏……”."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office files, and encrypted OOXML
Pieces = list[tuple[str, str, bool]]  # (place label, text, offsets map to lines)
Reasons = list[tuple[str, str]]  # (subject, predicate); subject "" is the file being read
