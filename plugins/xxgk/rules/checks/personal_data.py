"""personal-data: unmasked resident IDs, mobiles and bank cards in anything the site publishes.

Numbers are found by their structure, as they are written in Chinese lists:

* resident IDs — 18 digits with the GB 11643 check character (ISO 7064 MOD 11-2, may be X), a
  real birth date (1900 to this year) and a province code; 15-digit IDs of before 1999 with a
  birth date 19YYMMDD (born 1920–1999) and a province code. Also written 6-8-4 or 6-4-4-4
  (6-6-3 for 15 digits) with spaces, dashes or dots;
* mobiles — 11 digits 1[3-9]x, contiguous or 3-4-4 with one kind of separator, optionally after
  +86 / 0086 / (+86); never inside a longer digit run, and not an amount (followed by 元/万元…,
  after 投资/金额/资金…, or ending in six zeros: 13500000000 is money, not a phone);
* bank cards — 16 to 19 digits (contiguous, 4-4-4-4[-3] or 6-rest) passing Luhn, and either a
  card word just before (卡号, 银行卡, 账号, 账户, 开户, 储蓄卡, 信用卡, 借记卡 …) or an issuer's
  prefix: UnionPay 62 (16–19 digits), Visa 4 and Mastercard 51–55 / 2221–2720 (16 digits), and
  the large banks' older debit prefixes 9558 (工行), 95599 (农行), 601382 (中行). A unit's own
  account (户名 an organisation, 保证金, 专户 …) is not personal data.

Full-width digits, Ｘ, ideographic spaces and full-width dashes are read as their ASCII forms
through a one-to-one mapping, so every offset still points into the original text. Numbers that
are not personal whatever their digits are blanked first: 索引号, 发文字号 and anything after a
code label (项目编码, 流水号, 统一社会信用代码, 合同编号 …). Masked forms (35*************123,
138****1234) never match. Texts without a run of six digits are skipped at once.
"""

import re
from datetime import date

from stdnum import luhn
from stdnum.cn import uscc

from ..registry import rule
from ..texts import item_pieces

RULE = "personal-data"

# One character for one character: offsets in the folded text are offsets in the original.
_FOLD = str.maketrans({
    **{chr(0xFF10 + n): str(n) for n in range(10)}, "Ｘ": "X", "ｘ": "x", "＋": "+", "（": "(", "）": ")",
    "\u3000": " ", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ",
    "－": "-", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-", "．": ".",
})
# Every number below holds three digits, at most one separator, three more digits (\d is any
# Unicode digit, full-width ones included). Most texts have no such run and cost one search.
CANDIDATE = re.compile(r"\d{3}[ \-.\u3000\u00a0－．‐‑–—]?\d{3}")

_LABEL = (r"(?:项目(?:编码|代码|编号)|统一社会信用代码|信用代码|纳税人识别号|税务登记号|组织机构代码|"
          r"索引号|发文字号|文号|流水号|序列号|序号|批次号|批号|合同(?:编号|号)|订单号|单号|登记号|注册号|"
          r"备案号|许可证号|证书编号|证书号|受理号|案号|(?<!证件)(?<!身份证)(?<!人员)(?<!个人)(?:编码|代码|编号))")
# Numbers that are not personal data whatever their digits: 索引号, 发文字号, labelled codes.
NOT_PERSONAL = re.compile(
    r"[0-9A-Z]{9}(?:[0-9A-Z]{9})?/\d{4}-\d{5}"
    r"|[〔\[(]\d{4}[〕\])]\s*\d+\s*号"
    rf"|{_LABEL}\)?\s*(?:[:：]|为|是)?\s*[0-9A-Za-z][0-9A-Za-z\-_/.]*")

# Not part of a longer run of digits or letters, nor of a dotted or dashed code (2026-330100-…).
_BEFORE = r"(?<![0-9A-Za-z])(?<![0-9][\-.])(?<![A-Za-z]-)"
_AFTER = r"(?![0-9A-Za-z])(?![\-.][0-9])(?!-[A-Za-z])"
ID18 = re.compile(_BEFORE + r"(?:[0-9]{17}[0-9Xx]|[0-9]{6}(?P<a>[ \-.])[0-9]{8}(?P=a)[0-9]{3}[0-9Xx]"
                  r"|[0-9]{6}(?P<b>[ \-.])[0-9]{4}(?P=b)[0-9]{4}(?P=b)[0-9]{3}[0-9Xx])" + _AFTER)
ID15 = re.compile(_BEFORE + r"(?:[0-9]{15}|[0-9]{6}(?P<a>[ \-.])[0-9]{6}(?P=a)[0-9]{3})" + _AFTER)
MOBILE = re.compile(_BEFORE + r"(?:(?:\+|00)86[ \-]?|\(\+?86\)[ \-]?)?"
                    r"(?P<number>1[3-9][0-9](?:[0-9]{8}|(?P<s>[ \-.])[0-9]{4}(?P=s)[0-9]{4}))" + _AFTER)
CARD = re.compile(_BEFORE + r"(?:[0-9]{16,19}|[0-9]{4}(?P<a>[ \-.])[0-9]{4}(?P=a)[0-9]{4}(?P=a)[0-9]{4}(?:(?P=a)[0-9]{1,3})?"
                  r"|[0-9]{6}(?P<b>[ \-.])[0-9]{10,13})" + _AFTER)

# An amount, not a phone or a card: a unit right after, or a money word right before.
AMOUNT_AFTER = re.compile(r"\s?(?:元|万|亿|千|美元|欧元|港元|平方|㎡|吨|公斤|千克|公里|米|亩|人次)")
AMOUNT_BEFORE = re.compile(r"(?:投资|金额|资金|总额|合计|总计|共计|预算|决算|造价|价款|收入|支出|拨付|产值|营收|余额|"
                           r"￥|¥|人民币|RMB)额?\s*(?:[为达约计共:：(]\s*){0,3}$")
