from ..context import FRESHNESS_LIMITED
from ..registry import rule


@rule("stale-column", "栏目未按时更新", "栏目最新一条主动公开信息早于其更新类别允许的时限（policy.yml freshness）。")
def check(ctx):
    for status in ctx.column_status.values():
        if status.state == "stale" and status.column.freshness in FRESHNESS_LIMITED:
            yield ctx.at_unit("stale-column", status.unit, (
                f"栏目“{status.column.name}”最近更新于 {status.newest}，按{ctx.limit_text(status.column.freshness)}"
                f"更新时限应在 {status.deadline} 前更新，已超期 {status.days_over} 天。请发布新信息，或在 columns.yml 调整栏目的更新类别。"
            ), status.column)
