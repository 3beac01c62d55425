"""The zip-based office formats: xlsx (openpyxl), docx, pptx and OFD (their XML parts)."""

from __future__ import annotations

import html
import io
import re
import zipfile

from .base import Pieces, Unscannable


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def xlsx(data: bytes) -> Pieces:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a damaged workbook
        raise Unscannable("已损坏，无法作为 xlsx 表格打开") from None
    pieces: Pieces = []
    try:
        for sheet in book.worksheets:
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                text = "\t".join(_cell(v) for v in row if v is not None)
                if text:
                    pieces.append((f"工作表“{sheet.title}”第 {number} 行", text, False))
    except Exception:  # noqa: BLE001
        raise Unscannable("已损坏，无法读完其中的工作表") from None
    finally:
        book.close()
    return pieces


_TAG = re.compile(r"<[^>]+>")


def _paragraphs(xml: str, end: str, tab: str) -> list[str]:
    """The text of every paragraph of an OOXML part (``end`` closes a paragraph)."""
    xml = re.sub(tab, "\t", xml)
    return [html.unescape(_TAG.sub("", chunk)) for chunk in xml.split(end)]


def _part_text(archive: zipfile.ZipFile, name: str) -> str:
    return archive.read(name).decode("utf-8", "replace")


_WORD_PARTS = [("document", ""), ("header", "页眉"), ("footer", "页脚"), ("footnotes", "脚注"),
               ("endnotes", "尾注"), ("comments", "批注")]


def docx(archive: zipfile.ZipFile) -> Pieces:
    names = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
    if "word/document.xml" not in names:
        raise Unscannable("已损坏，不是有效的 docx 文档（缺少 word/document.xml）")

    def place(name: str) -> tuple[int, str, str]:
        base = name.rsplit("/", 1)[-1][:-4]
        for order, (stem, label) in enumerate(_WORD_PARTS):
            if name == f"word/{base}.xml" and re.fullmatch(stem + r"\d*", base):
                return order, label, name
        return len(_WORD_PARTS), f"（{name}）", name

    pieces: Pieces = []
    for _, label, name in sorted(place(n) for n in names):
        xml = _part_text(archive, name)
        if "<w:t" not in xml and "<w:delText" not in xml:
            continue
        for number, text in enumerate(_paragraphs(xml, "</w:p>", r"<w:tab\s*/>|<w:br\s*/>"), start=1):
            if text.strip():
                pieces.append((f"{label}第 {number} 段", text, False))
    return pieces


def pptx(archive: zipfile.ZipFile) -> Pieces:
    def order(name: str):
        match = re.search(r"(\d+)\.xml$", name)
        return int(match.group(1)) if match else 0

    pieces: Pieces = []
    names = archive.namelist()
    if not any(n.startswith("ppt/") for n in names):
        raise Unscannable("已损坏，不是有效的 pptx 演示文稿")
    kinds = [(r"ppt/slides/slide\d+\.xml", "第 {} 张幻灯片"), (r"ppt/notesSlides/notesSlide\d+\.xml", "第 {} 张幻灯片的备注"),
             (r"ppt/comments/[^/]+\.xml", "批注 {}")]
    for pattern, label in kinds:
        for name in sorted((n for n in names if re.fullmatch(pattern, n)), key=order):
            text = "\n".join(_paragraphs(_part_text(archive, name), "</a:p>", r"<a:br\s*/>"))
            if text.strip():
                pieces.append((label.format(order(name)), text, False))
    return pieces


_TEXT_OBJECT = re.compile(r"<(?:\w+:)?TextObject\b[^>]*>(.*?)</(?:\w+:)?TextObject>", re.S)
_TEXT_CODE = re.compile(r"<(?:\w+:)?TextCode\b[^>]*>(.*?)</(?:\w+:)?TextCode>", re.S)


def ofd(archive: zipfile.ZipFile) -> Pieces:
    names = archive.namelist()
    contents = [n for n in names if n.rsplit("/", 1)[-1] == "Content.xml"]
    if not contents:
        raise Unscannable("已损坏，不是有效的 OFD 文件（没有页面内容 Content.xml）")
    pages: dict[str, int] = {}  # page content path → page number, in each document's order
    for document in (n for n in names if n.rsplit("/", 1)[-1] == "Document.xml"):
        folder = document.rsplit("/", 1)[0] + "/" if "/" in document else ""
        for number, location in enumerate(re.findall(r'BaseLoc="([^"]+)"', _part_text(archive, document)), start=1):
            pages.setdefault(location.lstrip("/") if location.startswith("/") else folder + location, number)
    pieces: Pieces = []
    images = False
    for name in sorted(contents, key=lambda n: (pages.get(n, 10**9), n)):
        xml = _part_text(archive, name)
        images = images or "ImageObject" in xml
        lines = ["".join(html.unescape(_TAG.sub("", code)) for code in _TEXT_CODE.findall(obj))
                 for obj in _TEXT_OBJECT.findall(xml)]
        text = "\n".join(lines)
        if text.strip():
            label = f"第 {pages[name]} 页" if name in pages else ("模板页" if "/Tpls/" in name else f"（{name}）")
            pieces.append((label, text, False))
    if not pieces and images:
        raise Unscannable("没有文字层（可能是扫描件），无法检查其中的文字")
    return pieces


# -- pdf ---------------------------------------------------------------------------------------
