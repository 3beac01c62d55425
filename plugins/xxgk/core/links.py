"""Relative links in an item's Markdown body: what the gate checks and the site rewrites."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

_MARKDOWN = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"'\n]*[\"'])?\s*\)")
_HTML = re.compile(r"\b(?:href|src)\s*=\s*[\"']([^\"']+)[\"']", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class Link:
    offset: int  # in the body
    target: str  # as written
    path: str  # repository-relative POSIX path it points at (no query or fragment)


def is_local(target: str) -> bool:
    """A link to a file of this repository: relative, no scheme, not a bare fragment."""
    return not (_SCHEME.match(target) or target.startswith(("//", "/", "#", "?")))


def local_links(body: str, item_path: str) -> list[Link]:
    """Every relative link or image in the body, resolved against the item's folder."""
    folder = posixpath.dirname(item_path)
    found = []
    for pattern in (_MARKDOWN, _HTML):
        for match in pattern.finditer(body):
            target = match.group(1)
            if not is_local(target):
                continue
            clean = unquote(target.split("#", 1)[0].split("?", 1)[0])
            if clean:
                found.append(Link(match.start(1), target, posixpath.normpath(posixpath.join(folder, clean))))
    found.sort(key=lambda link: link.offset)
    return found
