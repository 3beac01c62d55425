"""Fixtures for the real-browser tests: the demo built once by a real ``mkdocs build`` (its search
index included), served by a real HTTP server (gzip on), one Chromium per session and a fresh context
per test (``page``), or one per viewport a test asks for (``sized``). Every test fails on a console
error, an uncaught page error, or any request to a host other than 127.0.0.1 (a government site
must not load anything from third-party hosts).

Chromium is the distribution's (``/usr/bin/chromium``); ``playwright install`` is never needed.
Without Chromium the browser tests are skipped, loudly.
"""

from __future__ import annotations

import os
import shutil
import time
import warnings
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import DEMO_DATE, PROJECT, mkdocs_build  # tests/conftest.py

from .server import SiteServer

AS_OF = date.fromisoformat(DEMO_DATE)
HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_HOST = "127.0.0.1"

# Settled: the status has its answer and the results it announces are shown (10 at a time).
SETTLED = """() => {
    const s = document.querySelector('p.xxgk-search-status').textContent;
    if (/^没有找到/.test(s)) return true;
    const m = /^找到 (\\d+) 条/.exec(s);
    if (!m) return false;
    const n = document.querySelectorAll('li.xxgk-search-result').length;
    return document.querySelector('button.xxgk-search-more').hidden ? n === +m[1] : n > 0 && n % 10 === 0;
}"""



def chromium_executable() -> str | None:
    if os.path.isfile("/usr/bin/chromium") and os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def _skip_loudly(message: str):
    print(f"\n*** {message} ***")
    warnings.warn(message, pytest.PytestWarning, stacklevel=2)
    pytest.skip(message)


# -- the site ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def model():
    from xxgk.core import load

    repo = load(str(PROJECT))
    assert repo.ok, [p.format() for p in repo.problems if p.severity == "error"]
    return repo


@pytest.fixture(scope="session")
def public(model):
    """Public items at the demo's reference date, newest first (as the site lists them)."""
    return list(model.public_items(AS_OF))


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    started = time.perf_counter()
    site = tmp_path_factory.mktemp("browser-demo") / "site"
    result = mkdocs_build(PROJECT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr[-4000:]
    assert (site / "searchindex" / "manifest.json").is_file(), "the build wrote no search index"
    note(f"[browser] demo built by mkdocs build (search index included) in {time.perf_counter() - started:.1f} s")
    return site


@pytest.fixture(scope="session")
def server(site_dir):
    srv = SiteServer(site_dir).start()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def base_url(server) -> str:
    return server.url


# -- the browser ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    executable = chromium_executable()
    if executable is None:
        _skip_loudly("browser tests SKIPPED: no Chromium at /usr/bin/chromium or on PATH "
                     "(apt-get install chromium); nothing was checked in a real browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - pyproject's [test] extra installs it
        _skip_loudly("browser tests SKIPPED: Python package playwright is not installed (pip install -e .[test])")
    pw = sync_playwright().start()
    try:
        chromium = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    except Exception:
        pw.stop()
        raise
    yield chromium
    chromium.close()
    pw.stop()


@dataclass
class Guard:
    """What a test's pages did that must never happen: console errors, page errors, requests
    to other hosts, failed requests and error statuses (unless a test expects them)."""

    base_url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bad_status: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    expected_status: set[str] = field(default_factory=set)  # URLs allowed to answer ≥ 400

    def on_request(self, request):
        self.requests.append(request.url)
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.hostname != LOCAL_HOST:
            self.foreign.append(f"{request.method} {request.url}")

    def on_console(self, message):
        if message.type == "error":
            location = message.location or {}
            if location.get("url") in self.expected_status and message.text.startswith("Failed to load resource"):
                return  # the browser's own line for an expected error status
            self.console_errors.append(f"{message.text} ({location.get('url', '')}:{location.get('lineNumber', '')})")

    def on_response(self, response):
        if response.status >= 400 and response.url not in self.expected_status:
            self.bad_status.append(f"{response.status} {response.url}")

    def on_failed(self, request):
        failure = request.failure or ""
        if "ERR_ABORTED" in failure:
            return  # cancelled by the browser: the page navigated on, or a link became a download
        self.failed.append(f"{request.url}: {failure}")

    def problems(self) -> list[str]:
        found = []
        for label, entries in (("request to a host other than 127.0.0.1", self.foreign),
                               ("console error", self.console_errors),
                               ("uncaught page error", self.page_errors),
                               ("failed request", self.failed),
                               ("error status", self.bad_status)):
            found += [f"{label}: {e}" for e in entries]
        return found


@pytest.fixture
def guard(base_url) -> Guard:
    return Guard(base_url)


def watched_context(browser, guard, **options):
    """A new context whose every page the guard watches (zh-CN, 1280×900, no service workers,
    downloads accepted, unless ``options`` say otherwise)."""
    ctx = browser.new_context(**{"locale": "zh-CN", "viewport": {"width": 1280, "height": 900},
                                 "accept_downloads": True, "service_workers": "block", **options})
    ctx.set_default_timeout(15_000)
    ctx.on("request", guard.on_request)
    ctx.on("response", guard.on_response)
    ctx.on("requestfailed", guard.on_failed)
    ctx.on("console", guard.on_console)
    ctx.on("weberror", lambda error: guard.page_errors.append(str(error.error)))
    return ctx


@pytest.fixture
def context(browser, guard, request):
    ctx = watched_context(browser, guard)
    request.node._browser_guard = guard
    yield ctx
    ctx.close()


@pytest.fixture
def sized(browser, guard, request):
    """``sized(viewport, **options)``: a new page in a fresh context of that viewport (a dict of
    width and height; under 720 px wide it is a phone, with a touch screen), watched by the guard
    like every other page. ``options`` go to ``new_context`` (``java_script_enabled=False``)."""
    contexts = []

    def open_page(viewport: dict, **options):
        ctx = watched_context(browser, guard, viewport=viewport, has_touch=viewport["width"] < 720, **options)
        contexts.append(ctx)
        return ctx.new_page()

    request.node._browser_guard = guard
    yield open_page
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A test that passed still fails if its pages logged errors or reached another host."""
    result = yield
    guard = getattr(item, "_browser_guard", None)
    if guard is not None:
        problems = guard.problems()
        assert not problems, "the browser saw:\n  " + "\n  ".join(problems)
    return result


REPORT: list[str] = []  # figures and findings worth reading after a run (weights, axe, choices)


def note(line: str) -> None:
    """Print a line now (visible with -s) and again in the terminal summary."""
    print(line)
    REPORT.append(line.strip("\n"))


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("xxgk browser tests: figures and findings")
        for line in REPORT:
            terminalreporter.write_line(line)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs in a real Chromium")
