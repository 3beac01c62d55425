"""A labelled corpus for the personal-data scanner: disclosure sentences as they are written.

``POSITIVES``: (text, kinds) — every kind in ``kinds`` must be found in ``text``.
``NEGATIVES``: texts that hold numbers of the same shape which are not personal data; nothing
may be found in them.

Every number is made here, deterministically (no randomness): resident IDs carry their
GB 11643 check character (``stdnum.cn.ric``), bank cards and the look-alike codes their Luhn
digit (``stdnum.luhn``), credit codes their GB 32100 check character (``stdnum.cn.uscc``).
The people are fictional (张某、李某某 …); the regions, banks' card prefixes and the phrasing
are the ones real lists use. ``scripts/bench_pii.py`` and ``tests/test_pii.py`` read it.
"""

from __future__ import annotations

from stdnum import luhn
from stdnum.cn import ric, uscc

ID = "居民身份证号"
MOBILE = "手机号码"
CARD = "银行卡号"

_FULL = str.maketrans("0123456789Xx -.", "０１２３４５６７８９Ｘｘ\u3000－．")


def fullwidth(text: str) -> str:
    """Digits, X and separators in their full-width forms (as Chinese input methods type them)."""
    return text.translate(_FULL)


def resident_id(region: str, birth: str, sequence: str) -> str:
    """An 18-digit resident ID with its check character (GB 11643-1999)."""
    base = region + birth + sequence
    return base + ric.calc_check_digit(base + "0")


def old_id(region: str, birth: str, sequence: str) -> str:
    """A 15-digit resident ID of before 1999: region, YYMMDD, sequence; no check digit."""
    return region + birth + sequence


def with_luhn(body: str) -> str:
    return body + luhn.calc_check_digit(body)


def credit_code(body: str) -> str:
    return body + uscc.calc_check_digit(body)


def grouped(digits: str, sizes: tuple[int, ...], sep: str) -> str:
    parts, at = [], 0
    for size in sizes:
        parts.append(digits[at:at + size])
        at += size
    if at < len(digits):
        parts.append(digits[at:])
    return sep.join(parts)


def _x_id(region: str, birth: str) -> str:
    """The first sequence whose check character is X (about one in eleven)."""
    return next(i for i in (resident_id(region, birth, f"{n:03d}") for n in range(1000)) if i.endswith("X"))


# -- resident IDs ------------------------------------------------------------------------------

# Real county-level region codes (GB/T 2260) from every part of the country.
REGIONS = ["110101", "310104", "330106", "350102", "440305", "510107", "420106", "610113", "620102",
           "650102", "230103", "370202", "530102", "210102", "130102", "410105", "450103", "520102"]
BIRTHS = ["19900101", "19851231", "19620715", "20000229", "19781008", "19951120",
          "19580304", "20120601", "19730930", "19881111", "19690228", "19991231", "19820506",
          "19930817", "20050321", "19670412", "19740606", "19860909"]
IDS = [resident_id(r, b, f"{(7 * n + 13) % 1000:03d}") for n, (r, b) in enumerate(zip(REGIONS, BIRTHS))]
X_IDS = [_x_id("350102", "19900101"), _x_id("330106", "19770512"), _x_id("440305", "19830219")]

ID_SENTENCES = [
    "经审核，申请人张某（身份证号：{}）符合城乡居民最低生活保障条件，现予公示。",
    "2026年度困难残疾人生活补贴发放名单：李某，身份证号码{}，补贴金额1200元。",
    "当事人：王某，公民身份号码 {}，住址：青川市临水县城关镇。",
    "| 1 | 陈某 | {} | 城关镇 | 800 |",
    "赵某,{},600,城南街道",
    "被申请人刘某（{}）于2026年3月5日提出申请。",
    "拟聘用人员：周某，女，汉族，身份证号{}，本科学历。",
    "继承人孙某某，身份证：{}，联系地址青川市河西区。",
    "兹有我镇居民吴某（居民身份证 {}）申请临时救助。",
    "公示期间如有异议，可实名反映。获奖人员：郑某 {}",
]
ID_FORMS = [
    ("plain", lambda n: n),
    ("6-8-4 space", lambda n: grouped(n, (6, 8), " ")),
    ("6-8-4 dash", lambda n: grouped(n, (6, 8), "-")),
    ("6-4-4-4 space", lambda n: grouped(n, (6, 4, 4), " ")),
    ("6-4-4-4 dash", lambda n: grouped(n, (6, 4, 4), "-")),
    ("6-8-4 dot", lambda n: grouped(n, (6, 8), ".")),
    ("full-width", fullwidth),
    ("full-width 6-8-4", lambda n: fullwidth(grouped(n, (6, 8), " "))),
    ("lowercase x", lambda n: n.lower()),
]

