from ..registry import rule
from ..summary import unit_summary


@rule("veto", "单项否决", "单位的未更新栏目、长期未更新栏目或空白栏目数达到 policy.yml veto 阈值。")
def check(ctx):
    for unit in ctx.repo.units.values():
        summary = unit_summary(ctx, unit)
        for key, label in (("stale", "动态要闻类和通知公告、政策文件类栏目未按时更新"),
                           ("long_stale", "应更新栏目长期未更新"), ("blank", "空白栏目")):
            if key in summary["veto"]:
                yield ctx.at_unit("veto", unit, (
                    f"{unit.name}{label} {summary[key]} 个，达到单项否决阈值 {summary['thresholds'][key]} 个。"
                    f"请优先处理上面列出的栏目。"
                ))
