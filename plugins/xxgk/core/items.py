"""Read one item file into an ``Item``, collecting every problem with its line."""

from __future__ import annotations

import os
import re
from datetime import date

from . import frontmatter, schema, yamlsafe
from .links import local_links
from .model import Attachment, Catalogue, Exception_, Item, Review, Unit, Validity
from .problems import Problem

# Today's form: the 18-character 统一社会信用代码 (a 9-character 组织机构代码 is a historic form).
INDEX_PATTERN = re.compile(r"^(?P<code>[0-9A-Z]{18})/(?P<year>\d{4})-(?P<serial>\d{5})$")
# A historic index is part of its item's URL: letters, digits, "/" and "-" only.
HISTORIC_CHARACTERS = re.compile(r"[0-9A-Za-z/-]+")
STRICT_SLUG_START = re.compile(r"\d{4}-")
_DATE_FIELDS = (("formed",), ("published",), ("validity", "date"), ("review", "date"), ("reassess_by",))


class _Report:
    """Problems of one item file; knows how to turn a field path into a line."""

    def __init__(self, rel: str, unit: str | None, column: str | None, root: str = ""):
        self.rel, self.unit, self.column, self.root = rel, unit, column, root
        self.front = ""
        self.problems: list[Problem] = []

    def add(self, code: str, message: str, field: tuple | None = None, line: int | None = None) -> None:
        if line is None and field is not None and self.front:
            line = frontmatter.field_line(self.front, field)
        self.problems.append(Problem(code, message, self.rel, line, self.unit, self.column))

    @property
    def fatal(self) -> bool:
        return bool(self.problems)


def read_item(root: str, rel: str, catalogue: Catalogue, files) -> tuple[Item | None, list[Problem]]:
    """Parse ``content/<unit>/<column>/<YYYY>/<name>.md`` (``rel`` relative to root). ``files``:
    the regular files of content/ (path → size) from the loader's walk; attachments are looked up
    there, never on disk, so a link or anything outside the repository is never an attachment."""
    parts = rel.split("/")
    unit_id, column_id, year_dir = (parts[1], parts[2], parts[3]) if len(parts) == 5 else (None, None, None)
    report = _Report(rel, unit_id, column_id, root)
    if unit_id is None:
        report.add("path-layout", "信息文件应放在 content/<单位>/<栏目>/<年份>/<文件名>.md，请移动到对应目录。")
        return None, report.problems
    text = _decode(os.path.join(root, rel), report)
    if text is None:
        return None, report.problems
    try:
        report.front, body, body_line = frontmatter.split(text)
    except frontmatter.SplitError as exc:
        report.add("front-matter", exc.message, line=exc.line)
        return None, report.problems
    try:
        data = yamlsafe.load(report.front, first_line=2)
    except yamlsafe.YamlError as exc:
        report.add("yaml", exc.message, line=exc.line + 1 if exc.line else 2)
        return None, report.problems
    if not isinstance(data, dict):
        report.add("front-matter", "元数据应为“字段: 值”的键值对。", line=2)
        return None, report.problems
    for path, message in schema.violations(data):
        report.add("schema", message, field=path)
    dates = _dates(data, report)
    _check_place(data, unit_id, column_id, year_dir, dates, catalogue, report)
    if report.fatal:
        return None, report.problems
    return _build(root, rel, data, dates, body, body_line, catalogue, files, report), report.problems


def _decode(path: str, report: _Report) -> str | None:
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        report.add("encoding", f"文件无法读取（{exc.strerror}），请检查文件权限或是否为损坏的链接。", line=1)
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        report.add("encoding", "文件不是 UTF-8 编码（可能是 GBK），请在编辑器中以 UTF-8 另存。", line=line)
        return None
    if "\x00" in text:
        report.add("encoding", "文件含有空字符，不是文本文件，请检查是否误存为其他格式。", line=1)
        return None
    if "\r" in text and "\n" not in text:
        report.add("encoding", yamlsafe.MAC_LINE_ENDINGS, line=1)  # CR-only: the file would be one line
        return None
    return text.replace("\r\n", "\n")  # a lone CR left is yamlsafe's: a yaml problem at its line


def _dates(data: dict, report: _Report) -> dict[tuple, date]:
    found = {}
    for path in _DATE_FIELDS:
        node = data
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", node):
            try:
                found[path] = date.fromisoformat(node)
            except ValueError:
                report.add("schema", f"{'.'.join(path)} 的日期“{node}”不存在，请核对年月日。", field=path)
    return found


