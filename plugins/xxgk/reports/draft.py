"""A draft of the unit's own text (``_annual/<year>/report.md``): the headings the annual report
needs, section 一 split into the template's five sub-topics, and the figures the repository knows."""

from __future__ import annotations

from ..core.annual import ANNUAL_DIR, PLACEHOLDER, is_government
from ..core.applications import OUTCOME_GROUPS
from ..core.model import Repository
from .annual import annual_report


def _published(repo: Repository, unit_id: str, year: int) -> str:
    unit = repo.units[unit_id]
    items = [i for i in repo.items if i.unit == unit_id and i.mode == "主动公开" and not i.draft
             and i.published.year == year]
    counts = [(c.name, n) for c in repo.catalogue.columns_for(unit) if (n := sum(i.column == c.id for i in items))]
    listed = "，其中" + "、".join(f"{name} {n} 条" for name, n in counts) if counts else ""
    return f"{year}年，本机关主动公开政府信息 {len(items)} 条{listed}。"


def _applications(rows) -> str:
    total = "总计"
    groups = []
    for group, subs in OUTCOME_GROUPS:
        keys = [group] if not subs else [f"{group}/{s}" for s in subs]
        if n := sum(rows[k][total] for k in keys):
            groups.append(f"{group} {n} 件")
    detail = "，其中" + "、".join(groups) if groups else ""
    return (f"本年新收政府信息公开申请 {rows['new'][total]} 件，上年结转 {rows['carried_in'][total]} 件；"
            f"办结 {rows['replied_total'][total]} 件{detail}；结转下年度继续办理 {rows['carried_out'][total]} 件。")


def draft_sections(repo: Repository, unit_id: str, year: int) -> tuple[str, str]:
    """(path, text) of the draft; the caller writes it only where no report.md exists."""
    report = annual_report(repo, unit_id, year)
    docs = "、".join(f"{r.kind} {r.issued} 件" for r in report.documents)
    results = "，以及工作考核、社会评议和责任追究结果情况（条例第五十条第四项）" if is_government(repo.units[unit_id]) else ""
    todo = PLACEHOLDER + "："
    text = "\n".join([
        "## 一、总体情况", "",
        f"{todo}综述本机关{year}年贯彻落实《中华人民共和国政府信息公开条例》的情况。）", "",
        "### （一）主动公开", "",
        f"{_published(repo, unit_id, year)}本年制发{docs}。{todo}重点领域信息公开、政策解读等情况。）", "",
        "### （二）依申请公开", "",
        f"{_applications(report.applications)}{todo}受理、办理和答复情况。）", "",
        "### （三）政府信息管理", "",
        f"{todo}公开前审查、行政规范性文件清理和有效性标注等情况。）", "",
        "### （四）平台建设", "",
        f"{todo}政府信息公开平台、政府网站和政务新媒体建设情况。）", "",
        "### （五）监督保障", "",
        f"{todo}工作机构、培训和监督检查情况{results}。）", "",
        "## 五、存在的主要问题及改进情况", "",
        f"{todo}上年度问题的整改情况，本年度存在的主要问题和改进措施。）", "",
        "## 六、其他需要报告的事项", "",
        f"{todo}本机关认为需要报告的其他事项；信息处理费的收取情况由系统按登记簿生成，不必再写。）", "",
    ])
    return f"content/{unit_id}/{ANNUAL_DIR}/{year}/report.md", text
