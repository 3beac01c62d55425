"""Annual reports as Markdown bodies (bulletins: bulletin_markdown.py); HTML tables where the national format needs
merged header cells (Markdown tables cannot span)."""

from __future__ import annotations

from datetime import date
from html import escape

from ..core.applications import APPLICANTS, OUTCOME_GROUPS
from .annual import TOTAL, AnnualReport

CN_NUMBERS = "一二三四五六七八九十"
CASE_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
CASE_KEYS = ("upheld", "corrected", "other", "pending", "total")
LEGAL_PERSONS = APPLICANTS[1:]
# Row labels of table 三 where the template's wording is longer than the register's value
# (国办公开办函〔2021〕30号 表三: a partly disclosed reply counts only here).
GROUP_LABELS = {"部分公开": "部分公开（区分处理的，只计这一情形，不计其他情形）"}


def _cells(values, tag="td") -> str:
    return "".join(f"<{tag}>{escape(str(v))}</{tag}>" for v in values)


# -- annual report --------------------------------------------------------------------------------

def _amount(value: float) -> str:
    """万元 amounts as written: no exponent, no rounding of the cents (12345.67, 3.42, 0)."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _table_two(report: AnnualReport) -> str:
    docs = "".join(f"<tr><th scope=\"row\">{escape(r.kind)}</th>{_cells((r.issued, r.repealed, r.in_force))}</tr>"
                   for r in report.documents)
    d = report.decisions
    return (
        "<table class=\"xxgk-report\">"
        "<thead><tr><th scope=\"col\" colspan=\"4\">第二十条第（一）项</th></tr>"
        "<tr><th scope=\"col\">信息内容</th><th scope=\"col\">本年制发件数</th><th scope=\"col\">本年废止件数</th>"
        "<th scope=\"col\">现行有效件数</th></tr></thead>"
        f"<tbody>{docs}</tbody>"
        # Later parts as row groups: a table has one <thead>; each part repeats its headers.
        "<tbody><tr><th scope=\"colgroup\" colspan=\"4\">第二十条第（五）项</th></tr>"
        "<tr><th scope=\"col\">信息内容</th><th scope=\"col\" colspan=\"3\">本年处理决定数量</th></tr>"
        f"<tr><th scope=\"row\">行政许可</th><td colspan=\"3\">{d['licensing']}</td></tr></tbody>"
        "<tbody><tr><th scope=\"colgroup\" colspan=\"4\">第二十条第（六）项</th></tr>"
        "<tr><th scope=\"col\">信息内容</th><th scope=\"col\" colspan=\"3\">本年处理决定数量</th></tr>"
        f"<tr><th scope=\"row\">行政处罚</th><td colspan=\"3\">{d['punishment']}</td></tr>"
        f"<tr><th scope=\"row\">行政强制</th><td colspan=\"3\">{d['enforcement']}</td></tr></tbody>"
        "<tbody><tr><th scope=\"colgroup\" colspan=\"4\">第二十条第（八）项</th></tr>"
        "<tr><th scope=\"col\">信息内容</th><th scope=\"col\" colspan=\"3\">本年收费金额（单位：万元）</th></tr>"
        f"<tr><th scope=\"row\">行政事业性收费</th><td colspan=\"3\">{_amount(report.fees_10k_yuan)}</td></tr></tbody>"
        "</table>"
    )


def _long_date(text: str) -> str:
    day = date.fromisoformat(text)
    return f"{day.year}年{day.month}月{day.day}日"


def _table_two_note(report: AnnualReport) -> str:
    """How 现行有效件数 follows from last year's (the template's columns alone do not say it): one line
    per kind with anything to count, the routes out of force, and the opening balance used."""
    lines = []
    for r in report.documents:
        if r.opening:
            lines.append(f"{r.kind}上年末现行有效件数按期初数 {r.opening['count']} 件（截至{_long_date(r.opening['as_of'])}，"
                         f"来源：{r.opening['source']}）结转。")
        if not (r.previous or r.issued or r.repealed or r.in_force):
            continue
        line = (f"{r.kind}：上年末现行有效 {r.previous} 件 + 本年制发 {r.issued} 件 − 本年废止 {r.repealed} 件"
                f" = 现行有效 {r.in_force} 件")
        if r.repealed:
            line += "；本年废止 {} 件中{}".format(r.repealed, "、".join(f"{k} {n} 件" for k, n in r.left_by.items()))
        lines.append(line + "。")
    if not lines:
        return ""
    return "注：本年废止件数含本年失效、已修订的文件。" + "".join(lines)


def _table_three(report: AnnualReport) -> str:
    rows = report.applications
    order = (*APPLICANTS, TOTAL)

    def row(label: str, key: str, colspan: int = 3) -> str:
        return f"<tr><th scope=\"row\" colspan=\"{colspan}\">{escape(label)}</th>{_cells(rows[key][k] for k in order)}</tr>"

    body = [row("一、本年新收政府信息公开申请数量", "new"), row("二、上年结转政府信息公开申请数量", "carried_in")]
    outcome_rows = []
    for n, (group, subs) in enumerate(OUTCOME_GROUPS):
        label = f"（{CN_NUMBERS[n]}）{GROUP_LABELS.get(group, group)}"
        if not subs:
            outcome_rows.append(("", label, group, 2))
        for m, sub in enumerate(subs, start=1):
            outcome_rows.append((label if m == 1 else None, f"{m}.{sub}", f"{group}/{sub}", 1, len(subs)))
    span = len(outcome_rows) + 1
    first = True
    for entry in outcome_rows:
        cells = f"<th scope=\"rowgroup\" rowspan=\"{span}\">三、本年度办理结果</th>" if first else ""
        first = False
        if len(entry) == 4:  # a group without sub-rows
            _, label, key, colspan = entry
            body.append(f"<tr>{cells}<th scope=\"row\" colspan=\"2\">{escape(label)}</th>{_cells(rows[key][k] for k in order)}</tr>")
        else:
            group_label, label, key, _, count = entry
            group_cell = f"<th scope=\"rowgroup\" rowspan=\"{count}\">{escape(group_label)}</th>" if group_label else ""
            body.append(f"<tr>{cells}{group_cell}<th scope=\"row\">{escape(label)}</th>{_cells(rows[key][k] for k in order)}</tr>")
    body.append(f"<tr><th scope=\"row\" colspan=\"2\">（七）总计</th>{_cells(rows['replied_total'][k] for k in order)}</tr>")
    body.append(row("四、结转下年度继续办理", "carried_out"))
    head = (
        "<thead><tr><th scope=\"col\" colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>"
        "<th scope=\"colgroup\" colspan=\"7\">申请人情况</th></tr>"
        "<tr><th scope=\"col\" rowspan=\"2\">自然人</th><th scope=\"colgroup\" colspan=\"5\">法人或其他组织</th>"
        "<th scope=\"col\" rowspan=\"2\">总计</th></tr>"
        "<tr>" + _cells(LEGAL_PERSONS, "th").replace("<th>", "<th scope=\"col\">") + "</tr></thead>"
    )
    return f"<table class=\"xxgk-report\">{head}<tbody>{''.join(body)}</tbody></table>"


def _table_four(report: AnnualReport) -> str:
    c = report.cases
    # The template's three header rows: 行政复议 | 行政诉讼; 行政复议's five results (two rows tall)
    # beside 未经复议直接起诉 | 复议后起诉; the ten results of 行政诉讼.
    review = _cells(CASE_LABELS, "th").replace("<th>", "<th scope=\"col\" rowspan=\"2\">")
    head = (
        "<thead><tr><th scope=\"colgroup\" colspan=\"5\">行政复议</th>"
        "<th scope=\"colgroup\" colspan=\"10\">行政诉讼</th></tr>"
        f"<tr>{review}<th scope=\"colgroup\" colspan=\"5\">未经复议直接起诉</th>"
        "<th scope=\"colgroup\" colspan=\"5\">复议后起诉</th></tr>"
        "<tr>" + (_cells(CASE_LABELS * 2, "th").replace("<th>", "<th scope=\"col\">")) + "</tr></thead>"
    )
    values = [c[group][key] for group in ("review", "litigation_direct", "litigation_after_review") for key in CASE_KEYS]
    return f"<table class=\"xxgk-report\">{head}<tbody><tr>{_cells(values)}</tr></tbody></table>"


def _fees_sentence(report: AnnualReport) -> str:
    """Section 六 reports the 信息处理费 charged (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号)."""
    fees = report.information_fees
    if not fees["applications"]:
        return "本年度未收取信息处理费。"
    return f"本年度共收取信息处理费 {_amount(fees['yuan'])} 元（{fees['applications']} 件申请）。"


def _wrap(table: str, label: str) -> str:
    """Wide tables scroll on a phone instead of breaking the page; the region is keyboard-reachable."""
    return f'<div class="xxgk-table-wrap" tabindex="0" role="region" aria-label="{escape(label)}">{table}</div>'


def annual_body(report: AnnualReport, unit_name: str) -> str:
    s = report.sections
    parts = [
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发"
        f"〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
        f"报告所列数据的统计期限为{report.year}年1月1日至{report.year}年12月31日。",
        "", "## 一、总体情况", "", s.get("一", "（待填写）"),
        "", "## 二、主动公开政府信息情况", "", _wrap(_table_two(report), "主动公开政府信息情况"),
        *(("", note) if (note := _table_two_note(report)) else ()),
        "", "## 三、收到和处理政府信息公开申请情况", "", _wrap(_table_three(report), "收到和处理政府信息公开申请情况"),
        "", "## 四、政府信息公开行政复议、行政诉讼情况", "", _wrap(_table_four(report), "行政复议、行政诉讼情况"),
        "", "## 五、存在的主要问题及改进情况", "", s.get("五", "（待填写）"),
        "", "## 六、其他需要报告的事项", "", _fees_sentence(report), "", s.get("六", "（待填写）"), "",
    ]
    return "\n".join(parts)
