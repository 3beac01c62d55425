"""The Nu Html Checker (vnu-jar from the npm registry, run with Debian's Java) over every HTML page
of the built demo: 0 errors. An inspector who runs vnu on the site sees what this test sees.

Every page, not a sample: the demo's ~330 pages take about 15 s. Needs ``npm ci --prefix
tests/browser`` (vnu.jar) and ``java``; without them the test is skipped loudly, like the browser
tests without Chromium. ``.ci/run`` installs both."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter

from .conftest import AS_OF, HERE, _skip_loudly
from .pagekinds import page_kinds

VNU = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_check(site) -> list[dict]:
    if not VNU.is_file():
        _skip_loudly("vnu check SKIPPED: no vnu.jar (npm ci --prefix tests/browser)")
    java = shutil.which("java")
    if java is None:
        _skip_loudly("vnu check SKIPPED: no java (apt-get install default-jre-headless)")
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
                          capture_output=True, text=True, timeout=600)
    return json.loads(done.stderr or '{"messages": []}')["messages"]


def test_every_page_is_valid_html(site_dir, model):
    pages = list(site_dir.rglob("*.html"))
    # every kind of page is among them (the sample an inspector would take)
    for kind, url in page_kinds(model, AS_OF).items():
        if kind in ("404", "search"):
            continue
        assert (site_dir / url / "index.html").is_file(), f"{kind}: {url} was not built"
    assert (site_dir / "404.html").is_file()
    errors = nu_check(site_dir)
    summary = Counter(m.get("message", "")[:120] for m in errors)
    where = [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}" for m in errors[:10]]
    assert not errors, f"{len(errors)} vnu errors over {len(pages)} pages; most common: {summary.most_common(5)}; first: {where}"


def test_the_checker_reports_an_invalid_page(tmp_path):
    """The check can fail: Material's own markup (what the plugin repairs) is reported."""
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="zh-CN"><head><title>t</title></head><body>'
        '<input type="checkbox" id="__drawer" autocomplete="off"><label tabindex="">x</label></body></html>', "utf-8")
    messages = nu_check(tmp_path)
    assert any("autocomplete" in m["message"] for m in messages)
    assert any("tabindex" in m["message"] for m in messages)

