"""References that leave a shard and cannot be checked there (core.published)."""

from ...core.links import local_links
from ...core.problems import WARNING
from ...core.published import outside_unit, resolve
from ..registry import rule

RULE = "reference-unverified"
FIX = "请设置 XXGK_PUBLISHED（或 --published）为上一次构建的站点目录，或做完整检查。"


@rule(RULE, "跨单位引用无法核实",
      "分片检查（只载入部分单位）时，interprets 或 validity.replaced_by 指向未载入的单位，而没有该单位的已发布数据"
      "（data/<单位>.json）可以核对；正文链接到未载入单位的文件（分片从不读取，合并或完整检查时核对）为警告。")
def check(ctx):
    repo = ctx.repo
    if repo.units_loaded is None:
        return
    for item in repo.items:
        for field, index in ((("interprets",), item.interprets), (("validity", "replaced_by"), item.validity.replaced_by)):
            if not index:
                continue
            ref = resolve(repo, index)
            if ref.state == "unverified":
                whose = repo.catalogue.units[ref.unit].name if ref.unit else "未载入的单位"
                yield ctx.at_item(RULE, item, (
                    f"{'.'.join(field)} 所填的 {index} 属于{whose}，本次只载入了 {'、'.join(sorted(repo.units_loaded))}，"
                    f"且没有其已发布数据，无法核实该文件存在并已公开。{FIX}"), field=field)
        if "](" not in item.body and "href" not in item.body and "src" not in item.body:
            continue
        for link in local_links(item.body, item.path):
            unit = outside_unit(repo, link.path)
            if unit:
                yield ctx.at_item(RULE, item, (
                    f"链接“{link.target}”指向未载入的单位 {unit} 的 {link.path}；分片检查不读取其他单位的文件，"
                    f"该链接在合并或完整检查时核对。"), line=ctx.body_line(item, link.offset), severity=WARNING)

