"""The fast front-matter reader returns exactly what PyYAML returns, or steps aside."""

from __future__ import annotations

import glob

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

    def scalar():
        return rng.choice(scalars)

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
    for _ in range(3000):
        lines = []
        for _ in range(rng.randint(1, 6)):
            key = rng.choice(keys)
            if rng.random() < 0.6:
                lines.append(f"{key}: {scalar()}")
            else:
                lines.append(f"{key}:")
                lines += block(rng.choice([0, 2, 2, 4]))
            if rng.random() < 0.1:
                lines.append("# 注释")
        text = "\n".join(lines) + "\n"
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
