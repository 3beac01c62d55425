"""Reading one attachment's text, in memory and bounded; never raises.

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

import io
import os
import re
import zipfile

from . import office, pdf, word97
from .base import OLE_MAGIC, Pieces, Reasons, Scanned, Unscannable

__all__ = ["MAX_ATTACHMENT_BYTES", "READ_SUFFIXES", "Scanned", "Unscannable", "read_attachment"]

TEXT_SUFFIXES = {"txt", "md", "csv"}
READ_SUFFIXES = TEXT_SUFFIXES | {"xlsx", "docx", "pptx", "pdf", "ofd", "doc", "wps", "zip"}
NO_TEXT_SUFFIXES = {"jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp"}
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024  # default of policy.yml scan.max_attachment_mb
MAX_ZIP_ENTRIES = 1000
MAX_ZIP_DEPTH = 2  # a zip, and a zip inside it

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




def _read_bytes(data: bytes, suffix: str, budget: _Budget, where: str, depth: int = 1) -> tuple[Pieces, Reasons]:
    if suffix in TEXT_SUFFIXES:
        return [("", _decode(data), True)], []
    if suffix == "zip":
        return _zip(data, budget, where, depth)
    if suffix == "pdf":
        return pdf.text(data)
    if suffix == "doc" or suffix == "wps":
        return word97.text(data), []
    archive = _package(data, suffix, budget)
    with archive:
        if suffix == "xlsx":
            return office.xlsx(data), []
        if suffix == "ofd":
            return office.ofd(archive), []
        pieces = office.docx(archive) if suffix == "docx" else office.pptx(archive)
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

_TYPE_NAMES = {"xlsx": "xlsx 表格", "docx": "docx 文档", "pptx": "pptx 演示文稿", "ofd": "OFD 文件"}


def _package(data: bytes, suffix: str, budget: _Budget) -> zipfile.ZipFile:
    """An OOXML or OFD file: a zip whose declared size stays within the cap."""
    if data.startswith(OLE_MAGIC):
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
