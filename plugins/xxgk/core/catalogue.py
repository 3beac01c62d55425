"""Load ``catalogue/``: units, the column tree, controlled vocabularies and the policy file."""

from __future__ import annotations

import os
import re
from datetime import date
from urllib.parse import urlsplit

from stdnum.cn import uscc
from stdnum.exceptions import ValidationError

from . import safefs, schedule, unitconfig, yamlsafe
from .model import FRESHNESS, UNIT_KINDS, Catalogue, Column, Office, ReadingPlace, Unit, _frozen
from .problems import Problem

ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
# Site paths the views own at unit and column level; an id must not shadow them.
# Site paths a unit or column folder would collide with: the site-level pages and files (网站地图
# wzdt/, 联系我们 lxwm/, the search index searchindex/ — also under each unit: its search bundle).
RESERVED_IDS = frozenset({"assets", "catalogue", "page", "search", "feeds", "data", "stylesheets", "javascripts",
                          "searchindex", "wzdt", "lxwm"})
GENERATED_KINDS = frozenset({"guide"})
COLUMN_ROLES = frozenset({"annual-report"})
# The guide's office (条例 第十二条: 名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式):
# each required, the 互联网联系方式 as an e-mail address or a website (at least one). A unit without
# one of OFFICE_DECLARABLE says so with its reason — `fax: 无（本机关未设传真）` — never by leaving it out.
OFFICE_REQUIRED = ("name", "address", "hours", "phone", "fax")
OFFICE_INTERNET = ("email", "website")
OFFICE_DECLARABLE = ("fax", "email", "website")
OFFICE_FIELDS = ("name", "address", "postcode", "hours", "phone", "fax", "email", "website")
OFFICE_LABELS = {"name": "机构名称", "address": "办公地址", "hours": "办公时间", "phone": "联系电话", "fax": "传真号码",
                 "email": "电子邮箱", "website": "网站"}
READING_PLACE_KEYS = ("name", "address", "hours")
# Blocks of policy.yml whose every key the guide and the apply page print: positive whole numbers.
POSITIVE_COUNTS = {
    "remedies": (("review_days", "litigation_months", "after_review_days"),
                 "复议申请期限日数、直接起诉期限月数、不服复议决定后起诉期限日数"),
    "application": (("reply_working_days", "extension_working_days", "correction_request_working_days"),
                    "答复期限、延长期限、告知补正期限的工作日数"),
}
# Types a browser runs or renders as a document of the site's own origin (script, markup, style,
# plug-ins): never published, whatever policy.yml allows — a file of these types on the site is
# stored XSS. Office formats, archives and raster images are not run by the browser.
SCRIPT_CAPABLE = frozenset({
    "htm", "html", "xhtml", "xht", "shtml", "mht", "mhtml", "svg", "svgz", "xml", "xsl", "xslt", "js", "mjs",
    "cjs", "css", "swf", "jar", "wasm", "hta", "php", "asp", "aspx", "jsp", "cgi", "pl", "py", "sh", "exe", "bat",
    "cmd", "vbs", "ps1", "msi", "dll", "com", "scr", "appcache", "manifest", "webmanifest", "rdf", "xul",
})
POLICY_REQUIRED = (
    "freshness", "home_max_days", "veto", "publish_within_working_days", "application",
    "annual_report_deadline", "fees", "remedies", "page_size",
)


class _Sink:
    """Collects problems for one catalogue file."""

    def __init__(self, problems: list[Problem], path: str):
        self.problems, self.path = problems, path

    def add(self, message: str, code: str = "catalogue", line: int | None = None, unit: str | None = None):
        self.problems.append(Problem(code, message, self.path, line, unit=unit))


