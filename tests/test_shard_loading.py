"""Shard-local loading (issue 13, point 1): ``load(root, units=…)`` reads only the shard's units'
content/, and references to other units resolve from their published ``data/<unit>.json``."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import xxgk.rules
from conftest import CITY_CODE, DEPT_CODE, MKDOCS, PROJECT, build_env, mkdocs_build
from xxgk.core import load

AS_OF = date(2025, 12, 1)
CITY_DOC = f"{CITY_CODE}/2025-00001"  # qcs, 青川市人民政府: its 行政规范性文件
READING = f"{DEPT_CODE}/2025-00002"  # czj, 青川市财政局: its 政策解读 of the city's document
OTHERS = ("qcs", "sthjj")  # units with content besides czj in these repositories


def review(on: str) -> dict:
    return {"reviewer": "王敏", "date": on, "result": "不涉密，同意公开"}


def city_document(repo, **fields):
    return repo.item(unit="qcs", column="gfxwj", name="gfxwj", kind="行政规范性文件", index=CITY_DOC,
                     title="青川市人民政府关于印发《政府投资项目管理办法》的通知", doc_number="青政规〔2025〕1号",
                     formed="2025-09-26", published="2025-09-30", review=review("2025-09-29"), **fields)


def reading(repo, interprets: str = CITY_DOC, **fields):
    return repo.item(column="zcjd", name="jd", kind="政策解读", index=READING, interprets=interprets,
                     title="《政府投资项目管理办法》政策解读（财政局）", formed="2025-09-30",
                     published="2025-09-30", review=review("2025-09-30"), **fields)


def three_units(repo):
    """czj (the shard) with one item, and qcs and sthjj with theirs."""
    repo.item(title="财政局的信息")
    city_document(repo)
    repo.item(unit="sthjj", index="11990700003017887R/2025-00001", title="生态环境局的信息")


def published(tmp_path: Path, unit: str, indexes: list[str]) -> Path:
    """A previous build's site folder holding ``data/<unit>.json`` in the format site/opendata.py writes."""
    site = tmp_path / "published"
    (site / "data").mkdir(parents=True, exist_ok=True)
    items = [{"index": index, "title": "已发布的信息", "unit": "青川市人民政府", "validity": "有效",
              "published": "2025-09-30", "url": f"/{unit}/gfxwj/{index.split('/')[1]}/"} for index in indexes]
    (site / "data" / f"{unit}.json").write_text(json.dumps({"title": "目录", "as_of": "2025-12-01", "items": items},
                                                           ensure_ascii=False), "utf-8")
    return site


def findings(repo, units=None, published_dir=None, only=None):
    loaded = load(str(repo.root), units=units, published=str(published_dir) if published_dir else None)
    report = xxgk.rules.check(loaded, AS_OF, use_git=False, only=only)
    return loaded, report, list(report.findings)


def codes(found, *wanted):
    return [f for f in found if f.code in wanted]


# -- reading only the shard ------------------------------------------------------------------------

@contextlib.contextmanager
def unreadable(*folders: Path):
    """chmod 000 on the folders, restored afterwards whatever happens."""
    modes = [(folder, folder.stat().st_mode) for folder in folders]
    for folder, _ in modes:
        folder.chmod(0)
    try:
        yield
    finally:
        for folder, mode in modes:
            folder.chmod(mode)


def unprivileged(command: list[str]) -> list[str]:
    """Root reads a chmod-000 folder anyway: drop its two capabilities that bypass file modes."""
    if os.geteuid() != 0:
        return command
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot make a folder unreadable")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]


LOAD_SCRIPT = """
import json, sys
from xxgk.core import load
units = set(sys.argv[2].split(",")) if sys.argv[2] else None
repo = load(sys.argv[1], units=units)
print(json.dumps({"items": [i.path for i in repo.items],
                  "problems": [[p.code, p.path, p.message] for p in repo.problems]}, ensure_ascii=False))
"""


def load_elsewhere(root: Path, units: str) -> dict:
    out = subprocess.run(unprivileged([sys.executable, "-c", LOAD_SCRIPT, str(root), units]),
                         capture_output=True, text=True, env=build_env())
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_a_shard_load_never_touches_another_units_content(repo):
    three_units(repo)
    (repo.root / "content/README.md").write_text("编辑说明\n", "utf-8")
    folders = [repo.root / "content" / unit for unit in OTHERS]
    with unreadable(*folders):
        shard = load_elsewhere(repo.root, "czj")
        full = load_elsewhere(repo.root, "")
    assert shard["problems"] == []
    assert shard["items"] == ["content/czj/gzdt/2025/item.md"]
    # the same tree loaded in full cannot read them: the test would see a shard that looked
    unread = sorted(p[1] for p in full["problems"] if p[0] == "encoding")
    assert unread == ["content/qcs", "content/sthjj"], full["problems"]


