"""The gate inside every build: run the rules, withhold what they block, log every finding.

* Catalogue errors stop the build: without units and columns there is no site to build.
* An item with a publication-blocking finding (``xxgk.rules.publication``) is withheld: the rest
  of the site is built, and the item is logged as an error naming its file, the rule and the fix.
  An item file that could not be read never entered the model and is logged the same way.
* Every other error (stale or blank columns, broken links …) is logged as a warning.
Errors and warnings both fail ``mkdocs build --strict`` exactly when ``xxgk check`` fails.
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

from ..core import load

from ..core.problems import ERROR
from ..rules import GitError, check
from ..rules.publication import blocking_codes, withheld

log = logging.getLogger("mkdocs.plugins.xxgk")
FATAL_CODES = frozenset({"catalogue", "credit-code"})
MAX_LISTED = 200  # problems printed in one build failure; the gate lists them all


def publishable(repo, as_of, *, all_rules: bool) -> frozenset[str]:
    """Run the gate over ``repo``; return the paths of the items the site must not carry.
    ``all_rules`` False (the plugin's ``check: false``) runs only the blocking rules."""
    _stop_on_fatal(repo.problems)
    only = None if all_rules else set(blocking_codes(repo))
    try:
        report = check(repo, as_of, only=only)
    except GitError as exc:
        log.warning(f"xxgk：跳过需要 git 历史的规则：{exc}")
        report = check(repo, as_of, use_git=False, only=only)
    held = withheld(repo, report.findings)
    explained = set()
    for path, findings in sorted(held.items()):
        codes = "、".join(sorted({f.code for f in findings}))
        lines = "\n".join("  " + f.format() for f in findings)
        log.error(f"xxgk：{path} 暂不发布（{codes}），网站上不出现该信息及其附件；改正后重新构建即可发布：\n{lines}")
        explained.update(findings)
    codes = blocking_codes(repo)
    for finding in report.findings:
        if finding in explained:
            continue
        if finding.severity != ERROR:
            log.info(finding.format())
        elif finding.code in codes:
            log.error(f"xxgk：{finding.format()}")
        else:
            log.warning(finding.format())
    return frozenset(held)


def merged_repository(root: str, content_dir: str, folder: str, wanted):
    """The merge's site-level build: the catalogue and every unit's published data in ``folder``
    (the assembled shards), no content. Fails unless every unit's data is there and readable."""
    if wanted:
        raise PluginError("xxgk：merge_from（XXGK_MERGE_FROM）与 units（XXGK_UNITS）不能同时设置：合并构建只生成全站页面。")
    repo = load(root, content_dir, units=(), published=folder)
    _stop_on_fatal(repo.problems)
    bad = [p for p in repo.problems if p.code == "published-data"]
    missing = sorted(set(repo.catalogue.units) - repo.published.units)
    if bad or missing:
        lines = [p.message for p in bad] + [f"缺少单位 {u} 的已发布数据 data/{u}.json" for u in missing]
        raise PluginError("xxgk：合并构建无法读取各单位数据，站点未生成：\n" + "\n".join("  " + line for line in lines))
    return repo


def _stop_on_fatal(problems) -> None:
    """Catalogue errors fail the build before MkDocs touches site_dir."""
    fatal = [p for p in problems if p.severity == ERROR and (
        p.code in FATAL_CODES or p.path is None or p.path.startswith("catalogue/"))]
    if fatal:
        shown = "\n".join("  " + p.format() for p in fatal[:MAX_LISTED])
        more = f"\n  ……另有 {len(fatal) - MAX_LISTED} 处，运行 xxgk check 查看全部。" if len(fatal) > MAX_LISTED else ""
        raise PluginError(f"xxgk：目录数据有 {len(fatal)} 处错误，站点未生成。请逐条修正：\n{shown}{more}")
