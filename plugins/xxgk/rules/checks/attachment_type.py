from ...core.catalogue import SCRIPT_CAPABLE
from ..registry import rule


@rule("attachment-type", "附件格式不允许",
      "附件（列出的，或正文链接的同目录文件）的文件类型不在 policy.yml attachment_types 允许的格式中，或是网页、脚本、SVG 等浏览器会执行的格式。")
def check(ctx):
    allowed = {t.lower() for t in ctx.policy.get("attachment_types", ())} - SCRIPT_CAPABLE
    for item in ctx.repo.items:
        for number, attachment in enumerate(item.attachments):
            if attachment.suffix in allowed:
                continue
            how = "正文链接的文件" if attachment.linked else "附件"
            why = ("不允许上网：网页、脚本、矢量图、可执行文件等格式会被浏览器或电脑直接执行，可能被用来注入脚本，"
                   if attachment.suffix in SCRIPT_CAPABLE else "不允许上网，")
            yield ctx.at_item("attachment-type", item, (
                f"{how} {attachment.file} 的格式“{attachment.suffix or '无扩展名'}”{why}"
                f"请转换为 {', '.join(sorted(allowed))} 之一。"),
                line=attachment.line, field=None if attachment.linked else ("attachments", number))
