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


# -- a unit's own departures from the defaults (issue 12: 规章 off for a county, historic indexes,
#    per-unit quota) -------------------------------------------------------------------------------

def append(path, text):
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def test_a_unit_switches_a_column_off_with_its_reason(repo):
    append(repo.root / "catalogue/units/qcs.yml", "columns:\n  gz: {enabled: false, reason: 示例：本级无规章制定权}\n")
    loaded = load(str(repo.root))
    assert loaded.problems == ()
    qcs = loaded.units["qcs"]
    assert "gz" not in {c.id for c in loaded.catalogue.columns_for(qcs)}
    assert "gfxwj" in {c.id for c in loaded.catalogue.columns_for(qcs)}
    assert qcs.columns["gz"].reason == "示例：本级无规章制定权"


def test_a_department_switches_a_government_column_on(repo):
    append(repo.root / "catalogue/units/czj.yml", "columns:\n  zdxm: {enabled: true, reason: 本局承担重大建设项目资金监管}\n")
    loaded = load(str(repo.root))
    assert loaded.problems == ()
    assert "zdxm" in {c.id for c in loaded.catalogue.columns_for(loaded.units["czj"])}


def test_column_switches_need_a_known_column_a_change_and_a_reason(repo):
    path = repo.root / "catalogue/units/qcs.yml"
    append(path, "columns:\n  nosuch: {enabled: false, reason: 理由}\n  gzdt: {enabled: true, reason: 理由}\n")
    messages = sorted(p.message for p in load(str(repo.root)).problems)
    assert len(messages) == 2
    assert "nosuch" in messages[0] and "不存在" in messages[0] or "nosuch" in messages[1] and "不存在" in messages[1]
    assert any("gzdt" in m and "无需设置" in m for m in messages)
    path.write_text(path.read_text("utf-8").split("columns:")[0] + "columns:\n  gz: {enabled: false}\n", "utf-8")
    (problem,) = [p for p in load(str(repo.root)).problems if p.code == "catalogue"]
    assert problem.path == "catalogue/units/qcs.yml" and "reason" in problem.message


def test_an_item_in_a_switched_off_column_names_the_switch(repo):
    append(repo.root / "catalogue/units/czj.yml", "columns:\n  gfxwj: {enabled: false, reason: 本局不制定规范性文件}\n")
    repo.item(column="gfxwj")
    problems = [p for p in load(str(repo.root)).problems if p.code == "unknown-column"]
    assert len(problems) == 1 and "本局不制定规范性文件" in problems[0].message


def test_historic_index_patterns_are_validated_against_their_example(repo):
    path = repo.root / "catalogue/units/czj.yml"
    append(path, "historic_indexes:\n"
                 "  - {pattern: '014416330/\\d{4}-\\d{5}', example: 014416330/2018-04736, source: 旧门户网站 2010—2019 年}\n")
    loaded = load(str(repo.root))
    assert loaded.problems == ()
    (pattern,) = loaded.units["czj"].index_patterns
    assert pattern.example == "014416330/2018-04736" and pattern.until is None
    path.write_text(path.read_text("utf-8").replace("example: 014416330/2018-04736", "example: 014416330-2018-04736"), "utf-8")
    (problem,) = load(str(repo.root)).problems
    assert "不符合 pattern" in problem.message
    path.write_text(path.read_text("utf-8").replace("pattern: '014416330/\\d{4}-\\d{5}'", "pattern: '(['"), "utf-8")
    (problem,) = load(str(repo.root)).problems
    assert "不是有效的正则表达式" in problem.message


def test_a_unit_quota_overrides_its_kind(repo):
    path = repo.root / "catalogue/units/czj.yml"
    append(path, "monthly_quota: 6\n")
    assert load(str(repo.root)).units["czj"].monthly_quota == 6
    path.write_text(path.read_text("utf-8").replace("monthly_quota: 6", "monthly_quota: -1"), "utf-8")
    (problem,) = load(str(repo.root)).problems
    assert "monthly_quota" in problem.message and problem.path == "catalogue/units/czj.yml"
