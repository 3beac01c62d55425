"""Every kind of bad input gives its rule code, the file, the line and a Chinese fix."""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.core import load
from conftest import DEPT_CODE


def line_of(repo, prefix, rel="content/czj/gzdt/2025/item.md"):
    """The 1-based line of the file that starts with ``prefix`` (where an editor would look)."""
    lines = (repo.root / rel).read_text("utf-8").split("\n")
    return next(n for n, text in enumerate(lines, start=1) if text.startswith(prefix))


def problems(repo, code=None):
    found = load(str(repo.root)).problems
    return [p for p in found if code is None or p.code == code]


def only(repo, code):
    found = problems(repo)
    assert [p.code for p in found] == [code], [p.format() for p in found]
    return found[0]


def test_a_valid_item_loads_into_typed_fields(repo):
    repo.item(doc_number="青财预〔2025〕3号", attachments=None)
    loaded = load(str(repo.root))
    assert loaded.problems == ()
    (item,) = loaded.items
    assert (item.unit, item.column, item.serial) == ("czj", "gzdt", "2025-00001")
    assert item.published == date(2025, 3, 5) and item.review.date == date(2025, 3, 4)
    assert item.body == "正文。\n" and item.body_line == item_body_line(repo)


def item_body_line(repo):
    text = (repo.root / "content/czj/gzdt/2025/item.md").read_text("utf-8").split("\n")
    return text.index("---", 1) + 2


def test_impossible_date_names_the_field_line(repo):
    repo.item(published="2025-02-30", year="2025")
    problem = only(repo, "schema")
    assert problem.path == "content/czj/gzdt/2025/item.md"
    assert problem.line == line_of(repo, "published:") and "published" in problem.message and "2025-02-30" in problem.message


def test_date_in_wrong_format_gives_the_expected_format(repo):
    repo.item(formed="2025/3/3")
    problem = only(repo, "schema")
    assert problem.line == line_of(repo, "formed:") and "YYYY-MM-DD" in problem.message


def test_missing_title_is_a_schema_problem(repo):
    repo.item(title=None)
    problem = only(repo, "schema")
    assert "title（名称）" in problem.message


def test_unknown_field_lists_the_allowed_ones(repo):
    repo.item(titel="拼错的字段")
    problem = only(repo, "schema")
    assert "titel" in problem.message and "title" in problem.message
    assert problem.line == line_of(repo, "titel:")


def test_unknown_unit_directory(repo):
    repo.item(unit="nosuch")
    problem = only(repo, "unknown-unit")
    assert problem.unit == "nosuch" and "czj" in problem.message


def test_unknown_column_directory(repo):
    repo.item(column="nosuch")
    assert only(repo, "unknown-column").column == "nosuch"


def test_column_that_does_not_apply_to_the_unit_kind(repo):
    repo.item(column="gz")  # 规章 applies to governments only; czj is a department
    assert "不适用" in only(repo, "unknown-column").message


def test_front_matter_unit_must_agree_with_the_path(repo):
    repo.item(unit_field="sthjj")
    problem = only(repo, "path-layout")
    assert "sthjj" in problem.message and problem.line == line_of(repo, "unit:")


def test_front_matter_naming_an_unknown_column(repo):
    repo.item(column_field="nosuch")
    assert only(repo, "unknown-column").line == line_of(repo, "column:")


def test_year_folder_must_match_the_publication_year(repo):
    repo.item(year="2024")
    assert "2025" in only(repo, "path-layout").message


def test_file_outside_the_layout(repo):
    (repo.root / "content/czj").mkdir(parents=True)
    (repo.root / "content/czj/loose.md").write_text("---\ntitle: x\n---\n", "utf-8")
    assert only(repo, "path-layout").path == "content/czj/loose.md"


def test_duplicate_index_is_reported_on_every_copy(repo):
    repo.item(name="a")
    repo.item(name="b", column="tzgg", kind="通知公告")
    found = problems(repo, "index-duplicate")
    assert sorted(p.path for p in found) == ["content/czj/gzdt/2025/a.md", "content/czj/tzgg/2025/b.md"]
    assert all(p.line == 2 for p in found)
    assert "tzgg/2025/b.md" in found[0].message or "tzgg/2025/b.md" in found[1].message


