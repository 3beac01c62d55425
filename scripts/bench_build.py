#!/usr/bin/env python3
"""Build time against corpus size: is the xxgk build linear in the number of items?

Usage: scripts/bench_build.py [--sizes 1000 5000] [--out bench-out]

For each size: generate the synthetic corpus (scripts/synth.py), run the loader alone, then a
real `mkdocs build` in a fresh process; report seconds, ms per item and the ratio to the first
size. Figures go to BENCHMARKS.md by hand, with the machine they came from.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402

from xxgk.core import load  # noqa: E402


def build_seconds(repo: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(repo / "mkdocs.yml"), "-d", str(repo / "site")],
                   check=True, env=env)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{'items':>8} {'pages':>8} {'load s':>8} {'build s':>8} {'ms/item':>8} {'× first':>8}")
    first = None
    for size in args.sizes:
        repo = synth.make(args.out / f"corpus-{size}", size)
        started = time.perf_counter()
        model = load(str(repo))
        load_s = time.perf_counter() - started
        assert model.ok, model.problems[:3]
        seconds = build_seconds(repo)
        pages = sum(1 for _ in (repo / "site").rglob("index.html"))
        first = first or seconds
        print(f"{size:>8} {pages:>8} {load_s:>8.2f} {seconds:>8.2f} {1000 * seconds / size:>8.2f} {seconds / first:>8.2f}")


if __name__ == "__main__":
    main()