OLD_IDS = [old_id("110101", "650312", "021"), old_id("330106", "580101", "112"), old_id("350102", "721130", "045"),
           old_id("440305", "800229", "367"), old_id("510107", "691005", "288"), old_id("420106", "770617", "013")]
OLD_FORMS = [
    ("plain", lambda n: n),
    ("6-6-3 space", lambda n: grouped(n, (6, 6), " ")),
    ("6-6-3 dash", lambda n: grouped(n, (6, 6), "-")),
    ("full-width", fullwidth),
]

# -- mobiles -----------------------------------------------------------------------------------

MOBILES = ["13812345678", "13900001111", "15057112345", "18657198765", "17712340098", "19912345678",
           "16623456789", "14712345670", "13305719999", "18800001234", "15988776655", "19155501234"]
MOBILE_SENTENCES = [
    "联系人：张某，联系电话：{}。",
    "如有异议，请与公示对象李某联系（手机{}）。",
    "举报电话：0571-87654321，联系人手机：{}",
    "项目负责人：王某 {}",
    "拟录用人员：陈某，手机号码{}，报考职位：综合管理。",
    "| 2 | 刘某 | 城关镇 | {} |",
    "受理人员：赵某，电话{}，办公地址青川市民中心3楼。",
    "申请人孙某（联系方式：{}）申请公开2025年度财政预算。",
]
MOBILE_FORMS = [
    ("plain", lambda n: n),
    ("3-4-4 space", lambda n: grouped(n, (3, 4), " ")),
    ("3-4-4 dash", lambda n: grouped(n, (3, 4), "-")),
    ("3-4-4 dot", lambda n: grouped(n, (3, 4), ".")),
    ("full-width", fullwidth),
    ("full-width 3-4-4 dash", lambda n: fullwidth(grouped(n, (3, 4), "-"))),
    ("+86", lambda n: "+86" + n),
    ("+86 space", lambda n: "+86 " + grouped(n, (3, 4), " ")),
    ("0086", lambda n: "0086" + n),
    ("(+86)", lambda n: "(+86)" + n),
    ("（+86）", lambda n: "（+86）" + n),
    ("+86-", lambda n: "+86-" + grouped(n, (3, 4), "-")),
    ("full-width +86", lambda n: "＋８６" + fullwidth(n)),
]

# -- bank cards --------------------------------------------------------------------------------

# Debit-card prefixes of the large banks (UnionPay 62 series): 农行 622848, 建行 621700 / 622700,
# 工行 622202 / 621226, 中行 621661, 招行 622588, 交行 622262, 邮储 621799, 农行 623052.
CARDS = [with_luhn(b) for b in (
    "622848001234567890", "621700123456789012", "622202100112345678", "621661280012345",
    "622588012345678", "622262011234567890", "621799123456789001", "623052001234567891",
    "622700123400123", "621226100098765432",
)]
# Cards whose prefix is not a 62 debit prefix: the context alone must carry them.
OTHER_CARDS = [with_luhn(b) for b in ("955880123456789012", "601382123456789012", "403391123456789",
                                      "524094123456789", "356833123456789", "103123456789012345")]
