"""The trust boundary, probed as a hostile or careless editor would (issue 9).

Every test builds a real repository with the real `mkdocs build` (or runs the real gate) and
asserts the defence: nothing outside the repository, nothing the gate blocks, nothing
non-public, and no live markup reaches any published byte.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re

import pytest

from conftest import DEPT_CODE, mkdocs_build
from sitecheck import PROBE, active_markup, leaks, page, published_files
from xxgk.core import load
from xxgk.rules import check
from xxgk.site import opendata

AS_OF = __import__("datetime").date(2026, 11, 20)
FOLDER = "content/czj/gzdt/2025"


def codes(repo) -> dict[str, set[str]]:
    """Rule codes of the gate's errors, by path."""
    found: dict[str, set[str]] = {}
    for finding in check(load(str(repo.root)), AS_OF, use_git=False).findings:
        if finding.severity == "error":
            found.setdefault(finding.path or "", set()).add(finding.code)
    return found


def build(repo, tmp_path, *args, name="site"):
    site = tmp_path / name
    result = mkdocs_build(repo.mkdocs_yml(), site, *args, quiet=False)
    assert "Traceback" not in result.stderr, result.stderr
    return site, result


def good(repo, serial=2, **fields):
    """A clean public item beside the probe, so the build has something to publish."""
    return repo.item(name=f"good{serial}", index=f"{DEPT_CODE}/2025-{serial:05d}", title=f"合格的信息{serial}号", **fields)


# -- 1. nothing outside the repository is read ----------------------------------------------


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ"])
def test_an_attachment_symlinked_out_of_the_repository_is_never_read_or_published(repo, tmp_path, target):
    repo.item(attachments=[{"file": "passwd.pdf", "title": "附件"}])
    os.symlink(target, repo.root / FOLDER / "passwd.pdf")
    good(repo)
    assert "symlink" in codes(repo)["content/czj/gzdt/2025/item.md"]
    site, result = build(repo, tmp_path)
    assert result.returncode == 0
    assert not (site / "czj/gzdt/2025-00001").exists()  # the item is withheld
    assert leaks(site, "root:x:0:0", "NO_MKDOCS_2_WARNING", "PATH=/usr/bin") == []
    assert "合格的信息2号" in page(site, "czj/gzdt/2025-00002/")


def test_the_build_environment_never_reaches_the_site_through_a_linked_image(repo, tmp_path):
    repo.item(body="![图](env.png)\n\n[下载](env.txt)\n")
    os.symlink("/proc/self/environ", repo.root / FOLDER / "env.png")
    os.symlink("/proc/self/environ", repo.root / FOLDER / "env.txt")
    site = tmp_path / "site"
    result = mkdocs_build(repo.mkdocs_yml(), site)
    assert "Traceback" not in result.stderr
    assert leaks(site, "NO_MKDOCS_2_WARNING", "PATH=/usr/bin") == []
    assert not any(name.endswith(("env.png", "env.txt")) for name in published_files(site))
    assert "[symlink]" in result.stderr


def test_an_item_file_symlinked_from_outside_is_never_built(repo, tmp_path):
    outside = tmp_path / "outside.md"
    repo.item()  # write a valid item, then move it out and link it back in
    (repo.root / FOLDER / "item.md").rename(outside)
    outside.write_text(outside.read_text("utf-8").replace("关于开展", "仓库外的秘密文件"), "utf-8")
    os.symlink(outside, repo.root / FOLDER / "item.md")
    good(repo)
    assert "symlink" in codes(repo)["content/czj/gzdt/2025/item.md"]
    site, result = build(repo, tmp_path)
    assert leaks(site, "仓库外的秘密文件") == []
    assert "[symlink]" in result.stderr


