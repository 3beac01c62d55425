"""Real builds of small repositories: pagination, visibility, failures, and another tree."""

from __future__ import annotations

import shutil

import pytest

from conftest import DEPT_CODE, MKDOCS, Repo, mkdocs_build
from sitecheck import links, page, resolve, text_files


def fill_column(repo: Repo, count: int) -> None:
    for n in range(1, count + 1):
        day = f"2025-{1 + (n - 1) // 28:02d}-{1 + (n - 1) % 28:02d}"
        repo.item(name=f"n{n:03}", index=f"{DEPT_CODE}/2025-{n:05}", title=f"第{n:03}号工作动态",
                  formed=day, published=day, review={"reviewer": "王敏", "date": day, "result": "同意公开"})


@pytest.mark.parametrize("count, pages", [(0, 1), (20, 1), (21, 2)])
def test_column_pagination(repo, tmp_path, count, pages):
    fill_column(repo, count)
    site = tmp_path / "site"
    result = mkdocs_build(repo.mkdocs_yml(), site)
    assert result.returncode == 0, result.stderr
    first = page(site, "czj/gzdt/")
    listed = [h for h in links(first).hrefs if h.startswith("../gzdt/2025-") or h.startswith("2025-")]
    assert len(listed) == min(count, 20)
    if count == 0:
        assert "暂无信息" in first
    assert (site / "czj/gzdt/page/2/index.html").exists() == (pages == 2)
    assert not (site / "czj/gzdt/page/3").exists()
    if pages == 2:
        assert 'aria-label="分页"' in first and "第 1 页，共 2 页" in first
        second = page(site, "czj/gzdt/page/2/")
        assert "第001号工作动态" in second and "第001号工作动态" not in first  # oldest last
        assert "czj/gzdt/" in {resolve("czj/gzdt/page/2/", h) for h in links(second).hrefs}
    else:
        assert 'aria-label="分页"' not in first


def test_newest_first_on_column_pages(repo, tmp_path):
    fill_column(repo, 3)
    site = tmp_path / "site"
    assert mkdocs_build(repo.mkdocs_yml(), site).returncode == 0
    html = page(site, "czj/gzdt/")
    assert html.index("第003号") < html.index("第002号") < html.index("第001号")


def test_drafts_scheduled_and_non_public_items_leave_no_trace(repo, tmp_path):
    repo.item(name="public", title="公开的信息甲")
    hidden = {
        "draft": dict(draft=True, title="草稿信息乙"),
        "scheduled": dict(published="2026-12-01", formed="2026-11-18", title="定时发布信息丙",
                          review={"reviewer": "王敏", "date": "2026-11-19", "result": "同意公开"}),
        "apply": dict(mode="依申请公开", title="依申请公开信息丁"),
        "withheld": dict(mode="不予公开", title="不予公开信息戊"),
    }
    for n, (name, fields) in enumerate(hidden.items(), start=2):
        year = fields.get("published", "2025")[:4]
        attachment = repo.root / f"content/czj/gzdt/{year}/{name}.pdf"
        attachment.parent.mkdir(parents=True, exist_ok=True)
        attachment.write_bytes(b"%PDF-1.4 secret")
        repo.item(name=name, index=f"{DEPT_CODE}/{year}-{n:05}", attachments=[f"{name}.pdf"], **fields)
    site = tmp_path / "site"
    result = mkdocs_build(repo.mkdocs_yml(build_date="2026-11-20"), site)
    assert result.returncode == 0, result.stderr
    everything = "\n".join(text for _, text in text_files(site))
    assert "公开的信息甲" in everything
    for name, fields in hidden.items():
        assert fields["title"] not in everything
    assert not list(site.rglob("*.pdf"))
    indexes = {f"{DEPT_CODE}/2025-0000{n}" for n in range(2, 6)} | {f"{DEPT_CODE}/2026-00003"}
    assert not any(i in everything for i in indexes)


def test_scheduled_item_appears_once_its_date_has_come(repo, tmp_path):
    repo.item(published="2026-12-01", formed="2026-11-18", title="定时发布信息丙", index=f"{DEPT_CODE}/2026-00001",
              review={"reviewer": "王敏", "date": "2026-11-19", "result": "同意公开"})
    site = tmp_path / "site"
    assert mkdocs_build(repo.mkdocs_yml(build_date="2026-12-01"), site).returncode == 0
    assert "定时发布信息丙" in page(site, "czj/gzdt/2026-00001/")


@pytest.mark.parametrize("fields, code", [
    (dict(published="2025-02-30"), "schema"),
    (dict(title=None), "schema"),
    (dict(index="11990700003015240F/2025-00001"), "index-format"),
])
def test_a_bad_item_is_withheld_and_the_rest_of_the_site_is_built(repo, tmp_path, fields, code):
    repo.item(**fields)
    repo.item(name="good", title="同一栏目中合格的信息", index=f"{DEPT_CODE}/2025-00002")
    site = tmp_path / "site"
    result = mkdocs_build(repo.mkdocs_yml(), site)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "content/czj/gzdt/2025/item.md:" in result.stderr and f"[{code}]" in result.stderr
    assert "同一栏目中合格的信息" in page(site, "czj/gzdt/2025-00002/")
    assert "2025-00001" not in page(site, "czj/gzdt/")