CARD_SENTENCES = [
    "银行卡号：{}",
    "开户银行：中国农业银行青川支行，账号：{}",
    "补贴资金发放至本人社会保障卡（卡号{}）。",
    "收款账户 {}",
    "借记卡 {}，户名：张某",
    "信用卡号{}",
    "储蓄卡号 {}",
    "开户账号：{}（户名：李某某）",
]
CARD_FORMS = [
    ("plain", lambda n: n),
    ("4-4 space", lambda n: grouped(n, (4, 4, 4, 4), " ")),
    ("4-4 dash", lambda n: grouped(n, (4, 4, 4, 4), "-")),
    ("full-width", fullwidth),
    ("full-width 4-4 space", lambda n: fullwidth(grouped(n, (4, 4, 4, 4), " "))),
    ("6-rest space", lambda n: grouped(n, (6,), " ")),
]


def _positives() -> list[tuple[str, frozenset[str]]]:
    found: list[tuple[str, frozenset[str]]] = []
    for n, number in enumerate(IDS + X_IDS):
        for m, (_, form) in enumerate(ID_FORMS):
            if (n + m) % 3 == 0 or m == 0:  # every form on a third of the numbers, every number plain
                found.append((ID_SENTENCES[(n + m) % len(ID_SENTENCES)].format(form(number)), frozenset({ID})))
    for n, number in enumerate(OLD_IDS):
        for m, (_, form) in enumerate(OLD_FORMS):
            found.append((ID_SENTENCES[(n + 2 * m) % len(ID_SENTENCES)].format(form(number)), frozenset({ID})))
    for n, number in enumerate(MOBILES):
        for m, (_, form) in enumerate(MOBILE_FORMS):
            if (n + m) % 3 == 0 or m == 0:
                found.append((MOBILE_SENTENCES[(n + m) % len(MOBILE_SENTENCES)].format(form(number)), frozenset({MOBILE})))
    for n, number in enumerate(CARDS + OTHER_CARDS):
        for m, (_, form) in enumerate(CARD_FORMS):
            if (n + m) % 2 == 0 or m == 0:
                found.append((CARD_SENTENCES[(n + m) % len(CARD_SENTENCES)].format(form(number)), frozenset({CARD})))
    # A unit's special account named in the same sentence does not make a person's card the unit's.
    found.append((f"补贴资金由镇财政所通过财政专户发放至张某本人银行卡（卡号{CARDS[5]}）。", frozenset({CARD})))
    found.append((f"财政专户资金已拨付。受助人李某，借记卡号{grouped(CARDS[6], (4, 4, 4, 4), ' ')}", frozenset({CARD})))
    # A number right after an abbreviation (No., NO:) is still the number.
    found.append((f"公民身份号码No.{IDS[7]}", frozenset({ID})))
    found.append((f"Tel.{MOBILES[6]}", frozenset({MOBILE})))
    # A bare card in a table row, with its header in another row: the bank's prefix carries it.
    for number in CARDS[:4]:
        found.append((f"| 3 | 钱某 | {number} | 1200 |", frozenset({CARD})))
    # Several numbers in one line, as lists are written.
    found += [
        (f"张某，身份证号{IDS[0]}，手机{MOBILES[0]}，银行卡号{CARDS[0]}。", frozenset({ID, MOBILE, CARD})),
        (f"{MOBILES[1]} {MOBILES[2]}", frozenset({MOBILE})),
        (f"姓名,身份证号,手机\n李某,{IDS[3]},{MOBILES[3]}", frozenset({ID, MOBILE})),
        (f"经办人：周某 身份证 {grouped(IDS[4], (6, 8), ' ')} 联系电话：{grouped(MOBILES[4], (3, 4), '-')}",
         frozenset({ID, MOBILE})),
        (f"王某（{fullwidth(X_IDS[0])}，{fullwidth(MOBILES[5])}）", frozenset({ID, MOBILE})),
    ]
    return found


POSITIVES = _positives()

# -- look-alikes -------------------------------------------------------------------------------

