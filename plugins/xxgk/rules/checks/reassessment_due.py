from .withheld_record import WITHHELD
from ...core.problems import WARNING
from ..registry import rule


@rule("reassessment-due", "不予公开信息到期未评估", "不予公开的信息已过下次评估审查日期 reassess_by（条例第十八条：定期评估审查，因情势变化可以公开的应当公开；提醒）。",
      severity=WARNING)
def check(ctx):
    for item in ctx.repo.items:
        if item.mode != WITHHELD or item.reassess_by is None or ctx.as_of <= item.reassess_by:
            continue
        yield ctx.at_item("reassessment-due", item, (
            f"不予公开的“{item.title}”应在 {item.reassess_by} 前评估审查，已过 {(ctx.as_of - item.reassess_by).days} 天"
            f"（条例第十八条）。评估后仍不予公开的，把 reassess_by 改为下次评估日期；因情势变化可以公开的，"
            f"改为 mode: 主动公开，删去 basis 和 reassess_by，经保密审查后发布。"), field=("reassess_by",))
