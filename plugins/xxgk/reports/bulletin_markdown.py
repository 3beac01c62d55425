"""The monthly bulletin (月度通报) as a Markdown body."""

from __future__ import annotations

from .chart import quota_chart
from .monthly import Bulletin


def bulletin_body(bulletin: Bulletin, repo) -> str:
    year, month = bulletin.month.split("-")
    month_label = f"{year}年{int(month)}月"
    name = {u.unit: u.name for u in bulletin.units}
    lines = [
        f"{month_label}，全市各单位在政府信息公开平台主动公开政府信息 **{bulletin.total}** 条。"
        f"其中{'、'.join(f'{label} {count} 条' for label, count in bulletin.groups.items())}。现将有关情况通报如下。",
        "", "## 一、发布情况", "",
        "| 单位 | 本月发布 | 每月定额 | 情况 |", "|---|---:|---:|---|",
    ]
    for u in sorted(bulletin.units, key=lambda u: -u.count):
        state = "零发布" + (f"（连续 {u.zero_streak} 个月）" if u.zero_streak > 1 else "") if u.count == 0 else (
            "低于定额" if u.under_quota else "达到定额")
        lines.append(f"| {u.name} | {u.count} | {u.quota} | {state} |")
    rows = [(u.name, u.count, u.quota) for u in bulletin.units]
    lines += ["", quota_chart(rows, f"{month_label}各单位发布条数与定额"), ""]
    if bulletin.per_column:
        lines += ["按栏目：" + "，".join(f"{repo.columns[c].name} {n} 条" for c, n in
                                       sorted(bulletin.per_column.items(), key=lambda kv: -kv[1]) if c in repo.columns) + "。", ""]
    lines += ["## 二、存在的问题", ""]
    zero = bulletin.zero_units
    lines.append("**零发布单位**：" + ("、".join(
        f"{u.name}（连续 {u.zero_streak} 个月）" if u.zero_streak > 1 else u.name for u in zero) if zero else "无") + "。")
    under = bulletin.under_quota
    lines += ["", "**未达到每月定额的单位**：" + ("、".join(f"{u.name}（{u.count}/{u.quota} 条）" for u in under)
                                           if under else "无") + "。"]
    lines += ["", "**未按时公布上一年度政府信息公开工作年度报告的单位**：" + (
        "、".join(name.get(u, u) for u in bulletin.annual_missing) if bulletin.annual_missing else "无") + "。"]
    lines += ["", f"**截至 {bulletin.month_end} 未按时更新的栏目**：" + (
        "；".join(f"{name.get(e['unit'], e['unit'])}“{repo.columns[e['column']].name}”" for e in bulletin.stale)
        if bulletin.stale else "无") + "。"]
    lines += ["", "**空白栏目**：" + ("；".join(f"{name.get(e['unit'], e['unit'])}“{repo.columns[e['column']].name}”"
                                          for e in bulletin.blank) if bulletin.blank else "无") + "。"]
    lines += ["", "## 三、表现较好的单位", "",
              ("、".join(name[u] for u in bulletin.did_well) + "：按时更新各栏目、达到每月定额，予以表扬。")
              if bulletin.did_well else "本月无。", "",
              "## 四、工作要求", "",
              "请上述存在问题的单位于下月 10 日前完成整改，零发布和未达定额的单位要明确专人负责，"
              "确保动态类栏目每两周、通知公告和政策文件类栏目每半年至少更新一次。", ""]
    return "\n".join(lines)