def test_the_repository_says_which_units_it_holds(repo):
    three_units(repo)
    shard = load(str(repo.root), units={"czj"})
    assert shard.units_loaded == frozenset({"czj"})
    assert list(shard.units) == ["czj"] and "qcs" in shard.catalogue.units
    assert [i.unit for i in shard.items] == ["czj"]
    assert load(str(repo.root)).units_loaded is None


def test_a_shard_whose_unit_folder_is_a_link_reads_nothing_through_it(repo, tmp_path):
    three_units(repo)
    outside = tmp_path / "elsewhere"
    shutil.move(repo.root / "content/czj", outside)
    (repo.root / "content/czj").symlink_to(outside, target_is_directory=True)
    shard = load(str(repo.root), units={"czj"})
    assert [(p.code, p.path) for p in shard.problems] == [("symlink", "content/czj")]
    assert shard.items == () and dict(shard.files) == {}


def test_an_unknown_unit_in_the_shard_is_a_problem_not_a_crash(repo):
    three_units(repo)
    shard = load(str(repo.root), units={"czj", "nosuch"})
    assert [(p.code, p.unit) for p in shard.problems] == [("unknown-unit", "nosuch")]
    assert "nosuch" in shard.problems[0].message and "czj" in shard.problems[0].message


def test_unit_rules_judge_only_the_loaded_units(repo):
    three_units(repo)
    _, full_report, full = findings(repo)
    _, report, found = findings(repo, units={"czj"})
    whole_unit = ("blank-column", "stale-column", "stale-home", "veto", "annual-report-missing")
    assert {f.unit for f in codes(full, *whole_unit)} >= {"czj", "qcs", "sthjj"}  # the full check does judge them
    assert {f.unit for f in codes(found, *whole_unit)} == {"czj"}
    assert set(report.summary) == {"czj"} and set(full_report.summary) >= {"czj", "qcs", "sthjj"}


# -- a cross-unit interpretation -------------------------------------------------------------------

def test_a_cross_unit_interpretation_validates_from_the_other_units_data(repo, tmp_path):
    city_document(repo)
    reading(repo)
    site = published(tmp_path, "qcs", [CITY_DOC])
    _, _, found = findings(repo, units={"czj"}, published_dir=site)
    assert codes(found, "interpretation-target", "reference-unverified", "published-data") == []


def test_a_cross_unit_interpretation_without_the_other_units_data(repo):
    city_document(repo)
    path = reading(repo)
    _, _, found = findings(repo, units={"czj"})
    [finding] = codes(found, "interpretation-target", "reference-unverified")
    assert (finding.code, finding.severity, finding.unit) == ("reference-unverified", "error", "czj")
    assert finding.path == path.relative_to(repo.root).as_posix()
    assert finding.line == path.read_text("utf-8").split("\n").index(f"interprets: {CITY_DOC}") + 1
    assert CITY_DOC in finding.message and "青川市人民政府" in finding.message and "XXGK_PUBLISHED" in finding.message


def test_a_cross_unit_interpretation_of_an_index_not_in_the_data(repo, tmp_path):
    city_document(repo)
    reading(repo)
    site = published(tmp_path, "qcs", [f"{CITY_CODE}/2025-00007"])  # the data, but not that document
    _, _, found = findings(repo, units={"czj"}, published_dir=site)
    [finding] = codes(found, "interpretation-target", "reference-unverified")
    assert (finding.code, finding.severity) == ("interpretation-target", "error")
    assert CITY_DOC in finding.message and "不存在" in finding.message and "已发布的数据中没有" in finding.message


def test_the_full_load_checks_the_interpretation_target_too(repo):
    city_document(repo, mode="依申请公开")
    reading(repo)
    _, _, found = findings(repo, only={"interpretation-target"})
    [finding] = codes(found, "interpretation-target")
    assert "content/qcs/gfxwj/2025/gfxwj.md" in finding.message and "依申请公开" in finding.message
    reading(repo, interprets=f"{CITY_CODE}/2025-00009")
    [finding] = codes(findings(repo, only={"interpretation-target"})[2], "interpretation-target")
    assert f"{CITY_CODE}/2025-00009 不存在" in finding.message


def test_a_broken_published_data_file_is_a_problem_not_a_crash(repo, tmp_path):
    city_document(repo)
    reading(repo)
    site = published(tmp_path, "qcs", [CITY_DOC])
    (site / "data/qcs.json").write_text("{not json", "utf-8")
    loaded, _, found = findings(repo, units={"czj"}, published_dir=site)
    assert [p.code for p in loaded.problems] == ["published-data"]
    assert "data/qcs.json" in loaded.problems[0].message
    assert [f.code for f in codes(found, "reference-unverified")] == ["reference-unverified"]  # never silently ok


def test_a_published_folder_that_does_not_exist_is_named(repo, tmp_path):
    city_document(repo)
    reading(repo)
    loaded, _, found = findings(repo, units={"czj"}, published_dir=tmp_path / "nosuch")
    assert [p.code for p in loaded.problems] == ["published-data"]
    assert str(tmp_path / "nosuch") in loaded.problems[0].message and "XXGK_PUBLISHED" in loaded.problems[0].message
    assert [f.code for f in codes(found, "reference-unverified")] == ["reference-unverified"]


