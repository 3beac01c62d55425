"""The column rules: stale-column, due-soon, blank-column, stale-home, veto, annual-report-missing.

Every number comes from catalogue/policy.yml (read once into ``POLICY``); every date boundary is
checked on both sides.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from gitrepo import POLICY, put
from xxgk.core import load
from xxgk.rules import check
from xxgk.rules.context import SHORT_LIMIT, Context

AS_OF = date(2025, 6, 16)
DAY = timedelta(days=1)
DYNAMIC_DAYS = int(POLICY["freshness"]["dynamic"]["max_days"])  # 14
NOTICE_MONTHS = int(POLICY["freshness"]["notice-policy"]["max_months"])  # 6
PERIODIC_MONTHS = int(POLICY["freshness"]["periodic"]["max_months"])  # 12
DUE_SOON = int(POLICY["due_soon_days"])  # 3
HOME_DAYS = int(POLICY["home_max_days"])  # 14
VETO = {k: int(v) for k, v in POLICY["veto"].items()}  # stale 5, long_stale 10, blank 5; home, backdated, classified 1
PARENTS = ("zcwj", "czxx", "zdly", "gkxx")


def test_the_policy_numbers_these_tests_were_written_for():
    assert (DYNAMIC_DAYS, NOTICE_MONTHS, PERIODIC_MONTHS, DUE_SOON, HOME_DAYS) == (14, 6, 12, 3, 14)
    assert VETO == {"stale": 5, "long_stale": 10, "blank": 5, "home": 1, "backdated": 1, "classified": 1}
    assert POLICY["annual_report_deadline"] == {"government": "03-31", "department": "01-31", "town": "03-31"}


def run(repo, as_of, *codes, **options):
    loaded = load(str(repo.root))
    assert loaded.problems == (), [p.format() for p in loaded.problems]
    return check(loaded, as_of, use_git=False, only=set(codes), **options)


def findings(report, code, unit=None, column=None):
    return [f for f in report.findings if f.code == code and (unit is None or f.unit == unit)
            and (column is None or f.column == column)]


def only_finding(report, code, unit, column=None):
    found = findings(report, code, unit, column)
    assert len(found) == 1, [f.format() for f in report.findings]
    return found[0]


def columns_of(repo, unit_id, as_of=AS_OF):
    loaded = load(str(repo.root))
    ctx = Context(loaded, as_of)
    return loaded.catalogue, ctx.checked_columns(loaded.units[unit_id])


# -- stale-column -----------------------------------------------------------------------------


def test_dynamic_column_updated_exactly_at_its_limit_is_not_stale(repo):
    put(repo, "czj", "gzdt", AS_OF - timedelta(days=DYNAMIC_DAYS))
    report = run(repo, AS_OF, "stale-column")
    assert findings(report, "stale-column", "czj", "gzdt") == []
    assert report.summary["czj"]["stale"] == 0


def test_dynamic_column_one_day_past_its_limit_is_stale(repo):
    newest = AS_OF - timedelta(days=DYNAMIC_DAYS + 1)
    put(repo, "czj", "gzdt", newest)
    put(repo, "czj", "gzdt", newest - timedelta(days=30))  # an older item changes nothing
    finding = only_finding(run(repo, AS_OF, "stale-column"), "stale-column", "czj", "gzdt")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (None, None)
    assert "工作动态" in finding.message and str(newest) in finding.message
    assert f"{DYNAMIC_DAYS} 天" in finding.message and str(AS_OF - DAY) in finding.message
    assert "超期 1 天" in finding.message


@pytest.mark.parametrize("column, freshness, newest, deadline, limit", [
    # 6 months after 31 August is the last day of February (no 31 February)
    ("tzgg", "notice-policy", date(2024, 8, 31), date(2025, 2, 28), "6 个月"),
    ("tzgg", "notice-policy", date(2024, 12, 16), date(2025, 6, 16), "6 个月"),
    ("xzzf", "notice-policy", date(2025, 1, 31), date(2025, 7, 31), "6 个月"),
    # 12 months after 29 February is 28 February of the next year
    ("ghjh", "periodic", date(2024, 2, 29), date(2025, 2, 28), "12 个月"),
    ("rsxx", "periodic", date(2024, 6, 16), date(2025, 6, 16), "12 个月"),
])
def test_month_limited_columns_at_their_month_boundary(repo, column, freshness, newest, deadline, limit):
    catalogue, _ = columns_of(repo, "czj")
    assert catalogue.columns[column].freshness == freshness
    put(repo, "czj", column, newest)
    on_deadline = run(repo, deadline, "stale-column")
    assert findings(on_deadline, "stale-column", "czj", column) == []
    day_after = run(repo, deadline + DAY, "stale-column")
    finding = only_finding(day_after, "stale-column", "czj", column)
    assert finding.severity == "error"
    assert catalogue.columns[column].name in finding.message
    assert str(newest) in finding.message and str(deadline) in finding.message
    assert limit in finding.message and "超期 1 天" in finding.message


def test_days_over_are_counted_from_the_deadline(repo):
    put(repo, "czj", "gzdt", date(2025, 5, 1))  # deadline 2025-05-15
    finding = only_finding(run(repo, date(2025, 6, 1), "stale-column"), "stale-column", "czj", "gzdt")
    assert "2025-05-15" in finding.message and "超期 17 天" in finding.message


@pytest.mark.parametrize("unit", ["czj", "qcs", "hxz"])
def test_parent_columns_are_never_judged_themselves(repo, unit):
    # Old items filed directly under the parents, none in their children: the parents stay silent.
    catalogue, _ = columns_of(repo, unit)
    for parent in PARENTS:
        assert parent in {c.id for c in catalogue.columns_for(catalogue.units[unit])}
        put(repo, unit, parent, date(2020, 5, 6))
    report = run(repo, AS_OF, "stale-column", "blank-column", "due-soon")
    judged = {f.column for f in report.findings if f.unit == unit}
    assert judged and not judged & set(PARENTS)
    for parent in PARENTS:  # their applicable children are judged instead
        children = [c.id for c in catalogue.children(parent) if catalogue.units[unit].kind in c.applies_to]
        assert children and set(children) <= judged


@pytest.mark.parametrize("newer", [
    {"draft": True},
    {"mode": "依申请公开"},
    {"mode": "不予公开"},
    {"published": AS_OF + 3 * DAY},  # scheduled: on the site only after as_of
], ids=["draft", "on-application", "withheld", "scheduled"])
def test_only_public_items_refresh_a_column(repo, newer):
    old = AS_OF - timedelta(days=DYNAMIC_DAYS + 6)
    put(repo, "czj", "gzdt", old)
    published = newer.pop("published", AS_OF - DAY)
    put(repo, "czj", "gzdt", published, **newer)
    finding = only_finding(run(repo, AS_OF, "stale-column"), "stale-column", "czj", "gzdt")
    assert str(old) in finding.message and "超期 6 天" in finding.message


def test_a_public_item_refreshes_the_column(repo):
    put(repo, "czj", "gzdt", AS_OF - timedelta(days=DYNAMIC_DAYS + 6))
    put(repo, "czj", "gzdt", AS_OF - DAY)
    assert findings(run(repo, AS_OF, "stale-column"), "stale-column") == []


def test_static_columns_are_never_stale(repo):
    catalogue, _ = columns_of(repo, "czj")
    assert catalogue.columns["jgzn"].freshness == "static"
    put(repo, "czj", "jgzn", date(2015, 1, 5))
    report = run(repo, AS_OF, "stale-column", "due-soon", "blank-column")
    assert findings(report, "stale-column", "czj", "jgzn") == []
    assert findings(report, "blank-column", "czj", "jgzn") == []


# -- due-soon ---------------------------------------------------------------------------------


@pytest.mark.parametrize("days_left", range(DUE_SOON))
def test_due_soon_warns_inside_the_window(repo, days_left):
    newest = AS_OF - timedelta(days=DYNAMIC_DAYS - days_left)
    put(repo, "czj", "gzdt", newest)
    report = run(repo, AS_OF, "due-soon", "stale-column")
    finding = only_finding(report, "due-soon", "czj", "gzdt")
    assert finding.severity == "warning" and not report.failed
    assert (finding.path, finding.line) == (None, None)
    assert "工作动态" in finding.message and str(newest) in finding.message
    assert str(AS_OF + timedelta(days=days_left)) in finding.message and f"还剩 {days_left} 天" in finding.message
    assert findings(report, "stale-column") == []


def test_due_soon_is_silent_outside_the_window(repo):
    put(repo, "czj", "gzdt", AS_OF - timedelta(days=DYNAMIC_DAYS - DUE_SOON))  # DUE_SOON days left
    report = run(repo, AS_OF, "due-soon", "stale-column")
    assert findings(report, "due-soon", "czj") == [] and findings(report, "stale-column", "czj") == []


def test_a_stale_column_is_not_also_due_soon(repo):
    put(repo, "czj", "gzdt", AS_OF - timedelta(days=DYNAMIC_DAYS + 1))
    report = run(repo, AS_OF, "due-soon", "stale-column")
    assert findings(report, "due-soon", "czj") == []
    assert len(findings(report, "stale-column", "czj", "gzdt")) == 1


def test_due_soon_on_a_month_limited_column(repo):
    put(repo, "czj", "tzgg", date(2024, 12, 17))  # deadline 2025-06-17, one day left on AS_OF
    finding = only_finding(run(repo, AS_OF, "due-soon"), "due-soon", "czj", "tzgg")
    assert finding.severity == "warning" and "2025-06-17" in finding.message and "还剩 1 天" in finding.message


# -- blank-column -----------------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["czj", "qcs", "hxz"])
def test_every_applicable_leaf_column_without_public_items_is_blank(repo, unit):
    catalogue, _ = columns_of(repo, unit)
    kind = catalogue.units[unit].kind
    applicable = catalogue.columns_for(catalogue.units[unit])
    parents = {c.parent for c in applicable}
    expected = {c.id for c in applicable if c.id not in parents and not c.generated and c.freshness != "archived"}
    report = run(repo, AS_OF, "blank-column")
    blank = findings(report, "blank-column", unit)
    assert {f.column for f in blank} == expected
    assert "gkzn" not in expected and not expected & set(PARENTS)
    assert all(kind in catalogue.columns[c].applies_to for c in expected)
    for finding in blank:
        assert finding.severity == "error" and (finding.path, finding.line) == (None, None)
        assert f"栏目“{catalogue.columns[finding.column].name}”" in finding.message and "空白栏目" in finding.message
    assert report.summary[unit]["blank"] == len(expected)


def test_a_column_with_a_public_item_is_not_blank(repo):
    put(repo, "czj", "gfxwj", date(2019, 4, 1))  # however old
    report = run(repo, AS_OF, "blank-column")
    assert findings(report, "blank-column", "czj", "gfxwj") == []
    assert len(findings(report, "blank-column", "czj", "qtwj")) == 1


@pytest.mark.parametrize("fields", [{"draft": True}, {"mode": "依申请公开"}, {"published": AS_OF + DAY}],
                         ids=["draft", "on-application", "scheduled"])
def test_a_column_with_only_unpublished_items_is_blank(repo, fields):
    published = fields.pop("published", AS_OF - DAY)
    put(repo, "czj", "gfxwj", published, **fields)
    assert len(findings(run(repo, AS_OF, "blank-column"), "blank-column", "czj", "gfxwj")) == 1


def test_generated_guide_never_blank(repo):
    catalogue, _ = columns_of(repo, "czj")
    assert catalogue.columns["gkzn"].generated == "guide"
    report = run(repo, AS_OF, "blank-column", "stale-column", "due-soon")
    assert [f for f in report.findings if f.column == "gkzn"] == []


def test_column_not_applicable_to_the_unit_kind_is_never_blank(repo):
    catalogue, _ = columns_of(repo, "czj")
    assert "department" not in catalogue.columns["gz"].applies_to
    report = run(repo, AS_OF, "blank-column")
    departments = [u for u, unit in catalogue.units.items() if unit.kind == "department"]
    assert departments and all(findings(report, "blank-column", u, "gz") == [] for u in departments)
    # a government has 规章 unless its catalogue file switches it off (lsx: a county has no 规章制定权)
    governments = [u for u, unit in catalogue.units.items() if unit.kind == "government"]
    assert governments and all(len(findings(report, "blank-column", u, "gz")) == 1 for u in governments
                               if catalogue.applies(catalogue.columns["gz"], catalogue.units[u]))


# -- stale-home -------------------------------------------------------------------------------


def test_home_updated_exactly_at_its_limit_is_fresh(repo):
    put(repo, "czj", "gzdt", AS_OF - timedelta(days=90))
    put(repo, "czj", "tzgg", AS_OF - timedelta(days=HOME_DAYS))  # any column counts
    assert findings(run(repo, AS_OF, "stale-home"), "stale-home", "czj") == []


def test_home_one_day_past_its_limit_is_stale(repo):
    newest = AS_OF - timedelta(days=HOME_DAYS + 1)
    put(repo, "czj", "gzdt", AS_OF - timedelta(days=90))
    put(repo, "czj", "tzgg", newest)
    put(repo, "czj", "gzdt", AS_OF - DAY, draft=True)  # a draft is not on the home page
    finding = only_finding(run(repo, AS_OF, "stale-home"), "stale-home", "czj")
    assert finding.severity == "error" and (finding.path, finding.column) == (None, None)
    assert "青川市财政局" in finding.message and str(newest) in finding.message
    assert f"超过 {HOME_DAYS} 天" in finding.message and "已超 1 天" in finding.message


def test_home_of_a_unit_without_items_is_blank(repo):
    put(repo, "czj", "gzdt", AS_OF)
    report = run(repo, AS_OF, "stale-home")
    assert findings(report, "stale-home", "czj") == []
    finding = only_finding(report, "stale-home", "sthjj")
    assert "青川市生态环境局" in finding.message and "首页空白" in finding.message


# -- veto -------------------------------------------------------------------------------------


def full_unit(repo, unit_id, as_of=AS_OF, *, blank=(), stale=(), long_stale=()):
    """An item in every judged column of the unit, published on ``as_of``, except: no item in the
    ``blank`` columns; an item 200 days before (past 14 days and 6 months) in ``stale``; 400 days
    before (past 12 months) in ``long_stale``."""
    _, columns = columns_of(repo, unit_id, as_of)
    ids = {c.id for c in columns}
    assert set(blank) | set(stale) | set(long_stale) <= ids
    for column in columns:
        if column.id in blank:
            continue
        age = 200 if column.id in stale else 400 if column.id in long_stale else 0
        put(repo, unit_id, column.id, as_of - timedelta(days=age))
    return columns


def test_a_full_unit_has_nothing_to_report(repo):
    full_unit(repo, "czj")
    report = run(repo, AS_OF, "veto", "stale-column", "blank-column", "stale-home")
    assert [f for f in report.findings if f.unit == "czj"] == []
    summary = report.summary["czj"]
    assert (summary["stale"], summary["long_stale"], summary["blank"], summary["veto"]) == (0, 0, 0, [])
    assert summary["thresholds"] == VETO


@pytest.mark.parametrize("unit", ["czj", "qcs", "hxz"])
def test_blank_columns_below_the_veto_threshold(repo, unit):
    _, columns = columns_of(repo, unit)
    full_unit(repo, unit, blank=[c.id for c in columns[:VETO["blank"] - 1]])
    report = run(repo, AS_OF, "veto", "blank-column")
    assert len(findings(report, "blank-column", unit)) == VETO["blank"] - 1
    assert report.summary[unit]["blank"] == VETO["blank"] - 1 and report.summary[unit]["veto"] == []
    assert findings(report, "veto", unit) == []


@pytest.mark.parametrize("unit", ["czj", "qcs", "hxz"])
def test_blank_columns_at_the_veto_threshold(repo, unit):
    _, columns = columns_of(repo, unit)
    full_unit(repo, unit, blank=[c.id for c in columns[:VETO["blank"]]])
    report = run(repo, AS_OF, "veto", "blank-column")
    assert report.summary[unit]["blank"] == VETO["blank"] and report.summary[unit]["veto"] == ["blank"]
    finding = only_finding(report, "veto", unit)
    assert finding.severity == "error" and (finding.path, finding.column) == (None, None)
    assert "空白栏目" in finding.message
    assert f"{VETO['blank']} 个，达到单项否决阈值 {VETO['blank']} 个" in finding.message


# 19号 “栏目不更新” 1 counts dynamic columns one by one and notice-policy columns by their 一级栏目.
# Counted by hand from catalogue/columns.yml for a department (czj): 政策文件 holds 行政规范性文件 and
# 其他文件; 政策解读, 工作动态, 通知公告 and 行政执法 are 一级栏目 of their own.
CZJ_SHORT = {"zcwj": ("gfxwj", "qtwj"), "zcjd": ("zcjd",), "gzdt": ("gzdt",), "tzgg": ("tzgg",), "xzzf": ("xzzf",)}
CZJ_SHORT_TEXT = "政策文件（行政规范性文件、其他文件）；政策解读；工作动态；通知公告；行政执法"


def leaves(*groups):
    return [leaf for group in groups for leaf in CZJ_SHORT[group]]


def test_stale_short_limit_columns_below_the_veto_threshold(repo):
    # four 一级栏目 stale, and 政策文件 kept up to date by 其他文件 though 行政规范性文件 is stale
    stale = leaves("zcjd", "gzdt", "tzgg", "xzzf") + ["gfxwj"]
    full_unit(repo, "czj", stale=stale)
    report = run(repo, AS_OF, "veto", "stale-column")
    assert {f.column for f in findings(report, "stale-column", "czj")} == set(stale)
    assert report.summary["czj"]["stale"] == VETO["stale"] - 1 and report.summary["czj"]["veto"] == []
    assert findings(report, "veto", "czj") == []


def test_stale_short_limit_columns_at_the_veto_threshold(repo):
    assert len(CZJ_SHORT) == VETO["stale"]
    stale = leaves(*CZJ_SHORT)
    full_unit(repo, "czj", stale=stale)
    report = run(repo, AS_OF, "veto", "stale-column")
    assert {f.column for f in findings(report, "stale-column", "czj")} == set(stale)
    summary = report.summary["czj"]
    assert (summary["stale"], summary["long_stale"], summary["blank"]) == (VETO["stale"], 0, 0)
    assert summary["veto"] == ["stale"]
    finding = only_finding(report, "veto", "czj")
    assert finding.severity == "error" and (finding.path, finding.column) == (None, None)
    assert "青川市财政局" in finding.message and "通知公告、政策文件类一级栏目未按时更新" in finding.message
    assert f"{VETO['stale']} 个，达到单项否决阈值 {VETO['stale']} 个" in finding.message
    assert CZJ_SHORT_TEXT in finding.message


def test_leaves_of_one_top_level_column_count_once(repo):
    # 市政府: 规章, 行政规范性文件, 其他文件 (all under 政策文件), 政策解读, 通知公告 stale: three 一级栏目
    stale = ["gz", "gfxwj", "qtwj", "zcjd", "tzgg"]
    full_unit(repo, "qcs", stale=stale)
    report = run(repo, AS_OF, "veto", "stale-column")
    assert len(findings(report, "stale-column", "qcs")) == 5  # each leaf is still reported
    assert report.summary["qcs"]["stale"] == 3 and report.summary["qcs"]["veto"] == []
    assert findings(report, "veto", "qcs") == []


def test_one_updated_leaf_keeps_its_top_level_column_updated(repo):
    # 其他文件 fresh: 政策文件 is updated; 政策解读, 通知公告, 工作动态, 行政执法 make four
    full_unit(repo, "qcs", stale=["gz", "gfxwj", "zcjd", "tzgg", "gzdt", "xzzf"])
    report = run(repo, AS_OF, "veto", "stale-column")
    assert report.summary["qcs"]["stale"] == 4 and report.summary["qcs"]["veto"] == []


def test_a_blank_leaf_does_not_keep_its_top_level_column_updated(repo):
    full_unit(repo, "qcs", blank=["qtwj"], stale=["gz", "gfxwj", "zcjd", "tzgg", "gzdt", "xzzf"])
    report = run(repo, AS_OF, "veto", "stale-column", "blank-column")
    summary = report.summary["qcs"]
    assert (summary["stale"], summary["blank"], summary["veto"]) == (5, 1, ["stale"])
    finding = only_finding(report, "veto", "qcs")
    assert "政策文件（规章、行政规范性文件）；政策解读；工作动态；通知公告；行政执法" in finding.message


def test_top_level_columns_at_the_demo_reference(tmp_path):
    """The demo's 市政府 on 2027-03-01 (vetoed before: 规章, 行政规范性文件, 政策解读, 工作动态, 行政执法
    made five): 规章 and 行政规范性文件 are stale but 其他文件 is fresh, so 政策文件 is updated and
    only the other stale short-limit columns count."""
    from conftest import PROJECT
    loaded = load(str(PROJECT))
    report = check(loaded, date(2027, 3, 1), use_git=False, only={"veto", "stale-column"})
    stale = {f.column for f in findings(report, "stale-column", "qcs")}
    assert {"gz", "gfxwj", "zcjd", "gzdt", "xzzf"} <= stale and "qtwj" not in stale
    others = {c for c in stale - {"gz", "gfxwj"} if loaded.columns[c].freshness in SHORT_LIMIT}
    assert report.summary["qcs"]["stale"] == len(others) < VETO["stale"]
    assert "stale" not in report.summary["qcs"]["veto"]


def test_stale_periodic_columns_count_as_long_stale_not_stale(repo):
    _, columns = columns_of(repo, "czj")
    periodic = [c.id for c in columns if c.freshness == "periodic"]
    assert 0 < len(periodic) < VETO["long_stale"]  # the project's catalogue cannot reach that veto
    full_unit(repo, "czj", long_stale=periodic)
    report = run(repo, AS_OF, "veto", "stale-column")
    summary = report.summary["czj"]
    assert (summary["stale"], summary["long_stale"], summary["veto"]) == (0, len(periodic), [])
    assert {f.column for f in findings(report, "stale-column", "czj")} == set(periodic)
    assert findings(report, "veto", "czj") == []


def test_long_stale_veto_uses_the_policy_threshold(repo):
    _, columns = columns_of(repo, "czj")
    periodic = [c.id for c in columns if c.freshness == "periodic"]
    policy = repo.root / "catalogue" / "policy.yml"
    text, count = re.subn(r"long_stale: \d+", f"long_stale: {len(periodic)}", policy.read_text("utf-8"))
    assert count == 1
    policy.write_text(text, encoding="utf-8")
    full_unit(repo, "czj", long_stale=periodic)
    report = run(repo, AS_OF, "veto")
    assert report.summary["czj"]["veto"] == ["long_stale"]
    finding = only_finding(report, "veto", "czj")
    assert "长期未更新" in finding.message and f"{len(periodic)} 个，达到单项否决阈值 {len(periodic)} 个" in finding.message


def test_every_crossed_veto_is_reported(repo):
    _, columns = columns_of(repo, "czj")
    rest = [c.id for c in columns if c.freshness not in SHORT_LIMIT][:VETO["blank"]]
    full_unit(repo, "czj", stale=leaves(*CZJ_SHORT), blank=rest)
    report = run(repo, AS_OF, "veto")
    assert report.summary["czj"]["veto"] == ["stale", "blank"]
    assert len(findings(report, "veto", "czj")) == 2


# -- veto: 首页不更新 and 安全、泄密事故等严重问题 (issue 12, point 14) ------------------------------------


def test_stale_home_is_a_veto_line_of_its_own(repo):
    # every column updated 15 days ago: 首页 past 14 days, and only 工作动态 (14 days) stale
    full_unit(repo, "czj", AS_OF - timedelta(days=HOME_DAYS + 1))
    report = run(repo, AS_OF, "veto")
    summary = report.summary["czj"]
    assert (summary["home"], summary["stale"], summary["veto"]) == (1, 1, ["home"])
    finding = only_finding(report, "veto", "czj")
    assert finding.severity == "error" and "青川市财政局首页不更新" in finding.message
    assert f"{HOME_DAYS} 天内没有任何新的主动公开信息" in finding.message and "国办秘函〔2019〕19号" in finding.message


def test_home_updated_at_its_limit_is_no_veto(repo):
    full_unit(repo, "czj", AS_OF - timedelta(days=HOME_DAYS))
    report = run(repo, AS_OF, "veto")
    assert report.summary["czj"]["home"] == 0 and report.summary["czj"]["veto"] == []


def test_a_classified_mark_is_a_veto_line_of_its_own(repo):
    full_unit(repo, "czj")
    marked = put(repo, "czj", "tzgg", AS_OF, body="机密★5年\n\n正文。\n")
    put(repo, "czj", "gzdt", AS_OF, body="秘密★1年\n")
    report = run(repo, AS_OF, "veto")
    summary = report.summary["czj"]
    assert (summary["classified"], summary["veto"]) == (2, ["classified"])
    finding = only_finding(report, "veto", "czj")
    assert "2 条信息出现密级标志" in finding.message and "安全、泄密事故等严重问题" in finding.message
    assert marked.relative_to(repo.root).as_posix() in finding.message
    assert report.summary["sthjj"]["classified"] == 0


def test_the_veto_says_what_it_does_not_judge():
    from xxgk.rules import load_all
    doc = load_all()["veto"].doc
    for outside in ("站点无法访问", "互动回应差", "服务不实用", "政务新媒体"):
        assert outside in doc
    assert doc.index("不在检查范围") > doc.index("政务新媒体")


# -- annual-report-missing --------------------------------------------------------------------


def annual_report(repo, unit, year, published, column="ndbg", **fields):
    names = {"czj": "青川市财政局", "qcs": "青川市人民政府", "hxz": "临水县河西镇人民政府"}
    fields = {"title": f"{names[unit]}{year}年政府信息公开工作年度报告", "kind": "年度报告", "topic": "综合政务", **fields}
    return put(repo, unit, column, published, **fields)


def test_department_without_last_years_report_after_31_january(repo):
    report = run(repo, date(2026, 2, 1), "annual-report-missing")
    finding = only_finding(report, "annual-report-missing", "czj")
    assert finding.severity == "error" and (finding.path, finding.line, finding.column) == (None, None, None)
    assert "青川市财政局" in finding.message and "2026-01-31" in finding.message
    assert "2025年政府信息公开工作年度报告" in finding.message and "年度报告" in finding.message


def test_department_on_31_january_is_not_late_yet(repo):
    report = run(repo, date(2026, 1, 31), "annual-report-missing")
    assert findings(report, "annual-report-missing") == []


def test_department_with_last_years_report_is_fine(repo):
    annual_report(repo, "czj", 2025, date(2026, 1, 20))
    report = run(repo, date(2026, 2, 1), "annual-report-missing")
    assert findings(report, "annual-report-missing", "czj") == []
    assert len(findings(report, "annual-report-missing", "sthjj")) == 1  # another department's report


@pytest.mark.parametrize("variant", ["other-year", "draft", "scheduled", "other-kind"])
def test_what_is_not_last_years_published_report(repo, variant):
    if variant == "other-year":
        annual_report(repo, "czj", 2024, date(2025, 1, 20))
    elif variant == "draft":
        annual_report(repo, "czj", 2025, date(2026, 1, 20), draft=True)
    elif variant == "scheduled":
        annual_report(repo, "czj", 2025, date(2026, 2, 5))
    else:
        annual_report(repo, "czj", 2025, date(2026, 1, 20), column="gzdt", kind="工作动态")
    report = run(repo, date(2026, 2, 1), "annual-report-missing")
    assert len(findings(report, "annual-report-missing", "czj")) == 1


@pytest.mark.parametrize("how", ["kind-elsewhere", "report-column-other-kind", "year-from-publication"])
def test_what_counts_as_last_years_report(repo, how):
    """Kind 年度报告 anywhere, or any item of the report column; the year from the title, else
    the year before publication."""
    if how == "kind-elsewhere":
        annual_report(repo, "czj", 2025, date(2026, 1, 20), column="tzgg")
    elif how == "report-column-other-kind":
        annual_report(repo, "czj", 2025, date(2026, 1, 20), kind="其他")
    else:
        annual_report(repo, "czj", 2025, date(2026, 1, 20), title="青川市财政局政府信息公开工作年度报告")
    assert findings(run(repo, date(2026, 2, 1), "annual-report-missing"), "annual-report-missing", "czj") == []


@pytest.mark.parametrize("unit", ["qcs", "hxz"])
def test_governments_and_towns_are_judged_at_31_march(repo, unit):
    assert findings(run(repo, date(2026, 2, 1), "annual-report-missing"), "annual-report-missing", unit) == []
    assert findings(run(repo, date(2026, 3, 31), "annual-report-missing"), "annual-report-missing", unit) == []
    finding = only_finding(run(repo, date(2026, 4, 1), "annual-report-missing"), "annual-report-missing", unit)
    assert "2026-03-31" in finding.message and "2025年" in finding.message
    annual_report(repo, unit, 2025, date(2026, 3, 30))
    assert findings(run(repo, date(2026, 4, 1), "annual-report-missing"), "annual-report-missing", unit) == []


def test_the_command_line_summary_counts_the_new_veto_items_and_says_what_it_covers(repo):
    from test_cli import xxgk
    full_unit(repo, "czj")
    put(repo, "czj", "tzgg", AS_OF, body="绝密★长期\n")
    args = ("check", "--root", str(repo.root), "--as-of", str(AS_OF), "--no-git")
    czj = json.loads(xxgk(*args, "--format", "json").stdout)["summary"]["czj"]
    assert (czj["home"], czj["backdated"], czj["classified"]) == (0, 0, 1)
    assert czj["veto"] is True and czj["veto_reasons"] == ["classified"]
    last = xxgk(*args).stdout.strip().splitlines()[-1]
    assert "触及单项否决（仅 xxgk 可判断的项目）：" in last and "czj" in last


def test_a_check_of_a_few_rules_counts_only_what_it_ran(repo):
    # the bulletin checks stale and blank columns: it must not scan every item for marks
    full_unit(repo, "czj")
    put(repo, "czj", "tzgg", AS_OF, body="绝密★长期\n")
    assert run(repo, AS_OF, "stale-column").summary["czj"]["classified"] == 0
    assert run(repo, AS_OF, "veto").summary["czj"]["classified"] == 1
    assert run(repo, AS_OF, "classified-mark").summary["czj"]["classified"] == 1
