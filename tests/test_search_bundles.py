"""Per-unit search bundles and their merge (issue 13, point 4).

Every build that renders a unit writes its bundle ``<unit>/searchindex/``; the site's
``searchindex/`` is the merge of the bundles (``xxgk.site.searchmerge.merge_bundles``), in the full
build as in ``xxgk merge``. Checked on the demo: every unit has its bundle, holding exactly the
unit's documents; the merged index is, token by token, the union of the bundles renumbered into
the site's order, and byte for byte the index one writer gives when fed every document of the
build in the site's order (the reference below, built from what the build's writer collected);
merging the bundles again gives the same bytes; a corrupt or missing bundle stops the merge with
an error naming the unit and the file, and writes nothing; a shard writes its unit's bundle,
byte-identical to the full build's, and no site-wide index; a preview writes its units' bundles
and an index of those units alone; ``search: false`` writes neither.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

import sitecheck
from conftest import MKDOCS, PROJECT, build_env, mkdocs_build
from test_shard_pages import files
from xxgk.core.catalogue import load_catalogue
from xxgk.site import searchindex as si
from xxgk.site.searchmerge import BundleError, merge_bundles

UNITS = list(load_catalogue(str(PROJECT), []).units.values())
INDEX = si.DIR.rstrip("/")

# A build whose writer's collected documents are kept (pickled) just before it writes: what the
# reference single index is made from.
CAPTURE = """
import pickle, sys
from xxgk.site import searchindex
kept_at = sys.argv[1]
original = searchindex.IndexWriter.write
def write(self, site_dir):
    view = self.view
    kept = {"units": [u.id for u in self.units], "ranges": self.ranges, "records": self.records,
            "postings": {t: list(a) for t, a in self.postings.items()},
            "titles": {t: list(a) for t, a in self.titles.items()},
            "facets": {u: {n: dict(v) for n, v in f.items()} for u, f in self.facets.items()},
            "items": [self.number[i.path] for i in view.items if i.path in self.number]}
    with open(kept_at, "wb") as f:
        pickle.dump(kept, f)
    return original(self, site_dir)
searchindex.IndexWriter.write = write
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "-q", "-f", sys.argv[2], "-d", sys.argv[3]]
cli()
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict]:
    """The demo's full build, and what its index writer collected."""
    root = tmp_path_factory.mktemp("bundles")
    site, kept = root / "site", root / "kept.pickle"
    result = subprocess.run([sys.executable, "-c", CAPTURE, str(kept), str(PROJECT / "mkdocs.yml"), str(site)],
                            capture_output=True, text=True, env=build_env(), cwd=PROJECT)
    assert result.returncode == 0, result.stderr[-3000:]
    return site, pickle.loads(kept.read_bytes())


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built[0]


# -- an index read back (independently of searchmerge's reader: tests/sitecheck.py) --------------

def read_index(folder: Path) -> tuple[dict, dict[str, tuple[list[int], list[int]]], list[list]]:
    """(manifest, {token: (documents, title documents)}, records) of an index folder."""
    manifest, records, tokens = sitecheck.read_index(folder)
    assert len(records) == manifest["documents"]
    return manifest, tokens, records


# -- bundles ------------------------------------------------------------------------------------

def test_every_unit_has_its_bundle_of_its_own_documents(site):
    whole, _, records = read_index(site / INDEX)
    seen = 0
    for unit in UNITS:
        manifest, tokens, mine = read_index(site / unit.id / INDEX)
        assert manifest["format"] == si.FORMAT and manifest["unit"] == unit.id
        assert {r[0] for r in mine} == {r[0] for r in records if r[0].startswith(f"{unit.id}/")}
        assert all(r[0].startswith(f"{unit.id}/") for r in mine)
        pages = mine[:manifest["pages"]]
        assert pages[0][:2] == [f"{unit.id}/", unit.name] and pages[0][7] == "单位主页"  # its home first
        assert all(r[7] in si.HEADS for r in pages[:manifest["heads"]]) and all(r[7] == "栏目" for r in pages[manifest["heads"]:])
        items = mine[manifest["pages"]:]
        assert items and all(r[2] for r in items)
        assert [(r[2], r[5]) for r in items] == sorted(((r[2], r[5]) for r in items), reverse=True)  # newest first
        assert dict(manifest["facets"])["发布机构"] == [[unit.name, len(items)]]
        seen += manifest["documents"]
    assert seen + len(si.site_pages()) == whole["documents"]


