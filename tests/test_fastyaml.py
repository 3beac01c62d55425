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
