"""Reading editor files without ever leaving the repository.

Everything under ``content/`` and ``catalogue/`` is untrusted. A symbolic link there could point
at ``/etc/passwd`` or ``/proc/self/environ`` (where CI keeps its secrets), and git stores links
as ordinary entries (mode 120000), so a pull request can add one. The rule is structural: no
link is ever followed, whatever it points at; a link is reported (code ``symlink``) and the
files the loader hands on are only regular files reached through real folders.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field


@dataclass
class Tree:
    """One walk of a folder: its regular files (path relative to the root → size) and every
    symbolic link met (never followed; a linked folder is not entered)."""

    files: dict[str, int] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def walk(root: str, rel: str) -> Tree:
    """Walk ``root/rel`` without following links; paths in POSIX form relative to ``root``."""
    tree = Tree()
    if _linked_component(root, rel):
        tree.links.append(rel)
        return tree
    stack = [rel]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(os.path.join(root, folder)))
        except FileNotFoundError:
            continue
        except OSError as exc:
            tree.unreadable.append((folder, exc.strerror or str(exc)))
            continue
        for entry in entries:
            path = f"{folder}/{entry.name}"
            try:
                if entry.is_symlink():
                    tree.links.append(path)
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(path)
                elif entry.is_file(follow_symlinks=False):
                    tree.files[path] = entry.stat(follow_symlinks=False).st_size
                # sockets, fifos, devices: never content; skipped like a missing file
            except OSError as exc:
                tree.unreadable.append((path, exc.strerror or str(exc)))
    tree.links.sort()
    return tree


def _linked_component(root: str, rel: str) -> bool:
    """Whether any folder on the way from ``root`` to ``rel`` (the last part included) is a link."""
    path = root
    for part in rel.split("/"):
        path = os.path.join(path, part)
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return True
        except OSError:
            return False
    return False


def is_regular(root: str, rel: str) -> bool:
    """A regular file reached from ``root`` through real folders only (no link on the way)."""
    if rel.startswith("/") or ".." in rel.split("/"):
        return False
    if _linked_component(root, rel):
        return False
    try:
        return stat.S_ISREG(os.lstat(os.path.join(root, rel)).st_mode)
    except OSError:
        return False


def read_bytes(root: str, rel: str) -> bytes:
    """The bytes of ``root/rel``; ``OSError(ELOOP)`` when a link is on the way, so a caller that
    reports unreadable files reports this one too. Never reads outside ``root``."""
    if rel.startswith("/") or ".." in rel.split("/") or _linked_component(root, rel):
        raise OSError(errno.ELOOP, "符号链接（不读取链接指向的文件）", rel)
    fd = os.open(os.path.join(root, rel), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        return fh.read()
