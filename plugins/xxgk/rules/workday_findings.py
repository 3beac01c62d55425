"""Findings on deadlines counted in working days, when the calendar may not know the year.

``core.workdays`` falls back to Monday–Friday for a year whose State Council holiday notice is
not in the calendar data yet, and says so. A deadline counted that way may be off by a holiday
week, so every rule that counts working days reports it the same way: as a warning that says so,
never as an error.
"""

from __future__ import annotations

from ..core.problems import ERROR, WARNING

UNKNOWN_YEAR_NOTE = "注意：日历数据尚未包含该年度的法定节假日和调休，暂按周一至周五计算工作日。"


def by_calendar(message: str, known: bool, severity: str = ERROR) -> tuple[str, str]:
    """(message, severity) of a finding whose deadline was counted with ``known`` calendar data."""
    return (message, severity) if known else (message + UNKNOWN_YEAR_NOTE, WARNING)
