"""Issue 12, point 18: 规章 where a unit may make them, and only there.

Only the State Council's ministries (《立法法》第九十一条) and the governments of provinces and of
cities divided into districts (第九十三条) make 规章. The demo's county government 临水县 (lsx)
switches the 规章 column off in its catalogue file; departments never have it. These tests check
every consumer of the switch (loader, rules, bulletin, site, ``xxgk new``, annual report) and the
rule ``kind-not-applicable``: an item of ``kind: 规章`` of a unit for which no 规章 column applies.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date

import xxgk.rules
from conftest import PROJECT, mkdocs_build
from gitrepo import line_of, put
from xxgk.core import load

AS_OF = date(2026, 11, 20)
LSX_REASON_WORDS = "县级人民政府无规章制定权"  # catalogue/units/lsx.yml, columns.gz.reason


def run(repo, *codes):
    report = xxgk.rules.check(load(str(repo.root)), AS_OF, use_git=False, only=set(codes))
    return list(report.findings)


def of(found, code, unit=None, column=None):
    return [f for f in found if f.code == code and (unit is None or f.unit == unit)
            and (column is None or f.column == column)]


# -- the catalogue: lsx has no 规章 column ------------------------------------------------------

def test_lsx_switches_the_regulation_column_off_with_its_legal_reason():
    catalogue = load(str(PROJECT)).catalogue
    lsx = catalogue.units["lsx"]
    assert lsx.kind == "government"
    assert lsx.columns["gz"].enabled is False
    assert LSX_REASON_WORDS in lsx.columns["gz"].reason and "立法法" in lsx.columns["gz"].reason
    assert "gz" not in {c.id for c in catalogue.columns_for(lsx)}
    assert "gz" in {c.id for c in catalogue.columns_for(catalogue.units["qcs"])}  # the city keeps it


def test_the_demo_has_no_item_under_a_switched_off_column():
    assert not (PROJECT / "content" / "lsx" / "gz").exists()


def test_an_lsx_item_in_the_regulation_column_is_unknown_column_and_names_the_reason(repo):
    path = put(repo, "lsx", "gz", date(2026, 7, 23), kind="规章")
    (problem,) = [p for p in load(str(repo.root)).problems if p.code == "unknown-column"]
    assert problem.path.endswith(path.name) and LSX_REASON_WORDS in problem.message


# -- blank columns, veto, bulletin ----------------------------------------------------------------

def test_a_switched_off_column_is_never_blank(repo):
    found = run(repo, "blank-column")
    assert of(found, "blank-column", "lsx", "gz") == []
    assert len(of(found, "blank-column", "qcs", "gz")) == 1  # the city's 规章 column is still judged


def test_the_bulletin_does_not_list_a_switched_off_column_as_blank(repo):
    from xxgk.reports import monthly_bulletin

    bulletin = monthly_bulletin(load(str(repo.root)), "2026-10")
    blank = {(e["unit"], e["column"]) for e in bulletin.blank}
    assert ("qcs", "gz") in blank and ("lsx", "gz") not in blank


# -- kind-not-applicable ------------------------------------------------------------------------

def test_a_department_item_of_kind_regulation_is_an_error(repo):
    path = put(repo, "czj", "gfxwj", date(2026, 3, 2), kind="规章")
    (finding,) = run(repo, "kind-not-applicable")
    assert finding.severity == "error" and finding.path.endswith(path.name)
    assert finding.line == line_of(path, "kind:")
    assert "kind" in finding.message and "部门制定的规范性文件应标为“行政规范性文件”" in finding.message
    assert "青川市财政局" in finding.message


def test_a_county_government_item_of_kind_regulation_is_an_error_naming_its_switch(repo):
    path = put(repo, "lsx", "qtwj", date(2026, 7, 23), kind="规章")
    (finding,) = run(repo, "kind-not-applicable")
    assert finding.path.endswith(path.name) and finding.line == line_of(path, "kind:")
    assert LSX_REASON_WORDS in finding.message and "catalogue/units/lsx.yml" in finding.message
    assert "“行政规范性文件”" in finding.message and "“其他文件”" in finding.message


def test_a_city_government_regulation_is_fine(repo):
    put(repo, "qcs", "gz", date(2026, 7, 10), kind="规章")
    assert run(repo, "kind-not-applicable") == []


def test_a_town_item_of_kind_regulation_is_an_error(repo):
    put(repo, "hxz", "qtwj", date(2026, 3, 2), kind="规章")
    assert len(run(repo, "kind-not-applicable")) == 1


def test_kind_not_applicable_is_listed_by_xxgk_codes():
    out = subprocess.run([sys.executable, "-m", "xxgk.cli", "codes"], capture_output=True, text=True).stdout
    assert "kind-not-applicable" in out


# -- xxgk new -------------------------------------------------------------------------------------

def test_xxgk_new_refuses_the_regulation_column_for_lsx(repo):
    result = subprocess.run([sys.executable, "-m", "xxgk.cli", "new", "--root", str(repo.root), "--unit", "lsx",
                             "--column", "gz", "--title", "临水县人民政府关于……的规定", "--date", "2026-11-24"],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "栏目 gz 不存在或不适用于临水县人民政府" in result.stdout + result.stderr
    assert not (repo.root / "content" / "lsx" / "gz").exists()


# -- the site ---------------------------------------------------------------------------------------

def test_the_built_site_has_no_regulation_column_for_lsx(demo_site):
    assert not (demo_site / "lsx" / "gz").exists()
    assert not (demo_site / "feeds" / "lsx" / "gz.xml").exists()
    assert (demo_site / "qcs" / "gz" / "index.html").is_file()
    lsx_home = (demo_site / "lsx" / "index.html").read_text("utf-8")
    qcs_home = (demo_site / "qcs" / "index.html").read_text("utf-8")
    assert 'href="gz/"' not in lsx_home and "lsx/gz/" not in lsx_home  # column tree, nav, channel bar
    assert re.search(r'href="[./]*(qcs/)?gz/"', qcs_home)
    catalogue = (demo_site / "lsx" / "catalogue" / "index.html").read_text("utf-8")
    assert '<option value="gz">' not in catalogue  # the catalogue filter's column list
    assert '<option value="gfxwj">' in catalogue
    guide = (demo_site / "lsx" / "gkzn" / "index.html").read_text("utf-8")  # the guide's list of columns
    assert "行政规范性文件</a>" in guide and "规章</a>" not in guide
    sitemap = "".join(p.read_text("utf-8") for p in demo_site.rglob("sitemap*.xml"))  # the index and its sitemaps
    assert "/lsx/gz/" not in sitemap and "/qcs/gz/" in sitemap


def test_a_repository_build_honours_a_switch_it_did_not_ship_with(repo, tmp_path):
    """A department that switches on a government column gets its page and nav entry."""
    path = repo.root / "catalogue/units/czj.yml"
    path.write_text(path.read_text("utf-8") + "columns:\n  zdxm: {enabled: true, reason: 本局承担重大建设项目资金监管}\n",
                    "utf-8")
    put(repo, "czj", "zdxm", date(2026, 9, 1), kind="其他")
    result = mkdocs_build(repo.mkdocs_yml(check=False), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "czj" / "zdxm" / "index.html").is_file()
    assert not (tmp_path / "site" / "sthjj" / "zdxm").exists()


# -- the annual report --------------------------------------------------------------------------------

def test_the_annual_report_of_lsx_still_prints_the_regulation_row_with_zeros(repo):
    """Table 二 of the national template (国办公开办函〔2021〕30号) has the 规章 row for every organ;
    one that makes none reports 0, 0, 0 rather than dropping the row."""
    from xxgk.reports import annual_report
    from xxgk.reports.markdown import annual_body

    put(repo, "lsx", "gfxwj", date(2025, 5, 6), kind="行政规范性文件")
    report = annual_report(load(str(repo.root)), "lsx", 2025)
    assert [(r.kind, r.issued, r.repealed, r.in_force) for r in report.documents] == [
        ("规章", 0, 0, 0), ("行政规范性文件", 1, 0, 1)]  # the one document put above
    body = annual_body(report, "临水县人民政府")
    assert '<tr><th scope="row">规章</th><td>0</td><td>0</td><td>0</td></tr>' in body


def test_a_blank_column_tells_the_editor_how_to_switch_it_off_for_the_unit(repo):
    (finding,) = of(run(repo, "blank-column"), "blank-column", "sthjj", "sfxm")
    assert "catalogue/units/sthjj.yml" in finding.message
    assert "columns: {sfxm: {enabled: false, reason: 理由}}" in finding.message
