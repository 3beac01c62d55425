from ...core.problems import WARNING
from ..registry import rule
from ..workday_findings import by_calendar


@rule("due-soon", "即将超期", "栏目将在 policy.yml 的 due_soon_days 天内超过更新时限，或依申请公开的申请将在该天数内到答复期限（提醒）。",
      severity=WARNING)
def check(ctx):
    window = int(ctx.policy.get("due_soon_days", 0))
    for application in ctx.repo.applications:
        deadline = application.deadline(ctx.policy)
        if deadline is not None and application.open_at(ctx.as_of):
            due, known = deadline
            left = (due - ctx.as_of).days
            if 0 <= left < window:
                message, _ = by_calendar(f"申请 {application.number} 须在 {due} 前答复（还剩 {left} 天）。", known)
                yield ctx.at_register("due-soon", application, message)  # severity: the rule's, as policy sets it
    for status in ctx.column_status.values():
        if status.state == "due-soon":
            yield ctx.at_unit("due-soon", status.unit, (
                f"栏目“{status.column.name}”最近更新于 {status.newest}，须在 {status.deadline} 前更新"
                f"（还剩 {-status.days_over} 天）。"
            ), status.column)
