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


def published_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by site path, gzip files decompressed: what the public can fetch.
    The search index needs no decoding for this: its shards hold tokens as UTF-8 and its records
    are JSON text (see ``search_index`` to read it as data)."""
    import gzip

    found = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            found[path.relative_to(site).as_posix()] = data
    return found


def _varint(data: bytes, at: int) -> tuple[int, int]:
    n = shift = 0
    while True:
        b = data[at]
        at += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return n, at


def _gaps(data: bytes) -> list[int]:
    out, last, at = [], -1, 0
    while at < len(data):
        gap, at = _varint(data, at)
        last += gap + 1
        out.append(last)
    return out


def _list(root: Path, total: int, data: bytes, at: int) -> tuple[list[int], int]:
    """One document list of a shard entry at ``at``: (documents, offset after it)."""
    head, at = _varint(data, at)
    raw, at = data[at:at + (head >> 2)], at + (head >> 2)
    if head & 2:  # in the token's d/ file: its number, the offset and the length there
        file, at_file = _varint(raw, 0)
        start, at_file = _varint(raw, at_file)
        size, _ = _varint(raw, at_file)
        raw = (root / "d" / f"{file}.bin").read_bytes()[start:start + size]
    if head & 1:
        return [k for k in range(total) if raw[k >> 3] >> (k & 7) & 1], at
    return _gaps(raw), at


def search_index(site: Path) -> tuple[dict, list[list], dict[str, tuple[list[int], list[int]]]]:
    """The site's search index decoded, independently of the code that wrote it:
    (manifest, records by document number, token → (documents, title documents))."""
    return read_index(site / "searchindex")


def read_index(root: Path) -> tuple[dict, list[list], dict[str, tuple[list[int], list[int]]]]:
    """An index folder decoded (the site's ``searchindex/`` or a unit's bundle): as search_index."""
    import json

    manifest = json.loads((root / "manifest.json").read_text("utf-8"))
    records: list[list] = []
    for n in range(-(-manifest["documents"] // manifest["records_per_file"])):
        records += json.loads((root / "r" / f"{n}.json").read_text("utf-8"))
    postings = {}
    for n in range(manifest["shards"]):
        data, at = (root / "s" / f"{n}.bin").read_bytes(), 0
        while at < len(data):
            size, at = _varint(data, at)
            token, at = data[at:at + size].decode("utf-8"), at + size
            ids, at = _list(root, manifest["documents"], data, at)
            titles, at = _list(root, manifest["documents"], data, at)
            assert token not in postings, token
            postings[token] = (ids, titles)
    return manifest, records, postings


def leaks(site: Path, *needles: str) -> list[tuple[str, str]]:
    """(site path, needle) for every needle found in any published file."""
    files = published_files(site)
    return [(name, needle) for needle in needles for name, data in files.items() if needle.encode("utf-8") in data]


PROBE = "xxgkprobe"  # every hostile payload in the tests carries it


class _Active(HTMLParser):
    """Markup that would run or navigate: a script, event handler or javascript:/data:/vbscript:
    URL carrying the probe marker, and any meta refresh, base, frame, object or embed."""

    URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "poster", "background"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and PROBE in value.lower():
                self.found.append(f"<{tag} {name}={value[:40]}>")
            if name in self.URL_ATTRS:
                squeezed = "".join(ch for ch in value if ch > " ").lower()
                if squeezed.startswith(("javascript:", "vbscript:", "data:")) and not squeezed.startswith("data:image/png"):
                    self.found.append(f"<{tag} {name}={value[:40]}>")
        if tag in {"iframe", "frame", "object", "embed", "base", "applet"}:
            self.found.append(f"<{tag}>")
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        if tag == "script":
            self._script = []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            text, self._script = "".join(self._script), None
            if PROBE in text.lower():
                self.found.append(f"<script>{text[:60]}</script>")


def active_markup(site: Path) -> list[tuple[str, str]]:
    """(page, what) for every piece of hostile markup that survived into the built HTML."""
    found = []
    for path in site.rglob("*.html"):
        parser = _Active()
        parser.feed(path.read_text("utf-8", errors="replace"))
        found += [(path.relative_to(site).as_posix(), what) for what in parser.found]
    return found
