"""The optional keys of a unit's catalogue file beyond its identity and office:

* ``columns``          — switch a column of the default tree off (or on) for this unit, with a reason
                          (a county government has no 规章制定权: 规章 off);
* ``historic_indexes`` — the patterns of 索引号 the unit used before this platform, which migrated
                          items keep (索引号不得更改);
* ``monthly_quota``    — the unit's own monthly quota for the bulletin, overriding its kind's.

Each parser takes the raw value and a sink for problems and returns the model's value; nothing
here reads files.
"""

from __future__ import annotations

import re

try:  # the standard library's own parser of regular expressions (re._parser since 3.11)
    import re._parser as regex_parser
except ImportError:  # Python 3.10
    import sre_parse as regex_parser
from datetime import date

from .model import ColumnSwitch, IndexPattern

# A historic pattern is a regular expression written by an editor and run on every migrated
# item's 索引号 in CI. Its length is bounded, and so is its repetition (see _backtracks): with only
# bounded, unnested repeats a match takes time polynomial in the index, never exponential.
MAX_PATTERN_LENGTH = 200
MAX_REPEAT = 40
# Possessive repeats and atomic groups exist from Python 3.11 on.
_REPEATS = tuple(getattr(regex_parser, n) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(regex_parser, n))
_GROUPS = tuple(getattr(regex_parser, n) for n in ("SUBPATTERN", "ATOMIC_GROUP") if hasattr(regex_parser, n))


def _backtracks(parsed, inside_repeat: bool = False) -> bool:
    """True when the pattern repeats without a bound (``*``, ``+``, ``{n,}``) or repeats something
    that itself repeats or branches: the shapes that make a regular expression backtrack without end."""
    for op, arg in parsed:
        if op in _REPEATS:
            low, high, sub = arg
            if inside_repeat or high > MAX_REPEAT or _backtracks(sub, True):
                return True
        elif op == regex_parser.BRANCH:
            if inside_repeat or any(_backtracks(branch, inside_repeat) for branch in arg[1]):
                return True
        elif op in _GROUPS:
            if _backtracks(arg[-1], inside_repeat):
                return True
        elif op in (regex_parser.ASSERT, regex_parser.ASSERT_NOT):
            if _backtracks(arg[1], inside_repeat):
                return True
        elif op in (regex_parser.GROUPREF, regex_parser.GROUPREF_EXISTS):
            return True  # back-references are never needed for an index form
    return False


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def column_switches(value, add) -> dict[str, ColumnSwitch]:
    """``columns: {gz: {enabled: false, reason: …}}`` → column id → switch (ids checked later,
    once the column tree is loaded)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        add("columns 应为键值对：栏目编号: {enabled: false, reason: 理由}。")
        return {}
    found = {}
    for column_id, entry in value.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("enabled"), bool):
            add(f"columns.{column_id} 应写作 {{enabled: true 或 false, reason: 理由}}。")
            continue
        reason = _text(entry.get("reason"))
        if not reason:
            add(f"columns.{column_id} 缺少理由 reason（例如：县级人民政府无规章制定权（《立法法》第九十三条））。")
            continue
        unknown = set(entry) - {"enabled", "reason"}
        if unknown:
            add(f"columns.{column_id} 有未知字段 {', '.join(sorted(map(str, unknown)))}，只允许 enabled、reason。")
            continue
        found[str(column_id)] = ColumnSwitch(entry["enabled"], reason)
    return found


def index_patterns(value, add) -> tuple[IndexPattern, ...]:
    """``historic_indexes: [{pattern, example, source, until}]`` → the unit's historic index forms."""
    if value is None:
        return ()
    if not isinstance(value, list):
        add("historic_indexes 应为列表，每项含 pattern、example、source，可选 until。")
        return ()
    found = []
    for number, entry in enumerate(value, start=1):
        where = f"historic_indexes 第 {number} 项"
        if not isinstance(entry, dict):
            add(f"{where}应为键值对（pattern、example、source、until）。")
            continue
        pattern, example, source = (_text(entry.get(k)) for k in ("pattern", "example", "source"))
        unknown = set(entry) - {"pattern", "example", "source", "until"}
        if unknown:
            add(f"{where}有未知字段 {', '.join(sorted(map(str, unknown)))}。")
            continue
        if not pattern or not example or not source:
            add(f"{where}须写明 pattern（正则表达式）、example（一个真实的旧索引号）和 source（依据，如旧平台名称及使用年份）。")
            continue
        if len(pattern) > MAX_PATTERN_LENGTH:
            add(f"{where}的 pattern 超过 {MAX_PATTERN_LENGTH} 个字符，请简化。")
            continue
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            add(f"{where}的 pattern 不是有效的正则表达式（{exc}）。")
            continue
        if _backtracks(regex_parser.parse(pattern)):
            add(f"{where}的 pattern 含有不限次数的重复（*、+、{{n,}}）、超过 {MAX_REPEAT} 次的重复或嵌套的重复；"
                f"请写出每一段的确切位数，如 \\d{{4}}-\\d{{5}}、[0-9X]{{9}}。")
            continue
        if not compiled.fullmatch(example):
            add(f"{where}的示例 {example} 不符合 pattern，请核对。")
            continue
        until = entry.get("until")
        if until is not None and not isinstance(until, date):
            try:
                until = date.fromisoformat(str(until))
            except ValueError:
                add(f"{where}的 until 应为日期 YYYY-MM-DD（旧索引号停用之日）。")
                continue
        found.append(IndexPattern(pattern, example, source, until))
    return tuple(found)


def monthly_quota(value, add) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        add("monthly_quota（本单位每月至少发布的主动公开信息条数）应为不小于 0 的整数。")
        return None
    return value
