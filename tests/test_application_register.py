"""The register's newer fields (依申请公开登记簿 content/<unit>/_annual/<year>/applications.yml):
``fee_yuan`` (信息处理费, 国办函〔2020〕109号), ``correction`` (补正, 条例第三十条) and the
working-day calendar's "year unknown" flag on reply deadlines.

Every date is counted by hand on the PRC calendar (the comment says which holidays); every line
number is counted in the register text here.
"""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.core import load
from xxgk.rules import check

REGISTER = "content/czj/_annual/2025/applications.yml"
REGISTER_2026 = "content/czj/_annual/2026/applications.yml"


def write_register(repo, text: str, year: str = "2025"):
    folder = repo.root / "content" / "czj" / "_annual" / year
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "applications.yml").write_text(text, encoding="utf-8")


def loaded_clean(repo):
    loaded = load(str(repo.root))
    assert loaded.problems == (), [p.format() for p in loaded.problems]
    return loaded


def findings(repo, as_of, *codes):
    return check(loaded_clean(repo), as_of, use_git=False, only=set(codes)).findings


# Lines 1–6 an entry; the field under test goes on line 7.
ENTRY = """\
- number: "2025-001"
  received: 2025-03-03
  applicant: 自然人
  subject: 申请公开某专项资金分配结果
  replied: 2025-03-20
  outcome: 予以公开
"""


# -- fee_yuan (信息处理费) --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [("", 0), ("  fee_yuan: 0\n", 0), ("  fee_yuan: 200\n", 200),
                                            ("  fee_yuan: 150.5\n", 150.5)])
def test_fee_yuan_is_read_and_defaults_to_nothing_charged(repo, text, expected):
    write_register(repo, ENTRY + text)
    (application,) = loaded_clean(repo).applications
    assert application.fee_yuan == expected


@pytest.mark.parametrize("value", ["-1", "true", "一百元", "\"100\"", "null"])
def test_fee_yuan_must_be_a_number_not_below_zero(repo, value):
    write_register(repo, ENTRY + f"  fee_yuan: {value}\n")
    loaded = load(str(repo.root))
    (problem,) = loaded.problems
    assert (problem.code, problem.path, problem.line) == ("application-schema", REGISTER, 7)
    assert "fee_yuan" in problem.message and "信息处理费" in problem.message
    assert loaded.applications == ()
