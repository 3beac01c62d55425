import re

from stdnum import luhn
from stdnum.cn import ric, uscc

from ..registry import rule
from ..texts import item_pieces

RULE = "personal-data"
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?:(?<=\+86)|(?<=\+86[- ])|(?<![0-9A-Za-z]))1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![0-9A-Za-z])")
CARD = re.compile(r"(?<![0-9A-Za-z])(?:\d{16,19}|\d{4}(?: \d{4}){3}(?: \d{1,3})?)(?![0-9A-Za-z])")
# Every pattern below needs at least this; most texts have no such run and are skipped at once.
CANDIDATE = re.compile(r"\d{3}[- ]?\d{4}")
# Numbers that are not personal data whatever their digits: 索引号 and 发文字号.
NOT_PERSONAL = re.compile(r"[0-9A-Z]{9}(?:[0-9A-Z]{9})?/\d{4}-\d{5}|〔\d{4}〕\s*\d+\s*号")


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def find(text: str):
    """(offset, kind, masked example) for every unmasked ID, mobile or bank-card number."""
    if not CANDIDATE.search(text):
        return
    text = NOT_PERSONAL.sub(_blank, text)
    taken: list[range] = []
    for match in ID_NUMBER.finditer(text):
        if ric.is_valid(match.group(0)):
            taken.append(range(match.start(), match.end()))
            yield match.start(), "居民身份证号", match.group(0)[:2] + "*" * 13 + match.group(0)[-3:]
    for match in MOBILE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        yield match.start(), "手机号码", digits[:3] + "****" + digits[-4:]
    for match in CARD.finditer(text):
        digits = match.group(0).replace(" ", "")
        if any(match.start() in r for r in taken) or uscc.is_valid(digits) or not luhn.is_valid(digits):
            continue
        yield match.start(), "银行卡号", digits[:4] + " **** **** " + digits[-4:]


def exempt(item, policy) -> bool:
    allowed = (policy.get("exceptions") or {}).get(RULE) or ()
    return any(e.rule == RULE and e.basis in allowed for e in item.exceptions)


@rule(RULE, "个人信息未去标识化", "名称、内容概述、正文、附件（txt、csv、xlsx、docx、pdf）或依申请公开登记簿含未遮盖的身份证号（校验位正确）、手机号或银行卡号（Luhn 校验通过）。")
def check(ctx):
    for application in ctx.repo.applications:
        for _, kind, masked in find(application.subject):
            yield ctx.at_register(RULE, application, (
                f"登记簿申请 {application.number} 的申请内容含有{kind}，登记簿不记录个人信息，请删去（如 {masked}）。"))
    for item in ctx.repo.items:
        if item.mode != "主动公开" or item.draft or exempt(item, ctx.policy):
            continue
        for piece in item_pieces(ctx, item):
            for offset, kind, masked in find(piece.text):
                line, place = piece.where(offset)
                yield ctx.at_item(RULE, item, (
                    f"{place}含有未去标识化的{kind}，请遮盖后再公开（如 {masked}）；确属惩戒公示或法定必须公开的，"
                    f"在 exceptions 中写明 rule: {RULE}、法律依据 basis 和理由 reason。"), line=line, path=piece.path)
