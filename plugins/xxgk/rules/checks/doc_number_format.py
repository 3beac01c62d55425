import re

from ..registry import rule

VALID = re.compile(r"^\S.*〔\d{4}〕\s*\d+\s*号$")
LOOKALIKE = re.compile(r"[\[［(（【〖{]\s*\d{4}\s*[\]］)）】〗}]")


@rule("doc-number-format", "发文字号格式错误", "发文字号的年份没有用六角括号〔〕括起四位年份，或不以“号”结尾（GB/T 9704-2012）。")
def check(ctx):
    for item in ctx.repo.items:
        number = item.doc_number
        if not number or VALID.match(number):
            continue
        wrong = LOOKALIKE.search(number)
        if wrong:
            year = re.sub(r"\D", "", wrong.group(0))
            fix = f"年份应写在六角括号中：把“{wrong.group(0)}”改为“〔{year}〕”"
        elif not number.endswith("号"):
            fix = "发文字号应以“号”结尾，例如 青政办发〔2024〕12号"
        else:
            fix = "应为 机关代字〔年份〕序号号，例如 青政办发〔2024〕12号"
        yield ctx.at_item("doc-number-format", item, f"发文字号“{number}”格式错误：{fix}。", field=("doc_number",))
