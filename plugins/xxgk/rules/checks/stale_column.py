from ..context import FRESHNESS_LIMITED
from ..registry import rule


@rule("stale-column", "栏目未按时更新", "栏目最新一条主动公开信息早于其更新类别允许的时限（policy.yml freshness），或定期发布的栏目"
      "（columns.yml schedule；年度报告栏目按 policy.yml annual_report_deadline）缺了已到期的一期。")
def check(ctx):
    for status in ctx.column_status.values():
        if status.state == "stale" and status.column.freshness in FRESHNESS_LIMITED:
            scheduled = ctx.schedule_of(status.unit, status.column) is not None
            fix = "请发布该期信息" if scheduled else "请发布新信息"
            yield ctx.at_unit("stale-column", status.unit, (
                f"栏目“{status.column.name}”最近更新于 {status.newest}，{ctx.rule_text(status)}"
                f"应在 {status.deadline} 前{'发布' if scheduled else '更新'}，已超期 {status.days_over} 天。"
                f"{fix}，或在 columns.yml 调整栏目的更新类别。"
            ), status.column)
