"""A column's publication schedule (columns.yml ``schedule``): read it, and find when data is due.

Monthly data (环境质量月报), quarterly statistics or a yearly report are not "updated within N
months" but "the data of each period published by a day after it ends". ``schedule`` says which:

    schedule: {every: month, by_day: 10}      # 月 M 的数据在 M+1 月 10 日前发布
    schedule: {every: quarter, by_day: 15}    # 季度的数据在下季度首月 15 日前发布
    schedule: {every: year, by: "03-31"}      # Y 年的数据在 Y+1 年 3 月 31 日前发布

An item published after a period ended is that period's data; so the period of the newest item
is the first one still owed, and its due date is the column's deadline.
"""

from __future__ import annotations

import calendar
from datetime import date

from .model import SCHEDULE_PERIODS, Schedule

_KEYS = {"month": {"every", "by_day"}, "quarter": {"every", "by_day"}, "year": {"every", "by"}}


def parse(value) -> tuple[Schedule | None, list[str]]:
    """(the schedule, []) or (None, the problems in Chinese)."""
    if not isinstance(value, dict):
        return None, ["schedule 应为键值对，如 {every: month, by_day: 10}"]
    every = value.get("every")
    if every not in _KEYS:
        return None, [f"schedule.every 应为 {' | '.join(_KEYS)}（{'、'.join(SCHEDULE_PERIODS.values())}）"]
    extra = set(value) - _KEYS[every]
    if extra:
        return None, [f"schedule 中 every: {every} 只能写 {'、'.join(sorted(_KEYS[every]))}，请删去 {'、'.join(sorted(map(str, extra)))}"]
    if every == "year":
        month_day = _month_day(value.get("by"))
        if month_day is None:
            return None, ["schedule.by 应为次年的“月-日”，如 \"03-31\"（不能是 2 月 29 日）"]
        return Schedule("year", month_day[1], month_day[0]), []
    day = value.get("by_day")
    if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 31:
        return None, ["schedule.by_day 应为 1 到 31 的整数（次月几日前发布；大于该月天数的按月末计）"]
    return Schedule(every, day), []


def _month_day(value) -> tuple[int, int] | None:
    parts = str(value or "").split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    month, day = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2001, month)[1]:  # 2001: no 29 February
        return None
    return month, day


def _on(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def due(schedule: Schedule, day: date) -> date:
    """The day by which the data of the period containing ``day`` must be published."""
    if schedule.every == "year":
        return _on(day.year + 1, schedule.by_month or 1, schedule.by_day)
    last_month = day.month if schedule.every == "month" else (day.month - 1) // 3 * 3 + 3
    year, month = (day.year + 1, 1) if last_month == 12 else (day.year, last_month + 1)
    return _on(year, month, schedule.by_day)


def describe(schedule: Schedule) -> str:
    """In Chinese, for messages: 每月（当期数据在下月 10 日前发布）."""
    if schedule.every == "year":
        when = f"次年 {schedule.by_month} 月 {schedule.by_day} 日前"
    else:
        when = f"{'下月' if schedule.every == 'month' else '下季度首月'} {schedule.by_day} 日前"
    return f"{SCHEDULE_PERIODS[schedule.every]}发布（当期数据在{when}发布）"


def period_label(schedule: Schedule, day: date) -> str:
    """The period containing ``day``, in Chinese: 2026年10月, 2026年第4季度, 2026年度."""
    if schedule.every == "month":
        return f"{day.year}年{day.month}月"
    if schedule.every == "quarter":
        return f"{day.year}年第{(day.month - 1) // 3 + 1}季度"
    return f"{day.year}年度"