def _check_place(data, unit_id, column_id, year_dir, dates, catalogue: Catalogue, report: _Report) -> None:
    """Unit and column come from the path; front matter may repeat them but must agree."""
    unit = catalogue.units.get(unit_id)
    if unit is None:
        report.add("unknown-unit", f"目录 content/{unit_id}/ 不是已登记的单位，可用的单位：{', '.join(catalogue.units)}。", line=1)
    column = catalogue.columns.get(column_id)
    if column is None:
        report.add("unknown-column", f"目录 {column_id}/ 不是已登记的栏目，可用的栏目：{', '.join(catalogue.columns)}。", line=1)
    elif unit is not None and not catalogue.applies(column, unit):
        switch = unit.columns.get(column_id)
        why = f"（{unit.path} 已关闭该栏目：{switch.reason}）" if switch is not None else ""
        report.add("unknown-column", f"栏目 {column_id}（{column.name}）不适用于{unit.kind_label}{why}，请放到适用的栏目。", line=1)
    for key, expected in (("unit", unit_id), ("column", column_id)):
        given = data.get(key)
        if isinstance(given, str) and given != expected:
            known = catalogue.units if key == "unit" else catalogue.columns
            code = "path-layout" if given in known else f"unknown-{key}"
            report.add(code, f"元数据 {key}: {given} 与文件所在目录 {expected} 不一致；可删去此字段，由目录决定。", field=(key,))
    published = dates.get(("published",))
    if not re.fullmatch(r"\d{4}", year_dir or ""):
        report.add("path-layout", f"年份目录“{year_dir}”应为四位年份（发布日期的年份）。", line=1)
    elif published is not None and int(year_dir) != published.year:
        report.add("path-layout", f"年份目录 {year_dir} 与发布日期 {published} 不符，请移到 {published.year}/ 目录。", field=("published",))


def _build(root, rel, data, dates, body, body_line, catalogue: Catalogue, files, report: _Report) -> Item:
    unit = catalogue.units[report.unit]
    index = data["index"].strip()
    serial = _check_index(index, unit, dates[("published",)], data.get("migrated", False), report)
    if data["topic"] not in catalogue.topics:
        report.add("schema", f"主题分类“{data['topic']}”不在 catalogue/topics.yml 中，请从词表中选择。", field=("topic",))
    if data["kind"] not in catalogue.document_kinds:
        report.add("schema", f"文件类型“{data['kind']}”不在 catalogue/document-kinds.yml 中，请从词表中选择。", field=("kind",))
    _check_exceptions(data.get("exceptions", ()), catalogue.policy, report)
    folder = os.path.dirname(rel)
    validity = data.get("validity") or {}
    review = data.get("review")
    return Item(
        path=rel, unit=unit.id, column=report.column, index=index, serial=serial,
        title=data["title"].strip(), topic=data["topic"], kind=data["kind"],
        formed=dates[("formed",)], published=dates[("published",)], mode=data["mode"],
        body=body, body_line=body_line, summary=(data.get("summary") or "").strip(),
        doc_number=(data.get("doc_number") or "").strip(), scope=data.get("scope") or "面向社会",
        validity=Validity(validity.get("status", "有效"), dates.get(("validity", "date")),
                          validity.get("note", ""), validity.get("replaced_by")),
        # A blank reviewer or result is no review: missing-review (blocking) says what to fill in.
        review=None if review is None else Review(_visible(review.get("reviewer")), dates.get(("review", "date")),
                                                  _visible(review.get("result")), tuple(review.get("steps", ()))),
        interprets=data.get("interprets"),
        attachments=_attachments(folder, data.get("attachments", ()), body, rel, body_line, files, report),
        exceptions=tuple(Exception_(e["rule"], e["basis"], e["reason"]) for e in data.get("exceptions", ())),
        draft=data.get("draft", False), migrated=data.get("migrated", False),
        basis=tuple(data.get("basis", ())), reassess_by=dates.get(("reassess_by",)),
    )


_INVISIBLE = " \t\n\r\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff"


def _visible(text) -> str:
    return (text or "").strip(_INVISIBLE)


def _check_exceptions(exceptions, policy, report: _Report) -> None:
    """An item may silence only the documented exceptions, each with an allowed legal basis."""
    allowed = policy.get("exceptions") or {}
    for number, entry in enumerate(exceptions):
        bases = allowed.get(entry["rule"])
        if bases is None:
            report.add("schema", f"规则 {entry['rule']} 不能被单条信息豁免；可声明例外的规则只有 {', '.join(allowed) or '（无）'}。",
                       field=("exceptions", number))
        elif entry["basis"] not in bases:
            report.add("schema", f"例外的法律依据“{entry['basis']}”不在允许范围内，应为 {'、'.join(bases)} 之一。",
                       field=("exceptions", number))


