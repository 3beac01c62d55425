"""A shard build writes what the full build writes for its units (issue 13, point 2): item pages
link another unit's documents and 政策解读 from that unit's published data/<unit>.json, and the
open data carries the references (interprets, replaced_by) a shard needs to see them backwards."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import xxgk.rules
from conftest import MKDOCS, PROJECT, build_env, mkdocs_build
from test_shard_loading import AS_OF, CITY_DOC as CITY_RULES, READING, city_document, reading, repealed
from xxgk.core import load
from xxgk.site import SiteView

CITY_DOC = "11990700003015240F/2026-00009"  # qcs: 《支持民营经济发展壮大若干措施》 (行政规范性文件)
MARKET_READING = "11990700003019057P/2026-00020"  # scjgj: its 政策解读 of that document


def build(site: Path, **env: str) -> subprocess.CompletedProcess:
    result = subprocess.run([*MKDOCS, "build", "-q", "-f", str(PROJECT / "mkdocs.yml"),
                             "-d", str(site)], capture_output=True, text=True, env=build_env(**env))
    assert result.returncode == 0, result.stderr
    return result


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def full(demo_site) -> Path:
    return demo_site


def shard(tmp_path: Path, full: Path, unit: str) -> Path:
    site = tmp_path / unit
    build(site, XXGK_UNITS=unit, XXGK_PUBLISHED=str(full))
    return site


def differing(full: Path, site: Path, unit: str) -> list[str]:
    whole, part = files(full / unit), files(site / unit)
    assert whole.keys() == part.keys()
    return [name for name in whole if whole[name] != part[name]]


# -- (a) the pages -------------------------------------------------------------------------------

def test_the_demo_has_a_cross_unit_interpretation(full):
    page = (full / "qcs/gfxwj/2026-00009/index.html").read_text("utf-8")
    assert page.count("政策解读：<a") == 2  # qcs's own and scjgj's (counted in content/)
    assert "../../../scjgj/zcjd/2026-00020/" in page


def test_a_shard_links_the_other_units_interpretation(full, tmp_path):
    site = shard(tmp_path, full, "qcs")
    page = (site / "qcs/gfxwj/2026-00009/index.html").read_text("utf-8")
    assert '政策解读：<a href="../../../scjgj/zcjd/2026-00020/">《青川市支持民营经济发展壮大若干措施》市场准入和权益保护条款解读</a>' in page


def test_a_shard_links_the_document_another_unit_interprets(full, tmp_path):
    site = shard(tmp_path, full, "scjgj")
    page = (site / "scjgj/zcjd/2026-00020/index.html").read_text("utf-8")
    assert ('解读的文件：<a href="../../../qcs/gfxwj/2026-00009/">青川市人民政府关于印发《青川市支持民营经济发展壮大若干措施》的通知</a>'
            in page)


@pytest.mark.parametrize("unit", ["qcs", "scjgj"])
def test_a_shards_unit_pages_are_the_full_builds(full, tmp_path, unit):
    site = shard(tmp_path, full, unit)
    assert differing(full, site, unit) == []


# -- (b) the references in the open data, read back by a shard -------------------------------------

def test_the_open_data_records_interprets_and_replaced_by(full):
    rows = {r["索引号"]: r for r in csv.DictReader(io.StringIO((full / "data/scjgj.csv").read_text("utf-8-sig")))}
    assert rows[MARKET_READING]["解读的文件索引号"] == CITY_DOC
    assert rows[MARKET_READING]["现行文件索引号"] == ""
    data = json.loads((full / "data/qcs.json").read_text("utf-8"))
    records = {r["index"]: r for r in data["items"]}
    # content/qcs/gfxwj/2024/private-economy-measures-2024.md: replaced_by the 2026 measures
    assert records["11990700003015240F/2024-00005"]["replaced_by"] == CITY_DOC
    assert records[CITY_DOC]["interprets"] == "" and records[CITY_DOC]["replaced_by"] == ""
    assert data["fields"]["interprets"] == "解读的文件索引号" and data["fields"]["replaced_by"] == "现行文件索引号"


def test_the_open_data_names_no_reference_to_an_item_off_the_site(repo):
    city_document(repo, mode="依申请公开")  # not on the site
    reading(repo)
    view = SiteView(load(str(repo.root)), AS_OF)
    data = json.loads(dict(view.documents())["data/czj.json"])
    [record] = [r for r in data["items"] if r["index"] == READING]
    assert record["interprets"] == ""


def published_reading(tmp_path: Path, **fields) -> Path:
    """czj's data/czj.json as a full build writes it (site/opendata.py), with its 政策解读."""
    site = tmp_path / "published"
    (site / "data").mkdir(parents=True)
    record = {"index": READING, "title": "《政府投资项目管理办法》政策解读（财政局）", "kind": "政策解读",
              "validity": "有效", "published": "2025-09-30", "url": "https://example.org/czj/zcjd/2025-00002/",
              "interprets": CITY_RULES, "replaced_by": "", **fields}
    (site / "data/czj.json").write_text(json.dumps({"title": "目录", "as_of": "2025-12-01", "items": [record]},
                                                   ensure_ascii=False), "utf-8")
    return site


