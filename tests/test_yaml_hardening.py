"""YAML hardening (issue 9): duplicate keys, nesting bounds, odd keys, line endings, invisible
characters and blank text end as clear Chinese problems with a line, never as a wrong value, a
traceback or a crash, in both front-matter readers and in the catalogue files."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
import yaml

from xxgk.core import frontmatter, load, yamlsafe
from xxgk.core.problems import CODES
from xxgk.core.yamlsafe import PlainLoader
from conftest import DEPT_CODE

ITEM = "content/czj/gzdt/2025/item.md"
FRONT = [  # file lines 2..13 of a valid item; line n of the file is FRONT[n - 2]
    f"index: {DEPT_CODE}/2025-00001",
    "title: 关于开展2025年财政资金绩效评价工作的通知",
    "topic: 财政、金融、审计",
    "formed: 2025-03-03",
    "published: 2025-03-05",
    "mode: 主动公开",
    "kind: 工作动态",
    "review:",
    "  reviewer: 王敏",
    "  date: 2025-03-04",
    "  result: 不涉密，同意公开",
]


def write(repo, lines, body="正文。\n", newline="\n"):
    text = newline.join(["---", *lines, "---", body])
    path = repo.root / ITEM
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def item_problems(repo):
    found = load(str(repo.root))
    mine = [p for p in found.problems if p.path == ITEM]
    return found, mine


def only(repo, code):
    found, mine = item_problems(repo)
    assert [p.code for p in mine] == [code], [p.format() for p in mine]
    assert not found.items
    return mine[0]


def test_the_valid_item_loads(repo):
    write(repo, FRONT)
    found, mine = item_problems(repo)
    assert not mine and len(found.items) == 1


# 1. Duplicate keys ---------------------------------------------------------------------------

def test_a_second_mode_is_an_error_not_the_winner(repo):
    write(repo, FRONT[:2] + ["mode: 不予公开"] + FRONT[2:])  # mode on file lines 4 and 8
    problem = only(repo, "yaml")
    assert problem.line == 8
    assert "字段 mode 在第 4 行和第 8 行重复出现" in problem.message and "请只保留一个" in problem.message


def test_draft_true_then_false_is_an_error(repo):
    write(repo, ["draft: true", *FRONT, "draft: false"])
    problem = only(repo, "yaml")
    assert "字段 draft 在第 2 行和第 14 行重复出现" in problem.message and problem.line == 14


def test_a_second_review_result_is_an_error(repo):
    write(repo, FRONT + ["  result: 涉密，不予公开"])
    problem = only(repo, "yaml")
    assert "字段 result 在第 12 行和第 13 行重复出现" in problem.message and problem.line == 13


@pytest.mark.parametrize("text, lines", [
    ("a: 1\nb: 2\na: 3\n", (1, 3)),
    ("a:\n  - x: 1\n    y: 2\n    x: 3\n", (2, 4)),
    ("a: {x: 1, y: 2, x: 3}\n", (1, 1)),
    ("a:\n  b:\n    c: 1\n    c: 2\n", (3, 4)),
    ("'a': 1\n\"a\": 2\n", (1, 2)),
    ("a: 1\n? a\n: 2\n", (1, 2)),
])
def test_duplicate_keys_at_every_level_in_both_readers(text, lines):
    with pytest.raises(yamlsafe.YamlError) as caught:
        yamlsafe.load(text)
    assert f"在第 {lines[0]} 行和第 {lines[1]} 行重复出现" in caught.value.message
    assert caught.value.line == lines[1]


def test_the_fast_reader_never_lets_a_duplicate_win():
    from xxgk.core import fastyaml

    for text in ("mode: 不予公开\nmode: 主动公开\n", "review:\n  result: a\n  result: b\n",
                 "attachments:\n  - file: a.pdf\n    file: b.pdf\n", "a: [x]\na: [y]\n"):
        assert fastyaml.parse(text) is None, text  # it steps aside; PyYAML's path reports it


def test_a_duplicate_in_a_catalogue_file_is_a_yaml_problem(repo):
    path = repo.root / "catalogue/units/czj.yml"
    text = path.read_text("utf-8")
    path.write_text(text + "kind: government\n", "utf-8")
    (problem,) = [p for p in load(str(repo.root)).problems if p.path == "catalogue/units/czj.yml" and p.code == "yaml"]
    first = 1 + text.split("\n").index("kind: department")
    last = text.count("\n") + 1
    assert problem.line == last
    assert f"字段 kind 在第 {first} 行和第 {last} 行重复出现" in problem.message


# 2. Nesting depth and node count, before any parser sees the text ---------------------------

def check_in_subprocess(root):
    """`xxgk check` in a child: a segfault must not take pytest down with it."""
    return subprocess.run([sys.executable, "-m", "xxgk.cli", "check", "--root", str(root), "--as-of", "2026-11-20",
                           "--format", "json"], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("value", [
    "[" * 100_000 + "]" * 100_000,  # segfaulted CSafeLoader (rc -11)
    "[" * 1000 + "]" * 1000,  # RecursionError traceback
    "{a: " * 40 + "b" + "}" * 40,
    "[" * 33 + "]" * 33,
], ids=["100000-levels", "1000-levels", "40-mappings", "33-levels"])  # short ids: pytest puts the id in the environment
def test_deep_flow_nesting_is_a_yaml_problem_not_a_crash(repo, value):
    write(repo, [f"title: {value}", *FRONT[:1], *FRONT[2:]])
    result = check_in_subprocess(repo.root)
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    import json

    (finding,) = [f for f in json.loads(result.stdout)["findings"] if f["path"] == ITEM]
    assert finding["rule"] == "yaml" and finding["line"] == 2 and "嵌套" in finding["message"]


def test_deep_block_nesting_is_a_yaml_problem_with_its_line():
    text = "".join(" " * n + f"k{n}:\n" for n in range(40)) + " " * 40 + "x: 1\n"
    with pytest.raises(yamlsafe.YamlError) as caught:
        yamlsafe.load(text)
    assert "缩进" in caught.value.message and caught.value.line == 33


def load_in_subprocess(text):
    """yamlsafe.load in a child (a crash must not take pytest down): (message, line) or the value."""
    child = ("import json, sys\nfrom xxgk.core import yamlsafe\n"
             "try:\n    print(json.dumps({'value': yamlsafe.load(sys.stdin.read())}))\n"
             "except yamlsafe.YamlError as exc:\n    print(json.dumps({'message': exc.message, 'line': exc.line}))\n")
    result = subprocess.run([sys.executable, "-c", child], input=text, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    import json

    return json.loads(result.stdout)


def test_compact_nested_sequences_count_as_nesting():
    found = load_in_subprocess("a:\n" + "- " * 50_000 + "x\n")  # one line, 50,000 levels (segfaulted)
    assert "缩进" in found["message"] and found["line"] == 2


def test_too_many_nodes_is_a_yaml_problem():
    found = load_in_subprocess("a: [" + "x," * 60_000 + "x]\n")
    assert "过多" in found["message"] and found["line"] == 1


def test_normal_nesting_and_brackets_pass():
    text = ("".join(f"steps{n}: [初审, 审核, 签批]\n" for n in range(40)) + "a:\n  b:\n    - c: [d, [e, {f: g}]]\n"
            + "note: 见附件[1][2]，it's \"[\" 与 '}' 两个符号\n")
    assert yamlsafe.load(text)["a"] == {"b": [{"c": ["d", ["e", {"f": "g"}]]}]}


def test_the_bounds_hold_for_catalogue_style_files_too(repo):
    (repo.root / "catalogue/topics.yml").write_text("- " + "[" * 100_000 + "\n", "utf-8")
    result = check_in_subprocess(repo.root)
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "嵌套" in result.stdout + result.stderr


# 3. Null and non-string keys ----------------------------------------------------------------

@pytest.mark.parametrize("line, fragment", [
    ("~: x", "字段名为空"), ("null: x", "字段名为空"), ("? \n: x", "字段名为空"),
    ("1: x", "字段名应为文字"), ("true: x", "字段名应为文字"), ("on: x", "字段名应为文字"), ("1.5: x", "字段名应为文字"),
    ("[a]: x", "字段名应为文字"), ("{a: b}: x", "字段名应为文字"), ("? [a, b]\n: x", "字段名应为文字"),
    ("? {a: b}\n: x", "字段名应为文字"),
])
def test_odd_keys_are_a_clear_error_with_the_line(repo, line, fragment):
    write(repo, FRONT[:3] + [line] + FRONT[3:])  # the odd key on file line 5
    problem = only(repo, "yaml")
    assert fragment in problem.message and problem.line == 5


def test_odd_keys_nested_in_a_list_entry():
    with pytest.raises(yamlsafe.YamlError) as caught:
        yamlsafe.load("attachments:\n  - file: a.pdf\n    ~: b\n")
    assert "字段名为空" in caught.value.message and caught.value.line == 3


def test_merge_keys_and_unusual_tags_are_refused():
    for text, line in (("a: 1\n<<: {mode: 不予公开}\n", 2), ("a: !!binary aGVsbG8=\n", 1), ("a: !!set {x, y}\n", 1),
                       ("a: !!timestamp 2025-03-05\n", 1), ("a: !!omap [x: 1]\n", 1)):
        with pytest.raises(yamlsafe.YamlError) as caught:
            yamlsafe.load(text)
        assert caught.value.line == line, text


# 4. Line endings and invisible characters ---------------------------------------------------

def test_a_cr_only_file_is_told_about_old_mac_line_endings(repo):
    write(repo, FRONT, body="正文。\r", newline="\r")
    problem = only(repo, "encoding")
    assert problem.line == 1 and "旧式 Mac 换行符（CR）" in problem.message and "LF 或 CRLF" in problem.message


def test_crlf_files_still_load(repo):
    write(repo, FRONT, newline="\r\n")
    found, mine = item_problems(repo)
    assert not mine and len(found.items) == 1


def test_a_lone_cr_inside_an_lf_file_is_a_yaml_problem_at_its_line(repo):
    write(repo, FRONT[:1] + ["title: 关于开展\r2025年财政资金绩效评价工作的通知"] + FRONT[2:])
    problem = only(repo, "yaml")
    assert problem.line == 3 and "回车" in problem.message


@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x01", "\x1b", "\x7f", "\x85", "\x9f", "\u2028", "\u2029"])
def test_control_characters_in_front_matter_are_an_error_with_the_line(repo, char):
    write(repo, FRONT[:4] + [f"published: 2025-03-05{char}"] + FRONT[5:])
    problem = only(repo, "yaml")
    assert problem.line == 6 and f"U+{ord(char):04X}" in problem.message


def test_a_cr_only_catalogue_file_is_told_too():
    with pytest.raises(yamlsafe.YamlError) as caught:
        yamlsafe.load("a: 1\rb: 2\r")
    assert "旧式 Mac 换行符" in caught.value.message and caught.value.line == 1


def test_split_explains_a_cr_only_text():
    with pytest.raises(frontmatter.SplitError) as caught:
        frontmatter.split("---\rtitle: x\r---\r正文\r")
    assert "旧式 Mac 换行符" in caught.value.message


# 5. Blank required text ---------------------------------------------------------------------

def blank_line(repo, line: int, blank: str) -> None:
    """The valid item with the value on file line ``line`` replaced by ``blank``."""
    lines = list(FRONT)
    key = lines[line - 2].split(":")[0]
    lines[line - 2] = f"{key}: {blank}"
    write(repo, lines)


@pytest.mark.parametrize("field, line, label", [
    ("title", 3, "名称"), ("index", 2, "索引号"), ("topic", 4, "主题分类"), ("kind", 8, "文件类型"),
    ("mode", 7, "公开方式"),
])
@pytest.mark.parametrize("blank", ["'   '", "'\u3000\u3000'", "\"\\t\"", "'\u200b'"])
def test_whitespace_only_required_text_is_a_schema_problem(repo, field, line, label, blank):
    blank_line(repo, line, blank)
    problem = only(repo, "schema")
    assert problem.line == line and f"{label}） 不能为空白" in problem.message, problem.message


def test_blank_text_message_for_the_title():
    from xxgk.core import schema

    data = {"index": "x", "title": "  ", "topic": "t", "formed": "2025-03-03", "published": "2025-03-05",
            "mode": "主动公开", "kind": "k"}
    assert schema.violations(data) == [(("title",), "title（名称） 不能为空白（只有空格或看不见的字符），请填写内容。")]
    data["title"] = ""
    assert schema.violations(data) == [(("title",), "title（名称） 不能为空，请填写内容。")]


def test_every_required_text_field_uses_the_not_blank_pattern():
    from xxgk.core import schema

    props = schema.item_schema()["properties"]
    for name in ("index", "title", "topic", "kind"):
        assert props[name]["pattern"] == schema.NOT_BLANK, name
    for name in ("reviewer", "result"):  # a blank review is missing-review's: it says what to fill in
        assert "pattern" not in props["review"]["properties"][name], name


@pytest.mark.parametrize("field, line, label", [("reviewer", 10, "审查人 reviewer"), ("result", 12, "结论 result")])
@pytest.mark.parametrize("blank", ["'   '", "'\u3000\u3000'", "\"\\t\"", "'\u200b'"])
def test_a_blank_reviewer_or_result_is_no_review(repo, field, line, label, blank):
    from datetime import date

    from xxgk.rules import check

    blank_line(repo, line, blank)
    found = [f for f in check(load(str(repo.root)), date(2025, 3, 20), use_git=False).findings if f.path]
    assert [f.code for f in found] == ["missing-review"], [f.format() for f in found]
    assert label in found[0].message


# The pre-scan never under-counts: checked against libyaml's own events ---------------------

def _true_depths(text):
    """(deepest flow nesting, deepest block nesting, nodes) as libyaml parses the text, up to
    its first error (the composer recurses while it reads: an error further on comes too late)."""
    flow = block = max_flow = max_block = nodes = 0
    stack = []
    events = yaml.parse(text, Loader=yaml.CSafeLoader)
    while True:
        try:
            event = next(events)
        except (StopIteration, yaml.YAMLError):
            break
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            nodes += 1
        if isinstance(event, yaml.CollectionStartEvent):
            stack.append(bool(event.flow_style))
            flow += stack[-1]
            block += not stack[-1]
            max_flow, max_block = max(max_flow, flow), max(max_block, block)
        elif isinstance(event, yaml.CollectionEndEvent):
            was_flow = stack.pop()
            flow -= was_flow
            block -= not was_flow
    return max_flow, max_block, nodes


def test_the_pre_scan_never_under_counts():
    rng = random.Random(9)
    pieces = ["[", "]", "{", "}", ",", ", ", ": ", ":", "'", "''", '"', '\\"', "\\", "#", " #", "!", "!<", ">", "&a ", "*a",
              "? ", "- ", "-", "\n", "\n  ", "\n    ", "\n- ", "\n  - ", "|\n  ", "x", "it's", "a b", "\t", "!!str ",
              "\r\n", "\n? ", "\n: ", "- - ", "\ufeff"]
    checked = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        flow, block, nodes = _true_depths(text)
        checked += bool(nodes)
        assert 2 * yamlsafe._flow_depth(text, 10**9)[0] >= flow, repr(text)  # [a: b]: a mapping in the list
        assert yamlsafe._block_depth(text, 10**9)[0] >= block, repr(text)
        assert yamlsafe._node_bound(text) >= nodes, repr(text)
    assert checked > 2000


def test_codes_used_here_are_registered():
    for code in ("yaml", "schema", "encoding"):
        assert code in CODES


def test_printable_text_holds_none_of_the_refused_characters():
    """yamlsafe skips both character checks when text.isprintable() (C speed): sound only if
    no character either check refuses is printable."""
    from xxgk.core import fastyaml

    for code in range(0x110000):
        char = chr(code)
        if yamlsafe._INVISIBLE.match(char) or fastyaml._ODD.match(char) or char == "\r":
            assert not char.isprintable(), hex(code)
