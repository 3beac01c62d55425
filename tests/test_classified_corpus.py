"""classified-mark over a corpus: every way a 国家秘密标志 (or an internal-use warning) is written
on a document fires, and sentences about state secrets in general stay quiet.

The forms come from 《国家秘密文件、资料和其他物品标志的规定》(1990) 第四条 (“★”前标密级，“★”后标
保密期限) and 第五条 (a paragraph's level before it, or words naming what is secret), 《国家秘密定密
管理暂行规定》(2014) (“密级★保密期限”“密级★解密时间”“密级★解密条件”), GB/T 9704-2012 7.2.2, and the
units' own 网上信息发布 rules (no 标有密级 files; no “内部资料”“注意保密” marked files without
approval). One repository holds one item per sentence; the gate runs once; each sentence is
asserted on its own.
"""

from __future__ import annotations

from datetime import date

import pytest

from conftest import Repo
from gitrepo import line_of, put, rel
from xxgk.core import load
from xxgk.rules import check

PUBLISHED = date(2025, 3, 5)

# (sentence, what the message quotes as the mark)
MARKS = [
    ("秘密★1年", "秘密★1年"),
    ("机密★5年", "机密★5年"),
    ("绝密★长期", "绝密★长期"),
    ("秘密★启用前", "秘密★启用前"),
    ("机密★一年", "机密★一年"),
    ("绝密★", "绝密★"),
    ("机密★2027年6月30日", "机密★2027年6月30日"),
    ("秘密★会议开始前", "秘密★会议开始前"),
    ("秘密 ★ 10年", "秘密 ★ 10年"),
    ("机密☆3年", "机密☆3年"),
    ("★秘密", "★秘密"),
    ("本件为机密文件，请妥善保管。", "本件为机密"),
    ("本文件属秘密级。", "本文件属秘密"),
    ("此件涉密，阅后收回。", "此件涉密"),
    ("本文件涉及国家秘密，请按规定管理。", "本文件涉及国家秘密"),
    ("本材料属于绝密级国家秘密。", "本材料属于绝密"),
    ("本文件密级为机密。", "本文件密级为机密"),
    ("此页涉密", "此页涉密"),
    ("本报告内容属机密。", "本报告内容属机密"),
    ("密级：秘密", "密级：秘密"),
    ("　　密级：机密", "密级：机密"),
    ("本文件密级：秘密，保密期限1年。", "密级：秘密"),
    ("（秘密）本段所列数据不得对外提供。", "（秘密）"),
    ("【机密】第三部分　部署安排", "【机密】"),
]
INTERNAL = [
    ("内部资料，注意保密", "内部资料，注意保密"),
    ("内部资料　注意保存", "内部资料　注意保存"),
    ("内部文件，不得外传", "内部文件，不得外传"),
    ("内部使用 请勿外传", "内部使用 请勿外传"),
    ("本文件属于工作秘密，不得外传。", "本文件属于工作秘密"),
]
QUIET = [
    "严禁将涉及国家秘密、工作秘密的信息对外公开。",
    "属于国家秘密的不予公开。",
    "根据《中华人民共和国保守国家秘密法》第三十条的规定办理。",
    "深入学习宣传保守国家秘密法。",
    "切实做好定密工作，落实定密责任人制度。",
    "1. 属于国家秘密",
    "1. 是否涉及国家秘密；",
    "防止在政府信息公开中泄露国家秘密、工作秘密或者损害第三方合法权益。",
    "依法保护商业秘密和个人隐私。",
    "本文件不涉密。",
    "经审查，此件不涉及国家秘密，同意公开。",
    "本文件涉及国家秘密的内容已作删除处理。",
    "机密文件管理培训班开班",
    "关于开展涉密文件清查工作的通知",
    "本文件密级：无",
    "★★★ 五星级服务窗口",
    "国家秘密的密级分为绝密、机密、秘密三级。",
    "国家秘密的保密期限，除另有规定外，绝密级不超过三十年，机密级不超过二十年，秘密级不超过十年。",
    "国家秘密标志形式为“密级★保密期限”。",
    "例如“机密★5年”表示机密级、保密期限5年。",
    "国家秘密的密级：绝密、机密、秘密。",
    "本机关不掌握相关政府信息。",
    "此件公开发布。",
    "加强内部控制，完善内部审计制度。",
    "工作人员应注意保密，不得泄露申请人的个人信息。",
    "不得以“内部资料”为由拒绝公开。",
    "| 序号 | 文件名称 | 密级 | 保密期限 |",
    "确已解密的，删去密级标志。",
    "揭开大熊猫繁育的秘密。",
    "某县政府网站违规发布秘密级文件的案例警示。",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Every sentence as the body of its own item; the findings of one gate run, by item path."""
    repo = Repo(tmp_path_factory.mktemp("corpus") / "repo")
    paths = {}
    for n, sentence in enumerate([s for s, _ in MARKS + INTERNAL] + QUIET):
        paths[sentence] = put(repo, "czj", "gzdt", PUBLISHED, name=f"s{n:03d}", body=f"第一段。\n\n{sentence}\n\n第三段。\n")
    loaded = load(str(repo.root))
    assert loaded.problems == (), [p.format() for p in loaded.problems]
    found: dict[str, list] = {}
    for finding in check(loaded, PUBLISHED, use_git=False, only={"classified-mark"}).findings:
        found.setdefault(finding.path, []).append(finding)
    return repo, paths, found


def flagged(corpus, sentence):
    """(path, the one finding) of the item holding ``sentence``; fails when it was not flagged."""
    repo, paths, found = corpus
    path = paths[sentence]
    (finding,) = found.get(rel(repo, path), [None])
    assert finding is not None, f"{sentence!r} was not flagged"
    return path, finding


def test_the_corpus_is_large_enough():
    assert len(MARKS) + len(INTERNAL) >= 20 and len(QUIET) >= 20


@pytest.mark.parametrize("sentence, shown", MARKS, ids=[s for s, _ in MARKS])
def test_state_secret_mark_fires(corpus, sentence, shown):
    path, finding = flagged(corpus, sentence)
    assert finding.code == "classified-mark" and finding.severity == "error"
    assert finding.line == line_of(path, sentence.strip())
    assert f"密级标志“{shown}”" in finding.message and "涉密信息不上网" in finding.message


@pytest.mark.parametrize("sentence, shown", INTERNAL, ids=[s for s, _ in INTERNAL])
def test_internal_use_warning_fires(corpus, sentence, shown):
    path, finding = flagged(corpus, sentence)
    assert finding.line == line_of(path, sentence)
    assert f"内部警示字样“{shown}”" in finding.message and "未经批准不得上网" in finding.message


@pytest.mark.parametrize("sentence", QUIET)
def test_sentence_about_secrets_in_general_stays_quiet(corpus, sentence):
    repo, paths, found = corpus
    assert found.get(rel(repo, paths[sentence]), []) == [], [f.message for f in found[rel(repo, paths[sentence])]]