def missing(repo, site) -> list:
    report = xxgk.rules.check(load(str(repo.root), units={"qcs"}, published=str(site)), AS_OF, use_git=False,
                              only={"missing-interpretation"})
    return [f for f in report.findings if f.code == "missing-interpretation"]


def test_a_shard_counts_another_units_published_interpretation(repo, tmp_path):
    city_document(repo)
    assert [f.path for f in missing(repo, published_reading(tmp_path / "a", interprets=""))] == [
        "content/qcs/gfxwj/2025/gfxwj.md"]  # the reading names no document: still none
    assert missing(repo, published_reading(tmp_path / "b")) == []


def test_a_shard_judges_another_units_interpretation_by_its_date_and_kind(repo, tmp_path):
    city_document(repo)  # published 2025-09-30 (a Tuesday): 3 working days, past the National Day holiday
    [late] = missing(repo, published_reading(tmp_path / "a", published="2025-11-20"))
    assert "现有解读发布于 2025-11-20" in late.message
    assert len(missing(repo, published_reading(tmp_path / "b", kind="其他文件"))) == 1
    assert len(missing(repo, published_reading(tmp_path / "c", published="2025-12-02"))) == 1  # after the as-of date


def test_a_replacement_in_another_unit_links_both_ways_in_shards(repo, tmp_path):
    """czj's 其他文件 (废止) is replaced by the city's document: each shard's page links the other's."""
    city_document(repo)
    repealed(repo, CITY_RULES)
    config = repo.mkdocs_yml(build_date="2025-12-01")
    assert mkdocs_build(config, tmp_path / "full").returncode == 0
    plain = config.read_text("utf-8")
    for unit in ("czj", "qcs"):
        config.write_text(plain.replace("check: true", f"check: true\n      units: {unit}\n      published: {tmp_path / 'full'}"),
                          "utf-8")
        result = mkdocs_build(config, tmp_path / unit)
        assert result.returncode == 0, result.stderr
        assert differing(tmp_path / "full", tmp_path / unit, unit) == []
    city = (tmp_path / "qcs/qcs/gfxwj/2025-00001/index.html").read_text("utf-8")
    assert '本文件取代：<a href="../../../czj/qtwj/2025-00001/">关于开展2025年财政资金绩效评价工作的通知</a>（废止）' in city
    old = (tmp_path / "czj/czj/qtwj/2025-00001/index.html").read_text("utf-8")
    assert ('现行文件：<a href="../../../qcs/gfxwj/2025-00001/">青川市人民政府关于印发《政府投资项目管理办法》的通知</a>'
            f'（{CITY_RULES}）') in old


def test_xxgk_units_in_the_environment_makes_a_shard_without_units_in_the_config(full, tmp_path):
    """`xxgk build --shards` runs its shards through XXGK_UNITS; a site whose mkdocs.yml has no
    `units: !ENV [XXGK_UNITS, ""]` line must still get shards, not N full builds."""
    import shutil

    root = tmp_path / "repo"
    for name in ("catalogue", "content", "extras"):
        shutil.copytree(PROJECT / name, root / name)
    config = (PROJECT / "mkdocs.yml").read_text("utf-8")
    assert "units: !ENV [XXGK_UNITS" in config
    (root / "mkdocs.yml").write_text("\n".join(line for line in config.splitlines() if "XXGK_UNITS" not in line), "utf-8")
    site = tmp_path / "site"
    result = subprocess.run([*MKDOCS, "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
                            capture_output=True, text=True, env=build_env(XXGK_UNITS="lsx", XXGK_PUBLISHED=str(full)))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in site.iterdir() if p.is_dir() and p.name != "assets") == ["data", "lsx"]
    assert differing(full, site, "lsx") == []
