"""attachment-unscanned: a public item's attachment that the content scanners could not read.

personal-data and classified-mark can only vouch for what they read. An attachment they cannot
read (a type with no reader, an archive not inspectable, over the size cap, damaged, encrypted,
a scan without a text layer) is reported here, from the reasons rules/texts.py recorded while
reading it once for every scanner; nothing is read twice.

Judged like personal-data: attachments of items in 主动公开 that are not drafts. Types the policy
refuses (``attachment_types``) are left to attachment-type; missing files to missing-attachment;
pictures have no text layer and are not reported.
"""

from ..registry import rule
from ..texts import scan_attachment

RULE = "attachment-unscanned"
SHOWN = 5  # reasons named in one message


@rule(RULE, "附件无法检查", "公开信息的附件无法读取其中的文字（格式不可读、压缩包无法检查、超过检查上限、已损坏、"
            "已加密或没有文字层），无法确认其中没有未去标识化的个人信息或密级标志。")
def check(ctx):
    allowed = {str(t).lower() for t in ctx.policy.get("attachment_types", ())}
    seen: set[str] = set()
    for item in ctx.repo.items:
        if item.mode != "主动公开" or item.draft:
            continue
        for attachment in item.attachments:
            if attachment.size is None or attachment.suffix not in allowed or attachment.source in seen:
                continue
            seen.add(attachment.source)
            reasons = scan_attachment(ctx, attachment).unscanned
            if not reasons:
                continue
            named = "；".join(reasons[:SHOWN]) + (f"；另有 {len(reasons) - SHOWN} 处" if len(reasons) > SHOWN else "")
            title = f"（{attachment.title}）" if attachment.title != attachment.file else ""
            yield ctx.at_item(RULE, item, (
                f"附件 {attachment.file}{title} 无法检查：{named}。无法确认其中没有未去标识化的个人信息或密级标志，"
                f"不能公开。请转换为可检查的格式（带文字层的 PDF、docx、xlsx、csv 或 txt）后替换该附件，"
                f"压缩包请改为 zip 并只放这些格式的文件；确实不需要公开的，从 attachments 中删去。"), path=attachment.source)
