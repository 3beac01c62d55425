"""The text of an item, piece by piece, with where each piece sits — for the content scanners.

Every field the site publishes (名称, 内容概述, 发文字号, 公开范围, 有效性说明, 附件名称, 保密审查
记录) and the body come from the model. Attachments are read once per check run into
``ctx.attachment_text`` (path → ``Scanned``), shared by every scanner; what could not be read is
recorded there too, as reasons, and ``attachment-unscanned`` reports them without reading again.

What is read, by type (anything else is unscannable, with its reason):

* txt, csv, md — BOM, UTF-16 (by BOM or by the pattern of NUL bytes), UTF-8, GB18030;
* xlsx — every worksheet (openpyxl, shared strings resolved); docx — every ``word/*.xml`` part
  (document, headers, footers, footnotes, endnotes, comments …); pptx — slides, notes, comments;
  xlsx, docx and pptx embedded in a docx or pptx too (legacy embedded objects, ``*.bin``, are not
  read: in practice equations and drawings);
* pdf — the text layer of every page (pypdf); a PDF that opens only with a password, or whose
  pages hold images and no text (a scan), is unscannable; one protected only against editing
  (empty user password) is read;
* ofd — the TextCode of every page's Content.xml (an OFD is a zip of XML);
* doc, wps — Word 97-2003 binary (OLE2, ``olefile``): the text through the piece table of the
  WordDocument stream, which covers body, headers, footnotes and comments. If the piece table
  cannot be parsed, a best-effort pass takes the UTF-16LE and cp1252 text runs of the stream;
* zip — entries read in memory (never extracted), each by its own suffix; a zip inside a zip is
  inspected, one deeper is not. Bounded: at most ``MAX_ZIP_ENTRIES`` entries, the declared
  uncompressed total within the size cap, no absolute or ``..`` paths, no encrypted entries;
* jpg, jpeg, png, gif (bmp, tif, webp inside archives) — no text layer: nothing to scan.

Unscannable on purpose: xls and et (legacy spreadsheets: their numbers are binary records, a
partial read would pass lists it never saw), ppt and dps, rar, 7z and other archives, files over
``scan.max_attachment_mb`` (policy.yml), damaged or encrypted files.
"""

from __future__ import annotations

import html
import io
import logging
import os
import re
import struct
import zipfile
from dataclasses import dataclass
from typing import Callable, Iterator, NamedTuple

from ..core.model import Attachment, Item

TEXT_SUFFIXES = {"txt", "md", "csv"}
READ_SUFFIXES = TEXT_SUFFIXES | {"xlsx", "docx", "pptx", "pdf", "ofd", "doc", "wps", "zip"}
NO_TEXT_SUFFIXES = {"jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp"}
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024  # default of policy.yml scan.max_attachment_mb
MAX_ZIP_ENTRIES = 1000
MAX_ZIP_DEPTH = 2  # a zip, and a zip inside it
DEFAULT_SCOPE = "面向社会"

_NOT_READ = {
    "xls": "是旧版 Excel 表格（.xls），其中的数字以二进制记录保存，本系统不读取",
    "et": "是 WPS 表格（.et）格式，本系统不读取",
    "ppt": "是旧版 PowerPoint 演示文稿（.ppt），本系统不读取",
    "dps": "是 WPS 演示（.dps）格式，本系统不读取",
    "pps": "是旧版 PowerPoint 放映文件（.pps），本系统不读取",
    "rar": "是 rar 压缩包，本系统只能检查 zip 压缩包中的文件",
    "7z": "是 7z 压缩包，本系统只能检查 zip 压缩包中的文件",
}
_ARCHIVES = {"tar", "gz", "tgz", "bz2", "xz", "cab", "arj", "iso"}


class Piece(NamedTuple):
    text: str
    path: str  # file the text comes from, relative to the root
    where: Callable[[int], tuple[int | None, str]]  # offset → (line, place description)


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


# -- the pieces of an item ---------------------------------------------------------------------


def item_pieces(ctx, item: Item, *, attachments: bool = True) -> Iterator[Piece]:
    """Every published text of the item: its fields, its body, then its attachments' text.

    The short fields (名称, 内容概述, 发文字号, 公开范围, 有效性说明, 附件名称和文件名, 保密审查人和
    结论) come as one piece, one field a line, so a clean item costs two pieces; ``where`` names
    the field an offset falls in. Places are computed only for a finding: a clean item costs no
    extra file read.
    """
    texts, tags = _fields(item)
    yield Piece("\n".join(texts), item.path, lambda offset: _field_place(ctx, item, texts, tags, offset))
    yield Piece(item.body, item.path, lambda offset: (ctx.body_line(item, offset), "正文"))
    if attachments:
        for attachment in item.attachments:
            if attachment.size is not None:
                yield from attachment_pieces(ctx, attachment)


