"""The content scanners: personal-data and classified-mark, in names, bodies and attachments.

Lines are always computed from the written file, never guessed.
"""

from __future__ import annotations

import zipfile
from datetime import date
from xml.sax.saxutils import escape

import pytest
from openpyxl import Workbook
from stdnum import luhn
from stdnum.cn import ric

from gitrepo import CREDIT_CODES, line_of, put, rel
from xxgk.core import load
from xxgk.rules import check

AS_OF = date(2025, 6, 16)
PUBLISHED = date(2025, 3, 5)


def gb11643(first17: str) -> str:
    """Check character of a resident ID (GB 11643-1999, ISO 7064 MOD 11-2)."""
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17))
    return "10X98765432"[total % 11]


ID_BASE = "35010219900101123"  # 福州市鼓楼区, born 1990-01-01
VALID_ID = ID_BASE + gb11643(ID_BASE)
# A wrong check character that does not pass Luhn either (else it would look like a bank card).
WRONG_ID = next(ID_BASE + d for d in "0123456789" if ID_BASE + d != VALID_ID and not luhn.is_valid(ID_BASE + d))
# A base whose check character is X.
X_ID = next(b + "X" for b in (f"35010219900101{n:03d}" for n in range(1000)) if gb11643(b) == "X")
CARD_BASE = "622202123456789012"
CARD = CARD_BASE + luhn.calc_check_digit(CARD_BASE)  # 19 digits passing Luhn
BAD_CARD = CARD[:-1] + str((int(CARD[-1]) + 1) % 10)
_GROUPED = "622202123456789" + luhn.calc_check_digit("622202123456789")
GROUPED_CARD = " ".join(_GROUPED[i:i + 4] for i in range(0, 16, 4))  # 16 digits, printed in groups


def test_the_numbers_are_what_they_claim():
    assert ric.is_valid(VALID_ID) and VALID_ID[-1] == ric.calc_check_digit(VALID_ID)
    assert ric.is_valid(X_ID) and not ric.is_valid(WRONG_ID) and not luhn.is_valid(WRONG_ID)
    assert luhn.is_valid(CARD) and not luhn.is_valid(BAD_CARD) and len(CARD) == 19
    assert luhn.is_valid(GROUPED_CARD.replace(" ", ""))


def scan(repo, *codes):
    loaded = load(str(repo.root))
    assert loaded.problems == (), [p.format() for p in loaded.problems]
    report = check(loaded, AS_OF, use_git=False, only=set(codes))
    return [f for f in report.findings if f.code in codes]


def item(repo, body, **fields):
    return put(repo, "czj", "gzdt", PUBLISHED, name="item", body=body, **fields)


# -- personal-data ----------------------------------------------------------------------------


@pytest.mark.parametrize("number, kind", [
    (VALID_ID, "居民身份证号"),
    (X_ID, "居民身份证号"),
    ("13812345678", "手机号码"),
    ("138 1234 5678", "手机号码"),
    ("138-1234-5678", "手机号码"),
    ("19912345678", "手机号码"),
    (CARD, "银行卡号"),
    (GROUPED_CARD, "银行卡号"),
], ids=["id", "id-x", "mobile", "mobile-spaced", "mobile-dashed", "mobile-199", "card", "card-grouped"])
def test_unmasked_personal_number_in_the_body_fires_at_its_line(repo, number, kind):
    body = "一、公示名单\n\n申请人：张某\n联系方式：" + number + "。\n\n二、其他事项\n"
    path = item(repo, body)
    (finding,) = scan(repo, "personal-data")
    assert finding.severity == "error"
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, number))
    assert (finding.unit, finding.column) == ("czj", "gzdt")
    assert "正文" in finding.message and kind in finding.message and "去标识化" in finding.message
    assert "exceptions" in finding.message


def test_message_shows_the_masked_form(repo):
    item(repo, f"身份证号：{VALID_ID}\n手机：13812345678\n")
    messages = {f.line: f.message for f in scan(repo, "personal-data")}
    path = repo.root / "content/czj/gzdt/2025/item.md"
    assert f"{VALID_ID[:2]}{'*' * 13}{VALID_ID[-3:]}" in messages[line_of(path, VALID_ID)]
    assert "138****5678" in messages[line_of(path, "13812345678")]


