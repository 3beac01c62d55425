from datetime import timedelta

from ..registry import rule


@rule("stale-home", "单位首页未更新", "单位所有栏目在 policy.yml home_max_days 天内都没有新的主动公开信息。")
def check(ctx):
    limit = int(ctx.policy.get("home_max_days", 14))
    for unit in ctx.repo.units.values():
        items = ctx.public_by_unit.get(unit.id) or []
        newest = items[0].published if items else None
        if newest is None:
            yield ctx.at_unit("stale-home", unit, f"{unit.name}没有任何已发布的信息，首页空白。")
        elif ctx.as_of > newest + timedelta(days=limit):
            over = (ctx.as_of - newest - timedelta(days=limit)).days
            yield ctx.at_unit("stale-home", unit, (
                f"{unit.name}最近一条信息发布于 {newest}，超过 {limit} 天未更新首页（已超 {over} 天）。"
            ))
