"""What the git rules need from history, each in a fixed number of git calls for the whole tree."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime

from ..core.dates import CHINA

# Paths as they are (Chinese file names unescaped), whatever the user's git configuration.
GIT = ("git", "-c", "core.quotepath=off", "-C")
_INDEX = re.compile(r"^index:\s*[\"']?([^\"'\s#]+)", re.M)


class GitError(Exception):
    """Git cannot answer as the gate needs (shallow clone, unknown base): a usage error, exit 2."""


class GitHistory:
    def __init__(self, root: str):
        self.root = root

    @classmethod
    def open(cls, root: str) -> "GitHistory | None":
        """None when ``root`` is not inside a git work tree (the git rules are then skipped)."""
        try:
            inside = subprocess.run(["git", "-C", root, "rev-parse", "--is-inside-work-tree"],
                                    capture_output=True, text=True, check=False)
        except FileNotFoundError:
            return None
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return None
        history = cls(root)
        if history._git("rev-parse", "--is-shallow-repository").strip() == "true":
            raise GitError("这是浅克隆（shallow clone），无法判断每个文件首次提交的日期。请获取完整历史："
                           "git fetch --unshallow，或在 actions/checkout 中设置 fetch-depth: 0。")
        return history

    def _git(self, *args: str, stdin: str | None = None) -> str:
        result = subprocess.run([*GIT, self.root, *args], input=stdin, capture_output=True,
                                text=True, encoding="utf-8", check=False)
        if result.returncode != 0:
            raise GitError(f"git {' '.join(args[:2])} 失败：{result.stderr.strip()}")
        return result.stdout

    def has_commits(self) -> bool:
        return subprocess.run([*GIT, self.root, "rev-parse", "--verify", "-q", "HEAD"],
                              capture_output=True, check=False).returncode == 0

    def added_dates(self, folder: str) -> dict[str, date]:
        """Date (Beijing time) of the commit that first added each file now under ``folder``,
        following renames: moving an item to another column keeps its first date."""
        if not self.has_commits():
            return {}
        # Author dates: a rebase, amend or cherry-pick of the pull request keeps them (committer
        # dates would move and make correct items look backdated).
        out = self._git("log", "--reverse", "-M", "--relative", "--format=%x00%at", "--name-status", "--", folder)
        added: dict[str, date] = {}
        when = None
        for line in out.splitlines():
            if line.startswith("\x00"):
                when = datetime.fromtimestamp(int(line[1:]), CHINA).date()
                continue
            parts = line.split("\t")
            if len(parts) < 2 or when is None:
                continue
            status = parts[0][:1]
            if status == "A":
                added.setdefault(parts[1], when)
            elif status == "R" and len(parts) == 3:
                added[parts[2]] = added.pop(parts[1], when)
            elif status == "D":
                added.pop(parts[1], None)
        return added

    def merge_base(self, base: str) -> str:
        try:
            return self._git("merge-base", base, "HEAD").strip()
        except GitError:
            raise GitError(f"找不到比较基准 --base {base}：请确认分支名，并已 git fetch 该分支。") from None

    def changed_since(self, base: str) -> tuple[set[str], dict[str, str]]:
        """Paths changed since the merge base (committed, staged, unstaged, untracked), and for
        each changed or renamed file its path at the base."""
        commit = self.merge_base(base)
        changed, at_base = set(), {}
        for line in self._git("diff", "--name-status", "-M", "--relative", commit).splitlines():
            parts = line.split("\t")
            status = parts[0][:1]
            if status == "R" and len(parts) == 3:
                changed.add(parts[2])
                at_base[parts[2]] = parts[1]
            elif len(parts) >= 2:
                changed.add(parts[1])
                if status != "A":
                    at_base[parts[1]] = parts[1]
        changed.update(self._git("ls-files", "--others", "--exclude-standard").splitlines())
        return changed, at_base

    def indexes_at(self, base: str, paths: dict[str, str]) -> dict[str, str]:
        """索引号 of each file at the merge base, read in one `git cat-file --batch` call:
        {current path: index at base}."""
        if not paths:
            return {}
        commit = self.merge_base(base)
        prefix = self._git("rev-parse", "--show-prefix").strip()
        order = list(paths.items())
        request = "".join(f"{commit}:{prefix}{old}\n" for _, old in order)
        raw = subprocess.run([*GIT, self.root, "cat-file", "--batch"], input=request.encode("utf-8"),
                             capture_output=True, check=True).stdout
        found, position = {}, 0
        for current, _ in order:
            header_end = raw.index(b"\n", position)
            header = raw[position:header_end].decode("utf-8", "replace").split()
            position = header_end + 1
            if len(header) < 3 or header[1] != "blob":
                continue
            size = int(header[2])
            blob = raw[position:position + size].decode("utf-8", "replace")
            position += size + 1
            match = _INDEX.search(blob.split("\n---", 1)[0])
            if match:
                found[current] = match.group(1)
        return found
