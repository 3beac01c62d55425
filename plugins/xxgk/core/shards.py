"""Shards for a CI job matrix: groups of units balanced by item count.

Items are counted as the loader finds them (every ``*.md`` under ``content/<unit>/`` outside
``_``/``.`` folders, README.md excepted), by a walk that never follows a link and parses no
YAML, so counting 100,000 items costs a directory walk. Balancing is the greedy
longest-processing-time rule: units by item count, largest first (ties in catalogue order), each
to the lightest shard so far (ties: fewer units, then the lower shard number). Same input, same
shards: the matrix can be generated on every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import safefs
from .loader import _item_files


@dataclass
class Shard:
    number: int  # 1-based
    units: list[str] = field(default_factory=list)  # in catalogue order
    items: int = 0


def count_items(root: str, content_dir: str, unit: str) -> int:
    """The unit's item files, as the loader would read them (no front matter read)."""
    top = f"{content_dir.strip('/')}/{unit}"
    return len(_item_files(top, safefs.walk(root, top)))


def balance(counts: dict[str, int], count: int) -> list[Shard]:
    """``counts`` (unit → items, in catalogue order) into ``min(count, len(counts))`` shards."""
    if count < 1:
        raise ValueError("count must be ≥ 1")
    order = {unit: n for n, unit in enumerate(counts)}
    shards = [Shard(n + 1) for n in range(min(count, len(counts)))]
    for unit in sorted(counts, key=lambda u: (-counts[u], order[u])):
        lightest = min(shards, key=lambda s: (s.items, len(s.units), s.number))
        lightest.units.append(unit)
        lightest.items += counts[unit]
    for shard in shards:
        shard.units.sort(key=order.__getitem__)
    return shards


def matrix(shards: list[Shard]) -> dict:
    """The ``strategy.matrix`` of a GitHub Actions job (``include`` rows; GitLab reads the same)."""
    return {"include": [{"shard": s.number, "units": ",".join(s.units), "items": s.items} for s in shards]}
