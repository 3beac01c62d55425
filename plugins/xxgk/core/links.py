"""Relative links in an item's Markdown body: what the gate checks and the site rewrites."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

_MARKDOWN = re.compile(r"!?\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"'\n]*[\"'])?\s*\)")
_HTML = re.compile(r"\b(?:href|src)\s*=\s*[\"']([^\"']+)[\"']", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class Link:
    offset: int  # of the target in the body
    target: str  # as written
    path: str  # repository-relative POSIX path it points at (no query or fragment)
    span: tuple[int, int]  # the whole link in the body
    text: str | None  # a Markdown link's text; None for an HTML attribute
    fragment: str = ""  # "#…" kept for the rewritten link


def is_local(target: str) -> bool:
    """A link to a file of this repository: relative, no scheme, not a bare fragment."""
    return not (_SCHEME.match(target) or target.startswith(("//", "/", "#", "?")))


def local_links(body: str, item_path: str) -> list[Link]:
    """Every relative link or image in the body, resolved against the item's folder."""
    folder = posixpath.dirname(item_path)
    found = []
    for pattern, group in ((_MARKDOWN, 2), (_HTML, 1)):
        for match in pattern.finditer(body):
            target = match.group(group)
            if not is_local(target):
                continue
            clean = unquote(target.split("#", 1)[0].split("?", 1)[0])
            if clean:
                fragment = "#" + target.split("#", 1)[1] if "#" in target else ""
                found.append(Link(match.start(group), target, posixpath.normpath(posixpath.join(folder, clean)),
                                  match.span(), match.group(1) if group == 2 else None, fragment))
    found.sort(key=lambda link: link.offset)
    return found
