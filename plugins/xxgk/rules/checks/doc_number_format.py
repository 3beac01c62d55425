"""doc-number-format: 发文字号 as GB/T 9704-2012 7.2.5 writes it.

“发文字号由发文机关代字、年份、发文顺序号组成……年份应标全称，用六角括号“〔〕”括入；发文顺序号
不加“第”字，不编虚位（即1不编为01），在阿拉伯数字后加“号”字。” A 顺序号 counts from 1, so 0 is
no serial either.
"""

import re

from ..registry import rule

VALID = re.compile(r"^\S.*〔\d{4}〕\s*\d+\s*号$")
LOOKALIKE = re.compile(r"[\[［(（【〖{]\s*\d{4}\s*[\]］)）】〗}]")
# The year and the serial of a number whose brackets are right: (机关代字, 年份, 第, 序号).
PARTS = re.compile(r"^(\S.*)〔(\d{4})〕\s*(第?)\s*(\d+)\s*号$")


def _serial_fix(number: str) -> str | None:
    """What is wrong with the serial of a number in the right brackets, and the number as it should be."""
    parts = PARTS.match(number)
    if not parts:
        return None
    agency, year, di, serial = parts.groups()
    if int(serial) == 0:
        return "序号从1起编，0不是发文顺序号；请核对原件的发文字号"
    fixed = f"{agency}〔{year}〕{int(serial)}号"
    if di:
        return f"发文顺序号不加“第”字：应写作{fixed}"
    if serial.startswith(("0", "０")):
        return f"序号不编虚位：应写作{fixed}"
    return None


@rule("doc-number-format", "发文字号格式错误", "发文字号的年份没有用六角括号〔〕括起四位年份，序号加了“第”字、编了虚位（015号）或为0，或不以“号”结尾（GB/T 9704-2012 7.2.5）。")
def check(ctx):
    for item in ctx.repo.items:
        number = item.doc_number
        if not number:
            continue
        fix = _serial_fix(number)
        if fix is None and VALID.match(number):
            continue
        yield ctx.at_item("doc-number-format", item, f"发文字号“{number}”格式错误：{fix or _form_fix(number)}。",
                          field=("doc_number",))


def _form_fix(number: str) -> str:
    wrong = LOOKALIKE.search(number)
    if wrong:
        year = re.sub(r"\D", "", wrong.group(0))
        return f"年份应写在六角括号中：把“{wrong.group(0)}”改为“〔{year}〕”"
    if not number.endswith("号"):
        return "发文字号应以“号”结尾，例如 青政办发〔2024〕12号"
    return "应为 机关代字〔年份〕序号号，例如 青政办发〔2024〕12号"