_LUHN_CODES = [with_luhn(b) for b in (
    "202611200001234", "330100202600123", "110105202611000", "202633010600045",  # 16 digits
    "350102202600001234", "202611201030001234", "330106202600000012", "440305202612000001",  # 19 digits
)]
# Luhn-valid codes whose first digits are also a card issuer's (62 甘肃, 44 广东, 51 四川): only
# their label tells them from a card.
_LUHN_LABELLED = [with_luhn(b) for b in ("620102202600123", "440305202600001", "510107202600045678",
                                         "622848202600001234")]
_USCC = [credit_code(b) for b in ("11330100002493080", "12330106470012345", "91330106MA2H12345",
                                  "52330100MJ8765432", "11990700003015240", "93350102MA34ABCDE")]
_DIGIT_USCC = next(c for c in (credit_code(f"1133010000{n:07d}") for n in range(100)) if c[-1].isdigit())
_WRONG_IDS = []
for _number in IDS[:6]:
    _wrong = next(_number[:-1] + d for d in "0123456789X" if d != _number[-1]
                  and not luhn.is_valid(_number[:-1] + d))
    _WRONG_IDS.append(_wrong)
_BAD_DATE_IDS = [resident_id("350102", "19901301", "123"), resident_id("330106", "19900230", "456"),
                 resident_id("110101", "18000101", "011")]
_BAD_REGION_IDS = [resident_id("990102", "19900101", "123"), resident_id("000000", "19851231", "046"),
                   resident_id("960301", "19780808", "200")]
_BAD_LUHN_CARDS = [c[:-1] + str((int(c[-1]) + 1) % 10) for c in CARDS[:5]]

