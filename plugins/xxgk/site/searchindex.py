"""The site's own static search index (issue 10): a reader's query fetches a handful of small files.

Why not Pagefind: it segments Chinese at build time with one segmenter and the browser segments the
query with another (Pagefind#1237), so pasted titles found nothing; and it holds the whole index in
memory (8.4 GB for 100k pages). Here index and query use the same tokens (``searchtokens.py``):
overlapping character bigrams, every single character, Latin and digit words. A query finds the
documents that hold every one of its tokens (containment, as a reader expects).

Layout under ``searchindex/`` of the built site (read by ``assets/xxgk/search.js``):

- ``manifest.json``: format, number of documents and of pages, shard count, records per file,
  and the filter values with their counts (the search page's selects);
- ``s/<n>.bin``: the postings of every token whose FNV-1a hash (of its UTF-8) is ``n`` modulo the
  shard count; shards are sized so that each is a few kB;
- ``d/<n>.bin``: the long document lists of one common token (2 kB of gaps or more, or a bitmap:
  one bit per document; its documents, and those with it in the title, when both are long), so
  that a query fetches the long lists it needs, one file a token, and not their shard-mates';
- ``r/<n>.json``: records (what a result shows) of documents ``n·R … n·R+R−1``.

Documents are numbered so that order is rank: first the pages (unit homes, catalogues, columns:
the distinct result type shown above the items), then the items newest first. A shard entry:
``varint len, token UTF-8, docs, title docs``: the documents holding the token, then those holding
it in the title (ranked first). Each list is ``varint head, bytes`` where ``head`` is the byte
length shifted left twice; bit 0: the list is a bitmap over all documents (chosen when smaller
than the gaps), else varint gaps; bit 1: the list is in the token's ``d/`` file (always a bitmap,
and a long list), so that a shard stays a few kB: the bytes are then three varints, the file's
number, the list's offset in it and its length.

Tokens besides the text's: ``=`` + hash of a whole title, 发文字号 or 索引号 as typed (its runs
joined by spaces), so that an exact paste ranks first; ``#<facet>:<value>`` for each filter value.
Neither can be typed into a query: query words are only letters, digits and dense characters.

Per-unit bundles (issue 13): every build that renders a unit writes the unit's own index in the same
format at ``<unit>/searchindex/`` (its pages — home, guide, 依申请公开, catalogue, then its columns —
and its items newest first; the manifest also names the unit and how many of its pages are head
pages). The site's ``searchindex/`` is never written from the documents directly: it is the merge
of the bundles (``searchmerge.merge_bundles``), in a full build as in ``xxgk merge``, so the two
give the same bytes. A shard writes its bundles only.
"""

from __future__ import annotations

import json
import os
import shutil
from array import array
from bisect import bisect_left
from collections import defaultdict, deque
from itertools import islice, repeat
from operator import sub
from typing import Iterable, Sequence

from . import searchtokens

FORMAT = 5
DIR = "searchindex/"
RECORDS_PER_FILE = 16
SHARD_TARGET = 1024  # bytes of postings per shard, on average
APART_FROM = 2048  # bytes: a document list this long (and every bitmap) is a file of its own
FACETS = ("发布机构", "栏目", "年份", "主题分类", "文件类型", "有效性")


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes (search.js computes the same)."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def exact_token(text: str) -> str:
    """The token of a whole field: its runs joined by spaces, hashed (base 36)."""
    joined = " ".join(run for _, run in searchtokens.runs(text))
    return "=" + _base36(fnv1a(joined)) if joined else ""


def _base36(n: int) -> str:
    out = ""
    while True:
        n, d = divmod(n, 36)
        out = searchtokens.DIGITS[d] + out
        if not n:
            return out


def _varint(out: bytearray, n: int) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def _gaps(ids: Sequence[int], offset: int = 0) -> bytearray:
    """Ascending numbers (from ``offset``) as varint gaps, at C speed when every gap is below 2¹⁴."""
    if not len(ids):
        return bytearray()
    gaps = [ids[0] - offset]
    gaps += map(sub, map(sub, islice(ids, 1, None), ids), repeat(1))
    widest = max(gaps)
    if widest < 0x80:
        return bytearray(gaps)
    if widest < len(_SHORT):
        return bytearray(b"".join(map(_SHORT.__getitem__, gaps)))
    out = bytearray()
    for gap in gaps:
        _varint(out, gap)
    return out


