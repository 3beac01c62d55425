"""The register of disclosure applications (依申请公开登记): ``content/<unit>/_annual/<year>/applications.yml``.

One entry per application, no personal data. The rules judge its deadlines, the annual report
counts its outcomes (table 三).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping

import math
import os

from . import frontmatter, safefs, yamlsafe
from .problems import Code, Problem, register
from .workdays import add_working_days

APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
# Outcomes in the order of table 三 of the 2021 annual-report format (国办公开办函〔2021〕30号).
OUTCOME_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("予以公开", ()),
    ("部分公开", ()),
    ("不予公开", ("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
              "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项")),
    ("无法提供", ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确")),
    ("不予处理", ("信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
              "要求行政机关确认或重新出具已获取信息")),
    ("其他处理", ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
              "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他")),
)
OUTCOMES = tuple(g if not subs else f"{g}/{s}" for g, subs in OUTCOME_GROUPS for s in (subs or (None,)))

LAPSED = OUTCOMES[OUTCOMES.index("其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")]
STILL_UNCLEAR = "无法提供/补正后申请内容仍不明确"

APPLICATION_SCHEMA = register(Code("application-schema", "依申请公开登记簿格式错误",
                                   "applications.yml 的字段缺失、取值不在规定范围、日期无效或编号重复。"))


@dataclass(frozen=True, slots=True)
class Correction:
    """The office's one request to correct an unclear application (补正, 条例 第三十条)."""

    requested: date  # the day the request went out (within 7 working days of receipt)
    received: date | None  # the corrected application; None: not yet corrected, the clock is stopped
    deadline: date | None  # the correction period the request gave (合理的补正期限), if recorded
    requested_line: int | None
    deadline_line: int | None


@dataclass(frozen=True, slots=True)
class Application:
    unit: str
    year: int  # the register it is kept in: the year it was received
    number: str
    received: date
    applicant: str
    subject: str
    extended: bool
    paused_days: int  # working days paused for consulting third parties (not counted)
    replied: date | None
    outcome: str | None
    path: str
    line: int | None
    fee_yuan: float = 0  # 信息处理费 actually charged, in 元 (国办函〔2020〕109号); 0: none
    correction: Correction | None = None

    def deadline(self, policy: Mapping) -> tuple[date, bool] | None:
        """(reply deadline, whether the calendar knew every year on the way): 20 working days
        after receipt — after the corrected application's receipt when a correction was asked
        for (条例 第三十条) —, +20 with an approved extension, plus the working days paused for
        consultation (第三十二条、第三十三条). None while a requested correction has not come in:
        the reply period has not started."""
        start = self.received
        if self.correction is not None:
            if self.correction.received is None:
                return None
            start = self.correction.received
        rules = policy.get("application") or {}
        days = int(rules.get("reply_working_days", 20)) + self.paused_days
        if self.extended:
            days += int(rules.get("extension_working_days", 20))
        return add_working_days(start, days)

    def due(self, policy: Mapping) -> date | None:
        deadline = self.deadline(policy)
        return deadline[0] if deadline else None

    def correction_due(self, policy: Mapping) -> tuple[date, bool]:
        """(last day to request a correction, calendar known): policy ``application``
        ``correction_request_working_days`` working days after receipt (条例 第三十条)."""
        days = int((policy.get("application") or {}).get("correction_request_working_days", 7))
        return add_working_days(self.received, days)

    def open_at(self, day: date) -> bool:
        return self.received <= day and (self.replied is None or self.replied > day)


def read_text(root: str, rel: str, unit: str, code: str, problems: list[Problem]):
    """The text of a yearly data file of a unit, never through a link; (None, None) when absent
    or unreadable (the reason then goes to ``problems``)."""
    path = os.path.join(root, rel)
    if not os.path.lexists(path):
        return None, None
    try:
        text = safefs.read_bytes(root, rel).decode("utf-8-sig").replace("\r\n", "\n")  # never through a link
    except UnicodeDecodeError:
        problems.append(Problem(code, "文件不是 UTF-8 编码，请以 UTF-8 另存。", rel, 1, unit))
        return None, None
    except OSError as exc:
        problems.append(Problem(code, f"文件无法读取（{exc.strerror}），请检查文件权限。", rel, None, unit))
        return None, None
    return text, path


