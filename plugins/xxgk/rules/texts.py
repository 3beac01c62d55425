"""The text of an item, piece by piece, with where each piece sits — for the content scanners.

Every field the site publishes (名称, 内容概述, 发文字号, 公开范围, 有效性说明, 附件名称, 保密审查
记录) and the body come from the model. Attachments are read by ``readers`` once per check run
into ``ctx.attachment_text`` (path → ``Scanned``), shared by every scanner; what could not be read
is recorded there too, as reasons, and ``attachment-unscanned`` reports them without reading again.
"""

from __future__ import annotations

import os
from typing import Callable, Iterator, NamedTuple

from ..core.model import Attachment, Item
from .readers import MAX_ATTACHMENT_BYTES, Scanned, read_attachment

DEFAULT_SCOPE = "面向社会"


class Piece(NamedTuple):
    text: str
    path: str  # file the text comes from, relative to the root
    where: Callable[[int], tuple[int | None, str]]  # offset → (line, place description)


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
