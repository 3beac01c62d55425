"""The gate: every registered rule over the model, plus the loader's problems, in one report.

``check(repo, as_of, ...)`` is the whole public surface; the CLI and the MkDocs plugin call it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..core.model import Repository
from ..core.problems import ERROR, WARNING, Problem
from .context import Context
from .gitinfo import GitError, GitHistory
from .registry import RULES, Rule, load_all
from .summary import unit_summary

__all__ = ["check", "touched_units", "Report", "GitError", "RULES", "Rule", "load_all"]


@dataclass(frozen=True)
class Report:
    as_of: date
    findings: tuple[Problem, ...]
    summary: dict  # unit id → counts of the 单项否决 items xxgk judges (rules.summary) and the crossed ones
    scope: frozenset[str] | None  # units whose findings stay errors; None: all

    @property
    def failed(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)


def check(repo: Repository, as_of: date, *, base: str | None = None, units: set[str] | None = None,
          use_git: bool = True, only: set[str] | None = None) -> Report:
    """Run the gate. ``base``: a pull request's base ref (scopes errors to what it touches and
    enables ``index-changed``); ``units``: limit errors to these units; ``only``: rule codes."""
    rules = load_all()
    git = GitHistory.open(repo.root) if use_git else None
    if base and git is None:
        raise GitError(f"--base {base} 需要在 git 仓库中运行。")
    ctx = Context(repo, as_of, git, base)
    severity = {code: str(level) for code, level in (repo.catalogue.policy.get("severity") or {}).items()}
    findings = list(repo.problems)
    for code, rule in rules.items():
        if (only and code not in only) or (rule.needs_git and git is None):
            continue
        configured = severity.get(code, rule.severity)
        for finding in ctx.findings_of(code):  # once: the veto reads some rules' findings too
            level = WARNING if finding.severity == WARNING else configured
            findings.append(finding if finding.severity == level else replace(finding, severity=level))
    scope = _scope(repo, ctx, base, units)
    if scope is not None:
        changed = ctx.changes[0] if base else None
        findings = [_scoped(f, scope, changed) for f in findings]
    findings.sort(key=lambda f: (f.unit or "", f.path or "", f.line or 0, f.code))
    summary = {uid: unit_summary(ctx, unit) for uid, unit in repo.units.items()}
    return Report(as_of, tuple(findings), summary, scope)


def _scope(repo: Repository, ctx: Context, base: str | None, units: set[str] | None) -> frozenset[str] | None:
    if base is None and units is None:
        return None
    return frozenset(set(units or ()) | (_units_of(repo, ctx.changes[0]) if base is not None else set()))


def _units_of(repo: Repository, paths) -> set[str]:
    """Units owning changed paths: content/<unit>/… and catalogue/units/<unit>.yml."""
    prefix = repo.content_dir.rstrip("/") + "/"
    found = set()
    for path in paths:
        if path.startswith(prefix) and path.count("/") >= 2:
            found.add(path.split("/")[1])
        elif path.startswith("catalogue/units/"):
            found.add(path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    return found & set(repo.units)


def touched_units(repo: Repository, base: str) -> tuple[set[str], bool]:
    """(units a change since ``base`` touches, whether it touches shared catalogue data — then
    every unit is affected)."""
    git = GitHistory.open(repo.root)
    if git is None:
        raise GitError("需要在 git 仓库中运行。")
    changed, _ = git.changed_since(base)
    shared = any(p.startswith("catalogue/") and not p.startswith("catalogue/units/") for p in changed)
    return _units_of(repo, changed), shared


def _scoped(finding: Problem, scope: frozenset[str], changed: set[str] | None) -> Problem:
    """Outside the pull request's scope an error becomes a warning: it must not block it."""
    if finding.severity != ERROR:
        return finding
    if finding.path and finding.path.startswith("catalogue/"):
        in_scope = changed is None or finding.path in changed
    elif changed is not None and finding.path is not None:
        in_scope = finding.path in changed
    else:
        in_scope = finding.unit in scope
    return finding if in_scope else replace(finding, severity=WARNING)
