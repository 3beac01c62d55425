from ...core.problems import WARNING
from ..registry import rule


@rule("due-soon", "栏目即将超期", "栏目将在 policy.yml 的 due_soon_days 天内超过更新时限（提醒）。", severity=WARNING)
def check(ctx):
    for status in ctx.column_status.values():
        if status.state == "due-soon":
            yield ctx.at_unit("due-soon", status.unit, (
                f"栏目“{status.column.name}”最近更新于 {status.newest}，须在 {status.deadline} 前更新"
                f"（还剩 {-status.days_over} 天）。"
            ), status.column)
