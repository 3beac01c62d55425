from ..registry import rule

WITHHELD = "不予公开"


@rule("withheld-record", "不予公开记录不全", "不予公开的信息缺少法律依据 basis 或下次评估审查日期 reassess_by，依据不在 policy.yml 的 withheld_basis 中，或其他公开方式的信息填写了这两项（条例第十四至十六条、第十八条）。")
def check(ctx):
    grounds = [str(g) for g in ctx.policy.get("withheld_basis") or ()]
    choices = "、".join(grounds)
    for item in ctx.repo.items:
        if item.mode != WITHHELD:
            for key, given in (("basis", item.basis), ("reassess_by", item.reassess_by)):
                if given:
                    yield ctx.at_item("withheld-record", item, (
                        f"{key} 只用于 mode: 不予公开 的信息；本信息为{item.mode}，请删去该行。"), field=(key,))
            continue
        if not item.basis:
            yield ctx.at_item("withheld-record", item, (
                f"不予公开的信息须写明法律依据 basis（列表，可多项），取值：{choices}"
                f"（条例第十四至十六条；可选值见 catalogue/policy.yml 的 withheld_basis）。"),
                line=ctx.field_line(item, ("basis",)) or ctx.field_line(item, ("mode",)))
        for number, ground in enumerate(item.basis):
            if ground not in grounds:
                yield ctx.at_item("withheld-record", item, (
                    f"不予公开依据“{ground}”不在 catalogue/policy.yml 的 withheld_basis 中，应为：{choices}。"),
                    field=("basis", number))
        if item.reassess_by is None:
            yield ctx.at_item("withheld-record", item, (
                "不予公开的信息须写明下次评估审查日期 reassess_by（YYYY-MM-DD）：对不予公开的信息定期评估审查，"
                "因情势变化可以公开的应当公开（条例第十八条）。"), field=("mode",))
        elif item.reassess_by < item.formed:
            yield ctx.at_item("withheld-record", item, (
                f"下次评估审查日期 {item.reassess_by} 早于生成日期 {item.formed}，请核对。"), field=("reassess_by",))