_TITLE, _SUMMARY, _DOC_NUMBER = (("title",), "名称"), (("summary",), "内容概述"), (("doc_number",), "发文字号")
_SCOPE, _NOTE = (("scope",), "公开范围"), (("validity", "note"), "有效性说明")
_REVIEWER, _RESULT = (("review", "reviewer"), "保密审查人"), (("review", "result"), "保密审查结论")


def _fields(item: Item) -> tuple[list[str], list]:
    """The published short texts of an item and, for each, its front-matter key and place (an
    attachment is tagged (number, is_title) and named only when a finding needs it)."""
    texts, tags = [item.title], [_TITLE]
    if item.summary:  # printed on the item page and in every catalogue view
        texts.append(item.summary)
        tags.append(_SUMMARY)
    if item.doc_number:  # catalogue, open data, feeds
        texts.append(item.doc_number)
        tags.append(_DOC_NUMBER)
    if item.scope and item.scope != DEFAULT_SCOPE:
        texts.append(item.scope)
        tags.append(_SCOPE)
    if item.validity.note:
        texts.append(item.validity.note)
        tags.append(_NOTE)
    for number, attachment in enumerate(item.attachments):
        if attachment.title != attachment.file:
            texts.append(attachment.title)
            tags.append((number, True))
        texts.append(attachment.file)
        tags.append((number, False))
    review = item.review
    if review is not None:
        if review.reviewer:
            texts.append(review.reviewer)
            tags.append(_REVIEWER)
        if review.result:
            texts.append(review.result)
            tags.append(_RESULT)
    return texts, tags


def _field_place(ctx, item: Item, texts: list[str], tags: list, offset: int) -> tuple[int | None, str]:
    end = -1
    for text, tag in zip(texts, tags):
        end += len(text) + 1
        if offset <= end:
            break
    key, place = tag
    if isinstance(key, int):
        name = item.attachments[key].file
        key, place = (("attachments", key, "title"), f"附件名称（{name}）") if place else (("attachments", key), "附件文件名")
    return ctx.field_line(item, key), place


def attachment_pieces(ctx, attachment: Attachment) -> Iterator[Piece]:
    source = attachment.source
    for label, text, by_line in scan_attachment(ctx, attachment).pieces:
        if by_line and not label:
            yield Piece(text, source, lambda offset, t=text: (t.count("\n", 0, offset) + 1, "附件"))
        elif by_line:
            yield Piece(text, source, lambda offset, t=text, label=label: (
                None, f"附件{label}第 {t.count(chr(10), 0, offset) + 1} 行"))
        else:
            yield Piece(text, source, lambda _, label=label: (None, f"附件{label}"))


def scan_attachment(ctx, attachment: Attachment) -> Scanned:
    """The attachment as read, once per check run (``ctx.attachment_text`` is the cache)."""
    cache = ctx.attachment_text
    found = cache.get(attachment.source)
    if found is None:
        found = read_attachment(os.path.join(ctx.repo.root, attachment.source), attachment.suffix,
                                max_attachment_bytes(ctx.policy))
        cache[attachment.source] = found
    return found


def max_attachment_bytes(policy) -> int:
    """policy.yml ``scan.max_attachment_mb`` in bytes (default 50 MB)."""
    try:
        megabytes = float(((policy or {}).get("scan") or {}).get("max_attachment_mb", MAX_ATTACHMENT_BYTES / 2**20))
    except (TypeError, ValueError, AttributeError):
        return MAX_ATTACHMENT_BYTES
    return int(megabytes * 1024 * 1024) if megabytes > 0 else MAX_ATTACHMENT_BYTES


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.3g} MB"


# -- reading one file --------------------------------------------------------------------------


def read_attachment(path: str, suffix: str, cap: int) -> Scanned:
    """Read one attachment file; never raises (a damaged attachment must not stop the gate)."""
    if suffix in NO_TEXT_SUFFIXES:
        return Scanned(())
    try:
        if suffix not in READ_SUFFIXES:
            raise Unscannable(_not_read(suffix))
        size = os.path.getsize(path)
        if size > cap:
            raise Unscannable(f"有 {_megabytes(size)}，超过检查上限 {_megabytes(cap)}（policy.yml 的 scan.max_attachment_mb）")
        with open(path, "rb") as handle:
            data = handle.read(cap + 1)
        pieces, reasons = _read_bytes(data, suffix, _Budget(cap), "")
        return Scanned(tuple(pieces), tuple(_clause(subject, predicate) for subject, predicate in reasons))
    except Unscannable as problem:
        return Scanned((), (_clause("", problem.reason),))
    except OSError:
        return Scanned((), (_clause("", "无法读取"),))


