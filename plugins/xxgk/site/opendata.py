"""The catalogue as open data: CSV (UTF-8 with BOM, so Excel opens it right) and JSON.

Each row carries the 内容概述 (《条例》第十二条) and whether it was derived from the body because the
item has no ``summary`` (core.abstract): CSV 是/否, JSON true/false. ``interprets`` (a 政策解读's
document) and ``replaced_by`` (the document now in force) are 索引号 of items on the site, else
empty: a shard reads them from other units' data to link and count their references to its units
(core.published). Each row holds every field the site-level pages show (home, site catalogue, site
feed), so the merge of shards builds them from the data, not from the items."""

from __future__ import annotations

import csv
import io
import json

from typing import Callable

from ..core.abstract import Abstract, listing
from ..core.model import Item

FIELDS = (
    ("index", "索引号"), ("title", "名称"), ("summary", "内容概述"), ("summary_derived", "内容概述系摘录"),
    ("unit", "发布机构"), ("column", "栏目"), ("topic", "主题分类"),
    ("kind", "文件类型"), ("doc_number", "发文字号"), ("formed", "生成日期"), ("published", "发布日期"),
    ("validity", "有效性"), ("url", "网址"),
    # Added last, so the columns before keep their places for readers of older files.
    ("interprets", "解读的文件索引号"), ("replaced_by", "现行文件索引号"),
    # The date the 有效性 took effect (失效、废止、已修订), empty while 有效: what the site feed's
    # <updated> says, so the merge builds it from the data (docs/scaling.md §1).
    ("validity_date", "有效性变化日期"),
)
CSV_BOOLEAN = {True: "是", False: "否"}


def rows(items: list[Item], unit_names: dict, column_names: dict, base_url: str,
         abstract: Callable[[Item], Abstract], on_site: Callable[[str], bool] = lambda index: False) -> list[dict]:
    """``on_site``: whether a 索引号 names an item on the site (a reference to any other is left
    out: the data must not name what the site does not show)."""

    def ref(index: str | None) -> str:
        return index if index and on_site(index) else ""

    out = []
    for i in items:
        summary = abstract(i)
        out.append({
            "index": i.index, "title": i.title, "summary": summary.text, "summary_derived": summary.derived,
            "unit": unit_names[i.unit], "column": column_names.get(i.column, i.column),
            "topic": i.topic, "kind": i.kind, "doc_number": i.doc_number, "formed": i.formed.isoformat(),
            "published": i.published.isoformat(), "validity": i.validity.status,
            "url": f"{base_url}{i.unit}/{i.column}/{i.serial}/",
            "interprets": ref(i.interprets), "replaced_by": ref(i.validity.replaced_by),
            "validity_date": i.validity.date.isoformat() if i.validity.date else "",
        })
    return out


# A cell a spreadsheet reads as a formula (OWASP "CSV injection"): Excel runs =, +, -, @ and
# the ones a leading tab or CR hides. Such a cell is written with a leading apostrophe, which
# spreadsheets show as text; the JSON keeps the raw value.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = CSV_BOOLEAN[value] if isinstance(value, bool) else str(value)
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


# -- the catalogue filter's data (not a public dataset: the CSV and JSON above are) -------------
#
# The filter on the catalogue pages (assets/xxgk/catalogue.js) searches the whole catalogue, not
# the page, so it needs every row; it fetches only the rows it can match. Under ``data/filter/``:
#
# - ``manifest.json``: the code lists (columns in catalogue order with their parent, topics,
#   document kinds, validity statuses) and, per unit, its id, name, short name and the years it
#   has items in with their counts (newest first);
# - ``<unit>/<year>.json``: ``{"rows": [...]}``, that unit's items published that year, newest
#   first, one array each: [索引号, 名称, 内容概述 (≤ abstract.LISTING_MAX characters), column code,
#   topic code, kind code, 发文字号, 生成日期, 发布日期], then a validity code when it is not 有效 (0).
#   The item's URL is ``<unit>/<column id>/<serial>/``, the serial being what follows the 索引号's
#   "/" (or an eleventh element if not).
#
# A unit catalogue's filter fetches the manifest and its own unit's chunks (one a year, or only
# the year chosen); the site catalogue's all units' chunks, or those of the unit chosen.

FILTER_DIR = "data/filter/"
FILTER_FORMAT = 2  # 2: 内容概述 at row[2]
VALIDITY_ORDER = ("有效", "失效", "废止", "已修订")


def _codes(first: tuple[str, ...]) -> dict[str, int]:
    return {value: n for n, value in enumerate(first)}


def filter_chunks(items: list[Item], units: list, columns: dict, topics: tuple[str, ...],
                  kinds: tuple[str, ...], as_of, abstract: Callable[[Item], Abstract]) -> list[tuple[str, str]]:
    """(site path, text) of the filter's files. ``items``: the catalogue's items, newest first;
    ``units``: the units built, in display order; ``columns``: the catalogue's columns in tree order;
    ``abstract``: an item's 内容概述."""
    column_code = _codes(tuple(columns))
    topic_code, kind_code, validity_code = _codes(topics), _codes(kinds), _codes(VALIDITY_ORDER)
    topic_list, kind_list, validity_list = list(topics), list(kinds), list(VALIDITY_ORDER)

    def code(table: dict, values: list, value: str) -> int:
        if value not in table:  # a value outside the catalogue's list (the check reports it): still findable
            table[value] = len(values)
            values.append(value)
        return table[value]

    built = {u.id for u in units}
    chunks: dict[tuple[str, int], list] = {}
    for item in items:
        if item.unit not in built:
            continue
        row = [item.index, item.title, listing(abstract(item).text), column_code[item.column],
               code(topic_code, topic_list, item.topic),
               code(kind_code, kind_list, item.kind), item.doc_number or "", item.formed.isoformat(),
               item.published.isoformat()]
        status = code(validity_code, validity_list, item.validity.status)
        odd_serial = item.index.split("/", 1)[-1] != item.serial
        if status or odd_serial:
            row.append(status)
        if odd_serial:  # (never for a valid 索引号, whose serial is what follows its "/")
            row.append(item.serial)
        chunks.setdefault((item.unit, item.published.year), []).append(row)
    years: dict[str, list] = {}
    for (unit_id, year), rows in chunks.items():
        years.setdefault(unit_id, []).append([year, len(rows)])
    manifest = {
        "format": FILTER_FORMAT, "as_of": as_of.isoformat(),
        "columns": [[c.id, c.name, column_code[c.parent] if c.parent in column_code else -1] for c in columns.values()],
        "topics": topic_list, "kinds": kind_list, "validity": validity_list,
        "units": [[u.id, u.name, u.short_name, sorted(years.get(u.id, []), reverse=True)] for u in units],
    }
    out = [(f"{FILTER_DIR}manifest.json", _compact(manifest))]
    for (unit_id, year), rows in chunks.items():
        out.append((f"{FILTER_DIR}{unit_id}/{year}.json", _compact({"rows": rows})))
    return out


def _compact(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
