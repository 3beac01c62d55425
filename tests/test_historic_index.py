"""Migrated items keep the 索引号 the old platform gave them (索引号不得更改), when it has one of
the forms declared in the unit's catalogue file (``historic_indexes``); every other item has
today's strict form <统一社会信用代码>/<发布年份>-<5 位流水号>. The URL slug of a historic index
is unique and safe: its "/" becomes "_", and it never looks like a strict serial.

Indexes are written by hand here, in the shapes of real migrated ones (014416330/2018-04736,
01527918X-2020-153077, 11341702486344515H/202110-00013), with 青川市财政局's own codes: credit
code 11990700003016315Q, whose characters 9–17 are its organisation code 003016315.
"""

from __future__ import annotations

import textwrap

import pytest

from conftest import DEPT_CODE
from gitrepo import line_of
from xxgk.core import load

ORG_CODE = "003016315"  # DEPT_CODE[8:17], the 组织机构代码 inside the credit code
HISTORIC = textwrap.dedent(f"""\
    historic_indexes:
      - pattern: '{ORG_CODE}/\\d{{4}}-\\d{{5}}'
        example: {ORG_CODE}/2018-04736
        source: 青川市政府信息公开目录系统（2008—2019年，组织机构代码）
        until: 2019-12-31
      - pattern: '{ORG_CODE}-\\d{{4}}-\\d{{6}}'
        example: {ORG_CODE}-2020-153077
        source: 青川市政务服务网信息公开栏目（2020年）
      - pattern: '\\d{{4}}-\\d{{5}}'
        example: 2021-00013
        source: 市财政局门户网站（2021年，仅流水号）
    """)


def declare(repo, text: str = HISTORIC) -> None:
    unit_file = repo.root / "catalogue" / "units" / "czj.yml"
    unit_file.write_text(unit_file.read_text("utf-8") + text, encoding="utf-8")


def item(repo, index: str, published: str, name: str = "item", migrated: bool | None = True):
    return repo.item(name=name, index=index, formed=published, published=published,
                     review={"reviewer": "王敏", "date": published, "result": "不涉密，同意公开"},
                     migrated=migrated)


def problems(repo):
    return [p for p in load(str(repo.root)).problems]


def only_index_format(repo):
    found = problems(repo)
    assert [p.code for p in found] == ["index-format"], [p.format() for p in found]
    return found[0]


@pytest.mark.parametrize("index, published, serial", [
    (f"{ORG_CODE}/2018-04736", "2018-05-10", f"{ORG_CODE}_2018-04736"),
    (f"{ORG_CODE}-2020-153077", "2020-07-01", f"{ORG_CODE}-2020-153077"),
    ("2021-00013", "2021-10-20", "_2021-00013"),
], ids=["org-code-slash", "org-code-dash", "serial-only"])
def test_migrated_item_keeps_its_historic_index(repo, index, published, serial):
    declare(repo)
    item(repo, index, published)
    loaded = load(str(repo.root))
    assert loaded.problems == (), [p.format() for p in loaded.problems]
    (found,) = loaded.items
    assert (found.index, found.serial) == (index, serial)


def test_historic_index_on_an_item_not_marked_migrated(repo):
    declare(repo)
    path = item(repo, f"{ORG_CODE}/2018-04736", "2018-05-10", migrated=None)
    problem = only_index_format(repo)
    assert problem.line == line_of(path, "index:")
    assert "migrated: true" in problem.message and f"{DEPT_CODE}/2018-00001" in problem.message
    assert "旧平台" in problem.message


def test_migrated_item_with_an_index_of_no_declared_form_names_the_forms(repo):
    declare(repo)
    path = item(repo, f"{ORG_CODE}/2018-4736", "2018-05-10")
    problem = only_index_format(repo)
    assert problem.line == line_of(path, "index:")
    for example in (f"{ORG_CODE}/2018-04736", f"{ORG_CODE}-2020-153077", "2021-00013", f"{DEPT_CODE}/2018-00001"):
        assert example in problem.message
    assert "catalogue/units/czj.yml" in problem.message


def test_migrated_item_of_a_unit_without_historic_forms_needs_the_strict_form(repo):
    item(repo, f"{ORG_CODE}/2018-04736", "2018-05-10")
    problem = only_index_format(repo)
    assert f"{DEPT_CODE}/2018-00001" in problem.message and "historic_indexes" in problem.message


def test_migrated_item_may_have_the_strict_form(repo):
    declare(repo)
    item(repo, f"{DEPT_CODE}/2018-00001", "2018-05-10")
    assert problems(repo) == []


def test_historic_form_used_after_it_was_retired(repo):
    declare(repo)
    item(repo, f"{ORG_CODE}/2020-00001", "2020-03-02")
    problem = only_index_format(repo)
    assert "2019-12-31" in problem.message and "停用" in problem.message


def test_nine_character_code_is_not_todays_form(repo):
    # Only the 18-character credit code prefixes a new index; the 9-character 组织机构代码 is historic.
    item(repo, f"{ORG_CODE}/2025-00001", "2025-03-05", migrated=None)
    problem = only_index_format(repo)
    assert f"{DEPT_CODE}/2025-00001" in problem.message


def test_historic_slug_never_collides_with_a_strict_serial(repo):
    declare(repo)
    item(repo, "2021-00013", "2021-10-20", name="old")
    item(repo, f"{DEPT_CODE}/2021-00013", "2021-10-20", name="new", migrated=None)
    loaded = load(str(repo.root))
    assert loaded.problems == (), [p.format() for p in loaded.problems]
    assert sorted(i.serial for i in loaded.items) == ["2021-00013", "_2021-00013"]


def test_historic_index_with_characters_unsafe_in_a_url(repo):
    declare(repo, textwrap.dedent("""\
        historic_indexes:
          - pattern: '青财\\d{4}第\\d{1,4}号'
            example: 青财2018第12号
            source: 旧平台
        """))
    item(repo, "青财2018第12号", "2018-05-10")
    problem = only_index_format(repo)
    assert "字母、数字" in problem.message


def test_two_migrated_items_with_the_same_historic_index(repo):
    declare(repo)
    item(repo, f"{ORG_CODE}/2018-04736", "2018-05-10", name="a")
    item(repo, f"{ORG_CODE}/2018-04736", "2018-05-10", name="b")
    assert sorted(p.code for p in problems(repo)) == ["index-duplicate", "index-duplicate"]
