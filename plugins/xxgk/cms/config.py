"""Decap CMS configuration from ``schema/item.schema.json`` and ``catalogue/``.

One folder collection per unit and column an editor writes into (``content/<unit>/<column>/``,
year folders, the file named by serial and title), every front-matter field of the schema as a
widget with its Chinese label (the schema's ``title``) and help (``description``), the catalogue's
vocabularies as selects, dates as date pickers, the schema's enums as selects, and the body as
正文. Pull requests through Decap's editorial workflow; the backend is configuration.

Decap rather than Sveltia CMS (evaluated in issue 14's note): Sveltia's bundle is smaller
(0.64 MB against 1.51 MB gzipped) and has a zh-CN locale as Decap has zh_Hans, but it ignores
``local_backend`` (its local mode is the browser's directory picker), which leaves no loopback
proxy over a repository for an editor's own machine or for a browser test.
"""

from __future__ import annotations

import re

from ..core.items import INDEX_PATTERN
from ..core.model import Catalogue
from ..core.newitem import editable_columns
from ..core.schema import item_schema
from ..rules.checks.doc_number_format import VALID as DOC_NUMBER

DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False,
        "picker_utc": True}
DOC_NUMBER_PATTERN = DOC_NUMBER.pattern
MESSAGES = {  # field path → the Chinese message of its pattern: what the gate checks, told before saving
    ("index",): "索引号应为“本单位统一社会信用代码/发布年份-5位流水号”，如 11990700003016315Q/2026-00021",
    ("doc_number",): "发文字号年份用六角括号〔〕，如 青财预〔2026〕15号",
    ("validity", "replaced_by"): "替代文件的索引号，如 11990700003016315Q/2026-00021",
    ("interprets",): "被解读文件的索引号，如 11990700003015240F/2026-00009",
}
COMMIT_MESSAGES = {  # what the pull request's commits say, in the editors' language
    "create": "新增{{collection}}：{{slug}}",
    "update": "修改{{collection}}：{{slug}}",
    "delete": "删除{{collection}}：{{slug}}",
    "uploadMedia": "上传附件：{{path}}",
    "deleteMedia": "删除附件：{{path}}",
}
REFERENCES = {("validity", "replaced_by"), ("interprets",)}  # another item's 索引号, any unit's
INDEX_WIDGET = "xxgk-index"  # cms/assets/xxgk-editor.js: the next free 索引号, as `xxgk new` numbers
# Optional in the schema, asked for by the form: missing-review blocks a 主动公开 item without its
# 保密审查 record (审查人、日期、结论), and an editor should meet that in the form, not at the pull request.
FORM_REQUIRED = {("review",), ("review", "reviewer"), ("review", "date"), ("review", "result")}
HIDDEN = {("unit",), ("column",)}  # the folder says which: never typed


def js_pattern(python_pattern: str) -> str:
    """A whole-value pattern the browser's RegExp reads (Decap tests with ``RegExp.test``: unanchored)."""
    return "^(?:" + re.sub(r"\(\?P<\w+>", "(", python_pattern).removeprefix("^").removesuffix("$") + ")$"


def index_pattern(credit_code: str, historic=()) -> str:
    """Today's form with this unit's credit code, or one of the historic forms given."""
    today = rf"{re.escape(credit_code)}/\d{{4}}-\d{{5}}"
    return "|".join(js_pattern(p) for p in [today, *(h.pattern for h in historic)])


