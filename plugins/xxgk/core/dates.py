"""Dates as the disclosure rules count them: in Beijing time, whatever the machine's zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")  # no DST since 1991


def today_in_china() -> date:
    return datetime.now(CHINA).date()


def parse_day(value: str | date) -> date:
    """``YYYY-MM-DD`` (or a date) → date; ValueError with a Chinese message otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"日期“{value}”无效，请写作 YYYY-MM-DD，例如 2026-11-20。") from None
