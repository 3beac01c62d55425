"""The bulletin (月度、季度、年度通报) as a Markdown body."""

from __future__ import annotations

from .chart import quota_chart
from .monthly import Bulletin

# The area a government's or a town's name ends with (青川市人民政府 → 市, 临水县城西街道办事处 → 街道):
# its bulletin speaks of 全市 / 全县 / 全区 / 全镇 / 全街道. A department's bulletin covers its own system.
AREA_WORDS = ("街道", "省", "市", "州", "盟", "区", "县", "旗", "镇", "乡")
OFFICE_SUFFIXES = ("人民政府", "办事处", "政府")
SYSTEM_WORD = "本系统"
WEEKS = {1: "每周", 2: "每两周", 3: "每三周", 4: "每四周"}
MONTHS = {1: "每月", 3: "每季度", 6: "每半年", 12: "每年"}
# The freshness classes the closing paragraph names (国办秘函〔2019〕19号), their limits from policy.yml.
REMINDED = (("dynamic", "动态类栏目"), ("notice-policy", "通知公告和政策文件类栏目"))


def scope_word(unit) -> str:
    """全市 for 青川市人民政府, 全县 for 临水县人民政府, 全街道 for a 街道办事处; 本系统 for a department."""
    if unit is None or unit.kind == "department":
        return SYSTEM_WORD
    name = next((unit.name[:-len(s)] for s in OFFICE_SUFFIXES if unit.name.endswith(s)), unit.name)
    return next(("全" + word for word in AREA_WORDS if name.endswith(word)), "本地区")


def every(limit) -> str | None:
    """policy.yml freshness limit in words: {max_days: 14} → 每两周, {max_months: 6} → 每半年."""
    if not isinstance(limit, dict):
        return None
    if "max_days" in limit:
        days = int(limit["max_days"])
        return WEEKS.get(days // 7) if days % 7 == 0 and days // 7 in WEEKS else f"每 {days} 天"
    if "max_months" in limit:
        months = int(limit["max_months"])
        return MONTHS.get(months, f"每 {months} 个月")
    return None


def _requirements(bulletin: Bulletin, repo) -> str:
    by_day = bulletin.rectify_by_day
    when = f"于下月 {by_day} 日前" if by_day else "及时"
    freshness = repo.catalogue.policy.get("freshness") or {}
    duties = [f"{label}{words}" for cls, label in REMINDED if (words := every(freshness.get(cls)))]
    ensure = f"，确保{'、'.join(duties)}至少更新一次" if duties else ""
    return f"请上述存在问题的单位{when}完成整改，零发布和未达定额的单位要明确专人负责{ensure}。"


def bulletin_body(bulletin: Bulletin, repo) -> str:
    period, noun = bulletin.period, bulletin.period.noun
    issuer = repo.units.get(bulletin.issuer) if bulletin.issuer else next(
        (u for u in repo.units.values() if u.parent is None), None)
    name = {u.unit: u.name for u in bulletin.units}
    quota_label = "每月定额" if period.kind == "month" else f"本{noun}定额"
    lines = [
        f"{period.label}，{scope_word(issuer)}各单位在政府信息公开平台主动公开政府信息 **{bulletin.total}** 条。"
        f"其中{'、'.join(f'{label} {count} 条' for label, count in bulletin.groups.items())}。现将有关情况通报如下。",
        "", "## 一、发布情况", "",
        f"| 单位 | 本{noun}发布 | {quota_label} | 情况 |", "|---|---:|---:|---|",
    ]
    for u in sorted(bulletin.units, key=lambda u: -u.count):
        state = "零发布" + (f"（连续 {u.zero_streak} 个月）" if u.zero_streak > 1 else "") if u.count == 0 else (
            "低于定额" if u.under_quota else "达到定额")
        lines.append(f"| {u.name} | {u.count} | {u.quota} | {state} |")
    if period.months > 1:
        lines += ["", f"本{noun}定额为各单位每月定额乘以 {period.months} 个月。"]
    rows = [(u.name, u.count, u.quota) for u in bulletin.units]
    lines += ["", quota_chart(rows, f"{period.label}各单位发布条数与定额", quota_label), ""]
    if bulletin.per_column:
        lines += ["按栏目：" + "，".join(f"{repo.columns[c].name} {n} 条" for c, n in
                                       sorted(bulletin.per_column.items(), key=lambda kv: -kv[1]) if c in repo.columns) + "。", ""]
    lines += ["## 二、存在的问题", ""]
    zero = bulletin.zero_units
    lines.append("**零发布单位**：" + ("、".join(
        f"{u.name}（连续 {u.zero_streak} 个月）" if u.zero_streak > 1 else u.name for u in zero) if zero else "无") + "。")
    under = bulletin.under_quota
    lines += ["", f"**未达到{quota_label}的单位**：" + ("、".join(f"{u.name}（{u.count}/{u.quota} 条）" for u in under)
                                                if under else "无") + "。"]
    lines += ["", "**未按时公布上一年度政府信息公开工作年度报告的单位**：" + (
        "、".join(name.get(u, u) for u in bulletin.annual_missing) if bulletin.annual_missing else "无") + "。"]
    late = bulletin.annual_late
    lines += ["", "**逾期公布政府信息公开工作年度报告的单位**：" + ("；".join(
        f"{name.get(r.unit, r.unit)}（{r.year}年度报告应于 {r.deadline} 前公布，{r.published} 公布，逾期 {r.days_late} 天）"
        for r in late) if late else "无") + "。"]
    lines += ["", f"**截至 {period.end} 未按时更新的栏目**：" + (
        "；".join(f"{name.get(e['unit'], e['unit'])}“{repo.columns[e['column']].name}”" for e in bulletin.stale)
        if bulletin.stale else "无") + "。"]
    lines += ["", "**空白栏目**：" + ("；".join(f"{name.get(e['unit'], e['unit'])}“{repo.columns[e['column']].name}”"
                                          for e in bulletin.blank) if bulletin.blank else "无") + "。"]
    lines += ["", "## 三、表现较好的单位", "",
              ("、".join(name[u] for u in bulletin.did_well) + "：按时更新各栏目、达到定额，予以表扬。")
              if bulletin.did_well else f"本{noun}无。", "",
              "## 四、工作要求", "", _requirements(bulletin, repo), ""]
    return "\n".join(lines)
