from ...core.applications import LAPSED, STILL_UNCLEAR
from ...core.problems import WARNING
from ..registry import rule


@rule("correction-unrecorded", "缺少补正记录", "办理结果为“逾期不补正”或“补正后申请内容仍不明确”的申请，登记簿没有记录补正（correction：告知补正日期，及收到补正申请的日期；条例第三十条）。",
      severity=WARNING)
def check(ctx):
    # A warning, not a schema error: registers kept before the field existed stay counted.
    for application in ctx.repo.applications:
        if application.correction is None and application.outcome in (LAPSED, STILL_UNCLEAR):
            needed = "correction.requested（告知补正日期）" + (
                "和 correction.received（收到补正申请日期）" if application.outcome == STILL_UNCLEAR else "")
            yield ctx.at_register("correction-unrecorded", application, (
                f"申请 {application.number} 的办理结果为“{application.outcome.split('/')[1]}”，"
                f"须先告知申请人补正（条例第三十条）：请在登记簿补记 {needed}。"))
