from ..registry import rule


@rule("application-overdue", "依申请公开逾期未答复", "依申请公开的申请到检查日仍未答复，且已过答复期限（20 个工作日，经批准延长再加 20 个，征求意见期间不计；条例第三十三条）。")
def check(ctx):
    for application in ctx.repo.applications:
        if not application.open_at(ctx.as_of):
            continue
        due = application.due(ctx.policy)
        if ctx.as_of > due:
            unit = ctx.repo.units.get(application.unit)
            yield ctx.at_register("application-overdue", application, (
                f"申请 {application.number}（{application.received} 收到）应在 {due} 前答复，已逾期 {(ctx.as_of - due).days} 天"
                f"{'（已计入延期）' if application.extended else ''}。请尽快答复并在登记簿填写 replied 和 outcome；"
                f"{unit.name if unit else ''}政府信息公开工作机构应说明逾期原因。"))