def _read_yaml(root: str, rel: str, problems: list[Problem], default):
    sink = _Sink(problems, rel)
    try:
        raw = safefs.read_bytes(root, rel)  # never through a link
    except FileNotFoundError:
        sink.add(f"缺少目录数据文件 {rel}，请按 README 的目录结构创建。")
        return default
    except OSError as exc:
        sink.add(f"目录数据文件 {rel} 无法读取（{exc.strerror}），请检查文件权限。")
        return default
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        sink.add(f"文件不是 UTF-8 编码（第 {exc.start} 字节），请用 UTF-8 另存。", code="encoding")
        return default
    try:
        data = yamlsafe.load(text)
    except yamlsafe.YamlError as exc:
        sink.add(exc.message, code="yaml", line=exc.line)
        return default
    return data if data is not None else default


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def load_catalogue(root: str, problems: list[Problem]) -> Catalogue:
    units = _load_units(root, problems)
    columns = _load_columns(root, problems)
    topics = _load_terms(root, "catalogue/topics.yml", problems)
    kinds = _load_terms(root, "catalogue/document-kinds.yml", problems)
    policy = _load_policy(root, problems)
    _check_switches(units, columns, problems)
    return Catalogue(_frozen(units), _frozen(columns), topics, kinds, _frozen(policy))


def _check_switches(units: dict[str, Unit], columns: dict[str, Column], problems: list[Problem]) -> None:
    """A unit may switch only columns of the tree, and only a leaf or a whole branch consistently."""
    for unit in units.values():
        for column_id, switch in unit.columns.items():
            column = columns.get(column_id)
            if column is None:
                problems.append(Problem("catalogue", f"columns.{column_id}：栏目不存在，请填写 catalogue/columns.yml 中的栏目编号。",
                                        unit.path, unit=unit.id))
            elif not switch.enabled and (column.generated or column.role):
                problems.append(Problem("catalogue", (
                    f"columns.{column_id}：“{column.name}”是每个行政机关都须有的栏目（公开指南：条例第十二条；"
                    f"年度报告：第四十九条），不能关闭，请删去。"), unit.path, unit=unit.id))
            elif switch.enabled == (unit.kind in column.applies_to):
                state = "适用" if switch.enabled else "不适用"
                problems.append(Problem("catalogue", (
                    f"columns.{column_id}：栏目“{column.name}”对{unit.kind_label}本来就{state}，无需设置，请删去。"),
                    unit.path, unit=unit.id))


def _load_units(root: str, problems: list[Problem]) -> dict[str, Unit]:
    folder = os.path.join(root, "catalogue", "units")
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith((".yml", ".yaml")))
    except FileNotFoundError:
        problems.append(Problem("catalogue", "缺少 catalogue/units/ 目录：每个发布主体一个 <单位编号>.yml 文件。"))
        return {}
    units: dict[str, Unit] = {}
    for name in names:
        rel = f"catalogue/units/{name}"
        data = _read_yaml(root, rel, problems, {})
        unit = _unit(name.rsplit(".", 1)[0], data, _Sink(problems, rel))
        if unit is not None:
            units[unit.id] = unit
    for unit in units.values():
        if unit.parent is not None and unit.parent not in units:
            problems.append(Problem("catalogue", f"上级单位 parent: {unit.parent} 不存在，请填写 catalogue/units/ 中已有的单位编号。",
                                    unit.path, unit=unit.id))
    _report_cycles({u.id: u.parent for u in units.values()}, "单位", lambda uid: units[uid].path, problems)
    return dict(sorted(units.items(), key=lambda kv: (kv[1].order, kv[0])))


