"""内容概述 derived for items without a `summary` (《条例》第十二条: the 目录 holds 索引、名称、内容概述、
生成日期; issue 12, point 7). Expected texts are written out by hand."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from xxgk.core import abstract, load
from conftest import PROJECT


def item(body="", summary=""):
    return SimpleNamespace(body=body, summary=summary)


def test_an_editors_summary_is_used_as_written_and_not_marked_derived():
    assert abstract.of(item("正文第一句。", "部署2027年部门预算编制。")) == ("部署2027年部门预算编制。", False)


def test_without_a_summary_the_first_sentence_after_the_addressee_line_is_derived():
    body = "各县（区）人民政府，市政府各部门：\n\n为做好元旦假期值班工作，现将有关事项通知如下。请认真执行。\n"
    assert abstract.of(item(body)) == ("为做好元旦假期值班工作，现将有关事项通知如下。", True)


def test_headings_tables_and_pseudo_headings_are_not_the_summary():
    body = ("## 一、总体情况\n\n| 项目 | 数量 |\n|---|---|\n| 主动公开 | 78 |\n\n"
            "**一、起草背景**\n\n2024年，本局主动公开政府信息78条。其中政策文件12条。\n")
    assert abstract.derive(body) == "2024年，本局主动公开政府信息78条。"


def test_markup_is_read_as_the_reader_sees_it_never_as_tags():
    assert abstract.derive("**重点**工作：[通知](other.md)已印发。") == "重点工作：通知已印发。"
    assert abstract.derive("正文<b>加粗</b>，<img src=x onerror=alert(1)>结束。") == "正文加粗，结束。"
    assert abstract.derive("<script>alert(1)</script>正文。") == "正文。"
    assert abstract.derive("&lt;b&gt;不是标记&lt;/b&gt;。") == "<b>不是标记</b>。"  # text, escaped when printed


def test_a_line_wrap_between_chinese_characters_adds_no_space():
    assert abstract.derive("第一行文字\n第二行文字。") == "第一行文字第二行文字。"
    assert abstract.derive("Annual\nreport.") == "Annual report."


def test_the_sentence_keeps_its_closing_quote():
    assert abstract.derive("他说：“已完成。”后来又说了别的。") == "他说：“已完成。”"


def test_a_long_sentence_is_cut_at_a_comma_past_the_middle_with_an_ellipsis():
    body = "甲" * 70 + "，" + "乙" * 70 + "。"  # 142 characters, one sentence
    derived = abstract.derive(body)
    assert derived == "甲" * 70 + "…" and len(derived) == 71
    no_comma = "丙" * 130 + "。"
    assert abstract.derive(no_comma) == "丙" * 119 + "…"  # 120 characters with the ellipsis


def test_a_lead_in_followed_only_by_a_list_is_the_summary():
    assert abstract.derive("现将领导班子成员及分工公布如下：\n\n- 主任 周建国：主持全面工作。\n- 副主任 林海涛\n") == (
        "现将领导班子成员及分工公布如下：")


def test_a_body_that_is_only_a_list_gives_its_first_item():
    assert abstract.derive("1. 稳定财政收入。加强分析。\n2. 优化支出结构。\n") == "稳定财政收入。"


def test_nothing_to_derive_is_empty_and_not_marked_derived():
    assert abstract.of(item("")) == ("", False)
    assert abstract.of(item("| 项目 | 内容 |\n|---|---|\n| 位置 | 二组 |\n")) == ("", False)


def test_a_catalogue_line_carries_at_most_60_characters():
    assert abstract.listing("部署2027年部门预算编制。") == "部署2027年部门预算编制。"
    long = "丁" * 40 + "，" + "戊" * 40 + "。"  # 82 characters
    assert abstract.listing(long) == "丁" * 40 + "…"


@pytest.mark.parametrize("body", [
    "标题\n===\n\n正文。", "1. 列表一。\n2. 列表二。", "行尾两个空格  \n换行。", "[TOC]\n\n正文。",
    "    缩进的代码。\n\n正文。", "  - 缩进的列表。\n", "```\n代码。\n\n更多代码。\n```\n\n正文。", "---\n\n正文。",
])
def test_the_plain_paragraph_shortcut_gives_what_rendering_gives(body):
    assert abstract.derive(body) == abstract.derive(body, fast=False)


def test_the_shortcut_gives_what_rendering_gives_on_every_demo_item():
    items = load(str(PROJECT)).items
    assert len(items) > 150
    different = [i.path for i in items if abstract.derive(i.body) != abstract.derive(i.body, fast=False)]
    assert different == []
