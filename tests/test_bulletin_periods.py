"""Bulletins beyond the month (issue 12, points 22–26): a unit's own quota, a county's bulletin of
its own units, quarterly and yearly bulletins, annual reports published late, and the text's
words taken from the policy and the issuing unit.

Every expected number is counted BY HAND from PERIOD_ITEMS below; nothing expected is computed
by the code under test. Quotas are pinned in this file's repository (set_quota), so the demo's
own catalogue values do not change these counts.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
import yaml

from test_bulletins import UNIT_NAMES, put_items
from test_reports import _fill_review, loaded, split_item, xxgk
from xxgk.reports import bulletin_item, monthly_bulletin, parse_period


def report(unit: str, year: int = 2025) -> dict:
    return {"kind": "年度报告", "title": f"{UNIT_NAMES[unit]}{year}年政府信息公开工作年度报告"}


# Deadlines (policy.yml annual_report_deadline): departments 2026-01-31, governments and towns 2026-03-31.
PERIOD_ITEMS = [
    # qcs 青川市人民政府 (government, 8 a month): report on time
    ("qcs", "ndbg", "2026-03-19", report("qcs")),
    ("qcs", "tzgg", "2026-07-10", {}), ("qcs", "gzdt", "2026-09-20", {}),  # Q3 ×2
    # czj 青川市财政局 (department; its own quota, 1 a month, set below): report on time
    ("czj", "ndbg", "2026-01-20", report("czj")),
    ("czj", "gzdt", "2026-08-05", {}),  # Q3
    # sthjj 青川市生态环境局 (department, the kind's 4 a month): report 10 days late (01-31 → 02-10)
    ("sthjj", "ndbg", "2026-02-10", report("sthjj")),
    # scjgj 青川市市场监督管理局 (department): no 2025 report at all; one item in June
    ("scjgj", "gzdt", "2026-06-30", {}),
    # lsx 临水县人民政府 (government): report 2 days late (03-31 → 04-02); Q3 ×3; a draft
    ("lsx", "ndbg", "2026-04-02", report("lsx")),
    ("lsx", "gzdt", "2026-07-15", {}), ("lsx", "gzdt", "2026-08-14", {}), ("lsx", "gzdt", "2026-09-15", {}),
    ("lsx", "tzgg", "2026-08-20", {"draft": True}),  # never counted
    # hxz 临水县河西镇人民政府 (town): report ON the deadline day (on time); last item in May
    ("hxz", "ndbg", "2026-03-31", report("hxz")),
    ("hxz", "gzdt", "2026-05-20", {}),
    # cxjd 临水县城西街道办事处 (town): report on time; Q3 ×7 (one key-area); one in October
    ("cxjd", "ndbg", "2026-03-20", report("cxjd")),
    ("cxjd", "gzdt", "2026-07-01", {}), ("cxjd", "gzdt", "2026-07-02", {}), ("cxjd", "gzdt", "2026-08-03", {}),
    ("cxjd", "gzdt", "2026-09-04", {}), ("cxjd", "gzdt", "2026-09-05", {}), ("cxjd", "gzdt", "2026-09-06", {}),
    ("cxjd", "shjz", "2026-09-07", {}),  # key-area
    ("cxjd", "gzdt", "2026-10-01", {}),  # Q4: in the yearly bulletin only
]
COUNTY = ["lsx", "hxz", "cxjd"]  # lsx and the units whose parent: is lsx (catalogue/units)


def set_quota(repo, unit: str, quota: int | None) -> None:
    """Pin (or remove) a unit's own monthly_quota in the test repository's catalogue copy."""
    path = repo.root / "catalogue/units" / f"{unit}.yml"
    lines = [ln for ln in path.read_text("utf-8").split("\n") if not ln.startswith("monthly_quota:")]
    text = "\n".join(lines).rstrip("\n") + "\n"
    path.write_text(text + (f"monthly_quota: {quota}\n" if quota is not None else ""), "utf-8")


def edit_policy(repo, change) -> None:
    path = repo.root / "catalogue/policy.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture
def period_repo(repo):
    put_items(repo, PERIOD_ITEMS, "p")
    for unit in UNIT_NAMES:
        set_quota(repo, unit, None)
    set_quota(repo, "czj", 1)  # a department's own quota; sthjj and scjgj keep the department's 4
    return repo


def by_unit(bulletin):
    return {u.unit: (u.count, u.quota, u.zero_streak) for u in bulletin.units}


def late(bulletin):
    return [(r.unit, r.year, r.deadline.isoformat(), r.published.isoformat(), r.days_late) for r in bulletin.annual_late]


SITE_Q3 = {  # (items 07-01..09-30, monthly quota × 3, months in a row without an item ending in September)
    "qcs": (2, 24, 0), "czj": (1, 3, 0),
    "sthjj": (0, 12, 7),  # last item 2026-02: nothing in Mar … Sep
    "scjgj": (0, 12, 3),  # last item 06-30: nothing in Jul, Aug, Sep
    "lsx": (3, 24, 0),
    "hxz": (0, 6, 4),  # last item 05-20: nothing in Jun … Sep
    "cxjd": (7, 6, 0),
}
LATE_SINCE_APRIL = [("sthjj", 2025, "2026-01-31", "2026-02-10", 10), ("lsx", 2025, "2026-03-31", "2026-04-02", 2)]


def test_a_unit_quota_overrides_its_kind(period_repo):
    bulletin = monthly_bulletin(loaded(period_repo), "2026-08")
    quotas = {u.unit: u.quota for u in bulletin.units}
    assert quotas["czj"] == 1 and quotas["sthjj"] == 4 and quotas["scjgj"] == 4  # three departments
    # August: czj 1 (08-05) meets its own 1; lsx 1 (08-14; the draft is not counted), cxjd 1 (08-03) do not
    assert {u.unit: (u.count, u.quota) for u in bulletin.under_quota} == {"lsx": (1, 8), "cxjd": (1, 2)}


def test_quarterly_bulletin(period_repo):
    bulletin = monthly_bulletin(loaded(period_repo), parse_period(quarter="2026Q3"))
    assert (bulletin.period.start, bulletin.period.end, bulletin.period.months) == (date(2026, 7, 1), date(2026, 9, 30), 3)
    assert bulletin.period.label == "2026年第三季度"
    assert bulletin.total == 13  # 2 + 1 + 0 + 0 + 3 + 0 + 7
    assert by_unit(bulletin) == SITE_Q3
    assert bulletin.groups["重点领域"] == 1  # cxjd shjz
    assert {u.unit: u.zero_streak for u in bulletin.zero_units} == {"sthjj": 7, "scjgj": 3, "hxz": 4}
    assert {u.unit: (u.count, u.quota) for u in bulletin.under_quota} == {"qcs": (2, 24), "czj": (1, 3), "lsx": (3, 24)}
    assert bulletin.annual_missing == ["scjgj"]
    assert late(bulletin) == LATE_SINCE_APRIL
    # stale as of the quarter's end: qcs gzdt 09-20 is fresh, czj gzdt 08-05 is not (14 days)
    stale = {(e["unit"], e["column"]) for e in bulletin.stale}
    assert ("czj", "gzdt") in stale and ("qcs", "gzdt") not in stale


def test_yearly_bulletin(period_repo):
    bulletin = monthly_bulletin(loaded(period_repo), parse_period(year="2026"))
    assert (bulletin.period.start, bulletin.period.end, bulletin.period.months) == (date(2026, 1, 1), date(2026, 12, 31), 12)
    assert bulletin.total == 22  # qcs 3, czj 2, sthjj 1, scjgj 1, lsx 4 (not the draft), hxz 2, cxjd 9
    assert by_unit(bulletin) == {"qcs": (3, 96, 0), "czj": (2, 12, 0), "sthjj": (1, 48, 0), "scjgj": (1, 48, 0),
                                 "lsx": (4, 96, 0), "hxz": (2, 24, 0), "cxjd": (9, 24, 0)}
    assert bulletin.zero_units == []
    assert late(bulletin) == LATE_SINCE_APRIL and bulletin.annual_missing == ["scjgj"]


@pytest.mark.parametrize("month, missing, listed", [
    ("2026-01", [], []),  # the departments' deadline is 01-31 itself: nobody late or missing yet
    ("2026-02", ["scjgj"], LATE_SINCE_APRIL[:1]),  # sthjj published 02-10, late; lsx not due until 03-31
    ("2026-03", ["scjgj"], LATE_SINCE_APRIL[:1]),  # hxz on 03-31 is on time
    ("2026-04", ["scjgj"], LATE_SINCE_APRIL),
    ("2026-12", ["scjgj"], LATE_SINCE_APRIL),  # listed for the rest of the year of publication
    ("2027-01", [], []),  # a new year: 2026's reports are not due before 2027-01-31
])
def test_late_annual_reports_are_listed_for_the_rest_of_the_year(period_repo, month, missing, listed):
    bulletin = monthly_bulletin(loaded(period_repo), month)
    assert bulletin.annual_missing == missing
    assert late(bulletin) == listed
    assert not set(bulletin.did_well) & {r[0] for r in listed}  # a late report is never praised


def test_late_reports_in_the_text(period_repo):
    repository = loaded(period_repo)
    _, text = bulletin_item(repository, monthly_bulletin(repository, "2026-04"), "qcs", "tzgg", date(2026, 5, 6))
    (line,) = [ln for ln in text.split("\n") if ln.startswith("**逾期公布政府信息公开工作年度报告的单位**")]
    assert "青川市生态环境局（2025年度报告应于 2026-01-31 前公布，2026-02-10 公布，逾期 10 天）" in line
    assert "临水县人民政府（2025年度报告应于 2026-03-31 前公布，2026-04-02 公布，逾期 2 天）" in line
    assert "河西镇" not in line


def test_a_county_bulletins_its_own_units(period_repo):
    result = xxgk("report", "monthly", "--root", str(period_repo.root), "--quarter", "2026Q3", "--unit", "lsx",
                  "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [u["unit"] for u in data["units"]] == COUNTY
    assert data["total"] == 10  # lsx 3 + hxz 0 + cxjd 7
    assert data["period"]["key"] == "2026Q3" and data["period"]["end"] == "2026-09-30"
    assert data["annual_missing"] == []  # scjgj is the city's
    assert [(r["unit"], r["days_late"]) for r in data["annual_late"]] == [("lsx", 2)]  # not sthjj
    assert {e["unit"] for e in data["stale"] + data["blank"]} <= set(COUNTY)


def test_county_bulletin_text_names_the_county_only(period_repo):
    result = xxgk("report", "monthly", "--root", str(period_repo.root), "--quarter", "2026Q3", "--unit", "lsx",
                  "--as-of", "2026-10-09", "--write")
    assert result.returncode == 0, result.stderr
    written = period_repo.root / "content/lsx/tzgg/2026/bulletin-2026Q3.md"
    _fill_review(written)
    front, body = split_item(written.read_text("utf-8"))
    assert front["title"] == "临水县人民政府关于2026年第三季度政府信息公开工作情况的通报"
    assert body.startswith("2026年第三季度，全县各单位在政府信息公开平台主动公开政府信息 **10** 条。")
    assert "| 单位 | 本季度发布 | 本季度定额 | 情况 |" in body
    assert "| 临水县城西街道办事处 | 7 | 6 | 达到定额 |" in body
    assert "| 临水县河西镇人民政府 | 0 | 6 | 零发布（连续 4 个月） |" in body
    assert "| 临水县人民政府 | 3 | 24 | 低于定额 |" in body
    assert "青川市" not in body.split("## 四", 1)[0]  # no city unit anywhere in the bulletin
    assert "未达到本季度定额的单位**：临水县人民政府（3/24 条）。" in body
    loaded(period_repo)  # the written bulletin is a valid item


def test_the_top_unit_or_no_unit_is_the_whole_site(period_repo):
    repository = loaded(period_repo)
    period = parse_period(quarter="2026Q3")
    for unit in (None, "qcs"):
        bulletin = monthly_bulletin(repository, period, unit)
        assert [u.unit for u in bulletin.units] == list(UNIT_NAMES)  # hxz and cxjd: under lsx, under qcs
        assert bulletin.total == 13
    assert [u.unit for u in monthly_bulletin(repository, period, "hxz").units] == ["hxz"]


@pytest.mark.parametrize("unit, word", [("qcs", "全市"), ("lsx", "全县"), ("hxz", "全镇"), ("cxjd", "全街道"),
                                        ("czj", "本系统")])
def test_scope_word_comes_from_the_issuing_unit(period_repo, unit, word):
    repository = loaded(period_repo)
    _, text = bulletin_item(repository, monthly_bulletin(repository, "2026-09", unit), unit, "tzgg", date(2026, 10, 9))
    assert f"2026年9月，{word}各单位在政府信息公开平台" in text


def test_requirements_follow_the_policy(period_repo):
    repository = loaded(period_repo)
    _, text = bulletin_item(repository, monthly_bulletin(repository, "2026-09"), "qcs", "tzgg", date(2026, 10, 9))
    assert ("请上述存在问题的单位于下月 10 日前完成整改，零发布和未达定额的单位要明确专人负责，"
            "确保动态类栏目每两周、通知公告和政策文件类栏目每半年至少更新一次。") in text

    def change(policy):
        policy["bulletin"]["rectify_by_day"] = 15
        policy["freshness"]["dynamic"] = {"max_days": 7}
        policy["freshness"]["notice-policy"] = {"max_months": 3}

    edit_policy(period_repo, change)
    repository = loaded(period_repo)
    _, text = bulletin_item(repository, monthly_bulletin(repository, "2026-09"), "qcs", "tzgg", date(2026, 10, 9))
    assert "于下月 15 日前完成整改" in text and "确保动态类栏目每周、通知公告和政策文件类栏目每季度至少更新一次。" in text


def test_a_bad_rectify_day_is_a_chinese_usage_error(period_repo):
    edit_policy(period_repo, lambda policy: policy["bulletin"].update(rectify_by_day=40))
    result = xxgk("report", "monthly", "--root", str(period_repo.root), "--month", "2026-09")
    assert result.returncode == 2 and "bulletin.rectify_by_day" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("args, needle", [
    (("--month", "2026-09", "--quarter", "2026Q3"), "三者只选其一"),
    (("--quarter", "2026Q5"), "季度“2026Q5”无效"),
    (("--year", "26"), "年份“26”无效"),
    (("--month", "2026-13"), "月份“2026-13”无效"),
    ((), "三者只选其一"),
    (("--month", "2026-09", "--unit", "xyz"), "单位 xyz 不存在"),
])
def test_period_arguments(period_repo, args, needle):
    result = xxgk("report", "monthly", "--root", str(period_repo.root), *args)
    assert result.returncode == 2 and needle in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_yearly_json_and_file_name(period_repo):
    result = xxgk("report", "monthly", "--root", str(period_repo.root), "--year", "2026", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["period"] == {"key": "2026", "kind": "year", "label": "2026年", "start": "2026-01-01",
                              "end": "2026-12-31", "months": 12}
    assert data["total"] == 22
    assert [r["unit"] for r in data["annual_late"]] == ["sthjj", "lsx"]
    repository = loaded(period_repo)
    path, text = bulletin_item(repository, monthly_bulletin(repository, parse_period(year=2026)), "qcs", "tzgg",
                               date(2027, 1, 8))
    assert path == "content/qcs/tzgg/2027/bulletin-2026.md"
    assert re.search(r'^title: "?青川市人民政府关于2026年政府信息公开工作情况的通报"?$', text, re.M)
    assert "| 单位 | 本年度发布 | 本年度定额 | 情况 |" in text and "本年度定额为各单位每月定额乘以 12 个月。" in text


def test_a_period_not_yet_over_is_flagged(period_repo):
    result = xxgk("report", "monthly", "--root", str(period_repo.root), "--year", "2026", "--as-of", "2026-11-20",
                  "--format", "json")
    assert result.returncode == 0 and "通报期间截至 2026-12-31，晚于生成日期 2026-11-20" in result.stderr
    over = xxgk("report", "monthly", "--root", str(period_repo.root), "--quarter", "2026Q3", "--as-of", "2026-10-09",
                "--format", "json")
    assert over.returncode == 0 and "提醒" not in over.stderr


def test_the_demo_county_bulletin_matches_the_demo():
    """The demo's 2026 Q3 bulletin of 临水县 (generated by the CLI) lists its own three units with
    their Q3 items as the model holds them; regenerate it when demo items of the quarter change."""
    from conftest import PROJECT
    from xxgk.core import load

    model = load(str(PROJECT))
    (item,) = [i for i in model.items if i.title == "临水县人民政府关于2026年第三季度政府信息公开工作情况的通报"]
    body = (PROJECT / item.path).read_text("utf-8").split("\n---\n", 1)[1]
    q3 = [i for i in model.items if i.is_public(date(2026, 9, 30)) and date(2026, 7, 1) <= i.published]
    for unit in COUNTY:
        count = sum(i.unit == unit for i in q3)
        assert re.search(rf"^\| {model.units[unit].name} \| {count} \| \d+ \| ", body, re.M), unit
    assert f"全县各单位在政府信息公开平台主动公开政府信息 **{sum(i.unit in COUNTY for i in q3)}** 条" in body
    assert not any(u.name in body for u in model.units.values() if u.id not in COUNTY)
