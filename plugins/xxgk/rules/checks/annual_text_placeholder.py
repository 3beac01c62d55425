from ...core.annual import line_of, PLACEHOLDER
from ...core.problems import WARNING, Problem
from ..registry import rule


@rule("annual-text-placeholder", "年报文字仍是草稿",
      "report.md 中还有草稿留下的“（待填写……）”，生成的年度报告会原样印出。", severity=WARNING)
def check(ctx):
    for (unit_id, year), data in sorted(ctx.repo.annual.items()):
        if any(PLACEHOLDER in text for text in data.sections.values()):
            yield Problem("annual-text-placeholder", (
                f"{year}年 report.md 还有“{PLACEHOLDER}……）”：请改写成本单位的实际情况后再生成年度报告。"),
                data.sections_path, line_of(ctx.repo.root, data.sections_path, PLACEHOLDER), unit_id, None, WARNING)