@pytest.mark.parametrize("fields", [dict(published="2025-02-30"), dict(index="11990700003015240F/2025-00001")])
def test_a_bad_item_fails_a_strict_build_which_leaves_the_previous_site_untouched(repo, tmp_path, fields):
    repo.item(**fields)
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("上一次的站点", "utf-8")
    result = mkdocs_build(repo.mkdocs_yml(), site, "--strict")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "content/czj/gzdt/2025/item.md:" in result.stderr
    assert [p.name for p in site.iterdir()] == ["previous.html"]  # the old site is left untouched


def test_yaml_bomb_and_bad_encoding_are_reported_cleanly_and_never_built(repo, tmp_path):
    repo.item(name="bomb", raw="---\na: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n---\n")
    (repo.root / "content/czj/gzdt/2025/gbk.md").write_bytes("---\ntitle: 中文\n---\n".encode("gbk"))
    for strict, rc in ((False, 0), (True, 1)):
        result = mkdocs_build(repo.mkdocs_yml(), tmp_path / f"site-{strict}", *(["--strict"] if strict else []))
        assert result.returncode == rc and "Traceback" not in result.stderr
        assert "[yaml]" in result.stderr and "[encoding]" in result.stderr and "暂不发布" in result.stderr


def test_bad_build_date_is_a_clear_configuration_error(repo, tmp_path):
    repo.item()
    result = mkdocs_build(repo.mkdocs_yml(build_date="'2026-02-30'"), tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr and "build_date" in result.stderr


def test_a_second_tree_builds_through_the_plugin_options(tmp_path):
    """Another repository of the same shape, with its content folder renamed, built from elsewhere."""
    other = Repo(tmp_path / "other")
    other.item(title="另一棵树里的信息")
    (other.root / "content").rename(other.root / "items")
    shutil.rmtree(other.root / "docs")
    site_config = tmp_path / "site-config"
    (site_config / "docs").mkdir(parents=True)
    config = site_config / "mkdocs.yml"
    config.write_text(
        "site_name: 另一个站点\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        f"plugins:\n  - xxgk:\n      root: {other.root}\n      content_dir: items\n      build_date: 2025-12-31\n",
        "utf-8",
    )
    site = tmp_path / "site"
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr
    assert "另一棵树里的信息" in page(site, "czj/gzdt/2025-00001/")
    assert "另一个站点" in page(site, "")


def test_gate_findings_are_build_warnings_and_fail_strict_builds(repo, tmp_path):
    """The build and the gate share one loader and one set of rules."""
    import subprocess
    import sys

    repo.item(doc_number="青财发[2025]3号")
    config = repo.mkdocs_yml()

    def build(*extra):
        return subprocess.run([*MKDOCS, "build", "-f", str(config), "-d", str(tmp_path / "s"), *extra],
                              capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})

    relaxed, strict = build(), build("--strict")
    assert relaxed.returncode == 0 and strict.returncode == 1
    for result in (relaxed, strict):
        assert "content/czj/gzdt/2025/item.md:" in result.stderr and "[doc-number-format]" in result.stderr
        assert "Traceback" not in result.stderr
    assert "czj/gkxx" not in relaxed.stderr  # parent columns are judged through their children
    assert "czj/jgzn: [blank-column]" in relaxed.stderr


def test_links_between_items_become_site_links_and_links_to_hidden_items_are_dropped(repo, tmp_path):
    repo.item(name="target", index=f"{DEPT_CODE}/2025-00002", title="被链接的通知", column="tzgg", kind="通知公告")
    repo.item(name="secret", index=f"{DEPT_CODE}/2025-00003", title="依申请公开的记录", mode="依申请公开")
    (repo.root / "content/czj/gzdt/2025/chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    repo.item(name="source", body=(
        "见[被链接的通知](../../tzgg/2025/target.md#第二条)。\n\n"
        "另见[内部记录](secret.md)。\n\n![图表](chart.png)\n"))
    site = tmp_path / "site"
    result = mkdocs_build(repo.mkdocs_yml(check=False), site, "--strict", quiet=False)
    assert result.returncode == 0, result.stderr  # strict: MkDocs found no broken link either
    assert "WARNING" not in result.stderr and "unrecognized relative link" not in result.stderr
    html = page(site, "czj/gzdt/2025-00001/")
    hrefs = links(html).hrefs
    assert "../../tzgg/2025-00002/#第二条" in hrefs
    assert "内部记录" in html and not any("secret" in h or "2025-00003" in h for h in hrefs)
    assert 'src="chart.png"' in html and (site / "czj/gzdt/2025-00001/chart.png").is_file()