def _clause(subject: str, predicate: str) -> str:
    return f"{subject} {predicate}" if subject else f"文件{predicate}"


def _not_read(suffix: str) -> str:
    if suffix in _NOT_READ:
        return _NOT_READ[suffix]
    if suffix in _ARCHIVES:
        return f"是 {suffix} 压缩文件，本系统只能检查 zip 压缩包中的文件"
    return f"的格式“{suffix or '无扩展名'}”无法读取其中的文字"


class _OverBudget(Unscannable):
    """Archives unpack to more than the cap: the whole attachment is unscannable."""


class _Budget:
    """Bytes still allowed to be unpacked from archives, shared by every level of nesting."""

    def __init__(self, cap: int):
        self.cap, self.left = cap, cap

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise _OverBudget(f"解压后超过检查上限 {_megabytes(self.cap)}（policy.yml 的 scan.max_attachment_mb），可能是压缩炸弹")


Pieces = list[tuple[str, str, bool]]
Reasons = list[tuple[str, str]]  # (subject, predicate); subject "" is the file being read


def _read_bytes(data: bytes, suffix: str, budget: _Budget, where: str, depth: int = 1) -> tuple[Pieces, Reasons]:
    if suffix in TEXT_SUFFIXES:
        return [("", _decode(data), True)], []
    if suffix == "zip":
        return _zip(data, budget, where, depth)
    if suffix == "pdf":
        return _pdf(data)
    if suffix == "doc" or suffix == "wps":
        return _word97(data), []
    archive = _package(data, suffix, budget)
    with archive:
        if suffix == "xlsx":
            return _xlsx(data), []
        if suffix == "ofd":
            return _ofd(archive), []
        pieces = _docx(archive) if suffix == "docx" else _pptx(archive)
        found, reasons = _embedded(archive, budget, depth)
        return pieces + found, reasons


def _embedded(archive: zipfile.ZipFile, budget: _Budget, depth: int) -> tuple[Pieces, Reasons]:
    """Spreadsheets and documents embedded in a docx or pptx (word/embeddings/…): their text is
    published with the file. Embedded legacy objects (oleObject*.bin: equations, drawings) are
    not read and not reported."""
    pieces: Pieces = []
    reasons: Reasons = []
    for name in archive.namelist():
        base = name.rsplit("/", 1)[-1]
        suffix = base.rsplit(".", 1)[-1].lower() if "." in base else ""
        if "/embeddings/" not in name or suffix not in {"xlsx", "docx", "pptx"}:
            continue
        subject = f"嵌入的 {base}"
        if depth >= MAX_ZIP_DEPTH:
            reasons.append((subject, "嵌套过深"))
            continue
        try:
            found, inner = _read_bytes(archive.read(name), suffix, budget, "", depth + 1)
        except _OverBudget:
            raise
        except Unscannable as problem:
            reasons.append((subject, problem.reason))
            continue
        except Exception:  # noqa: BLE001
            reasons.append((subject, "已损坏，无法打开"))
            continue
        pieces += [(f"嵌入的 {base} {label}", text, by_line) for label, text, by_line in found]
        reasons += [(s or subject, p) for s, p in inner]
    return pieces, reasons


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return raw.decode("utf-32", "replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", "replace")
    sample = raw[:4096]
    if b"\0" in sample:  # UTF-16 without a BOM: digits and Latin letters have a NUL high byte
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 2 * even:
            return raw.decode("utf-16-le", "replace")
        if even > 2 * odd:
            return raw.decode("utf-16-be", "replace")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Unscannable("的文字编码无法识别（不是 UTF-8、UTF-16 或 GB18030）")


# -- zip and the zip-based formats -------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TYPE_NAMES = {"xlsx": "xlsx 表格", "docx": "docx 文档", "pptx": "pptx 演示文稿", "ofd": "OFD 文件"}


