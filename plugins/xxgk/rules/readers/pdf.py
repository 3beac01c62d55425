"""PDF: the text layer of every page (pypdf)."""

from __future__ import annotations

import io
import logging

from .base import Pieces, Reasons, Unscannable


def text(data: bytes) -> tuple[Pieces, Reasons]:
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
