from ...core.problems import Problem
from ..registry import rule
from ..workday_findings import by_calendar


@rule("correction-late", "未按时告知补正", "申请内容不明确需要补正的，未在收到申请之日起 policy.yml application.correction_request_working_days 个工作日内一次性告知申请人（条例第三十条）。")
def check(ctx):
    days = int((ctx.policy.get("application") or {}).get("correction_request_working_days", 7))
    for application in ctx.repo.applications:
        correction = application.correction
        if correction is None:
            continue
        by, known = application.correction_due(ctx.policy)
        if correction.requested <= by:
            continue
        message, severity = by_calendar((
            f"申请 {application.number} 于 {application.received} 收到，需要补正的应在收到之日起 {days} 个工作日内"
            f"（{by} 前）一次性告知申请人（条例第三十条），登记的告知日期为 {correction.requested}。"
            f"请核对日期；确属逾期的，应说明原因并改进受理流程。"), known)
        yield Problem("correction-late", message, application.path, correction.requested_line or application.line,
                      application.unit, None, severity)
