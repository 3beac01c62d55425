"""The site's search index as the merge of the units' bundles (issue 13, docs/scaling.md §3).

Every build that renders a unit writes its bundle, ``<unit>/searchindex/`` (``searchindex.py``:
the same format as the site's index, numbered from 0 in the unit: its head pages, its column pages,
its items newest first). ``merge_bundles`` reads the bundles of all units of a site and writes the
site's ``searchindex/`` with the documents numbered in the site's order: the site-level pages
(when ``site_pages``), every unit's head pages, every unit's column pages, then all items newest
first by (date, 索引号) — the order a single index over the whole site has, so that a full build
and ``xxgk merge`` of shards write the same bytes. It is the one code path for both.

A bundle may come from another CI job's artifact: every file is read as untrusted (no links,
every number checked against the manifest, every record's address within its unit), and the
first problem stops the merge with a ``BundleError`` naming the unit and the file. Nothing is
written until every bundle was read; the index is written beside and swapped in whole.
Memory: the merged postings, 4 bytes a posting, and one bundle's files at a time.
"""

from __future__ import annotations

import heapq
import json
import os
import re
import time
from array import array
from collections import defaultdict
from itertools import accumulate, compress, count
from operator import add

from .searchindex import (COLUMN, DIR, FACETS, FORMAT, HEADS, RECORDS_PER_FILE, fnv1a, page_record, page_tokens,
                          replace, site_pages as site_level_pages, write_index)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SEGMENT = r"[A-Za-z0-9_-]{1,80}/"
_ONES = bytes.maketrans(b"01", b"\x00\x01")
_MOST_SHARDS = 1 << 24


class BundleError(ValueError):
    """A unit's bundle that is missing or not one this code wrote."""


def merge_bundles(site_dir: str, units: list, site_pages: bool) -> dict:
    """Write ``<site_dir>/searchindex/`` from ``<site_dir>/<unit>/searchindex/`` of each of ``units``
    (the catalogue's ``Unit`` objects in display order); the site-level pages (政府信息公开目录,
    网站地图, 联系我们) first when ``site_pages``. Returns figures; raises ``BundleError``
    (a ``ValueError``) for a missing or corrupt bundle, before anything is written."""
    started = time.perf_counter()
    bundles = [Bundle(site_dir, unit) for unit in units]  # manifests and records, checked
    records: list[list] = []
    postings: dict[str, array] = defaultdict(lambda: array("I"))
    titles: dict[str, array] = defaultdict(lambda: array("I"))
    for url, title, unit, what in (site_level_pages() if site_pages else ()):
        tokens, in_title = page_tokens(title, unit)
        for token in tokens:
            postings[token].append(len(records))
        for token in in_title:
            titles[token].append(len(records))
        records.append(page_record(url, title, unit, what))
    numbers = [array("I", bytes(4 * b.documents)) for b in bundles]  # per bundle: local → site number
    for b, new in zip(bundles, numbers):
        for local in range(b.heads):
            new[local] = len(records)
            records.append(b.records[local])
    for b, new in zip(bundles, numbers):
        for local in range(b.heads, b.pages):
            new[local] = len(records)
            records.append(b.records[local])
    pages = len(records)
    for _, k, local in heapq.merge(*(b.items(k) for k, b in enumerate(bundles)), key=_newest, reverse=True):
        numbers[k][local] = len(records)
        records.append(bundles[k].records[local])
    for b in bundles:
        b.records = None
    facets: dict[str, dict[str, int]] = {name: defaultdict(int) for name in FACETS}
    for b, new in zip(bundles, numbers):
        for name, values in b.facets:
            for value, n in values:
                facets[name][value] += n
        for token, docs, held in b.lists():
            postings[token].extend(map(new.__getitem__, docs))
            if held:
                titles[token].extend(map(new.__getitem__, held))
    del numbers

    def lists():
        for token in sorted(postings):
            docs, held = postings.pop(token), titles.pop(token, ())
            yield token, sorted(docs), sorted(held)

    merged = [[name, sorted(values.items())] for name, values in facets.items() if values]
    figures = replace(os.path.join(site_dir, DIR), lambda folder: write_index(folder, lists(), len(records), records,
                                                                              pages, merged))
    figures["seconds"] = round(time.perf_counter() - started, 2)
    return figures


