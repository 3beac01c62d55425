"""The rules that read git history (backdated, index-changed) and the pull-request scope.

Every test builds a real git repository in tmp with fixed commit dates; nothing runs git in the
project's own repository.
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta, timezone

import pytest

from conftest import Repo
from gitrepo import GitRepo, hermetic_git, index_for, line_of, put, rel
from xxgk.core import load
from xxgk.rules import GitError, check

PUBLISHED = date(2025, 3, 5)
AS_OF = date(2025, 6, 16)
DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def _hermetic(monkeypatch):
    hermetic_git(monkeypatch)


@pytest.fixture
def git(repo) -> GitRepo:
    return GitRepo(repo.root)


def run(root, as_of=AS_OF, *codes, **options):
    loaded = load(str(root))
    assert loaded.problems == (), [p.format() for p in loaded.problems]
    return check(loaded, as_of, use_git=True, only=set(codes), **options)


def of(report, code):
    return [f for f in report.findings if f.code == code]


# -- backdated --------------------------------------------------------------------------------


def test_published_two_days_before_the_first_commit_is_backdated(repo, git):
    path = put(repo, "czj", "gzdt", PUBLISHED)
    git.commit(PUBLISHED + 2 * DAY)
    (finding,) = of(run(repo.root, AS_OF, "backdated"), "backdated")
    assert finding.severity == "error" and (finding.unit, finding.column) == ("czj", "gzdt")
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "published:"))
    assert "发布日期 2025-03-05 早于该文件首次提交的日期 2025-03-07" in finding.message
    assert "伪造发稿日期" in finding.message and "migrated: true" in finding.message


def test_one_day_before_the_first_commit_is_tolerated(repo, git):
    put(repo, "czj", "gzdt", PUBLISHED)
    git.commit(PUBLISHED + DAY)
    assert of(run(repo.root, AS_OF, "backdated"), "backdated") == []


def test_published_on_or_after_the_commit_day_is_fine(repo, git):
    put(repo, "czj", "gzdt", PUBLISHED)
    put(repo, "czj", "tzgg", PUBLISHED + 10 * DAY)  # scheduled when committed
    git.commit(PUBLISHED)
    assert of(run(repo.root, AS_OF, "backdated"), "backdated") == []


def test_commit_day_is_counted_in_beijing_time(repo, git):
    put(repo, "czj", "gzdt", PUBLISHED)
    # 17:00 UTC on 6 March is 01:00 on 7 March in Beijing: two days after publication.
    git.commit(datetime(2025, 3, 6, 17, 0, tzinfo=timezone.utc))
    (finding,) = of(run(repo.root, AS_OF, "backdated"), "backdated")
    assert "2025-03-07" in finding.message


def test_commit_late_in_the_evening_in_beijing_stays_on_that_day(repo, git):
    put(repo, "czj", "gzdt", PUBLISHED)
    # 15:30 UTC on 6 March is 23:30 on 6 March in Beijing: tolerated.
    git.commit(datetime(2025, 3, 6, 15, 30, tzinfo=timezone.utc))
    assert of(run(repo.root, AS_OF, "backdated"), "backdated") == []


def test_migrated_item_may_predate_its_commit(repo, git):
    put(repo, "czj", "gzdt", date(2019, 5, 6), migrated=True)
    git.commit(PUBLISHED)
    assert of(run(repo.root, AS_OF, "backdated"), "backdated") == []


def test_only_the_first_commit_counts_not_later_edits(repo, git):
    put(repo, "czj", "gzdt", PUBLISHED, name="item", serial=1)
    git.commit(PUBLISHED)
    put(repo, "czj", "gzdt", PUBLISHED, name="item", serial=1, title="关于开展2025年财政资金绩效评价工作的通知（更正）")
    git.commit(PUBLISHED + 30 * DAY, "更正标题")
    assert of(run(repo.root, AS_OF, "backdated"), "backdated") == []


def test_moving_an_item_to_another_column_keeps_its_first_commit_date(repo, git):
    path = put(repo, "czj", "gzdt", PUBLISHED)
    git.commit(PUBLISHED + DAY)
    moved = repo.root / "content/czj/tzgg/2025" / path.name
    git.mv(path, moved)
    git.commit(date(2025, 6, 1), "移到通知公告栏目")
    loaded = load(str(repo.root))
    assert [i.path for i in loaded.items] == [rel(repo, moved)]
    assert of(run(repo.root, AS_OF, "backdated"), "backdated") == []


def test_a_moved_backdated_item_is_still_judged_by_its_first_commit(repo, git):
    path = put(repo, "czj", "gzdt", PUBLISHED)
    git.commit(PUBLISHED + 2 * DAY)
    moved = repo.root / "content/czj/tzgg/2025" / path.name
    git.mv(path, moved)
    git.commit(date(2025, 6, 1), "移到通知公告栏目")
    (finding,) = of(run(repo.root, AS_OF, "backdated"), "backdated")
    assert finding.path == rel(repo, moved) and "2025-03-07" in finding.message and "2025-06-01" not in finding.message


@pytest.mark.parametrize("age, fires", [(2, True), (1, False), (0, False)])
def test_an_uncommitted_item_is_judged_against_as_of(repo, git, age, fires):
    put(repo, "czj", "tzgg", date(2025, 1, 6))
    git.commit(date(2025, 1, 6))
    path = put(repo, "czj", "gzdt", AS_OF - age * DAY)  # written, not committed
    found = of(run(repo.root, AS_OF, "backdated"), "backdated")
    if fires:
        (finding,) = found
        assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "published:"))
        assert str(AS_OF) in finding.message and str(AS_OF - age * DAY) in finding.message
    else:
        assert found == []


def test_in_a_repository_without_commits_items_are_judged_against_as_of(repo, git):
    put(repo, "czj", "gzdt", AS_OF - 2 * DAY)
    put(repo, "czj", "tzgg", AS_OF - DAY)
    (finding,) = of(run(repo.root, AS_OF, "backdated"), "backdated")
    assert finding.column == "gzdt"


def test_backdated_needs_git(repo, git):
    put(repo, "czj", "gzdt", PUBLISHED)
    git.commit(PUBLISHED + 10 * DAY)
    loaded = load(str(repo.root))
    assert of(check(loaded, AS_OF, use_git=False, only={"backdated"}), "backdated") == []


def test_item_repository_in_a_subfolder_of_the_git_work_tree(tmp_path):
    top = tmp_path / "work"
    top.mkdir()
    site = Repo(top / "site")
    git = GitRepo(top)
    (top / "README.md").write_text("其他项目文件\n", encoding="utf-8")
    late = put(site, "czj", "gzdt", PUBLISHED, name="late")
    put(site, "czj", "tzgg", PUBLISHED + 2 * DAY, name="ok")
    git.commit(PUBLISHED + 2 * DAY)
    (finding,) = of(run(site.root, AS_OF, "backdated"), "backdated")
    assert finding.path == rel(site, late) and "2025-03-07" in finding.message


def test_item_with_a_chinese_file_name_is_judged_by_its_commit(repo, git):
    put(repo, "czj", "gzdt", PUBLISHED, name="关于开展财政资金绩效评价工作的通知")
    git.commit(PUBLISHED)
    assert of(run(repo.root, AS_OF, "backdated"), "backdated") == []


def test_shallow_clone_is_a_usage_error(repo, git, tmp_path):
    put(repo, "czj", "gzdt", PUBLISHED, name="first")
    git.commit(PUBLISHED)
    put(repo, "czj", "gzdt", PUBLISHED + DAY, name="second")
    git.commit(PUBLISHED + DAY)
    clone = tmp_path / "clone"
    result = subprocess.run(["git", "clone", "-q", "--depth", "1", repo.root.as_uri(), str(clone)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (clone / ".git" / "shallow").exists()
    loaded = load(str(clone))
    with pytest.raises(GitError) as raised:
        check(loaded, AS_OF, use_git=True, only={"backdated"})
    assert "浅克隆" in str(raised.value)
    assert "fetch-depth: 0" in str(raised.value) and "git fetch --unshallow" in str(raised.value)
    assert check(loaded, AS_OF, use_git=False, only={"backdated"}).findings == ()


# -- index-changed ----------------------------------------------------------------------------


def base_and_feature(repo, git, **fields):
    """An item committed on main; a feature branch checked out. Returns the item's path."""
    path = put(repo, "czj", "gzdt", PUBLISHED, name="item", serial=1, **fields)
    put(repo, "czj", "tzgg", PUBLISHED, name="other", serial=2)
    git.commit(PUBLISHED)
    git.git("checkout", "-q", "-b", "feature")
    return path


