import os

from ...core.links import local_links
from ...core.published import outside_unit
from ..registry import rule


@rule("broken-link", "链接失效", "正文中的相对链接指向不存在的页面或文件。")
def check(ctx):
    for item in ctx.repo.items:
        if "](" not in item.body and "href" not in item.body and "src" not in item.body:
            continue
        for link in local_links(item.body, item.path):
            if outside_unit(ctx.repo, link.path):
                continue  # a unit outside the shard: never looked at (reference-unverified says so)
            outside = link.path == ".." or link.path.startswith("../")
            if outside or not os.path.isfile(os.path.join(ctx.repo.root, link.path)):
                yield ctx.at_item("broken-link", item, (
                    f"链接“{link.target}”指向的 {link.path} 不存在。请改为本信息目录下的附件文件名，"
                    f"或其他信息的 .md 文件的相对路径。"), line=ctx.body_line(item, link.offset))
