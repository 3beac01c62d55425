from ...core.links import local_links
from ..registry import rule

RULE = "non-public-attachment"


@rule(RULE, "引用非公开信息的附件",
      "主动公开的信息列出或链接了一个文件，而该文件属于不上网的信息（依申请公开、不予公开、草稿或尚未到发布日期）：该文件从不发布。")
def check(ctx):
    owners = {}  # file → the first non-public item listing or linking it
    for item in ctx.repo.items:
        if not item.is_public(ctx.as_of):
            for attachment in item.attachments:
                owners.setdefault(attachment.source, item)
    if not owners:
        return
    for item in ctx.public:
        reported = set()
        for number, attachment in enumerate(item.attachments):
            owner = owners.get(attachment.source)
            if owner is not None:
                reported.add(attachment.source)
                yield _finding(ctx, item, attachment.file, owner, attachment.line,
                               None if attachment.linked else ("attachments", number))
        for link in local_links(item.body, item.path) if "](" in item.body or "src" in item.body or "href" in item.body else ():
            owner = owners.get(link.path)
            if owner is not None and link.path not in reported:
                reported.add(link.path)
                yield _finding(ctx, item, link.path, owner, ctx.body_line(item, link.offset), None)


def _finding(ctx, item, name, owner, line, field):
    why = "草稿" if owner.draft else (f"定于 {owner.published} 发布" if owner.mode == "主动公开" else owner.mode)
    return ctx.at_item(RULE, item, (
        f"引用的文件 {name} 属于不上网的信息 {owner.path}（{why}）。该文件不会随本信息发布，本信息也暂不发布；"
        f"如确需公开，请将文件复制一份放到本信息目录，经保密审查后列入本信息的 attachments。"), line=line, field=field)
