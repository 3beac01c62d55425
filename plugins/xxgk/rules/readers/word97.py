"""Word 97-2003 and WPS text documents (OLE2): the text of the WordDocument stream."""

from __future__ import annotations

import io
import re
import struct

from .base import OLE_MAGIC, Pieces, Unscannable


_CONTROL = str.maketrans({"\x07": "\t", "\x0b": "\n", "\x0c": "\n", "\x13": None, "\x14": None, "\x15": None,
                          "\x01": None, "\x08": None, "\x02": None, "\x05": None})


def text(data: bytes) -> Pieces:
    import olefile

    if not data.startswith(OLE_MAGIC) or len(data) < 1536:
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
