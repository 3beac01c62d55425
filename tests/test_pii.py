"""Personal data you can trust: the scanner's figures on a labelled corpus, every form of number,
every published field, every kind of attachment, and the attachments that cannot be scanned.

The corpus is tests/pii_corpus.py (scripts/bench_pii.py prints the same figures).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from datetime import date
from xml.sax.saxutils import escape

import pytest
from openpyxl import Workbook
from stdnum import luhn

import pii_corpus as corpus
from files import pdf_bytes
from gitrepo import line_of, put, rel
from xxgk.core import load
from xxgk.rules import RULES, check, load_all
from xxgk.rules import texts
from xxgk.rules.checks.personal_data import find

AS_OF = date(2025, 6, 16)
PUBLISHED = date(2025, 3, 5)
FOLDER = "content/czj/gzdt/2025"

ID18 = corpus.resident_id("350102", "19900101", "123")
ID15 = corpus.old_id("330106", "650312", "021")
MOBILE = "13812345678"
CARD = corpus.with_luhn("622848001234567890")  # 农行 debit card, 19 digits


def kinds(text: str) -> list[str]:
    return [kind for _, kind, _ in find(text)]


# -- the corpus ---------------------------------------------------------------------------------


def test_corpus_detection_rate_is_at_least_98_percent():
    missed = [(text, sorted(want - set(kinds(text)))) for text, want in corpus.POSITIVES if not want <= set(kinds(text))]
    rate = 1 - len(missed) / len(corpus.POSITIVES)
    assert len(corpus.POSITIVES) >= 120
    assert rate >= 0.98, (f"{rate:.1%}", missed)


def test_corpus_false_positive_rate_is_at_most_1_percent():
    fired = [(text, kinds(text)) for text in corpus.NEGATIVES if kinds(text)]
    rate = len(fired) / len(corpus.NEGATIVES)
    assert len(corpus.NEGATIVES) >= 120
    assert rate <= 0.01, (f"{rate:.1%}", fired)


# -- forms that were never detected -------------------------------------------------------------


@pytest.mark.parametrize("text", [
    ID15,
    corpus.grouped(ID15, (6, 6), " "),
    corpus.fullwidth(ID15),
], ids=["15", "15-spaced", "15-full-width"])
def test_old_15_digit_resident_id_is_found(text):
    assert kinds(f"身份证号：{text}") == ["居民身份证号"]


@pytest.mark.parametrize("sizes, sep", [((6, 8), " "), ((6, 8), "-"), ((6, 4, 4), " "), ((6, 4, 4), "-"), ((6, 8), ".")],
                         ids=["6-8-4 space", "6-8-4 dash", "6-4-4-4 space", "6-4-4-4 dash", "6-8-4 dot"])
def test_grouped_18_digit_resident_id_is_found(sizes, sep):
    assert kinds(f"申请人张某，身份证号 {corpus.grouped(ID18, sizes, sep)}，住青川市。") == ["居民身份证号"]


@pytest.mark.parametrize("text", [
    "138.1234.5678", corpus.fullwidth(MOBILE), "１３８－１２３４－５６７８", "１３８　１２３４　５６７８",
    "+86 138 1234 5678", "0086" + MOBILE, "(+86)" + MOBILE, "（＋８６）" + MOBILE,
], ids=["dots", "full-width", "full-width-dash", "ideographic-space", "+86", "0086", "(+86)", "full-width-(+86)"])
def test_mobile_in_every_form_is_found(text):
    assert kinds(f"联系人李某，电话：{text}。") == ["手机号码"]


@pytest.mark.parametrize("text", [
    corpus.grouped(CARD, (4, 4, 4, 4), "-"), corpus.fullwidth(CARD), corpus.fullwidth(corpus.grouped(CARD, (4, 4, 4, 4), " ")),
], ids=["dashes", "full-width", "full-width-grouped"])
def test_bank_card_with_dashes_or_full_width_digits_is_found(text):
    assert kinds(f"银行卡号：{text}") == ["银行卡号"]


def test_the_masked_example_is_made_from_the_normalised_digits():
    (found,) = find(f"身份证号：{corpus.fullwidth(corpus.grouped(ID18, (6, 8), ' '))}")
    assert found[2] == ID18[:2] + "*" * 13 + ID18[-3:]
    (found,) = find("手机：１３８－１２３４－５６７８")
    assert found[2] == "138****5678"


def test_full_width_offsets_still_give_the_line(repo):
    body = "一、名单\n\n张某\n身份证号：" + corpus.fullwidth(ID18) + "\n"
    path = put(repo, "czj", "gzdt", PUBLISHED, name="item", body=body)
    (finding,) = scan(repo, "personal-data")
    assert finding.line == line_of(path, "身份证号")


# -- false positives ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "总投资13500000000元", "项目总投资 13812345678 元", "安排资金13612345678元", "资金总额：￥13812345678",
    "合同金额：13912345678.00元", "| 基础设施 | 13500000000 | 95.2% |",
], ids=["amount", "amount-spaced", "fund", "yuan-sign", "decimal", "round-in-table"])
def test_an_amount_is_not_a_mobile(text):
    assert kinds(text) == []


def test_a_mobile_is_not_inside_a_longer_digit_run():
    assert kinds("编号2013812345678") == [] and kinds("13812345678901") == []


@pytest.mark.parametrize("label", ["项目编码", "项目编号", "流水号", "合同编号", "索引号", "登记号", "备案号"])
def test_luhn_valid_project_codes_are_not_bank_cards(label):
    for body in ("202611200001234", "330100202600123", "620102202600123", "350102202600001234", "622848202600001234"):
        code = corpus.with_luhn(body)
        assert luhn.is_valid(code)
        assert kinds(f"{label}：{code}") == [], (label, code)


def test_a_luhn_valid_number_with_neither_card_context_nor_issuer_prefix_is_not_a_card():
    code = corpus.with_luhn("202633010600045")
    assert kinds(f"根据{code}号备案通知书办理。") == [] and kinds(f"序号 {code}") == []


def test_a_card_needs_context_or_an_issuer_prefix():
    other = corpus.with_luhn("955880123456789012")  # 工行 legacy prefix: found with context
    assert kinds(f"账号：{other}") == ["银行卡号"]
    assert kinds(f"| 1 | 张某 | {CARD} |") == ["银行卡号"]  # 62: UnionPay


def test_project_code_with_dashes_is_not_personal_data():
    assert kinds("项目代码：2026-330100-48-01-123456，总投资13500000000元。") == []


def test_unit_bank_account_for_deposits_is_not_a_personal_card():
    account = corpus.with_luhn("330016167350590004")
    assert kinds(f"投标保证金账户：户名：青川市公共资源交易中心，账号：{account}") == []


@pytest.mark.parametrize("text", ["35*************123", "350102********123X", "138****1234", "1381234****",
                                  "身份证号后四位1234", "6222 **** **** 1234"])
def test_masked_forms_stay_silent(text):
    assert kinds(text) == []


# -- every published field ----------------------------------------------------------------------


def scan(repo, *codes, as_of=AS_OF):
    loaded = load(str(repo.root))
    assert loaded.problems == (), [p.format() for p in loaded.problems]
    report = check(loaded, as_of, use_git=False, only=set(codes))
    return [f for f in report.findings if f.code in codes]


def attach(repo, name: str, data: bytes | str, encoding: str = "utf-8"):
    folder = repo.root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
    return path


def item(repo, body="正文。\n", **fields):
    return put(repo, "czj", "gzdt", PUBLISHED, name="item", body=body, **fields)


@pytest.mark.parametrize("field, value, key, place", [
    ("doc_number", f"青民发〔2025〕3号（联系人{MOBILE}）", ("doc_number",), "发文字号"),
    ("scope", f"面向申请人张某（{ID18}）", ("scope",), "公开范围"),
    ("validity", {"status": "失效", "date": "2025-03-05", "note": f"经办人李某 {MOBILE} 确认失效"}, ("note",), "有效性说明"),
    ("review", {"reviewer": f"王敏（{MOBILE}）", "date": "2025-03-05", "result": "不涉密，同意公开"}, ("reviewer",), "保密审查人"),
    ("review", {"reviewer": "王敏", "date": "2025-03-05", "result": f"同意公开，联系人{MOBILE}"}, ("result",), "保密审查结论"),
], ids=["doc_number", "scope", "validity.note", "review.reviewer", "review.result"])
def test_personal_data_in_every_published_field_fires_at_the_field_line(repo, field, value, key, place):
    path = item(repo, **{field: value})
    (finding,) = scan(repo, "personal-data")
    assert (finding.path, finding.line) == (rel(repo, path), line_of(path, key[0] + ":"))
    assert place in finding.message and "去标识化" in finding.message


def test_personal_data_in_an_attachment_title_fires_at_the_title_line(repo):
    attach(repo, "名单.txt", "名单略。\n")
    path = item(repo, attachments=[{"file": "名单.txt", "title": f"张某（{ID18}）的申请材料"}])
    (finding,) = scan(repo, "personal-data")
    assert finding.path == rel(repo, path)
    assert finding.line == line_of(path, "title: 张某")
    assert "附件名称" in finding.message and "居民身份证号" in finding.message


def test_classified_mark_in_a_new_field_is_found_too(repo):
    path = item(repo, doc_number="青财发〔2025〕3号 秘密★1年")
    (finding,) = scan(repo, "classified-mark")
    assert finding.line == line_of(path, "doc_number:") and "发文字号" in finding.message


def test_a_default_scope_and_a_clean_item_find_nothing(repo):
    item(repo, doc_number="青财预〔2025〕15号", validity={"status": "有效"})
    assert scan(repo, "personal-data", "classified-mark", "attachment-unscanned") == []


# -- every kind of attachment -------------------------------------------------------------------


def finding_on(repo, name, code="personal-data"):
    found = [f for f in scan(repo, code) if f.path == f"{FOLDER}/{name}"]
    assert found, scan(repo, "personal-data", "attachment-unscanned", "classified-mark")
    return found


@pytest.mark.parametrize("encoding, bom", [
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""),
], ids=["utf-16le-bom", "utf-16be-bom", "utf-16le-no-bom", "utf-8-bom", "gb18030"])
def test_text_attachment_in_any_encoding_fires_at_its_line(repo, encoding, bom):
    text = "姓名,身份证号\r\n张某,35*************123\r\n李某," + ID18 + "\r\n"
    attach(repo, "名单.csv", bom + text.encode(encoding))
    item(repo, attachments=["名单.csv"])
    (finding,) = finding_on(repo, "名单.csv")
    assert finding.line == 3 and "居民身份证号" in finding.message


def zip_bytes(entries: dict[str, bytes], *, encrypted=()) -> bytes:
    """A zip of ``entries``; those named in ``encrypted`` carry the encryption flag in the central
    directory (zipfile cannot write encrypted entries, and the flag is all a reader sees first)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 3, 5, 10, 0, 0)), data, zipfile.ZIP_DEFLATED)
    data = bytearray(buffer.getvalue())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + length].decode("utf-8") in encrypted:
            data[at + 8] |= 0x1
        at = data.find(b"PK\x01\x02", at + 46)
    return bytes(data)


