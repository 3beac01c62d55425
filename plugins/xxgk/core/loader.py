"""The one loader: ``catalogue/`` and ``content/`` in, an immutable ``Repository`` out."""

from __future__ import annotations

import os
from collections import defaultdict

from . import frontmatter
from .annual import load_annual
from .catalogue import load_catalogue
from .items import read_item
from .model import Item, Repository, _frozen
from .problems import Problem

NOTES = "README.md"  # editors' notes inside content/ are never items


def load(root: str, content_dir: str = "content") -> Repository:
    """Load the repository at ``root``; never raises for bad input, problems are collected."""
    root = os.path.abspath(root)
    problems: list[Problem] = []
    catalogue = load_catalogue(root, problems)
    items: list[Item] = []
    content = os.path.join(root, content_dir)
    if not os.path.isdir(content):
        problems.append(Problem("path-layout", f"找不到信息目录 {content_dir}/，请创建或在配置中指定。"))
    for rel in _item_files(root, content):
        item, found = read_item(root, rel, catalogue)
        problems.extend(found)
        if item is not None:
            items.append(item)
    items.sort(key=lambda i: (i.published, i.index), reverse=True)
    problems.extend(_duplicates(root, items))
    by_index = {}
    for item in items:
        by_index.setdefault(item.index, item)
    applications, annual = load_annual(root, content_dir, catalogue.units, problems)
    return Repository(root, catalogue, tuple(items), tuple(problems), _frozen(by_index), content_dir,
                      applications, _frozen(annual))


def _item_files(root: str, content: str):
    """Every ``*.md`` under content/, as POSIX paths relative to root, in a stable order."""
    stack = [content]
    found = []
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith((".", "_")):  # _annual/ and the like hold data, not items
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            elif entry.name.endswith(".md") and entry.name != NOTES:
                found.append(os.path.relpath(entry.path, root).replace(os.sep, "/"))
    found.sort()
    return found


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
