from datetime import timedelta

from ..registry import rule

TOLERANCE = timedelta(days=1)


@rule("backdated", "发布日期早于提交日期", "发布日期早于首次提交该文件的日期（容差一天；标注 migrated 的历史信息除外）：疑似伪造发稿日期。",
      needs_git=True)
def check(ctx):
    added = ctx.git_added
    for item in ctx.repo.items:
        if item.migrated:
            continue
        first = added.get(item.path, ctx.as_of)  # not committed yet: it is being added now
        if item.published < first - TOLERANCE:
            yield ctx.at_item("backdated", item, (
                f"发布日期 {item.published} 早于该文件首次提交的日期 {first}，属于倒填发稿日期（伪造发稿日期为单项否决项）。"
                f"请把发布日期改为实际上网日期；确属从旧平台迁移的历史信息，请标注 migrated: true。"), field=("published",))