def _check_index(index: str, unit: Unit, published: date, migrated: bool, report: _Report) -> str:
    """The item's URL slug from its 索引号: "<YYYY>-<NNNNN>" for today's form; for a migrated item's
    historic index (索引号不得更改), one of the unit's ``historic_indexes``, the whole index with "/"
    as "_" (and a leading "_" where it would start like a serial of today's form, so the two never
    meet)."""
    credit_code = unit.credit_code
    fix = f"应为 {credit_code}/{published.year}-<5 位流水号>，例如 {credit_code}/{published.year}-00001"
    match = INDEX_PATTERN.match(index)
    if match is None:
        historic = next((p for p in unit.index_patterns if re.fullmatch(p.pattern, index)), None)
        if historic is not None:
            return _check_historic(index, historic, unit, published, migrated, fix, report)
        report.add("index-format", f"索引号“{index}”格式错误，{fix}{_historic_hint(unit, migrated)}。", field=("index",))
        return ""
    if match["code"] != credit_code:
        report.add("index-format", f"索引号前缀 {match['code']} 不是本单位的统一社会信用代码，{fix}。", field=("index",))
    if int(match["year"]) != published.year:
        report.add("index-format", f"索引号年份 {match['year']} 与发布年份 {published.year} 不符，{fix}。", field=("index",))
    return f"{match['year']}-{match['serial']}"


def _check_historic(index: str, historic, unit: Unit, published: date, migrated: bool, fix: str, report: _Report) -> str:
    form = f"本单位旧平台的索引号格式（{historic.source}，例如 {historic.example}）"
    if not migrated:
        report.add("index-format", (
            f"索引号“{index}”是{form}；只有从旧平台迁移、标注 migrated: true 的历史信息才保留旧索引号，"
            f"新信息{fix}。"), field=("index",))
        return ""
    if historic.until is not None and published > historic.until:
        report.add("index-format", (
            f"索引号“{index}”是{form}，该格式已于 {historic.until} 停用，{published} 发布的信息不应使用；"
            f"请核对发布日期或索引号，否则{fix}。"), field=("index",))
        return ""
    if not HISTORIC_CHARACTERS.fullmatch(index):
        report.add("index-format", (
            f"索引号“{index}”含字母、数字、“/”和“-”以外的字符，不能作为网址；请按旧平台的原样核对，"
            f"或联系政务公开办修改 {unit.path} 的 historic_indexes。"), field=("index",))
        return ""
    slug = index.replace("/", "_")
    return "_" + slug if STRICT_SLUG_START.match(slug) else slug


def _historic_hint(unit: Unit, migrated: bool) -> str:
    """For a migrated item, the unit's historic forms (or where they would be declared)."""
    if not migrated:
        return ""
    if not unit.index_patterns:
        return (f"；迁移的历史信息如需保留旧平台的索引号，须先由政务公开办在 {unit.path} 的 historic_indexes "
                f"中登记其格式")
    forms = "；".join(f"{p.example}（{p.source}）" for p in unit.index_patterns)
    return f"；迁移的历史信息也可保留 {unit.path} 登记的旧索引号格式：{forms}"


def _attachments(folder: str, listed, body: str, rel: str, body_line: int, files, report: _Report) -> tuple[Attachment, ...]:
    """The files the item owns: those it lists, then those beside it that its body links to
    (inline pictures, linked documents). Both are published with it, so both are checked."""
    found = [_attachment(folder, number, entry, files, report) for number, entry in enumerate(listed)]
    names = {a.file for a in found}
    if "](" in body or "src" in body or "href" in body:
        for link in local_links(body, rel):
            folder_of, _, name = link.path.rpartition("/")
            if folder_of != folder or name.endswith(".md") or name.startswith(".") or name in names:
                continue  # other folders: other items' files; dot files are never attachments
            names.add(name)
            line = body_line + body.count("\n", 0, link.offset)
            if link.path in files:
                found.append(Attachment(name, name, link.path, files[link.path], linked=True, line=line))
            elif _is_link(link.path, report):
                report.add("symlink", f"正文链接的 {name} 是符号链接，系统不读取也不发布链接；请换成真实文件。", line=line)
    return tuple(found)


def _is_link(path: str, report: _Report) -> bool:
    """Whether ``path``, not a regular file of the walk, is there all the same: a link."""
    return bool(report.root) and os.path.islink(os.path.join(report.root, path))


def _attachment(folder: str, number: int, entry, files, report: _Report) -> Attachment:
    name, title = (entry, entry) if isinstance(entry, str) else (entry["file"], entry.get("title") or entry["file"])
    source = f"{folder}/{name}"
    if "/" in name or "\\" in name or name.startswith("."):
        report.add("missing-attachment", f"附件“{name}”须是与本文件同目录的文件名，不能包含目录。", field=("attachments", number))
        return Attachment(name, title, source, None)
    if source in files:
        return Attachment(name, title, source, files[source])
    if _is_link(source, report):
        report.add("symlink", f"附件 {name} 是符号链接，系统不读取也不发布链接指向的文件；请换成真实文件。",
                   field=("attachments", number))
    else:
        report.add("missing-attachment", f"附件 {name} 不存在，请把文件放到 {folder}/ 或从 attachments 中删去。", field=("attachments", number))
    return Attachment(name, title, source, None)
