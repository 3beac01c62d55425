"""Catalogue data problems: units, the column tree and the policy file."""

from __future__ import annotations

from xxgk.core import load


def codes(repo):
    return [(p.code, p.path) for p in load(str(repo.root)).problems]


def edit(path, old, new):
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_project_catalogue_is_clean(repo):
    assert codes(repo) == []
    loaded = load(str(repo.root))
    assert list(loaded.units)[0] == "qcs"  # ordered by `order`
    assert loaded.units["czj"].office.phone


def test_credit_code_check_character_is_verified(repo):
    edit(repo.root / "catalogue/units/czj.yml", "11990700003016315Q", "11990700003016315R")
    assert codes(repo) == [("credit-code", "catalogue/units/czj.yml")]


def test_guide_needs_the_office_contacts(repo):
    edit(repo.root / "catalogue/units/czj.yml", "  phone: 0795-3262210\n", "")
    problems = load(str(repo.root)).problems
    assert [p.code for p in problems] == ["catalogue"] and "phone" in problems[0].message


def test_unknown_parent_unit(repo):
    edit(repo.root / "catalogue/units/czj.yml", "parent: qcs", "parent: nosuch")
    assert codes(repo) == [("catalogue", "catalogue/units/czj.yml")]


def test_column_cycle_and_unknown_freshness(repo):
    path = repo.root / "catalogue/columns.yml"
    edit(path, "- id: gkxx\n  name: 概况信息\n", "- id: gkxx\n  name: 概况信息\n  parent: jgzn\n")
    edit(path, "freshness: dynamic", "freshness: weekly")
    messages = [p.message for p in load(str(repo.root)).problems]
    assert any("循环" in m for m in messages) and any("gzdt" in m and "freshness" in m for m in messages)


def test_items_in_a_column_the_catalogue_drops_are_reported(repo):
    repo.item()
    path = repo.root / "catalogue/columns.yml"
    edit(path, "- id: gzdt\n", "- id: gzdt-old\n")
    assert ("unknown-column", "content/czj/gzdt/2025/item.md") in codes(repo)


def test_missing_catalogue_files_are_problems_not_crashes(repo):
    (repo.root / "catalogue/policy.yml").unlink()
    (repo.root / "catalogue/topics.yml").write_text("a: [unclosed", "utf-8")
    found = codes(repo)
    assert ("catalogue", "catalogue/policy.yml") in found and ("yaml", "catalogue/topics.yml") in found