def test_changed_index_fires_at_the_index_line(repo, git):
    base_and_feature(repo, git)
    path = put(repo, "czj", "gzdt", PUBLISHED, name="item", serial=3)
    git.commit(PUBLISHED + DAY)
    (finding,) = of(run(repo.root, AS_OF, "index-changed", base="main"), "index-changed")
    assert finding.severity == "error" and (finding.unit, finding.column) == ("czj", "gzdt")
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "index:"))
    old, new = index_for("czj", 2025, 1), index_for("czj", 2025, 3)
    assert f"索引号由 {old} 改成了 {new}" in finding.message and f"请改回 {old}" in finding.message


def test_changed_index_without_base_is_not_judged(repo, git):
    base_and_feature(repo, git)
    put(repo, "czj", "gzdt", PUBLISHED, name="item", serial=3)
    git.commit(PUBLISHED + DAY)
    assert of(run(repo.root, AS_OF, "index-changed"), "index-changed") == []


def test_item_edited_without_touching_its_index_is_fine(repo, git):
    base_and_feature(repo, git)
    put(repo, "czj", "gzdt", PUBLISHED, name="item", serial=1, title="关于开展2025年财政资金绩效评价工作的通知（更正）")
    put(repo, "czj", "gzdt", PUBLISHED + DAY, name="new", serial=4)  # a new item has no index at base
    git.commit(PUBLISHED + DAY)
    report = run(repo.root, AS_OF, "index-changed", base="main")
    assert of(report, "index-changed") == []


