"""Sharded builds and their merge (issue 13, points 2, 3 and 7): the demo built as 3 shards and
merged is the monolithic build, file by file; a shard writes only its units' files; the merge
refuses shards that overlap, miss a unit, carry a link or a stray file, disagree on the theme,
or reuse an 索引号 across units — and leaves the output untouched when it refuses."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, build_env
from test_shard_pages import build, files
from xxgk.core.catalogue import load_catalogue
from xxgk.site import urls

CONFIG = str(PROJECT / "mkdocs.yml")
UNITS = list(load_catalogue(str(PROJECT), []).units)
GROUPS = ["qcs,hxz,cxjd", "czj,sthjj", "scjgj,lsx"]  # as `xxgk shards --count 3` groups the demo


def xxgk(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env=build_env())


@pytest.fixture(scope="module")
def sharded(tmp_path_factory) -> Path:
    """The demo as `xxgk build --shards 3 --jobs 2`: a data pass, 3 shard builds, the merge."""
    out = tmp_path_factory.mktemp("sharded") / "site"
    result = xxgk("build", "-f", CONFIG, "--shards", "3", "--jobs", "2", "--out", str(out))
    assert result.returncode == 0, result.stderr + result.stdout
    assert "峰值内存" in result.stdout and "合并" in result.stdout
    return out


@pytest.fixture(scope="module")
def shards(tmp_path_factory, demo_site) -> list[Path]:
    """The three shards, built against the monolithic build's published data (as CI builds them
    against the last published site)."""
    root = tmp_path_factory.mktemp("shards")
    out = []
    for n, units in enumerate(GROUPS, 1):
        build(root / f"shard-{n}", XXGK_UNITS=units, XXGK_PUBLISHED=str(demo_site))
        out.append(root / f"shard-{n}")
    return out


def copy_shards(shards: list[Path], tmp_path: Path) -> list[Path]:
    copies = []
    for shard in shards:
        shutil.copytree(shard, tmp_path / shard.name)
        copies.append(tmp_path / shard.name)
    return copies


def merge(out: Path, *shards: Path, base: Path | None = None) -> subprocess.CompletedProcess:
    return xxgk("merge", "-f", CONFIG, "--out", str(out), *map(str, shards), *(["--base", str(base)] if base else []))


# -- the same site ------------------------------------------------------------------------------

def test_the_sharded_build_is_the_monolithic_build_file_by_file(demo_site, sharded):
    """Byte for byte, the search too: the unit bundles and the site index merged from them."""
    whole, parts = files(demo_site), files(sharded)
    assert whole.keys() == parts.keys()
    differing = sorted(name for name in whole if whole[name] != parts[name])
    assert differing == []
    assert len(whole) > 600 and "index.html" in whole and "catalogue/page/3/index.html" in whole
    assert "searchindex/manifest.json" in whole and "sthjj/searchindex/manifest.json" in whole


def test_merging_shards_built_against_the_published_site_gives_the_same_site(demo_site, shards, tmp_path):
    out = tmp_path / "site"
    result = merge(out, *shards)
    assert result.returncode == 0, result.stderr
    assert files(out) == files(demo_site)


def test_a_pull_request_merges_its_one_unit_with_the_published_site(demo_site, tmp_path):
    shard = tmp_path / "pr"
    build(shard, XXGK_UNITS="sthjj", XXGK_PUBLISHED=str(demo_site))
    out = tmp_path / "site"
    result = merge(out, shard, base=demo_site)
    assert result.returncode == 0, result.stderr
    assert files(out) == files(demo_site)


# -- a shard's output ---------------------------------------------------------------------------

def test_a_shard_writes_only_its_units_files_and_the_theme(shards):
    for shard, units in zip(shards, GROUPS):
        owners = {urls.owner(path, UNITS) for path in files(shard)}
        strays = [p for p in files(shard) if urls.owner(p, UNITS) is None and not urls.shared(p)]
        assert strays == [] and owners - {None} == set(units.split(","))


def test_the_data_pass_keeps_cross_unit_references(tmp_path):
    result = xxgk("data", "-f", CONFIG, "--units", "scjgj", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    rows = {r["index"]: r for r in json.loads((tmp_path / "scjgj.json").read_text("utf-8"))["items"]}
    # scjgj's 政策解读 of a qcs document: the shard cannot see qcs, the reference is kept
    assert rows["11990700003019057P/2026-00020"]["interprets"] == "11990700003015240F/2026-00009"


# -- what the merge refuses ---------------------------------------------------------------------

@pytest.fixture
def existing(tmp_path) -> Path:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("the published site", "utf-8")
    return out


def refused(result, existing: Path, *needles: str) -> None:
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr and "合并失败" in result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr
    assert [p.name for p in existing.iterdir()] == ["index.html"], "a refused merge touched the output"
    assert not [p for p in existing.parent.iterdir() if p.name.startswith(".xxgk-")], "temporary folders left"


def test_overlapping_shards_are_refused(shards, existing):
    refused(merge(existing, *shards, shards[0]), existing, "同时出现在", "互不重叠")


def test_a_missing_unit_is_refused(shards, existing):
    refused(merge(existing, *shards[:2]), existing, "缺少单位 scjgj, lsx")


def test_a_symlink_in_a_shard_is_refused(shards, existing, tmp_path):
    copies = copy_shards(shards, tmp_path / "copies")
    os.symlink("/etc/passwd", copies[1] / "czj" / "leak.txt")
    refused(merge(existing, *copies), existing, "czj/leak.txt", "链接")


def test_a_site_level_file_in_a_shard_is_refused(shards, existing, tmp_path):
    copies = copy_shards(shards, tmp_path / "copies")
    (copies[2] / "index.html").write_text("<script>alert(1)</script>", "utf-8")
    refused(merge(existing, *copies), existing, "index.html", "不属于任何单位")


def test_shards_of_different_theme_versions_are_refused(shards, existing, tmp_path):
    copies = copy_shards(shards, tmp_path / "copies")
    (copies[1] / "assets" / "xxgk" / "xxgk.css").write_text("/* another version */", "utf-8")
    refused(merge(existing, *copies), existing, "assets/xxgk/xxgk.css", "同一版本")


def test_an_index_used_by_two_units_across_shards_is_refused(shards, existing, tmp_path):
    copies = copy_shards(shards, tmp_path / "copies")
    data = copies[1] / "data" / "czj.json"
    table = json.loads(data.read_text("utf-8"))
    taken = json.loads((copies[0] / "data" / "qcs.json").read_text("utf-8"))["items"][0]["index"]
    table["items"][0]["index"] = taken
    data.write_text(json.dumps(table, ensure_ascii=False), "utf-8")
    refused(merge(existing, *copies), existing, f"索引号 {taken}", "qcs", "czj", "index-duplicate")


def test_a_unit_without_its_data_is_refused(shards, existing, tmp_path):
    copies = copy_shards(shards, tmp_path / "copies")
    (copies[2] / "data" / "lsx.json").unlink()
    refused(merge(existing, *copies), existing, "data/lsx.json")


def test_a_shard_without_its_search_bundles_is_refused(shards, existing, tmp_path):
    copies = copy_shards(shards, tmp_path / "copies")
    shutil.rmtree(copies[1] / "sthjj" / "searchindex")
    refused(merge(existing, *copies), existing, "sthjj", "searchindex", "search 设置")


def test_a_corrupt_search_bundle_is_refused(shards, existing, tmp_path):
    copies = copy_shards(shards, tmp_path / "copies")
    manifest = copies[2] / "lsx" / "searchindex" / "manifest.json"
    manifest.write_text(manifest.read_text("utf-8")[:-40], "utf-8")
    refused(merge(existing, *copies), existing, "lsx", "manifest.json")


def test_shards_without_any_search_bundle_merge_without_a_site_index(shards, tmp_path):
    copies = copy_shards(shards, tmp_path / "copies")
    for bundle in [b for shard in copies for b in shard.glob("*/searchindex")]:
        shutil.rmtree(bundle)
    out = tmp_path / "site"
    result = merge(out, *copies)
    assert result.returncode == 0, result.stderr
    assert "全站搜索索引未合并" in result.stderr
    assert not (out / "searchindex").exists() and (out / "search" / "index.html").is_file()


def test_a_merge_replaces_the_output_only_when_it_succeeds(demo_site, shards, existing):
    result = merge(existing, *shards)
    assert result.returncode == 0, result.stderr
    assert (existing / "index.html").read_bytes() == (demo_site / "index.html").read_bytes()
    assert "搜索索引" not in result.stderr  # the shards carry their bundles: the search is merged
    assert not [p for p in existing.parent.iterdir() if p.name.startswith((".xxgk-", "site.old"))]


def test_a_shard_sitemap_that_is_not_one_is_refused(shards, existing, tmp_path):
    copies = copy_shards(shards, tmp_path / "copies")
    (copies[0] / "hxz" / "sitemap.xml").write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', "utf-8")
    refused(merge(existing, *copies), existing, "hxz/sitemap.xml", "不是 sitemap")
