"""Acceptance tests of the disclosure office's monthly bulletin (月度通报).

Every expected number below is counted BY HAND from the fixture written in this file; the
comment beside each count says which fixture entries make it. Nothing expected is computed by
the code under test.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import CITY_CODE, mkdocs_build
from gitrepo import put
from sitecheck import page
from test_reports import _fill_review, loaded, split_item, xxgk
from xxgk.reports import bulletin_item, monthly_bulletin

# =================================================================================================
# Monthly bulletin for 2026-02 (month end 2026-02-28)
# =================================================================================================

MONTH = "2026-02"

# (unit, column, published, extra fields). Items of February 2026 are marked ★.
MONTHLY_ITEMS = [
    # qcs 青川市人民政府 (government, quota 8): 8 ★ → exactly the quota (not under)
    ("qcs", "gz", "2024-03-01", {"kind": "规章"}),  # earliest item anywhere; 规章 stale (6 months)
    ("qcs", "tzgg", "2026-02-02", {}), ("qcs", "tzgg", "2026-02-03", {}), ("qcs", "tzgg", "2026-02-04", {}),  # ★★★
    ("qcs", "gzdt", "2026-02-16", {}), ("qcs", "gzdt", "2026-02-26", {}),  # ★★
    ("qcs", "zdxm", "2026-02-05", {}),  # ★ key-area
    ("qcs", "shjz", "2026-02-06", {}),  # ★ key-area
    ("qcs", "xzzf", "2026-02-09", {}),  # ★ enforcement
    # czj 青川市财政局 (department, its own quota 6 in catalogue/units/czj.yml): 6 ★ → exactly its quota;
    # no 2025 annual report → annual_missing
    ("czj", "gfxwj", "2026-02-02", {"kind": "行政规范性文件"}),  # ★
    ("czj", "xzzf", "2026-02-09", {}),  # ★ enforcement
    ("czj", "yjs", "2026-02-10", {}),  # ★ fiscal-fund
    ("czj", "sgjf", "2026-02-11", {}),  # ★ fiscal-fund
    ("czj", "hjbh", "2026-02-25", {}),  # ★ key-area
    ("czj", "gzdt", "2026-01-31", {}),  # January: not counted
    ("czj", "gzdt", "2026-02-28", {}),  # ★ last day of the month
    ("czj", "qtwj", "2026-02-12", {"draft": True}),  # draft: not counted, qtwj stays blank
    ("czj", "tzgg", "2026-02-13", {"mode": "依申请公开"}),  # not public: not counted, tzgg stays blank
    ("czj", "zcjd", "2026-03-02", {}),  # scheduled for March: not counted, zcjd stays blank
    # sthjj 青川市生态环境局 (department, its own quota 5 in catalogue/units/sthjj.yml): 2 ★ → under quota;
    # has its 2025 report
    ("sthjj", "gzdt", "2026-02-20", {}),  # ★
    ("sthjj", "hjbh", "2026-02-06", {}),  # ★ key-area
    ("sthjj", "tzgg", "2025-08-15", {}),  # stale: 6 months end 2026-02-15
    ("sthjj", "ndbg", "2026-01-15", {"kind": "年度报告", "title": "青川市生态环境局2025年政府信息公开工作年度报告"}),
    # scjgj 青川市市场监督管理局 (department): last item 2025-11 → zero for Dec, Jan, Feb: streak 3
    ("scjgj", "gzdt", "2025-11-20", {}),
    # lsx 临水县人民政府 (government): item in January only → zero, streak 1
    ("lsx", "gzdt", "2026-01-20", {}),
    # hxz 临水县河西镇人民政府 (town, quota 2): 1 ★ → under quota; gzdt stale by 02-17
    ("hxz", "gzdt", "2026-02-03", {}),  # ★
    # cxjd 临水县城西街道办事处 (town, quota 2): 3 ★, every one of its 12 columns fresh → did well
    ("cxjd", "gzdt", "2026-02-16", {}),  # ★ (14 days: fresh until 03-02)
    ("cxjd", "shjz", "2026-02-10", {}),  # ★ key-area
    ("cxjd", "yjs", "2026-02-12", {}),  # ★ fiscal-fund
    ("cxjd", "jgzn", "2025-03-10", {}), ("cxjd", "ysqgk", "2025-03-10", {}),  # static
    ("cxjd", "gkzd", "2025-03-10", {}),  # static (政府信息公开制度)
    ("cxjd", "ldxx", "2025-06-02", {}), ("cxjd", "ghjh", "2025-04-01", {}),  # periodic: 12 months
    ("cxjd", "qtwj", "2025-12-01", {}), ("cxjd", "tzgg", "2026-01-05", {}),  # notice-policy: 6 months
    ("cxjd", "yjgl", "2025-06-03", {}),  # periodic: 12 months (应急管理, 第二十条第（十二）项; issue 12)
    ("cxjd", "ndbg", "2025-03-20", {"kind": "年度报告", "title": "临水县城西街道办事处2024年政府信息公开工作年度报告"}),
]

UNIT_NAMES = {"qcs": "青川市人民政府", "czj": "青川市财政局", "sthjj": "青川市生态环境局", "scjgj": "青川市市场监督管理局",
              "lsx": "临水县人民政府", "hxz": "临水县河西镇人民政府", "cxjd": "临水县城西街道办事处"}

# Counted by hand from MONTHLY_ITEMS (★ rows). Quotas: the unit's own monthly_quota (czj 6, sthjj 5 in
# catalogue/units), else its kind's in policy.yml (government 8, department 4, town 2).
EXPECTED_UNITS = {  # unit: (items in February, quota, months in a row without an item)
    "qcs": (8, 8, 0),
    "czj": (6, 6, 0),  # gfxwj xzzf yjs sgjf hjbh gzdt(02-28); not 01-31, draft, 依申请公开, 03-02
    "sthjj": (2, 5, 0),
    "scjgj": (0, 4, 3),  # nothing in 2025-12, 2026-01, 2026-02
    "lsx": (0, 8, 1),  # an item in 2026-01
    "hxz": (1, 2, 0),
    "cxjd": (3, 2, 0),
}
EXPECTED_TOTAL = 20  # 8 + 6 + 2 + 0 + 0 + 1 + 3
EXPECTED_GROUPS = {
    "重点领域": 5,  # qcs zdxm, qcs shjz, czj hjbh, sthjj hjbh, cxjd shjz
    "财政资金": 3,  # czj yjs, czj sgjf, cxjd yjs
    "行政执法和权力运行": 2,  # qcs xzzf, czj xzzf
}
EXPECTED_PER_COLUMN = {
    "tzgg": 3,  # qcs ×3
    "gzdt": 6,  # qcs ×2, czj, sthjj, hxz, cxjd
    "zdxm": 1, "shjz": 2, "xzzf": 2, "gfxwj": 1, "yjs": 2, "sgjf": 1, "hjbh": 2,
}
# Stale at 2026-02-28 (only time-limited columns): qcs 规章 (2024-03-01 + 6 months), sthjj 通知公告
# (2025-08-15 + 6 months = 2026-02-15), scjgj/lsx/hxz 工作动态 (11-20, 01-20, 02-03 + 14 days).
EXPECTED_STALE = {("qcs", "gz"), ("sthjj", "tzgg"), ("scjgj", "gzdt"), ("lsx", "gzdt"), ("hxz", "gzdt")}
# Blank: checked columns (leaf, not generated, applicable) minus those with a public item by 02-28.
#   government 26 (gkzd jgzn ldxx gz gfxwj qtwj zcjd gzdt tzgg rsxx ghjh tjxx yjs sgjf sfxm zfcg xzxk xzzf
#                 zdxm hjbh shjz yjgl ggzy gysy ndbg ysqgk); lsx 25: its catalogue file switches gz off
#   department 18 (gkzd jgzn ldxx gfxwj qtwj zcjd gzdt tzgg rsxx ghjh yjs sgjf sfxm xzxk xzzf hjbh ndbg ysqgk)
#   town       12 (gkzd jgzn ldxx qtwj gzdt tzgg ghjh yjs shjz yjgl ndbg ysqgk)
# (issue 12: tjxx xzxk sfxm zfcg yjgl ggzy gysy added for 条例第二十条, 规章 off for lsx)
EXPECTED_BLANK_COUNT = {
    "qcs": 20,  # 26 − (gz tzgg gzdt zdxm shjz xzzf)
    "czj": 12,  # 18 − (gfxwj xzzf yjs sgjf hjbh gzdt)
    "sthjj": 15,  # 18 + hjzl (switched on in sthjj.yml) − (gzdt hjbh tzgg ndbg)
    "scjgj": 17,  # 18 − gzdt
    "lsx": 24,  # 25 − gzdt
    "hxz": 11,  # 12 − gzdt
}
EXPECTED_CZJ_BLANK = {"gkzd", "jgzn", "ldxx", "qtwj", "zcjd", "tzgg", "rsxx", "ghjh", "sfxm", "xzxk", "ndbg", "ysqgk"}
# Departments past 01-31 without a 2025 report (sthjj has one); governments and towns have until 03-31.
EXPECTED_ANNUAL_MISSING = ["czj", "scjgj"]
EXPECTED_UNDER_QUOTA = {"sthjj": (2, 5), "hxz": (1, 2)}  # published something, below the quota
EXPECTED_ZERO = {"scjgj": 3, "lsx": 1}
EXPECTED_DID_WELL = ["cxjd"]  # quota met, no stale or blank column, no missing report


def put_items(repo, items, prefix: str) -> None:
    """(unit, column, published, fields) rows as items, numbered per unit and year in order."""
    serials: dict[tuple[str, int], int] = {}
    for n, (unit, column, published, fields) in enumerate(items):
        day = date.fromisoformat(published)
        serial = serials[unit, day.year] = serials.get((unit, day.year), 0) + 1
        put(repo, unit, column, day, name=f"{prefix}{n:02d}", serial=serial,
            **{"title": f"{UNIT_NAMES[unit]}{column}第{n}号", "kind": "工作动态", **fields})


def monthly_fixture(repo):
    put_items(repo, MONTHLY_ITEMS, "m")


@pytest.fixture
def monthly_repo(repo):
    monthly_fixture(repo)
    return repo


def test_monthly_bulletin_counts(monthly_repo):
    bulletin = monthly_bulletin(loaded(monthly_repo), MONTH)
    # the period replaces the old month/month_end fields: bulletins are monthly, quarterly or yearly
    assert bulletin.period.key == MONTH and bulletin.period.end == date(2026, 2, 28)
    assert bulletin.total == EXPECTED_TOTAL
    assert {u.unit: (u.count, u.quota, u.zero_streak) for u in bulletin.units} == EXPECTED_UNITS
    assert bulletin.groups == EXPECTED_GROUPS
    assert bulletin.per_column == EXPECTED_PER_COLUMN
    assert {u.unit: u.zero_streak for u in bulletin.zero_units} == EXPECTED_ZERO
    assert {u.unit: (u.count, u.quota) for u in bulletin.under_quota} == EXPECTED_UNDER_QUOTA
    assert {(e["unit"], e["column"]) for e in bulletin.stale} == EXPECTED_STALE
    assert len(bulletin.stale) == len(EXPECTED_STALE)
    blank = {}
    for e in bulletin.blank:
        blank[e["unit"]] = blank.get(e["unit"], 0) + 1
    assert blank == EXPECTED_BLANK_COUNT
    assert {e["column"] for e in bulletin.blank if e["unit"] == "czj"} == EXPECTED_CZJ_BLANK
    assert bulletin.annual_missing == EXPECTED_ANNUAL_MISSING
    assert bulletin.did_well == EXPECTED_DID_WELL


def test_bulletin_markdown_names_the_units(monthly_repo):
    repository = loaded(monthly_repo)
    bulletin = monthly_bulletin(repository, MONTH)
    path, text = bulletin_item(repository, bulletin, "qcs", "tzgg", date(2026, 3, 3))
    assert path.startswith("content/qcs/tzgg/2026/")
    front, body = split_item(text)
    assert front["title"] == "青川市人民政府关于2026年2月政府信息公开工作情况的通报"
    assert front["index"].startswith(f"{CITY_CODE}/2026-")
    assert f"**{EXPECTED_TOTAL}**" in body
    assert "重点领域 5 条" in body and "财政资金 3 条" in body and "行政执法和权力运行 2 条" in body
    for unit, (count, quota, streak) in EXPECTED_UNITS.items():
        state = ("零发布" + (f"（连续 {streak} 个月）" if streak > 1 else "")) if count == 0 else \
            ("低于定额" if count < quota else "达到定额")
        assert f"| {UNIT_NAMES[unit]} | {count} | {quota} | {state} |" in body, unit

    def line(label):
        (found,) = [ln for ln in body.split("\n") if ln.startswith(f"**{label}")]
        return found

    zero = line("零发布单位")
    assert "青川市市场监督管理局（连续 3 个月）" in zero and "临水县人民政府" in zero
    assert "临水县人民政府（" not in zero  # one month: no streak mentioned
    assert not any(UNIT_NAMES[u] in zero for u in ("qcs", "czj", "sthjj", "hxz", "cxjd"))
    under = line("未达到每月定额的单位")
    assert "青川市生态环境局（2/5 条）" in under and "临水县河西镇人民政府（1/2 条）" in under
    assert not any(UNIT_NAMES[u] in under for u in ("qcs", "czj", "scjgj", "lsx", "cxjd"))
    missing = line("未按时公布上一年度")
    assert "青川市财政局" in missing and "青川市市场监督管理局" in missing
    assert not any(UNIT_NAMES[u] in missing for u in ("qcs", "sthjj", "lsx", "hxz", "cxjd"))
    stale = line("截至 2026-02-28 未按时更新的栏目")
    for unit, name in (("qcs", "规章"), ("sthjj", "通知公告"), ("scjgj", "工作动态"), ("lsx", "工作动态"),
                       ("hxz", "工作动态")):
        assert f"{UNIT_NAMES[unit]}“{name}”" in stale
    assert stale.count("“") == 5
    assert line("空白栏目").count("“") == sum(EXPECTED_BLANK_COUNT.values()) == 99  # 20+12+15+17+24+11
    praised = body.split("## 三、表现较好的单位", 1)[1].split("## 四", 1)[0]
    assert "临水县城西街道办事处" in praised
    assert not any(UNIT_NAMES[u] in praised for u in UNIT_NAMES if u != "cxjd")
    assert '<svg class="xxgk-chart"' in body
    assert "<title>青川市财政局：6 条，定额 6 条</title>" in body


def test_monthly_json_cli_matches(monthly_repo):
    result = xxgk("report", "monthly", "--root", str(monthly_repo.root), "--month", MONTH, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["period"]["key"] == MONTH and data["period"]["end"] == "2026-02-28"  # was month, month_end
    assert data["total"] == EXPECTED_TOTAL
    assert data["groups"] == EXPECTED_GROUPS
    assert data["per_column"] == EXPECTED_PER_COLUMN
    assert {u["unit"]: (u["count"], u["quota"], u["zero_streak"]) for u in data["units"]} == EXPECTED_UNITS
    assert {(e["unit"], e["column"]) for e in data["stale"]} == EXPECTED_STALE
    assert len(data["blank"]) == 99  # EXPECTED_BLANK_COUNT: 20+12+15+17+24+11
    assert data["annual_missing"] == EXPECTED_ANNUAL_MISSING
    assert data["did_well"] == EXPECTED_DID_WELL


def test_written_bulletin_builds_with_its_chart(monthly_repo, tmp_path):
    result = xxgk("report", "monthly", "--root", str(monthly_repo.root), "--month", MONTH, "--as-of", "2026-03-03",
                  "--write")
    assert result.returncode == 0, result.stderr
    (written,) = (monthly_repo.root / "content/qcs/tzgg/2026").glob("bulletin-2026-02.md")
    _fill_review(written)
    front, _ = split_item(written.read_text("utf-8"))
    assert front["index"].startswith(f"{CITY_CODE}/2026-")
    serial = front["index"].split("/")[1]
    loaded(monthly_repo)

    site = tmp_path / "site"
    build = mkdocs_build(monthly_repo.mkdocs_yml(build_date="2026-03-10"), site)
    assert build.returncode == 0, build.stderr
    html = page(site, f"qcs/tzgg/{serial}/")
    assert "关于2026年2月政府信息公开工作情况的通报" in html
    assert '<svg class="xxgk-chart"' in html
    assert '<title id="chart-title">2026年2月各单位发布条数与定额</title>' in html
    assert "<title>青川市生态环境局：2 条，定额 5 条</title>" in html


# =================================================================================================
# Bugs these tests found (fixed): fee rounding, bulletin rewrite, one <thead> per table
# =================================================================================================

def test_writing_a_bulletin_again_keeps_its_index_and_review(monthly_repo):
    args = ("report", "monthly", "--root", str(monthly_repo.root), "--month", MONTH, "--as-of", "2026-03-03",
            "--write")
    assert xxgk(*args).returncode == 0
    written = monthly_repo.root / "content/qcs/tzgg/2026/bulletin-2026-02.md"
    _fill_review(written)
    first, _ = split_item(written.read_text("utf-8"))
    xxgk(*args)  # updating in place or refusing are both fine; a new 索引号 on the same item is not
    files = list(written.parent.glob("bulletin-2026-02*.md"))
    assert files == [written]
    again, _ = split_item(written.read_text("utf-8"))
    assert again["index"] == first["index"]
    assert again["review"]["reviewer"] == "王敏"
