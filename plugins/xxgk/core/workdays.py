"""Working days by the PRC calendar: weekends and statutory holidays off, adjusted working
weekends (调休) on. The calendar data comes from ``chinese_calendar`` (State Council holiday
notices); a year it does not know yet falls back to Monday–Friday and says so.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar


@lru_cache(maxsize=8192)
def is_workday(day: date) -> tuple[bool, bool]:
    """(is a working day, the calendar knows the year)."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5, False


def add_working_days(start: date, count: int) -> tuple[date, bool]:
    """The ``count``-th working day after ``start`` (the start day itself is not counted, as
    民法典 第二百零一条 counts periods), and whether every year on the way was known."""
    day, known, left = start, True, count
    while left > 0:
        day += timedelta(days=1)
        working, day_known = is_workday(day)
        known = known and day_known
        left -= working
    return day, known


def working_days_between(start: date, end: date) -> tuple[int, bool]:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    day, count, known = start, 0, True
    while day < end:
        day += timedelta(days=1)
        working, day_known = is_workday(day)
        known = known and day_known
        count += working
    return count, known
