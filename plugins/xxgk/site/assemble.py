"""Assembling shard outputs into one site (``xxgk merge``, docs/scaling.md §1).

A shard build (``units:`` with ``published:``) writes only its units' files — ``<unit>/…``,
``data/<unit>.csv|json``, ``data/filter/<unit>/…`` (urls.owner) — and the theme's shared files
(``assets/``, ``404.html``). Shard folders are other CI jobs' artifacts, so they are read, not
trusted: every entry must be a regular file or a folder (no link, device or socket), every file
must belong to a unit of the catalogue or be a shared file, and every unit must come from exactly
one place — one shard, or (for a pull request that rebuilt a few units) the last published site
given as ``base``. Shared files must be the same bytes in every shard: shards built from different
versions of the site are refused, not mixed.

What a shard cannot see is checked here, over the assembled data: an 索引号 used by two units.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field

from ..core import published as published_data
from ..core.problems import Problem
from . import urls


class MergeError(Exception):
    """What is wrong with the shards, in Chinese, naming the folder and the file."""


@dataclass
class Source:
    folder: str
    base: bool = False  # the last published site: only the units no shard brings are taken
    files: dict[str, list[str]] = field(default_factory=dict)  # unit → its site paths
    shared: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"已发布站点 {self.folder}" if self.base else f"分片 {self.folder}"


def inventory(folder: str, units, *, base: bool = False) -> Source:
    """Every file of ``folder`` by owning unit; a stray file (site-level in a shard, unknown, a
    link) raises MergeError. ``base``: a whole published site, whose site-level files are ignored
    (the merge builds them anew)."""
    source = Source(folder, base)
    if not os.path.isdir(folder) or os.path.islink(folder):
        raise MergeError(f"{source.label} 不存在或不是目录。")
    stack = [""]
    while stack:
        rel = stack.pop()
        with os.scandir(os.path.join(folder, rel)) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                path = rel + entry.name
                if entry.is_symlink() or not (entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False)):
                    raise MergeError(f"{source.label} 中的 {path} 是链接或特殊文件；分片输出只能有普通文件和目录。")
                if entry.is_dir(follow_symlinks=False):
                    stack.append(path + "/")
                    continue
                unit = urls.owner(path, units)
                if unit is not None:
                    source.files.setdefault(unit, []).append(path)
                elif urls.shared(path):
                    source.shared.append(path)
                elif not base:
                    raise MergeError(f"{source.label} 含有不属于任何单位的文件 {path}：分片只应生成本组单位的文件。"
                                     "请用 XXGK_UNITS 和 XXGK_PUBLISHED 重新构建该分片（见 docs/scaling.md）。")
    for unit in source.files:
        if f"{urls.DATA}{unit}.json" not in source.files[unit]:
            raise MergeError(f"{source.label} 有单位 {unit} 的页面，却没有它的 data/{unit}.json：分片不完整，请重新构建。")
    return source


def plan(shards: list[Source], base: Source | None, units) -> dict[str, Source]:
    """Unit → the source it is taken from. Shards must be disjoint; with ``base``, the units no
    shard brings come from it; every unit of the catalogue must be covered."""
    taken: dict[str, Source] = {}
    for shard in shards:
        for unit in shard.files:
            if unit in taken:
                raise MergeError(f"单位 {unit} 同时出现在{taken[unit].label}和{shard.label}中：分片必须互不重叠。"
                                 "请按 xxgk shards 的分组构建。")
            taken[unit] = shard
    if base is not None:
        for unit in base.files:
            taken.setdefault(unit, base)
    missing = [u for u in units if u not in taken]
    if missing:
        raise MergeError(f"缺少单位 {', '.join(missing)} 的分片输出：每个单位必须恰好出现在一个分片中"
                         f"{'（或在已发布站点中）' if base is not None else '（或用 --base 给出已发布站点）'}。")
    return taken


def same_shared(sources: list[Source]) -> None:
    """The theme's files are the same bytes in every shard."""
    first: dict[str, tuple[str, bytes]] = {}
    for source in sources:
        for path in source.shared:
            with open(os.path.join(source.folder, path), "rb") as fh:
                data = fh.read()
            if path in first and first[path][1] != data:
                raise MergeError(f"{path} 在{first[path][0]}和{source.label}中不同：各分片须用同一版本构建。")
            first.setdefault(path, (source.label, data))


def copy(taken: dict[str, Source], shards: list[Source], target: str, *, move: bool = False) -> None:
    """Copy every unit's files from its source, and the shards' shared files, into ``target``.
    ``move``: the shards are this process's own scratch folders (``xxgk build --shards``), so
    their unit files are renamed into place instead (the shared files are still copied: they are
    compared again after the site-level build)."""
    for unit, source in taken.items():
        for path in source.files[unit]:
            _copy(source.folder, path, target, move=move and not source.base)
    for shard in shards[:1]:  # (the same bytes in all: same_shared)
        for path in shard.shared:
            _copy(shard.folder, path, target)


def _copy(folder: str, path: str, target: str, *, move: bool = False) -> None:
    dest = os.path.join(target, path)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    if move:
        try:
            os.replace(os.path.join(folder, path), dest)
            return
        except OSError:  # (another file system: copy)
            pass
    shutil.copyfile(os.path.join(folder, path), dest, follow_symlinks=False)


def duplicate_indexes(folder: str, units) -> list[str]:
    """索引号 that two units' data list (a shard checks duplicates among its own items only)."""
    owners: dict[str, str] = {}
    found = []
    for unit in units:
        problems: list[Problem] = []
        data = published_data.read(folder, {unit}, problems)
        if problems:
            raise MergeError(problems[0].message)
        for index in data.records:
            if index in owners:
                found.append(f"索引号 {index} 同时出现在单位 {owners[index]} 和 {unit} 的信息中（index-duplicate）："
                             "请改正其中一条的索引号后重新构建这两个分片。")
            owners.setdefault(index, unit)
    return found


def copy_all(folder: str, target: str) -> None:
    """Every file of the merge's site-level build (checked by ``inventory``; a scratch folder of
    the merge's own) moved into ``target``."""
    for top, _, names in os.walk(folder):
        for name in names:
            _copy(folder, os.path.relpath(os.path.join(top, name), folder), target, move=True)


def merge_search(folder: str, catalogue) -> dict | None:
    """The site-wide search index from the units' bundles (``<unit>/searchindex/``), when the
    shards wrote them (the plugin's ``search: false`` writes none)."""
    units = list(catalogue.units.values())
    have = [u.id for u in units if os.path.isfile(os.path.join(folder, u.id, "searchindex", "manifest.json"))]
    if not have:
        return None
    if len(have) != len(units):
        missing = sorted(set(catalogue.units) - set(have))
        raise MergeError(f"单位 {', '.join(missing)} 没有搜索索引（<单位>/searchindex/）：各分片须用相同的 search 设置构建。")
    from .searchmerge import merge_bundles

    return merge_bundles(folder, units, site_pages=True)
