"""What each subcommand does, over the core and the gate."""

from __future__ import annotations

import os
import sys

from ..core import dates, load
from ..core.problems import CODES
from . import EXIT_FINDINGS, EXIT_OK, UsageError
from .output import FORMATS


def codes() -> int:
    from ..rules import load_all

    load_all()
    for code in sorted(CODES.values(), key=lambda c: c.code):
        print(f"{code.code:24} {code.name}：{code.doc}")
    return EXIT_OK


def run_check(args) -> int:
    from ..rules import GitError, check

    as_of = args.as_of or dates.today_in_china()
    # --units: a shard — only those units' content/ is read; references to other units are checked
    # against their published data (--published, or XXGK_PUBLISHED: a previous build's site folder).
    published = getattr(args, "published", None) or os.environ.get("XXGK_PUBLISHED") or None
    repo = load(args.root, args.content_dir, units=args.units, published=published)
    unknown = sorted((args.units or set()) - set(repo.catalogue.units))
    if unknown:
        raise UsageError(f"--units 中的单位 {', '.join(unknown)} 不存在；可用：{', '.join(repo.catalogue.units)}")
    try:
        report = check(repo, as_of, base=args.base, units=args.units, use_git=not args.no_git)
    except GitError as exc:
        raise UsageError(str(exc)) from None
    FORMATS[args.format](report, repo, sys.stdout)
    return EXIT_FINDINGS if report.failed else EXIT_OK


def new_item(args) -> int:
    from ..core.newitem import NewItemError, write_new_item

    repo = load(args.root, args.content_dir)
    today = dates.today_in_china()
    day = args.date or today
    try:
        path = write_new_item(repo, args.unit, args.column, args.title, day, kind=args.kind, topic=args.topic)
    except NewItemError as exc:
        raise UsageError(str(exc)) from None
    print(f"已新建 {path}\n下一步：把“（正文）”换成信息的正文，填写内容概述 summary 和保密审查记录 review，"
          "再运行 xxgk check（正文未填写时不会发布：placeholder-body）。")
    for note in _schedule_notes(args.root, day, today):
        print(note)
    return EXIT_OK


def _schedule_notes(root: str, day, today) -> list[str]:
    """Say so when the new item will not be on the next build: its date is after the site's fixed
    build date (mkdocs.yml build_date, as the demo has) or after today."""
    notes = []
    config = os.path.join(root, "mkdocs.yml")
    if os.path.isfile(config):
        from .sharded import site_settings

        try:
            built_as_of = site_settings(config)[2]
        except UsageError:
            built_as_of = None
        if built_as_of is not None and day > built_as_of:
            notes.append(f"注意：发布日期 {day} 晚于站点的构建日期 {built_as_of}（mkdocs.yml 的 build_date）："
                         f"按该日期构建的站点不会出现这条信息，要到以 {day} 或更晚日期构建时才发布。"
                         "如需现在发布，请用 --date 给出不晚于构建日期的发布日期。")
    if day > today:
        notes.append(f"定时发布：发布日期 {day} 在今天（{today}）之后，到期前构建的站点都不会发布这条信息。")
    return notes


def _backend(args) -> dict:
    from ..cms.editor import EditorError, backend_config

    try:
        return backend_config(args.backend, args.repo, args.branch, args.api_root, args.base_url, args.app_id)
    except EditorError as exc:
        raise UsageError(str(exc)) from None


def cms_config(args) -> int:
    import yaml

    from ..cms import cms_config as generate
    from ..core.catalogue import load_catalogue

    problems: list = []
    catalogue = load_catalogue(args.root, problems)
    if any(p.severity == "error" for p in problems):
        raise UsageError("目录数据有错误，无法生成编辑器配置。请先运行 xxgk check 并修正。")
    config = generate(catalogue, content_dir=args.content_dir, backend=_backend(args))
    text = ("# 由 xxgk cms-config 生成（信息元数据规范 item.schema.json 与 catalogue/），请勿手工修改。\n"
            + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"已写入 {args.out}（{len(config['collections'])} 个栏目）")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def editor(args) -> int:
    import glob
    import importlib.util

    from ..cms.editor import EditorError, write_editor
    from ..cms.vendor import TARBALL, VendorError, cache_dir

    repo = load(args.root, args.content_dir)
    if any(p.severity == "error" and (p.path or "").startswith("catalogue") for p in repo.problems):
        raise UsageError("目录数据有错误，无法生成编辑器。请先运行 xxgk check 并修正。")
    theme = os.path.join(os.path.dirname(__file__), "..", "theme", "assets", "xxgk")
    material = importlib.util.find_spec("material")  # (the file only: nothing of MkDocs is imported)
    styles = sorted(glob.glob(os.path.join(os.path.dirname(material.origin), "templates", "assets", "stylesheets",
                                           "*.min.css"))) if material else []
    styles += [os.path.join(theme, name) for name in ("xxgk.css", "pages.css")]
    backend = _backend(args)
    if not os.path.isfile(os.path.join(cache_dir(), ".complete")):
        print(f"首次生成：正在从 registry.npmjs.org 下载 Decap CMS（{TARBALL}）并校验…", file=sys.stderr)
    try:
        config = write_editor(repo, args.out, backend=backend, local_url=args.local_url, preview_css=styles)
    except (EditorError, VendorError) as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:  # a folder that cannot be written, a full disk
        raise UsageError(f"无法写入 {args.out}：{exc.strerror or exc}。请换一个可写的目录。") from None
    print(f"已写入 {args.out}（{len(config['collections'])} 个栏目）。本机试用：在仓库根目录另开终端运行 decap-server，"
          f"再用 python3 -m http.server -d {args.out} 打开 http://localhost:8000/")
    return EXIT_OK


