#!/usr/bin/env python3
"""Deterministic synthetic corpus: a repository of the project's shape with N items.

Usage: scripts/synth.py DEST --items N [--units K] [--varied]

Units are the demo catalogue's units, repeated with new ids and valid credit codes when K is
larger; items spread over every applicable leaf column and 2024-01 … 2026-11, with Chinese
titles and bodies of realistic size (about 600 characters) and complete front matter.

The default corpus draws titles and bodies from 16 phrases (what the build and check
benchmarks measure, unchanged). ``--varied`` (``make(..., varied=True)``, used by
scripts/bench_search.py) writes varied, realistic and still deterministic text instead:
distinct titles from a few hundred subjects, actions and document types, bodies from clause
templates filled with subjects, places, figures and dates, and 发文字号 on most items.
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
# --varied vocabulary: government-notice Chinese, not drawn from the demo's texts
SUBJECTS = [
    "营商环境", "民营经济", "招商引资", "特种设备", "秋冬季大气污染防治", "安全生产", "食品安全", "药品安全",
    "农村人居环境整治", "高标准农田建设", "城市更新", "老旧小区改造", "保障性住房", "住房公积金", "养老服务",
    "婴幼儿照护服务", "义务教育", "职业教育", "公共卫生", "医疗保障", "就业创业", "稳岗扩岗", "劳动者权益保障",
    "社会救助", "残疾人福利", "退役军人服务", "防汛抗旱", "森林防火", "地质灾害防治", "应急管理", "消防安全",
    "道路交通安全", "燃气安全", "电梯安全", "校园安全", "河湖长制", "水土保持", "饮用水水源保护", "固体废物污染防治",
    "噪声污染防治", "碳达峰碳中和", "节能降碳", "新能源汽车推广", "数字政府", "政务服务", "一网通办", "政务公开",
    "信用体系建设", "知识产权保护", "质量强市", "标准化", "计量监督", "价格监督检查", "反不正当竞争", "消费者权益保护",
    "个体工商户发展", "中小企业纾困", "科技创新", "人才引进", "文化旅游", "非物质文化遗产保护", "全民健身",
    "乡村振兴", "农业产业化", "粮食安全", "耕地保护", "不动产登记", "国土空间规划", "交通基础设施", "农村公路",
    "公共交通", "供水保障", "垃圾分类", "市容环境", "物业管理", "网格化管理", "基层治理", "平安建设",
    "矛盾纠纷排查化解", "禁毒工作", "法治政府建设", "行政复议", "政府采购", "国有资产管理", "预算绩效管理",
    "债务风险防范", "审计整改", "统计调查", "人口普查", "妇女儿童发展", "未成年人保护", "老龄工作", "殡葬改革",
]
ACTIONS = [
    "印发", "做好", "加强", "开展", "进一步加强", "推进", "规范", "深化", "组织开展", "切实做好", "全面推进",
    "加快推进", "调整", "公布", "实施",
]
DOC_TYPES = {
    "印发": ["实施方案", "工作方案", "管理办法", "实施意见", "行动计划", "工作要点", "考核办法"],
    "公布": ["名单", "结果", "目录", "清单"],
}
DOC_ENDINGS = ["的通知", "的意见", "的通告", "的公告", "的批复", "的函"]
PLACES = [
    "城东片区", "滨江新区", "高新区", "临水县", "河西镇", "城西街道", "北山乡", "南湖街道", "青石镇", "白沙工业园",
    "中心城区", "老城片区", "东塘村", "杨柳社区", "望江社区", "石门水库", "青川河沿线", "西环路", "火车站片区",
]
OFFICES = ["市发展改革委", "市教育局", "市公安局", "市民政局", "市人力资源社会保障局", "市自然资源局", "市住房城乡建设局",
           "市交通运输局", "市水利局", "市农业农村局", "市商务局", "市文化广电旅游局", "市卫生健康委", "市应急管理局",
           "市审计局", "市统计局", "市医保局", "市城管局", "市政务服务中心"]
MEASURES = ["专项检查", "督导检查", "明察暗访", "集中整治", "隐患排查", "宣传培训", "考核评估", "现场核查", "联合执法",
            "第三方评估", "随机抽查", "约谈提醒"]
CLAUSES = [
    "为{a}{s}工作，根据有关法律法规和上级部门要求，结合{p}实际，制定本{t}",
    "{o}会同有关部门于{d}起在{p}开展{s}{m}，共检查单位{n}家，发现问题{k}项，已全部督促整改",
    "截至{d}，全市{s}累计完成投资{n}万元，惠及群众{k}户",
    "各县区、各部门要把{s}摆在突出位置，主要负责同志要亲自研究部署，分管负责同志要具体抓落实",
    "对{m}中发现的问题，要建立台账、明确时限、落实责任，实行销号管理",
    "{o}负责{s}的统筹协调，{o2}按照职责分工做好配合",
    "本{t}自{d}起施行，有效期{y}年",
    "{p}将{s}纳入年度目标考核，考核结果作为评先评优的重要依据",
    "群众对{s}有意见建议的，可拨打12345政务服务便民热线反映",
    "{d}，{o}召开{s}推进会，通报前一阶段{m}情况，部署下一步工作",
    "要坚持问题导向，聚焦{s}中的堵点难点，完善长效机制",
    "申请人应当在{d}前向{o}提交申请材料，逾期不予受理",
    "{p}共有{n}个{s}项目列入计划，其中新建项目{k}个",
    "要加大{s}政策宣传解读力度，及时回应社会关切",
    "经审核，{p}等{k}个单位符合条件，现予公布，公示期{y}个工作日",
    "对工作不力、造成严重后果的，依法依规追究有关单位和人员责任",
]
TOPICS = ["综合政务", "财政、金融、审计", "城乡建设、环境保护", "民政、扶贫、救灾", "市场监管、安全生产监管"]


def _varied_title(rng: random.Random, short_name: str, year: int) -> str:
    action, subject = rng.choice(ACTIONS), rng.choice(SUBJECTS)
    if action in DOC_TYPES:
        inner = f"{year}年{subject}{rng.choice(DOC_TYPES[action])}" if rng.random() < 0.5 else f"{subject}{rng.choice(DOC_TYPES[action])}"
        return f"{short_name}关于{action}{inner}的通知"
    if rng.random() < 0.25:
        return f"{short_name}{year}年{subject}工作{rng.choice(['总结', '情况报告', '情况通报', '要点'])}"
    if rng.random() < 0.2:
        return f"{short_name[1:] if short_name.startswith('市') else short_name}开展{subject}{rng.choice(MEASURES)}"
    return f"{short_name}关于{action}{subject}工作{rng.choice(DOC_ENDINGS)}"


def _varied_body(rng: random.Random, year: int, length: int = 600) -> str:
    paragraphs: list[str] = []
    size = 0
    while size < length:
        clauses = []
        for _ in range(rng.randrange(2, 5)):
            month, day = rng.randrange(1, 13), rng.randrange(1, 29)
            clause = rng.choice(CLAUSES).format(
                a=rng.choice(["加强", "做好", "推进", "规范"]), s=rng.choice(SUBJECTS), p=rng.choice(PLACES),
                t=rng.choice(["方案", "办法", "意见", "通知"]), o=rng.choice(OFFICES), o2=rng.choice(OFFICES),
                m=rng.choice(MEASURES), d=f"{year}年{month}月{day}日", n=rng.randrange(3, 5000),
                k=rng.randrange(1, 60), y=rng.randrange(2, 6))
            clauses.append(clause)
        paragraph = "；".join(clauses) + "。"
        paragraphs.append(paragraph)
        size += len(paragraph)
    return "\n\n".join(paragraphs)


DOC_PREFIXES = {"qcs": "青政", "czj": "青财", "sthjj": "青环", "scjgj": "青市监", "lsx": "临政", "hxz": "河西", "cxjd": "城西办"}


def make(dest: Path, items: int, units: int | None = None, seed: int = 20261120, varied: bool = False) -> Path:
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
            body = f"11{990000 + n % 9999:06d}{n:09d}"  # 2 + 6 + 9 characters, then the check digit
            data["credit_code"] = body + uscc.calc_check_digit(body)
            (dest / "catalogue/units" / f"u{n}.yml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
            unit_list.append((f"u{n}", data))
    leaves = {
        uid: [c["id"] for c in columns if data["kind"] in c["applies_to"] and c["id"] not in parents and not c.get("generated")]
        for uid, data in unit_list
    }
    start, span = date(2024, 1, 2), (date(2026, 11, 15) - date(2024, 1, 2)).days
    serials: dict[tuple[str, int], int] = {}
    titles: set[str] = set()
    doc_numbers: dict[tuple[str, str, int], int] = {}
    for n in range(items):
        uid, data = unit_list[n % len(unit_list)]
        column = leaves[uid][rng.randrange(len(leaves[uid]))]
        published = start + timedelta(days=rng.randrange(span))
        formed = published - timedelta(days=rng.randrange(0, 10))
        serials[uid, published.year] = serial = serials.get((uid, published.year), 0) + 1
        if varied:
            vrng = random.Random(f"{seed}-{n}")  # the default corpus's random stream stays as it was
            title = _varied_title(vrng, data["short_name"], published.year)
            for _ in range(1000):
                if title not in titles:
                    break
                title = _varied_title(vrng, data["short_name"], published.year)
            else:  # the generator's titles per unit and year are used up
                raise SystemExit(f"synth: no new distinct title after 1,000 tries at item {n}: use more units (units=)")
            titles.add(title)
        else:
            title = f"{data['short_name']}关于{rng.choice(PHRASES)}的通知（{n}）"
        front = {
            "index": f"{data['credit_code']}/{published.year}-{serial:05d}",
            "title": title, "summary": rng.choice(PHRASES) + "。", "topic": rng.choice(TOPICS),
            "formed": formed.isoformat(), "published": published.isoformat(), "mode": "主动公开", "kind": "其他文件",
            "review": {"reviewer": "保密审查员", "date": formed.isoformat(), "result": "不涉密，同意公开"},
            "migrated": True,
        }
        if varied:
            front["summary"] = _varied_body(vrng, published.year, 1).split("；")[0] + "。"
            if vrng.random() < 0.7:
                prefix = DOC_PREFIXES.get(uid, data["short_name"][:2] + uid)
                kind = vrng.choice(["发", "办发", "函", "规", "通"])
                doc_numbers[prefix, kind, published.year] = number = doc_numbers.get((prefix, kind, published.year), 0) + 1
                front = {**front, "doc_number": f"{prefix}{kind}〔{published.year}〕{number}号"}
            body = _varied_body(vrng, published.year)
        else:
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
    parser.add_argument("--varied", action="store_true", help="varied titles, bodies and 发文字号 (search benchmark)")
    args = parser.parse_args()
    make(args.dest, args.items, args.units, varied=args.varied)


if __name__ == "__main__":
    main()