def test_a_symlinked_folder_is_not_entered(repo, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    good(repo)
    (repo.root / "content/czj/tzgg").mkdir(parents=True)
    os.symlink(outside, repo.root / "content/czj/tzgg/2025")
    outside_item = repo.root / FOLDER / "good2.md"
    (outside / "secret.md").write_text(outside_item.read_text("utf-8").replace("合格的信息2号", "文件夹链接后的秘密")
                                       .replace("2025-00002", "2025-00009"), "utf-8")
    assert "symlink" in codes(repo)["content/czj/tzgg/2025"]
    site, _ = build(repo, tmp_path)
    assert leaks(site, "文件夹链接后的秘密") == []


def test_a_symlink_in_the_catalogue_stops_the_build(repo, tmp_path):
    good(repo)
    (repo.root / "catalogue/topics.yml").rename(tmp_path / "topics.yml")
    os.symlink(tmp_path / "topics.yml", repo.root / "catalogue/topics.yml")
    site, result = build(repo, tmp_path)
    assert result.returncode == 1 and "[symlink]" in result.stderr and "catalogue/topics.yml" in result.stderr
    assert not (site / "index.html").exists()


def test_a_committed_symlink_fails_the_pull_request_gate(repo, tmp_path, monkeypatch):
    from gitrepo import GitRepo, hermetic_git

    hermetic_git(monkeypatch)
    git = GitRepo(repo.root)
    good(repo)
    git.commit(AS_OF.replace(year=2025, month=3, day=5))
    git.git("branch", "base")
    repo.item(attachments=["passwd.pdf"])
    os.symlink("/etc/passwd", repo.root / FOLDER / "passwd.pdf")
    git.commit(AS_OF.replace(year=2025, month=3, day=5))
    assert "120000" in git.git("ls-files", "-s", f"{FOLDER}/passwd.pdf")  # git stores the link itself
    report = check(load(str(repo.root)), AS_OF, base="base")
    errors = {(f.code, f.path) for f in report.findings if f.severity == "error"}
    assert ("symlink", f"{FOLDER}/passwd.pdf") in errors and ("symlink", f"{FOLDER}/item.md") in errors


# -- 2. only declared, typed, public files are published ------------------------------------


@pytest.mark.parametrize("name, content", [
    ("evil.html", f"<script>{PROBE}()</script>"),
    ("evil.svg", f'<svg xmlns="http://www.w3.org/2000/svg" onload="{PROBE}()"/>'),
    ("pic.js", f"{PROBE}();"),
    ("page.xhtml", f"<html><script>{PROBE}()</script></html>"),
])
def test_a_script_capable_file_linked_from_the_body_is_never_published(repo, tmp_path, name, content):
    repo.item(body=f"见[附图]({name})。\n\n![图]({name})\n")
    (repo.root / FOLDER / name).write_text(content, "utf-8")
    good(repo)
    assert "attachment-type" in codes(repo)["content/czj/gzdt/2025/item.md"]
    site, result = build(repo, tmp_path)
    assert result.returncode == 0 and "[attachment-type]" in result.stderr
    assert not any(path.endswith(name) for path in published_files(site))
    assert leaks(site, PROBE) == []


def test_a_text_file_linked_from_the_body_is_scanned_like_an_attachment(repo, tmp_path):
    repo.item(body="名单见[附件](list.txt)。\n")
    (repo.root / FOLDER / "list.txt").write_text("张三 身份证号 110101199003071233\n", "utf-8")
    good(repo)
    assert "personal-data" in codes(repo).get(f"{FOLDER}/list.txt", set())
    site, _ = build(repo, tmp_path)
    assert leaks(site, "110101199003071233") == []
    assert not (site / "czj/gzdt/2025-00001").exists()


def test_a_hidden_file_linked_from_the_body_is_never_published(repo, tmp_path):
    repo.item(body="[配置](.env)\n")
    (repo.root / FOLDER / ".env").write_text(f"SECRET={PROBE}", "utf-8")
    site, result = build(repo, tmp_path)
    assert result.returncode == 0 and leaks(site, PROBE) == []
    assert "[配置]" not in page(site, "czj/gzdt/2025-00001/") and ".env" not in page(site, "czj/gzdt/2025-00001/")


@pytest.mark.parametrize("target", ["../../../", "../../../../../../etc/passwd", ".", "./", "..", "%2e%2e/%2e%2e/x.pdf"])
def test_a_link_up_and_out_of_the_folders_neither_crashes_the_build_nor_leaves_the_repository(repo, tmp_path, target):
    repo.item(body=f"[首页]({target})\n\n![图]({target})\n")
    site, result = build(repo, tmp_path)
    assert result.returncode == 0, result.stderr
    assert leaks(site, "root:x:0:0") == [] and "首页" in page(site, "czj/gzdt/2025-00001/")


def test_the_policy_cannot_allow_a_script_capable_type(repo, tmp_path):
    policy = repo.root / "catalogue/policy.yml"
    policy.write_text(policy.read_text("utf-8").replace("attachment_types: [pdf,", "attachment_types: [svg, html, pdf,"), "utf-8")
    repo.item(attachments=["map.svg"])
    (repo.root / FOLDER / "map.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg" onload="{PROBE}()"/>', "utf-8")
    found = codes(repo)
    assert "catalogue" in found["catalogue/policy.yml"] and "attachment-type" in found["content/czj/gzdt/2025/item.md"]
    site, result = build(repo, tmp_path)
    assert result.returncode == 1 and "html, svg" in result.stderr and not (site / "index.html").exists()


def test_an_html_attachment_is_never_published(repo, tmp_path):
    repo.item(attachments=[{"file": "notice.html", "title": "通知"}])
    (repo.root / FOLDER / "notice.html").write_text(f"<script>{PROBE}()</script>", "utf-8")
    site, result = build(repo, tmp_path)
    assert "[attachment-type]" in result.stderr
    assert leaks(site, PROBE) == [] and not (site / "czj/gzdt/2025-00001").exists()


@pytest.mark.parametrize("mode, extra", [("依申请公开", {}), ("不予公开", {}), ("主动公开", {"draft": True}),
                                         ("主动公开", {"published": "2026-12-30", "formed": "2026-12-28",
                                                       "review": {"reviewer": "王敏", "date": "2026-12-29", "result": "同意"}})])
@pytest.mark.parametrize("how", ["link", "image", "list"])
def test_a_file_of_a_non_public_item_is_never_published_through_a_public_one(repo, tmp_path, mode, extra, how):
    year = extra.get("published", "2025")[:4]
    folder = f"content/czj/gzdt/{year}"
    repo.item(name="secret", mode=mode, index=f"{DEPT_CODE}/{year}-00007", title="不公开的信息",
              attachments=[{"file": "secret.xlsx", "title": "内部名单"}], **extra)
    (repo.root / folder / "secret.xlsx").write_bytes(b"PK\x03\x04 internal list " + PROBE.encode())
    body = {"link": "见[名单](secret.xlsx)。\n", "image": "![名单](secret.xlsx)\n", "list": "正文。\n"}[how]
    fields = {"attachments": ["secret.xlsx"]} if how == "list" else {}
    if year != "2025":
        fields.update(published="2026-11-18", formed="2026-11-17",
                      review={"reviewer": "王敏", "date": "2026-11-17", "result": "同意"})
        fields["index"] = f"{DEPT_CODE}/2026-00008"
    public = repo.item(name="public", title="引用内部名单的公开信息", body=body,
                       **({"index": f"{DEPT_CODE}/2025-00008"} | fields))
    assert "non-public-attachment" in codes(repo)[public.relative_to(repo.root).as_posix()]
    site, result = build(repo, tmp_path)
    assert "[non-public-attachment]" in result.stderr
    assert leaks(site, PROBE, "引用内部名单的公开信息", "不公开的信息") == []


# -- 4. escaping: front matter never becomes markup -----------------------------------------


@pytest.mark.parametrize("title", [
    f"关于<img src=x onerror={PROBE}()>测试的通知",
    f"关于&lt;/title&gt;&lt;script&gt;{PROBE}()&lt;/script&gt;的通知",
    f"关于</title><script>{PROBE}()</script>的通知",
])
def test_markup_in_a_title_is_withheld_by_the_gate(repo, tmp_path, title):
    repo.item(title=title)
    good(repo)
    assert "markup-in-text" in codes(repo)["content/czj/gzdt/2025/item.md"]
    site, result = build(repo, tmp_path)
    assert "[markup-in-text]" in result.stderr
    assert leaks(site, PROBE) == [] and active_markup(site) == []


@pytest.mark.parametrize("title", [
    f"关于<img src=x onerror={PROBE}()>测试的通知",
    f"关于&lt;/title&gt;&lt;script&gt;{PROBE}()&lt;/script&gt;的通知",
    f"关于</title><script>{PROBE}()</script>的通知",
])
def test_markup_in_a_title_is_inert_even_if_the_gate_missed_it(repo, tmp_path, title, monkeypatch):
    """Defence in depth: with the markup rule switched off (a gap in the gate), every page that
    prints the title — Material's header and <title>, breadcrumbs, listings, feeds — escapes it."""
    from mkdocs.commands.build import build as mkdocs_build_in_process
    from mkdocs.config import load_config

    from xxgk.rules import publication, registry

    registry.load_all()
    monkeypatch.delitem(registry.RULES, "markup-in-text", raising=False)
    monkeypatch.setattr(publication, "ALWAYS_BLOCKING", publication.ALWAYS_BLOCKING - {"markup-in-text"})
    policy = repo.root / "catalogue/policy.yml"
    policy.write_text(policy.read_text("utf-8").replace("  - markup-in-text", ""), "utf-8")
    repo.item(title=title)
    site = tmp_path / "site"
    config = load_config(str(repo.mkdocs_yml()), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build_in_process(config)
    config.plugins.on_shutdown()
    html = page(site, "czj/gzdt/2025-00001/")
    assert "测试的通知" in html or "的通知" in html  # the item was built: this is the escaping layer alone
    assert active_markup(site) == []
    assert "<script>" + PROBE not in html and "<img src=x" not in html


def test_a_body_that_looks_like_front_matter_cannot_set_the_page_metadata(repo, tmp_path):
    repo.item(body="---\ntitle: 伪造的页面标题\ntemplate: 404.html\n---\n正文。\n")
    repo.item(name="mmd", index=f"{DEPT_CODE}/2025-00002", body="title: 伪造的页面标题\nsearch: {exclude: true}\n\n正文二。\n")
    site, _ = build(repo, tmp_path)
    for url in ("czj/gzdt/2025-00001/", "czj/gzdt/2025-00002/"):
        html = page(site, url)
        assert re.search(r"<title>关于开展2025年财政资金绩效评价工作的通知 - [^<]*测试站点</title>", html)  # (- its unit -)
        assert "<title>伪造的页面标题" not in html and "xxgk-item" in html  # our template, not 404.html


# -- 5. the build obeys the gate ------------------------------------------------------------

BLOCKED = {
    "personal-data": dict(body="联系人身份证号 110101199003071233。\n"),
    "classified-mark": dict(body="机密★1年\n\n正文。\n"),
    "unsafe-html": dict(body=f"<script>{PROBE}()</script>\n"),
    "missing-review": dict(review=None),
}


@pytest.mark.parametrize("rule", sorted(BLOCKED))
def test_a_blocked_item_is_never_built_and_the_rest_of_the_site_is(repo, tmp_path, rule):
    repo.item(title=f"被阻断的信息{rule}", **BLOCKED[rule])
    good(repo)
    site, result = build(repo, tmp_path)
    assert result.returncode == 0
    assert f"[{rule}]" in result.stderr and "暂不发布" in result.stderr and "content/czj/gzdt/2025/item.md" in result.stderr
    assert leaks(site, f"被阻断的信息{rule}", f"{DEPT_CODE}/2025-00001", "2025-00001/") == []
    assert "合格的信息2号" in page(site, "czj/gzdt/2025-00002/")


@pytest.mark.parametrize("rule", sorted(BLOCKED))
def test_a_blocked_item_fails_a_strict_build_before_anything_is_written(repo, tmp_path, rule):
    repo.item(title=f"被阻断的信息{rule}", **BLOCKED[rule])
    good(repo)
    site = tmp_path / "site"
    result = mkdocs_build(repo.mkdocs_yml(), site, "--strict")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not site.exists() or not any(site.iterdir())


def test_blocking_rules_run_even_when_the_build_is_told_not_to_check(repo, tmp_path):
    repo.item(title="被阻断的信息", **BLOCKED["personal-data"])
    site = tmp_path / "site"
    result = mkdocs_build(repo.mkdocs_yml(check=False), site)
    assert result.returncode == 0 and "[personal-data]" in result.stderr
    assert leaks(site, "110101199003071233", "被阻断的信息") == []


def test_a_partial_build_withholds_too(repo, tmp_path):
    repo.item(title="被阻断的信息", **BLOCKED["personal-data"])
    good(repo)
    site = tmp_path / "site"
    config = repo.mkdocs_yml(extra="")
    config.write_text(config.read_text("utf-8").replace("check: true", "check: true\n      units: czj"), "utf-8")
    result = mkdocs_build(config, site)
    assert result.returncode == 0 and "[personal-data]" in result.stderr
    assert leaks(site, "110101199003071233", "被阻断的信息") == []
    assert "合格的信息2号" in page(site, "czj/gzdt/2025-00002/")


# -- 8. open data neutralises spreadsheet formulas ------------------------------------------


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(lead):
    record = {key: "普通" for key, _ in opendata.FIELDS}
    record["title"] = f"{lead}HYPERLINK(\"http://x\",\"点我\")"
    record["doc_number"] = f"{lead}1+1"
    text = opendata.as_csv([record])
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    labels = [label for _, label in opendata.FIELDS]
    title, number = rows[1][labels.index("名称")], rows[1][labels.index("发文字号")]
    assert title.startswith("'" + lead) and number.startswith("'" + lead)
    data = json.loads(opendata.as_json([record], "t", AS_OF))
    assert data["items"][0]["title"] == record["title"]  # JSON keeps the raw value


def test_ordinary_csv_cells_are_left_alone():
    record = {key: "青财预〔2026〕15号" for key, _ in opendata.FIELDS}
    rows = list(csv.reader(io.StringIO(opendata.as_csv([record]).lstrip("\ufeff"))))
    assert rows[1][0] == "青财预〔2026〕15号"


def test_the_catalogue_csv_of_a_real_build_carries_no_live_formula(repo, tmp_path):
    repo.item(title="=HYPERLINK(\"http://x\",\"关于通知\")")
    site = tmp_path / "site"
    assert mkdocs_build(repo.mkdocs_yml(), site).returncode == 0
    text = (site / "data/catalogue.csv").read_text("utf-8-sig")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[1].startswith("'=")