def test_the_merged_index_is_the_union_of_the_bundles_renumbered(site):
    manifest, tokens, records = read_index(site / INDEX)
    url = [r[0] for r in records]
    assert len(set(url)) == len(url)
    want: dict[str, tuple[set, set]] = defaultdict(lambda: (set(), set()))
    for page in si.site_pages():  # the site-level pages are the merge's own
        found, in_title = si.page_tokens(page[1], page[2])
        for token in found:
            want[token][0].add(page[0])
        for token in in_title:
            want[token][1].add(page[0])
    facets: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for unit in UNITS:
        bundle, own, mine = read_index(site / unit.id / INDEX)
        for token, (docs, held) in own.items():
            want[token][0].update(mine[n][0] for n in docs)
            want[token][1].update(mine[n][0] for n in held)
        for name, values in bundle["facets"]:
            for value, n in values:
                facets[name][value] += n
    assert tokens.keys() == want.keys()
    for token, (docs, held) in tokens.items():
        assert ({url[n] for n in docs}, {url[n] for n in held}) == want[token], token
    assert manifest["facets"] == [[name, [list(v) for v in sorted(facets[name].items())]] for name in si.FACETS if name in facets]
    # the site's order: its pages, every unit's head pages, every unit's columns, then items newest first
    kinds = [r[7] for r in records]
    assert kinds[:3] == ["公开目录", "网站地图", "联系我们"] and records[3][0] == f"{UNITS[0].id}/"
    heads_end = max(n for n, k in enumerate(kinds) if k in si.HEADS) + 1
    assert set(kinds[3:heads_end]) <= set(si.HEADS) and set(kinds[heads_end:manifest["pages"]]) == {"栏目"}
    items = [(r[2], r[5]) for r in records[manifest["pages"]:]]
    assert items == sorted(items, reverse=True) and not any(kinds[manifest["pages"]:])


def single_index(kept: dict, folder: Path) -> None:
    """The reference: the build's documents, as its writer collected them, numbered in the site's
    order (site pages; each unit's head pages; each unit's columns; the items in the view's order)
    and written as one index — what the single writer before per-unit bundles did."""
    ranges, records = kept["ranges"], kept["records"]
    order = [start + k for start, heads, _, _ in ranges for k in range(heads)]
    order += [start + k for start, heads, pages, _ in ranges for k in range(heads, pages)]
    order += kept["items"]
    site = si.site_pages()
    number = {old: len(site) + new for new, old in enumerate(order)}
    docs: dict[str, list[int]] = defaultdict(list)
    held: dict[str, list[int]] = defaultdict(list)
    for n, (url, title, unit, what) in enumerate(site):
        found, in_title = si.page_tokens(title, unit)
        for token in found:
            docs[token].append(n)
        for token in in_title:
            held[token].append(n)
    for source, target in ((kept["postings"], docs), (kept["titles"], held)):
        for token, ids in source.items():
            target[token] += [number[n] for n in ids]
    facets: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for unit in kept["units"]:
        for name, values in kept["facets"][unit].items():
            for value, n in values.items():
                facets[name][value] += n
    lists = ((t, sorted(docs[t]), sorted(held.get(t, ()))) for t in sorted(docs))
    pages = len(site) + sum(p for _, _, p, _ in ranges)
    si.write_index(str(folder), lists, len(number) + len(site), [si.page_record(*p) for p in site] + [records[n] for n in order],
                   pages, [[name, sorted(facets[name].items())] for name in si.FACETS if facets.get(name)])


