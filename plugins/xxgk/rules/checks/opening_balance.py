from datetime import date

from ...core import frontmatter
from ...core.annual import NORMATIVE_KINDS, in_force_on, normative_documents
from ...core.applications import read_text
from ...core.problems import Problem
from ..registry import rule


@rule("opening-balance", "年报期初数小于仓库中的现行有效文件",
      "statistics.yml 的 opening_balance 声明的现行有效件数，少于仓库中截至该日仍有效的同类文件（期初数应包含它们）。")
def check(ctx):
    for (unit, _year), data in sorted(ctx.repo.annual.items()):
        balances = data.statistics.get("opening_balance") or {}
        for kind in NORMATIVE_KINDS:
            if kind not in balances:
                continue
            count, as_of = balances[kind]["count"], date.fromisoformat(balances[kind]["as_of"])
            held = [i for i in normative_documents(ctx.repo.items, unit, kind) if in_force_on(i, as_of)]
            if len(held) <= count:
                continue
            text, _ = read_text(ctx.repo.root, data.statistics_path, unit, "opening-balance", [])
            line = frontmatter.field_line(text, ("opening_balance", kind, "count"), first_line=1) if text else None
            names = "、".join(i.path for i in held[:3]) + ("等" if len(held) > 3 else "")
            yield Problem("opening-balance", (
                f"opening_balance.{kind} 声明截至 {as_of} 现行有效 {count} 件，但仓库中当日有效的{kind}已有 "
                f"{len(held)} 件（{names}）。期初数应包含这些文件：请按当年年报表二核对 count，"
                "或核对这些文件的有效性（validity）是否漏填了失效、废止、已修订。"), data.statistics_path, line, unit)
