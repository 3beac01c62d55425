"""The three output formats of ``xxgk check``; the JSON shape is a stable contract."""

from __future__ import annotations

import json
from collections import defaultdict

from ..rules.publication import withheld

NO_UNIT = "（目录数据与其他）"


def as_json(report, repo, out) -> None:
    json.dump({
        "as_of": report.as_of.isoformat(),
        "findings": [{
            "rule": f.code, "severity": f.severity, "path": f.path, "line": f.line,
            "unit": f.unit, "column": f.column, "message": f.message,
        } for f in report.findings],
        "summary": {uid: {
            "stale": s["stale"], "long_stale": s["long_stale"], "blank": s["blank"],
            "home": s["home"], "backdated": s["backdated"], "classified": s["classified"],
            "veto": bool(s["veto"]), "veto_reasons": s["veto"],
        } for uid, s in report.summary.items()},
        # item path → codes of the findings that keep it off the site in any build
        "withheld": {path: sorted({f.code for f in found}) for path, found in sorted(withheld(repo, report.findings).items())},
    }, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _escape(value: str, *, prop: bool = False) -> str:
    """GitHub workflow-command escaping (properties also escape ':' and ',')."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def as_github(report, repo, out) -> None:
    """Workflow annotations: ::error file=…,line=…,title=…::message."""
    for f in report.findings:
        level = "error" if f.severity == "error" else "warning"
        props = []
        if f.path:
            props.append(f"file={_escape(f.path, prop=True)}")
            if f.line:
                props.append(f"line={f.line}")
        props.append(f"title={_escape(f.code, prop=True)}")
        where = "" if f.path else f"[{f.unit or ''}{'/' + f.column if f.column else ''}] "
        out.write(f"::{level} {','.join(props)}::{_escape(where + f.message)}\n")
    errors = sum(f.severity == "error" for f in report.findings)
    out.write(f"xxgk check {report.as_of}: {errors} error(s), {len(report.findings) - errors} warning(s)\n")


def as_text(report, repo, out) -> None:
    """Grouped by unit, in Chinese; colour only when writing to a terminal."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, highlight=False, soft_wrap=True)
    grouped = defaultdict(list)
    for f in report.findings:
        grouped[f.unit or NO_UNIT].append(f)
    for unit_id, found in grouped.items():
        unit = repo.units.get(unit_id)
        console.print(f"\n[bold]■ {escape(unit.name if unit else unit_id)}[/bold]"
                      + (f"（{unit_id}）" if unit else ""))
        for f in found:
            style = "red" if f.severity == "error" else "yellow"
            label = "错误" if f.severity == "error" else "警告"
            where = f.location() or (repo.columns[f.column].name if f.column in repo.columns else "")
            console.print(f"  [{style}]{label}[/{style}] [cyan]{escape(where)}[/cyan] "
                          f"[dim]\\[{f.code}][/dim] {escape(f.message)}")
    held = withheld(repo, report.findings)
    if held:
        console.print(f"\n[red]构建网站时将暂不发布 {len(held)} 条信息[/red]（改正后即可发布）：")
        for path, found in sorted(held.items()):
            console.print(f"  [cyan]{escape(path)}[/cyan] [dim]{escape('、'.join(sorted({f.code for f in found})))}[/dim]")
    errors = sum(f.severity == "error" for f in report.findings)
    vetoed = [uid for uid, s in report.summary.items() if s["veto"]]
    console.print(f"\n检查基准日 {report.as_of}：{len(repo.items)} 条信息，"
                  f"[{'red' if errors else 'green'}]{errors} 个错误[/]，{len(report.findings) - errors} 个警告"
                  + (f"；触及单项否决（仅 xxgk 可判断的项目）：{', '.join(vetoed)}" if vetoed else "") + "。")


FORMATS = {"text": as_text, "json": as_json, "github": as_github}
