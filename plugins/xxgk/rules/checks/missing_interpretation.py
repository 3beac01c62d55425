from datetime import date

from ...core.published import linked
from ...core.workdays import add_working_days
from ..registry import rule

NORMATIVE = "行政规范性文件"
INTERPRETATION = "政策解读"


@rule("missing-interpretation", "缺少政策解读", "行政规范性文件没有在 policy.yml interpretation_within_working_days 个工作日内发布政策解读（谁起草、谁解读）。")
def check(ctx):
    limit = int(ctx.policy.get("interpretation_within_working_days", 3))
    first_reading: dict[str, date] = {}
    for interprets, published in _readings(ctx):
        earlier = first_reading.get(interprets)
        if earlier is None or published < earlier:
            first_reading[interprets] = published
    for item in ctx.public:
        if item.kind != NORMATIVE:
            continue
        deadline, _ = add_working_days(item.published, limit)
        reading = first_reading.get(item.index)
        if reading is not None and reading <= deadline:
            continue
        if reading is None and ctx.as_of <= deadline:
            continue  # still inside the window
        when = f"（现有解读发布于 {reading}，晚于期限）" if reading else ""
        yield ctx.at_item("missing-interpretation", item, (
            f"行政规范性文件应在发布后 {limit} 个工作日内（{deadline} 前）同步发布政策解读{when}。"
            f"请在 zcjd 栏目发布解读，并以 interprets: {item.index} 关联本文件。"), field=("kind",))


def _readings(ctx):
    """(索引号 interpreted, 发布日期) of every 政策解读 on the site: the loaded ones, and in a shard
    those of other units from their published data (a department's reading of a government document)."""
    for item in ctx.public:
        if item.kind == INTERPRETATION and item.interprets:
            yield item.interprets, item.published
    for other in linked(ctx.repo.published):
        if other.kind == INTERPRETATION and other.interprets and other.published <= ctx.as_of:
            yield other.interprets, other.published
