"""Helpers to read a built site: pages, links, and the primary navigation."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

TEXT_SUFFIXES = {".html", ".xml", ".json", ".js", ".css", ".txt", ".csv", ".svg", ".map"}


class _Links(HTMLParser):
    """Collects hrefs, and separately the hrefs inside the primary nav (<nav class="md-nav--primary">)."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.nav_hrefs: list[str] = []
        self._nav_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav":
            if self._nav_depth or "md-nav--primary" in (attrs.get("class") or ""):
                self._nav_depth += 1
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
            if self._nav_depth:
                self.nav_hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1


def page(site: Path, url: str) -> str:
    path = site / url / "index.html"
    assert path.is_file(), f"missing page /{url}"
    return path.read_text("utf-8")


def links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def resolve(url: str, href: str) -> str:
    """Site-relative target of a relative href on the page at ``url``."""
    import posixpath

    target = posixpath.normpath(posixpath.join("/" + url, href.split("#")[0]))
    return (target.lstrip("/") + "/") if href.endswith("/") and target != "/" else target.lstrip("/")


def text_files(site: Path):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            yield path, path.read_text("utf-8", errors="replace")
