"""classified-mark: a 国家秘密标志, or an internal-use warning, on anything the site publishes.

What counts as a mark on a document (not a sentence about secrets in general):

* “密级★保密期限”, “密级★解密时间”, “密级★解密条件” — 《国家秘密文件、资料和其他物品标志的规定》
  (1990) 第四条 (“★”前标密级，“★”后标保密期限), 《国家秘密定密管理暂行规定》(2014); GB/T 9704-2012
  7.2.2 puts it top left: 秘密★1年, 机密★启用前, 绝密★长期, 机密★2027年6月30日; ★ before the level too;
* a “密级：” line, or “密级：<level>” anywhere;
* a paragraph's level before it, （秘密） / 【机密】 (1990 规定 第五条), or words saying that this
  document is secret (“本件为机密文件”, “本文件属秘密级”, “此件涉密”, “本文件涉及国家秘密”);
* an internal-use warning, which the units' 网上信息发布 rules keep off the site without approval:
  “内部资料，注意保密”, “内部文件，不得外传”, “本文件属于工作秘密”.

A mark in quotation marks (“机密★5年”) is a mark being talked about and is not reported.
"""

import re

from ..registry import rule
from ..texts import item_pieces

_LEVEL = r"(?:绝密|机密|秘密)"
_STAR = r"[★☆✩✪✫✬✭✮✯⭐]"
# 保密期限, 解密时间 or 解密条件 after the star (“秘密★1年”, “机密★2027年6月30日”, “秘密★启用前”).
_PERIOD = (r"(?:\s*(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?前?|[\d一二三四五六七八九十两]+\s*(?:个月|年|月)"
           r"|长期|[\u4e00-\u9fff]{1,8}?[前后]))?")
# “本文件”, “此件”, “本报告内容” — this very document (not 基本文件, 因此文件 …).
_THIS = (r"(?:(?<![基日样文成版资剧课账原脚书根范])本|(?<![因据由从对为如彼特])此)(?:份)?"
         r"(?:件|文件|文稿|材料|资料|附件|文档|报告|通知|纪要|表|页|稿|图)(?:内容|所载内容|正文)?")
STATE = re.compile("|".join((
    rf"{_LEVEL}\s*{_STAR}{_PERIOD}",
    rf"{_STAR}\s*{_LEVEL}",
    rf"^[ \t\u3000]*密\s*级\s*[:：](?:[ \t\u3000]*{_LEVEL})?",
    rf"密\s*级\s*[:：]\s*{_LEVEL}(?![、和与及或])",
    rf"^[ \t\u3000]*[（(【\[〔]\s*{_LEVEL}\s*[）)】\]〕]",
    rf"{_THIS}(?:为|属|属于|系|是|定为|列为|标注为|密级为|密级是)?{_LEVEL}",
    rf"{_THIS}(?:涉密|涉及国家秘密|含有?国家秘密|属于?国家秘密|系国家秘密)(?!的|信息|人员|载体|事项|岗位|部分)",
)), re.M)
INTERNAL = re.compile(
    r"内部(?:资料|文件|材料|刊物|使用|参阅|发行)[ \t\u3000，,、]*"
    r"(?:注意保密|注意保存|注意保管|妥善保管|不得外传|严禁外传|请勿外传|不得翻印|严禁翻印|不得公开)"
    rf"|{_THIS}(?:属于|属|为|系|是|涉及)?工作秘密(?!的)")
_OPEN, _CLOSE = "“「『‘\"", "”」』’\""


def find(text: str):
    """(offset, mark as written, internal?) for every mark in ``text``, in order."""
    if "密" not in text and "内部" not in text:  # every form holds one of the two
        return
    found = [(m, False) for m in STATE.finditer(text)] + [(m, True) for m in INTERNAL.finditer(text)]
    for match, internal in sorted(found, key=lambda pair: pair[0].start()):
        start, end = match.span()
        if start and text[start - 1] in _OPEN and text[end:end + 1] in _CLOSE:
            continue  # quoted: talked about, not marked
        shown = match.group(0)
        yield start + len(shown) - len(shown.lstrip()), shown.strip(), internal


@rule("classified-mark", "出现密级标志", "信息或附件中出现密级标志（绝密/机密/秘密★、“密级：”、“本件为机密文件”“此件涉密”等）或“内部资料，注意保密”等内部警示字样：涉密信息不上网。")
def check(ctx):
    for item in ctx.repo.items:
        for piece in item_pieces(ctx, item):
            for offset, shown, internal in find(piece.text):
                line, place = piece.where(offset)
                if internal:
                    message = (f"{place}出现内部警示字样“{shown}”。标有“内部资料”“注意保密”“不得外传”“工作秘密”等字样的"
                               f"文件未经批准不得上网：请撤下该信息，交保密审查确认；确可公开的，删去警示字样并在保密审查记录中写明批准依据。")
                else:
                    message = (f"{place}出现密级标志“{shown}”。涉密信息不上网：请立即撤下该信息，"
                               f"交保密审查确认；确已解密的，删去密级标志并在保密审查记录中写明解密依据。")
                yield ctx.at_item("classified-mark", item, message, line=line, path=piece.path)
