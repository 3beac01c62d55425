"""Fuzz the loader with mutated copies of the demo's real items: whatever an editor (or an
attacker) commits ends as a loaded item or as problems with registered codes and Chinese
messages — never a traceback, a crash or a hang.

A seeded mutation fuzzer (deterministic: the same documents on every run) derives the documents
from ``content/**/*.md``: byte flips, inserted, deleted and duplicated lines, YAML-meaningful
characters, deep nesting, huge repetition, control characters, invalid UTF-8, duplicated and
null keys, tags and anchors, odd line endings, blank values. A child process loads them one by
one with ``xxgk.core.load`` from a throwaway copy of the repository, and catches nothing: it
writes each document's number to a file before loading it, so when it dies (a segfault: rc < 0,
an exception: rc 1, or a hang: the timeout) the parent names the document that did it and keeps
it for reproduction. The same child also runs each document through ``frontmatter.split`` +
``yamlsafe.load`` and the whole text through ``yamlsafe.load``, the entry point of the catalogue
and register files.

``XXGK_FUZZ_COUNT`` changes the number of documents (default 3,000; seed ``XXGK_FUZZ_SEED``).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from conftest import PROJECT

COUNT = int(os.environ.get("XXGK_FUZZ_COUNT", 3000))
SEED = int(os.environ.get("XXGK_FUZZ_SEED", 20261120))
TIMEOUT = 240  # seconds for the whole child; a document that hangs ends here, named
SLOW = 5.0  # seconds one document may take at most
CJK = re.compile("[\u4e00-\u9fff]")

YAML_CHARS = "[]{}&*!|>%@:-?#'\"\t\r ,\n~="
CONTROL = [chr(c) for c in range(0x20) if c != 0x0A] + ["\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\u3000", "\xa0",
                                                       "\ufeff", "\u200b", "\u2003", "\ufffe"]
ODD_KEYS = ["~: x", "null: x", "? [a, b]\n: x", "[a]: x", "{a: b}: x", "1: x", "true: x", "on: yes", "? \n: x",
            "<<: {mode: 不予公开}", "? {a: b}\n: c", "'': x", "!!int 1: x", "2025-03-05: x"]
TAGS = ["&a ", "*a ", "!!binary ", "!!set ", "!!timestamp ", "!!omap ", "!foo ", "!<tag:x> ", "!!str ", "!!python/object "]
BLANKS = ["' '", "'\u3000\u3000'", "\"\\t\"", "'\u200b'", "\"\"", "~", "''", "' \xa0 '"]


# --- the mutations (bytes in, bytes out) ------------------------------------------------------

def _front_end(data: bytes) -> int:
    end = data.find(b"\n---", 4)
    return len(data) if end < 0 else end


def flip_bytes(rng, data):
    """Any byte anywhere (mostly breaks UTF-8), or an ASCII byte for an ASCII byte (keeps it)."""
    data = bytearray(data)
    limit = _front_end(data) if rng.random() < 0.8 else len(data)
    ascii_only = rng.random() < 0.6
    positions = [n for n in range(limit) if data[n] < 0x80] if ascii_only else range(limit)
    for _ in range(rng.randint(1, 8)):
        data[rng.choice(positions)] = rng.randrange(128 if ascii_only else 256)
    return bytes(data)


def insert_yaml_chars(rng, data):
    text = data.decode("utf-8", "surrogateescape")
    for _ in range(rng.randint(1, 10)):
        at = rng.randrange(max(_front_end(data), 1))
        text = text[:at] + "".join(rng.choice(YAML_CHARS) for _ in range(rng.randint(1, 3))) + text[at:]
    return text.encode("utf-8", "surrogateescape")


def _lines(data):
    lines = data.decode("utf-8", "surrogateescape").split("\n")
    fence = next((n for n in range(1, len(lines)) if lines[n].strip() == "---"), len(lines))
    return lines, fence


def _join(lines):
    return "\n".join(lines).encode("utf-8", "surrogateescape")


def delete_line(rng, data):
    lines, fence = _lines(data)
    del lines[rng.randrange(len(lines)) if rng.random() < 0.2 else rng.randrange(max(fence, 1))]
    return _join(lines)


def duplicate_line(rng, data):
    lines, fence = _lines(data)
    line = lines[rng.randrange(1, max(fence, 2))]
    lines.insert(rng.randrange(1, max(fence, 2)), line)
    return _join(lines)


def duplicate_key(rng, data):
    lines, fence = _lines(data)
    keyed = [n for n in range(1, fence) if re.match(r"^\s*(?:- )?[a-z_]+:", lines[n])]
    if not keyed:
        return _join(lines)
    source = lines[rng.choice(keyed)]
    key = source.split(":")[0]
    value = rng.choice(["主动公开", "不予公开", "false", "true", "其他值", "", "[a, b]"])
    lines.insert(rng.randrange(1, fence + 1), f"{key.replace('- ', '  ')}: {value}")
    return _join(lines)


def odd_key(rng, data):
    lines, fence = _lines(data)
    indent = rng.choice(["", "", "  "])
    lines.insert(rng.randrange(1, fence + 1), "\n".join(indent + part for part in rng.choice(ODD_KEYS).split("\n")))
    return _join(lines)


def deep_nesting(rng, data):
    lines, fence = _lines(data)
    depth = rng.choice([5, 16, 31, 32, 33, 40, 100, 1000, 20_000, 100_000])
    shape = rng.randrange(5)
    if shape == 0:
        value = "[" * depth + "]" * depth
    elif shape == 1:
        value = "{a: " * depth + "b" + "}" * depth
    elif shape == 2:
        value = "[" * depth  # never closed
    elif shape == 3:
        value = "\n" + "\n".join(" " * (n + 1) + f"k{n}:" for n in range(min(depth, 600)))
    else:
        value = "\n" + "- " * depth + "x"
    at = rng.randrange(1, fence + 1)
    lines.insert(at, f"title: {value}" if rng.random() < 0.5 else f"x{at}: {value}")
    return _join(lines)


def huge_repetition(rng, data):
    lines, fence = _lines(data)
    times = rng.choice([10, 100, 1000, 6000])  # 6000 lines pass the size cap
    if rng.random() < 0.5:
        line = lines[rng.randrange(1, max(fence, 2))]
        lines[1:1] = [line] * times
    else:
        lines.insert(1, f"summary: {rng.choice('x[,:- ')}" * times)
    return _join(lines)


def control_characters(rng, data):
    text = data.decode("utf-8", "surrogateescape")
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(max(_front_end(data), 1))
        text = text[:at] + rng.choice(CONTROL) + text[at:]
    return text.encode("utf-8", "surrogateescape")


def invalid_utf8(rng, data):
    choice = rng.randrange(4)
    if choice == 0:
        try:
            return data.decode("utf-8").encode("gbk", "replace")
        except UnicodeDecodeError:
            return data
    at = rng.randrange(len(data))
    junk = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe4\xb8", b"\x80\x80", b"\xef\xbb\xbf"][rng.randrange(6)]
    return data[:at] + junk + data[at:]


def line_endings(rng, data):
    choice = rng.randrange(4)
    if choice == 0:
        return data.replace(b"\n", b"\r\n")
    if choice == 1:
        return data.replace(b"\n", b"\r")
    if choice == 2:
        return data.replace(b"\n", b"\r\n", rng.randint(1, 5))
    at = rng.randrange(max(_front_end(data), 1))
    return data[:at] + b"\r" + data[at:]


def tags_and_anchors(rng, data):
    lines, fence = _lines(data)
    at = rng.randrange(1, max(fence, 2))
    line = lines[at]
    cut = line.find(": ")
    tag = rng.choice(TAGS)
    lines[at] = line[:cut + 2] + tag + line[cut + 2:] if cut >= 0 else tag + line
    if tag == "&a " and rng.random() < 0.5:
        lines.insert(fence, "again: *a")
    return _join(lines)


def blank_value(rng, data):
    lines, fence = _lines(data)
    keyed = [n for n in range(1, fence) if re.match(r"^\s*[a-z_]+: \S", lines[n])]
    if keyed:
        n = rng.choice(keyed)
        lines[n] = lines[n].split(":")[0] + ": " + rng.choice(BLANKS)
    return _join(lines)


def indentation(rng, data):
    lines, fence = _lines(data)
    n = rng.randrange(1, max(fence, 2))
    pad = rng.choice([" ", "  ", "   ", "\t", " \t", ""])
    lines[n] = pad + lines[n] if rng.random() < 0.7 else lines[n].lstrip()
    return _join(lines)


def truncate(rng, data):
    return data[: rng.randrange(len(data))]


def splice(rng, data, other):
    """Lines from another item: foreign keys, a second front matter, a wrong place."""
    lines, fence = _lines(data)
    theirs, their_fence = _lines(other)
    start = rng.randrange(0, max(their_fence, 1))
    lines[rng.randrange(1, fence + 1):0] = theirs[start:start + rng.randint(1, 5)]
    return _join(lines)


MUTATIONS = [flip_bytes, insert_yaml_chars, delete_line, duplicate_line, duplicate_key, odd_key, deep_nesting,
             huge_repetition, control_characters, invalid_utf8, line_endings, tags_and_anchors, blank_value,
             indentation, truncate]


def corpus(count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    sources = sorted(p for p in PROJECT.glob("content/**/*.md") if "/_" not in p.as_posix() and p.name != "README.md")
    originals = [(p.relative_to(PROJECT).as_posix(), p.read_bytes()) for p in sources]
    documents = []
    for number in range(count):
        rel, data = rng.choice(originals)
        applied = []
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            mutation = rng.choice(MUTATIONS)
            other = rng.choice(originals)[1]
            try:
                data = splice(rng, data, other) if rng.random() < 0.05 else mutation(rng, data)
            except (IndexError, ValueError):  # a mutation that does not fit what earlier ones left
                continue
            applied.append(mutation.__name__)
        documents.append({"number": number, "source": rel, "mutations": applied, "data": data})
    return documents


# --- the child: loads every document, catches nothing -----------------------------------------

CHILD = textwrap.dedent("""\
    import json, os, sys, time
    from xxgk.core import frontmatter, load, yamlsafe
    from xxgk.core.schema import NOT_BLANK
    import re

    # The catalogue never changes between documents: read it once (load() still runs whole).
    from xxgk.core import loader
    read_catalogue, catalogues = loader.load_catalogue, {}

    def load_catalogue_once(root, problems):
        if root not in catalogues:
            found = []
            catalogues[root] = read_catalogue(root, found), found
        problems.extend(catalogues[root][1])
        return catalogues[root][0]

    loader.load_catalogue = load_catalogue_once

    root, manifest_file, data_file, progress_file, results_file, start = sys.argv[1:7]
    documents = json.load(open(manifest_file, encoding="utf-8"))
    blob = open(data_file, "rb").read()
    shows = re.compile(NOT_BLANK)
    previous = None
    for folder, _, names in os.walk(os.path.join(root, "content")):  # the document a dead child left
        if "fuzz.md" in names:
            os.remove(os.path.join(folder, "fuzz.md"))
    with open(results_file, "a", encoding="utf-8") as results:
        for doc in documents[int(start):]:
            with open(progress_file, "w") as fh:
                fh.write(str(doc["number"]))
            data = blob[doc["offset"]:doc["offset"] + doc["length"]]
            rel = doc["source"].rsplit("/", 1)[0] + "/fuzz.md"
            if previous and previous != rel:
                os.remove(os.path.join(root, previous))
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), "wb") as fh:
                fh.write(data)
            previous = rel
            started = time.perf_counter()
            repo = load(root)
            loaded = [i for i in repo.items if i.path == rel]
            problems = [(p.code, p.line, p.message, p.path) for p in repo.problems]
            # the catalogue-style entry point: front matter and whole text straight to yamlsafe
            direct = []
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = None
            if text is not None:
                try:
                    front = frontmatter.split(text.replace("\\r\\n", "\\n"))[0]
                    yamlsafe.load(front, first_line=2)
                    direct.append("front-ok")
                except (frontmatter.SplitError, yamlsafe.YamlError) as exc:
                    direct.append("front-ascii" if exc.message.isascii() else "front-error")
                try:
                    yamlsafe.load(text)
                    direct.append("text-ok")
                except yamlsafe.YamlError as exc:
                    direct.append("text-ascii" if exc.message.isascii() else "text-error")
            results.write(json.dumps({
                "number": doc["number"], "rel": rel, "items": len(loaded), "problems": problems, "direct": direct,
                "visible_title": all(shows.search(i.title) for i in loaded),
                "seconds": time.perf_counter() - started,
            }, ensure_ascii=False) + "\\n")
            results.flush()
    """)


def _repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(PROJECT / "catalogue", root / "catalogue")
    for path in PROJECT.glob("content/**/*"):  # the attachments the items list, not the items
        rel = path.relative_to(PROJECT)
        if path.is_file() and path.suffix != ".md" and "/_" not in rel.as_posix():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, root / rel)
    (root / "content").mkdir(exist_ok=True)
    return root


def test_mutated_items_never_crash_the_loader(tmp_path):
    from xxgk.core.problems import CODES

    documents = corpus(COUNT, SEED)
    root = _repository(tmp_path)
    manifest, blob = tmp_path / "corpus.json", tmp_path / "corpus.bin"
    progress, results = tmp_path / "progress", tmp_path / "results.jsonl"
    offset, entries = 0, []
    for doc in documents:
        entries.append({"number": doc["number"], "source": doc["source"], "offset": offset, "length": len(doc["data"])})
        offset += len(doc["data"])
    manifest.write_text(json.dumps(entries), "utf-8")
    blob.write_bytes(b"".join(doc["data"] for doc in documents))
    started = time.perf_counter()
    failures, start = [], 0
    while start < COUNT and len(failures) < 20:  # after a failure, go on from the next document
        left = TIMEOUT - (time.perf_counter() - started)
        progress.write_text(str(start))
        try:
            child = subprocess.run([sys.executable, "-X", "faulthandler", "-c", CHILD, str(root), str(manifest),
                                    str(blob), str(progress), str(results), str(start)],
                                   capture_output=True, text=True, timeout=max(left, 1))
            if child.returncode == 0:
                break
            failure = f"rc {child.returncode} ({'crash' if child.returncode < 0 else 'exception'})\n{child.stderr[-1500:]}"
        except subprocess.TimeoutExpired:
            failure = f"no answer within {TIMEOUT} s in all (a hang?)"
        number = int(progress.read_text())
        doc = documents[number]
        kept = tmp_path / f"fuzz-{number}.md"
        kept.write_bytes(doc["data"])
        failures.append(f"document {number} (from {doc['source']}, mutations {doc['mutations']}, kept as {kept}): "
                        f"{failure}")
        start = number + 1
        if "hang" in failure:
            break
    elapsed = time.perf_counter() - started
    assert not failures, f"{len(failures)} documents failed:\n\n" + "\n\n".join(failures)

    outcomes: dict[str, int] = {}
    by_mutation: dict[str, dict[str, int]] = {}
    lines = results.read_text("utf-8").splitlines()
    assert len(lines) == COUNT
    for line, doc in zip(map(json.loads, lines), documents):
        where = f"document {line['number']} from {doc['source']} {doc['mutations']}"
        mine = [p for p in line["problems"] if p[3] == line["rel"]]
        others = [p for p in line["problems"] if p[3] != line["rel"]]
        assert not others, (where, others)  # the catalogue copy is clean; every problem is the document's
        assert line["items"] == 1 or mine, f"{where}: neither loaded nor reported"
        size = doc["data"].count(b"\n") + 1
        for code, line_no, message, _ in mine:
            assert code in CODES, (where, code)
            assert CJK.search(message), (where, message)
            assert line_no is None or 1 <= line_no <= size, (where, code, line_no, size)
        assert line["visible_title"], where
        assert line["seconds"] < SLOW, (where, line["seconds"])
        assert "front-ascii" not in line["direct"] and "text-ascii" not in line["direct"], (where, line["direct"])
        key = "loaded" if line["items"] else mine[0][0]
        outcomes[key] = outcomes.get(key, 0) + 1
        for name in doc["mutations"]:
            by_mutation.setdefault(name, {}).setdefault(key, 0)
            by_mutation[name][key] += 1
    print(f"\nfuzz: {COUNT} documents in {elapsed:.1f} s (seed {SEED}): "
          + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items(), key=lambda kv: -kv[1])))
    if os.environ.get("XXGK_FUZZ_VERBOSE"):
        slowest = sorted(zip(map(json.loads, lines), documents), key=lambda pair: -pair[0]["seconds"])[:5]
        for line, doc in slowest:
            print(f"  slow: {line['seconds'] * 1000:.0f} ms, {len(doc['data'])} bytes, {doc['mutations']}")
        for name, counts in sorted(by_mutation.items()):
            print(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))
    assert outcomes.get("loaded", 0) > COUNT // 50  # the mutations leave some documents valid
    assert outcomes.get("yaml", 0) > COUNT // 20  # and reach the YAML readers