def make_report(args) -> int:
    import json
    import os

    from .. import reports

    repo = load(args.root, args.content_dir)
    errors = [p for p in repo.problems if p.severity == "error"]
    if errors:
        raise UsageError(f"仓库有 {len(errors)} 处错误，报告会不准确。请先运行 xxgk check 并修正。")
    day = args.as_of or dates.today_in_china()
    if args.report == "monthly":
        unit = args.unit or next((u.id for u in repo.units.values() if u.parent is None), None)
        try:
            period = reports.parse_period(args.month, args.quarter, args.year)
            bulletin = reports.monthly_bulletin(repo, period, args.unit)  # --unit: itself and the units under it
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        if period.end > day:  # scheduled items would count as published
            print(f"xxgk: 提醒：通报期间截至 {period.end}，晚于生成日期 {day}，数字尚不完整。", file=sys.stderr)
        data = bulletin
        make = lambda: reports.bulletin_item(repo, bulletin, unit, args.column, day)  # noqa: E731
    else:
        if args.unit not in repo.units:
            raise UsageError(f"单位 {args.unit} 不存在；可用：{', '.join(repo.units)}")
        if getattr(args, "draft_sections", False):
            return _draft_sections(repo, args.unit, args.year)
        data = reports.annual_report(repo, args.unit, args.year)
        for missing in data.missing:
            print(f"xxgk: 提醒：缺少 {missing}", file=sys.stderr)
        make = lambda: reports.annual_item(repo, data, day)  # noqa: E731
    if args.format == "json":
        json.dump(reports.as_json(data), sys.stdout, ensure_ascii=False, indent=2, default=str)
        print()
        return EXIT_OK
    from ..core.newitem import NewItemError

    try:
        rel, text = make()
    except NewItemError as exc:
        raise UsageError(str(exc)) from None
    if not args.write:
        sys.stdout.write(text)
        return EXIT_OK
    path = os.path.join(repo.root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(f"已写入 {rel}（请完成保密审查后提交）")
    return EXIT_OK


def _draft_sections(repo, unit: str, year: int) -> int:
    """Writes a draft report.md (the unit's sections 一, 五, 六) where there is none; never overwrites."""
    import os

    from ..reports.draft import draft_sections

    rel, text = draft_sections(repo, unit, year)
    path = os.path.join(repo.root, rel)
    if os.path.lexists(path):
        raise UsageError(f"{rel} 已存在，不覆盖：草稿只在还没有 report.md 时生成。要重新起草，请先移走该文件。")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "x", encoding="utf-8") as fh:  # "x": never replace a file created meanwhile
        fh.write(text)
    print(f"已写入草稿 {rel}：请把“（待填写……）”改写成本单位的实际情况，xxgk check 会提醒未改写之处。")
    return EXIT_OK


def changed_units(args) -> int:
    """Prints the units to build for a change (all of them when shared catalogue data changed)."""
    from ..rules import GitError, touched_units

    repo = load(args.root, args.content_dir)
    try:
        units, shared = touched_units(repo, args.base)
    except GitError as exc:
        raise UsageError(str(exc)) from None
    print(",".join(sorted(repo.units if shared else units)))
    return EXIT_OK


def shards(args) -> int:
    """Prints the units in --count groups balanced by item count: the CI job matrix (core/shards.py)."""
    import json

    from ..core.catalogue import load_catalogue
    from ..core.shards import balance, count_items, matrix

    root, problems = os.path.abspath(args.root), []
    catalogue = load_catalogue(root, problems)
    errors = [p for p in problems if p.severity == "error"]
    if errors:  # a unit whose file is broken would be in no shard
        raise UsageError(f"目录数据有 {len(errors)} 处错误（首个：{errors[0].path}），无法分组。请先运行 xxgk check 并修正。")
    if not catalogue.units:
        raise UsageError("catalogue/units/ 中没有单位，无法分组。")
    found = balance({u: count_items(root, args.content_dir, u) for u in catalogue.units}, args.count)
    if len(found) < args.count:
        print(f"xxgk: 提醒：只有 {len(found)} 个单位，分为 {len(found)} 组（而不是 {args.count} 组）。", file=sys.stderr)
    if args.format == "json":  # one line: `echo "matrix=$(xxgk shards --count N)" >> "$GITHUB_OUTPUT"`
        print(json.dumps(matrix(found), ensure_ascii=False, separators=(",", ":")))
    else:
        for shard in found:
            print(f"第 {shard.number} 组：{shard.items} 条信息，{len(shard.units)} 个单位：{','.join(shard.units)}")
    return EXIT_OK
