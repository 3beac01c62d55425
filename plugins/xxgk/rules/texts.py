"""The text of an item, piece by piece, with where each piece sits — for the content scanners.

Title and body come from the model; text-bearing attachments (txt, md, csv, xlsx, docx, pdf) are
read once per check run and shared by every scanner.
"""

from __future__ import annotations

import html
import os
import re
import zipfile
from dataclasses import dataclass
from typing import Callable, Iterator

from ..core.model import Item

TEXT_SUFFIXES = {"txt", "md", "csv"}
SCANNED_SUFFIXES = TEXT_SUFFIXES | {"xlsx", "docx", "pdf"}
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Piece:
    text: str
    path: str  # file the text comes from, relative to the root
    where: Callable[[int], tuple[int | None, str]]  # offset → (line, place description)


def item_pieces(ctx, item: Item, *, attachments: bool = True) -> Iterator[Piece]:
    # Places are computed only for a finding: a clean item costs no extra file read.
    yield Piece(item.title, item.path, lambda _: (ctx.field_line(item, ("title",)), "名称"))
    if item.summary:  # printed on the item page too
        yield Piece(item.summary, item.path, lambda _: (ctx.field_line(item, ("summary",)), "内容概述"))
    yield Piece(item.body, item.path, lambda offset: (ctx.body_line(item, offset), "正文"))
    if attachments:
        for attachment in item.attachments:
            if attachment.suffix in SCANNED_SUFFIXES and attachment.size is not None:
                yield from _attachment_pieces(ctx, attachment.source, attachment.suffix)


def _attachment_pieces(ctx, source: str, suffix: str) -> Iterator[Piece]:
    cache = ctx.attachment_text
    if source not in cache:
        cache[source] = list(_read(os.path.join(ctx.repo.root, source), suffix))
    for label, text, by_line in cache[source]:
        if by_line:
            yield Piece(text, source, lambda offset, t=text: (t.count("\n", 0, offset) + 1, "附件"))
        else:
            yield Piece(text, source, lambda _, label=label: (None, f"附件{label}"))


def _read(path: str, suffix: str) -> Iterator[tuple[str, str, bool]]:
    """(place label, text, offsets map to lines); unreadable files yield nothing."""
    try:
        if os.path.getsize(path) > MAX_ATTACHMENT_BYTES:
            return
        if suffix in TEXT_SUFFIXES:
            raw = open(path, "rb").read()
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    yield "", raw.decode(encoding), True
                    return
                except UnicodeDecodeError:
                    continue
        elif suffix == "xlsx":
            yield from _xlsx(path)
        elif suffix == "docx":
            yield from _docx(path)
        elif suffix == "pdf":
            yield from _pdf(path)
    except Exception:  # noqa: BLE001 - a damaged attachment must not stop the gate
        return


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _xlsx(path: str):
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                text = "\t".join(_cell(v) for v in row if v is not None)
                if text:
                    yield f"工作表“{sheet.title}”第 {number} 行", text, False
    finally:
        book.close()


_PARAGRAPH = re.compile(r"<w:p[ >].*?</w:p>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _docx(path: str):
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8", "replace")
    for number, paragraph in enumerate(_PARAGRAPH.findall(xml), start=1):
        text = html.unescape(_TAG.sub("", paragraph))
        if text.strip():
            yield f"第 {number} 段", text, False


def _pdf(path: str):
    from pypdf import PdfReader

    for number, page in enumerate(PdfReader(path).pages, start=1):
        text = page.extract_text() or ""
        if text.strip():
            yield f"第 {number} 页", text, False