def test_changed_index_in_the_working_tree_fires_too(repo, git):
    base_and_feature(repo, git)
    path = put(repo, "czj", "gzdt", PUBLISHED, name="item", serial=5)  # not committed
    (finding,) = of(run(repo.root, AS_OF, "index-changed", base="main"), "index-changed")
    assert finding.line == line_of(path, "index:") and index_for("czj", 2025, 5) in finding.message


def test_renamed_item_whose_index_changed_still_fires(repo, git):
    old = base_and_feature(repo, git)
    moved = repo.root / "content/czj/tzgg/2025/renamed.md"
    git.mv(old, moved)
    moved.write_text(moved.read_text("utf-8").replace(index_for("czj", 2025, 1), index_for("czj", 2025, 6)),
                     encoding="utf-8")
    git.commit(PUBLISHED + DAY, "移动并改索引号")
    (finding,) = of(run(repo.root, AS_OF, "index-changed", base="main"), "index-changed")
    assert (finding.path, finding.line) == (rel(repo, moved), line_of(moved, "index:"))
    assert (finding.unit, finding.column) == ("czj", "tzgg")
    assert index_for("czj", 2025, 1) in finding.message and index_for("czj", 2025, 6) in finding.message


def test_renamed_item_with_the_same_index_is_fine(repo, git):
    old = base_and_feature(repo, git)
    git.mv(old, repo.root / "content/czj/tzgg/2025/renamed.md")
    git.commit(PUBLISHED + DAY)
    assert of(run(repo.root, AS_OF, "index-changed", base="main"), "index-changed") == []


def test_index_changed_in_a_subfolder_repository(tmp_path):
    top = tmp_path / "work"
    top.mkdir()
    site = Repo(top / "site")
    git = GitRepo(top)
    put(site, "czj", "gzdt", PUBLISHED, name="item", serial=1)
    git.commit(PUBLISHED)
    git.git("checkout", "-q", "-b", "feature")
    path = put(site, "czj", "gzdt", PUBLISHED, name="item", serial=7)
    git.commit(PUBLISHED + DAY)
    (finding,) = of(run(site.root, AS_OF, "index-changed", base="main"), "index-changed")
    assert (finding.path, finding.line) == (rel(site, path), line_of(path, "index:"))


def test_changed_index_of_an_item_with_a_chinese_file_name_fires(repo, git):
    put(repo, "czj", "gzdt", PUBLISHED, name="绩效评价通知", serial=1)
    git.commit(PUBLISHED)
    git.git("checkout", "-q", "-b", "feature")
    put(repo, "czj", "gzdt", PUBLISHED, name="绩效评价通知", serial=8)
    git.commit(PUBLISHED + DAY)
    assert len(of(run(repo.root, AS_OF, "index-changed", base="main"), "index-changed")) == 1


def test_unknown_base_is_a_usage_error(repo, git):
    put(repo, "czj", "gzdt", PUBLISHED)
    git.commit(PUBLISHED)
    with pytest.raises(GitError, match="找不到比较基准"):
        run(repo.root, AS_OF, "index-changed", base="no-such-branch")


def test_base_outside_git_is_a_usage_error(repo):
    put(repo, "czj", "gzdt", PUBLISHED)
    with pytest.raises(GitError):
        check(load(str(repo.root)), AS_OF, use_git=False, base="main")


# -- scope ------------------------------------------------------------------------------------


