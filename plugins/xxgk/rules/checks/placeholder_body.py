"""An item whose body is still the template's placeholder, or empty with nothing attached:
published, the site would show a government document reading “（正文）”."""

import unicodedata

from ..registry import rule

# What a template or an editor leaves in place of the text (compared after NFKC and without
# spaces, so “(正文)”, “（ 正文 ）” and “正文” alike). A phrase that only starts the body counts
# too: “此处填写……”, “（待填写……）”.
WHOLE = {"正文", "(正文)", "(此处为正文)", "(正文内容)", "正文内容", "(请填写正文)", "todo", "tbd", "待补充", "(待补充)"}
OPENINGS = ("此处填写", "在此填写", "请在此处填写", "请在此填写", "(待填写", "(此处填写", "(请填写")


def placeholder(body: str) -> str | None:
    """The placeholder a body is, or None for a real text."""
    lines = [line.strip().lstrip("#>*-").strip() for line in body.splitlines()]
    text = "".join(unicodedata.normalize("NFKC", line) for line in lines if line).replace(" ", "")
    if text.lower() in WHOLE or text.startswith(OPENINGS):
        return next(line for line in lines if line)[:20]  # as the editor wrote it
    return None


@rule("placeholder-body", "正文未填写",
      "主动公开信息的正文仍是“（正文）”“此处填写……”等模板占位文字，或正文为空且没有附件：阻断发布。")
def check(ctx):
    for item in ctx.repo.items:
        if item.mode != "主动公开":
            continue
        found = placeholder(item.body)
        if found:
            yield ctx.at_item("placeholder-body", item, f"正文仍是占位文字“{found}”：请写入信息的正文"
                              "（或删去正文、列出附件 attachments），再发布。", line=item.body_line)
        elif not item.body.strip() and not item.attachments:
            yield ctx.at_item("placeholder-body", item, "正文为空，也没有附件：请写入正文或列出附件"
                              "（attachments）后再发布。", line=item.body_line)
