"""Sharded builds: ``xxgk data``, ``xxgk merge`` and ``xxgk build --shards N`` (docs/scaling.md).

The work is spread by whoever runs the shards — a CI job matrix, or ``xxgk build --shards`` on one
machine as separate processes — never by a scheduler of ours. A shard is an ordinary
``mkdocs build`` with ``XXGK_UNITS`` (its units) and ``XXGK_PUBLISHED`` (the other units' data);
the merge assembles the shards (site/assemble.py) and builds the site-level pages from the data.

On one machine with no published site yet, the other units' data comes from a first, cheap pass:
``xxgk data`` loads each shard's units, runs the gate's blocking rules (what the build would
withhold) and writes their ``data/<unit>.json`` with every cross-unit reference kept, so that the
shard builds see references into their units both ways. That data is only an input of the shard
builds: the published data is what they write.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

from . import EXIT_OK, UsageError

MKDOCS_ENV = ("XXGK_UNITS", "XXGK_PUBLISHED", "XXGK_MERGE_FROM")


def _engine() -> list[str]:
    """The builder each step runs: MkDocs, or ProperDocs (its maintained fork) with XXGK_ENGINE."""
    engine = os.environ.get("XXGK_ENGINE", "mkdocs")
    if engine not in ("mkdocs", "properdocs"):
        raise UsageError(f"XXGK_ENGINE={engine}：只能是 mkdocs 或 properdocs。")
    return [sys.executable, "-m", engine]


def site_settings(config_file: str):
    """The MkDocs configuration and the xxgk plugin's (root, content_dir, build date)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from ..core import dates

    try:
        config = load_config(config_file)
    except (ConfigurationError, OSError, ValueError) as exc:  # (ValueError: a YAML date like 2026-13-40)
        raise UsageError(f"无法读取 {config_file}：{exc}") from None
    plugin = config.plugins.get("xxgk")
    if plugin is None:
        raise UsageError(f"{config_file} 没有启用 xxgk 插件。")
    options = plugin.config
    root = os.path.join(os.path.dirname(os.path.abspath(config_file)), options.root or "")
    try:
        as_of = dates.parse_day(options.build_date) if options.build_date else dates.today_in_china()
    except ValueError as exc:
        raise UsageError(f"{config_file} 中 xxgk 的 build_date：{exc}") from None
    return root, options.content_dir, as_of


def _run(cmd: list[str], env: dict, label: str) -> dict:
    """Run one build process; its seconds and peak resident memory (MB), or UsageError with its log."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = output.decode("utf-8", "replace")[-4000:]
        raise UsageError(f"{label}失败（退出码 {proc.returncode}）：\n{tail}")
    return {"label": label, "seconds": round(time.perf_counter() - started, 1), "peak_mb": usage.ru_maxrss // 1024}


def _env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in MKDOCS_ENV}
    env.update(NO_MKDOCS_2_WARNING="1", **extra)
    return env


# -- xxgk data ----------------------------------------------------------------------------------

def data(args) -> int:
    """Write the units' data/<unit>.json as a shard build would see them (references kept)."""
    written = write_data(args.config_file, sorted(args.units), args.out)
    print(f"xxgk：已写入 {written} 个单位的数据到 {args.out}")
    return EXIT_OK


def write_data(config_file: str, units: list[str], out: str) -> int:
    from ..core import load
    from ..plugin.gate import publishable
    from ..site import SiteView, opendata

    root, content_dir, as_of = site_settings(config_file)
    repo = load(root, content_dir, units=units)
    unknown = sorted(set(units) - set(repo.catalogue.units))
    if unknown:
        raise UsageError(f"--units 中的单位 {', '.join(unknown)} 不存在；可用：{', '.join(repo.catalogue.units)}")
    view = SiteView(repo, as_of, only_units=frozenset(units), withheld=publishable(repo, as_of, all_rules=False))
    names = {u.id: u.name for u in view.units()}
    columns = {c.id: c.name for c in repo.catalogue.columns.values()}
    os.makedirs(out, exist_ok=True)
    for unit in units:
        rows = opendata.rows(view.unit_items(unit), names, columns, "/", view.abstract, lambda index: True)
        with open(os.path.join(out, f"{unit}.json"), "w", encoding="utf-8") as fh:
            fh.write(opendata.as_json(rows, names[unit], as_of))
    return len(units)


# -- xxgk merge ---------------------------------------------------------------------------------

def merge(args) -> int:
    figures = merge_shards(args.config_file, args.shards, args.out, args.base)
    print(f"xxgk：已合并 {figures['shards']} 个分片、{figures['units']} 个单位到 {args.out}"
          f"（{figures['seconds']} 秒）。")
    return EXIT_OK