def _package(data: bytes, suffix: str, budget: _Budget) -> zipfile.ZipFile:
    """An OOXML or OFD file: a zip whose declared size stays within the cap."""
    if data.startswith(_OLE_MAGIC):
        raise Unscannable("已加密（受密码保护的 Office 文件），或是改了扩展名的旧版 Office 文件")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        budget.take(sum(info.file_size for info in archive.infolist()))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise Unscannable(f"已损坏，无法作为 {_TYPE_NAMES[suffix]}打开") from None
    return archive


def _entry_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:  # no UTF-8 flag: Chinese tools write GBK names
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            return name
        for encoding in ("utf-8", "gb18030"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
    return name


def _unsafe(name: str) -> bool:
    return name.startswith(("/", "\\")) or bool(re.match(r"[A-Za-z]:", name)) or ".." in re.split(r"[/\\]", name)


def _zip(data: bytes, budget: _Budget, where: str, depth: int) -> tuple[Pieces, Reasons]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise Unscannable("已损坏，不是有效的 zip 压缩包") from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise Unscannable(f"含有 {len(infos):,} 个条目，超过可检查的 {MAX_ZIP_ENTRIES:,} 个")
    names = [_entry_name(info) for info in infos]
    for name in names:
        if _unsafe(name):
            raise Unscannable(f"含有不安全的路径“{name}”（绝对路径或 ..），不能检查也不应公开")
    files = [(info, name) for info, name in zip(infos, names) if not info.is_dir()]
    budget.take(sum(info.file_size for info, _ in files))
    pieces: Pieces = []
    reasons: Reasons = []
    with archive:
        for info, name in files:
            subject = f"压缩包内的 {where}{name}"
            suffix = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
            if suffix in NO_TEXT_SUFFIXES:
                continue
            if info.flag_bits & 0x1:
                reasons.append((subject, "已加密"))
                continue
            if suffix not in READ_SUFFIXES:
                reasons.append((subject, _not_read(suffix)))
                continue
            if suffix == "zip" and depth >= MAX_ZIP_DEPTH:
                reasons.append((subject, f"是嵌套超过 {MAX_ZIP_DEPTH} 层的压缩包"))
                continue
            try:
                entry = archive.read(info)  # at most the declared size, which the budget holds
                found, inner = _read_bytes(entry, suffix, budget, f"{where}{name} 中的 ", depth + 1)
            except _OverBudget:
                raise
            except Unscannable as problem:
                reasons.append((subject, problem.reason))
                continue
            except Exception:  # noqa: BLE001 - a damaged entry: zlib, CRC, or a reader's error
                reasons.append((subject, "已损坏，无法解压或打开"))
                continue
            if suffix == "zip":
                pieces += found
                reasons += inner
            else:
                pieces += [(f"压缩包内 {where}{name} {label}", text, by_line) for label, text, by_line in found]
                reasons += [(subject if not s else s, p) for s, p in inner]
    return pieces, reasons


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _xlsx(data: bytes) -> Pieces:
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


def _docx(archive: zipfile.ZipFile) -> Pieces:
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


def _pptx(archive: zipfile.ZipFile) -> Pieces:
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


def _ofd(archive: zipfile.ZipFile) -> Pieces:
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


def _pdf(data: bytes) -> tuple[Pieces, Reasons]:
    from pypdf import PdfReader

    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # a damaged PDF makes pypdf log warnings; the finding says it
    try:
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except Exception:  # noqa: BLE001 - e.g. AES without a crypto library
                    opened = 0
                if not opened:
                    raise Unscannable("已加密，需要密码才能打开")
            pages = list(reader.pages)
        except Unscannable:
            raise
        except Exception:  # noqa: BLE001 - pypdf raises many kinds on a damaged file
            raise Unscannable("已损坏，无法作为 PDF 打开") from None
        pieces: Pieces = []
        scanned_pages = []
        for number, page in enumerate(pages, start=1):
            try:
                text = page.extract_text() or ""
            except Exception:  # noqa: BLE001
                raise Unscannable(f"已损坏，第 {number} 页无法读取") from None
            if text.strip():
                pieces.append((f"第 {number} 页", text, False))
            elif _has_image(page):
                scanned_pages.append(number)
    finally:
        quiet.setLevel(level)
    if scanned_pages and not pieces:
        raise Unscannable("没有文字层（可能是扫描件），无法检查其中的文字")
    if scanned_pages:
        listed = "、".join(str(n) for n in scanned_pages[:10]) + ("等" if len(scanned_pages) > 10 else "")
        return pieces, [("", f"第 {listed} 页只有图像、没有文字层（可能是扫描件）")]
    return pieces, []


def _has_image(page) -> bool:
    """Whether a page without text draws an image or a form (a scan usually is one of them)."""
    try:
        resources = page.get("/Resources")
        objects = None if resources is None else resources.get_object().get("/XObject")
        if objects is None:
            return False
        return any(x.get_object().get("/Subtype") in ("/Image", "/Form") for x in objects.get_object().values())
    except Exception:  # noqa: BLE001 - unreadable resources: treat as an image we cannot see into
        return True


# -- Word 97-2003 (.doc) and WPS (.wps) --------------------------------------------------------

_CONTROL = str.maketrans({"\x07": "\t", "\x0b": "\n", "\x0c": "\n", "\x13": None, "\x14": None, "\x15": None,
                          "\x01": None, "\x08": None, "\x02": None, "\x05": None})


def _word97(data: bytes) -> Pieces:
    import olefile

    if not data.startswith(_OLE_MAGIC) or len(data) < 1536:
        raise Unscannable("不是 Word 97-2003（OLE2）格式的文件（可能是改了扩展名的其他格式），本系统无法读取")
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # noqa: BLE001
        raise Unscannable("已损坏，无法作为 Word 97-2003（OLE2）文件打开") from None
    with ole:
        if not ole.exists("WordDocument"):
            raise Unscannable("不是可识别的 Word/WPS 文字文档（OLE2 文件中没有 WordDocument 数据流）")
        word = ole.openstream("WordDocument").read()
        if len(word) < 0x1AA or struct.unpack_from("<H", word, 0)[0] != 0xA5EC:
            raise Unscannable("已损坏，不是有效的 Word 97-2003 文档")
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & 0x0100:  # fEncrypted
            raise Unscannable("已加密，需要密码才能打开")
        table = "1Table" if flags & 0x0200 else "0Table"
        text = None
        if ole.exists(table):
            try:
                text = _piece_table_text(word, ole.openstream(table).read())
            except (struct.error, ValueError, IndexError):
                text = None
    if text is None:
        return [("（尽力提取的文字）", run, False) for run in _text_runs(word)]
    main = struct.unpack_from("<i", word, 76)[0]  # ccpText: the body; headers, notes, comments follow
    pieces: Pieces = []
    at = 0
    for number, paragraph in enumerate(text.split("\r"), start=1):
        label = f"第 {number} 段" if at < main else f"页眉、脚注或批注中的第 {number} 段"
        at += len(paragraph) + 1
        paragraph = paragraph.translate(_CONTROL)
        if paragraph.strip():
            pieces.append((label, paragraph, False))
    return pieces


def _piece_table_text(word: bytes, table: bytes) -> str:
    """The document's characters in order, through the piece table (the Clx in the table stream)."""
    fc, size = struct.unpack_from("<II", word, 0x1A2)  # fcClx, lcbClx
    clx = table[fc:fc + size]
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers, skipped
        at += 3 + struct.unpack_from("<h", clx, at + 1)[0]
    if at >= len(clx) or clx[at] != 0x02:
        raise ValueError("no piece table")
    length = struct.unpack_from("<I", clx, at + 1)[0]
    plc = clx[at + 5:at + 5 + length]
    count = (len(plc) - 4) // 12
    if count <= 0:
        raise ValueError("empty piece table")
    cps = struct.unpack_from(f"<{count + 1}i", plc, 0)
    parts = []
    for n in range(count):
        raw_fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * n + 2)[0]
        chars = cps[n + 1] - cps[n]
        if chars < 0 or chars > len(word):
            raise ValueError("bad piece")
        if raw_fc & 0x40000000:  # compressed: one cp1252 byte per character
            start = (raw_fc & 0x3FFFFFFF) // 2
            parts.append(word[start:start + chars].decode("cp1252", "replace"))
        else:
            parts.append(word[raw_fc:raw_fc + 2 * chars].decode("utf-16-le", "replace"))
    return "".join(parts)


_UTF16_RUN = re.compile(rb"(?:[\t\n\r\x20-\x7e]\x00|[\x00-\xff][\x30-\x9f\xff]){4,}")
_ASCII_RUN = re.compile(rb"[\t\x20-\x7e]{8,}")


def _text_runs(word: bytes) -> list[str]:
    """Best effort when the piece table is unreadable: UTF-16LE and cp1252 runs of the stream."""
    runs = [m.group(0).decode("utf-16-le", "replace") for m in _UTF16_RUN.finditer(word)]
    runs += [m.group(0).decode("cp1252", "replace") for m in _ASCII_RUN.finditer(word)]
    return [run for run in runs if run.strip()]
