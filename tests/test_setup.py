"""scripts/setup installs what each job needs (issue 14, point 4): the site's dependencies for
scripts/demo — no Playwright, no test tools — and says what it is doing while it does it."""

from __future__ import annotations

import os
import subprocess

from conftest import PROJECT


def test_the_demo_set_up_installs_the_site_without_the_test_tools(tmp_path):
    venv = tmp_path / "venv"
    result = subprocess.run(["bash", str(PROJECT / "scripts" / "setup")], capture_output=True, text=True,
                            env={**os.environ, "XXGK_VENV": str(venv)}, cwd=PROJECT, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "xxgk 安装：创建虚拟环境" in result.stdout and "Collecting mkdocs" in result.stdout
    assert "xxgk 安装：完成" in result.stdout
    python = str(venv / "bin" / "python")
    assert subprocess.run([python, "-c", "import xxgk, mkdocs, material"]).returncode == 0
    for tool in ("playwright", "pytest", "hypothesis"):
        assert subprocess.run([python, "-c", f"import {tool}"], capture_output=True).returncode != 0, tool
    again = subprocess.run(["bash", str(PROJECT / "scripts" / "setup")], capture_output=True, text=True,
                           env={**os.environ, "XXGK_VENV": str(venv)}, cwd=PROJECT, timeout=300)
    assert again.returncode == 0 and "Collecting" not in again.stdout  # installed once


def test_setup_refuses_an_unknown_extra():
    result = subprocess.run(["bash", str(PROJECT / "scripts" / "setup"), "everything"], capture_output=True, text=True,
                            cwd=PROJECT)
    assert result.returncode == 2 and "未知的参数 everything" in result.stderr
