#!/usr/bin/env python3
"""Search quality and cost of the built site, measured in a real Chromium.

Usage: scripts/bench_search.py [--engine xxgk|pagefind|pagefind-bigram] [--corpus demo|synth]
                               [--items N] [--units N] [--site DIR] [--root DIR]
                               [--limit-c N] [--limit-ab N] [--data-every K] [--body-sample N]
                               [--options JSON] [--json OUT] [--list]

Builds the demo (``mkdocs build`` in the project) or a varied synthetic corpus of N items
(scripts/synth.py ``varied=True``, built as scripts/bench.py builds its corpora) — or, with
``--site``, measures a site already built (any alternative search build) against the model of
``--root`` (default: the project for the demo, ``--out``/search-synth-N for synth). The site is
served by tests/browser/server.py (gzip on) on 127.0.0.1 and searched in Debian's Chromium by the
``--engine``: ``xxgk`` (default) the search page's own API (``window.xxgkSearch``, search.js over
searchindex/), ``pagefind`` Pagefind's JS API with the query as typed, ``pagefind-bigram``
Pagefind over a ``search_tokens: bigram`` build (commit cf68db8). Results are mapped to items by
URL (document number → URL from the index's records, or fragment id → URL from Pagefind's
fragments); the top 10's URLs are checked against that map on every k-th query (``--data-every``).

Query sets, ground truth from the model (``xxgk.core.load``, ``public_items(build_date)``):
  (a) every public item's exact title → that item in the top 10 (and the top-1 rate);
  (b) every 发文字号 and every 索引号 → that item in the top 10;
  (c) every word of 2+ Chinese characters jieba finds in the titles, plus every k-th such word
      of the bodies (sorted, deduplicated) → recall: every public item whose text (title, 发文字号,
      索引号, 内容概述, body as rendered text, attachment titles) contains the word is among the
      results; precision: the share of results whose text contains the word (bar: ≥ 95 %).
Cost: the first query after the engine's page has loaded, in a fresh browser context — bytes
transferred for the search's files after the load (and with what the page fetched for search
while loading) and milliseconds from the call until the top 10's records are loaded: the median of
5 queries (a title, a number, three words), and the worst of those and the 5 longest titles (the
most tokens, so the most files), each query in its own context.

Needs the test extras (Playwright, jieba) and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(PROJECT / "tests" / "browser"))
import synth  # noqa: E402
from server import SiteServer  # noqa: E402  (tests/browser/server.py)

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CJK = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}$")
CHUNK = 200  # queries per page.evaluate
PRECISION_BAR = 0.95
FIRST_QUERIES = 5
LONGEST_QUERIES = 5  # and the longest titles of set (a): the most tokens, so the most bytes


# -- ground truth ------------------------------------------------------------------------------

class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def body_text(markdown_body: str) -> str:
    """The body as a reader sees it: Markdown rendered (as MkDocs does), tags dropped."""
    import markdown

    rendered = markdown.markdown(markdown_body, extensions=["tables", "attr_list", "md_in_html"])
    parser = _Text()
    parser.feed(rendered)
    return html.unescape("".join(parser.parts))


def build_date(root: Path) -> date:
    found = re.search(r"^\s*build_date:\s*['\"]?(\d{4}-\d{2}-\d{2})", (root / "mkdocs.yml").read_text("utf-8"), re.M)
    return date.fromisoformat(found.group(1)) if found else date.today()


def ground_truth(root: Path):
    from xxgk.core import load

    repo = load(str(root))
    as_of = build_date(root)
    items = sorted(repo.public_items(as_of), key=lambda i: (i.unit, i.column, i.serial))
    texts, bodies = [], []
    for i in items:
        bodies.append(body_text(i.body))
        fields = [i.title, i.doc_number, i.index, i.summary, bodies[-1]]
        fields += [a.title for a in i.listed_attachments]
        texts.append("\n".join(f for f in fields if f))
    return items, texts, bodies, as_of


def item_url(item) -> str:
    return f"/{item.unit}/{item.column}/{item.serial}/"


def words_of(text: str) -> set[str]:
    import jieba

    return {w for w in jieba.lcut(text) if CJK.match(w)}


def query_sets(items, bodies, body_sample: int, limit_c: int | None, limit_ab: int | None = None):
    import jieba

    jieba.setLogLevel(60)
    a = [(i.title, n) for n, i in enumerate(items)]
    b = [(i.doc_number, n) for n, i in enumerate(items) if i.doc_number] + [(i.index, n) for n, i in enumerate(items)]
    title_words = set().union(*(words_of(i.title) for i in items))
    body_words = sorted(set().union(*(words_of(t) for t in bodies)) - title_words)
    step = max(1, math.ceil(len(body_words) / body_sample)) if body_sample else 0
    sampled = body_words[::step] if step else []
    c = sorted(title_words) + sampled
    if limit_c is not None and len(c) > limit_c:  # a quick run: an even spread, still deterministic
        c = c[::math.ceil(len(c) / limit_c)]
    if limit_ab is not None:
        a = a[::math.ceil(len(a) / limit_ab)] if len(a) > limit_ab else a
        b = b[::math.ceil(len(b) / limit_ab)] if len(b) > limit_ab else b
    return a, b, c, len(title_words), len(sampled), len(body_words)


# -- the browser -------------------------------------------------------------------------------

# Each engine: how the page is prepared, how a query is run (result ids in rank order, the top
# 10's URLs every k-th query) and how the first query of a fresh page is timed.
def _pagefind(page: str, query: str) -> dict:
    """An engine on Pagefind's JS API; ``query``: the JS expression of what is searched for ``q``."""
    return {
        "page": page,
        "prepare": """async ([ids, opts]) => { window.__ids = ids;
            window.__pf = await import('/pagefind/pagefind.js'); await window.__pf.options(opts); await window.__pf.init(); }""",
        "query": f"window.__pf.search({query})",
        "ids": "r.results.map(x => (x.id in window.__ids) ? window.__ids[x.id] : -2)",
        "urls": "(await Promise.all(r.results.slice(0, 10).map(x => x.data()))).map(d => d.url)",
        "first": f"""async ([q, opts]) => {{
            const pf = await import('/pagefind/pagefind.js'); await pf.options(opts);
            const t0 = performance.now(); const r = await pf.search({query});
            const data = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
            return [performance.now() - t0, r.results.length, data.map(d => d.url)]; }}""",
        "counted": ("/pagefind/",),
    }


