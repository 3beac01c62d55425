"""The web editor (issue 14 §1), used as an office clerk would, in Debian's Chromium: `xxgk editor`
writes the editor over a temporary git repository holding the demo; Decap's own local proxy
(`decap-server` from the npm registry, MODE=git) runs on loopback over that repository. Saving
in the editorial workflow makes a branch ``cms/<collection>/<year>/<file>``, as a pull request
would on GitHub, GitLab or Gitea; the tests read that branch with git and run the gate on it.

The page clock is the demo's date, and decap-server's commits carry it (GIT_AUTHOR_DATE), so the
gate's git rules (backdated) judge the new item as they would on that day.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import frontmatter
import pytest

from conftest import PROJECT
from gitrepo import CREDIT_CODES, HERMETIC, UNSET, GitRepo, stamp

from .conftest import AS_OF, HERE, note
from .server import SiteServer

DECAP_SERVER = HERE / "node_modules" / "decap-server" / "dist" / "index.js"
CHINA = timezone(timedelta(hours=8))
NOON = datetime(AS_OF.year, AS_OF.month, AS_OF.day, 10, 0, tzinfo=CHINA)
SHOTS = Path(os.environ.get("XXGK_SHOTS_EDITOR", "/tmp/shots-editor"))
UNIT, COLUMN = "czj", "tzgg"  # 青川市财政局 · 通知公告
TITLE = "青川市财政局关于做好2027年部门预算编制工作的通知"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def xxgk(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "XXGK_OFFLINE": "1", "NO_MKDOCS_2_WARNING": "1"}  # what set-up fetched; no network
    return subprocess.run([sys.executable, "-m", "xxgk.cli", *args], capture_output=True, text=True, cwd=cwd, env=env)


class Editor:
    """The repository, the proxy over it and the editor's address."""

    def __init__(self, repo: GitRepo, url: str, proxy_url: str):
        self.repo, self.url, self.proxy_url = repo, url, proxy_url
        self.proxy_errors: list[tuple[str, int]] = []

    def branches(self) -> list[str]:
        return self.repo.git("branch", "--format=%(refname:short)").split()

    def wait_for_branch(self, prefix: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [b for b in self.branches() if b.startswith(prefix)]
            # made from main, then committed to: saved once the branch is ahead of main
            if found and self.repo.git("rev-list", "--count", f"main..{found[0]}").strip() != "0":
                return found[0]
            time.sleep(0.2)
        raise AssertionError(f"no commit on a branch {prefix}… after saving; branches: {self.branches()}")

    def show(self, branch: str, path: str, timeout: float = 15) -> bytes:
        """The file as committed on the branch (decap-server makes the branch, then commits)."""
        deadline = time.monotonic() + timeout
        while True:
            shown = subprocess.run(["git", "-C", str(self.repo.root), "show", f"{branch}:{path}"], capture_output=True)
            if shown.returncode == 0 or time.monotonic() > deadline:
                assert shown.returncode == 0, shown.stderr.decode()
                return shown.stdout
            time.sleep(0.2)

    def check(self, branch: str) -> subprocess.CompletedProcess:
        """The gate on the branch, as the pull request's CI would run it (a worktree of the branch)."""
        tree = self.repo.root.parent / f"check-{branch.replace('/', '-')}"
        self.repo.git("worktree", "add", "-q", "--detach", str(tree), branch)
        try:
            return xxgk("check", "--root", str(tree), "--as-of", AS_OF.isoformat(), "--format", "json", cwd=tree)
        finally:
            self.repo.git("worktree", "remove", "--force", str(tree))


@pytest.fixture(autouse=True)
def _only_decaps_own_404(request):
    """After each test: the proxy answered no error but Decap's own 404 (see open_editor)."""
    yield
    if "editor" in request.fixturenames:
        editor = request.getfixturevalue("editor")
        errors, editor.proxy_errors[:] = list(editor.proxy_errors), []
        assert set(errors) <= {("unpublishedEntry", 404)}, errors


@pytest.fixture(scope="module")
def editor(tmp_path_factory, browser):
    if shutil.which("node") is None or not DECAP_SERVER.is_file():
        pytest.fail("decap-server is missing: run npm ci --prefix tests/browser (scripts/test does)")
    base = tmp_path_factory.mktemp("editor")
    root = base / "repo"
    root.mkdir()
    for name in ("catalogue", "content"):
        shutil.copytree(PROJECT / name, root / name)
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    repo = GitRepo(root)
    repo.commit(date(2020, 1, 1), "演示内容")  # before every demo item's date: none of them is backdated

    port = free_port()
    out = base / "editor"
    result = xxgk("editor", "--root", str(root), "--out", str(out), "--local-url", f"http://127.0.0.1:{port}/api/v1",
                  cwd=root)
    assert result.returncode == 0, result.stderr
    env = {k: v for k, v in os.environ.items() if k not in UNSET} | HERMETIC | {
        "MODE": "git", "GIT_REPO_DIRECTORY": str(root), "PORT": str(port), "BIND_HOST": "127.0.0.1",
        "GIT_AUTHOR_DATE": stamp(NOON), "GIT_COMMITTER_DATE": stamp(NOON), "LOG_LEVEL": "warn",
        # decap-server reads `git diff`'s paths as printed: quoted octal escapes for a Chinese
        # attachment name unless core.quotepath is off (README says so; measured: a 500 otherwise)
        "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "core.quotepath", "GIT_CONFIG_VALUE_0": "false"}
    proxy = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, cwd=base, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    site = SiteServer(out).start()
    try:
        _wait_for_proxy(port, proxy)
        yield Editor(repo, site.url, f"http://127.0.0.1:{port}/api/v1")
    finally:
        site.stop()
        proxy.terminate()
        proxy.wait(timeout=10)


def _wait_for_proxy(port: int, proxy: subprocess.Popen) -> None:
    import json
    import urllib.request

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proxy.poll() is not None:
            raise AssertionError(f"decap-server exited: {proxy.stdout.read()}")
        try:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1", data=b'{"action":"info"}',
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=2) as response:
                info = json.load(response)
            assert "editorial_workflow" in info["publish_modes"], info
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("decap-server did not answer on loopback within 20 s")


def open_editor(sized, guard, editor: Editor, viewport: dict, route: str):
    """The editor at ``route``, signed in to the local proxy. The proxy's answers are watched here,
    not by the guard: Decap's protocol has one error status (an entry with no pending change:
    ``unpublishedEntry`` answers 404, also while a save is on its way); any other fails the test."""
    page = sized(viewport)
    guard.expected_status.add(editor.proxy_url)
    page.on("response", lambda r: _proxy_answer(editor, r))
    page.clock.install(time=NOON)
    page.goto(editor.url)
    page.get_by_role("button", name="登录").click()
    if route:
        page.goto(f"{editor.url}#/collections/{route}")
    return page


def _proxy_answer(editor: Editor, response) -> None:
    if response.url == editor.proxy_url and response.status >= 400:
        action = (response.request.post_data_json or {}).get("action")
        editor.proxy_errors.append((action, response.status))


def highest_serial(repo_root: Path, credit_code: str, year: int) -> int:
    """The unit's highest serial of the year, read from the files themselves (not from xxgk)."""
    found = [0]
    for path in (repo_root / "content").rglob("*.md"):
        match = re.search(rf"^index:\s*{re.escape(credit_code)}/{year}-(\d{{5}})\s", path.read_text("utf-8"), re.M)
        if match:
            found.append(int(match[1]))
    return max(found)


def front(raw: bytes) -> tuple[dict, str]:
    post = frontmatter.loads(raw.decode("utf-8"))
    return post.metadata, post.content


def gate_says(result: subprocess.CompletedProcess) -> list:
    """Every finding and every withheld item of the gate's run (the demo on main has none)."""
    import json

    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    return report["findings"] + list(report["withheld"].items())


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_a_new_item_through_the_form_becomes_a_branch_that_passes_the_gate(editor, sized, guard, tmp_path):
    from openpyxl import Workbook

    credit = CREDIT_CODES[UNIT]
    expected_index = f"{credit}/{AS_OF.year}-{highest_serial(editor.repo.root, credit, AS_OF.year) + 1:05d}"
    sheet = tmp_path / "2027年部门预算编制说明.xlsx"
    book = Workbook()
    book.active.append(["项目", "说明"])
    book.active.append(["编制时间", "2026年12月31日前报送"])
    book.save(sheet)

    # unit and column as a clerk picks them: the collection in the list, then 新建
    page = open_editor(sized, guard, editor, {"width": 1366, "height": 900}, "")
    page.locator("a", has_text="青川市财政局 · 通知公告").first.click()
    page.locator("a", has_text="信息").and_(page.locator("a[href$='/new']")).click()  # “＋ 信息”
    assert page.url.endswith(f"#/collections/{UNIT}-{COLUMN}/new")
    index = page.get_by_label("索引号", exact=True)
    assert index.input_value() == expected_index  # the next free serial, numbered as `xxgk new` numbers
    page.get_by_label("名称", exact=True).fill(TITLE)
    page.get_by_label("发文字号 (可选)", exact=True).fill("青财预〔2026〕15号")
    page.get_by_label("生成日期", exact=True).fill("2026-11-18")
    page.get_by_label("发布日期", exact=True).fill(AS_OF.isoformat())
    page.get_by_label("审查人", exact=True).fill("王敏")
    page.get_by_label("审查日期", exact=True).fill("2026-11-19")
    page.get_by_label("审查结论", exact=True).fill("不涉密，同意公开")
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.type("各预算单位：现将2027年部门预算编制工作有关事项通知如下。")
    page.get_by_role("button", name="新增附件").click()
    page.get_by_role("button", name="选择文件").click()
    with page.expect_file_chooser() as chooser:
        page.get_by_text("上传", exact=True).click()
    chooser.value.set_files(str(sheet))
    page.get_by_role("button", name="选用已选中项目").click()
    page.get_by_label("附件名称", exact=True).fill("2027年部门预算编制说明")
    preview = page.frame_locator("iframe").first
    assert preview.locator("h1").inner_text() == TITLE
    assert expected_index in preview.locator("table.xxgk-meta").inner_text()
    shoot(page, "new-1366x900")

    page.get_by_role("button", name="保存").click()
    branch = editor.wait_for_branch(f"cms/{UNIT}-{COLUMN}/{AS_OF.year}/")
    slug = branch.rsplit("/", 1)[1]
    path = f"content/{UNIT}/{COLUMN}/{AS_OF.year}/{slug}.md"
    meta, body = front(editor.show(branch, path))
    assert meta["index"] == expected_index and meta["title"] == TITLE
    assert str(meta["published"]) == AS_OF.isoformat() and str(meta["formed"]) == "2026-11-18"
    assert meta["review"] == {"reviewer": "王敏", "date": meta["review"]["date"], "result": "不涉密，同意公开"}
    assert str(meta["review"]["date"]) == "2026-11-19"
    assert meta["unit"] == UNIT and meta["column"] == COLUMN and meta["mode"] == "主动公开"
    assert body.strip() == "各预算单位：现将2027年部门预算编制工作有关事项通知如下。"
    attachment = meta["attachments"][0]
    assert attachment["title"] == "2027年部门预算编制说明" and attachment["file"] == sheet.name  # its own name
    assert editor.show(branch, f"content/{UNIT}/{COLUMN}/{AS_OF.year}/{attachment['file']}") == sheet.read_bytes()
    assert path not in editor.repo.git("ls-tree", "-r", "--name-only", "main")  # a pull request, not main

    result = editor.check(branch)
    assert gate_says(result) == [] and result.returncode == 0, result.stdout
    note(f"[editor] new item saved through the form as {path} on {branch}; the gate passes it")


def test_an_existing_item_set_to_repealed_keeps_everything_else(editor, sized, guard):
    column = "gfxwj"  # 行政规范性文件: the documents that get repealed
    items = sorted((editor.repo.root / "content" / UNIT / column).rglob("*.md"))
    target = next(p for p in items if (front(p.read_bytes())[0].get("validity") or {}).get("status", "有效") == "有效")
    rel = target.relative_to(editor.repo.root).as_posix()
    slug = rel.removeprefix(f"content/{UNIT}/{column}/").removesuffix(".md")
    before, before_body = front(target.read_bytes())

    page = open_editor(sized, guard, editor, {"width": 1366, "height": 900}, f"{UNIT}-{column}/entries/{slug}")
    index = page.get_by_label("索引号", exact=True)
    assert index.input_value() == before["index"] and index.get_attribute("readonly") is not None
    page.get_by_label("有效性状态", exact=True).focus()  # a react-select: its input is a focus target only
    page.keyboard.press("ArrowDown")
    page.get_by_role("option", name="废止", exact=True).click()
    page.get_by_label("有效性变更日期 (可选)", exact=True).fill(AS_OF.isoformat())
    page.get_by_label("有效性说明 (可选)", exact=True).fill("已被新的预算编制通知取代")
    banner = page.frame_locator("iframe").first.locator(".xxgk-banner--废止")
    assert "本文件已废止" in banner.inner_text() and "已被新的预算编制通知取代" in banner.inner_text()
    shoot(page, "repeal-1366x900")
    page.get_by_role("button", name="保存").click()

    branch = editor.wait_for_branch(f"cms/{UNIT}-{column}/{slug}")
    after, after_body = front(editor.show(branch, rel))
    assert after["validity"]["status"] == "废止" and after["validity"]["note"] == "已被新的预算编制通知取代"
    assert str(after["validity"]["date"]) == AS_OF.isoformat()
    for key in ("index", "title", "published", "formed", "topic", "kind", "mode"):
        assert str(after[key]) == str(before[key]), key
    assert after_body.strip() == before_body.strip()
    assert front(editor.show("main", rel))[0].get("validity") == before.get("validity")  # main untouched
    result = editor.check(branch)
    assert gate_says(result) == [] and result.returncode == 0, result.stdout


def test_the_form_is_usable_on_a_phone(editor, sized, guard):
    """Decap's editor is laid out for desks (its toolbar is 800 px wide); on a phone the fields
    must still fit the screen and 保存 be reachable by scrolling sideways."""
    page = open_editor(sized, guard, editor, {"width": 390, "height": 844}, f"{UNIT}-{COLUMN}/new")
    title = page.get_by_label("名称", exact=True)
    title.fill(TITLE)
    box = title.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    shoot(page, "new-390x844")
    save = page.get_by_role("button", name="保存")
    save.scroll_into_view_if_needed()
    assert save.is_visible() and 0 <= save.bounding_box()["x"] < 390
    width = page.evaluate("document.documentElement.scrollWidth")
    note(f"[editor] on a 390 px phone the form is {width} px wide")


HOSTILE = """---
index: {index}
title: "<img src='data:,' onerror='window.top.__xss=1'>关于测试的通知"
topic: 综合政务
formed: 2026-11-18
published: 2026-11-20
mode: 主动公开
kind: 通知公告
validity:
  status: 废止
  date: 2026-11-20
  note: "<script>window.top.__xss=2</script>说明"
---
<script>window.top.__xss=3</script>

<img src="data:," onerror="window.top.__xss=4">

<a href="javascript:window.top.__xss=5">链接</a> <iframe srcdoc="<script>window.top.__xss=6</script>"></iframe>
"""


def test_a_hostile_item_runs_nothing_in_the_editor(editor, sized, guard):
    """An item whose title, note and body carry script (a careless paste or a hostile colleague):
    the preview shows it as text or cleaned, and nothing runs. Measured: while Decap loads the
    body, the page's CSP refuses an inline event handler (so refusals of inline script are
    expected here, and every other console error still fails the test)."""
    path = editor.repo.root / "content" / UNIT / COLUMN / "2026" / "hostile-probe.md"
    path.write_text(HOSTILE.format(index=f"{editor.repo.root.name}/2026-99999"), encoding="utf-8")
    editor.repo.commit(NOON, "探测")
    try:
        page = open_editor(sized, guard, editor, {"width": 1366, "height": 900}, f"{UNIT}-{COLUMN}/entries/2026/hostile-probe")
        preview = page.frame_locator("iframe").first
        assert "onerror" in preview.locator("h1").inner_text()  # the title shown as text
        assert "<script>" in preview.locator(".xxgk-banner").inner_text()
        preview.get_by_text("链接").wait_for()
        frame = next(f for f in page.frames if f != page.main_frame)
        assert frame.locator(".xxgk-body script, .xxgk-body iframe, .xxgk-body img[onerror], "
                             ".xxgk-body a[href^='javascript']").count() == 0
        preview.get_by_text("链接").click()
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") is None
        refused = [e for e in guard.console_errors if "violates the following Content Security Policy" in e]
        guard.console_errors[:] = [e for e in guard.console_errors if e not in refused]
        assert all("inline" in e or "javascript:" in e for e in refused), refused
        note(f"[editor] hostile item: nothing ran; the CSP refused {len(refused)} inline handler(s)")
    finally:
        editor.repo.git("rm", "-q", str(path.relative_to(editor.repo.root)))
        editor.repo.commit(NOON, "移除探测")
