"""Per-unit yearly work data beside the items: ``content/<unit>/_annual/<year>/``

* ``applications.yml`` — the register of disclosure applications (依申请公开登记), no personal data;
* ``statistics.yml``  — counts the annual report needs that items cannot give (行政许可 …, 复议, 诉讼);
* ``report.md``       — the unit's own text for sections 一, 五 and 六 of the annual report.

Folders starting with ``_`` are never items; the unit owns them like its columns, so a pull
request that touches them is scoped to the unit.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

from . import frontmatter, yamlsafe
from .applications import Application, load_register, read_text
from .model import _frozen
from .problems import Code, Problem, register

ANNUAL_DIR = "_annual"
STAT_COUNTS = ("licensing", "punishment", "enforcement")  # 行政许可, 行政处罚, 行政强制 决定数量
CASE_RESULTS = ("upheld", "corrected", "other", "pending")  # 结果维持, 结果纠正, 其他结果, 尚未审结
CASE_GROUPS = ("review", "litigation_direct", "litigation_after_review")
SECTION_KEYS = ("一", "五", "六")
NORMATIVE_KINDS = ("规章", "行政规范性文件")  # table 二, 第二十条第（一）项
# Section 一 summarises these (国办公开办函〔2021〕30号, 一、报告内容（一）总体情况), the names as the template
# gives them; a people's government also reports 条例 第五十条第四项 within 监督保障.
SECTION_ONE_TOPICS = ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障")
GOVERNMENT_RESULTS = ("工作考核", "社会评议", "责任追究")
PLACEHOLDER = "（待填写"  # what a draft report.md leaves for the editor


def is_government(unit) -> bool:
    """A people's government (各级人民政府, 条例 第五十条第四项): a government unit or a 乡镇人民政府
    (kind town also holds 街道办事处, which are not governments)."""
    return unit.kind == "government" or unit.name.endswith("人民政府")
BALANCE_KEYS = ("count", "as_of", "source")

ANNUAL_DATA = register(Code("annual-data", "年报数据格式错误", "statistics.yml 或 report.md 的格式、字段或数值有误。"))


REPORT_KIND = "年度报告"
_YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年")


def is_annual_report(item, report_columns) -> bool:
    return item.kind == REPORT_KIND or item.column in report_columns


def report_year(item) -> int:
    """The year an annual report covers: named in its title, else the year before publication."""
    match = _YEAR_IN_TITLE.search(item.title)
    return int(match.group(1)) if match else item.published.year - 1


def deadline_month_day(policy: Mapping, kind: str) -> tuple[int, int] | None:
    """(month, day) of the annual-report deadline for a unit kind: policy.yml annual_report_deadline,
    "MM-DD" of the year after the report year (条例 第四十九条); None when not set."""
    text = (policy.get("annual_report_deadline") or {}).get(kind)
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})", str(text)) if text else None
    return (int(match.group(1)), int(match.group(2))) if match else None


def report_deadline(policy: Mapping, kind: str, year: int) -> date | None:
    """The day by which the report on ``year`` is due."""
    month_day = deadline_month_day(policy, kind)
    return date(year + 1, *month_day) if month_day else None


def line_of(root: str, rel: str | None, needle: str, unit: str = "") -> int | None:
    """1-based line of the first line of a unit's yearly file holding ``needle`` (for findings)."""
    text = read_text(root, rel, unit, ANNUAL_DATA.code, [])[0] if rel else None
    for number, line in enumerate((text or "").split("\n"), start=1):
        if needle in line:
            return number
    return None


def in_force_on(item, day: date) -> bool:
    """现行有效 on ``day``: formed by then and not yet 失效, 废止 or 已修订 (a change without a date
    is not dated, so it cannot end the document)."""
    validity = item.validity
    ended = validity.status != "有效" and validity.date is not None and validity.date <= day
    return item.formed <= day and not ended


def normative_documents(items, unit: str, kind: str) -> list:
    """A unit's published documents of one table-二 kind (drafts and non-public records are not 制发 to the public)."""
    return [i for i in items if i.unit == unit and i.kind == kind and i.mode == "主动公开" and not i.draft]


def opening_balance(annual: Mapping, unit: str, kind: str, year: int) -> Mapping | None:
    """The declared 现行有效 count of ``kind`` that applies to ``year``: the latest ``opening_balance``
    in the unit's statistics.yml of ``year`` or an earlier year (a declaration carries forward)."""
    found = [data.statistics["opening_balance"][kind] for (u, y), data in annual.items()
             if u == unit and y <= year and kind in (data.statistics.get("opening_balance") or {})]
    return max(found, key=lambda b: b["as_of"], default=None)


@dataclass(frozen=True)
class AnnualData:
    unit: str
    year: int
    statistics: Mapping = field(default_factory=lambda: _frozen({}))
    sections: Mapping[str, str] = field(default_factory=lambda: _frozen({}))  # "一" → Markdown
    statistics_path: str | None = None
    sections_path: str | None = None


def load_annual(root: str, content_dir: str, unit_ids, problems: list[Problem]):
    """Every unit's ``_annual/<year>/`` folder: (applications, {(unit, year): AnnualData})."""
    applications: list[Application] = []
    annual: dict[tuple[str, int], AnnualData] = {}
    for unit in sorted(unit_ids):
        base = os.path.join(root, content_dir, unit, ANNUAL_DIR)
        if not os.path.isdir(base):
            continue
        for year_dir in sorted(os.listdir(base)):
            rel = f"{content_dir}/{unit}/{ANNUAL_DIR}/{year_dir}"
            if not re.fullmatch(r"\d{4}", year_dir):
                problems.append(Problem(ANNUAL_DATA.code, f"{rel} 应以四位年份命名。", rel, unit=unit))
                continue
            year = int(year_dir)
            applications += load_register(root, f"{rel}/applications.yml", unit, year, problems)
            stats = _statistics(root, f"{rel}/statistics.yml", unit, problems)
            sections = _sections(root, f"{rel}/report.md", unit, problems)
            annual[unit, year] = AnnualData(
                unit, year, _frozen(stats or {}), _frozen(sections or {}),
                f"{rel}/statistics.yml" if stats is not None else None,
                f"{rel}/report.md" if sections is not None else None)
    return tuple(applications), annual


