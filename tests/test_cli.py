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
    (finding,) = [f for f in report["findings"] if f["path"]]  # the rest are unit-level (blank columns)
    assert finding["rule"] == "schema" and finding["severity"] == "error"
    assert finding["path"] == "content/czj/gzdt/2025/item.md" and finding["line"] == 6
    assert finding["unit"] == "czj" and finding["column"] == "gzdt"
    assert report["withheld"] == {"content/czj/gzdt/2025/item.md": ["schema"]}  # what no build will publish


def test_text_output_names_the_items_no_build_will_publish(repo):
    repo.item(body="联系人手机 13812345678。\n")
    result = xxgk("check", "--root", str(repo.root), "--as-of", "2026-11-20")
    assert result.returncode == 1
    assert "构建网站时将暂不发布 1 条信息" in result.stdout and "content/czj/gzdt/2025/item.md" in result.stdout


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


def test_every_code_is_explained_in_the_editors_guide():
    from xxgk.core import CODES
    from xxgk.rules import load_all

    load_all()
    guide = (PROJECT / "EDITING.md").read_text("utf-8")
    assert [code for code in CODES if f"| `{code}` |" not in guide] == []


def test_new_item_takes_the_next_free_index_and_passes_the_schema(repo):
    from xxgk.core import load

    repo.item(index="11990700003016315Q/2026-00007", published="2026-03-02", formed="2026-03-02",
              review={"reviewer": "王敏", "date": "2026-03-02", "result": "同意公开"})
    result = xxgk("new", "--root", str(repo.root), "--unit", "czj", "--column", "tzgg", "--title", "关于：测试的通知",
                  "--date", "2026-11-24")
    assert result.returncode == 0, result.stderr
    loaded = load(str(repo.root))
    assert loaded.problems == ()
    new = next(i for i in loaded.items if i.title == "关于：测试的通知")
    assert new.index == "11990700003016315Q/2026-00008" and new.kind == "通知公告" and new.column == "tzgg"
    assert new.path == "content/czj/tzgg/2026/2026-00008-guan-yu-ce-shi-de-tong-zhi.md"


def test_new_item_refuses_unknown_unit_and_column_listing_valid_ones(repo):
    unit = xxgk("new", "--root", str(repo.root), "--unit", "nosuch", "--column", "tzgg", "--title", "x")
    column = xxgk("new", "--root", str(repo.root), "--unit", "czj", "--column", "gz", "--title", "x")
    assert unit.returncode == 2 and "czj" in unit.stderr and "qcs" in unit.stderr
    assert column.returncode == 2 and "gfxwj（行政规范性文件）" in column.stderr and "Traceback" not in column.stderr


def test_github_format_annotates_files(repo):
    repo.item(doc_number="青财发[2025]3号")
    out = xxgk("check", "--root", str(repo.root), "--as-of", "2026-11-20", "--format", "github", "--no-git").stdout
    assert "::error file=content/czj/gzdt/2025/item.md,line=" in out and "title=doc-number-format::" in out


def test_json_summary_counts_columns_and_vetoes(repo):
    repo.item()
    report = json.loads(xxgk("check", "--root", str(repo.root), "--as-of", "2026-11-20", "--format", "json", "--no-git").stdout)
    czj = report["summary"]["czj"]
    assert czj["blank"] >= 5 and czj["veto"] is True and "blank" in czj["veto_reasons"]
    assert set(report["summary"]) == {"qcs", "czj", "sthjj", "scjgj", "lsx", "hxz", "cxjd"}