@pytest.mark.parametrize("text", [
    WRONG_ID,  # 18 digits, wrong check character
    "35*************123",  # masked ID
    "138****1234",  # masked mobile
    BAD_CARD,  # fails Luhn
    f"{CREDIT_CODES['czj']}/2025-00001",  # 索引号
    f"{CREDIT_CODES['hxz']}/2025-00001",  # 索引号 whose credit code is all digits
    "青财发〔2025〕13812345678号",  # 发文字号 whose number looks like a mobile
    "0795-3262210",  # office landline
    "12345678901",  # 11 digits not starting 13–19
    "2025年3月5日至2025年12月31日",
], ids=["wrong-check-id", "masked-id", "masked-mobile", "bad-luhn", "index", "index-digits", "doc-number",
        "landline", "not-mobile", "dates"])
def test_what_is_not_unmasked_personal_data(repo, text):
    item(repo, f"依据文件：{text}。\n")
    assert scan(repo, "personal-data") == []


def test_personal_data_in_the_title_fires_at_the_title_line(repo):
    path = item(repo, "正文。\n", title="关于张某（手机13812345678）的公示")
    (finding,) = scan(repo, "personal-data")
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "title:"))
    assert "名称" in finding.message and "手机号码" in finding.message


def test_every_number_is_reported_once_at_its_own_line(repo):
    path = item(repo, f"| 姓名 | 身份证号 | 手机 |\n|---|---|---|\n| 张某 | {VALID_ID} | 13812345678 |\n"
                      f"| 李某 | 35*************123 | 139****0000 |\n| 王某 | {X_ID} | 13900001111 |\n")
    found = sorted((f.line, "身份证" in f.message) for f in scan(repo, "personal-data"))
    first, third = line_of(path, VALID_ID), line_of(path, X_ID)
    assert found == [(first, False), (first, True), (third, False), (third, True)]


def test_mobile_with_the_country_code_fires(repo):
    path = item(repo, "联系电话：+8613812345678\n")
    (finding,) = scan(repo, "personal-data")
    assert finding.line == line_of(path, "+8613812345678") and "手机号码" in finding.message


def test_personal_data_in_the_summary_fires(repo):
    path = item(repo, "正文。\n", summary="向张某（手机13812345678）发放补贴")
    (finding,) = scan(repo, "personal-data")
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "summary:"))


@pytest.mark.parametrize("basis", ["惩戒公示", "法定强制公开"])
def test_a_documented_exception_silences_personal_data(repo, basis):
    item(repo, f"失信被执行人：张某，身份证号 {VALID_ID}，手机 13812345678。\n",
         exceptions=[{"rule": "personal-data", "basis": basis, "reason": "依法公示失信被执行人名单"}])
    assert scan(repo, "personal-data") == []


@pytest.mark.parametrize("mode", ["依申请公开", "不予公开"])
def test_items_not_proactively_disclosed_are_never_scanned_for_personal_data(repo, mode):
    csv = repo.root / "content/czj/gzdt/2025/名单.csv"
    csv.parent.mkdir(parents=True, exist_ok=True)
    csv.write_text("姓名,手机\n张某,13812345678\n", encoding="utf-8")
    item(repo, f"申请人手机 13812345678，身份证号 {VALID_ID}。\n", mode=mode, attachments=["名单.csv"])
    assert scan(repo, "personal-data") == []


def test_mobile_number_in_an_xlsx_attachment_fires_on_the_attachment(repo):
    folder = repo.root / "content/czj/gzdt/2025"
    folder.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["序号", "姓名", "联系电话"])
    sheet.append([1, "张某", "138****1234"])
    sheet.append([2, "李某", "13812345678"])
    sheet.append([3, "王某", 13900001111])  # typed as a number in Excel
    book.save(folder / "补贴名单.xlsx")
    item(repo, "名单见附件。\n", attachments=[{"file": "补贴名单.xlsx", "title": "补贴名单"}])
    found = scan(repo, "personal-data")
    assert len(found) == 2
    for finding, row in zip(found, (3, 4)):
        assert finding.path == "content/czj/gzdt/2025/补贴名单.xlsx" and finding.line is None
        assert finding.severity == "error" and (finding.unit, finding.column) == ("czj", "gzdt")
        assert "手机号码" in finding.message and f"工作表“名单”第 {row} 行" in finding.message