def _statistics(root: str, rel: str, unit: str, problems: list[Problem]) -> dict | None:
    text, _ = read_text(root, rel, unit, ANNUAL_DATA.code, problems)
    if text is None:
        return None
    try:
        data = yamlsafe.load(text) or {}
    except yamlsafe.YamlError as exc:
        problems.append(Problem(ANNUAL_DATA.code, exc.message, rel, exc.line, unit))
        return None

    def bad(message: str, *path) -> None:
        problems.append(Problem(ANNUAL_DATA.code, message, rel, frontmatter.field_line(text, path, first_line=1), unit))

    if not isinstance(data, dict):
        bad("statistics.yml 应为键值对。")
        return None
    clean: dict = {}
    for key in STAT_COUNTS:
        value = data.get(key, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            bad(f"{key} 应为不小于 0 的整数。", key)
        clean[key] = value if isinstance(value, int) else 0
    fees = data.get("fees_10k_yuan", 0)
    if not isinstance(fees, (int, float)) or isinstance(fees, bool) or fees < 0:
        bad("fees_10k_yuan（行政事业性收费金额，万元）应为不小于 0 的数。", "fees_10k_yuan")
        fees = 0
    clean["fees_10k_yuan"] = fees
    for group in CASE_GROUPS:
        counts = data.get(group) or {}
        if not isinstance(counts, dict):
            bad(f"{group} 应为键值对（{', '.join(CASE_RESULTS)}）。", group)
            counts = {}
        row = {}
        for result in CASE_RESULTS:
            value = counts.get(result, 0)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                bad(f"{group}.{result} 应为不小于 0 的整数。", group, result)
                value = 0
            row[result] = value
        clean[group] = row
    if "opening_balance" in data:
        clean["opening_balance"] = _balances(data["opening_balance"], int(rel.split("/")[-2]), bad)
    unknown = set(data) - set(STAT_COUNTS) - set(CASE_GROUPS) - {"fees_10k_yuan", "opening_balance"}
    for key in sorted(unknown):
        bad(f"未知字段 {key}。", key)
    return clean


def _balances(value, year: int, bad) -> dict:
    """``opening_balance: {规章|行政规范性文件: {count, as_of, source}}``: the 现行有效件数 on 31 December
    of an earlier year, for documents never migrated into the repository. Invalid entries are dropped."""
    if not isinstance(value, dict):
        bad("opening_balance 应为键值对：规章、行政规范性文件 各含 count、as_of、source。", "opening_balance")
        return {}
    clean = {}
    for kind, entry in value.items():
        where = ("opening_balance", kind)
        if kind not in NORMATIVE_KINDS:
            bad(f"opening_balance 中的 {kind} 不是表二的文件类型，只能写 {'、'.join(NORMATIVE_KINDS)}。", *where)
            continue
        if not isinstance(entry, dict):
            bad(f"opening_balance.{kind} 应为键值对：count（现行有效件数）、as_of（截至日期）、source（出处）。", *where)
            continue
        ok = True
        for key in sorted(set(entry) - set(BALANCE_KEYS)):
            bad(f"opening_balance.{kind} 中的未知字段 {key}，允许的字段：{'、'.join(BALANCE_KEYS)}。", *where, key)
            ok = False
        count = entry.get("count")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            bad(f"opening_balance.{kind}.count（现行有效件数）应为不小于 0 的整数。", *where, "count")
            ok = False
        as_of = entry.get("as_of")
        try:
            day = date.fromisoformat(as_of) if isinstance(as_of, str) else None
        except ValueError:
            day = None
        if day is None or (day.month, day.day) != (12, 31):
            bad(f"opening_balance.{kind}.as_of 应为某年12月31日（年报表二的统计截止日），写作 YYYY-12-31。",
                *where, "as_of")
            ok = False
        elif day.year >= year:
            bad(f"opening_balance.{kind}.as_of（{day}）应在 {year} 年之前：期初数是 {year} 年开始前的现行有效件数。",
                *where, "as_of")
            ok = False
        source = entry.get("source")
        if not isinstance(source, str) or not source.strip():
            bad(f"opening_balance.{kind} 缺少 source：写明期初数的出处，如“{year - 1}年年报表二”。", *where)
            ok = False
        if ok:
            clean[kind] = {"count": count, "as_of": as_of, "source": source.strip()}
    return clean


_HEADING = re.compile(r"^##\s+(一|二|三|四|五|六)、.*$", re.M)


def _sections(root: str, rel: str, unit: str, problems: list[Problem]) -> dict | None:
    text, _ = read_text(root, rel, unit, ANNUAL_DATA.code, problems)
    if text is None:
        return None
    headings = list(_HEADING.finditer(text))
    found = {}
    for n, match in enumerate(headings):
        end = headings[n + 1].start() if n + 1 < len(headings) else len(text)
        found[match.group(1)] = text[match.end():end].strip()
    for key in SECTION_KEYS:
        if key not in found:
            problems.append(Problem(ANNUAL_DATA.code, f"report.md 缺少“## {key}、……”一节（年度报告第{key}部分由单位撰写）。",
                                    rel, None, unit))
    return {k: v for k, v in found.items() if k in SECTION_KEYS}
