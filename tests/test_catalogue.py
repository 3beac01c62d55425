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
    path = repo.root / "catalogue/units/scjgj.yml"
    append(path, "monthly_quota: 3\n")
    assert load(str(repo.root)).units["scjgj"].monthly_quota == 3
    path.write_text(path.read_text("utf-8").replace("monthly_quota: 3", "monthly_quota: -1"), "utf-8")
    (problem,) = load(str(repo.root)).problems
    assert "monthly_quota" in problem.message and problem.path == "catalogue/units/scjgj.yml"


# -- the guide's office: 传真号码、互联网联系方式 (条例第十二条) and 查阅场所 (第二十五条); issue 12 ----------

def office_problems(repo):
    return [p for p in load(str(repo.root)).problems if p.code == "catalogue"]


def test_the_office_needs_a_fax_number_or_a_declared_none_with_its_reason(repo):
    path = repo.root / "catalogue/units/czj.yml"
    edit(path, "  fax: 0795-3262211\n", "")
    (problem,) = office_problems(repo)
    assert problem.path == "catalogue/units/czj.yml" and "fax（传真号码）" in problem.message
    assert "fax: 无（本机关未设传真）" in problem.message  # the fix, spelled out
    path.write_text(path.read_text("utf-8").replace("  phone:", "  fax: 无（本局未设传真，请以信函或电子邮件提交）\n  phone:"), "utf-8")
    loaded = load(str(repo.root))
    assert loaded.problems == ()
    office = loaded.units["czj"].office
    assert office.fax == "" and office.reason("fax") == "本局未设传真，请以信函或电子邮件提交"


def test_a_bare_none_is_not_enough(repo):
    edit(repo.root / "catalogue/units/czj.yml", "  fax: 0795-3262211\n", "  fax: 无\n")
    (problem,) = office_problems(repo)
    assert "office.fax" in problem.message and "须写明理由" in problem.message


def test_the_office_needs_an_internet_contact(repo):
    path = repo.root / "catalogue/units/czj.yml"
    edit(path, "  email: czj@qingchuan.example\n", "  email: 无（未设公开邮箱）\n")
    assert office_problems(repo) == []  # the website is enough
    edit(path, "  website: https://czj.qingchuan.example/\n", "")
    (problem,) = office_problems(repo)
    assert "互联网联系方式" in problem.message and "email" in problem.message and "website" in problem.message


def test_an_internet_contact_must_be_an_address_or_a_url(repo):
    path = repo.root / "catalogue/units/czj.yml"
    edit(path, "  email: czj@qingchuan.example\n", "  email: 见门户网站\n")
    edit(path, "  website: https://czj.qingchuan.example/\n", "  website: czj.qingchuan.example\n")
    messages = sorted(p.message for p in office_problems(repo))
    assert len(messages) == 2  # one for each; that none is usable is not reported again
    assert any("office.email" in m and "见门户网站" in m for m in messages)
    assert any("office.website" in m and "http://" in m for m in messages)


def test_the_office_names_its_reading_places(repo):
    loaded = load(str(repo.root))
    places = loaded.units["qcs"].office.reading_places
    assert [p.name for p in places] == ["青川市政务服务中心政府信息查阅点", "青川市档案馆政府公开信息查阅中心",
                                        "青川市图书馆政府信息查阅专区"]
    assert places[0].address == "青川市滨江大道 2 号市政务服务中心一楼"
    assert all(u.office.reading_places for u in loaded.units.values())


def test_reading_places_are_required_and_checked(repo):
    path = repo.root / "catalogue/units/hxz.yml"
    text = path.read_text("utf-8")
    start = text.index("  reading_places:")
    path.write_text(text[:start] + "  reading_places: []\n", "utf-8")
    (problem,) = office_problems(repo)
    assert problem.path == "catalogue/units/hxz.yml" and "第二十五条" in problem.message and "至少列出一处" in problem.message
    path.write_text(text[:start] + "  reading_places:\n    - 河西镇便民服务中心\n    - {name: 县档案馆, phone: 123}\n    - {address: 无名}\n", "utf-8")
    messages = [p.message for p in office_problems(repo)]
    assert len(messages) == 2 and "第 2 项" in messages[0] and "phone" in messages[0] and "第 3 项" in messages[1]
    (place,) = load(str(repo.root)).units["hxz"].office.reading_places
    assert place.name == "河西镇便民服务中心" and place.address == ""


def test_the_remedies_need_every_limit_the_guide_prints(repo):
    edit(repo.root / "catalogue/policy.yml", "  after_review_days: 15", "  after_review_days: 十五")
    (problem,) = office_problems(repo)
    assert problem.path == "catalogue/policy.yml" and "after_review_days" in problem.message


def test_an_annual_report_deadline_must_be_a_month_and_day(repo):
    edit(repo.root / "catalogue/policy.yml", 'department: "01-31"', 'department: "1月31日"')
    (problem,) = load(str(repo.root)).problems
    assert problem.path == "catalogue/policy.yml" and "annual_report_deadline.department" in problem.message


def test_the_application_periods_the_pages_print_are_required_whole_numbers(repo):
    edit(repo.root / "catalogue/policy.yml", "  correction_request_working_days: 7", "  correction_request_working_days: 七")
    (problem,) = load(str(repo.root)).problems
    assert problem.path == "catalogue/policy.yml" and "correction_request_working_days" in problem.message


def test_a_historic_index_pattern_that_could_backtrack_without_end_is_refused(repo):
    """An editor's regular expression runs on every migrated item's 索引号 in CI: nested or unbounded
    repetition ("(\\d+)+x") could take exponential time on a crafted index, so only bounded, unnested
    repetition is accepted — which every real index form needs."""
    path = repo.root / "catalogue/units/czj.yml"
    for pattern, example in ((r"(\d+)+x", "1x"), (r"\d*/\d{4}", "1/2018"), (r"(ab|a){1,30}x", "abx")):
        text = path.read_text("utf-8").split("historic_indexes:")[0]
        path.write_text(text + f"historic_indexes:\n  - {{pattern: '{pattern}', example: '{example}', source: 旧平台}}\n", "utf-8")
        (problem,) = load(str(repo.root)).problems
        assert "重复" in problem.message and problem.path == "catalogue/units/czj.yml", (pattern, problem.message)
    text = path.read_text("utf-8").split("historic_indexes:")[0]
    path.write_text(text + "historic_indexes:\n  - {pattern: '0144163[0-9X]{2}/(19|20)\\d{2}-\\d{5}', "
                           "example: 014416330/2018-04736, source: 旧平台}\n", "utf-8")
    assert load(str(repo.root)).problems == ()


def test_the_guide_and_the_annual_report_column_cannot_be_switched_off(repo):
    path = repo.root / "catalogue/units/czj.yml"
    for column in ("gkzn", "ndbg"):
        text = path.read_text("utf-8").split("columns:")[0]
        path.write_text(text + f"columns:\n  {column}: {{enabled: false, reason: 不需要}}\n", "utf-8")
        (problem,) = load(str(repo.root)).problems
        assert "不能关闭" in problem.message and f"columns.{column}" in problem.message
