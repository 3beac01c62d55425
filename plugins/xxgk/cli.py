"""The ``xxgk`` command: a thin face over the core (and, later, the rules and reports)."""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict

from . import __version__
from .core import dates, load
from .core.problems import CODES

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 with a message, never a traceback
        self.print_usage(sys.stderr)
        print(f"xxgk: 参数错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _day(value: str):
    try:
        return dates.parse_day(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="xxgk", description="政府信息公开发布流水线")
    parser.add_argument("--version", action="version", version=f"xxgk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = commands.add_parser("check", help="检查目录数据与信息文件")
    check.add_argument("--root", default=".", help="仓库根目录（含 catalogue/ 与 content/），默认当前目录")
    check.add_argument("--content-dir", default="content", help="信息目录，默认 content")
    check.add_argument("--as-of", type=_day, default=None, help="检查基准日期 YYYY-MM-DD，默认北京时间今天")
    check.add_argument("--format", choices=("text", "json"), default="text")
    commands.add_parser("codes", help="列出所有问题代码及说明")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "codes":
        for code in CODES.values():
            print(f"{code.code:20} {code.name}：{code.doc}")
        return EXIT_OK
    return _check(args)


def _check(args) -> int:
    import os

    if not os.path.isdir(args.root):
        print(f"xxgk: 找不到仓库目录 {args.root}", file=sys.stderr)
        return EXIT_USAGE
    as_of = args.as_of or dates.today_in_china()
    repo = load(args.root, args.content_dir)
    problems = repo.problems
    if args.format == "json":
        print(json.dumps({
            "as_of": as_of.isoformat(),
            "findings": [{"rule": p.code, "severity": p.severity, "path": p.path, "line": p.line,
                          "unit": p.unit, "column": p.column, "message": p.message} for p in problems],
        }, ensure_ascii=False, indent=2))
    else:
        _print_text(problems, len(repo.items), as_of)
    return EXIT_OK if repo.ok else EXIT_FINDINGS


def _print_text(problems, item_count: int, as_of) -> None:
    grouped = defaultdict(list)
    for problem in problems:
        grouped[problem.unit or "（目录数据与其他）"].append(problem)
    for unit, found in grouped.items():
        print(f"\n■ {unit}")
        for problem in found:
            print(f"  {problem.format()}")
    errors = sum(p.severity == "error" for p in problems)
    print(f"\n检查基准日 {as_of}：{item_count} 条信息，{errors} 个错误，{len(problems) - errors} 个警告。")


if __name__ == "__main__":
    sys.exit(main())