CARD_CONTEXT = re.compile(r"卡号|银行卡|账号|帐号|账户|帐户|开户|储蓄卡|信用卡|借记卡|存折|社保卡|社会保障卡|一卡通")
CODE_CONTEXT = re.compile(r"编码|编号|代码|流水|序号|批次|订单|合同|项目|登记|备案|单号|案号|文号|凭证|票号|发票")
# A unit's own account (deposits, remittances to an office), named in the same sentence: not a
# person's card.
ORG_ACCOUNT = re.compile(
    r"(?:保证金|对公|基本存款|基本|单位|专用存款)(?:账户|帐户|账号|帐号)|专户(?:账号|帐号|账户)?\s*[:：]|"
    r"(?:户名|收款单位|开户单位|账户名称|收款人)\s*[:：]?\s*[^\s，。；;,:：]{1,30}?"
    r"(?:中心|政府|公司|银行|学校|医院|委员会|办公室|局|厅|研究院|研究所|事务所|合作社|协会|集团|大队|支队|财政所)")
_SENTENCE_END = re.compile(r"[。；;!！?？\n]")
PROVINCES = frozenset("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
                      "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split())
_WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))
_THIS_YEAR = date.today().year


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def _born(year: int, month: int, day: int) -> bool:
    try:
        return 1900 <= year <= _THIS_YEAR and date(year, month, day) <= date.today()
    except ValueError:
        return False


def resident_id_18(digits: str) -> bool:
    if digits[:2] not in PROVINCES or not _born(int(digits[6:10]), int(digits[10:12]), int(digits[12:14])):
        return False
    total = sum(int(d) * w for d, w in zip(digits, _WEIGHTS))
    return "10X98765432"[total % 11] == digits[17].upper()


def resident_id_15(digits: str) -> bool:
    year = int(digits[6:8])
    return digits[:2] in PROVINCES and year >= 20 and _born(1900 + year, int(digits[8:10]), int(digits[10:12]))


def issuer_prefix(digits: str) -> bool:
    """A card issuer's prefix of the right length (UnionPay, Visa, Mastercard, large banks' older debit cards)."""
    length = len(digits)
    if digits.startswith("62") or digits.startswith(("9558", "95599", "601382")):
        return 16 <= length <= 19
    if digits[0] == "4" or 51 <= int(digits[:2]) <= 55 or 2221 <= int(digits[:4]) <= 2720:
        return length == 16
    return False


def _org_account(text: str, start: int) -> bool:
    window = text[max(0, start - 48):start]
    ends = list(_SENTENCE_END.finditer(window))
    return bool(ORG_ACCOUNT.search(window, ends[-1].end() if ends else 0))


def _amount(text: str, start: int, end: int) -> bool:
    return bool(AMOUNT_AFTER.match(text, end) or AMOUNT_BEFORE.search(text, max(0, start - 12), start))


def _serial(text: str, end: int) -> bool:
    """Followed by 号 (not 号码): a serial such as “……001234号”, not a personal number."""
    return text.startswith("号", end) and not text.startswith("号码", end)


def find(text: str):
    """(offset, kind, masked example) for every unmasked ID, mobile or bank-card number, in order."""
    if not CANDIDATE.search(text):
        return
    text = NOT_PERSONAL.sub(_blank, text.translate(_FOLD))
    found: list[tuple[int, int, str, str]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e, _, _ in found)

    for pattern, valid in ((ID18, resident_id_18), (ID15, resident_id_15)):
        for match in pattern.finditer(text):
            digits = re.sub(r"[ \-.]", "", match.group(0))
            if valid(digits) and free(match.start(), match.end()):
                found.append((match.start(), match.end(), "居民身份证号", digits[:2] + "*" * (len(digits) - 5) + digits[-3:]))
    for match in CARD.finditer(text):
        start, end = match.span()
        digits = re.sub(r"[ \-.]", "", match.group(0))
        if not (16 <= len(digits) <= 19) or not free(start, end) or not luhn.is_valid(digits):
            continue
        if _amount(text, start, end) or _serial(text, end):
            continue
        before = text[max(0, start - 12):start]
        if CARD_CONTEXT.search(before):
            card = True
        else:
            card = issuer_prefix(digits) and not CODE_CONTEXT.search(before) and not uscc.is_valid(digits)
        if card and not _org_account(text, start):
            found.append((start, end, "银行卡号", digits[:4] + " **** **** " + digits[-4:]))
    for match in MOBILE.finditer(text):
        start, end = match.span()
        digits = re.sub(r"[ \-.]", "", match.group("number"))
        if not free(start, end) or _amount(text, start, end) or _serial(text, end) or digits.endswith("000000"):
            continue
        found.append((start, end, "手机号码", digits[:3] + "****" + digits[-4:]))
    for start, _, kind, masked in sorted(found):
        yield start, kind, masked


def exempt(item, policy) -> bool:
    allowed = (policy.get("exceptions") or {}).get(RULE) or ()
    return any(e.rule == RULE and e.basis in allowed for e in item.exceptions)


@rule(RULE, "个人信息未去标识化", "名称、内容概述、发文字号、公开范围、有效性说明、附件名称、保密审查记录、正文、附件"
            "（txt、csv、xlsx、docx、pptx、pdf、ofd、doc、wps、zip 内的文件）或依申请公开登记簿含未遮盖的身份证号"
            "（18 位校验位正确或 15 位旧号）、手机号或银行卡号（Luhn 校验通过且有卡号语境或发卡行前缀）。")
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