def _unit(uid: str, data, sink: _Sink) -> Unit | None:
    if not isinstance(data, dict):
        sink.add("单位文件应为键值对（name、kind、credit_code、office 等）。")
        return None
    if not ID_PATTERN.match(uid) or uid in RESERVED_IDS:
        sink.add(f"单位编号“{uid}”（文件名）只能用小写字母开头的字母、数字和连字符，且不能是保留字 {sorted(RESERVED_IDS)}。")
        return None
    ok = True
    name = _text(data.get("name"))
    if not name:
        sink.add("缺少单位名称 name。", unit=uid)
        ok = False
    kind = data.get("kind")
    if kind not in UNIT_KINDS:
        sink.add(f"单位类型 kind: {kind} 无效，应为 {' | '.join(UNIT_KINDS)}。", unit=uid)
        ok = False
    code = _text(data.get("credit_code")).upper()
    try:
        uscc.validate(code)
    except ValidationError:
        sink.add(f"统一社会信用代码“{code}”无效（应为 18 位，末位为 GB 32100 校验码），请核对单位的法人证书。",
                 code="credit-code", unit=uid)
        ok = False
    office = _office(data.get("office"), sink, uid)
    ok = ok and office is not None
    order = data.get("order", 0)
    if not isinstance(order, int):
        sink.add(f"排序 order: {order} 应为整数。", unit=uid)
        ok = False
    if not ok:
        return None

    def add(message: str) -> None:
        sink.add(message, unit=uid)

    # A wrong optional key is an error of its own; the unit still loads (without that entry) so
    # its items are not all reported again as belonging to no unit.
    switches = unitconfig.column_switches(data.get("columns"), add)
    patterns = unitconfig.index_patterns(data.get("historic_indexes"), add)
    quota = unitconfig.monthly_quota(data.get("monthly_quota"), add)
    parent = data.get("parent")
    return Unit(
        id=uid, name=name, short_name=_text(data.get("short_name")) or name, kind=kind,
        credit_code=code, parent=str(parent) if parent else None, order=order,
        office=office, path=sink.path, columns=_frozen(switches), index_patterns=patterns, monthly_quota=quota,
    )


def _office(value, sink: _Sink, uid: str) -> Office | None:
    """The disclosure office the guide names (条例 第十二条) and the reading places (第二十五条).
    A problem is reported and the unit still loads (a catalogue error stops the build anyway), so
    its items are not all reported again as belonging to no unit."""
    data = value if isinstance(value, dict) else {}
    values, without = {f: _text(data.get(f)) for f in OFFICE_FIELDS}, {}

    def add(message: str) -> None:
        sink.add(message, unit=uid)

    for field in OFFICE_DECLARABLE:
        declared = _declared_none(values[field])
        if declared is None:
            continue
        values[field], without[field] = "", declared
        if not declared:
            add(f"office.{field}：写“无”时须写明理由，例如 {field}: 无（本机关未设{OFFICE_LABELS[field]}）。")
    missing = [f for f in OFFICE_REQUIRED if not values[f] and f not in without]
    if missing:
        hint = "；没有传真的写 fax: 无（本机关未设传真）" if "fax" in missing else ""
        add(f"公开指南需要政府信息公开工作机构信息（《条例》第十二条），office 缺少 "
            f"{', '.join(f'{f}（{OFFICE_LABELS[f]}）' for f in missing)}，请补上{hint}。")
    if values["email"] and not _email(values["email"]):
        add(f"office.email：“{values['email']}”不是电子邮箱地址，请写成 name@example.gov.cn，没有的写 email: 无（理由）。")
    if values["website"] and not _website(values["website"]):
        add(f"office.website：“{values['website']}”不是以 http:// 或 https:// 开头的网址，没有的写 website: 无（理由）。")
    if not any(values[f] for f in OFFICE_INTERNET):
        add("公开指南须写明互联网联系方式（《条例》第十二条）：office 的 email（电子邮箱）和 website（网站）"
            "至少填写一项。")
    places = _reading_places(data.get("reading_places"), add)
    return Office(**values, without=tuple(sorted((f, r) for f, r in without.items() if r)), reading_places=places)


def _declared_none(text: str) -> str | None:
    """For `无（理由）`, `无(理由)` or `无：理由` the reason ("" for a bare 无); None for anything else."""
    if text == "无":
        return ""
    if text[:2] in ("无（", "无(") and text.endswith(("）", ")")):
        return text[2:-1].strip()
    if text[:2] in ("无：", "无:"):
        return text[2:].strip()
    return None


def _email(text: str) -> bool:
    name, at, host = text.partition("@")
    return bool(name and at and "." in host.strip(".") and not set(" <>\"'/:") & set(text))


