from ..registry import rule
from ..workday_findings import by_calendar


@rule("application-overdue", "依申请公开逾期未答复", "依申请公开的申请到检查日仍未答复，且已过答复期限（20 个工作日，经批准延长再加 20 个，征求意见期间不计；要求补正的自收到补正申请之日起计算；条例第三十条、第三十三条）。")
def check(ctx):
    for application in ctx.repo.applications:
        deadline = application.deadline(ctx.policy)
        if deadline is None or not application.open_at(ctx.as_of):
            continue  # a requested correction has not come in: the reply period has not started
        due, known = deadline
        if ctx.as_of > due:
            unit = ctx.repo.units.get(application.unit)
            start = (f"{application.correction.received} 收到补正申请" if application.correction
                     else f"{application.received} 收到")
            message, severity = by_calendar((
                f"申请 {application.number}（{start}）应在 {due} 前答复，已逾期 {(ctx.as_of - due).days} 天"
                f"{'（已计入延期）' if application.extended else ''}。请尽快答复并在登记簿填写 replied 和 outcome；"
                f"{unit.name if unit else ''}政府信息公开工作机构应说明逾期原因。"), known)
            yield ctx.at_register("application-overdue", application, message, severity)
