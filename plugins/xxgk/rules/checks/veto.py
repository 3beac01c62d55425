"""veto: the unit crosses a 单项否决 item of 国办秘函〔2019〕19号 that xxgk can judge — one finding each.

The counts come from ``rules.summary``; this module only words them. 站点无法访问, 互动回应差,
服务不实用, 严重表述错误 and 政务新媒体 are outside a static pipeline and are never implied.
"""

from ..registry import rule
from ..summary import short_limit_columns, unit_summary

SOURCE = "国办秘函〔2019〕19号"
LABELS = {
    "stale": "动态、要闻类栏目和通知公告、政策文件类一级栏目未按时更新",
    "long_stale": "应更新但长期未更新的栏目",
    "blank": "空白栏目",
}


def _names(statuses) -> str:
    return "、".join(s.column.name for s in statuses)


def _stale_detail(ctx, unit) -> str:
    """工作动态；政策文件（规章、行政规范性文件）：each counted column, with its stale leaves."""
    parts = []
    for column, leaves in short_limit_columns(ctx, unit):
        below = [s for s in leaves if s.column.id != column.id]
        parts.append(f"{column.name}（{_names(below)}）" if below else column.name)
    return "；".join(parts)


def _column_detail(ctx, unit, key: str) -> str:
    statuses = ctx.status_by_unit.get(unit.id, [])
    if key == "blank":
        return _names(s for s in statuses if s.state == "blank")
    return _names(s for s in statuses if s.state == "stale" and s.column.freshness == "periodic")


def _reached(summary: dict, key: str) -> str:
    return f"{summary[key]} 个，达到单项否决阈值 {summary['thresholds'][key]} 个"


def _paths(ctx, code: str, unit) -> str:
    return "、".join(sorted({f.path for f in ctx.unit_findings(code, unit.id)}))


@rule("veto", "单项否决（可判断部分）", f"单位触及《政府网站与政务新媒体检查指标》（{SOURCE}）中 xxgk 能判断的单项否决项"
      "（policy.yml veto）：首页不更新；动态要闻类和通知公告、政策文件类一级栏目未更新、长期未更新栏目、空白栏目达到阈值；"
      "伪造发稿日期（backdated）；密级标志（classified-mark）。站点无法访问、互动回应差、服务不实用、严重表述错误、"
      "政务新媒体等项目不在检查范围，须另行检查。")
def check(ctx):
    home_days = int(ctx.policy.get("home_max_days", 14))
    for unit in ctx.repo.units.values():
        summary = unit_summary(ctx, unit, run_rules=True)
        for key in summary["veto"]:
            if key == "stale":
                text = f"{LABELS[key]} {_reached(summary, key)}（{SOURCE}“栏目不更新”）：{_stale_detail(ctx, unit)}。"
            elif key in LABELS:
                text = f"{LABELS[key]} {_reached(summary, key)}（{SOURCE}“栏目不更新”）：{_column_detail(ctx, unit, key)}。"
            elif key == "home":
                text = (f"首页不更新：{home_days} 天内没有任何新的主动公开信息（{SOURCE}“首页不更新”，单项否决）。"
                        f"请尽快发布工作动态等信息。")
            elif key == "backdated":
                text = (f"{summary[key]} 条信息的发布日期早于首次提交日期，疑似伪造发稿日期（{SOURCE}“安全、泄密事故等严重问题”"
                        f"中的弄虚作假，单项否决）：{_paths(ctx, 'backdated', unit)}。请核实并改正发布日期。")
            else:  # classified
                text = (f"{summary[key]} 条信息出现密级标志或内部警示字样，上网即属泄密（{SOURCE}“安全、泄密事故等严重问题”，"
                        f"单项否决）：{_paths(ctx, 'classified-mark', unit)}。构建时这些信息暂不发布；已上网的须立即撤下并交保密审查。")
            if key in LABELS:
                text += "请优先处理上面列出的栏目。"
            yield ctx.at_unit("veto", unit, f"{unit.name}{text}")
