"""Shared fixtures: throwaway repositories of the project's shape, and real MkDocs builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parent.parent
# The engine every build test runs: MkDocs 1.6.1, or ProperDocs, its maintained fork
# (XXGK_ENGINE=properdocs, in a venv that has it: .ci/run, README "MkDocs, Material and ProperDocs").
ENGINE = os.environ.get("XXGK_ENGINE", "mkdocs")
assert ENGINE in ("mkdocs", "properdocs"), f"XXGK_ENGINE={ENGINE}: mkdocs or properdocs"
MKDOCS = [sys.executable, "-m", ENGINE]
DEMO_DATE = "2026-11-20"  # the demo's reference date (README)
CITY_CODE = "11990700003015240F"  # qcs, 青川市人民政府
DEPT_CODE = "11990700003016315Q"  # czj, 青川市财政局


def demo_config() -> dict:
    """The demo's mkdocs.yml as MkDocs reads it (its !ENV tags resolved by MkDocs' own loader)."""
    from mkdocs.utils.yaml import get_yaml_loader

    with open(PROJECT / "mkdocs.yml", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=get_yaml_loader())


class Repo:
    """A repository on disk with the project's catalogue and items written by the test."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(PROJECT / "catalogue", root / "catalogue")
        (root / "content").mkdir()
        (root / "docs").mkdir()

    def item(self, unit="czj", column="gzdt", name="item", year=None, raw: str | None = None,
             body="正文。\n", **fields) -> Path:
        """Write one item; ``fields`` override a valid default front matter (None deletes a key)."""
        data = {
            "index": f"{DEPT_CODE if unit == 'czj' else CITY_CODE}/2025-00001",
            "title": "关于开展2025年财政资金绩效评价工作的通知",
            "topic": "财政、金融、审计",
            "formed": "2025-03-03",
            "published": "2025-03-05",
            "mode": "主动公开",
            "kind": "工作动态",
            "review": {"reviewer": "王敏", "date": "2025-03-04", "result": "不涉密，同意公开"},
        }
        for key, value in fields.items():
            key = key.removesuffix("_field")  # unit_field= / column_field= set the front matter keys
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        year = year or str(data.get("published", "2025"))[:4]
        path = self.root / "content" / unit / column / year / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        if raw is None:
            raw = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body
        path.write_text(raw, encoding="utf-8")
        return path

    def mkdocs_yml(self, build_date=DEMO_DATE, extra: str = "", check: bool = True) -> Path:
        path = self.root / "mkdocs.yml"
        path.write_text(textwrap.dedent(f"""\
            site_name: 测试站点
            theme:
              name: material
              language: zh
              font: false
            plugins:
              - xxgk:
                  build_date: {build_date}
                  check: {str(check).lower()}
            """) + extra, encoding="utf-8")
        return path


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path / "repo")


def mkdocs_build(config: Path, site: Path, *args: str, quiet: bool = True) -> subprocess.CompletedProcess:
    """A real ``mkdocs build`` in a subprocess, as an editor or CI runs it."""
    return subprocess.run(
        [*MKDOCS, "build", *(["-q"] if quiet else []), "-f", str(config), "-d", str(site), *args],
        capture_output=True, text=True, env=build_env(),
    )


def build_env(**extra: str) -> dict:
    """A minimal environment for a build subprocess (PYTHONPATH passes, to test another tree)."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "XXGK_ENGINE": ENGINE, **extra}
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo repository built once for the whole session."""
    site = tmp_path_factory.mktemp("demo") / "site"
    result = mkdocs_build(PROJECT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site
