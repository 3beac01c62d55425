import re

from ..registry import rule

UNSAFE = re.compile(
    r"<\s*(?:script|iframe|object|embed)\b"  # active content
    r"|<[^>\n]*[\s/\"']on[a-z]+\s*="  # inline event handlers (browsers accept / or a quote before them)
    r"|(?:\]\(|(?:href|src)\s*=\s*[\"']?|^[ \t]*\[[^\]\n]+\]:)\s*<?\s*javascript\s*:"  # javascript: links, reference-style too
    r"|(?:href|src)\s*=\s*[\"']?\s*&#",  # an entity-encoded URL hides its scheme
    re.I | re.M,
)


@rule("unsafe-html", "不安全的 HTML", "正文含 <script>、<iframe>、内联事件（onclick= 等）或 javascript: 链接。")
def check(ctx):
    for item in ctx.repo.items:
        for match in UNSAFE.finditer(item.body):
            yield ctx.at_item("unsafe-html", item, (
                f"正文含不安全的 HTML“{match.group(0).strip()}”，政府网站不得嵌入脚本或框架。请删除；"
                f"需要展示的内容改用 Markdown 或附件。"), line=ctx.body_line(item, match.start()))