def merge_shards(config_file: str, shards: list[str], out: str, base: str | None = None, *,
                 consume: bool = False) -> dict:
    """Assemble ``shards`` (and the units none brings from ``base``) into ``out``, with the
    site-level pages built from the assembled data. ``out`` is replaced only when all succeeded.
    ``consume``: the shards are scratch folders of ``build_sharded``; their files are moved."""
    from ..core.catalogue import load_catalogue
    from ..site import assemble

    started = time.perf_counter()
    config_file = os.path.abspath(config_file)
    root, _, _ = site_settings(config_file)
    problems: list = []
    catalogue = load_catalogue(root, problems)
    if any(p.severity == "error" for p in problems):
        raise UsageError("目录数据有错误，无法合并。请先运行 xxgk check 并修正。")
    units = list(catalogue.units)
    out = os.path.abspath(out)
    parent = os.path.dirname(out)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".xxgk-merge-", dir=parent)
    site = tempfile.mkdtemp(prefix=".xxgk-site-", dir=parent)
    try:
        try:
            sources = [assemble.inventory(os.path.abspath(s), units) for s in shards]
            published = assemble.inventory(os.path.abspath(base), units, base=True) if base else None
            taken = assemble.plan(sources, published, units)
            assemble.same_shared(sources)
            assemble.copy(taken, sources, staging, move=consume)
            duplicates = assemble.duplicate_indexes(staging, units)
            if duplicates:
                raise assemble.MergeError("\n".join(duplicates))
            steps = [_run([*_engine(), "build", "-q", "-f", config_file, "-d", site],
                          _env(XXGK_MERGE_FROM=staging), "合并：全站页面构建")]
            built = assemble.inventory(site, units, base=True)  # (site-level and shared files only: no unit's)
            if built.files:
                raise assemble.MergeError(f"全站页面构建写了单位文件：{', '.join(sorted(built.files))}")
            assemble.same_shared(sources + [built])  # (before the move below empties site)
            assemble.copy_all(site, staging)
            if assemble.merge_search(staging, catalogue) is None:
                print("xxgk：提醒：分片没有各单位的搜索索引（<单位>/searchindex/），全站搜索索引未合并，"
                      "合并后的站点搜索不可用（docs/scaling.md §3）。", file=sys.stderr)
        except (assemble.MergeError, UsageError, ValueError, OSError) as exc:
            raise UsageError(f"合并失败，{out} 未改动：{exc}") from None
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
    seconds = round(time.perf_counter() - started, 1)
    steps.append({"label": "合并：组装与搜索索引", "seconds": seconds, "peak_mb": _own_peak()})
    return {"shards": len(shards), "units": len(units), "seconds": seconds, "steps": steps}


def _swap(staging: str, out: str) -> None:
    """Put the finished site at ``out``: the old one is moved aside first, removed after."""
    old = None
    if os.path.lexists(out):
        old = out + f".old-{os.getpid()}"
        os.rename(out, old)
    os.rename(staging, out)
    if old:
        shutil.rmtree(old, ignore_errors=True) if os.path.isdir(old) and not os.path.islink(old) else os.unlink(old)


# -- xxgk build --shards N ----------------------------------------------------------------------

def build(args) -> int:
    figures = build_sharded(args.config_file, args.shards, args.jobs, args.out, args.published)
    if args.json:  # (scripts/bench.py reads the figures)
        import json

        print(json.dumps(figures, ensure_ascii=False))
        return EXIT_OK
    for step in figures["steps"]:
        print(f"xxgk：{step['label']}：{step['seconds']} 秒，峰值内存 {step['peak_mb']} MB")
    print(f"xxgk：分 {figures['shards']} 片构建完成，共 {figures['seconds']} 秒，输出 {args.out}")
    return EXIT_OK


def build_sharded(config_file: str, count: int, jobs: int, out: str, published: str | None = None) -> dict:
    """Build the site as ``count`` shards, ``jobs`` processes at a time, then merge. Without
    ``published`` (a previous build's site), the other units' data comes from ``xxgk data``."""
    from ..core.catalogue import load_catalogue
    from ..core.shards import balance, count_items

    started = time.perf_counter()
    config_file = os.path.abspath(config_file)
    root, content_dir, _ = site_settings(config_file)
    problems: list = []
    catalogue = load_catalogue(root, problems)
    if any(p.severity == "error" for p in problems) or not catalogue.units:
        raise UsageError("目录数据有错误或没有单位，无法分片构建。请先运行 xxgk check 并修正。")
    groups = [s.units for s in balance({u: count_items(root, content_dir, u) for u in catalogue.units}, count)]
    work = tempfile.mkdtemp(prefix=".xxgk-shards-", dir=os.path.dirname(os.path.abspath(out)) or ".")
    steps: list[dict] = []
    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            if not published:
                published = os.path.join(work, "published")
                me = [sys.executable, "-m", "xxgk.cli", "data", "-f", config_file, "--out", os.path.join(published, "data")]
                steps += pool.map(lambda n: _run(me + ["--units", ",".join(groups[n])], _env(), f"第 {n + 1} 组数据"),
                                  range(len(groups)))
            shard_dirs = [os.path.join(work, f"shard-{n + 1}") for n in range(len(groups))]

            def shard(n: int) -> dict:
                cmd = [*_engine(), "build", "-q", "-f", config_file, "-d", shard_dirs[n]]
                return _run(cmd, _env(XXGK_UNITS=",".join(groups[n]), XXGK_PUBLISHED=os.path.abspath(published)),
                            f"第 {n + 1} 组构建（{len(groups[n])} 个单位）")

            steps += pool.map(shard, range(len(groups)))
        steps += merge_shards(config_file, shard_dirs, out, consume=True)["steps"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"shards": len(groups), "steps": steps, "seconds": round(time.perf_counter() - started, 1)}


def _own_peak() -> int:
    """This process's peak resident memory (MB): the merge's assembly and search index."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