@pytest.mark.parametrize("suffix, encoding", [("csv", "utf-8"), ("txt", "utf-8"), ("txt", "gb18030")])
def test_personal_data_in_a_text_attachment_fires_at_its_line(repo, suffix, encoding):
    folder = repo.root / "content/czj/gzdt/2025"
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["姓名,身份证号,手机", "张某,35*************123,138****1234", f"李某,{VALID_ID},13812345678", ""]
    attachment = folder / f"list.{suffix}"
    attachment.write_bytes("\n".join(lines).encode(encoding))
    item(repo, "名单见附件。\n", attachments=[attachment.name])
    found = scan(repo, "personal-data")
    assert {(f.path, f.line) for f in found} == {(f"content/czj/gzdt/2025/list.{suffix}", 3)}
    assert {("身份证" in f.message, "手机" in f.message) for f in found} == {(True, False), (False, True)}
    assert all("附件" in f.message for f in found)


def test_attachment_of_an_item_with_an_exception_is_not_scanned(repo):
    folder = repo.root / "content/czj/gzdt/2025"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "list.csv").write_text(f"张某,{VALID_ID}\n", encoding="utf-8")
    item(repo, "名单见附件。\n", attachments=["list.csv"],
         exceptions=[{"rule": "personal-data", "basis": "惩戒公示", "reason": "行政处罚决定公示"}])
    assert scan(repo, "personal-data") == []


# -- classified-mark --------------------------------------------------------------------------


@pytest.mark.parametrize("line, mark", [
    ("本文件 秘密★1年，注意保管。", "秘密★1年"),  # the mark with its 保密期限
    ("机密★", "机密★"),
    ("标注为绝密 ★ 的文件。", "绝密 ★"),
    ("★秘密 的字样", "★秘密"),
    ("密级：秘密", "密级：秘密"),
    ("  密 级: 机密", "密 级: 机密"),
])
def test_classified_mark_in_the_body_fires_at_its_line(repo, line, mark):
    path = item(repo, f"第一段。\n\n{line}\n\n第三段。\n")
    (finding,) = scan(repo, "classified-mark")
    assert finding.severity == "error" and (finding.unit, finding.column) == ("czj", "gzdt")
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, line))
    assert "正文" in finding.message and f"密级标志“{mark}”" in finding.message and "涉密信息不上网" in finding.message


def test_security_level_line_as_the_first_body_line(repo):
    path = item(repo, "密级：秘密\n正文。\n")
    (finding,) = scan(repo, "classified-mark")
    assert finding.line == line_of(path, "密级：秘密")


@pytest.mark.parametrize("text", [
    "依法保护商业秘密和个人隐私。",
    "根据《中华人民共和国保守国家秘密法》和保守国家秘密的规定，经审查不涉密。",
    "本文件密级：无",  # not at the start of a line
    "★★★ 五星级服务窗口",
    "机密文件管理培训班开班",
])
def test_what_is_not_a_classified_mark(repo, text):
    item(repo, f"{text}\n")
    assert scan(repo, "classified-mark") == []


def test_classified_mark_in_the_title_fires_at_the_title_line(repo):
    path = item(repo, "正文。\n", title="秘密★关于财政资金的通知")
    (finding,) = scan(repo, "classified-mark")
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "title:")) and "名称" in finding.message


def test_classified_mark_in_the_summary_fires(repo):
    path = item(repo, "正文。\n", summary="秘密★1年 财政资金安排情况")
    (finding,) = scan(repo, "classified-mark")
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, "summary:"))


def minimal_docx(path, *paragraphs, raw: str = ""):
    """The two parts of a Word document that rules/texts.py reads (``raw``: extra body XML)."""
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs) + raw
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>'))
        archive.writestr("word/document.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>"))


