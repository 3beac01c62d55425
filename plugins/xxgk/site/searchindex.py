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
"""

from __future__ import annotations

import json
import os
import shutil
from array import array
from collections import defaultdict
from typing import Iterable

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


def _gaps(ids: Iterable[int]) -> bytearray:
    out, last = bytearray(), -1
    for n in ids:
        _varint(out, n - last - 1)
        last = n
    return out


def _bitmap(ids: Iterable[int], total: int) -> bytearray:
    out = bytearray((total + 7) // 8)
    for n in ids:
        out[n >> 3] |= 1 << (n & 7)
    return out


class IndexWriter:
    """Collects the documents of one build and writes the index. Memory: one array of document
    numbers per token (4 bytes a posting); of each item only its record (an 80-character excerpt)."""

    def __init__(self, view) -> None:
        """``view``: the site's ``SiteView``; its pages and items on the site are numbered now."""
        self.view = view
        pages = list(self._pages(view))
        items = [i for i in view.items if view.built(i.unit)]  # newest first
        self.number = {item.path: len(pages) + n for n, item in enumerate(items)}
        self.pages, self.total = len(pages), len(pages) + len(items)
        self.postings: dict[str, array] = defaultdict(lambda: array("I"))
        self.titles: dict[str, array] = defaultdict(lambda: array("I"))
        self.records: list[list | None] = [None] * self.total
        self.facets: dict[str, dict[str, int]] = {name: defaultdict(int) for name in FACETS}
        for n, (url, title, unit, what) in enumerate(pages):
            self.records[n] = [url, title, "", unit, "", "", "", what]
            self._add(n, title, unit, ())

    @staticmethod
    def _pages(view) -> Iterable[tuple[str, str, str, str]]:
        """(url, title, unit name, what it is) of the pages a search lists above the items, in
        rank order: the site's catalogue, 网站地图 and 联系我们; each unit's home, guide, 依申请公开
        page and catalogue; then every other column page."""
        from . import urls

        units = [u for u in view.units() if view.built(u.id)]
        if view.only_units is None:
            yield urls.catalogue(None), "政府信息公开目录", "", "公开目录"
            yield urls.SITE_MAP, "网站地图", "", "网站地图"
            yield urls.CONTACT, "联系我们", "", "联系我们"
        columns = []
        for unit in units:
            yield urls.unit(unit.id), unit.name, unit.name, "单位主页"
            apply = urls.apply(unit.id)
            for column in view.columns(unit):
                url = urls.column(unit.id, column.id)
                if column.generated == "guide":
                    yield url, column.name, unit.name, "公开指南"
                elif url != apply:  # (the 依申请公开 column's first page is the apply page)
                    columns.append((url, column.name, unit.name, "栏目"))
            if urls.src_uri(apply) in view.published:
                yield apply, "依申请公开", unit.name, "依申请公开"
            yield urls.catalogue(unit.id), f"{unit.name}政府信息公开目录", unit.name, "公开目录"
        yield from columns

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
        exact += [self._facet(name, value) for name, value in facets.items() if value]
        self._add(n, item.title, body, exact)
        self.records[n] = [view.item_url(item), item.title, item.published.isoformat(), unit, item.doc_number or "",
                           item.index, searchtokens.excerpt(item.summary or text, 80), ""]

    def _facet(self, name: str, value: str) -> str:
        self.facets[name][value] += 1
        return f"#{FACETS.index(name)}:{value}"

    def _add(self, n: int, title: str, rest: str, extra: Iterable[str]) -> None:
        in_title = set(searchtokens.index_tokens(title))
        for token in in_title:
            self.titles[token].append(n)
        for token in in_title | set(searchtokens.index_tokens(rest)) | set(filter(None, extra)):
            self.postings[token].append(n)

    def write(self, site_dir: str) -> dict:
        """Write the index into ``site_dir``; returns figures for the build log."""
        root = os.path.join(site_dir, DIR)
        if os.path.isdir(root) and not os.path.islink(root):  # anything else there (a stray docs_dir file) goes:
            shutil.rmtree(root)                               # the search reads only what is written here
        elif os.path.lexists(root.rstrip("/")):
            os.unlink(root.rstrip("/"))
        missing = [n for n, r in enumerate(self.records) if r is None]
        if missing:  # an item page that was not rendered: never write a partial index
            raise RuntimeError(f"search index: {len(missing)} items were not rendered")
        for folder in ("s", "d", "r"):
            os.makedirs(os.path.join(root, folder))
        apart: list[bytearray] = []  # long posting lists written apart, d/<n>.bin
        entries = {token: self._entry(token, self.postings[token], apart) for token in sorted(self.postings)}  # (sorted: the
        # same site makes the same files, whatever the order of Python's sets)
        size = sum(len(e) for e in entries.values())
        shards = 1
        while shards * SHARD_TARGET < size:
            shards *= 2
        grouped: dict[int, list[bytes]] = defaultdict(list)
        for token in sorted(entries):
            grouped[fnv1a(token) % shards].append(entries[token])
        for shard in range(shards):
            with open(os.path.join(root, "s", f"{shard}.bin"), "wb") as f:
                f.write(b"".join(grouped.get(shard, ())))
        for n, docs in enumerate(apart):
            with open(os.path.join(root, "d", f"{n}.bin"), "wb") as f:
                f.write(docs)
        for start in range(0, self.total, RECORDS_PER_FILE):
            with open(os.path.join(root, "r", f"{start // RECORDS_PER_FILE}.json"), "w", encoding="utf-8") as f:
                json.dump(self.records[start:start + RECORDS_PER_FILE], f, ensure_ascii=False, separators=(",", ":"))
        facets = [[name, sorted(values.items())] for name, values in self.facets.items() if values]
        manifest = {"format": FORMAT, "documents": self.total, "pages": self.pages, "shards": shards,
                    "records_per_file": RECORDS_PER_FILE, "facets": facets}
        with open(os.path.join(root, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, ensure_ascii=False, separators=(",", ":"))
        size += sum(len(b) for b in apart)
        return {"documents": self.total, "tokens": len(entries), "bytes": size, "shards": shards, "apart": len(apart)}

    def _entry(self, token: str, ids: array, apart: list[bytearray]) -> bytes:
        key = token.encode("utf-8")
        out = bytearray()
        _varint(out, len(key))
        out += key
        own = None  # the token's d/ file, holding its long lists (both, when both are long: one fetch)
        for data, bitmap, external in (self._list(ids), self._list(self.titles.get(token, ()))):
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

    def _list(self, ids: Iterable[int]) -> tuple[bytearray, bool, bool]:
        """One document list encoded: (bytes, a bitmap?, to be written apart?)."""
        ids = sorted(ids)
        gaps = _gaps(ids)
        bitmap_size = (self.total + 7) // 8
        bitmap = bitmap_size < len(gaps)
        data = _bitmap(ids, self.total) if bitmap else gaps
        return data, bitmap, bitmap or len(data) >= min(APART_FROM, bitmap_size // 2)  # (small sites: half a bitmap)
