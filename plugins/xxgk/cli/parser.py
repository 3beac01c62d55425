"""argparse, in Chinese throughout: the editors who run ``xxgk`` read no English.

argparse builds its usage line, its section titles and its error messages from English strings
passed through ``gettext`` (looked up by the module name ``_`` at the time of the call). Rather
than depend on a locale and a catalogue file installed on the editor's machine, the parser sets
its own section titles and ``-h`` help, prefixes the usage with 用法, and while it parses it puts
the translations below in place of argparse's ``_`` and ``ngettext`` (restored afterwards, so no
other user of argparse in the process is affected). A message argparse gains in a later Python and
this table lacks stays English: ``tests/test_cli_language.py`` runs every command's help and the
usual mistakes and fails on any English left.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager

EXIT_USAGE = 2

MESSAGES = {  # argparse's own strings (Python 3.10–3.13) → ours
    "usage: ": "用法：",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "以下参数须给出其中之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "此选项不接受值：%r",
    "expected one argument": "需要给出一个值",
    "expected at most one argument": "至多给出一个值",
    "expected at least one argument": "至少给出一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的取值 %(value)r（可选：%(choices)s）",
    "invalid choice: %(value)r, maximum number of choices is %(max)d": "无效的取值 %(value)r",
    "invalid %(type)s value: %(value)r": "无效的取值 %(value)r",
    "can't open '%(filename)s': %(error)s": "无法打开 %(filename)s：%(error)s",
    "unexpected option string: %s": "意外的选项 %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有子命令 %(parser_name)r（可选：%(choices)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：参数错误：%(message)s\n",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
}
PLURALS = {"expected %s argument": "需要给出 %s 个值"}


def _chinese(message):
    return MESSAGES.get(message, message)


def _chinese_plural(singular, plural, n):
    return PLURALS.get(singular, singular if n == 1 else plural)


@contextmanager
def chinese():
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _chinese, _chinese_plural
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose every word is Chinese; a usage error exits 2 (the documented
    status of a configuration or usage error) with the usage and the message."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", Formatter)
        kwargs["add_help"] = False
        with chinese():
            super().__init__(*args, **kwargs)
        self._positionals.title, self._optionals.title = "位置参数", "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def parse_args(self, args=None, namespace=None):  # (its "unrecognized arguments" is its own)
        with chinese():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        with chinese():
            return super().parse_known_args(args, namespace)

    def format_help(self):
        with chinese():
            return super().format_help()

    def format_usage(self):
        with chinese():
            return super().format_usage()

    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"{self.prog}：参数错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)
