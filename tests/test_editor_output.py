"""`xxgk editor`'s output (issue 14 §1) without a browser: what the folder holds, the policy that
keeps the browser to this folder and the git host, the numbers the 索引号 widget gives, and the
vendoring of Decap CMS (checksum, only the kept files, no path from the tarball trusted).
The Decap files come from the cache `scripts/setup test` fills; nothing here uses the network."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from conftest import PROJECT
from xxgk.cms import vendor
from xxgk.cms.editor import EditorError, backend_config, write_editor
from xxgk.core import load
from xxgk.core.newitem import next_serial
from xxgk.site.hosts import foreign_urls

REPO = load(str(PROJECT))
LOCAL = "http://127.0.0.1:8081/api/v1"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("editor") / "site-admin"
    write_editor(REPO, str(folder), backend=backend_config("gitlab", "qc/site", "main"), local_url=LOCAL, fetch=False)
    return folder


def policy(folder: Path) -> dict[str, list[str]]:
    html = (folder / "index.html").read_text("utf-8")
    content = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1]
    return {d.split()[0]: d.split()[1:] for d in content.split("; ")}


def test_the_folder_holds_decap_our_parts_and_the_generated_config(out):
    names = {p.name for p in out.iterdir()}
    assert {"index.html", "config.yml", "editor.json", "xxgk-editor.js", "preview.css", "NOTICE.txt",
            vendor.ENTRY} <= names
    assert len([n for n in names if n.endswith(".decap-cms.js")]) > 50  # the chunks Decap loads on demand
    for name, path in vendor.decap_files(fetch=False).items():
        assert (out / name).read_bytes() == Path(path).read_bytes()
    assert f"{vendor.NAME} {vendor.VERSION}（{vendor.LICENSE}" in (out / "NOTICE.txt").read_text("utf-8")
    html = (out / "index.html").read_text("utf-8")
    assert html.index("xxgk-editor.js") < html.index(f'src="{vendor.ENTRY}"')  # ours first: it holds the CMS back
    assert 'name="robots" content="noindex' in html and 'lang="zh-CN"' in html


def test_the_policy_admits_this_folder_the_git_host_and_the_local_proxy_only(out):
    rules = policy(out)
    assert rules["default-src"] == ["'self'"] and rules["object-src"] == ["'none'"]
    assert rules["connect-src"] == ["'self'", "blob:", "data:", "https://gitlab.com", "http://127.0.0.1:8081"]
    assert rules["script-src"] == ["'self'", "'unsafe-eval'"]  # no host, no inline script
    for directive, sources in rules.items():
        assert not [s for s in sources if "//" in s and directive != "connect-src"], directive


def test_our_own_files_name_no_other_host(out):
    ours = {p.name for p in out.iterdir()} - set(vendor.decap_files(fetch=False))
    found = [(path, url) for path, url in foreign_urls(str(out), ()) if path in ours]
    assert found == []


def test_a_self_hosted_gitea_is_admitted_and_needs_its_address(tmp_path):
    with pytest.raises(EditorError, match="--api-root"):
        backend_config("gitea", "qc/site", "main")
    backend = backend_config("gitea", "qc/site", "main", "https://git.qingchuan.gov.cn/api/v1", app_id="4f2a")
    assert backend["app_id"] == "4f2a" and backend["auth_type"] == "pkce"
    assert backend["base_url"] == "https://git.qingchuan.gov.cn"  # signs in there, not on try.gitea.io
    write_editor(REPO, str(tmp_path / "e"), backend=backend, local_url=LOCAL, fetch=False)
    assert "https://git.qingchuan.gov.cn" in policy(tmp_path / "e")["connect-src"]
    assert "https://gitlab.com" not in policy(tmp_path / "e")["connect-src"]


@pytest.mark.parametrize("address", ['https://git.example.cn" http-equiv="refresh', "javascript:alert(1)",
                                     "https://user:secret@git.example.cn", "ftp://git.example.cn", "https://a b.cn/"])
def test_an_address_that_is_not_a_plain_host_is_refused_before_anything_is_written(tmp_path, address):
    backend = {"name": "gitlab", "repo": "qc/site", "branch": "main", "api_root": address}
    if "@" in address:  # a user and password would sit in the page: the policy takes the host only
        write_editor(REPO, str(tmp_path / "e"), backend=backend, local_url=LOCAL, fetch=False)
        assert "secret" not in " ".join(policy(tmp_path / "e")["connect-src"])
        return
    with pytest.raises(EditorError, match="不是有效的 http"):
        write_editor(REPO, str(tmp_path / "e"), backend=backend, local_url=LOCAL, fetch=False)
    assert list(tmp_path.iterdir()) == []


def test_the_widget_numbers_as_xxgk_new_does(out):
    data = json.loads((out / "editor.json").read_text("utf-8"))
    years = {item.published.year for item in REPO.items}
    for unit in REPO.units:
        for year in years:
            assert data["serials"].get(unit, {}).get(str(year), 0) + 1 == next_serial(REPO, unit, year), (unit, year)
    assert data["units"]["czj"] == {"name": "青川市财政局", "credit_code": REPO.units["czj"].credit_code}
    assert data["collections"]["czj-tzgg"] == "czj" and data["banner_states"]["废止"] == "已废止"


def test_a_migrated_items_old_index_takes_no_serial(out):
    old = [i for i in REPO.items if i.unit == "sthjj" and not re.fullmatch(r"\d{4}-\d{5}", i.serial or "")]
    assert old, "the demo has migrated sthjj items with historic 索引号"
    data = json.loads((out / "editor.json").read_text("utf-8"))
    for year, highest in data["serials"]["sthjj"].items():
        assert highest == max(int(i.serial[5:]) for i in REPO.items if i.unit == "sthjj" and i.serial.startswith(f"{year}-"))


def test_another_folder_is_never_replaced_and_an_earlier_output_is(tmp_path, out):
    keep = tmp_path / "notes"
    keep.mkdir()
    (keep / "mine.txt").write_text("不要删除")
    with pytest.raises(EditorError, match="不是编辑器的输出目录"):
        write_editor(REPO, str(keep), backend=backend_config("github", "a/b", "main"), fetch=False)
    assert [p.name for p in keep.iterdir()] == ["mine.txt"]
    again = tmp_path / "admin"
    write_editor(REPO, str(again), backend=backend_config("github", "a/b", "main"), fetch=False)
    (again / "stale.js").write_text("")
    write_editor(REPO, str(again), backend=backend_config("github", "a/b", "main"), fetch=False)
    assert not (again / "stale.js").exists() and (again / "index.html").is_file()
    assert not (tmp_path / "admin.partial").exists()


def test_the_command_writes_the_folder_and_speaks_chinese(tmp_path):
    run = subprocess.run([sys.executable, "-m", "xxgk.cli", "editor", "--out", str(tmp_path / "admin")],
                         capture_output=True, text=True, cwd=PROJECT, env={"XXGK_OFFLINE": "1", "PATH": "/usr/bin:/bin",
                                                                         "HOME": str(Path.home())})
    assert run.returncode == 0, run.stderr
    assert "已写入" in run.stdout and "decap-server" in run.stdout
    assert (tmp_path / "admin" / "index.html").is_file()
    gitea = subprocess.run([sys.executable, "-m", "xxgk.cli", "editor", "--out", str(tmp_path / "g"), "--backend", "gitea"],
                           capture_output=True, text=True, cwd=PROJECT)
    assert gitea.returncode == 2 and "Gitea 没有默认地址" in gitea.stderr and "Traceback" not in gitea.stderr
    assert not (tmp_path / "g").exists()
    (tmp_path / "a-file").write_text("")  # a folder that cannot be made (its parent is a file)
    denied = subprocess.run([sys.executable, "-m", "xxgk.cli", "editor", "--out", str(tmp_path / "a-file" / "admin")],
                            capture_output=True, text=True, cwd=PROJECT, env={**os.environ, "XXGK_OFFLINE": "1"})
    assert denied.returncode == 2 and "无法写入" in denied.stderr and "Traceback" not in denied.stderr, denied.stderr


# -- vendoring ---------------------------------------------------------------------------------

def tarball(members: dict[str, bytes], links: dict[str, str] = {}) -> bytes:
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w:gz") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
        for name, target in links.items():
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            tar.addfile(info)
    return data.getvalue()


def test_only_the_kept_regular_files_are_unpacked_flat(tmp_path):
    data = tarball({"package/dist/decap-cms.js": b"cms", "package/dist/12.decap-cms.js": b"chunk",
                    "package/dist/decap-cms.js.map": b"map", "package/dist/../../../escape.js": b"x",
                    "package/src/index.js": b"src"},
                   links={"package/dist/13.decap-cms.js": "/etc/passwd"})
    vendor._unpack(data, str(tmp_path / "cache"))
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [".complete", "12.decap-cms.js", "decap-cms.js"]
    assert not (tmp_path / "escape.js").exists() and not list(tmp_path.parent.glob("escape.js"))


def test_a_tarball_that_does_not_match_the_pinned_checksum_is_refused(monkeypatch):
    class Response(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(vendor.urllib.request, "urlopen", lambda url, timeout: Response(b"tampered"))
    with pytest.raises(vendor.VendorError, match="校验值"):
        vendor._download()
    good = tarball({"package/dist/decap-cms.js": b"cms"})
    digest = "sha512-" + __import__("base64").b64encode(hashlib.sha512(good).digest()).decode()
    monkeypatch.setattr(vendor, "INTEGRITY", digest)
    monkeypatch.setattr(vendor.urllib.request, "urlopen", lambda url, timeout: Response(good))
    assert vendor._download() == good


def test_offline_without_a_cache_says_how_to_fetch(monkeypatch, tmp_path):
    monkeypatch.setenv("XXGK_CACHE", str(tmp_path))
    monkeypatch.setenv("XXGK_OFFLINE", "1")
    with pytest.raises(vendor.VendorError, match="python -m xxgk.cms.vendor"):
        vendor.decap_files()