def test_classified_mark_in_a_docx_attachment_fires_on_the_attachment(repo):
    folder = repo.root / "content/czj/gzdt/2025"
    folder.mkdir(parents=True, exist_ok=True)
    minimal_docx(folder / "附件1.docx", "关于印发实施方案的通知", "商业秘密应予保护", "机密★5年")
    item(repo, "详见附件。\n", attachments=["附件1.docx"])
    (finding,) = scan(repo, "classified-mark")
    assert finding.path == "content/czj/gzdt/2025/附件1.docx" and finding.line is None
    assert finding.severity == "error" and (finding.unit, finding.column) == ("czj", "gzdt")
    assert "附件第 3 段" in finding.message and "机密★" in finding.message


def test_mark_split_across_word_runs_is_found(repo):
    folder = repo.root / "content/czj/gzdt/2025"
    folder.mkdir(parents=True, exist_ok=True)
    split = '<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>秘密</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>★</w:t></w:r></w:p>'
    minimal_docx(folder / "plan.docx", "正文第一段", raw=split)
    item(repo, "详见附件。\n", attachments=["plan.docx"])
    (finding,) = scan(repo, "classified-mark")
    assert finding.path == "content/czj/gzdt/2025/plan.docx" and "附件第 2 段" in finding.message


def test_docx_without_a_mark_is_silent(repo):
    folder = repo.root / "content/czj/gzdt/2025"
    folder.mkdir(parents=True, exist_ok=True)
    minimal_docx(folder / "plan.docx", "保守国家秘密的规定", "依法保护商业秘密")
    item(repo, "详见附件。\n", attachments=["plan.docx"])
    assert scan(repo, "classified-mark") == []


def test_classified_mark_in_a_txt_attachment_fires_at_its_line(repo):
    folder = repo.root / "content/czj/gzdt/2025"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "note.txt").write_text("会议纪要\n\n密级：秘密\n内容略。\n", encoding="utf-8")
    item(repo, "详见附件。\n", attachments=["note.txt"])
    (finding,) = scan(repo, "classified-mark")
    assert (finding.path, finding.line) == ("content/czj/gzdt/2025/note.txt", 3)
    assert "附件" in finding.message and "密级：" in finding.message


def test_classified_mark_in_a_docx_footer_and_in_a_zip_entry_is_found(repo):
    folder = repo.root / "content/czj/gzdt/2025"
    folder.mkdir(parents=True, exist_ok=True)
    minimal_docx(folder / "plan.docx", "正文第一段")
    with zipfile.ZipFile(folder / "plan.docx", "a") as archive:
        archive.writestr("word/footer1.xml", '<w:ftr xmlns:w="w"><w:p><w:r><w:t>秘密★1年</w:t></w:r></w:p></w:ftr>')
    with zipfile.ZipFile(folder / "材料.zip", "w") as archive:
        archive.writestr("纪要.txt", "会议纪要\n密级：机密\n")
    item(repo, "详见附件。\n", attachments=["plan.docx", "材料.zip"])
    found = {f.path: f.message for f in scan(repo, "classified-mark")}
    assert "附件页脚第 1 段" in found["content/czj/gzdt/2025/plan.docx"]
    assert "附件压缩包内 纪要.txt 第 2 行" in found["content/czj/gzdt/2025/材料.zip"]


def test_textual_marks_in_attachments_are_found(repo):
    # The wider detector reads attachments as before: a statement in a docx, a warning in a txt.
    folder = repo.root / "content/czj/gzdt/2025"
    folder.mkdir(parents=True, exist_ok=True)
    minimal_docx(folder / "plan.docx", "关于印发实施方案的通知", "本件为机密文件，阅后收回。")
    (folder / "note.txt").write_text("会议纪要\n内部资料，注意保密\n内容略。\n", encoding="utf-8")
    item(repo, "详见附件。\n", attachments=["plan.docx", "note.txt"])
    found = {f.path: f for f in scan(repo, "classified-mark")}
    docx, txt = found["content/czj/gzdt/2025/plan.docx"], found["content/czj/gzdt/2025/note.txt"]
    assert "附件第 2 段" in docx.message and "密级标志“本件为机密”" in docx.message
    assert txt.line == 2 and "内部警示字样“内部资料，注意保密”" in txt.message
    assert len(found) == 2
