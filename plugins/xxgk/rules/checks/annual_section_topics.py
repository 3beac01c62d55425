from ...core.annual import line_of, GOVERNMENT_RESULTS, SECTION_ONE_TOPICS, is_government
from ...core.problems import WARNING, Problem
from ..registry import rule


@rule("annual-section-topics", "年报总体情况缺少要点",
      "report.md 的“一、总体情况”没有写到主动公开、依申请公开、政府信息管理、平台建设、监督保障中的某项"
      "（国办公开办函〔2021〕30号）；人民政府还缺工作考核、社会评议和责任追究结果（条例第五十条第四项）。",
      severity=WARNING)
def check(ctx):
    for (unit_id, year), data in sorted(ctx.repo.annual.items()):
        one = data.sections.get("一")
        unit = ctx.repo.units.get(unit_id)
        if not one or unit is None:
            continue
        parts = []
        missing = [topic for topic in SECTION_ONE_TOPICS if topic not in one]
        if missing:
            parts.append(f"{year}年 report.md 的“一、总体情况”缺少{'、'.join(missing)}。"
                         "年度报告格式（国办公开办函〔2021〕30号）要求总体情况分项报告，"
                         f"请各写一段，如“（{'一二三四五'[SECTION_ONE_TOPICS.index(missing[0])]}）{missing[0]}”。")
        results = [word for word in GOVERNMENT_RESULTS if word not in one] if is_government(unit) else []
        if results:
            parts.append(f"人民政府的年度报告还应包括工作考核、社会评议和责任追究结果情况（条例第五十条第四项），"
                         f"“一、总体情况”未写到{'、'.join(results)}：请写在“（五）监督保障”中。")
        if parts:
            yield Problem("annual-section-topics", "".join(parts), data.sections_path,
                          line_of(ctx.repo.root, data.sections_path, "## 一、"), unit_id, None, WARNING)