def _encoded(n: int) -> bytes:
    out = bytearray()
    _varint(out, n)
    return bytes(out)


_SHORT = [_encoded(n) for n in range(1 << 14)]  # every one- and two-byte varint


def _bitmap(ids: Sequence[int], total: int, offset: int = 0) -> bytes:
    """One bit a document, bit ``n & 7`` of byte ``n >> 3`` for document ``n`` (less ``offset``)."""
    digits = bytearray(b"0") * total
    deque(map(digits.__setitem__, map(sub, ids, repeat(offset)), repeat(0x31)), maxlen=0)  # (at C speed)
    return int(digits[::-1] or b"0", 2).to_bytes((total + 7) // 8, "little")


HEADS = ("单位主页", "公开指南", "依申请公开", "公开目录")  # what a unit's head page is (a record's last field)
COLUMN = "栏目"


def site_pages() -> list[tuple[str, str, str, str]]:
    """(url, title, unit name, what it is) of the site-level pages a search lists first: the site's
    catalogue, 网站地图 and 联系我们 (in the index of a full build and of the merge, not of a preview)."""
    from . import urls

    return [(urls.catalogue(None), "政府信息公开目录", "", "公开目录"), (urls.SITE_MAP, "网站地图", "", "网站地图"),
            (urls.CONTACT, "联系我们", "", "联系我们")]


def unit_pages(view, unit) -> tuple[list, list]:
    """The unit's pages in rank order, as (head pages, column pages): its home, guide (公开指南),
    依申请公开 page and catalogue; then every other column page."""
    from . import urls

    heads, columns = [(urls.unit(unit.id), unit.name, unit.name, "单位主页")], []
    apply = urls.apply(unit.id)
    for column in view.columns(unit):
        url = urls.column(unit.id, column.id)
        if column.generated == "guide":
            heads.append((url, column.name, unit.name, "公开指南"))
        elif url != apply:  # (the 依申请公开 column's first page is the apply page)
            columns.append((url, column.name, unit.name, COLUMN))
    if urls.src_uri(apply) in view.published:
        heads.append((apply, "依申请公开", unit.name, "依申请公开"))
    heads.append((urls.catalogue(unit.id), f"{unit.name}政府信息公开目录", unit.name, "公开目录"))
    return heads, columns


def page_record(url: str, title: str, unit: str, what: str) -> list:
    return [url, title, "", unit, "", "", "", what]


def page_tokens(title: str, unit: str) -> tuple[set[str], set[str]]:
    """(tokens, title tokens) of a page: its title and its unit's name."""
    in_title = set(searchtokens.index_tokens(title))
    return in_title | set(searchtokens.index_tokens(unit)), in_title


def clear(root: str) -> None:
    """Remove whatever is at ``root`` (a folder from docs_dir, a link): the search reads only what is written."""
    path = root.rstrip("/")
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)