def test_zip_containing_a_csv_with_an_id_fires_on_the_zip(repo):
    attach(repo, "材料.zip", zip_bytes({"说明.txt": "见名单。".encode(), "名单/名单.csv": f"张某,{ID18}\n".encode()}))
    item(repo, attachments=["材料.zip"])
    (finding,) = finding_on(repo, "材料.zip")
    assert "名单/名单.csv" in finding.message and "第 1 行" in finding.message and "居民身份证号" in finding.message
    assert scan(repo, "attachment-unscanned") == []


def test_zip_inside_a_zip_is_inspected(repo):
    inner = zip_bytes({"名单.csv": f"李某,{MOBILE}\n".encode()})
    attach(repo, "材料.zip", zip_bytes({"inner.zip": inner}))
    item(repo, attachments=["材料.zip"])
    (finding,) = finding_on(repo, "材料.zip")
    assert "inner.zip" in finding.message and "名单.csv" in finding.message and "手机号码" in finding.message


def test_zip_with_a_gbk_entry_name_names_it_in_chinese(repo):
    data = zip_bytes({"abcd.csv": f"张某,{ID18}\n".encode()})
    data = data.replace(b"abcd.csv", "名单.csv".encode("gbk"))  # 8 bytes either way; no UTF-8 flag
    attach(repo, "材料.zip", data)
    item(repo, attachments=["材料.zip"])
    (finding,) = finding_on(repo, "材料.zip")
    assert "名单.csv" in finding.message


