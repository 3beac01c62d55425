from ..registry import rule


@rule("missing-review", "缺少保密审查记录", "主动公开信息没有完整的保密审查记录（审查人、日期、结论），或审查日期早于生成日期、晚于发布日期。")
def check(ctx):
    for item in ctx.repo.items:
        if item.mode != "主动公开":
            continue
        review = item.review
        if review is None:
            yield ctx.at_item("missing-review", item, "缺少保密审查记录 review（审查人 reviewer、日期 date、结论 result），"
                              "“先审查、后公开”，请补充后再发布。", line=1)
            continue
        missing = [label for label, value in (("审查人 reviewer", review.reviewer), ("日期 date", review.date),
                                              ("结论 result", review.result)) if not value]
        if missing:
            yield ctx.at_item("missing-review", item, f"保密审查记录缺少{'、'.join(missing)}，请补充。", field=("review",))
        elif review.date < item.formed:
            yield ctx.at_item("missing-review", item, f"保密审查日期 {review.date} 早于生成日期 {item.formed}，"
                              "审查的应是成文后的信息，请核对。", field=("review", "date"))
        elif review.date > item.published:
            yield ctx.at_item("missing-review", item, f"保密审查日期 {review.date} 晚于发布日期 {item.published}，"
                              "应先审查、后公开，请核对。", field=("review", "date"))
