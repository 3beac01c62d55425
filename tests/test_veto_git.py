"""伪造发稿日期 as a 单项否决 line (国办秘函〔2019〕19号 “安全、泄密事故等严重问题”): the veto counts
the items ``backdated`` finds, which needs real git history (issue 12, point 14)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gitrepo import GitRepo, hermetic_git, put, rel
from test_rules_columns import AS_OF, full_unit, only_finding
from xxgk.core import load
from xxgk.rules import check

DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def _hermetic(monkeypatch):
    hermetic_git(monkeypatch)


def test_a_backdated_item_is_a_veto_line_of_its_own(repo):
    git = GitRepo(repo.root)
    full_unit(repo, "czj")
    git.commit(AS_OF)
    forged = put(repo, "czj", "tzgg", AS_OF - 10 * DAY)  # committed today, dated ten days ago
    git.commit(AS_OF)
    report = check(load(str(repo.root)), AS_OF, use_git=True)
    summary = report.summary["czj"]
    assert (summary["backdated"], summary["veto"]) == (1, ["backdated"])
    finding = only_finding(report, "veto", "czj")
    assert finding.severity == "error" and "伪造发稿日期" in finding.message
    assert rel(repo, forged) in finding.message and "国办秘函〔2019〕19号" in finding.message
    # the same findings, once: the gate lists the backdated item itself exactly one time
    assert [f.path for f in report.findings if f.code == "backdated"] == [rel(repo, forged)]


def test_without_git_backdating_cannot_be_judged(repo):
    full_unit(repo, "czj")
    put(repo, "czj", "tzgg", AS_OF - 10 * DAY)
    report = check(load(str(repo.root)), AS_OF, use_git=False)
    assert report.summary["czj"]["backdated"] == 0 and "backdated" not in report.summary["czj"]["veto"]


def test_a_migrated_item_is_no_forgery(repo):
    git = GitRepo(repo.root)
    full_unit(repo, "czj")
    put(repo, "czj", "tzgg", date(2019, 5, 6), migrated=True)
    git.commit(AS_OF)
    report = check(load(str(repo.root)), AS_OF, use_git=True)
    assert report.summary["czj"]["backdated"] == 0 and report.summary["czj"]["veto"] == []