def test_serve_dirty_renders_again_only_what_an_edit_changed(repo, tmp_path):
    """A real `mkdocs serve --dirty`: an edited item and its listings are rendered again, an
    untouched item page of another unit is left as it was."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    repo.item(name="edited", title="将被修改的标题")
    repo.item(name="other", unit="qcs", index="11990700003015240F/2025-00001", title="其他单位的信息")
    config = repo.mkdocs_yml(check=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    site = tmp_path / "serve-site"
    server = subprocess.Popen([*MKDOCS, "serve", "--dirty", "-f", str(config), "-a",
                               f"127.0.0.1:{port}"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})

    def get(path):
        import re

        try:
            html = urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5).read().decode("utf-8")
        except OSError:
            return ""
        return re.sub(r"reload\(\d+, \d+\)", "", html)  # the live-reload script's epochs change

    try:
        deadline = time.time() + 120
        while "其他单位的信息" not in get("qcs/gzdt/2025-00001/"):
            assert time.time() < deadline and server.poll() is None, "serve did not start"
            time.sleep(0.3)
        before = get("qcs/gzdt/2025-00001/")
        path = repo.root / "content/czj/gzdt/2025/edited.md"
        path.write_text(path.read_text("utf-8").replace("将被修改的标题", "已经修改的标题"), "utf-8")
        while "已经修改的标题" not in get("czj/gzdt/2025-00001/"):
            assert time.time() < deadline, "the edit was not rebuilt"
            time.sleep(0.3)
        assert "已经修改的标题" in get("czj/gzdt/") and "已经修改的标题" in get("")
        assert get("qcs/gzdt/2025-00001/") == before
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[1].decode("utf-8", "replace")
    import re

    again, total = map(int, re.search(r"增量生成 (\d+) 个页面（共 (\d+) 个）", log).groups())
    assert 0 < again < total and "Traceback" not in log


def test_changed_pages_after_an_edit(repo):
    """Which pages an edit makes stale: the item, the items that link it, its unit's listings and
    the site-wide pages; not another unit's items or listings."""
    from datetime import date

    from xxgk.core import load
    from xxgk.site import SiteView

    repo.item(name="doc", column="gfxwj", kind="行政规范性文件", title="规范性文件甲")
    repo.item(name="reading", column="zcjd", kind="政策解读", index=f"{DEPT_CODE}/2025-00002", title="解读甲",
              interprets=f"{DEPT_CODE}/2025-00001")
    repo.item(name="other", unit="qcs", index="11990700003015240F/2025-00001", title="其他单位的信息")
    before = SiteView(load(str(repo.root)), date(2025, 12, 31))
    path = repo.root / "content/czj/gfxwj/2025/doc.md"
    path.write_text(path.read_text("utf-8").replace("规范性文件甲", "规范性文件乙"), "utf-8")
    after = SiteView(load(str(repo.root)), date(2025, 12, 31))
    again, gone = after.changed_pages(before)
    assert gone == set()
    assert {"czj/gfxwj/2025-00001/index.md", "czj/zcjd/2025-00002/index.md"} <= again  # the item and its reading
    assert {"czj/gfxwj/index.md", "czj/index.md", "index.md", "catalogue/index.md", "czj/catalogue/index.md"} <= again
    assert not {uri for uri in again if uri.startswith("qcs/")}
    assert after.changed_pages(after) == (set(), set())
    path.unlink()
    removed = SiteView(load(str(repo.root)), date(2025, 12, 31)).changed_pages(after)
    assert removed[1] == {"czj/gfxwj/2025-00001/index.md"}


def test_a_partial_build_renders_only_the_chosen_units(repo, tmp_path):
    repo.item(title="财政局的信息")
    repo.item(unit="qcs", index="11990700003015240F/2025-00001", title="市政府的信息")
    config = repo.mkdocs_yml(check=False)
    config.write_text(config.read_text("utf-8").replace("check: false", "check: false\n      units: czj"), "utf-8")
    partial = tmp_path / "partial"
    result = mkdocs_build(config, partial)
    assert result.returncode == 0, result.stderr
    assert (partial / "czj/gzdt/2025-00001/index.html").is_file() and not (partial / "qcs").exists()
    assert not (partial / "catalogue").exists()  # the site-wide catalogue waits for the full build
    nav = links(page(partial, "czj/")).nav_hrefs
    assert not [h for h in nav if "qcs" in h]
    config.write_text(config.read_text("utf-8").replace("units: czj", "units: nosuch"), "utf-8")
    bad = mkdocs_build(config, tmp_path / "bad")
    assert bad.returncode == 1 and "nosuch" in bad.stderr and "Traceback" not in bad.stderr


def test_changed_units_names_the_units_a_branch_touches(repo):
    import subprocess
    import sys

    repo.item(title="财政局的信息")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-C", str(repo.root)]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    repo.item(unit="qcs", index="11990700003015240F/2025-00001", title="市政府的信息")
    repo.item(name="more", index=f"{DEPT_CODE}/2025-00002")

    def changed():
        out = subprocess.run([sys.executable, "-m", "xxgk.cli", "changed-units", "--root", str(repo.root), "--base", "main"],
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    assert changed() == "czj,qcs"
    policy = repo.root / "catalogue/policy.yml"
    policy.write_text(policy.read_text("utf-8") + "\n# 改动共享参数\n", "utf-8")
    assert changed() == "cxjd,czj,hxz,lsx,qcs,scjgj,sthjj"  # shared catalogue data: every unit
