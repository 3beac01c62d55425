"""Per-unit counts of the 单项否决 items xxgk can judge, shared by the veto rule and the summary.

《政府网站与政务新媒体检查指标》(国办秘函〔2019〕19号) fails a site on any 单项否决 item. xxgk judges
those its data shows: 首页不更新 (``home``), the three counts of 栏目不更新 (``stale``,
``long_stale``, ``blank``), and of 安全、泄密事故等严重问题 伪造发稿日期 (``backdated``) and 泄露国家秘密
(``classified``: marks on an item). It cannot judge 站点无法访问, 互动回应差, 服务不实用, 严重表述错误,
links to harmful content, security incidents or 政务新媒体: they are not counted and not implied.
"""

from __future__ import annotations

from .context import ColumnStatus

# summary key → the rule whose findings it counts (one per unit, or one per item)
RULE_ITEMS = {"home": "stale-home", "backdated": "backdated", "classified": "classified-mark"}


def short_limit_columns(ctx, unit) -> list[tuple[object, tuple[ColumnStatus, ...]]]:
    """The columns item 1 of 栏目不更新 counts, each with its stale leaves, in tree order. 19号:
    “动态、要闻类栏目，以及……通知公告、政策文件类一级栏目，累计超过（含）5 个未更新”. A dynamic
    column counts as itself; notice-policy leaves count by their 一级栏目 (政策文件 once, not once
    for each of 规章, 规范性文件, 其他文件), which is 未更新 when none of them is up to date and at
    least one is stale (a blank leaf is counted as blank)."""
    groups: dict[str, tuple[object, list[ColumnStatus]]] = {}
    for status in ctx.status_by_unit.get(unit.id, []):
        if status.column.freshness == "dynamic":
            groups[status.column.id] = (status.column, [status])
        elif status.column.freshness == "notice-policy":
            top = ctx.catalogue.column_path(status.column.id)[0]
            groups.setdefault(top.id, (top, []))[1].append(status)
    return [(column, tuple(s for s in leaves if s.state == "stale")) for column, leaves in groups.values()
            if any(s.state == "stale" for s in leaves) and all(s.state in ("stale", "blank") for s in leaves)]


def unit_summary(ctx, unit, *, run_rules: bool = False) -> dict:
    """The unit's counts. Those of other rules' findings (home, backdated, classified) come from
    the rules the check ran — all of them in a full check, where the veto runs them
    (``run_rules``); a check of a few rules (the bulletin's) does not scan every item for them."""
    statuses = ctx.status_by_unit.get(unit.id, [])
    counts = {
        "stale": len(short_limit_columns(ctx, unit)),
        "long_stale": sum(s.state == "stale" and s.column.freshness == "periodic" for s in statuses),
        "blank": sum(s.state == "blank" for s in statuses),
    }
    for key, code in RULE_ITEMS.items():
        counts[key] = len({f.path for f in ctx.unit_findings(code, unit.id, run=run_rules)})
    thresholds = {k: int(v) for k, v in (ctx.policy.get("veto") or {}).items()}
    veto = [k for k, n in counts.items() if k in thresholds and n >= thresholds[k]]
    return {**counts, "thresholds": thresholds, "veto": veto}
