from ...core.published import resolve
from ..registry import rule

RULE = "interpretation-target"


@rule(RULE, "解读对象不存在或未公开",
      "政策解读 interprets 所填的索引号不存在，或该文件不在网站上（依申请公开、不予公开、草稿、尚未到发布日期）；"
      "分片检查时其他单位的文件按其已发布数据（data/<单位>.json）核对。")
def check(ctx):
    for item in ctx.public:
        if not item.interprets:
            continue
        ref = resolve(ctx.repo, item.interprets)
        if ref.state == "missing":
            yield ctx.at_item(RULE, item, (
                f"解读对象索引号 {item.interprets} 不存在{_where(ctx, ref)}。请填写被解读文件的索引号。"), field=("interprets",))
        elif ref.state == "item" and not ref.item.is_public(ctx.as_of):
            yield ctx.at_item(RULE, item, (
                f"解读对象 {ref.item.path} 不在网站上（{_why(ref.item)}），公众看不到被解读的文件。"
                f"请先公开该文件，或改填已公开文件的索引号。"), field=("interprets",))


def _where(ctx, ref) -> str:
    if ref.unit and ref.unit not in ctx.repo.units:
        return f"（{ctx.catalogue.units[ref.unit].name}已发布的数据中没有）"
    return ""


def _why(item) -> str:
    return "草稿" if item.draft else (f"定于 {item.published} 发布" if item.mode == "主动公开" else item.mode)