def cms_config(catalogue: Catalogue, *, backend: dict | None = None, content_dir: str = "content",
               local_backend: bool | dict = True) -> dict:
    """The whole ``config.yml`` as a dict (yaml.safe_dump it)."""
    schema = item_schema()
    # A reference may name any unit's item, in today's form or in a migrated item's historic form.
    any_index = "|".join([js_pattern(INDEX_PATTERN.pattern)] + [js_pattern(h.pattern) for u in catalogue.units.values()
                                                          for h in u.index_patterns])
    collections = []
    for unit in catalogue.units.values():
        for column in editable_columns(catalogue, unit):
            collections.append({
                "name": f"{unit.id}-{column.id}",
                "label": f"{unit.name} · {column.name}",
                "label_singular": "信息",
                "folder": f"{content_dir}/{unit.id}/{column.id}",
                # The year folder: Decap's {{year}} is the day the item is created (its path
                # templates take no filters, so not the 发布日期's year; path-layout tells at the
                # pull request if they differ). The file is named by the 索引号, in ASCII: a
                # title's Chinese makes names git quotes; Decap has no pinyin (`xxgk new` has).
                "path": "{{year}}/{{slug}}",
                "slug": "{{fields.index}}",
                "create": True,
                # Decap deletes a published entry by a commit straight to the branch, past the
                # pull request and the gate: withdrawing an item goes through a pull request.
                "delete": False,
                "extension": "md",
                "format": "frontmatter",
                "media_folder": "",  # attachments beside the item (README: Adding an item)
                "public_folder": "",
                "summary": "{{published}} {{title}}",
                "sortable_fields": ["published", "title", "index"],
                "fields": _fields(schema, catalogue, unit, column, any_index=any_index) + [
                    {"name": "body", "label": "正文", "widget": "markdown", "required": True,
                     "sanitize_preview": True,  # raw HTML in a body is shown cleaned (DOMPurify), never run
                     "hint": "信息的正文（Markdown）。不要留下“（正文）”等占位文字：placeholder-body 会阻断发布。"}],
            })
    return {
        "backend": {**(backend or {"name": "github", "repo": "OWNER/REPO", "branch": "main"}),
                    "commit_messages": COMMIT_MESSAGES},
        "publish_mode": "editorial_workflow",  # each change a branch and a pull request; the gate runs there
        "local_backend": local_backend,  # decap-server on loopback edits a local clone (editors' machines, tests)
        "locale": "zh_Hans",
        # unicode: an attachment keeps its Chinese name (ascii would make 预算表.xlsx and 说明.xlsx both
        # “.xlsx”); entry file names come from the 索引号, ASCII either way.
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        "media_folder": f"{content_dir}/uploads",
        "collections": collections,
    }


def _fields(schema: dict, catalogue: Catalogue, unit, column, path: tuple = (), *, any_index: str) -> list[dict]:
    required = set(schema.get("required", ()))
    return [_field(name, spec, name in required, catalogue, unit, column, path + (name,), any_index)
            for name, spec in schema.get("properties", {}).items()]


def _field(name: str, spec: dict, required: bool, catalogue: Catalogue, unit, column, path: tuple,
           any_index: str) -> dict:
    field = {"name": name, "label": spec.get("title", name), "required": required or path in FORM_REQUIRED}
    if spec.get("description"):
        field["hint"] = spec["description"]
    kind = spec.get("type")
    if path == ("index",):
        field.update(widget=INDEX_WIDGET, unit=unit.id, credit_code=unit.credit_code,
                     pattern=[index_pattern(unit.credit_code, unit.index_patterns), MESSAGES[path]])
    elif path in HIDDEN:
        field.update(widget="hidden", default=unit.id if name == "unit" else column.id, required=False)
    elif path == ("topic",):
        field.update(widget="select", options=list(catalogue.topics), default="综合政务")
    elif path == ("kind",):
        field.update(widget="select", options=list(catalogue.document_kinds),
                     **({"default": column.default_kind} if column.default_kind else {}))
    elif "enum" in spec:
        field.update(widget="select", options=list(spec["enum"]), default=spec.get("default", spec["enum"][0]))
    elif kind == "string" and "\\d{4}-\\d{2}-\\d{2}" in spec.get("pattern", ""):
        field.update(DATE)
    elif kind == "boolean":
        field.update(widget="boolean", default=False)
    elif kind == "object":
        field.update(widget="object", collapsed=False,  # (validity, review: a few lines each, always in view)
                     fields=_fields(spec, catalogue, unit, column, path, any_index=any_index))
    elif kind == "array":
        field.update(_list(spec.get("items") or {}, catalogue, unit, column, path, any_index))
    else:
        field["widget"] = "text" if name in ("summary", "note", "result") else "string"
    if path == ("doc_number",):
        field["pattern"] = [DOC_NUMBER_PATTERN, MESSAGES[path]]
    elif path in REFERENCES:
        field["pattern"] = [any_index, MESSAGES[path]]
    return field


def _list(items: dict, catalogue: Catalogue, unit, column, path: tuple, any_index: str) -> dict:
    if path == ("attachments",):  # a file beside the item, with its title for the 附件 list
        return {"widget": "list", "fields": [
            {"name": "file", "label": "文件", "widget": "file", "required": True, "choose_url": False},
            {"name": "title", "label": "附件名称", "widget": "string", "required": True}]}
    if items.get("type") == "object":
        return {"widget": "list", "fields": _fields(items, catalogue, unit, column, path, any_index=any_index)}
    return {"widget": "list", "field": {"name": path[-1], "label": "条目", "widget": "string"}}


def field_paths(schema: dict, path: tuple = ()) -> list[tuple]:
    """Every property path of the schema (objects' properties and list items' properties within)."""
    out = []
    for name, spec in schema.get("properties", {}).items():
        out.append(path + (name,))
        if spec.get("type") == "object":
            out += field_paths(spec, path + (name,))
        elif spec.get("type") == "array" and (spec.get("items") or {}).get("type") == "object":
            out += field_paths(spec["items"], path + (name,))
    return out