def docx_bytes(parts: dict[str, list[str]], raw: str = "") -> bytes:
    """A Word document whose parts (word/document.xml, word/header1.xml …) hold these paragraphs
    (``raw``: more body XML for the document)."""
    roots = {"document": "w:document", "header": "w:hdr", "footer": "w:ftr", "footnotes": "w:footnotes",
             "endnotes": "w:endnotes", "comments": "w:comments"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        for part, paragraphs in parts.items():
            root = roots[re.sub(r"\d", "", part)]
            body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs)
            if root == "w:document":
                body = f"<w:body>{body}{raw}</w:body>"
            archive.writestr(f"word/{part}.xml", (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<{root} xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{body}</{root}>'))
    return buffer.getvalue()


@pytest.mark.parametrize("part, place", [
    ("header1", "页眉"), ("footer2", "页脚"), ("footnotes", "脚注"), ("endnotes", "尾注"), ("comments", "批注"),
])
def test_docx_headers_footers_notes_and_comments_are_scanned(repo, part, place):
    attach(repo, "通知.docx", docx_bytes({"document": ["关于发放补贴的通知", "正文无个人信息"],
                                         part: ["第一段", f"经办人：张某 {MOBILE}"]}))
    item(repo, attachments=["通知.docx"])
    (finding,) = finding_on(repo, "通知.docx")
    assert f"附件{place}第 2 段" in finding.message and "手机号码" in finding.message


def test_docx_text_after_a_text_box_is_not_lost(repo):
    nested = ('<w:p><w:r><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:r>'
              f'<w:r><w:t>联系人手机{MOBILE}</w:t></w:r></w:p>')
    attach(repo, "通知.docx", docx_bytes({"document": ["第一段"]}, raw=nested))
    item(repo, attachments=["通知.docx"])
    assert finding_on(repo, "通知.docx")


def test_xlsx_every_sheet_is_scanned(repo):
    book = Workbook()
    book.active.title = "说明"
    book.active.append(["无个人信息"])
    sheet = book.create_sheet("名单")
    sheet.append(["姓名", "身份证号"])
    sheet.append(["张某", corpus.grouped(ID18, (6, 8), " ")])
    buffer = io.BytesIO()
    book.save(buffer)
    attach(repo, "名单.xlsx", buffer.getvalue())
    item(repo, attachments=["名单.xlsx"])
    (finding,) = finding_on(repo, "名单.xlsx")
    assert "工作表“名单”第 2 行" in finding.message


def encrypted(pdf: bytes, user: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user, owner_password="owner-secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_page_text_is_scanned(repo):
    attach(repo, "决定书.pdf", pdf_bytes(["Page one", f"Tel {MOBILE}"]))
    item(repo, attachments=["决定书.pdf"])
    (finding,) = finding_on(repo, "决定书.pdf")
    assert "附件第 2 页" in finding.message


def test_pdf_protected_only_by_an_owner_password_is_still_scanned(repo):
    attach(repo, "决定书.pdf", encrypted(pdf_bytes([f"ID {ID18}"]), user=""))
    item(repo, attachments=["决定书.pdf"])
    assert finding_on(repo, "决定书.pdf")
    assert scan(repo, "attachment-unscanned") == []


def test_ofd_page_text_is_scanned(repo):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody>'
                                    '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        archive.writestr("Doc_0/Document.xml", '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages>'
                                               '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
                                               '<ofd:Page ID="2" BaseLoc="Pages/Page_1/Content.xml"/></ofd:Pages></ofd:Document>')
        for number, text in enumerate(["关于发放补贴的决定", f"联系人：张某 {MOBILE}"]):
            archive.writestr(f"Doc_0/Pages/Page_{number}/Content.xml", (
                '<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="3">'
                f'<ofd:TextObject ID="4" Boundary="0 0 100 10" Font="5" Size="3.5"><ofd:TextCode X="0" Y="3">{escape(text)}'
                '</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>'))
    attach(repo, "决定书.ofd", buffer.getvalue())
    item(repo, attachments=["决定书.ofd"])
    (finding,) = finding_on(repo, "决定书.ofd")
    assert "附件第 2 页" in finding.message and "手机号码" in finding.message


def ole2(streams: dict[str, bytes]) -> bytes:
    """A compound file (OLE2, version 3, 512-byte sectors) holding ``streams`` at the root; every
    stream is padded to 4096 bytes so it lives in regular sectors (no mini stream)."""
    padded = {name: data + b"\0" * (-len(data) % 512) for name, data in streams.items()}
    padded = {name: data + b"\0" * max(0, 4096 - len(data)) for name, data in padded.items()}
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    fat = [fat_sector, end]  # sector 0: the FAT, sector 1: the directory
    starts = {}
    for name, data in padded.items():
        starts[name] = len(fat)
        count = len(data) // 512
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end]
    assert len(fat) <= 128
    fat += [free] * (128 - len(fat))
    names = sorted(padded, key=lambda n: (len(n), n.upper()))

    def entry(name, kind, start, size, left=free, right=free, child=free):
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB3I", len(encoded), kind, 1, left, right, child)
                + b"\0" * 36 + struct.pack("<IQ", start, size))

    directory = entry("Root Entry", 5, end, 0, child=1)
    for number, name in enumerate(names, start=1):  # a chain of right siblings, in sort order
        right = number + 1 if number < len(names) else free
        directory += entry(name, 2, starts[name], len(padded[name]), right=right)
    directory = directory.ljust(512, b"\0")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    return header + struct.pack("<128I", *fat) + directory + b"".join(padded[n] for n in padded)


