"""Per-unit counts the veto rule and the JSON summary share."""

from __future__ import annotations

from .context import SHORT_LIMIT


def unit_summary(ctx, unit) -> dict:
    statuses = ctx.status_by_unit.get(unit.id, [])
    counts = {
        "stale": sum(s.state == "stale" and s.column.freshness in SHORT_LIMIT for s in statuses),
        "long_stale": sum(s.state == "stale" and s.column.freshness == "periodic" for s in statuses),
        "blank": sum(s.state == "blank" for s in statuses),
    }
    thresholds = {k: int(v) for k, v in (ctx.policy.get("veto") or {}).items()}
    veto = [k for k, n in counts.items() if k in thresholds and n >= thresholds[k]]
    return {**counts, "thresholds": thresholds, "veto": veto}