def test_the_merged_index_is_the_single_index_byte_for_byte(built, tmp_path):
    site, kept = built
    assert len(kept["units"]) == len(UNITS) and len(kept["items"]) > 200
    single_index(kept, tmp_path / "single")
    merged, reference = files(site / INDEX), files(tmp_path / "single")
    assert merged.keys() == reference.keys()
    assert [name for name in merged if merged[name] != reference[name]] == []
    assert len(merged) > 100


def bundles_only(site: Path, target: Path) -> Path:
    """A site folder holding only the units' bundles (as xxgk merge assembles the shards' units)."""
    for unit in UNITS:
        shutil.copytree(site / unit.id / INDEX, target / unit.id / INDEX)
    return target


def test_merging_the_bundles_again_gives_the_same_bytes(site, tmp_path):
    folder = bundles_only(site, tmp_path / "site")
    figures = merge_bundles(str(folder), UNITS, site_pages=True)
    assert files(folder / INDEX) == files(site / INDEX)
    assert figures["documents"] == json.loads((site / INDEX / "manifest.json").read_text("utf-8"))["documents"]
    assert figures["seconds"] < 30
    assert sorted(os.listdir(folder)) == sorted([u.id for u in UNITS] + [INDEX])  # no staging folder left


# -- a bundle from another job's artifact is not trusted -------------------------------------------

def _manifest(path: Path, **change) -> None:
    data = json.loads(path.read_text("utf-8"))
    data.update(change)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def _record(path: Path, n: int, field: int, value: str) -> None:
    rows = json.loads(path.read_text("utf-8"))
    rows[n][field] = value
    path.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-3])


def _last(folder: Path) -> Path:
    return max(folder.iterdir(), key=lambda p: int(p.stem))


def _largest(folder: Path) -> Path:
    return max(folder.iterdir(), key=lambda p: p.stat().st_size)


CORRUPTIONS = {
    "no bundle": ("czj", "manifest.json", lambda b: shutil.rmtree(b)),
    "no manifest": ("czj", "manifest.json", lambda b: (b / "manifest.json").unlink()),
    "manifest not JSON": ("hxz", "manifest.json", lambda b: (b / "manifest.json").write_bytes(b"\xff{")),
    "another unit's bundle": ("qcs", "manifest.json", lambda b: _manifest(b / "manifest.json", unit="czj")),
    "another format": ("qcs", "manifest.json", lambda b: _manifest(b / "manifest.json", format=4)),
    "more documents than records": ("lsx", "r/",
                                    lambda b: _manifest(b / "manifest.json", documents=json.loads(
                                        (b / "manifest.json").read_text("utf-8"))["documents"] + 20)),
    "a shard missing": ("sthjj", "s/3.bin", lambda b: (b / "s" / "3.bin").unlink()),
    "a shard truncated": ("sthjj", "s/", lambda b: _truncate(_largest(b / "s"))),
    "a long list missing": ("scjgj", "d/0.bin", lambda b: (b / "d" / "0.bin").unlink()),
    "a long list truncated": ("scjgj", "s/", lambda b: _truncate(_largest(b / "d"))),
    "a record linking elsewhere": ("cxjd", "r/0.json", lambda b: _record(b / "r" / "0.json", 0, 0, "javascript:alert(1)//")),
    "a record of another unit": ("cxjd", "r/0.json", lambda b: _record(b / "r" / "0.json", 1, 0, "czj/")),
    "an item without a date": ("qcs", "r/", lambda b: _record(_last(b / "r"), 0, 2, "")),
    "a records file missing": ("hxz", "r/1.json", lambda b: (b / "r" / "1.json").unlink()),
    "a linked manifest": ("czj", "manifest.json", lambda b: (
        (b / "manifest.json").rename(b / "real.json"), (b / "manifest.json").symlink_to(b / "real.json"))),
}