def load_register(root: str, rel: str, unit: str, year: int, problems: list[Problem]) -> list[Application]:
    text, _ = read_text(root, rel, unit, APPLICATION_SCHEMA.code, problems)
    if text is None:
        return []
    try:
        data = yamlsafe.load(text)
    except yamlsafe.YamlError as exc:
        problems.append(Problem(APPLICATION_SCHEMA.code, exc.message, rel, exc.line, unit))
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(Problem(APPLICATION_SCHEMA.code, "登记簿应为申请列表，每项以 - 开头。", rel, 1, unit))
        return []
    found, numbers = [], set()
    for position, entry in enumerate(data):
        line = frontmatter.field_line(text, (position,), first_line=1)

        def where(*keys, position=position) -> int | None:
            return frontmatter.field_line(text, (position, *keys), first_line=1)

        def bad(message: str, *keys: str, position=position) -> None:
            at = where(*keys) if keys else line
            problems.append(Problem(APPLICATION_SCHEMA.code, f"第 {position + 1} 条申请：{message}", rel, at, unit))

        application = _application(entry, unit, year, rel, line, bad, where)
        if application is None:
            continue
        if application.number in numbers:
            bad(f"受理编号 {application.number} 重复，请改用未用的编号。", "number")
            continue
        numbers.add(application.number)
        found.append(application)
    return found