ENGINES = {
    # Pagefind's JS API with the query as typed (what Pagefind UI does)
    "pagefind": _pagefind("/", "q"),
    # Pagefind over bigram tokens (search_tokens: bigram, the prototype of commit cf68db8): the query
    # made into the same tokens by that site's search-bigram.js, no contiguity filter (that needs
    # every result's data())
    "pagefind-bigram": _pagefind("/search/", "window.XxgkSearchTokens.queryTokens(q).join(' ') || null"),
    # the site's own index (searchindex.py, search.js): what the search page runs
    "xxgk": {
        "page": "/search/",
        "prepare": """async ([ids, opts]) => { window.__ids = ids; await window.xxgkSearch.ready; }""",
        "query": "window.xxgkSearch.search(q)",
        "ids": "r.items.map(x => (x in window.__ids) ? window.__ids[x] : -2)",  # r.pages: not items
        "urls": "(await window.xxgkSearch.records(r.items.slice(0, 10))).map(d => '/' + d.path)",
        "first": """async ([q, opts]) => {
            await window.xxgkSearch.ready;
            const t0 = performance.now(); const r = await window.xxgkSearch.search(q);
            const data = await window.xxgkSearch.records(r.items.slice(0, 10));
            return [performance.now() - t0, r.items.length, data.map(d => '/' + d.path)]; }""",
        "counted": ("/searchindex/",),
    },
}


def search_js(engine: dict) -> str:
    return f"""async ([queries, dataEvery]) => {{
    const out = [];
    for (const [n, q] of queries.entries()) {{
        const r = await {engine["query"]};
        const ids = {engine["ids"]};
        let urls = [];
        if (dataEvery && n % dataEvery === 0) {{ urls = {engine["urls"]}; }}
        out.push([ids, urls]);
    }}
    return out;
}}"""


def fragments(site: Path) -> dict[str, tuple[str, str]]:
    """Fragment id → (URL, indexed text) from the bundle itself (gzip, 'pagefind_dcd' + JSON)."""
    found = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        data = json.loads(raw[raw.index(b"{"):])
        found[path.stem] = (data["url"], data.get("content", "").replace("\u200b", ""))
    return found


def records(site: Path) -> dict[int, str]:
    """Document number → URL from the site's own index (searchindex/r/<n>.json)."""
    found = {}
    manifest = json.loads((site / "searchindex" / "manifest.json").read_text("utf-8"))
    per = manifest["records_per_file"]
    for path in (site / "searchindex" / "r").glob("*.json"):
        for k, record in enumerate(json.loads(path.read_text("utf-8"))):
            found[int(path.stem) * per + k] = "/" + record[0]
    return found