@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_a_corrupt_bundle_stops_the_merge_naming_the_unit_and_file(site, tmp_path, case):
    unit, name, spoil = CORRUPTIONS[case]
    folder = bundles_only(site, tmp_path / "site")
    before = tmp_path / "site" / INDEX
    before.mkdir()
    (before / "manifest.json").write_text("{}", "utf-8")  # a previous index: left as it was
    spoil(folder / unit / INDEX)
    with pytest.raises(BundleError) as caught:
        merge_bundles(str(folder), UNITS, site_pages=True)
    message = str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert f"单位 {unit}（" in message and f"{unit}/{si.DIR}" in message, message
    if not name.endswith("/"):
        assert f"{unit}/{si.DIR}{name}" in message or case == "no bundle" and f"{unit}/{si.DIR}manifest.json" in message
    assert "有误" in message and "重新构建" in message
    assert files(before) == {"manifest.json": b"{}"}
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_a_units_bundle_that_is_a_link_is_refused(site, tmp_path):
    folder = bundles_only(site, tmp_path / "site")
    shutil.move(folder / "czj" / INDEX, tmp_path / "elsewhere")
    (folder / "czj" / INDEX).symlink_to(tmp_path / "elsewhere")
    with pytest.raises(BundleError, match="czj.*符号链接"):
        merge_bundles(str(folder), UNITS, site_pages=True)
    assert not (folder / INDEX).exists()


# -- modes --------------------------------------------------------------------------------------

def test_a_shard_writes_its_bundle_as_the_full_build_does_and_no_site_index(site, tmp_path):
    shard = tmp_path / "shard"
    result = subprocess.run([*MKDOCS, "build", "-q", "-f", str(PROJECT / "mkdocs.yml"), "-d", str(shard)],
                            capture_output=True, text=True, env=build_env(XXGK_UNITS="qcs", XXGK_PUBLISHED=str(site)))
    assert result.returncode == 0, result.stderr[-3000:]
    assert files(shard / "qcs" / INDEX) == files(site / "qcs" / INDEX)
    assert not (shard / INDEX).exists()
    assert sorted(p.parent.parent.name for p in shard.glob(f"*/{INDEX}/manifest.json")) == ["qcs"]


def test_a_preview_writes_its_units_bundles_and_an_index_of_them_alone(site, tmp_path):
    preview = tmp_path / "preview"
    result = subprocess.run([*MKDOCS, "build", "-q", "-f", str(PROJECT / "mkdocs.yml"), "-d", str(preview)],
                            capture_output=True, text=True, env=build_env(XXGK_UNITS="czj,qcs"))
    assert result.returncode == 0, result.stderr[-3000:]
    for unit in ("czj", "qcs"):
        assert files(preview / unit / INDEX) == files(site / unit / INDEX)
    manifest, _, records = read_index(preview / INDEX)
    assert {r[0].split("/")[0] for r in records} == {"qcs", "czj"}  # no site-level page
    assert records[0][0] == "qcs/"  # the units in display order
    shown, again = [u for u in UNITS if u.id in ("czj", "qcs")], tmp_path / "again"
    for unit in shown:
        shutil.copytree(preview / unit.id / INDEX, again / unit.id / INDEX)
    merge_bundles(str(again), shown, site_pages=False)
    assert files(again / INDEX) == files(preview / INDEX)


def test_search_false_writes_no_bundle_and_no_index(repo, tmp_path):
    repo.item(unit="czj", name="a", index="11990700003016315Q/2026-00001", title="关于测试的通知", published="2026-01-05")
    config = repo.mkdocs_yml(check=False)
    config.write_text(config.read_text("utf-8").replace("check: false", "check: false\n      search: false"), "utf-8")
    out = tmp_path / "out"
    result = mkdocs_build(config, out)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (out / "czj" / "index.html").is_file()
    assert not list(out.rglob(INDEX))
