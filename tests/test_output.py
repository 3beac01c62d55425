"""Publishing safely (issue 9, points 6 and 10): the output folder is replaced only by a finished,
successful build; one build at a time; no traceback from any build command; nothing withdrawn
lingers under --dirty."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import DEPT_CODE, MKDOCS, Repo

ITEMS = 40  # enough that a build takes a few seconds, so it can be killed part-way
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


def build(config: Path, site: Path, *args: str, env: dict | None = None, **popen) -> subprocess.CompletedProcess:
    return subprocess.run([*MKDOCS, "build", "-f", str(config), "-d", str(site), *args],
                          capture_output=True, text=True, env={**ENV, **(env or {})}, **popen)


def start(config: Path, site: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([*MKDOCS, "build", "-f", str(config), "-d", str(site), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV, start_new_session=True)


def tree(path: Path) -> str:
    """A hash of everything under ``path``: names, kinds, link targets and bytes."""
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(path):
        dirs.sort()
        rel = os.path.relpath(folder, path)
        digest.update(f"D {rel} {sorted(dirs)}\n".encode())
        for name in sorted(files):
            full = os.path.join(folder, name)
            if os.path.islink(full):
                digest.update(f"L {rel}/{name} {os.readlink(full)}\n".encode())
            else:
                digest.update(f"F {rel}/{name}\n".encode())
                with open(full, "rb") as fh:
                    digest.update(fh.read())
    return digest.hexdigest()


def leftovers(site: Path) -> list[str]:
    """Staging, old and lock entries beside the site."""
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}.xxgk-"))


def fragments(site: Path) -> set[str]:
    """URLs of the documents in the site's search index ("/unit/column/serial/" for items)."""
    found = set()
    for path in (site / "searchindex/r").glob("*.json"):
        found |= {"/" + record[0] for record in json.loads(path.read_text("utf-8"))}
    return found


