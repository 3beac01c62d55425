"""kind-not-applicable: an item of ``kind: 规章`` of a unit that cannot make 规章.

《立法法》（2023）第九十一条 (国务院部门) and 第九十三条 (省、自治区、直辖市和设区的市、自治州的人民政府)
are the only grants of 规章制定权: a county government, a town or a local department that labels
its document 规章 is wrong, and its annual report (table 二, 第二十条第（一）项) would count it in the
wrong row. Which units may hold 规章 is the catalogue's: those for which a column whose
``default_kind`` is 规章 applies (columns.yml ``applies_to``, or the unit's own ``columns:`` switch).
"""

from ..registry import rule

KIND = "规章"


@rule("kind-not-applicable", "文件类型不适用于本单位",
      "文件类型为“规章”，但本单位没有规章栏目（无规章制定权，《立法法》第九十一条、第九十三条）。")
def check(ctx):
    holders = [c for c in ctx.catalogue.columns.values() if c.default_kind == KIND]
    if not holders:
        return  # the tree has no 规章 column: nothing to measure against
    for item in ctx.repo.items:
        unit = ctx.repo.units.get(item.unit)
        if item.kind != KIND or unit is None or any(ctx.catalogue.applies(c, unit) for c in holders):
            continue
        switch = next((unit.columns[c.id] for c in holders if c.id in unit.columns), None)
        why = (f"（{unit.path}：{switch.reason}）" if switch is not None else
               "（规章只由国务院部门和设区的市级以上人民政府制定，《立法法》第九十一条、第九十三条）")
        maker = "部门" if unit.kind == "department" else "本机关"
        yield ctx.at_item("kind-not-applicable", item, (
            f"{unit.name}没有规章制定权{why}，文件类型 kind 不能填“{KIND}”。"
            f"{maker}制定的规范性文件应标为“行政规范性文件”（kind: 行政规范性文件）；"
            f"转发上级规章的通知标为“其他文件”。"), field=("kind",))