@pytest.mark.parametrize("index, fragment", [
    ("11990700003015240F/2025-00001", "不是本单位"),  # another unit's code
    (f"{DEPT_CODE}/2024-00001", "年份"),  # not the publication year
    (f"{DEPT_CODE}/2025-1", "格式错误"),  # serial not 5 digits
    (f"{DEPT_CODE}-2025-00001", "格式错误"),
])
def test_index_format(repo, index, fragment):
    repo.item(index=index)
    problem = only(repo, "index-format")
    assert fragment in problem.message and problem.line == 2 and DEPT_CODE in problem.message


def test_tab_indented_yaml_points_at_the_tab(repo):
    path = repo.item()
    text = path.read_text("utf-8").replace("  reviewer:", "\treviewer:")
    path.write_text(text, "utf-8")
    problem = only(repo, "yaml")
    assert "Tab" in problem.message
    assert text.split("\n")[problem.line - 1].startswith("\treviewer")


def test_yaml_syntax_error_has_a_line(repo):
    path = repo.item()
    path.write_text(path.read_text("utf-8").replace("title: ", "title: [未闭合 "), "utf-8")
    problem = only(repo, "yaml")
    assert problem.line is not None and problem.line >= 3


def test_file_that_is_not_utf8(repo):
    path = repo.item()
    path.write_bytes(path.read_text("utf-8").encode("gbk"))
    problem = only(repo, "encoding")
    assert "UTF-8" in problem.message and problem.line == 3  # first non-ASCII byte is in the title


def test_yaml_bomb_is_refused_quickly(repo):
    levels = ["a: &a [\"哈\", \"哈\", \"哈\", \"哈\", \"哈\", \"哈\", \"哈\", \"哈\", \"哈\"]"]
    for n in range(1, 12):
        prev = chr(ord("a") + n - 1)
        levels.append(f"{chr(ord('a') + n)}: &{chr(ord('a') + n)} [" + ", ".join([f"*{prev}"] * 9) + "]")
    repo.item(raw="---\n" + "\n".join(levels) + "\n---\n正文\n")
    problem = only(repo, "yaml")
    assert "锚点" in problem.message and problem.line == 2


def test_missing_front_matter(repo):
    repo.item(raw="# 只有正文\n")
    assert only(repo, "front-matter").line == 1


def test_unterminated_front_matter(repo):
    repo.item(raw="---\ntitle: 没有结束\n")
    assert "结束" in only(repo, "front-matter").message


def test_front_matter_that_is_not_a_mapping(repo):
    repo.item(raw="---\n- 一\n- 二\n---\n")
    assert only(repo, "front-matter").line == 2


def test_unknown_topic_and_kind(repo):
    repo.item(topic="不存在的主题", kind="不存在的类型")
    found = problems(repo)
    assert [p.code for p in found] == ["schema", "schema"]
    assert [p.line for p in found] == [line_of(repo, "topic:"), line_of(repo, "kind:")]


def test_missing_attachment(repo):
    repo.item(attachments=[{"file": "预算表.xlsx", "title": "预算表"}])
    problem = only(repo, "missing-attachment")
    assert "预算表.xlsx" in problem.message and problem.line == line_of(repo, "- file:")


def test_attachment_path_may_not_leave_the_folder(repo):
    repo.item(attachments=["../../secret.pdf"])
    assert "同目录" in only(repo, "missing-attachment").message


def test_all_problems_are_collected_not_only_the_first(repo):
    repo.item(name="a", published="2025-13-01")
    repo.item(name="b", title=None, index="坏索引号")
    repo.item(name="c", unit="nosuch")
    codes = sorted(p.code for p in problems(repo))
    assert codes == ["schema", "schema", "unknown-unit"]


def test_items_are_sorted_newest_first(repo):
    repo.item(name="old", published="2025-01-06", formed="2025-01-02", review=None)
    repo.item(name="new", index=f"{DEPT_CODE}/2025-00002", review=None)
    assert [i.path.rsplit("/", 1)[-1] for i in load(str(repo.root)).items] == ["new.md", "old.md"]


def test_readme_notes_in_content_are_not_items(repo):
    (repo.root / "content/README.md").write_text("编辑说明", "utf-8")
    assert problems(repo) == [] and load(str(repo.root)).items == ()


def test_a_dangling_link_in_content_is_a_problem_not_a_crash(repo):
    (repo.root / "content/czj/gzdt/2025").mkdir(parents=True)
    (repo.root / "content/czj/gzdt/2025/gone.md").symlink_to(repo.root / "nowhere.md")
    problem = only(repo, "symlink")
    assert problem.path == "content/czj/gzdt/2025/gone.md" and "符号链接" in problem.message
