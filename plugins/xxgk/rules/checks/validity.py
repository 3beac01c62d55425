from ...core.published import resolve
from ..registry import rule


@rule("validity", "有效性标注不完整", "失效、废止、已修订的文件缺少日期或说明，或所填替代文件的索引号不存在（政府网站发展指引）。")
def check(ctx):
    for item in ctx.repo.items:
        validity = item.validity
        if validity.status == "有效":
            if validity.replaced_by:
                yield ctx.at_item("validity", item, "有效的文件不应填写 replaced_by；文件被替代时请把 status 改为废止或已修订。",
                                  field=("validity", "replaced_by"))
            continue
        missing = [label for label, value in (("日期 date", validity.date), ("说明 note", validity.note)) if not value]
        if missing:
            yield ctx.at_item("validity", item, f"有效性为“{validity.status}”，须写明{'和'.join(missing)}，"
                              "让公众知道何时、为何不再有效。", field=("validity",))
        # another unit's document, in a shard: from its published data; unverified: reference-unverified
        if validity.replaced_by and resolve(ctx.repo, validity.replaced_by).state == "missing":
            yield ctx.at_item("validity", item, f"替代文件索引号 {validity.replaced_by} 不存在，请填写现行文件的索引号。",
                              field=("validity", "replaced_by"))
