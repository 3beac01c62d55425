from ..registry import rule


@rule("attachment-type", "附件格式不允许", "附件的文件类型不在 policy.yml attachment_types 允许的办公格式中。")
def check(ctx):
    allowed = {t.lower() for t in ctx.policy.get("attachment_types", ())}
    for item in ctx.repo.items:
        for number, attachment in enumerate(item.attachments):
            if attachment.suffix not in allowed:
                yield ctx.at_item("attachment-type", item, (
                    f"附件 {attachment.file} 的格式“{attachment.suffix or '无扩展名'}”不允许上网，"
                    f"请转换为 {', '.join(sorted(allowed))} 之一。"), field=("attachments", number))
