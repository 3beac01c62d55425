from ...core.annual import is_annual_report, report_deadline, report_year
from ..registry import rule


@rule("annual-report-missing", "未按时发布年度报告", "过了本单位类型的截止日（部门 1 月 31 日、政府 3 月 31 日），仍没有上一年度的政府信息公开工作年度报告（条例第四十九条）。")
def check(ctx):
    year = ctx.as_of.year - 1
    report_columns = {c.id for c in ctx.catalogue.columns.values() if c.role == "annual-report"}
    reported = {i.unit for i in ctx.public if is_annual_report(i, report_columns) and report_year(i) == year}
    for unit in ctx.repo.units.values():
        deadline = report_deadline(ctx.policy, unit.kind, year)
        if deadline is None or unit.id in reported:
            continue
        if ctx.as_of > deadline:
            yield ctx.at_unit("annual-report-missing", unit, (
                f"{unit.name}应在 {deadline} 前公布{year}年政府信息公开工作年度报告，至今未见。"
                f"请在年度报告栏目发布（文件类型 kind: 年度报告），名称中写明“{year}年”。"))
