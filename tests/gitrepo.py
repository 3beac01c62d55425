"""Helpers for the rules' tests: items with valid indexes, and real git repositories in tmp.

Nothing here touches the project's own repository: every git command runs with ``-C`` on a
throwaway directory, with the user's and the system's git configuration switched off.
"""

from __future__ import annotations

import itertools
import os
import subprocess
from datetime import date, datetime
from pathlib import Path

import yaml

from conftest import PROJECT

POLICY = yaml.safe_load((PROJECT / "catalogue" / "policy.yml").read_text("utf-8"))
CREDIT_CODES = {
    path.stem: yaml.safe_load(path.read_text("utf-8"))["credit_code"]
    for path in (PROJECT / "catalogue" / "units").glob("*.yml")
}

# Hermetic git: no ~/.gitconfig or /etc/gitconfig may change what git prints.
HERMETIC = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"}
UNSET = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_CEILING_DIRECTORIES",
         "GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE", "GIT_CONFIG_COUNT", "GIT_CONFIG_PARAMETERS")

_serials = itertools.count(10001)  # explicit serials below 10000 never collide


def index_for(unit: str, year: int, serial: int) -> str:
    return f"{CREDIT_CODES[unit]}/{year}-{serial:05d}"


def put(repo, unit: str, column: str, published: date, *, name: str | None = None, serial: int | None = None,
        **fields) -> Path:
    """Write one valid public item of ``unit`` in ``column`` published on ``published``: the index
    carries the unit's own credit code, the publication year and a serial unique in the session;
    formed and reviewed the same day (so only the rule under test can fire)."""
    serial = next(_serials) if serial is None else serial
    day = published.isoformat()
    defaults = {
        "index": index_for(unit, published.year, serial),
        "published": day,
        "formed": day,
        "review": {"reviewer": "王敏", "date": day, "result": "不涉密，同意公开"},
    }
    defaults.update(fields)
    return repo.item(unit=unit, column=column, name=name or f"item-{serial:05d}", **defaults)


def line_of(path: Path, needle: str, start: int = 1) -> int:
    """1-based line of the first line (from ``start``) of ``path`` containing ``needle``."""
    lines = path.read_text("utf-8").split("\n")
    return next(n for n, text in enumerate(lines, start=1) if n >= start and needle in text)


def rel(repo, path: Path) -> str:
    return path.relative_to(repo.root).as_posix()


def stamp(when: date | datetime | str) -> str:
    """A git date: a date means 10:00 Beijing time that day."""
    if isinstance(when, datetime):
        return when.isoformat()
    if isinstance(when, date):
        return f"{when.isoformat()}T10:00:00+08:00"
    return when


class GitRepo:
    """A git work tree at ``root`` (the item repository or a folder above it)."""

    def __init__(self, root: Path, branch: str = "main"):
        self.root = Path(root)
        self.git("init", "-q", "-b", branch)
        self.git("config", "user.name", "测试编辑")
        self.git("config", "user.email", "editor@example.org")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, when: date | datetime | str | None = None) -> str:
        env = {k: v for k, v in os.environ.items() if k not in UNSET}
        env.update(HERMETIC)
        if when is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = stamp(when)
        result = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, text=True, env=env)
        assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
        return result.stdout

    def commit(self, when: date | datetime | str, message: str = "更新信息") -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, when=when)
        return self.git("rev-parse", "HEAD").strip()

    def mv(self, source: Path, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", str(source.relative_to(self.root)), str(target.relative_to(self.root)))


def hermetic_git(monkeypatch) -> None:
    """Make the gate's own git calls hermetic too (they inherit the process environment)."""
    for key in UNSET:
        monkeypatch.delenv(key, raising=False)
    for key, value in HERMETIC.items():
        monkeypatch.setenv(key, value)