def _website(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _reading_places(value, add) -> tuple[ReadingPlace, ...]:
    """office.reading_places: the 政府信息查阅场所 where the unit's information can be read
    (《条例》第二十五条) — each a name, or {name, address, hours}; at least one."""
    example = "例如 - {name: 青川市政务服务中心政府信息查阅点, address: 青川市滨江大道 2 号}"
    if value is None or value == []:
        add(f"office.reading_places：公开指南须写明政府信息查阅场所（《条例》第二十五条：国家档案馆、公共图书馆、"
            f"政务服务场所），请至少列出一处，{example}。")
        return ()
    if not isinstance(value, list):
        add(f"office.reading_places 应为查阅场所的列表，{example}。")
        return ()
    places = []
    for number, entry in enumerate(value, start=1):
        entry = {"name": entry} if isinstance(entry, str) else entry
        unknown = sorted(set(entry) - set(READING_PLACE_KEYS)) if isinstance(entry, dict) else None
        if unknown is None or unknown or not _text(entry.get("name")):
            wrong = f"，{', '.join(map(str, unknown))} 不是可用的字段" if unknown else ""
            add(f"office.reading_places 第 {number} 项应为场所名称，或含 name（名称）及可选 address（地址）、"
                f"hours（开放时间）的键值对{wrong}。")
            continue
        places.append(ReadingPlace(**{k: _text(entry.get(k)) for k in READING_PLACE_KEYS}))
    return tuple(places)


def _load_columns(root: str, problems: list[Problem]) -> dict[str, Column]:
    rel = "catalogue/columns.yml"
    data = _read_yaml(root, rel, problems, [])
    sink = _Sink(problems, rel)
    if not isinstance(data, list):
        sink.add("栏目文件应为栏目列表（每项含 id、name、freshness、applies_to）。")
        return {}
    columns: dict[str, Column] = {}
    for number, entry in enumerate(data, start=1):
        column = _column(number, entry, sink)
        if column is None:
            continue
        if column.id in columns:
            sink.add(f"栏目编号 {column.id} 重复，栏目编号须全站唯一。")
            continue
        columns[column.id] = column
    for column in columns.values():
        if column.parent is not None and column.parent not in columns:
            sink.add(f"栏目 {column.id} 的上级栏目 parent: {column.parent} 不存在。")
    _report_cycles({c.id: c.parent for c in columns.values()}, "栏目", lambda _: rel, problems)
    return _tree_order(columns)


def _column(number: int, entry, sink: _Sink) -> Column | None:
    where = f"第 {number} 个栏目"
    if not isinstance(entry, dict):
        sink.add(f"{where}应为键值对。")
        return None
    cid = _text(entry.get("id"))
    if not ID_PATTERN.match(cid) or cid in RESERVED_IDS:
        sink.add(f"{where}的编号“{cid}”无效：用小写字母开头的字母、数字和连字符，且不能是保留字。")
        return None
    errors = []
    if not _text(entry.get("name")):
        errors.append("缺少栏目名称 name")
    if entry.get("freshness") not in FRESHNESS:
        errors.append(f"更新类别 freshness 应为 {' | '.join(FRESHNESS)}")
    applies = entry.get("applies_to")
    # [] : a column no kind has by default, which a unit's catalogue file switches on (环境质量 …)
    if not isinstance(applies, list) or any(k not in UNIT_KINDS for k in applies):
        errors.append(f"applies_to 应为单位类型列表（{', '.join(UNIT_KINDS)}；[] 表示只由单位目录文件开启）")
    if entry.get("generated") not in (None, *GENERATED_KINDS):
        errors.append(f"generated 只能是 {', '.join(GENERATED_KINDS)}")
    if entry.get("role") not in (None, *COLUMN_ROLES):
        errors.append(f"role 只能是 {', '.join(COLUMN_ROLES)}")
    if not isinstance(entry.get("order", 0), int):
        errors.append("order 应为整数")
    plan = None
    if entry.get("schedule") is not None:
        plan, wrong = schedule.parse(entry["schedule"])
        errors += wrong
        if entry.get("freshness") in ("static", "archived"):
            errors.append(f"按 schedule 定期发布的栏目不能是 freshness: {entry['freshness']}，请改为 periodic 或 notice-policy")
        if entry.get("role") == "annual-report":
            errors.append("年度报告栏目的时限由 policy.yml annual_report_deadline 按单位类型决定，请删去 schedule")
    if errors:
        sink.add(f"栏目 {cid}：" + "；".join(errors) + "。")
        return None
    return Column(
        id=cid, name=_text(entry["name"]), parent=_text(entry.get("parent")) or None,
        order=entry.get("order", 0), freshness=entry["freshness"], applies_to=frozenset(applies),
        generated=entry.get("generated"), role=entry.get("role"),
        default_kind=_text(entry.get("default_kind")) or None,
        group=_text(entry.get("group")) or None, schedule=plan,
    )


def _tree_order(columns: dict[str, Column]) -> dict[str, Column]:
    """Parents before children, siblings by (order, id): the order of the nav and the guide."""
    ordered: dict[str, Column] = {}

    def visit(parent: str | None) -> None:
        for child in sorted((c for c in columns.values() if c.parent == parent), key=lambda c: (c.order, c.id)):
            if child.id not in ordered:
                ordered[child.id] = child
                visit(child.id)

    visit(None)
    return ordered  # columns in a cycle or under a missing parent are reported and left out


def _report_cycles(parents: dict[str, str | None], what: str, path_of, problems: list[Problem]) -> None:
    for start in parents:
        seen, node = set(), start
        while node is not None and node in parents:
            if node in seen:
                problems.append(Problem("catalogue", f"{what} {start} 的上级关系形成循环，请检查 parent。", path_of(start)))
                break
            seen.add(node)
            node = parents[node]


def _load_terms(root: str, rel: str, problems: list[Problem]) -> tuple[str, ...]:
    data = _read_yaml(root, rel, problems, [])
    if not isinstance(data, list) or not all(isinstance(t, str) and t.strip() for t in data):
        problems.append(Problem("catalogue", "词表应为非空文本的列表。", rel))
        return ()
    return tuple(t.strip() for t in data)


def _month_day(text) -> bool:
    match = re.fullmatch(r"(\d{2})-(\d{2})", str(text)) if text else None
    if not match:
        return False
    try:
        date(2001, int(match.group(1)), int(match.group(2)))  # a year without 29 February
    except ValueError:
        return False
    return True


def _load_policy(root: str, problems: list[Problem]) -> dict:
    rel = "catalogue/policy.yml"
    data = _read_yaml(root, rel, problems, {})
    if not isinstance(data, dict):
        problems.append(Problem("catalogue", "政策参数文件应为键值对。", rel))
        return {}
    missing = [k for k in POLICY_REQUIRED if k not in data]
    if missing:
        problems.append(Problem("catalogue", f"政策参数缺少 {', '.join(missing)}，请参照示例 policy.yml 补齐并注明依据。", rel))
    unsafe = sorted({str(t).lower() for t in data.get("attachment_types") or ()} & SCRIPT_CAPABLE)
    if unsafe:
        problems.append(Problem("catalogue", (
            f"attachment_types 含有浏览器会执行或当作网页打开的格式 {', '.join(unsafe)}，这类文件上网即是脚本注入，"
            f"系统从不发布；请从 attachment_types 中删去。"), rel))
    for block, (keys, meaning) in POSITIVE_COUNTS.items():
        value = data.get(block)
        if block in data and not (isinstance(value, dict) and all(
                isinstance(value.get(k), int) and not isinstance(value.get(k), bool) and value[k] > 0 for k in keys)):
            problems.append(Problem("catalogue", (
                f"{block} 须给出 {', '.join(keys)}（正整数：{meaning}），公开指南据此写明期限；依据见示例 policy.yml。"), rel))
    deadlines = data.get("annual_report_deadline")
    for kind in UNIT_KINDS:
        text = deadlines.get(kind) if isinstance(deadlines, dict) else None
        if not _month_day(text):
            problems.append(Problem("catalogue", (
                f"annual_report_deadline.{kind}: {text} 应为次年的“月-日”，如 \"03-31\"（条例第四十九条）。"), rel))
    freshness = data.get("freshness") or {}
    if isinstance(freshness, dict) and set(FRESHNESS) - set(freshness):
        problems.append(Problem("catalogue", f"freshness 须为每个更新类别给出时限（{', '.join(FRESHNESS)}）。", rel))
    return data