class Bundle:
    """One unit's ``<unit>/searchindex/``: its manifest and records read and checked at once, its
    postings read shard by shard (``lists``)."""

    def __init__(self, site_dir: str, unit) -> None:
        self.unit = unit
        self.root = os.path.join(site_dir, unit.id, DIR)
        for folder in (os.path.join(site_dir, unit.id), self.root.rstrip("/")):
            if os.path.islink(folder):
                raise self.problem("", "是符号链接")
        m = self._json("manifest.json")
        if not isinstance(m, dict):
            raise self.problem("manifest.json", "不是 JSON 对象")
        if m.get("format") != FORMAT:
            raise self.problem("manifest.json", f"格式 {m.get('format')!r} 不是 {FORMAT}")
        if m.get("unit") != unit.id:
            raise self.problem("manifest.json", f"属于单位 {m.get('unit')!r}，不是 {unit.id}")
        for key in ("documents", "pages", "heads", "shards", "records_per_file"):
            if not _count(m.get(key)):
                raise self.problem("manifest.json", f"{key} 不是非负整数")
        self.documents, self.pages, self.heads, self.shards = m["documents"], m["pages"], m["heads"], m["shards"]
        if not 0 < self.heads <= self.pages <= self.documents:
            raise self.problem("manifest.json", "heads、pages、documents 的数目不合")
        if m["records_per_file"] != RECORDS_PER_FILE or not 0 < self.shards <= _MOST_SHARDS \
                or self.shards & (self.shards - 1):
            raise self.problem("manifest.json", "records_per_file 或 shards 不是本程序写的值")
        self.facets = self._facets(m.get("facets"))
        self.records = self._records()

    def problem(self, name: str, why: str) -> BundleError:
        unit = self.unit
        return BundleError(f"单位 {unit.id}（{unit.name}）的搜索索引 {unit.id}/{DIR}{name} 有误：{why}。"
                           "请重新构建该单位所在的分片后再合并。")

    def _read(self, name: str) -> bytes:
        try:
            fd = os.open(os.path.join(self.root, name), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            raise self.problem(name, "文件不存在") from None
        except OSError as exc:
            raise self.problem(name, f"无法读取（{exc.strerror or exc}）") from None
        with open(fd, "rb") as f:
            return f.read()

    def _json(self, name: str):
        try:
            return json.loads(self._read(name).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise self.problem(name, f"不是 UTF-8 JSON（{exc}）") from None

    def _facets(self, found) -> list:
        if not isinstance(found, list):
            raise self.problem("manifest.json", "facets 不是列表")
        names = []
        for entry in found:
            ok = isinstance(entry, list) and len(entry) == 2 and entry[0] in FACETS and isinstance(entry[1], list)
            if not ok or entry[0] in names or not all(
                    isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) and v[0] and _count(v[1]) and v[1]
                    for v in entry[1]):
                raise self.problem("manifest.json", f"筛选项 {str(entry)[:60]} 不是本程序写的格式")
            names.append(entry[0])
        return found

    def _records(self) -> list[list]:
        rows: list[list] = []
        for n in range(-(-self.documents // RECORDS_PER_FILE)):
            name = f"r/{n}.json"
            found = self._json(name)
            want = min(RECORDS_PER_FILE, self.documents - n * RECORDS_PER_FILE)
            if not isinstance(found, list) or len(found) != want:
                raise self.problem(name, f"应有 {want} 条记录")
            for row in found:
                if not (isinstance(row, list) and len(row) == 8 and all(isinstance(x, str) for x in row)):
                    raise self.problem(name, "记录不是 8 个字符串")
            rows += found
        address = re.compile(re.escape(self.unit.id) + "/(?:" + _SEGMENT + "){0,4}")
        last = None
        for n, row in enumerate(rows):
            name = f"r/{n // RECORDS_PER_FILE}.json"
            if not address.fullmatch(row[0]):
                raise self.problem(name, f"记录 {n} 的地址 {row[0][:80]!r} 不在本单位之下")
            if n < self.pages:
                what = HEADS if n < self.heads else (COLUMN,)
                if row[2] or row[7] not in what:
                    raise self.problem(name, f"记录 {n} 应是{'、'.join(what)}页面")
            else:
                if row[7] or not _DATE.fullmatch(row[2]):
                    raise self.problem(name, f"记录 {n} 应是一条信息（有发布日期）")
                if last is not None and (row[2], row[5]) > last:
                    raise self.problem(name, f"记录 {n} 不是按发布日期从新到旧排列")
                last = (row[2], row[5])
        return rows

    def items(self, k: int):
        """((date, 索引号), k, local number) of the bundle's items, newest first."""
        records = self.records
        return (((records[n][2], records[n][5]), k, n) for n in range(self.pages, self.documents))

    def lists(self):
        """(token, documents, title documents) of every token in the bundle, shard by shard (local
        numbers, ascending); each shard's file is read when it is reached."""
        apart: dict[int, bytes] = {}
        seen: set[str] = set()
        for shard in range(self.shards):
            name = f"s/{shard}.bin"
            data, at = self._read(name), 0
            try:
                while at < len(data):
                    size, at = _varint(data, at)
                    token = data[at:at + size].decode("utf-8")
                    if at + size > len(data) or not token or token in seen or fnv1a(token) % self.shards != shard:
                        raise ValueError(f"词元 {token[:20]!r} 重复、为空或不属于此分片")
                    seen.add(token)
                    at += size
                    docs, at = self._list(data, at, apart)
                    held, at = self._list(data, at, apart)
                    yield token, docs, held
            except (ValueError, IndexError) as exc:
                raise self.problem(name, f"在第 {at} 字节处：{exc}") from None

    def _list(self, data: bytes, at: int, apart: dict[int, bytes]) -> tuple[list[int], int]:
        head, at = _varint(data, at)
        end = at + (head >> 2)
        if end > len(data):
            raise ValueError("列表超出文件末尾")
        own = data[at:end]
        if head & 2:  # in the token's d/ file: file number, offset, length
            number, where = _varint(own, 0)
            offset, where = _varint(own, where)
            size, where = _varint(own, where)
            if where != len(own):
                raise ValueError("d/ 文件的位置有误")
            if number not in apart:
                apart.clear()  # (a token's two lists share one file; the next token has its own)
                apart[number] = self._read(f"d/{number}.bin")
            if offset + size > len(apart[number]):
                raise ValueError(f"d/{number}.bin 比所指的位置短")
            own = apart[number][offset:offset + size]
        ids = self._bitmap(own) if head & 1 else _gaps(own)
        if ids and ids[-1] >= self.documents:
            raise ValueError(f"文档号 {ids[-1]} 超出文档数 {self.documents}")
        return ids, end

    def _bitmap(self, data: bytes) -> list[int]:
        if len(data) != (self.documents + 7) // 8:
            raise ValueError("位图长度与文档数不合")
        bits = format(int.from_bytes(data, "little"), "b").encode("ascii").translate(_ONES)[::-1]
        return list(compress(range(len(bits)), bits))  # (bit n of the number: document n)


def _newest(entry: tuple) -> tuple[str, str]:
    return entry[0]  # (equal keys: the earlier unit first)


def _count(n) -> bool:
    return type(n) is int and n >= 0


def _varint(data: bytes, at: int) -> tuple[int, int]:
    n = shift = 0
    while True:
        b = data[at]  # (past the end: IndexError, a truncated file)
        at += 1
        n |= (b & 0x7F) << shift
        if not b & 0x80:
            return n, at
        shift += 7
        if shift > 35:
            raise ValueError("变长整数过长")


def _gaps(data: bytes) -> list[int]:
    """Ascending numbers from their varint gaps (the common case, every gap below 128, at C speed)."""
    if data.isascii():
        return list(map(add, accumulate(data), count()))
    out, at, last = [], 0, -1
    while at < len(data):
        gap, at = _varint(data, at)
        last += gap + 1
        out.append(last)
    return out