def run_queries(page, engine: dict, name: str, queries: list[str], data_every: int) -> tuple[list, float]:
    """Results of each query as item numbers, in Pagefind's order; every data_every-th query
    also loads its top 10's data() (the URLs cross-check the fragment map; 0: never)."""
    results, started = [], time.perf_counter()
    for start in range(0, len(queries), CHUNK):
        results += page.evaluate(search_js(engine), [queries[start:start + CHUNK], data_every])
        if len(queries) > CHUNK:
            print(f"  {name}: {len(results)}/{len(queries)} queries, {time.perf_counter() - started:.0f} s",
                  file=sys.stderr, flush=True)
    return results, time.perf_counter() - started


def first_queries(browser, base: str, engine: dict, queries: list[str], options: dict) -> list[dict]:
    """Each query in a fresh context on the engine's page once loaded: the bytes of the index files
    the query fetched (``bytes``), and with what the page fetched for search while loading (``with_page``)."""
    out = []
    for q in queries:
        ctx = browser.new_context(locale="zh-CN", service_workers="block")
        page = ctx.new_page()
        responses = []

        def counted(r):
            if any(part in r.url for part in engine["counted"]) or "/assets/xxgk/search" in r.url:
                responses.append(r)

        page.on("response", counted)
        page.goto(base.rstrip("/") + engine["page"], wait_until="load")
        page.wait_for_load_state("networkidle")
        loading = len(responses)
        ms, count, urls = page.evaluate(engine["first"], [q, options])

        def size(rs):
            total = 0
            for r in rs:
                s = r.request.sizes()
                total += s["responseBodySize"] + s["responseHeadersSize"]
            return total

        out.append({"query": q, "ms": ms, "bytes": size(responses[loading:]), "with_page": size(responses),
                    "files": len(responses) - loading, "results": count})
        ctx.close()
    return out


# -- the run -----------------------------------------------------------------------------------