def write_index(root: str, lists: Iterable[tuple[str, Sequence[int], Sequence[int]]], total: int,
                records: Sequence[list], pages: int, facets: list, extra: dict | None = None, offset: int = 0) -> dict:
    """Write one index (the site's, or a unit's bundle) into the new folder ``root``.

    ``lists``: (token, documents, title documents) in token order; the documents are ascending
    numbers ``offset … offset + total − 1`` (written less ``offset``). ``records``: of those documents, in
    order; ``pages``: how many of them are pages; ``facets``: [[name, [[value, count], …]], …];
    ``extra``: more manifest fields (a bundle's). Returns figures for the build log."""
    for folder in ("s", "d", "r"):
        os.makedirs(os.path.join(root, folder))
    apart: list[bytearray] = []  # long posting lists written apart, d/<n>.bin
    entries = {token: _entry(token, docs, titles, total, offset, apart) for token, docs, titles in lists}  # (in
    # token order: the same site makes the same files, whatever the order of Python's sets)
    size, tokens = sum(len(e) for e in entries.values()), len(entries)
    shards = 1
    while shards * SHARD_TARGET < size:
        shards *= 2
    grouped: dict[int, list[bytes]] = defaultdict(list)
    for token in sorted(entries):
        grouped[fnv1a(token) % shards].append(entries[token])
    del entries
    for shard in range(shards):
        with open(os.path.join(root, "s", f"{shard}.bin"), "wb") as f:
            f.write(b"".join(grouped.pop(shard, ())))
    for n, docs in enumerate(apart):
        with open(os.path.join(root, "d", f"{n}.bin"), "wb") as f:
            f.write(docs)
    for start in range(0, total, RECORDS_PER_FILE):
        with open(os.path.join(root, "r", f"{start // RECORDS_PER_FILE}.json"), "w", encoding="utf-8") as f:
            json.dump(records[start:start + RECORDS_PER_FILE], f, ensure_ascii=False, separators=(",", ":"))
    manifest = {"format": FORMAT, "documents": total, "pages": pages, "shards": shards,
                "records_per_file": RECORDS_PER_FILE, "facets": facets, **(extra or {})}
    with open(os.path.join(root, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, separators=(",", ":"))
    size += sum(len(b) for b in apart)
    return {"documents": total, "tokens": tokens, "bytes": size, "shards": shards, "apart": len(apart)}


def _entry(token: str, docs: Sequence[int], titles: Sequence[int], total: int, offset: int,
           apart: list[bytearray]) -> bytes:
    key = token.encode("utf-8")
    out = bytearray()
    _varint(out, len(key))
    out += key
    own = None  # the token's d/ file, holding its long lists (both, when both are long: one fetch)
    for data, bitmap, external in (_list(docs, total, offset), _list(titles, total, offset)):
        if external:
            if own is None:
                apart.append(bytearray())
                own = len(apart) - 1
            where = bytearray()
            for n in (own, len(apart[own]), len(data)):
                _varint(where, n)
            apart[own] += data
            data = where
        _varint(out, len(data) << 2 | external << 1 | bitmap)
        out += data
    return bytes(out)


def _list(ids: Sequence[int], total: int, offset: int) -> tuple[bytes, bool, bool]:
    """One document list encoded: (bytes, a bitmap?, to be written apart?)."""
    gaps = _gaps(ids, offset)
    bitmap_size = (total + 7) // 8
    bitmap = bitmap_size < len(gaps)
    data = _bitmap(ids, total, offset) if bitmap else gaps
    return data, bitmap, bitmap or len(data) >= min(APART_FROM, bitmap_size // 2)  # (small sites: half a bitmap)


def replace(root: str, write) -> dict:
    """``write(folder)`` into a new folder beside ``root``, put in ``root``'s place only when whole:
    a failed write never leaves a partial index behind."""
    path = root.rstrip("/")
    parent, name = os.path.split(path)
    staging = os.path.join(parent, f".{name}.new")
    os.makedirs(parent, exist_ok=True)
    clear(staging)
    try:
        figures = write(staging)
        clear(path)
        os.rename(staging, path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return figures


class IndexWriter:
    """Collects the documents of one build's units; writes each unit's bundle and then (unless the
    build is a shard) the site's index as their merge. Memory: one array of document numbers per
    token (4 bytes a posting), each unit's documents numbered in a range of their own so that a
    bundle is a slice of every list; of each item only its record (an 80-character excerpt)."""

    def __init__(self, view) -> None:
        """``view``: the site's ``SiteView``; the pages and items of the units it builds are numbered now."""
        self.view = view
        self.units = [u for u in view.units() if view.built(u.id)]
        items = defaultdict(list)
        for item in view.items:  # newest first
            if view.built(item.unit):
                items[item.unit].append(item)
        self.number: dict[str, int] = {}
        self.ranges: list[tuple[int, int, int, int]] = []  # per unit: first document, head pages, pages, end
        self.records: list[list | None] = []
        self.postings: dict[str, array] = defaultdict(lambda: array("I"))
        self.titles: dict[str, array] = defaultdict(lambda: array("I"))
        self.facets: dict[str, dict[str, dict[str, int]]] = {}
        for unit in self.units:
            start = len(self.records)
            heads, columns = unit_pages(view, unit)
            for url, title, name, what in heads + columns:
                self._add(len(self.records), *page_tokens(title, name))
                self.records.append(page_record(url, title, name, what))
            pages = len(self.records) - start
            for item in items[unit.id]:
                self.number[item.path] = len(self.records)
                self.records.append(None)
            self.ranges.append((start, len(heads), pages, len(self.records)))
            self.facets[unit.id] = {name: defaultdict(int) for name in FACETS}
        self.total = len(self.records)

    def add_item(self, item, text: str) -> None:
        """One item on the site; ``text``: its body as the reader sees it (plain text)."""
        n = self.number.get(item.path)
        if n is None:
            return
        view = self.view
        unit = view.unit(item.unit).name
        facets = {"发布机构": unit, "栏目": view.catalogue.columns[item.column].name, "年份": str(item.published.year),
                  "主题分类": item.topic, "文件类型": item.kind, "有效性": item.validity.status}
        body = " ".join(filter(None, [item.doc_number, item.index, item.summary, text]
                                + [a.title for a in item.listed_attachments]))
        exact = [exact_token(item.title), exact_token(item.doc_number or ""), exact_token(item.index)]
        counts = self.facets[item.unit]
        for name, value in facets.items():
            if value:
                counts[name][value] += 1
                exact.append(f"#{FACETS.index(name)}:{value}")
        in_title = set(searchtokens.index_tokens(item.title))
        self._add(n, in_title | set(searchtokens.index_tokens(body)) | set(filter(None, exact)), in_title)
        self.records[n] = [view.item_url(item), item.title, item.published.isoformat(), unit, item.doc_number or "",
                           item.index, searchtokens.excerpt(item.summary or text, 80), ""]

    def _add(self, n: int, tokens: set[str], in_title: set[str]) -> None:
        for token in in_title:
            self.titles[token].append(n)
        for token in tokens:
            self.postings[token].append(n)

    def write(self, site_dir: str) -> dict:
        """Write the units' bundles into ``site_dir``, free the postings, then (unless a shard)
        merge the bundles into the site's index. Returns figures for the build log."""
        missing = sum(r is None for r in self.records)
        if missing:  # an item page that was not rendered: never write a partial index
            raise RuntimeError(f"search index: {missing} items were not rendered")
        figures = self.write_bundles(site_dir)
        self.postings = self.titles = self.records = None  # (one copy of the postings at a time)
        view = self.view
        if getattr(view, "shard", False):
            return figures
        from .searchmerge import merge_bundles

        merged = merge_bundles(site_dir, self.units, getattr(view, "site_pages", view.only_units is None))
        return {**merged, "bundles": figures["bundles"], "bundle_bytes": figures["bundle_bytes"]}

    def write_bundles(self, site_dir: str) -> dict:
        """``<unit>/searchindex/`` of every unit built, numbered from 0 in each."""
        tokens = sorted(self.postings)
        for token in tokens:  # ascending, once: a unit's documents are then a slice of each list
            self.postings[token] = array("I", sorted(self.postings[token]))
            if token in self.titles:
                self.titles[token] = array("I", sorted(self.titles[token]))
        docs_at, titles_at = array("I", bytes(4 * len(tokens))), array("I", bytes(4 * len(tokens)))
        size = 0
        for unit, (start, heads, pages, end) in zip(self.units, self.ranges):
            counts = self.facets[unit.id]
            facets = [[name, sorted(values.items())] for name, values in counts.items() if values]
            lists = self._slices(tokens, end, docs_at, titles_at)
            records = self.records[start:end]
            extra = {"unit": unit.id, "heads": heads}
            figures = replace(os.path.join(site_dir, unit.id, DIR), lambda folder: write_index(
                folder, lists, end - start, records, pages, facets, extra, start))
            size += figures["bytes"]
        return {"bundles": len(self.units), "bundle_bytes": size, "documents": self.total, "bytes": size}

    def _slices(self, tokens: list[str], end: int, docs_at: array, titles_at: array):
        """(token, documents, title documents) of the next unit, its documents ending before ``end``;
        ``docs_at``/``titles_at``: where each token's lists go on (the units are written in order)."""
        postings, titles = self.postings, self.titles
        for i, token in enumerate(tokens):
            docs, first = postings[token], docs_at[i]
            if first == len(docs) or docs[first] >= end:
                continue
            last = docs_at[i] = bisect_left(docs, end, first)
            held = titles.get(token)
            if held is None:
                yield token, docs[first:last], ()
            else:
                since = titles_at[i]
                upto = titles_at[i] = bisect_left(held, end, since)
                yield token, docs[first:last], held[since:upto]
