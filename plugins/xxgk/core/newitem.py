"""``xxgk new``: a new item file with the next free 索引号 and every required field."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from datetime import date

from .model import Repository


# The body `xxgk new` writes: the placeholder-body rule blocks it until the editor writes the text.
PLACEHOLDER_BODY = "（正文）\n"


class NewItemError(Exception):
    pass


def highest_serials(repo: Repository) -> dict[str, dict[int, int]]:
    """unit → year → the highest serial used, public or not (a migrated item's historic 索引号 has
    no ``YYYY-NNNNN`` serial and takes none). The web editor gets this table to number new items."""
    table: dict[str, dict[int, int]] = {}
    for item in repo.items:
        match = SERIAL.fullmatch(item.serial or "")
        if match:
            years = table.setdefault(item.unit, {})
            year, number = int(match[1]), int(match[2])
            years[year] = max(years.get(year, 0), number)
    return table


SERIAL = re.compile(r"(\d{4})-(\d{5})")


def next_serial(repo: Repository, unit_id: str, year: int) -> int:
    """One past the highest serial the unit used in ``year``, public or not."""
    return highest_serials(repo).get(unit_id, {}).get(year, 0) + 1


SLUG_LENGTH = 40  # characters of pinyin after the serial: enough to tell files apart in a listing


def file_stem(serial: str, title: str) -> str:
    """A file name an editor can read in a folder listing: the serial, then the title in pinyin
    (关于做好元旦值班工作的通知 → 2026-00010-guan-yu-zuo-hao-yuan-dan-zhi-ban-gong-zuo). The URL comes
    from the 索引号, not from the name, so the name may be renamed freely."""
    from pypinyin import lazy_pinyin

    words: list[str] = []
    for chunk in lazy_pinyin(title):
        words += re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKC", chunk).lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > SLUG_LENGTH:
            break
        slug = f"{slug}-{word}" if slug else word
    return f"{serial}-{slug}" if slug else serial


def editable_columns(catalogue, unit) -> list:
    """The columns an editor writes items into: the unit's leaf columns (parents list their
    children) that are not generated pages (the guide)."""
    applicable = catalogue.columns_for(unit)
    parents = {c.parent for c in applicable}
    return [c for c in applicable if not c.generated and c.id not in parents]


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def write_new_item(repo: Repository, unit_id: str, column_id: str, title: str, day: date,
                   kind: str | None = None, topic: str = "综合政务") -> str:
    rel, text = new_item_text(repo, unit_id, column_id, title, day, kind=kind, topic=topic)
    path = os.path.join(repo.root, rel)
    if os.path.exists(path):
        raise NewItemError(f"{rel} 已存在。")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "x", encoding="utf-8") as fh:
        fh.write(text)
    return rel


def new_item_text(repo: Repository, unit_id: str, column_id: str, title: str, day: date, *,
                  kind: str | None = None, topic: str = "综合政务", body: str = PLACEHOLDER_BODY, summary: str = "",
                  name: str | None = None, index: str | None = None, review=None,
                  migrated: bool = False) -> tuple[str, str]:
    """(path relative to the root, file text) of a new item with every required field;
    ``index`` keeps an existing item's 索引号 when a generated item is written again."""
    unit = repo.units.get(unit_id)
    if unit is None:
        raise NewItemError(f"单位 {unit_id} 不存在。可用的单位：{', '.join(repo.units)}")
    columns = editable_columns(repo.catalogue, unit)
    column = next((c for c in columns if c.id == column_id), None)
    if column is None:
        listed = "、".join(f"{c.id}（{c.name}）" for c in columns)
        raise NewItemError(f"栏目 {column_id} 不存在或不适用于{unit.name}。可用的栏目：{listed}")
    kind = kind or column.default_kind or "其他"
    if kind not in repo.catalogue.document_kinds:
        raise NewItemError(f"文件类型 {kind} 不在词表中：{'、'.join(repo.catalogue.document_kinds)}")
    if topic not in repo.catalogue.topics:
        raise NewItemError(f"主题分类 {topic} 不在词表中：{'、'.join(repo.catalogue.topics)}")
    serial = f"{day.year}-{next_serial(repo, unit.id, day.year):05d}"
    index = index or f"{unit.credit_code}/{serial}"
    rel = f"{repo.content_dir}/{unit.id}/{column.id}/{day.year}/{name or file_stem(serial, title)}.md"
    text = f"""---
index: {index}   # 索引号：发布后不得更改
title: {_q(title)}
summary: {_q(summary)}                 # 内容概述（可选）
topic: {_q(topic)}          # 主题分类：catalogue/topics.yml
formed: {day.isoformat()}            # 生成日期
published: {day.isoformat()}         # 发布日期：晚于构建日期则到期才上网
mode: 主动公开              # 主动公开 | 依申请公开 | 不予公开
kind: {_q(kind)}            # 文件类型：catalogue/document-kinds.yml
review:                     # 保密审查（先审查、后公开）：请填写
  reviewer: {_q(review.reviewer if review else "")}              # 审查人
  date: {(review.date if review and review.date else day).isoformat()}            # 审查日期
  result: {_q(review.result if review else "")}                # 审查结论，如“不涉密，同意公开”
{"migrated: true              # 从旧平台迁移的历史信息" + chr(10) if migrated else ""}---
{body}"""
    return rel, text