def no_traceback(result) -> None:
    output = result.stderr + result.stdout
    assert "Traceback" not in output, output[-3000:]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, Path]:
    """A repository of ITEMS items (n001 and n002 have a text attachment) and its built site, made once."""
    base = tmp_path_factory.mktemp("output")
    repo = Repo(base / "repo")
    for n in range(1, ITEMS + 1):
        day = f"2025-{1 + (n - 1) // 28:02d}-{1 + (n - 1) % 28:02d}"
        fields = dict(formed=day, published=day, review={"reviewer": "王敏", "date": day, "result": "同意公开"})
        if n <= 2:
            folder = repo.root / "content/czj/gzdt/2025"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"n{n:03}-table.txt").write_text(f"附件：第{n}号安排表。\n", "utf-8")
            fields["attachments"] = [{"file": f"n{n:03}-table.txt", "title": "安排表"}]
        repo.item(name=f"n{n:03}", index=f"{DEPT_CODE}/2025-{n:05}", title=f"第{n:03}号工作动态", **fields)
    repo.mkdocs_yml(check=False)
    site = base / "out" / "site"
    result = build(repo.root / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return repo.root, site


@pytest.fixture
def fresh(template, tmp_path) -> tuple[Path, Path]:
    """A private copy of the template repository and of its built site: (mkdocs.yml, site)."""
    root, site = template
    shutil.copytree(root, tmp_path / "repo", symlinks=True)
    shutil.copytree(site, tmp_path / "out" / "site", symlinks=True)
    return tmp_path / "repo" / "mkdocs.yml", tmp_path / "out" / "site"


def retract(config: Path, name: str = "n001") -> None:
    path = config.parent / f"content/czj/gzdt/2025/{name}.md"
    path.write_text(path.read_text("utf-8").replace("mode: 主动公开", "mode: 不予公开"), "utf-8")


ITEM_URL = "czj/gzdt/2025-00001/"
ATTACHMENT = ITEM_URL + "n001-table.txt"


def test_the_same_sources_build_the_same_bytes(template, tmp_path):
    """Reproducible: a second build (another hash seed, so other set orders) writes identical files."""
    root, site = template
    again = tmp_path / "again"
    assert build(root / "mkdocs.yml", again, env={"PYTHONHASHSEED": "7"}).returncode == 0
    assert tree(again) == tree(site)


# -- a build that fails or is interrupted leaves the live site exactly as it was ------------------

def test_a_killed_build_leaves_the_previous_site_byte_identical(fresh):
    config, site = fresh
    started = time.monotonic()
    assert build(config, site.parent / "timed").returncode == 0  # how long a whole build takes here
    duration = time.monotonic() - started
    (site / ".htaccess").write_text("Options -Indexes\n")  # MkDocs keeps hidden files of site_dir
    before = tree(site)
    retract(config, "n002")  # the killed builds would write a different site
    assert build(config, site.parent / "next").returncode == 0
    shutil.copy(site / ".htaccess", site.parent / "next")
    after = tree(site.parent / "next")  # the site a build that got to publish leaves
    for fraction in (0.3, 0.6, 0.9):
        proc = start(config, site)
        time.sleep(duration * fraction)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the build and any child, as a CI timeout kills them
        proc.communicate()
        # killed before its swap: the old site; after it (or it ran faster than the timed build): the
        # new one; never anything in between
        assert tree(site) in (before, after), f"killed at {fraction:.0%} of the build"
        assert (site / "index.html").is_file()
    result = build(config, site)
    assert result.returncode == 0, result.stderr
    assert not (site / "czj/gzdt/2025-00002").exists() and (site / ITEM_URL / "index.html").is_file()
    assert (site / ".htaccess").read_text() == "Options -Indexes\n"
    assert leftovers(site) == []  # the next build removed what the killed ones left


@pytest.mark.parametrize("extra", [
    '<img src="https://cdn.example.com/banner.png" alt="横幅">\n',  # the plugin's host scan: a warning
    "见[不存在的页面](nosuch.md)。\n",  # MkDocs' own link check: a warning
])
def test_strict_failure_leaves_the_previous_site_byte_identical(fresh, extra):
    config, site = fresh
    before = tree(site)
    (config.parent / "docs/extra.md").write_text("# 附加页面\n\n" + extra, "utf-8")
    result = build(config, site, "--strict")
    assert result.returncode == 1 and "Aborted with" in result.stdout + result.stderr
    no_traceback(result)
    assert tree(site) == before and leftovers(site) == []
    if "cdn.example.com" in extra:  # the same build without the problem replaces the site
        (config.parent / "docs/extra.md").write_text("# 附加页面\n\n本站说明。\n", "utf-8")
        result = build(config, site, "--strict")
        assert result.returncode == 0, result.stderr
        assert (site / "extra/index.html").is_file() and leftovers(site) == []


def test_a_stray_searchindex_in_docs_dir_is_replaced_by_the_built_index(fresh):
    """Only what the index writer writes is under searchindex/: a file an extras folder puts there
    (a record or shard the search would read) is gone after the build."""
    config, site = fresh
    stray = config.parent / "docs/searchindex/r"
    stray.mkdir(parents=True)
    (stray / "0.json").write_text('[["https://evil.example/","假冒的信息"]]', "utf-8")
    (stray / "99.json").write_text('[["x/","多余的"]]', "utf-8")
    result = build(config, site)
    assert result.returncode == 0, result.stderr
    no_traceback(result)
    assert not (site / "searchindex/r/99.json").exists()
    assert "假冒" not in (site / "searchindex/r/0.json").read_text("utf-8")
    assert f"/{ITEM_URL}" in fragments(site)


# -- one build at a time --------------------------------------------------------------------------

def test_a_build_while_another_holds_the_lock_stops_at_once_naming_it(fresh):
    config, site = fresh
    before = tree(site)
    with open(site.parent / f".{site.name}.xxgk-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        lock.write("4242\n")
        lock.flush()
        result = build(config, site)
    assert result.returncode == 1
    no_traceback(result)
    assert "另一个构建正在写入" in result.stderr and "进程 4242" in result.stderr and "site" in result.stderr
    assert tree(site) == before


def test_two_builds_at_once_one_stops_with_the_lock_message_and_the_other_publishes(fresh):
    config, site = fresh
    for _ in range(2):
        procs = [start(config, site) for _ in range(2)]
        results = [(p.pid, p.wait(), *p.communicate()) for p in procs]
        for _, _, out, err in results:
            assert "Traceback" not in out + err, err[-3000:]
        codes = sorted(code for _, code, _, _ in results)
        assert codes == [0, 1], results
        winner = next(pid for pid, code, _, _ in results if code == 0)
        loser = next(err for _, code, _, err in results if code == 1)
        assert "另一个构建正在写入" in loser and f"进程 {winner}" in loser
        assert (site / "index.html").is_file() and (site / "searchindex/manifest.json").is_file()
        assert leftovers(site) == []


# -- stale folders of a killed build --------------------------------------------------------------

def test_stale_folders_are_removed_and_an_interrupted_swap_is_undone(fresh):
    config, site = fresh
    for name in (f".{site.name}.xxgk-build-99999", f".{site.name}.xxgk-old-99998"):
        (site.parent / name / "assets").mkdir(parents=True)
        (site.parent / name / "assets/junk.css").write_text("/* 半成品 */")
    result = build(config, site)
    assert result.returncode == 0, result.stderr
    assert leftovers(site) == []
    before = tree(site)
    # killed between the two renames of a swap: the live site sits under its -old- name
    site.rename(site.parent / f".{site.name}.xxgk-old-4242")
    (site.parent / f".{site.name}.xxgk-build-4242").mkdir()
    (config.parent / "docs/extra.md").write_text('<img src="https://cdn.example.com/x.png" alt="">\n', "utf-8")
    result = build(config, site, "--strict")
    assert result.returncode == 1
    no_traceback(result)
    assert tree(site) == before and leftovers(site) == []


# -- no traceback from any build command ----------------------------------------------------------

@contextlib.contextmanager
def unwritable(folder: Path):
    """Make ``folder`` refuse new entries: chmod for an ordinary user; root ignores modes, so the
    immutable attribute (ext4 and most Linux file systems) instead."""
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("running as root and this file system has no immutable attribute (chattr +i)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_unwritable_parent_folder(fresh, tmp_path):
    config, _ = fresh
    parent = tmp_path / "readonly"
    parent.mkdir()
    with unwritable(parent):
        result = build(config, parent / "site")
    assert result.returncode == 1
    no_traceback(result)
    assert str(parent) in result.stderr
    assert not any(parent.iterdir())


def test_staging_folder_not_creatable(fresh):
    config, site = fresh
    before = tree(site)
    (site.parent / f".{site.name}.xxgk-lock").write_text("")  # the lock can be taken, nothing created
    with unwritable(site.parent):
        result = build(config, site)
    assert result.returncode == 1
    no_traceback(result)
    assert f".{site.name}.xxgk-build-" in result.stderr
    assert tree(site) == before


def test_unwritable_output_folder(fresh):
    config, site = fresh
    before = tree(site)
    retract(config, "n002")
    with unwritable(site):
        result = build(config, site)
    no_traceback(result)
    if result.returncode == 0:  # an ordinary user may replace a read-only folder in a folder of theirs
        assert not (site / "czj/gzdt/2025-00002").exists()
    else:
        assert str(site) in result.stderr
        assert tree(site) == before
    assert leftovers(site) == []


def test_output_path_that_is_a_file(fresh, tmp_path):
    config, _ = fresh
    target = tmp_path / "site.html"
    target.write_text("不是文件夹")
    result = build(config, target)
    assert result.returncode == 1
    no_traceback(result)
    assert str(target) in result.stderr and "文件夹" in result.stderr
    assert target.read_text() == "不是文件夹"
    under_file = build(config, target / "site")
    assert under_file.returncode == 1
    no_traceback(under_file)
    assert str(target) in under_file.stderr


@pytest.fixture
def tiny_disk(tmp_path):
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a 1 MB tmpfs to fill up (needs mount rights): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def test_disk_full_while_writing(fresh, tiny_disk):
    config, _ = fresh
    site = tiny_disk / "site"
    site.mkdir()
    (site / "index.html").write_text("上一次的站点", "utf-8")
    before = tree(site)
    result = build(config, site)
    assert result.returncode == 1
    no_traceback(result)
    assert "No space left on device" in result.stderr and "磁盘空间不足" in result.stderr
    assert tree(site) == before and leftovers(site) == []


# -- nothing withdrawn lingers under --dirty ------------------------------------------------------

def test_build_dirty_after_a_retraction_keeps_nothing_of_the_item(fresh):
    config, site = fresh
    assert (site / ATTACHMENT).is_file() and f"/{ITEM_URL}" in fragments(site)
    retract(config)
    result = build(config, site, "--dirty")
    assert result.returncode == 0, result.stderr
    assert not (site / ITEM_URL).exists() and not list(site.rglob("n001-table.txt"))
    assert f"/{ITEM_URL}" not in fragments(site) and "/czj/gzdt/2025-00002/" in fragments(site)
    assert "第001号工作动态" not in (site / "czj/gzdt/index.html").read_text("utf-8")
    assert "完整" in result.stderr  # says that --dirty builds in full


def test_serve_dirty_after_a_retraction_serves_nothing_of_the_item(fresh, tmp_path):
    config, _ = fresh
    temp = tmp_path / "tmp"
    temp.mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([*MKDOCS, "serve", "--dirty", "-f", str(config),
                               "-a", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env={**ENV, "TMPDIR": str(temp)})

    def status(path):
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5).status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return None

    def wait(condition, what, seconds=90):
        deadline = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < deadline, what
            assert server.poll() is None, "serve stopped"
            time.sleep(0.3)

    try:
        wait(lambda: status(ATTACHMENT) == 200, "serve did not start")
        served = next(temp.glob(f"{MKDOCS[-1]}_*"))  # (serve's private folder: mkdocs_… or properdocs_…)
        wait(lambda: f"/{ITEM_URL}" in fragments(served), "no search index")
        retract(config)
        wait(lambda: status(ATTACHMENT) == 404, "the retracted item's attachment is still served")
        assert status(ITEM_URL) == 404
        wait(lambda: (served / "searchindex/manifest.json").is_file()
             and "/czj/gzdt/2025-00002/" in fragments(served), "the search index was not written again")
        assert f"/{ITEM_URL}" not in fragments(served)
        assert status("czj/gzdt/2025-00002/") == 200
        # an attachment taken off an item that stays on the site
        assert status("czj/gzdt/2025-00002/n002-table.txt") == 200
        item = config.parent / "content/czj/gzdt/2025/n002.md"
        item.write_text(re.sub(r"attachments:\n(?:[- ] .*\n)*", "", item.read_text("utf-8")), "utf-8")
        wait(lambda: status("czj/gzdt/2025-00002/n002-table.txt") == 404, "a removed attachment is still served")
        wait(lambda: status("czj/gzdt/2025-00002/") == 200, "the item that stays is not served")
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[1].decode("utf-8", "replace")
    assert "Traceback" not in log, log[-3000:]
    assert re.search(r"完整重新生成", log), log[-3000:]


# -- the swap itself, in-process: both ways of exchanging, and a failure half-way -------------------

def _folders(tmp_path):
    site, staging = tmp_path / "site", tmp_path / ".site.xxgk-build-1"
    for folder, text in ((site, "旧"), (staging, "新")):
        folder.mkdir()
        (folder / "index.html").write_text(text, "utf-8")
    return site, staging


def test_swap_by_atomic_exchange(tmp_path, monkeypatch):
    from xxgk.plugin import output

    site, staging = _folders(tmp_path)
    used = []
    exchange = output._exchange
    monkeypatch.setattr(output, "_exchange", lambda a, b: used.append(exchange(a, b)) or used[-1])
    output.swap(str(staging), str(site))
    if used != [True]:
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available here; the fallback was used")
    assert (site / "index.html").read_text("utf-8") == "新" and leftovers(site) == []


def test_swap_by_two_renames(tmp_path, monkeypatch):
    from xxgk.plugin import output

    site, staging = _folders(tmp_path)
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    output.swap(str(staging), str(site))
    assert (site / "index.html").read_text("utf-8") == "新" and leftovers(site) == []


def test_swap_failing_half_way_puts_the_old_site_back(tmp_path, monkeypatch):
    import errno

    from xxgk.plugin import output

    site, staging = _folders(tmp_path)
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    rename = os.rename

    def second_fails(a, b):
        if os.path.basename(a).startswith(".site.xxgk-build-"):
            raise OSError(errno.EIO, "Input/output error", a)
        rename(a, b)

    monkeypatch.setattr(os, "rename", second_fails)
    with pytest.raises(OSError):
        output.swap(str(staging), str(site))
    monkeypatch.undo()
    assert (site / "index.html").read_text("utf-8") == "旧"


def test_write_errors_become_a_chinese_message_naming_path_and_reason():
    import errno

    from mkdocs.exceptions import PluginError

    from xxgk.plugin import output

    out = output.Output()
    with pytest.raises(PluginError) as raised:
        out.failed(PermissionError(errno.EACCES, "Permission denied", "/srv/site/.x/index.html"))
    assert "/srv/site/.x/index.html" in str(raised.value) and "Permission denied" in str(raised.value)
    assert "没有权限" in str(raised.value)
    out.failed(ValueError("not an OSError"))  # anything else is left to MkDocs
