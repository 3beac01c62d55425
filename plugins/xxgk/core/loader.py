"""The one loader: ``catalogue/`` and ``content/`` in, an immutable ``Repository`` out."""

from __future__ import annotations

import os
from collections import defaultdict

from . import frontmatter, safefs
from . import published as published_data
from .annual import load_annual
from .catalogue import load_catalogue
from .items import read_item
from .model import Item, Repository, _frozen
from .problems import Problem

NOTES = "README.md"  # editors' notes inside content/ are never items


def load(root: str, content_dir: str = "content", units=None, published: str | None = None) -> Repository:
    """Load the repository at ``root``; never raises for bad input, problems are collected.

    ``units``: a shard — read ``catalogue/`` and only these units' ``content/<unit>/`` (no file
    under another unit's folder is opened, listed or looked at); references to other units
    resolve from their open data in ``published`` (a previous build's site folder, core.published)."""
    root = os.path.abspath(root)
    problems: list[Problem] = []
    problems.extend(_links(root, "catalogue", safefs.walk(root, "catalogue")))
    catalogue = load_catalogue(root, problems)
    items: list[Item] = []
    content_dir = content_dir.strip("/")
    shard = None if units is None else frozenset(units)
    if not os.path.isdir(os.path.join(root, content_dir)):
        problems.append(Problem("path-layout", f"找不到信息目录 {content_dir}/，请创建或在配置中指定。"))
    tree = safefs.walk(root, content_dir) if shard is None else _walk_units(root, content_dir, shard, catalogue, problems)
    problems.extend(_links(root, content_dir, tree))
    for path, reason in tree.unreadable:
        problems.append(Problem("encoding", f"{path} 无法读取（{reason}），请检查文件权限。", path))
    for rel in _item_files(content_dir, tree):
        item, found = read_item(root, rel, catalogue, tree.files)
        problems.extend(found)
        if item is not None:
            items.append(item)
    items.sort(key=lambda i: (i.published, i.index), reverse=True)
    problems.extend(_duplicates(root, items))
    by_index = {}
    for item in items:
        by_index.setdefault(item.index, item)
    loaded = set(catalogue.units) if shard is None else shard & set(catalogue.units)
    applications, annual = load_annual(root, content_dir, loaded, problems)
    others = published_data.read(published, set(catalogue.units) - loaded, problems) if shard is not None else None
    return Repository(root, catalogue, tuple(items), tuple(problems), _frozen(by_index), content_dir,
                      applications, _frozen(annual), _frozen(tree.files),
                      None if shard is None else frozenset(loaded), others)


def _walk_units(root: str, content_dir: str, shard: frozenset[str], catalogue, problems: list[Problem]) -> safefs.Tree:
    """One walk per unit of the shard: ``content/`` itself is never listed, so neither another
    unit's folder nor a stray file beside them is touched."""
    tree = safefs.Tree()
    for unit in sorted(shard):
        if unit not in catalogue.units:
            problems.append(Problem("unknown-unit", (
                f"要载入的单位 {unit} 不在 catalogue/units/ 中，可用的单位：{', '.join(catalogue.units)}。"), unit=unit))
            continue
        part = safefs.walk(root, f"{content_dir}/{unit}")
        tree.files.update(part.files)
        tree.links.extend(part.links)
        tree.unreadable.extend(part.unreadable)
    tree.links.sort()
    return tree


def _item_files(content_dir: str, tree: safefs.Tree) -> list[str]:
    """Every regular ``*.md`` under content/ (relative to root, POSIX), in a stable order; folders
    and files starting with ``_`` or ``.`` (``_annual/`` and the like) hold data, not items."""
    found = []
    for path in tree.files:
        parts = path[len(content_dir) + 1:].split("/")
        if parts[-1].endswith(".md") and parts[-1] != NOTES and not any(p.startswith((".", "_")) for p in parts):
            found.append(path)
    found.sort()
    return found


def _links(root: str, top: str, tree: safefs.Tree) -> list[Problem]:
    """Every symbolic link met, as an error at its own path: links are never followed."""
    problems = []
    for path in tree.links:
        parts = path.split("/")
        unit, column = (parts[1] if len(parts) > 2 else None, parts[2] if len(parts) > 3 else None) \
            if top != "catalogue" else (None, None)
        try:
            target = os.readlink(os.path.join(root, path))
        except OSError:
            target = "?"
        problems.append(Problem("symlink", (
            f"{path} 是符号链接（指向 {target}）。为防止把仓库以外的文件发布上网，系统从不读取符号链接；"
            f"请删除链接（git rm），把真实文件放到这里。"), path, None, unit, column))
    return problems


def _duplicates(root: str, items: list[Item]) -> list[Problem]:
    """Every copy of a repeated 索引号 is reported, naming the other copies."""
    by_index: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        if item.serial:
            by_index[item.index].append(item)
    problems = []
    for index, copies in by_index.items():
        if len(copies) < 2:
            continue
        for item in copies:
            others = "、".join(o.path for o in copies if o is not item)
            problems.append(Problem(
                "index-duplicate", f"索引号 {index} 与 {others} 重复；新信息请改用本单位本年度下一个未用的流水号。",
                item.path, frontmatter.field_line(frontmatter.read_front(os.path.join(root, item.path)), ("index",)),
                item.unit, item.column,
            ))
    return problems
