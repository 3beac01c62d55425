"""The fast front-matter reader returns exactly what PyYAML returns, or steps aside."""

from __future__ import annotations

import glob
import os

import pytest
import yaml

from xxgk.core import fastyaml, frontmatter
from xxgk.core.yamlsafe import PlainLoader
from conftest import PROJECT


def pyyaml(text):
    return yaml.load(text, Loader=PlainLoader)


CASES = [
    "title: 关于印发《办法》的通知\nmode: 主动公开\n",
    "index: 11990700003016315Q/2025-00001\nformed: 2025-03-03\n",
    "title: '带引号的：标题'\nsummary: \"双引号 # 不是注释\"\n",
    "draft: true\nmigrated: no\nscope: ~\nsummary:\n",
    "review:\n  reviewer: 王敏\n  date: 2025-03-04\n  result: 不涉密，同意公开\n  steps: [初审, 审核, 签批]\n",
    "attachments:\n  - file: a.pdf\n    title: 附件一\n  - b.xlsx\n",
    "attachments:\n- file: a.pdf\n  title: 附件一\n",
    "title: 标题 # 行尾注释\n# 整行注释\nkind: 其他\n",
    "steps: []\n",
    # shapes it must hand to PyYAML (or read identically)
    "count: 12\n", "ratio: 1.5\n", "octal: 0o17\n", "sexagesimal: 1:30\n", "title: a: b\n",
    "title: 'it''s'\n", "title: \"esc\\u00e9\"\n", "a: &x [1]\nb: *x\n", "title: |\n  多行\n",
    "review:\n  date:\n    deep: 1\n", "x: [a, [b]]\n", "title: -开头\n", "t: 2024-02-30\n",
    "attachments:\n  - file:\n      name: a\n", "key with space: 1\n", "title:值\n", "on: yes\n",
    "title: \"未闭合\n", "- a\n- b\n", "title: x\n  bad: indent\n",
]


@pytest.mark.parametrize("text", CASES)
def test_same_result_as_pyyaml_or_steps_aside(text):
    fast = fastyaml.parse(text)
    if fast is None:
        return
    assert fast == pyyaml(text)


def test_reads_every_demo_front_matter_itself_and_identically():
    paths = [p for p in glob.glob(str(PROJECT / "content/**/*.md"), recursive=True) if "/_" not in p]
    assert len(paths) > 100
    for path in paths:
        front, _, _ = frontmatter.split(open(path, encoding="utf-8").read())
        fast = fastyaml.parse(front)
        assert fast is not None, path  # the common shapes take the fast path
        assert fast == pyyaml(front), path


@pytest.mark.parametrize("text", CASES[:9])
def test_the_plain_shapes_take_the_fast_path(text):
    assert fastyaml.parse(text) is not None


def test_random_documents_agree_with_pyyaml():
    """Seeded random front matter built from awkward pieces: whenever the fast reader answers,
    PyYAML must read the same text to the same value (and must not reject it)."""
    import random

    rng = random.Random(20261120)
    keys = ["title", "index", "on", "no", "y", "summary", "a-b", "k_1", "2x", "review", "attachments"]
    scalars = ["关于：通知", "a: b", "a:b", "#x", "x #y", "x#y", "'q'", '"q"', "'it''s'", '"a\\"b"', "[a, b]", "[a, [b]]",
               "[]", "{}", "~", "null", "", "yes", "No", "true", "12", "012", "0x1F", "1_000", "1:30", "3.5", ".5", "1e3",
               "2024-02-30", "2024-03-05", "-x", "- x", "?x", "@x", "`x", "%x", "!x", "&a x", "*a", "|", ">", "x:",
               "11990700003016315Q/2025-00001", "青财预〔2025〕12号", "  spaced  ", "a, b", "a]", "x \\ y", "é"]
    # where Python and YAML part ways: non-ASCII whitespace (str.strip removes it, YAML keeps it),
    # line breaks other than LF (YAML 1.1 breaks lines at CR, NEL, LS and PS), invisible characters
    odd = ["\u3000", "\xa0", "\u1680", "\u2000", "\u2003", "\u200a", "\u200b", "\u202f", "\u205f", "\ufeff",
           "\u2028", "\u2029", "\x85", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x7f", "\x9f", "\ufffe", "\U0001F600"]
    odd_scalars = [f"{o}标题{o}" for o in odd] + [f"a{o}b" for o in odd] + odd
    keys += ["\ufefftitle", "title\u3000"]
    breaks = ["\n"] * 50 + ["\r\n", "\r", "\x85", "\u2028", "\u2029"]

    def scalar():
        return rng.choice(odd_scalars if rng.random() < 0.1 else scalars)

    def block(indent: int) -> list[str]:
        pad = " " * indent
        shape = rng.random()
        if shape < 0.4:
            return [f"{pad}{rng.choice(keys)}: {scalar()}" for _ in range(rng.randint(1, 3))]
        if shape < 0.7:
            return [f"{pad}- {scalar()}" for _ in range(rng.randint(1, 3))]
        lines = []
        for _ in range(rng.randint(1, 2)):
            lines.append(f"{pad}- {rng.choice(keys)}: {scalar()}")
            lines += [f"{pad}  {rng.choice(keys)}: {scalar()}" for _ in range(rng.randint(0, 2))]
        return lines

    agreed = 0
    for _ in range(int(os.environ.get("XXGK_DIFF_COUNT", 3000))):  # by hand: XXGK_DIFF_COUNT=60000
        lines = []
        count = rng.randint(1, 6)  # mostly distinct keys: a repeated one sends the text to PyYAML
        chosen = rng.sample(keys, count) if rng.random() < 0.9 else [rng.choice(keys) for _ in range(count)]
        for key in chosen:
            if rng.random() < 0.6:
                lines.append(f"{key}: {scalar()}")
            else:
                lines.append(f"{key}:")
                lines += block(rng.choice([0, 2, 2, 4]))
            if rng.random() < 0.1:
                lines.append("# 注释")
        text = "".join(line + rng.choice(breaks) for line in lines)
        fast = fastyaml.parse(text)
        if fast is None:
            continue
        try:
            expected = pyyaml(text)
        except yaml.YAMLError:
            raise AssertionError(f"fast reader accepted text PyYAML rejects:\n{text}")
        assert fast == expected, text
        agreed += 1
    assert agreed > 100  # the fast path is really exercised (most of these awkward texts fall back)


def test_every_character_python_strips_makes_the_fast_reader_step_aside():
    """str.strip() and str.split() treat these as whitespace, YAML does not (or breaks lines)."""
    odd = [chr(c) for c in range(0x110000) if chr(c).isspace() and chr(c) not in " \n"]
    assert len(odd) > 20
    for char in odd:
        for text in (f"title: {char}x{char}\n", f"title: x\n{char}\n", f"a:\n  - x{char}\n", f"t: [a{char}, b]\n"):
            assert fastyaml.parse(text) is None, repr(text)


def test_a_duplicate_key_makes_the_fast_reader_step_aside():
    for text in ("a: 1\na: 2\n", "r:\n  x: 1\n  x: 2\n", "l:\n  - x: 1\n    x: 2\n"):
        assert fastyaml.parse(text) is None
