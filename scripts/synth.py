#!/usr/bin/env python3
"""Deterministic synthetic corpus: a repository of the project's shape with N items.

Usage: scripts/synth.py DEST --items N [--units K]

Units are the demo catalogue's units, repeated with new ids and valid credit codes when K is
larger; items spread over every applicable leaf column and 2024-01 … 2026-11, with Chinese
titles and bodies of realistic size (about 600 characters) and complete front matter.
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml
from stdnum.cn import uscc

PROJECT = Path(__file__).resolve().parent.parent
PHRASES = [
    "为深入贯彻落实党中央、国务院决策部署", "进一步提升政务公开标准化规范化水平", "结合本地区实际",
    "现将有关事项通知如下", "各单位要高度重视", "切实加强组织领导", "确保各项任务落到实处",
    "会议听取了有关工作情况汇报", "研究部署下一阶段重点工作", "持续优化营商环境", "加强生态环境保护",
    "做好民生实事项目", "推进数字政府建设", "强化安全生产责任", "完善社会救助体系", "提高财政资金使用效益",
]
TOPICS = ["综合政务", "财政、金融、审计", "城乡建设、环境保护", "民政、扶贫、救灾", "市场监管、安全生产监管"]


def make(dest: Path, items: int, units: int | None = None, seed: int = 20261120) -> Path:
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(PROJECT / "catalogue", dest / "catalogue")
    (dest / "docs").mkdir(parents=True)
    columns = yaml.safe_load((PROJECT / "catalogue/columns.yml").read_text("utf-8"))
    parents = {c.get("parent") for c in columns}
    demo_units = {p.stem: yaml.safe_load(p.read_text("utf-8")) for p in sorted((dest / "catalogue/units").glob("*.yml"))}
    unit_list = list(demo_units.items())
    if units and units > len(unit_list):
        for n in range(len(unit_list), units):
            base_id, base = unit_list[n % len(demo_units)]
            data = dict(base, name=f"{base['name']}{n}", short_name=f"{base['short_name']}{n}", order=1000 + n)
            data.pop("parent", None)
            body = f"11{990000 + n % 9999:06d}{n:08d}"[:17]
            data["credit_code"] = body + uscc.calc_check_digit(body)
            (dest / "catalogue/units" / f"u{n}.yml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
            unit_list.append((f"u{n}", data))
    leaves = {
        uid: [c["id"] for c in columns if data["kind"] in c["applies_to"] and c["id"] not in parents and not c.get("generated")]
        for uid, data in unit_list
    }
    start, span = date(2024, 1, 2), (date(2026, 11, 15) - date(2024, 1, 2)).days
    serials: dict[tuple[str, int], int] = {}
    for n in range(items):
        uid, data = unit_list[n % len(unit_list)]
        column = leaves[uid][rng.randrange(len(leaves[uid]))]
        published = start + timedelta(days=rng.randrange(span))
        formed = published - timedelta(days=rng.randrange(0, 10))
        serials[uid, published.year] = serial = serials.get((uid, published.year), 0) + 1
        title = f"{data['short_name']}关于{rng.choice(PHRASES)}的通知（{n}）"
        front = {
            "index": f"{data['credit_code']}/{published.year}-{serial:05d}",
            "title": title, "summary": rng.choice(PHRASES) + "。", "topic": rng.choice(TOPICS),
            "formed": formed.isoformat(), "published": published.isoformat(), "mode": "主动公开", "kind": "其他文件",
            "review": {"reviewer": "保密审查员", "date": formed.isoformat(), "result": "不涉密，同意公开"},
            "migrated": True,
        }
        body = "\n\n".join("，".join(rng.choice(PHRASES) for _ in range(8)) + "。" for _ in range(5))
        path = dest / "content" / uid / column / str(published.year) / f"item-{n:06d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n", "utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: 合成测试站点\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "  features: [navigation.indexes, navigation.sections, navigation.prune]\n"
        "plugins:\n  - xxgk:\n      build_date: 2026-11-20\n", "utf-8")
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--items", type=int, required=True)
    parser.add_argument("--units", type=int, default=None)
    args = parser.parse_args()
    make(args.dest, args.items, args.units)


if __name__ == "__main__":
    main()
