import re

from ..registry import rule
from ..texts import item_pieces

MARK = re.compile(r"(?:绝密|机密|秘密)\s*[★☆]|[★☆]\s*(?:绝密|机密|秘密)|(?:^|\n)[ \t　]*密\s*级\s*[:：]")


@rule("classified-mark", "出现密级标志", "信息或附件中出现密级标志（绝密/机密/秘密★，或“密级：”行）：涉密信息不上网。")
def check(ctx):
    for item in ctx.repo.items:
        for piece in item_pieces(ctx, item):
            if "密" not in piece.text and "★" not in piece.text and "☆" not in piece.text:
                continue
            for match in MARK.finditer(piece.text):
                offset = match.start() + (1 if match.group(0).startswith("\n") else 0)
                line, place = piece.where(offset)
                yield ctx.at_item("classified-mark", item, (
                    f"{place}出现密级标志“{match.group(0).strip()}”。涉密信息不上网：请立即撤下该信息，"
                    f"交保密审查确认；确已解密的，删去密级标志并在保密审查记录中写明解密依据。"), line=line, path=piece.path)
