"""markup-in-text: HTML markup in a text field the site prints as plain text.

Titles, summaries, document numbers and the catalogue's names are escaped wherever they are
rendered, so markup in them is shown as literal ``<b>`` or ``&lt;`` on the page, in the feeds and
in the open data — and it is the shape of an attempt to inject HTML wherever one consumer forgets
to escape. What counts is what an HTML tokenizer reads as markup (``htmlreport.text_markup``): a
start or end tag, comment, doctype or processing instruction, or a character reference decoding
to ``< > " ' &``. A ``<`` that cannot start a tag (``收入<支出``) is text.
"""

from __future__ import annotations

import os
import re

from ...core import frontmatter, htmlreport
from ...core.problems import Problem
from ..registry import rule

CODE = "markup-in-text"


def _item_fields(item):
    """(front-matter path, label, text) of every text field of an item the site prints."""
    yield ("title",), "名称", item.title
    yield ("summary",), "内容概述", item.summary
    yield ("doc_number",), "发文字号", item.doc_number
    yield ("scope",), "公开范围", item.scope
    yield ("validity", "note"), "有效性说明", item.validity.note
    yield ("validity", "replaced_by"), "替代文件索引号", item.validity.replaced_by or ""
    yield ("interprets",), "解读对象（索引号）", item.interprets or ""
    if item.review is not None:
        yield ("review", "reviewer"), "保密审查人", item.review.reviewer
        yield ("review", "result"), "保密审查结论", item.review.result
        for number, step in enumerate(item.review.steps):
            yield ("review", "steps", number), "保密审查流程", step
    for number, attachment in enumerate(item.attachments):
        yield ("attachments", number, "title"), "附件名称", attachment.title


def message(label: str, found: list[tuple[int, str]]) -> str:
    snippet = found[0][1]
    more = f"等 {len(found)} 处" if len(found) > 1 else ""
    if snippet.startswith("&"):
        what = f"HTML 字符引用“{snippet}”{more}，网站按文字原样显示，不会还原为对应的符号"
        fix = "请直接写出所需的字符（“<”后不能紧跟英文字母、“/”“!”“?”，可改用全角“＜”“＞”）"
    else:
        what = f"HTML 标记“{snippet}”{more}，网站按文字原样显示，标记不会生效"
        fix = "请删除标记，只写纯文字；书名用《》，需要“<”“>”时改用全角“＜”“＞”或“小于”“大于”"
    return f"{label}含{what}。{fix}。"


@rule(CODE, "文本字段含 HTML 标记", "名称、内容概述、发文字号、公开范围、有效性说明、附件名称、保密审查记录、解读对象，"
      "或目录中的单位名称、简称、公开工作机构信息、栏目名称、主题分类、文件类型含 HTML 标记"
      "（<标签、</标签、<!--、<?）或解码为 < > \" ' & 的字符引用（&lt; 等）。")
def check(ctx):
    for item in ctx.repo.items:
        for field, label, text in _item_fields(item):
            found = htmlreport.text_markup(text) if text else []
            if found:
                yield ctx.at_item(CODE, item, message(label, found), field=field)
    yield from _catalogue(ctx)


# -- the catalogue ----------------------------------------------------------------------------------

OFFICE_LABELS = {
    "name": "公开工作机构名称", "address": "办公地址", "postcode": "邮政编码", "hours": "办公时间",
    "phone": "电话", "fax": "传真", "email": "电子邮箱", "website": "网站",
}


class _Files:
    """Catalogue files, read only for a finding's line."""

    def __init__(self, root: str):
        self.root, self.texts = root, {}

    def text(self, path: str) -> str:
        if path not in self.texts:
            try:
                with open(os.path.join(self.root, path), encoding="utf-8-sig") as fh:
                    self.texts[path] = fh.read()
            except (OSError, UnicodeDecodeError):
                self.texts[path] = ""
        return self.texts[path]

    def field_line(self, path: str, field: tuple) -> int | None:
        text = self.text(path)
        return frontmatter.field_line(text, field, first_line=1) if text else None

    def line_after(self, path: str, anchor: re.Pattern, key: str) -> int | None:
        """Line of ``key:`` in the list entry whose first line matches ``anchor``."""
        lines = self.text(path).split("\n")
        start = next((n for n, line in enumerate(lines) if anchor.match(line)), None)
        if start is None:
            return None
        for number in range(start, len(lines)):
            if number > start and lines[number].lstrip().startswith("- "):
                break
            if re.match(rf"\s*(?:-\s+)?{re.escape(key)}\s*:", lines[number]):
                return number + 1
        return start + 1

    def line_of(self, path: str, value: str) -> int | None:
        for number, line in enumerate(self.text(path).split("\n"), start=1):
            if value and value in line:
                return number
        return None


def _catalogue(ctx):
    catalogue = ctx.repo.catalogue
    files = _Files(ctx.repo.root)
    for unit in catalogue.units.values():
        fields = [(("name",), "单位名称", unit.name), (("short_name",), "单位简称", unit.short_name)]
        fields += [(("office", key), OFFICE_LABELS[key], getattr(unit.office, key)) for key in OFFICE_LABELS]
        # The guide prints a declared 无（理由） and every 查阅场所 as well.
        fields += [(("office", key), f"{OFFICE_LABELS[key]}（未设的理由）", why) for key, why in unit.office.without]
        fields += [(("office", "reading_places", n), f"查阅场所{label}", text)
                   for n, place in enumerate(unit.office.reading_places)
                   for label, text in (("名称", place.name), ("地址", place.address), ("开放时间", place.hours))]
        for field, label, text in fields:
            found = htmlreport.text_markup(text) if text else []
            if found:
                yield Problem(CODE, f"单位 {unit.id} 的" + message(label, found), unit.path,
                              files.field_line(unit.path, field), unit.id, None)
    columns = "catalogue/columns.yml"
    for column in catalogue.columns.values():
        found = htmlreport.text_markup(column.name)
        if found:
            anchor = re.compile(rf"\s*-\s+id\s*:\s*['\"]?{re.escape(column.id)}['\"]?\s*(?:#.*)?$")
            yield Problem(CODE, f"栏目 {column.id} 的" + message("栏目名称", found), columns,
                          files.line_after(columns, anchor, "name"), None, column.id)
    for path, label, terms in (("catalogue/topics.yml", "主题分类", catalogue.topics),
                               ("catalogue/document-kinds.yml", "文件类型", catalogue.document_kinds)):
        for term in terms:
            found = htmlreport.text_markup(term)
            if found:
                yield Problem(CODE, message(f"{label}“{term}”", found), path, files.line_of(path, term), None, None)
