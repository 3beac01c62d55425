"""`xxgk shards --count N`: units in N groups balanced by item count, as a CI job matrix.

The repository is the project's catalogue (7 units, catalogue order qcs, czj, sthjj, scjgj, lsx,
hxz, cxjd) with item files written here; every expected group is worked out by hand below."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import Repo
from xxgk.core.shards import balance


def xxgk(*args):
    return subprocess.run([sys.executable, "-m", "xxgk.cli", *args], capture_output=True, text=True)


def md(repo: Repo, rel: str, text: str = "---\n: not yaml [\n---\n") -> None:
    """An item file; its front matter is not even YAML: shards count files, they parse nothing."""
    path = repo.root / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


@pytest.fixture
def counted(repo) -> Repo:
    """czj 5, qcs 3, sthjj 2, lsx 2 items; the other units none; and files that are no items."""
    for n in range(5):
        md(repo, f"czj/gzdt/2025/n{n}.md")
    for n in range(3):
        md(repo, f"qcs/tzgg/{2024 + n}/n{n}.md")
    md(repo, "sthjj/gzdt/2025/a.md")
    md(repo, "sthjj/hjzl/2026/b.md")
    md(repo, "lsx/gzdt/2025/a.md")
    md(repo, "lsx/gzdt/2025/b.md")
    md(repo, "czj/_annual/2025/report.md")  # annual data, not an item
    md(repo, "czj/README.md")  # editors' notes
    md(repo, "czj/gzdt/2025/.hidden.md")
    md(repo, "czj/gzdt/2025/form.xlsx", "x")  # an attachment
    os.symlink("/etc/passwd", repo.root / "content/czj/gzdt/2025/link.md")  # a link is never followed
    (repo.root / "content/scjgj").mkdir()
    return repo


def test_two_shards_as_a_ci_matrix(counted):
    # By count, largest first (ties in catalogue order): czj 5, qcs 3, sthjj 2, lsx 2, scjgj 0, hxz 0,
    # cxjd 0. czj → 1 (5); qcs → 2 (3); sthjj → 2 (5); lsx → 1 (5 with one unit beats 5 with two: 7);
    # scjgj, hxz, cxjd → 2 (5 < 7). Units listed in catalogue order within a shard.
    result = xxgk("shards", "--root", str(counted.root), "--count", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ('{"include":[{"shard":1,"units":"czj,lsx","items":7},'
                             '{"shard":2,"units":"qcs,sthjj,scjgj,hxz,cxjd","items":5}]}\n')
    assert result.stderr == ""
    assert xxgk("shards", "--root", str(counted.root), "--count", "2").stdout == result.stdout  # deterministic


def test_text_format_lists_each_shard(counted):
    result = xxgk("shards", "--root", str(counted.root), "--count", "3", "--format", "text")
    # czj → 1 (5); qcs → 2 (3); sthjj → 3 (2); lsx → 3 (4); scjgj, hxz, cxjd → 2 (3 < 4 < 5).
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "第 1 组：5 条信息，1 个单位：czj",
        "第 2 组：3 条信息，4 个单位：qcs,scjgj,hxz,cxjd",
        "第 3 组：4 条信息，2 个单位：sthjj,lsx",
    ]


def test_more_shards_than_units_gives_one_unit_each_and_says_so(counted):
    result = xxgk("shards", "--root", str(counted.root), "--count", "10")
    assert result.returncode == 0
    rows = json.loads(result.stdout)["include"]
    assert [(r["shard"], r["units"], r["items"]) for r in rows] == [
        (1, "czj", 5), (2, "qcs", 3), (3, "sthjj", 2), (4, "lsx", 2), (5, "scjgj", 0), (6, "hxz", 0), (7, "cxjd", 0)]
    assert "只有 7 个单位，分为 7 组" in result.stderr


def test_empty_units_are_spread_by_unit_order(repo):
    # All 0: qcs → 1, czj → 2, sthjj → 3, scjgj → 1, lsx → 2, hxz → 3, cxjd → 1.
    result = xxgk("shards", "--root", str(repo.root), "--count", "3")
    assert [r["units"] for r in json.loads(result.stdout)["include"]] == ["qcs,scjgj,cxjd", "czj,lsx", "sthjj,hxz"]


@pytest.mark.parametrize("value", ["0", "-2", "x"])
def test_a_count_below_one_is_a_usage_error_in_chinese(repo, value):
    result = xxgk("shards", "--root", str(repo.root), "--count", value)
    assert result.returncode == 2 and "应为正整数" in result.stderr and "Traceback" not in result.stderr


def test_a_broken_catalogue_stops_the_grouping(repo):
    (repo.root / "catalogue/units/czj.yml").write_text("name: [\n", "utf-8")
    result = xxgk("shards", "--root", str(repo.root), "--count", "2")
    assert result.returncode == 2 and "目录数据有" in result.stderr and "Traceback" not in result.stderr


def test_balance_is_longest_processing_time_first():
    # b 7, d 5, c 4, a 3, e 3 (a before e) into 2: b → 1 (7); d → 2 (5); c → 2 (9); a → 1 (10); e → 2 (12).
    shards = balance({"a": 3, "b": 7, "c": 4, "d": 5, "e": 3}, 2)
    assert [(s.units, s.items) for s in shards] == [(["a", "b"], 10), (["c", "d", "e"], 12)]
    with pytest.raises(ValueError):
        balance({"a": 1}, 0)
