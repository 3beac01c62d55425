from ...core.applications import LAPSED
from ...core.problems import WARNING, Problem
from ..registry import rule


@rule("correction-lapsed", "补正期限已过", "要求补正的申请已过告知书给出的补正期限，申请人仍未补正，登记簿尚未办结（条例第三十条：无正当理由逾期不补正的，视为放弃申请）。",
      severity=WARNING)
def check(ctx):
    for application in ctx.repo.applications:
        correction = application.correction
        if (correction is None or correction.received is not None or correction.deadline is None
                or ctx.as_of <= correction.deadline or not application.open_at(ctx.as_of)):
            continue
        yield Problem("correction-lapsed", (
            f"申请 {application.number} 的补正期限 {correction.deadline} 已过，申请人尚未补正。无正当理由逾期不补正的，"
            f"视为放弃申请（条例第三十条）：请在登记簿填写 replied（告知不再处理的日期）和 outcome: {LAPSED}；"
            f"申请人有正当理由的，把 correction.deadline 改为重新给出的补正期限。"),
            application.path, correction.deadline_line or application.line, application.unit)