NEGATIVES: list[str] = [
    # amounts
    "项目总投资13500000000元，其中中央预算内投资3000000000元。",
    "总投资13500000000元",
    "计划投资 13800000000 元，建设期三年。",
    "合同金额：13912345678.00元",
    "2026年一般公共预算收入18612345678元，同比增长5.2%。",
    "安排资金13612345678元用于基础设施建设。",
    "实际完成投资人民币13300000000元。",
    "财政拨付金额15012345678元，已全部到位。",
    "| 基础设施 | 13500000000 | 95.2% |",
    "累计完成固定资产投资17700000000元",
    "项目总投资额为19900000000万元（笔误待核）",
    "资金总额：￥13812345678",
    "全年支出13999999999.50元",
    "合计 14700000000 元",
    # project codes, serial numbers, index numbers, document numbers, credit codes
    "项目编码 2026-330100-48-01-123456",
    "项目代码：2607-330106-04-01-567890",
    "项目代码 2026-350102-78-02-138123",
    "流水号：20261120103000123456",
    "业务流水号 202611201381234567",
    "索引号：11990700003015240F/2026-00021",
    "索引号 113301000024930801/2026-00003",
    "发文字号：青财预〔2026〕15号",
    "青政办发〔2026〕13812345678号",
    "国办发〔2017〕47号",
    "依据《青川市人民政府关于印发……的通知》（青政发〔2025〕3号）",
    *[f"统一社会信用代码：{c}" for c in _USCC],
    f"单位统一社会信用代码 {_DIGIT_USCC}",
    f"青川市财政局（{_DIGIT_USCC}）",
    *[f"合同编号：{c}" for c in _LUHN_CODES],
    *[f"项目编号 {c}" for c in _LUHN_CODES[:4]],
    *[f"登记号{c}" for c in _LUHN_CODES[4:]],
    *[f"项目编号：{c}" for c in _LUHN_LABELLED],
    *[f"备案号 {c}" for c in _LUHN_LABELLED],
    *[f"根据{c}号备案通知书办理。" for c in _LUHN_CODES],
    "案号：（2026）青0102行初138号",
    "受理编号：QC2026110013812345678",
    "采购项目编号：QCCG-2026-0138123456",
    "工商注册号：330100000123456",
    "注册号 330106000012345",
    "税务登记号330106123456789",
    "组织机构代码：00249308-0",
    # phones that are not mobiles, postcodes, dates, times
    "联系电话：0571-87654321",
    "咨询电话：(0571)87654321",
    "办公电话 0571 8765 4321",
    "服务热线：400-800-1234",
    "客服电话4008001234",
    "传真：0571-87654320",
    "政务服务便民热线12345",
    "供电服务热线95598，银行客服95588。",
    "邮政编码：310000",
    "地址：青川市河西区新华路1号，邮编 350001",
    "日期：20261120",
    "2026年11月20日至2026年12月31日",
    "公示时间：2026-11-20至2026-11-27",
    "发布时间 2026.11.20 09:30",
    "生成时间：20261120103000",
    "第202611201号",
    "12345678901",
    "11位的数字10012345678不是手机号",
    "版本号 V13.8.1234.5678",
    "IP地址 192.168.138.123",
    "订单20261381234567890",
    "13812345678901234567890",
    # masked numbers and partial numbers
    "身份证号：35*************123",
    "身份证号码 3501**********1234",
    "公民身份号码：350102********123X",
    "身份证号后四位1234",
    "身份证号码后六位：101234",
    "联系电话：138****1234",
    "手机 139****0000",
    "手机号码：1381234****",
    "银行卡号：6222 **** **** 1234",
    "卡号尾号 5678",
    "账号末四位8901",
    # IDs that do not check, with impossible dates or regions
    *[f"身份证号：{n}" for n in _WRONG_IDS],
    *[f"身份证号码 {n}" for n in _BAD_DATE_IDS],
    *[f"证件号码：{n}" for n in _BAD_REGION_IDS],
    # cards that fail Luhn
    *[f"银行卡号：{c}" for c in _BAD_LUHN_CARDS],
    # the unit's own accounts, for deposits and remittances
    "投标保证金账户：户名：青川市公共资源交易中心，开户银行：中国建设银行青川分行，账号：" + with_luhn("330016167350590004"),
    "收款单位：青川市财政局，开户行：中国工商银行青川支行，账号 " + with_luhn("120200102300012345"),
    "财政专户账号：" + with_luhn("621700202611000"),
    "单位基本存款账户：户名：青川市财政局，开户银行：中国银行青川支行，账号：" + with_luhn("621661202611000123"),
    "对公账户 " + with_luhn("622202202611000"),
    # 15-digit numbers that are not old IDs
    "批次号 330106991301123",
    "序列号：110101000000001",
    # ordinary statistics
    "全市共有常住人口13812345人，户籍人口9876543人。",
    "完成造林面积138123456平方米。",
    "第1381234号至第1381299号",
    "编号：2026-1381-2345-678",
    "文件编号 138-1234-5678-90",
    "统计代码 440305 20261120 1234",
    "准考证号：2026110012345",
    "统计用区划代码 330106001000",
    "电话：0571－87654321",
    "电话 (0571) 8765 4321，传真 0571-8765 4320",
    "坐标 120.123456,30.123456",
    "资金 1,381,234,567.00 元",
    "公告编号：ZFCG-2026-0001",
    "批准文号：国药准字H20261234",
    "食品经营许可证编号：JY13301060012345",
    "ISBN 978-7-01-012345-6",
    "开户许可证核准号 J3310001234501",
    "本次共发放补贴 13812345 元，涉及 13812 户。",
    "身份证号码：３５０１０２＊＊＊＊＊＊＊＊１２３４",
    "身份证号：350102 ******** 1234",
]


def _check_corpus() -> None:
    assert len(POSITIVES) >= 120 and len(NEGATIVES) >= 120, (len(POSITIVES), len(NEGATIVES))
    for number in IDS + X_IDS:  # the check character; ric.is_valid also wants the county to exist at birth
        assert number[-1] == ric.calc_check_digit(number) and ric.get_birth_date(number), number
    for number in CARDS + OTHER_CARDS + _LUHN_CODES + _LUHN_LABELLED:
        assert luhn.is_valid(number), number
    for code in _USCC + [_DIGIT_USCC]:
        assert uscc.is_valid(code), code


_check_corpus()
