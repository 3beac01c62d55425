#!/usr/bin/env python3
"""Throughput of `xxgk check` (non-git rules) against a bare CSafeLoader pass.

Usage: scripts/bench_check.py [--items 100000] [--out bench-out]

Three passes over the same synthetic corpus (scripts/synth.py), one core, warm file cache:
  bare   read every item file and parse its front matter with yaml.CSafeLoader, nothing else
  load   the xxgk loader: read, split, parse, validate against the schema, build the model
  check  load + every rule that does not need git (what `xxgk check --no-git` does)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402

from xxgk.core import load  # noqa: E402
from xxgk.rules import check  # noqa: E402


def bare(root: Path) -> int:
    count = 0
    for folder, _, names in os.walk(root / "content"):
        for name in names:
            if name.endswith(".md"):
                text = open(os.path.join(folder, name), encoding="utf-8").read()
                yaml.load(text.split("\n---", 1)[0][4:], Loader=yaml.CSafeLoader)
                count += 1
    return count


def timed(label: str, run, items: int) -> float:
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    print(f"{label:6} {seconds:8.2f} s {items / seconds:10,.0f} items/s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    args = parser.parse_args()
    root = args.out / f"check-{args.items}"
    if not (root / "content").is_dir():
        synth.make(root, args.items)
    bare(root)  # warm the file cache
    import datetime

    as_of = datetime.date(2026, 11, 20)
    t_bare = timed("bare", lambda: bare(root), args.items)
    t_load = timed("load", lambda: load(str(root)), args.items)
    repo = load(str(root))
    t_rules = timed("rules", lambda: check(repo, as_of, use_git=False), args.items)
    total = t_load + t_rules
    print(f"check  {total:8.2f} s {args.items / total:10,.0f} items/s  ({total / t_bare:.2f}× the bare CSafeLoader pass)")


if __name__ == "__main__":
    main()