def word97(text: str) -> bytes:
    """A Word 97 binary document (.doc) whose text is ``text`` (one UTF-16LE piece)."""
    fib = bytearray(1024)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", fib, 0x0A, 0x0200)  # fWhichTblStm: the piece table is in 1Table
    struct.pack_into("<H", fib, 32, 14)
    struct.pack_into("<H", fib, 62, 22)
    struct.pack_into("<i", fib, 76, len(text))  # ccpText
    struct.pack_into("<H", fib, 152, 93)
    clx = b"\x02" + struct.pack("<I", 16) + struct.pack("<ii", 0, len(text)) + struct.pack("<HIH", 0, 1024, 0)
    struct.pack_into("<II", fib, 0x1A2, 0, len(clx))  # fcClx, lcbClx
    return ole2({"WordDocument": bytes(fib) + text.encode("utf-16-le"), "1Table": clx})


@pytest.mark.parametrize("suffix", ["doc", "wps"])
def test_legacy_word_document_text_is_scanned(repo, suffix):
    attach(repo, f"通知.{suffix}", word97(f"关于发放补贴的通知\r联系人：张某\r身份证号：{ID18}\r"))
    item(repo, attachments=[f"通知.{suffix}"])
    (finding,) = finding_on(repo, f"通知.{suffix}")
    assert "附件第 3 段" in finding.message and "居民身份证号" in finding.message
    assert scan(repo, "attachment-unscanned") == []


