"""The catalogue as open data: CSV (UTF-8 with BOM, so Excel opens it right) and JSON."""

from __future__ import annotations

import csv
import io
import json

from ..core.model import Item

FIELDS = (
    ("index", "索引号"), ("title", "名称"), ("unit", "发布机构"), ("column", "栏目"), ("topic", "主题分类"),
    ("kind", "文件类型"), ("doc_number", "发文字号"), ("formed", "生成日期"), ("published", "发布日期"),
    ("validity", "有效性"), ("url", "网址"),
)


def rows(items: list[Item], unit_names: dict, column_names: dict, base_url: str) -> list[dict]:
    return [{
        "index": i.index, "title": i.title, "unit": unit_names[i.unit], "column": column_names.get(i.column, i.column),
        "topic": i.topic, "kind": i.kind, "doc_number": i.doc_number, "formed": i.formed.isoformat(),
        "published": i.published.isoformat(), "validity": i.validity.status,
        "url": f"{base_url}{i.unit}/{i.column}/{i.serial}/",
    } for i in items]


# A cell a spreadsheet reads as a formula (OWASP "CSV injection"): Excel runs =, +, -, @ and
# the ones a leading tab or CR hides. Such a cell is written with a leading apostrophe, which
# spreadsheets show as text; the JSON keeps the raw value.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_LEADS) else text


def as_csv(records: list[dict]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([label for _, label in FIELDS])
    for record in records:
        writer.writerow([_cell(record[key]) for key, _ in FIELDS])
    return buffer.getvalue()


def as_json(records: list[dict], title: str, as_of) -> str:
    return json.dumps({"title": title, "as_of": as_of.isoformat(), "fields": dict(FIELDS), "items": records},
                      ensure_ascii=False, indent=1) + "\n"
