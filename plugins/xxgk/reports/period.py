"""The period a bulletin covers: a month, a quarter or a year (月度、季度、年度通报)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

QUARTER_NAMES = ("一", "二", "三", "四")
NOUNS = {"month": "月", "quarter": "季度", "year": "年度"}  # 本月 / 本季度 / 本年度


@dataclass(frozen=True)
class Period:
    key: str  # "2026-10" | "2026Q3" | "2026": also the file name's tail (bulletin-<key>.md)
    kind: str  # month | quarter | year
    label: str  # 2026年10月 | 2026年第三季度 | 2026年
    start: date
    end: date
    months: int  # the monthly quota is multiplied by this

    @property
    def noun(self) -> str:
        return NOUNS[self.kind]


def _months(year: int, first: int, count: int, kind: str, key: str, label: str) -> Period:
    last = first + count - 1
    return Period(key, kind, label, date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]), count)


def parse_month(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"月份“{text}”无效，请写作 YYYY-MM，例如 2026-10。")
    return int(match.group(1)), int(match.group(2))


def month_period(text: str) -> Period:
    year, month = parse_month(text)
    return _months(year, month, 1, "month", f"{year}-{month:02d}", f"{year}年{month}月")


def quarter_period(text: str) -> Period:
    match = re.fullmatch(r"(\d{4})[Qq]([1-4])", text.strip())
    if not match:
        raise ValueError(f"季度“{text}”无效，请写作 YYYYQn（n 为 1—4），例如 2026Q3。")
    year, quarter = int(match.group(1)), int(match.group(2))
    return _months(year, 3 * quarter - 2, 3, "quarter", f"{year}Q{quarter}", f"{year}年第{QUARTER_NAMES[quarter - 1]}季度")


def year_period(text: str | int) -> Period:
    if not re.fullmatch(r"\d{4}", str(text).strip()):
        raise ValueError(f"年份“{text}”无效，请写作 YYYY，例如 2026。")
    year = int(text)
    return _months(year, 1, 12, "year", str(year), f"{year}年")


def parse_period(month: str | None = None, quarter: str | None = None, year: str | int | None = None) -> Period:
    """Exactly one of month (YYYY-MM), quarter (YYYYQn) or year (YYYY)."""
    given = [(parse, value) for parse, value in ((month_period, month), (quarter_period, quarter), (year_period, year))
             if value is not None]
    if len(given) != 1:
        raise ValueError("请指定通报期间：--month YYYY-MM、--quarter YYYYQn 或 --year YYYY，三者只选其一。")
    parse, value = given[0]
    return parse(value)