def bad_doc_numbers(repo, git):
    """On main: a czj item and an sthjj item, both with a [] doc number; then a feature branch
    that touches only the czj item."""
    put(repo, "czj", "gzdt", PUBLISHED, name="czj-item", serial=1, doc_number="青财发[2025]5号")
    put(repo, "sthjj", "gzdt", PUBLISHED, name="sthjj-item", serial=1, doc_number="青环发[2025]3号")
    git.commit(PUBLISHED)
    git.git("checkout", "-q", "-b", "feature")
    changed = put(repo, "czj", "gzdt", PUBLISHED, name="czj-item", serial=1, doc_number="青财发[2025]6号")
    git.commit(PUBLISHED + DAY)
    return changed


def test_findings_outside_the_pull_request_become_warnings(repo, git):
    changed = bad_doc_numbers(repo, git)
    report = run(repo.root, AS_OF, "doc-number-format", base="main")
    by_unit = {f.unit: f for f in of(report, "doc-number-format")}
    assert set(by_unit) == {"czj", "sthjj"}
    assert by_unit["czj"].severity == "error" and by_unit["czj"].path == rel(repo, changed)
    assert by_unit["czj"].line == line_of(changed, "doc_number:") and "〔2025〕" in by_unit["czj"].message
    assert by_unit["sthjj"].severity == "warning" and by_unit["sthjj"].path == "content/sthjj/gzdt/2025/sthjj-item.md"
    assert report.scope == frozenset({"czj"}) and report.failed


def test_without_base_every_finding_is_an_error(repo, git):
    bad_doc_numbers(repo, git)
    report = run(repo.root, AS_OF, "doc-number-format")
    assert {f.severity for f in of(report, "doc-number-format")} == {"error"} and report.scope is None


def test_untouched_item_of_the_touched_unit_is_a_warning(repo, git):
    put(repo, "czj", "gzdt", PUBLISHED, name="old", serial=1, doc_number="青财发[2025]5号")
    git.commit(PUBLISHED)
    git.git("checkout", "-q", "-b", "feature")
    put(repo, "czj", "tzgg", PUBLISHED + DAY, name="new", serial=2)
    git.commit(PUBLISHED + DAY)
    report = run(repo.root, AS_OF, "doc-number-format", base="main")
    (finding,) = of(report, "doc-number-format")
    assert finding.severity == "warning" and report.scope == frozenset({"czj"})
    assert not report.failed


def test_stale_column_of_an_untouched_unit_is_a_warning(repo, git):
    old = AS_OF - 30 * DAY
    put(repo, "czj", "gzdt", old, name="czj-news")
    put(repo, "sthjj", "gzdt", old, name="sthjj-news")
    git.commit(old)
    git.git("checkout", "-q", "-b", "feature")
    put(repo, "czj", "tzgg", AS_OF, name="touch")
    git.commit(AS_OF)
    report = run(repo.root, AS_OF, "stale-column", base="main")
    stale = {f.unit: f for f in of(report, "stale-column") if f.column == "gzdt"}
    assert stale["czj"].severity == "error" and stale["sthjj"].severity == "warning"
    assert "超期 16 天" in stale["czj"].message and "超期 16 天" in stale["sthjj"].message
    unscoped = run(repo.root, AS_OF, "stale-column")
    assert {f.severity for f in of(unscoped, "stale-column") if f.column == "gzdt"} == {"error"}


def test_units_option_limits_errors_without_git(repo):
    put(repo, "czj", "gzdt", PUBLISHED, name="a", doc_number="青财发[2025]5号")
    put(repo, "sthjj", "gzdt", PUBLISHED, name="b", doc_number="青环发[2025]3号")
    report = check(load(str(repo.root)), AS_OF, use_git=False, units={"sthjj"}, only={"doc-number-format"})
    assert {f.unit: f.severity for f in of(report, "doc-number-format")} == {"czj": "warning", "sthjj": "error"}


def test_finding_in_a_changed_item_with_a_chinese_file_name_stays_an_error(repo, git):
    put(repo, "sthjj", "gzdt", PUBLISHED, name="base", serial=1)
    git.commit(PUBLISHED)
    git.git("checkout", "-q", "-b", "feature")
    put(repo, "czj", "gzdt", PUBLISHED, name="关于开展绩效评价的通知", serial=1, doc_number="青财发[2025]5号")
    git.commit(PUBLISHED)
    report = run(repo.root, AS_OF, "doc-number-format", base="main")
    (finding,) = of(report, "doc-number-format")
    assert finding.severity == "error" and report.failed
