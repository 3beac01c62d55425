"""The command line speaks Chinese (issue 14, point 3): every help text, usage line, error and
choice list of `xxgk` and its subcommands, argparse's own strings included; every option has a
help line (`--format` says what each format gives); exit 2 for usage and configuration errors
such as a repository without catalogue/."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

import pytest

from conftest import PROJECT
from xxgk.cli import build_parser

# argparse's English, as Python 3.10–3.13 word it (any of these left means a string untranslated),
# and its default metavars (the destination in capitals)
PHRASES = (r"usage|options|optional arguments|positional arguments|show this help|help message|"
           r"version number|the following arguments|are required|invalid choice|choose from|"
           r"unrecognized arguments|expected (one|at most|at least|\d)|ambiguous option|could match|"
           r"not allowed with|error:|argument [-\w]+:|invalid \w+ value|subcommands")
METAVARS = (r"\b(ROOT|CONTENT_DIR|AS_OF|FORMAT|BASE|UNITS|PUBLISHED|UNIT|COLUMN|TITLE|KIND|TOPIC|DATE|"
            r"MONTH|QUARTER|YEAR|COUNT|OUT|CONFIG_FILE|JOBS|SHARDS|COMMAND|REPORT)\b")
ENGLISH = re.compile(f"(?i:{PHRASES})|{METAVARS}")


def xxgk(*args: str, cwd=PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk.cli", *args], capture_output=True, text=True, cwd=cwd)


def subcommands(parser: argparse.ArgumentParser, path=()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from subcommands(sub, path + (name,))


COMMANDS = [path for path, _ in subcommands(build_parser())]


def test_every_command_is_listed():
    assert len(COMMANDS) >= 12 and ("check",) in COMMANDS and ("report", "annual") in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "xxgk")
def test_help_is_chinese_with_a_description_and_every_option_explained(path):
    result = xxgk(*path, "--help")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("用法：xxgk"), text[:80]
    assert not ENGLISH.search(text), ENGLISH.search(text).group(0) + "\n" + text
    parser = dict(subcommands(build_parser()))[path]
    assert parser.description and re.search(r"[\u4e00-\u9fff]", parser.description), "no description"
    assert parser.description in text.replace("\n", "") or parser.description[:20] in text
    for action in parser._actions:
        assert action.help and re.search(r"[\u4e00-\u9fff]", action.help), f"{action.option_strings or action.dest} has no Chinese help"


def test_format_says_what_each_format_gives():
    text = xxgk("check", "--help").stdout.replace("\n", "").replace(" ", "")
    for name in ("text：", "json：", "github："):
        assert name in text


MISTAKES = [
    ((), "缺少必需的参数"),                                            # no command
    (("chek",), "无效的取值 'chek'（可选："),                          # a misspelt command
    (("check", "--format", "xml"), "无效的取值 'xml'（可选：'text', 'json', 'github'）"),
    (("check", "--as-of", "2026-13-01"), "参数 --as-of："),
    (("check", "--verbose"), "无法识别的参数：--verbose"),
    (("check", "--root"), "参数 --root：需要给出一个值"),
    (("shards", "--co", "2"), "选项 --co 不明确"),
    (("new", "--unit", "qcs"), "缺少必需的参数：--column, --title"),
    (("report",), "缺少必需的参数"),
    (("report", "annual", "--unit", "qcs", "--year", "二〇二五"), "应为四位年份"),
    (("shards", "--count", "0"), "应为正整数"),
    (("editor",), "缺少必需的参数：--out"),
]


@pytest.mark.parametrize("args,message", MISTAKES, ids=lambda a: " ".join(a) if isinstance(a, tuple) else None)
def test_usage_errors_are_chinese_and_exit_2(args, message):
    result = xxgk(*args)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert message in result.stderr, result.stderr
    assert "用法：xxgk" in result.stderr and "参数错误" in result.stderr
    assert not ENGLISH.search(result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_a_repository_without_catalogue_is_a_configuration_error(tmp_path):
    for args in (("check",), ("new", "--unit", "qcs", "--column", "tzgg", "--title", "测试"), ("shards", "--count", "2")):
        result = xxgk(*args, "--root", str(tmp_path))
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "catalogue/" in result.stderr and str(tmp_path) in result.stderr
        assert not (tmp_path / "content").exists()
