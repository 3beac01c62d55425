"""The `xxgk` command: exit codes and the JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import PROJECT


def xxgk(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "xxgk.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_demo_passes_at_its_reference_date():
    result = xxgk("check", "--root", str(PROJECT), "--as-of", "2026-11-20")
    assert result.returncode == 0, result.stdout
    assert "0 个错误" in result.stdout


def test_findings_exit_1_with_json_findings(repo):
    repo.item(published="2025-02-30")
    result = xxgk("check", "--root", str(repo.root), "--as-of", "2026-11-20", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["as_of"] == "2026-11-20"
    (finding,) = report["findings"]
    assert finding["rule"] == "schema" and finding["severity"] == "error"
    assert finding["path"] == "content/czj/gzdt/2025/item.md" and finding["line"] == 6
    assert finding["unit"] == "czj" and finding["column"] == "gzdt"


def test_usage_errors_exit_2_without_traceback(tmp_path):
    bad_date = xxgk("check", "--as-of", "2026-02-30")
    missing_root = xxgk("check", "--root", str(tmp_path / "nowhere"))
    for result in (bad_date, missing_root):
        assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "2026-02-30" in bad_date.stderr


def test_codes_lists_every_registered_code():
    from xxgk.core import CODES

    out = xxgk("codes").stdout
    assert all(code in out for code in CODES)