def _date(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _application(entry, unit: str, year: int, rel: str, line: int | None, bad, where) -> Application | None:
    if not isinstance(entry, dict):
        bad("应为键值对（number、received、applicant、subject、replied、outcome 等）。")
        return None
    allowed = {"number", "received", "applicant", "subject", "extended", "paused_days", "replied", "outcome",
               "fee_yuan", "correction"}
    for key in entry:
        if key not in allowed:
            bad(f"未知字段 {key}，允许的字段：{', '.join(sorted(allowed))}。", key)
    ok = not set(entry) - allowed
    number = entry.get("number")
    if not isinstance(number, str) or not number.strip():
        bad("缺少受理编号 number（写成文本，如 \"2025-001\"）。", "number")
        ok = False
    received = _date(entry.get("received"))
    if received is None:
        bad("收到日期 received 缺失或无效，写作 YYYY-MM-DD。", "received")
        ok = False
    elif received.year != year:
        bad(f"收到日期 {received} 不在 {year} 年：申请记在收到当年的登记簿中。", "received")
        ok = False
    if entry.get("applicant") not in APPLICANTS:
        bad(f"申请人类型 applicant 应为 {'、'.join(APPLICANTS)} 之一（不填写申请人姓名等个人信息）。", "applicant")
        ok = False
    if not isinstance(entry.get("subject"), str) or not entry["subject"].strip():
        bad("缺少申请内容 subject。", "subject")
        ok = False
    extended = entry.get("extended", False)
    if not isinstance(extended, bool):
        bad("extended 应为 true 或 false（是否经批准延长答复期限）。", "extended")
        ok = False
    paused = entry.get("paused_days", 0)
    if not isinstance(paused, int) or isinstance(paused, bool) or paused < 0:
        bad("paused_days 应为不小于 0 的整数（征求第三方意见所用工作日）。", "paused_days")
        ok = False
    fee = entry.get("fee_yuan", 0)
    if not isinstance(fee, (int, float)) or isinstance(fee, bool) or not math.isfinite(fee) or fee < 0:
        bad("fee_yuan 应为不小于 0 的数字：实际收取的信息处理费（元），未收费写 0 或删去该行"
            "（《政府信息公开信息处理费管理办法》国办函〔2020〕109号）。", "fee_yuan")
        ok = False
    replied = None
    if entry.get("replied") is not None:
        replied = _date(entry.get("replied"))
        if replied is None:
            bad("答复日期 replied 无效，写作 YYYY-MM-DD；未答复请删去该字段。", "replied")
            ok = False
        elif received is not None and replied < received:
            bad(f"答复日期 {replied} 早于收到日期 {received}。", "replied")
            ok = False
    correction, correction_ok = None, True
    if "correction" in entry and received is not None:
        correction = _correction(entry["correction"], received, replied, bad, where)
        correction_ok = correction is not None
    outcome = entry.get("outcome")
    if replied is not None and outcome not in OUTCOMES:
        bad("已答复的申请须填写办理结果 outcome，取值：" + "、".join(OUTCOMES) + "。", "outcome")
        ok = False
    if replied is None and outcome is not None:
        bad("未答复的申请不应填写 outcome；已答复请填写 replied。", "outcome")
        ok = False
    if correction is not None and outcome in (LAPSED, STILL_UNCLEAR):
        ok = _outcome_fits_correction(outcome, correction, bad) and ok
    if not ok or not correction_ok:
        return None
    return Application(unit, year, number.strip(), received, entry["applicant"], entry["subject"].strip(),
                       extended, paused, replied, outcome, rel, line, float(fee), correction)


_CORRECTION_KEYS = ("requested", "deadline", "received")


def _correction(value, received: date, replied: date | None, bad, where) -> Correction | None:
    """``correction: {requested, deadline, received}`` (补正, 条例 第三十条); None when invalid."""
    if not isinstance(value, dict):
        bad("correction 应为键值对：requested（告知补正日期）、deadline（补正期限，可选）、"
            "received（收到补正申请日期，未补正时删去）。", "correction")
        return None
    ok = True
    for key in value:
        if key not in _CORRECTION_KEYS:
            bad(f"correction 中的未知字段 {key}，允许的字段：{', '.join(_CORRECTION_KEYS)}。", "correction", key)
            ok = False
    dates = {}
    for key, label in (("requested", "告知补正日期"), ("deadline", "补正期限"), ("received", "收到补正申请日期")):
        if value.get(key) is None and key != "requested":
            dates[key] = None
            continue
        dates[key] = _date(value.get(key))
        if dates[key] is None:
            bad(f"correction.{key}（{label}）缺失或无效，写作 YYYY-MM-DD"
                f"{'' if key == 'requested' else '；没有时删去该行'}。", "correction", key)
            ok = False
    requested = dates["requested"]
    if requested is not None and requested < received:
        bad(f"告知补正日期 correction.requested {requested} 早于收到申请日期 {received}。", "correction", "requested")
        ok = False
    for key, label in (("deadline", "补正期限"), ("received", "收到补正申请日期")):
        if requested is not None and dates[key] is not None and dates[key] < requested:
            bad(f"correction.{key}（{label}）{dates[key]} 早于告知补正日期 {requested}。", "correction", key)
            ok = False
    latest = dates["received"] or requested
    if replied is not None and latest is not None and replied < latest:
        what = "收到补正申请日期" if dates["received"] else "告知补正日期"
        bad(f"答复日期 {replied} 早于{what} {latest}：答复应在告知补正、收到补正之后。", "replied")
        ok = False
    if not ok:
        return None
    return Correction(requested, dates["received"], dates["deadline"], where("correction", "requested"),
                      where("correction", "deadline") if dates["deadline"] else None)


def _outcome_fits_correction(outcome: str, correction: Correction, bad) -> bool:
    """逾期不补正 contradicts a correction that came in; 补正后仍不明确 one that never did. (No
    correction at all is the rule correction-unrecorded's: registers kept before the field.)"""
    if outcome == LAPSED and correction.received is not None:
        bad("办理结果为“逾期不补正”，但登记簿记有收到补正申请的日期 correction.received：请核对办理结果，"
            "或删去 correction.received。", "outcome")
        return False
    if outcome == STILL_UNCLEAR and correction.received is None:
        bad("办理结果为“补正后申请内容仍不明确”的申请须填写 correction.received（收到补正申请的日期）。", "outcome")
        return False
    return True
