"""What each subcommand does, over the core and the gate."""

from __future__ import annotations

import sys

from ..core import dates, load
from ..core.problems import CODES
from . import EXIT_FINDINGS, EXIT_OK, UsageError
from .output import FORMATS


def codes() -> int:
    from ..rules import load_all

    load_all()
    for code in sorted(CODES.values(), key=lambda c: c.code):
        print(f"{code.code:24} {code.name}：{code.doc}")
    return EXIT_OK


def run_check(args) -> int:
    from ..rules import GitError, check

    as_of = args.as_of or dates.today_in_china()
    repo = load(args.root, args.content_dir)
    unknown = sorted((args.units or set()) - set(repo.units))
    if unknown:
        raise UsageError(f"--units 中的单位 {', '.join(unknown)} 不存在；可用：{', '.join(repo.units)}")
    try:
        report = check(repo, as_of, base=args.base, units=args.units, use_git=not args.no_git)
    except GitError as exc:
        raise UsageError(str(exc)) from None
    FORMATS[args.format](report, repo, sys.stdout)
    return EXIT_FINDINGS if report.failed else EXIT_OK


def new_item(args) -> int:
    from ..core.newitem import NewItemError, write_new_item

    repo = load(args.root, args.content_dir)
    try:
        path = write_new_item(repo, args.unit, args.column, args.title, args.date or dates.today_in_china(),
                              kind=args.kind, topic=args.topic)
    except NewItemError as exc:
        raise UsageError(str(exc)) from None
    print(f"已新建 {path}\n请填写正文和保密审查记录（review），再运行 xxgk check。")
    return EXIT_OK
