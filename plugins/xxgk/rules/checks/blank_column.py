from ..registry import rule


@rule("blank-column", "空白栏目", "适用于本单位类型的栏目从未有过主动公开信息（有栏目无内容）。")
def check(ctx):
    for status in ctx.column_status.values():
        if status.state == "blank":
            yield ctx.at_unit("blank-column", status.unit, (
                f"栏目“{status.column.name}”没有任何已发布的信息（空白栏目）。请发布该栏目的信息；"
                f"确不适用于本单位的，在 {status.unit.path} 中以 columns: {{{status.column.id}: {{enabled: false, reason: 理由}}}} 关闭。"
            ), status.column)
