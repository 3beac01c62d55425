from ...core.workdays import add_working_days
from ..registry import rule
from ..workday_findings import by_calendar


@rule("late-publication", "未按时公开", "发布日期晚于生成日期后 policy.yml publish_within_working_days 个工作日（条例第二十六条）。")
def check(ctx):
    limit = int(ctx.policy.get("publish_within_working_days", 20))
    for item in ctx.repo.items:
        if item.mode != "主动公开" or (item.published - item.formed).days <= limit:
            continue  # N calendar days can never hold more than N working days
        deadline, known = add_working_days(item.formed, limit)
        if item.published <= deadline:
            continue
        message = (f"发布日期 {item.published} 晚于生成日期 {item.formed} 起 {limit} 个工作日的期限 {deadline}"
                   f"（条例第二十六条）。请核对日期；确属逾期的，应说明原因并改进流程。")
        message, severity = by_calendar(message, known)
        yield ctx.at_item("late-publication", item, message, field=("published",), severity=severity)
