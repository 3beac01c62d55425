#!/usr/bin/env python3
"""Detection and false-positive rates of the personal-data scanner on the labelled corpus.

Usage: scripts/bench_pii.py [--list]

The corpus is tests/pii_corpus.py: positives (disclosure sentences holding resident IDs,
mobiles and bank cards in every written form) and look-alikes (amounts, project codes, serial
and index numbers, document numbers, credit codes, landlines, dates, Luhn-valid codes, masked
numbers). A positive counts as detected when every kind it holds is found; a look-alike counts
as a false positive when anything is found in it. ``--list`` prints the misses and false hits.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import pii_corpus  # noqa: E402

from xxgk.rules.checks.personal_data import find  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--list", action="store_true", help="print every miss and every false hit")
    args = parser.parse_args()
    started = time.perf_counter()
    missed, per_kind, found_kind = [], Counter(), Counter()
    for text, want in pii_corpus.POSITIVES:
        found = {kind for _, kind, _ in find(text)}
        for kind in want:
            per_kind[kind] += 1
            found_kind[kind] += kind in found
        if not want <= found:
            missed.append((text, sorted(want - found)))
    fired = [(text, sorted({kind for _, kind, _ in find(text)})) for text in pii_corpus.NEGATIVES]
    fired = [(text, found) for text, found in fired if found]
    seconds = time.perf_counter() - started
    positives, negatives = len(pii_corpus.POSITIVES), len(pii_corpus.NEGATIVES)
    print(f"detection       {positives - len(missed)}/{positives} = {(positives - len(missed)) / positives:.1%}")
    for kind in sorted(per_kind):
        print(f"  {kind:8}    {found_kind[kind]}/{per_kind[kind]}")
    print(f"false positives {len(fired)}/{negatives} = {len(fired) / negatives:.1%}")
    print(f"({positives + negatives} texts in {seconds * 1000:.1f} ms)")
    if args.list:
        for text, kinds in missed:
            print("missed", kinds, text)
        for text, kinds in fired:
            print("fired ", kinds, text)


if __name__ == "__main__":
    main()
