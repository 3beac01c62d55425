from ..registry import rule


@rule("index-changed", "索引号被更改", "与 --base 相比，已存在的信息的索引号变了：索引号发布后不得更改。", needs_git=True)
def check(ctx):
    if ctx.base is None:
        return
    for item in ctx.repo.items:
        before = ctx.base_indexes.get(item.path)
        if before is not None and before != item.index:
            yield ctx.at_item("index-changed", item, (
                f"索引号由 {before} 改成了 {item.index}。索引号一经发布不得更改，请改回 {before}；"
                f"如确需新编号，应作为新信息发布并把原信息标注为废止。"), field=("index",))