def test_pptx_slides_are_scanned(repo):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ppt/slides/slide1.xml", '<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>标题</a:t></a:r></a:p></p:sld>')
        archive.writestr("ppt/slides/slide2.xml", f'<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>张某 {MOBILE}</a:t></a:r></a:p></p:sld>')
    attach(repo, "汇报.pptx", buffer.getvalue())
    item(repo, attachments=["汇报.pptx"])
    (finding,) = finding_on(repo, "汇报.pptx")
    assert "第 2 张幻灯片" in finding.message


@pytest.mark.parametrize("name", ["照片.jpg", "照片.png", "示意图.gif"])
def test_images_have_no_text_layer_and_find_nothing(repo, name):
    attach(repo, name, b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    item(repo, attachments=[name])
    assert scan(repo, "personal-data", "attachment-unscanned") == []


# -- attachments that cannot be scanned ---------------------------------------------------------


def unscanned(repo, name):
    found = [f for f in scan(repo, "attachment-unscanned") if f.path == f"{FOLDER}/{name}"]
    assert len(found) == 1, scan(repo, "attachment-unscanned")
    (finding,) = found
    assert finding.severity == "error" and (finding.unit, finding.column) == ("czj", "gzdt")
    assert name in finding.message and "PDF" in finding.message and "docx" in finding.message
    return finding.message


def set_cap(repo, megabytes):
    policy = repo.root / "catalogue/policy.yml"
    text = policy.read_text("utf-8")
    if re.search(r"(?m)^scan:", text):
        text = re.sub(r"(?m)^(\s+max_attachment_mb:\s*)\S+", rf"\g<1>{megabytes}", text)
    else:
        text += f"\nscan:\n  max_attachment_mb: {megabytes}\n"
    policy.write_text(text, "utf-8")


@pytest.mark.parametrize("name, data, reason", [
    ("名单.rar", b"Rar!\x1a\x07\x00" + b"\0" * 32, "rar"),
    ("名单.7z", b"7z\xbc\xaf\x27\x1c" + b"\0" * 32, "7z"),
    ("名单.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 32, "xls"),
    ("名单.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 32, "et"),
    ("汇报.ppt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 32, "ppt"),
    ("汇报.dps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 32, "dps"),
], ids=["rar", "7z", "xls", "et", "ppt", "dps"])
def test_formats_that_cannot_be_read_are_unscanned(repo, name, data, reason):
    attach(repo, name, data)
    item(repo, attachments=[name])
    assert reason in unscanned(repo, name)


def test_doc_that_is_not_ole2_is_unscanned(repo):
    attach(repo, "通知.doc", b"{\\rtf1 not a Word 97 file}")
    item(repo, attachments=["通知.doc"])
    assert "OLE2" in unscanned(repo, "通知.doc") or "Word" in unscanned(repo, "通知.doc")


def test_damaged_xlsx_is_unscanned(repo):
    attach(repo, "名单.xlsx", b"PK\x03\x04" + b"damaged" * 20)
    item(repo, attachments=["名单.xlsx"])
    assert "损坏" in unscanned(repo, "名单.xlsx")


def test_damaged_pdf_is_unscanned(repo):
    attach(repo, "决定书.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog" + b"\0garbage" * 10)
    item(repo, attachments=["决定书.pdf"])
    assert "损坏" in unscanned(repo, "决定书.pdf")


def test_encrypted_pdf_is_unscanned(repo):
    attach(repo, "决定书.pdf", encrypted(pdf_bytes([f"ID {ID18}"]), user="secret"))
    item(repo, attachments=["决定书.pdf"])
    assert "加密" in unscanned(repo, "决定书.pdf")


def test_pdf_of_scanned_images_without_a_text_layer_is_unscanned(repo):
    attach(repo, "名单.pdf", pdf_bytes(["", ""], image=True))
    item(repo, attachments=["名单.pdf"])
    assert "文字层" in unscanned(repo, "名单.pdf")


def test_damaged_ofd_and_damaged_docx_are_unscanned(repo):
    attach(repo, "决定书.ofd", b"not a zip at all")
    attach(repo, "通知.docx", b"PK\x03\x04broken")
    item(repo, attachments=["决定书.ofd", "通知.docx"])
    assert "损坏" in unscanned(repo, "决定书.ofd") and "损坏" in unscanned(repo, "通知.docx")


def test_over_the_size_cap_is_unscanned(repo):
    set_cap(repo, 0.01)  # 10 kB
    attach(repo, "名单.txt", "无个人信息。\n" * 2000)
    item(repo, attachments=["名单.txt"])
    message = unscanned(repo, "名单.txt")
    assert "上限" in message and "max_attachment_mb" in message


def test_the_size_cap_is_in_the_policy():
    from gitrepo import POLICY

    assert float(POLICY["scan"]["max_attachment_mb"]) > 0
    assert texts.max_attachment_bytes(POLICY) == int(float(POLICY["scan"]["max_attachment_mb"]) * 1024 * 1024)


def test_zip_bomb_over_the_size_cap_is_unscanned(repo):
    set_cap(repo, 0.05)
    attach(repo, "材料.zip", zip_bytes({"名单.txt": b"0" * 200_000}))  # compresses to a few hundred bytes
    item(repo, attachments=["材料.zip"])
    assert "上限" in unscanned(repo, "材料.zip")


def test_zip_with_too_many_entries_is_unscanned(repo):
    attach(repo, "材料.zip", zip_bytes({f"{n}.txt": b"" for n in range(1001)}))
    item(repo, attachments=["材料.zip"])
    assert "1000" in unscanned(repo, "材料.zip") or "1,000" in unscanned(repo, "材料.zip")


@pytest.mark.parametrize("entry", ["../名单.csv", "/etc/名单.csv", "a/../../名单.csv"])
def test_zip_with_an_unsafe_path_is_unscanned(repo, entry):
    attach(repo, "材料.zip", zip_bytes({"说明.txt": b"ok", entry: f"{ID18}\n".encode()}))
    item(repo, attachments=["材料.zip"])
    assert "路径" in unscanned(repo, "材料.zip")


def test_zip_nested_three_deep_is_unscanned(repo):
    third = zip_bytes({"名单.csv": f"{ID18}\n".encode()})
    attach(repo, "材料.zip", zip_bytes({"a.zip": zip_bytes({"b.zip": third})}))
    item(repo, attachments=["材料.zip"])
    assert "b.zip" in unscanned(repo, "材料.zip")


def test_zip_entry_of_an_unknown_or_encrypted_kind_is_unscanned(repo):
    attach(repo, "材料.zip", zip_bytes({"名单.rar": b"Rar!", "加密.csv": b"x", "说明.txt": b"ok"}, encrypted={"加密.csv"}))
    item(repo, attachments=["材料.zip"])
    message = unscanned(repo, "材料.zip")
    assert "名单.rar" in message and "加密.csv" in message


def test_undecodable_text_is_unscanned(repo):
    attach(repo, "名单.txt", bytes(range(128, 256)) * 4)
    item(repo, attachments=["名单.txt"])
    assert "编码" in unscanned(repo, "名单.txt")


@pytest.mark.parametrize("fields", [{"mode": "依申请公开"}, {"mode": "不予公开"}, {"draft": True}],
                         ids=["on-application", "withheld", "draft"])
def test_only_public_items_attachments_are_judged(repo, fields):
    attach(repo, "名单.rar", b"Rar!")
    item(repo, attachments=["名单.rar"], **fields)
    assert scan(repo, "attachment-unscanned") == []


def test_a_type_the_policy_refuses_is_left_to_attachment_type(repo):
    attach(repo, "run.exe", b"MZ")
    item(repo, attachments=["run.exe"])
    assert scan(repo, "attachment-unscanned") == []
    assert [f.code for f in scan(repo, "attachment-type")] == ["attachment-type"]


def test_the_rule_is_registered_as_an_error_named_in_chinese():
    load_all()
    rule = RULES["attachment-unscanned"]
    assert rule.name == "附件无法检查" and rule.severity == "error"


def test_each_attachment_is_read_once_per_check_run(repo, monkeypatch):
    attach(repo, "名单.csv", f"张某,{ID18}\n")
    attach(repo, "名单.rar", b"Rar!")
    item(repo, attachments=["名单.csv", "名单.rar"])
    calls = []
    original = texts.read_attachment

    def counted(path, suffix, cap):
        calls.append(path)
        return original(path, suffix, cap)

    monkeypatch.setattr(texts, "read_attachment", counted)
    found = scan(repo, "personal-data", "classified-mark", "attachment-unscanned")
    assert sorted(f.code for f in found) == ["attachment-unscanned", "personal-data"]
    assert len(calls) == len(set(calls)) == 2


def test_a_spreadsheet_embedded_in_a_docx_is_scanned(repo):
    book = Workbook()
    book.active.append(["张某", MOBILE])
    embedded = io.BytesIO()
    book.save(embedded)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive, zipfile.ZipFile(io.BytesIO(docx_bytes({"document": ["见下表"]}))) as plain:
        for name in plain.namelist():
            archive.writestr(name, plain.read(name))
        archive.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", embedded.getvalue())
    attach(repo, "通知.docx", data.getvalue())
    item(repo, attachments=["通知.docx"])
    (finding,) = finding_on(repo, "通知.docx")
    assert "嵌入的 Microsoft_Excel_Worksheet.xlsx 工作表" in finding.message
