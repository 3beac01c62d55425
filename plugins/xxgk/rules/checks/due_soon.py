from ...core.problems import WARNING
from ..registry import rule


@rule("due-soon", "即将超期", "栏目将在 policy.yml 的 due_soon_days 天内超过更新时限，或依申请公开的申请将在该天数内到答复期限（提醒）。",
      severity=WARNING)
def check(ctx):
    window = int(ctx.policy.get("due_soon_days", 0))
    for application in ctx.repo.applications:
        if application.open_at(ctx.as_of):
            left = (application.due(ctx.policy) - ctx.as_of).days
            if 0 <= left < window:
                yield ctx.at_register("due-soon", application, (
                    f"申请 {application.number} 须在 {application.due(ctx.policy)} 前答复（还剩 {left} 天）。"))
    for status in ctx.column_status.values():
        if status.state == "due-soon":
            yield ctx.at_unit("due-soon", status.unit, (
                f"栏目“{status.column.name}”最近更新于 {status.newest}，须在 {status.deadline} 前更新"
                f"（还剩 {-status.days_over} 天）。"
            ), status.column)
