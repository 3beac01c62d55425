"""不予公开 records (items with ``mode: 不予公开``, never published): their legal basis
(``basis``, 条例第十四、十五、十六条, the list in catalogue/policy.yml ``withheld_basis``) and the
date of their next periodic review (``reassess_by``, 条例第十八条); the warning once it has passed.

Line numbers are counted in the front matter the test writes (yaml.safe_dump, keys in order).
"""

from __future__ import annotations

from datetime import date

import pytest

from gitrepo import POLICY, line_of
from xxgk.core import load
from xxgk.rules import check

INTERNAL = "第十六条（内部事务信息）"
PROCESS = "第十六条（过程性信息）"


def test_the_grounds_these_tests_were_written_for():
    assert POLICY["withheld_basis"] == [
        "第十四条（国家秘密）", "第十四条（法律、行政法规禁止公开）", "第十四条（危及“三安全一稳定”）",
        "第十五条（商业秘密、个人隐私等第三方合法权益）", INTERNAL, PROCESS, "第十六条（行政执法案卷）"]


def withheld(repo, **fields):
    defaults = {"mode": "不予公开", "basis": [INTERNAL, PROCESS], "reassess_by": "2026-03-10"}
    defaults.update(fields)
    return repo.item(**defaults)


def problems_of(repo):
    """The loader's problems and the withheld-record findings, in that order."""
    loaded = load(str(repo.root))
    found = check(loaded, date(2025, 6, 1), use_git=False, only={"withheld-record"}).findings
    return [*loaded.problems, *(f for f in found if f not in loaded.problems)]


def test_a_complete_record_loads_with_its_basis_and_review_date(repo):
    withheld(repo)
    loaded = load(str(repo.root))
    assert loaded.problems == ()
    assert check(loaded, date(2025, 6, 1), use_git=False, only={"withheld-record"}).findings == ()
    (item,) = loaded.items
    assert item.basis == (INTERNAL, PROCESS) and item.reassess_by == date(2026, 3, 10)


@pytest.mark.parametrize("missing, words", [("basis", "basis"), ("reassess_by", "reassess_by")])
def test_a_withheld_item_needs_its_basis_and_review_date(repo, missing, words):
    path = withheld(repo, **{missing: None})
    (problem,) = problems_of(repo)
    assert problem.code == "withheld-record" and problem.severity == "error"
    assert problem.line == line_of(path, "mode: 不予公开") and words in problem.message
    assert ("第十八条" if missing == "reassess_by" else "第十六条（内部事务信息）") in problem.message


def test_a_basis_outside_the_list_names_the_list(repo):
    path = withheld(repo, basis=[INTERNAL, "涉及敏感内容"])
    (problem,) = problems_of(repo)
    assert problem.code == "withheld-record" and problem.line == line_of(path, "涉及敏感内容")
    assert "涉及敏感内容" in problem.message and "第十五条（商业秘密、个人隐私等第三方合法权益）" in problem.message


def test_an_empty_basis_list_is_a_missing_basis(repo):
    path = withheld(repo, basis=[])
    (problem,) = problems_of(repo)
    assert problem.code == "withheld-record" and problem.line == line_of(path, "basis:")


@pytest.mark.parametrize("fields, needle", [
    ({"basis": INTERNAL}, "basis:"),  # a single text, not a list
    ({"reassess_by": "2026年3月"}, "reassess_by:"),
    ({"reassess_by": "2026-02-30"}, "reassess_by:"),
])
def test_malformed_fields_are_schema_errors_at_their_line(repo, fields, needle):
    path = withheld(repo, **fields)
    (problem,) = problems_of(repo)
    assert problem.code == "schema" and problem.line == line_of(path, needle)


def test_a_review_date_before_the_information_was_formed_is_an_error(repo):
    path = withheld(repo, reassess_by="2025-03-01")  # formed 2025-03-03
    (problem,) = problems_of(repo)
    assert problem.code == "withheld-record" and problem.line == line_of(path, "reassess_by:")
    assert "2025-03-03" in problem.message


@pytest.mark.parametrize("mode", ["主动公开", "依申请公开"])
def test_basis_and_review_date_belong_to_withheld_items_only(repo, mode):
    path = withheld(repo, mode=mode)
    found = problems_of(repo)
    assert [(p.code, p.line) for p in found] == [("withheld-record", line_of(path, "basis:")),
                                                 ("withheld-record", line_of(path, "reassess_by:"))]
    assert all("不予公开" in p.message for p in found)


def test_reassessment_due_warns_once_the_review_date_has_passed(repo):
    path = withheld(repo)
    loaded = load(str(repo.root))
    assert check(loaded, date(2026, 3, 10), use_git=False, only={"reassessment-due"}).findings == ()
    report = check(loaded, date(2026, 3, 11), use_git=False, only={"reassessment-due"})
    (finding,) = report.findings
    assert finding.severity == "warning" and not report.failed
    assert finding.path == loaded.items[0].path and finding.line == line_of(path, "reassess_by:")
    assert "2026-03-10" in finding.message and "第十八条" in finding.message
