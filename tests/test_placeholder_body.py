"""`placeholder-body` (issue 14, point 2): an item whose body is still the template's “（正文）”, an
editor's “此处填写……”, or empty with nothing attached never reaches the site; `xxgk new` names
its file after the title and says when the new item will not be on the next build."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

import xxgk.rules
from conftest import mkdocs_build
from xxgk.core import load
from xxgk.core.newitem import PLACEHOLDER_BODY, file_stem
from xxgk.rules.checks.placeholder_body import placeholder

AS_OF = date(2026, 11, 20)


def findings(repo) -> list:
    return list(xxgk.rules.check(load(str(repo.root)), AS_OF, use_git=False, only={"placeholder-body"}).findings)


@pytest.mark.parametrize("body", [PLACEHOLDER_BODY, "(正文)\n", "（ 正文 ）\n\n", "正文\n", "## 正文\n",
                                  "此处填写通知的具体内容。\n", "（待填写：会议纪要）\n", "TODO\n", "\n\n"])
def test_a_placeholder_or_empty_body_is_found_and_blocks_the_item(repo, body):
    path = repo.item(body=body)
    body_line = path.read_text("utf-8").splitlines().index("---", 1) + 2  # the line after the front matter
    found = findings(repo)
    assert [(f.code, f.path, f.line) for f in found] == [("placeholder-body", "content/czj/gzdt/2025/item.md", body_line)]
    assert "正文" in found[0].message and "Traceback" not in found[0].message
    from xxgk.rules.publication import blocking_codes

    assert "placeholder-body" in blocking_codes(load(str(repo.root)))
    assert path.is_file()


@pytest.mark.parametrize("body", ["正文。\n", "根据《中华人民共和国政府信息公开条例》，现将有关事项通知如下。\n",
                                  "（正文）部分的写法见附件。\n", "请填写附件中的申请表后提交。\n"])
def test_a_real_text_is_not_a_placeholder(repo, body):
    repo.item(body=body)
    assert findings(repo) == []


def test_an_empty_body_with_an_attachment_is_a_document(repo):
    (repo.root / "content/czj/gzdt/2025").mkdir(parents=True)
    (repo.root / "content/czj/gzdt/2025/plan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    repo.item(body="", attachments=[{"title": "实施方案", "file": "plan.pdf"}])
    assert [f for f in findings(repo) if f.code == "placeholder-body"] == []


def test_only_public_items_are_judged(repo):
    repo.item(body=PLACEHOLDER_BODY, mode="依申请公开")
    assert findings(repo) == []


def test_placeholder_tells_what_it_found():
    assert placeholder("（正文）\n") == "（正文）"
    assert placeholder("此处填写正文内容\n") == "此处填写正文内容"
    assert placeholder("正文。\n") is None


def test_the_build_withholds_a_placeholder_item(repo, tmp_path):
    repo.item(name="real", index="11990700003016315Q/2025-00001")
    repo.item(name="blank", index="11990700003016315Q/2025-00002", title="关于某事的通知", body=PLACEHOLDER_BODY)
    site = tmp_path / "site"
    result = mkdocs_build(repo.mkdocs_yml(check=False), site)
    assert result.returncode == 0, result.stderr
    assert (site / "czj/gzdt/2025-00001/index.html").is_file()
    assert not (site / "czj/gzdt/2025-00002").exists()
    assert "placeholder-body" in result.stderr and "content/czj/gzdt/2025/blank.md" in result.stderr
    assert not [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml", ".csv")
                and "关于某事的通知" in p.read_text("utf-8", "replace")]


# -- xxgk new -------------------------------------------------------------------------------------

def xxgk_new(repo, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk.cli", "new", "--root", str(repo.root), "--unit", "czj",
                           "--column", "tzgg", *args], capture_output=True, text=True)


def test_new_names_the_file_after_the_title_and_its_body_is_blocked_until_written(repo):
    result = xxgk_new(repo, "--title", "关于做好2027年元旦假期值班工作的通知", "--date", "2026-11-18")
    assert result.returncode == 0, result.stderr
    path = "content/czj/tzgg/2026/2026-00001-guan-yu-zuo-hao-2027-nian-yuan-dan-jia.md"
    assert path in result.stdout and (repo.root / path).is_file()
    assert "正文" in result.stdout and "placeholder-body" in result.stdout
    assert [f.path for f in findings(repo)] == [path]


def test_new_says_when_the_item_is_after_the_build_date(repo):
    repo.mkdocs_yml(build_date="2026-11-20")
    later = xxgk_new(repo, "--title", "关于某事的通知", "--date", "2026-11-24")
    assert later.returncode == 0, later.stderr
    assert "晚于站点的构建日期 2026-11-20" in later.stdout and "build_date" in later.stdout
    on_time = xxgk_new(repo, "--title", "关于另一事的通知", "--date", "2026-11-19")
    assert "构建日期" not in on_time.stdout


def test_new_says_when_the_item_is_scheduled_after_today(repo):
    result = xxgk_new(repo, "--title", "关于明年工作的通知", "--date", "2099-01-05")
    assert result.returncode == 0, result.stderr
    assert "定时发布：发布日期 2099-01-05" in result.stdout


def test_file_stem_keeps_latin_and_digits_and_stops_at_a_syllable():
    assert file_stem("2026-00003", "关于印发《2026年XX市政务公开工作要点》的通知") == "2026-00003-guan-yu-yin-fa-2026-nian-xx-shi-zheng-wu"
    assert file_stem("2026-00004", "——") == "2026-00004"
    assert len(file_stem("2026-00005", "政" * 100)) <= len("2026-00005-") + 40


def test_new_with_a_bad_build_date_in_mkdocs_yml_still_writes_the_item(repo):
    repo.mkdocs_yml(build_date="2026-13-40")
    result = xxgk_new(repo, "--title", "关于某事的通知", "--date", "2026-11-24")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "已新建" in result.stdout
    build = subprocess.run([sys.executable, "-m", "xxgk.cli", "build", "-f", str(repo.root / "mkdocs.yml"),
                            "--shards", "2", "--out", str(repo.root / "site")], capture_output=True, text=True)
    assert build.returncode == 2 and "build_date" in build.stderr and "Traceback" not in build.stderr, build.stderr