# -- replaced_by and links across units ------------------------------------------------------------

def repealed(repo, replaced_by: str, body: str = "正文。\n"):
    return repo.item(kind="其他文件", column="qtwj", body=body,
                     validity={"status": "废止", "date": "2025-06-01", "note": "已被新办法取代", "replaced_by": replaced_by})


def test_replaced_by_another_units_document(repo, tmp_path):
    city_document(repo)
    repealed(repo, CITY_DOC)
    only = {"validity", "reference-unverified"}
    present = published(tmp_path / "a", "qcs", [CITY_DOC])
    absent = published(tmp_path / "b", "qcs", [f"{CITY_CODE}/2025-00007"])
    assert findings(repo, units={"czj"}, published_dir=present, only=only)[2] == []
    [missing] = findings(repo, units={"czj"}, published_dir=absent, only=only)[2]
    assert missing.code == "validity" and f"{CITY_DOC} 不存在" in missing.message
    [unverified] = findings(repo, units={"czj"}, only=only)[2]
    assert unverified.code == "reference-unverified" and "validity.replaced_by" in unverified.message


def test_a_link_into_another_unit_warns_in_a_shard_and_is_checked_in_full(repo):
    repo.item(title="财政局的信息", body="见[市政府文件](../../../qcs/gfxwj/2025/nosuch.md)。\n")
    city_document(repo)
    only = {"broken-link", "reference-unverified"}
    [full] = findings(repo, only=only)[2]
    assert full.code == "broken-link"
    [shard] = findings(repo, units={"czj"}, only=only)[2]
    assert (shard.code, shard.severity, shard.line) == ("reference-unverified", "warning", 14)  # 13 lines of front matter, then the body
    assert "qcs" in shard.message and "合并或完整检查" in shard.message


# -- the command line and a real shard build -------------------------------------------------------

def test_check_units_loads_the_shard_and_reads_xxgk_published(repo, tmp_path):
    city_document(repo)
    reading(repo)
    site = published(tmp_path, "qcs", [CITY_DOC])
    command = [sys.executable, "-m", "xxgk.cli", "check", "--root", str(repo.root), "--as-of", "2025-12-01",
               "--no-git", "--format", "json", "--units", "czj"]
    with unreadable(repo.root / "content/qcs"):
        plain = subprocess.run(unprivileged(command), capture_output=True, text=True, env=build_env())
        given = subprocess.run(unprivileged(command), capture_output=True, text=True,
                               env=build_env(XXGK_PUBLISHED=str(site)))
    assert "Traceback" not in plain.stderr + given.stderr
    rules = lambda out: sorted(f["rule"] for f in json.loads(out.stdout)["findings"]  # noqa: E731
                               if f["rule"] in ("reference-unverified", "interpretation-target", "encoding"))
    assert rules(plain) == ["reference-unverified"] and rules(given) == []


def test_a_shard_build_with_the_other_units_unreadable(repo, tmp_path):
    three_units(repo)
    reading(repo)
    config = repo.mkdocs_yml(check=True)
    full = mkdocs_build(config, tmp_path / "full")  # the previous build: its data/qcs.json serves the shard
    assert full.returncode == 0, full.stderr
    assert CITY_DOC in (tmp_path / "full/data/qcs.json").read_text("utf-8")
    config.write_text(config.read_text("utf-8").replace(
        "check: true", f"check: true\n      units: czj\n      published: {tmp_path / 'full'}"), "utf-8")
    site = tmp_path / "shard"
    with unreadable(*(repo.root / "content" / unit for unit in OTHERS)):
        result = subprocess.run(unprivileged([*MKDOCS, "build", "-f", str(config), "-d", str(site)]),
                                capture_output=True, text=True, env=build_env())
    assert result.returncode == 0, result.stderr
    assert (site / "czj/zcjd/2025-00002/index.html").is_file() and not (site / "qcs").exists()
    for word in ("无法读取", "reference-unverified", "interpretation-target", "Traceback"):
        assert word not in result.stderr, result.stderr


def test_a_published_record_whose_url_is_not_an_item_url_links_nothing():
    """The published folder is read, not trusted: a 网址 whose last parts are not a column id and an
    item slug gives no place, so no page links it."""
    from xxgk.core.published import Record

    good = Record("X/2026-00001", "qcs", title="t", url="https://x.example/qcs/gfxwj/2026-00001/",
                  validity="有效", published="2026-01-01", kind="其他文件", interprets="", replaced_by="")
    assert good.place == ("qcs", "gfxwj", "2026-00001")
    for url in ("https://x.example/qcs/gfxwj/javascript:alert(1)/", "https://x.example/qcs/a b/2026-00001/",
                "https://x.example/czj/gfxwj/2026-00001/", "2026-00001"):
        record = Record("X/2026-00001", "qcs", title="t", url=url, validity="有效", published="2026-01-01",
                        kind="其他文件", interprets="", replaced_by="")
        assert record.place is None, url