def build(args) -> tuple[Path, Path, float | None]:
    """(site, model root, build seconds or None when measuring a given site)."""
    if args.corpus == "demo":
        root = args.root or PROJECT
        site = args.site or (args.out / "search-demo-site")
        cmd = [str(PROJECT / ".venv/bin/mkdocs"), "build", "-q", "-d", str(site.resolve())]
        cwd = PROJECT
    else:
        root = args.root or (args.out / f"search-synth-{args.items}")
        site = args.site or (root / "site")
        if args.site is None:
            synth.make(root, args.items, args.units, varied=True)
        cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site.resolve())]
        cwd = None
    if args.site is not None:
        return site, root, None
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(cmd)}\n{result.stderr[-3000:]}")
    return site, root, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=["demo", "synth"], default="demo")
    parser.add_argument("--engine", choices=sorted(ENGINES), default="xxgk",
                        help="what answers the queries (default: the site's own index, as its search page does)")
    parser.add_argument("--items", type=int, default=10_000, help="synthetic corpus size")
    parser.add_argument("--units", type=int, help="units of the synthetic corpus (default: the demo's 7; "
                        "100,000 distinct titles need about 70)")
    parser.add_argument("--site", type=Path, help="measure this built site instead of building")
    parser.add_argument("--root", type=Path, help="repository the site was built from (ground truth)")
    parser.add_argument("--out", type=Path, default=PROJECT / "bench-out")
    parser.add_argument("--limit-c", type=int, help="cap set (c) for a quick run")
    parser.add_argument("--limit-ab", type=int, help="cap sets (a) and (b), each an even spread, for a quick run")
    parser.add_argument("--data-every", type=int, default=1,
                        help="load the top 10's data() on every k-th query of (a) and (b) (default: every query)")
    parser.add_argument("--body-sample", type=int, default=300, help="body words in set (c): every k-th, about N")
    parser.add_argument("--options", default="{}", help="JSON for pagefind.options() (bundlePath is set)")
    parser.add_argument("--label", default="", help="name of the alternative, kept in --json")
    parser.add_argument("--json", type=Path, help="write every figure and miss here")
    parser.add_argument("--list", action="store_true", help="print every miss")
    args = parser.parse_args()
    started = time.perf_counter()
    options = {"bundlePath": "/pagefind/", **json.loads(args.options)}

    site, root, build_s = build(args)
    items, texts, bodies, as_of = ground_truth(root)
    a, b, c, n_title_words, n_body_sampled, n_body_words = query_sets(items, bodies, args.body_sample, args.limit_c, args.limit_ab)
    engine = ENGINES[args.engine]
    by_url = {item_url(i): n for n, i in enumerate(items)}
    if args.engine == "xxgk":
        frags = {str(n): (url, "") for n, url in records(site).items()}
    else:
        frags = fragments(site)
    ids = {fid: by_url.get(url, -1) for fid, (url, _) in frags.items()}  # -1: an indexed page that is no public item
    prepared_s = time.perf_counter() - started
    print(f"{args.corpus}: {len(items)} public items as of {as_of}, site {site}, {len(frags)} pages indexed"
          + (f", built in {build_s:.1f} s" if build_s else " (given)"))
    print(f"queries: (a) {len(a)} titles, (b) {len(b)} 发文字号/索引号, (c) {len(c)} words "
          f"({n_title_words} from titles + {n_body_sampled} of {n_body_words} body-only words)")

    from playwright.sync_api import sync_playwright

    server = SiteServer(site).start()
    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    errors: list[str] = []
    try:
        ctx = browser.new_context(locale="zh-CN", service_workers="block")
        ctx.set_default_timeout(600_000)
        page = ctx.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server.url.rstrip("/") + engine["page"], wait_until="load")
        page.evaluate(engine["prepare"], [ids, options])
        ra, ta = run_queries(page, engine, "(a)", [q for q, _ in a], args.data_every)
        rb, tb = run_queries(page, engine, "(b)", [q for q, _ in b], args.data_every)
        rc, tc = run_queries(page, engine, "(c)", c, 0)
        ctx.close()
        probe = [a[0][0], b[0][0]] + [c[len(c) * k // 4] for k in (1, 2, 3)] if c else [a[0][0], b[0][0]]
        longest = sorted({i.title for i in items}, key=lambda q: (-len(q), q))[:LONGEST_QUERIES]  # the costliest kind
        first = first_queries(browser, server.url, engine, probe[:FIRST_QUERIES] + longest, options)
    finally:
        browser.close()
        pw.stop()
        server.stop()

    # (a) and (b): the item in the top 10 (by the result order; the top 10's data() URLs cross-checked)
    mismatched = 0

    def ranked(qs, results):
        nonlocal mismatched
        out = []
        for (q, want), (got, urls) in zip(qs, results):
            top = got[:10]
            mismatched += sum(1 for g, u in zip(top, urls) if g >= 0 and item_url(items[g]) != u)
            out.append({"query": q, "item": item_url(items[want]), "rank": top.index(want) + 1 if want in top else None,
                        "results": len(got)})
        return out

    fa, fb = ranked(a, ra), ranked(b, rb)
    doc_numbers = {i.doc_number for i in items if i.doc_number}
    fc = []
    for q, (got, _) in zip(c, rc):
        want = {n for n, t in enumerate(texts) if q in t}
        found = set(got)
        relevant = sum(1 for g in got if g >= 0 and q in texts[g])
        fc.append({"query": q, "expected": len(want), "results": len(got), "missed": len(want - found),
                   "precision": relevant / len(got) if got else 1.0,
                   "missed_items": [item_url(items[n]) for n in sorted(want - found)[:5]]})

    def share(rows, ok):
        return sum(1 for r in rows if ok(r)) / len(rows) if rows else float("nan")

    answered = [r for r in fc if r["results"]]
    fb_doc = [r for r in fb if r["query"] in doc_numbers]
    fb_idx = [r for r in fb if r["query"] not in doc_numbers]
    summary = {
        "label": args.label, "engine": args.engine, "corpus": args.corpus, "items": len(items), "site": str(site), "as_of": as_of.isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "a_top10": share(fa, lambda r: r["rank"] is not None), "a_top1": share(fa, lambda r: r["rank"] == 1),
        "a_zero": share(fa, lambda r: r["results"] == 0),
        "b_top10": share(fb, lambda r: r["rank"] is not None),
        "b_doc_number_top10": share(fb_doc, lambda r: r["rank"] is not None),
        "b_index_top10": share(fb_idx, lambda r: r["rank"] is not None),
        "c_recall": share(fc, lambda r: r["missed"] == 0),
        "c_item_recall": 1 - sum(r["missed"] for r in fc) / max(1, sum(r["expected"] for r in fc)),
        "c_zero": share(fc, lambda r: r["results"] == 0),
        # precision over the queries that return anything (an empty answer is not a precise one)
        "c_precision_ok": share(answered, lambda r: r["precision"] >= PRECISION_BAR),
        "c_precision_mean": statistics.fmean(r["precision"] for r in answered) if answered else float("nan"),
        # of all results of (c) together, the share that contain the word
        "c_precision_all": (sum(r["precision"] * r["results"] for r in answered) / sum(r["results"] for r in answered)
                            if answered else float("nan")),
        "first_query_bytes": statistics.median(f["bytes"] for f in first[:FIRST_QUERIES]),
        "first_query_ms": statistics.median(f["ms"] for f in first[:FIRST_QUERIES]),
        "first_query_with_page": statistics.median(f["with_page"] for f in first[:FIRST_QUERIES]),
        "first_query_max_bytes": max(f["bytes"] for f in first), "first_query_max_ms": max(f["ms"] for f in first),
        "seconds": {"build": build_s, "prepare": prepared_s - (build_s or 0), "a": ta, "b": tb, "c": tc,
                    "total": time.perf_counter() - started},
        "url_mismatches": mismatched, "browser_errors": errors[:20], "first_queries": first,
        "counts": {"a": len(fa), "b": len(fb), "b_doc_number": len(fb_doc), "b_index": len(fb_idx), "c": len(fc)},
    }

    def pct(x):
        return f"{100 * x:.1f} %"

    s = summary
    print()
    print("| set | queries | bar met (recall) | detail |")
    print("|---|---|---|---|")
    print(f"| (a) exact title, in top 10 | {len(fa)} | {pct(s['a_top10'])} | top 1: {pct(s['a_top1'])}; no result at all: "
          f"{sum(1 for r in fa if r['results'] == 0)} |")
    print(f"| (b) 发文字号 + 索引号, in top 10 | {len(fb)} | {pct(s['b_top10'])} | 发文字号 {pct(s['b_doc_number_top10'])} "
          f"({sum(1 for r in fb_doc if r['rank'] is None)} of {len(fb_doc)} fail); 索引号 {pct(s['b_index_top10'])} "
          f"({sum(1 for r in fb_idx if r['rank'] is None)} of {len(fb_idx)} fail) |")
    print(f"| (c) words, every containing item found | {len(fc)} | {pct(s['c_recall'])} | item recall {pct(s['c_item_recall'])}; "
          f"no result: {sum(1 for r in fc if r['results'] == 0)}; precision ≥ 95 %: {pct(s['c_precision_ok'])} of the {len(answered)} "
          f"answered queries, mean {pct(s['c_precision_mean'])}; of all {sum(r['results'] for r in answered)} results "
          f"{pct(s['c_precision_all'])} |")
    print()
    print(f"first query (median of {min(len(first), FIRST_QUERIES)}, fresh context each): {s['first_query_bytes'] / 1000:.1f} kB transferred, "
          f"{s['first_query_ms']:.0f} ms; with the search files the page loaded first: {s['first_query_with_page'] / 1000:.1f} kB; "
          f"worst of {len(first)} (with the {LONGEST_QUERIES} longest titles): {s['first_query_max_bytes'] / 1000:.1f} kB, "
          f"{s['first_query_max_ms']:.0f} ms")
    for f in first:
        print(f"  「{f['query']}」: {f['bytes'] / 1000:.1f} kB in {f['files']} files, {f['ms']:.0f} ms, {f['results']} results")
    sec = s["seconds"]
    print(f"seconds: build {sec['build'] or 0:.1f}, prepare {sec['prepare']:.1f}, (a) {sec['a']:.1f}, (b) {sec['b']:.1f}, "
          f"(c) {sec['c']:.1f}, total {sec['total']:.1f}")
    if mismatched:
        print(f"WARNING: {mismatched} top-10 results whose data() URL differs from the fragment map")
    if errors:
        print(f"WARNING: {len(errors)} browser errors, first: {errors[0]}")

    limit = None if args.list else 8
    misses_a = [r for r in fa if r["rank"] is None]
    misses_b = [r for r in fb if r["rank"] is None]
    misses_c = [r for r in fc if r["missed"]]
    imprecise = sorted((r for r in fc if r["precision"] < PRECISION_BAR), key=lambda r: r["precision"])
    for name, rows, fmt in (
        ("(a) titles not in the top 10", misses_a, lambda r: f"{r['query']} → {r['item']} ({r['results']} results)"),
        ("(b) numbers not in the top 10", misses_b, lambda r: f"{r['query']} → {r['item']} ({r['results']} results)"),
        ("(c) words missing items", misses_c, lambda r: f"{r['query']}: {r['missed']} of {r['expected']} missed "
                                                         f"({r['results']} results), e.g. {', '.join(r['missed_items'][:2])}"),
        ("(c) precision below 95 %", imprecise, lambda r: f"{r['query']}: {pct(r['precision'])} of {r['results']} results"),
    ):
        if rows:
            print(f"\n{name}: {len(rows)}" + ("" if limit is None or len(rows) <= limit else f" (first {limit}; --list for all)"))
            for r in rows[:limit]:
                print("  " + fmt(r))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"summary": summary, "a": fa, "b": fb, "c": fc}, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
