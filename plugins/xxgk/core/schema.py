"""The item schema (``schema/item.schema.json``) and Chinese messages for its violations.

Valid items take the fast path (fastjsonschema, compiled once); only an invalid item is run
through jsonschema, which lists every violation with its path.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

import fastjsonschema
import jsonschema

SCHEMA_FILE = "item.schema.json"
# The pattern of every required text field: at least one character that shows. A title of spaces,
# ideographic spaces (U+3000) or zero-width characters would build an empty <h1> and empty links.
NOT_BLANK = r"[^\s\u200b-\u200d\u2060\ufeff]"
_SHOWS = re.compile(NOT_BLANK)


@lru_cache(maxsize=1)
def item_schema() -> dict:
    return json.loads(resources.files("xxgk.schema").joinpath(SCHEMA_FILE).read_text("utf-8"))


@lru_cache(maxsize=1)
def _fast_validator():
    return fastjsonschema.compile(item_schema())


@lru_cache(maxsize=1)
def _full_validator():
    return jsonschema.Draft7Validator(item_schema())


def violations(data: dict) -> list[tuple[tuple, str]]:
    """Every violation as (path in the data, Chinese message); empty when valid."""
    try:
        _fast_validator()(data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    found = []
    for error in sorted(_full_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        found.extend(v for v in _describe(error) if v not in found)  # a blank value may break two rules
    return found


def _label(path: tuple) -> str:
    """``validity.date`` → ``validity.date（有效性变更日期）`` using the schema titles."""
    node, titles = item_schema(), []
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {})
            continue
        node = node.get("properties", {}).get(part, {})
        if "title" in node:
            titles.append(node["title"])
    name = ".".join(str(p) for p in path if isinstance(p, str)) or "元数据"
    return f"{name}（{titles[-1]}）" if titles else name


def _sub_schema(path: tuple) -> dict:
    node = item_schema()
    for part in path:
        node = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {})
    return node


_TYPES = {"string": "文本", "object": "键值对", "array": "列表（每项以 - 开头）", "boolean": "true 或 false", "integer": "整数"}


def _blank(path: tuple, text: str) -> str:
    if text == "":
        return f"{_label(path)} 不能为空，请填写内容。"
    return f"{_label(path)} 不能为空白（只有空格或看不见的字符），请填写内容。"


def _describe(error: jsonschema.ValidationError) -> list[tuple[tuple, str]]:
    path = tuple(error.absolute_path)
    kind = error.validator
    if kind in ("pattern", "enum", "minLength") and isinstance(error.instance, str) and not _SHOWS.search(error.instance):
        return [(path, _blank(path, error.instance))]
    if kind == "required":
        missing = [n for n in error.validator_value if n not in error.instance]
        return [(path, f"缺少必填字段 {_label(path + (n,))}，请补充。") for n in missing]
    if kind == "additionalProperties":
        allowed = ", ".join(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
        return [(path + (k,), f"未知字段 {k}：请检查拼写，允许的字段有 {allowed}。") for k in extra]
    if kind == "type":
        expected = _TYPES.get(error.validator_value, error.validator_value)
        return [(path, f"{_label(path)} 应为{expected}，现为“{error.instance}”。")]
    if kind == "enum":
        choices = "、".join(error.validator_value)
        return [(path, f"{_label(path)} 的值“{error.instance}”无效，可选：{choices}。")]
    if kind == "pattern":
        fix = _sub_schema(path).get("x-fix", "")
        return [(path, f"{_label(path)} 的值“{error.instance}”格式不对。{fix}")]
    if kind == "minLength":
        return [(path, f"{_label(path)} 不能为空。")]
    if kind == "anyOf":
        return [(path, f"{_label(path)} 应为文件名，或含 file 和 title 的键值对。")]
    return [(path, f"{_label(path)}：{error.message}")]
