"""The 政府信息公开指南 on the built demo (issue 12, points 8–10): the office's 传真号码 and
互联网联系方式 (条例第十二条), the unit's own 查阅场所 (第二十五条), and the remedies with 复议前置 for
a refusal to disclose (《行政复议法》（2023 年修订）第二十三条第一款第四项)."""

from __future__ import annotations

import html
import re

import pytest

from xxgk.core import load
from xxgk.site import urls
from conftest import PROJECT
from sitecheck import page

GUIDE = "gkzn"


@pytest.fixture(scope="module")
def model():
    return load(str(PROJECT))


def guide_text(site, unit_id: str) -> str:
    """The guide's article as text (tags dropped, whitespace collapsed) — enough to read sentences."""
    body = page(site, urls.column(unit_id, GUIDE))
    body = body[body.index('<div class="xxgk-guide">'):]
    body = re.sub(r"<br\s*/?>", " ", body)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).split())


def test_each_guide_names_its_own_reading_places(demo_site):
    city, town = guide_text(demo_site, "qcs"), guide_text(demo_site, "hxz")
    assert "政务服务中心、国家档案馆和公共图书馆设置的政府信息查阅场所" not in city  # the old text, the same for every unit
    assert "青川市档案馆政府公开信息查阅中心 地址：青川市文昌路 18 号；开放时间：法定工作日 上午 8:30—12:00，下午 14:30—17:30" in city
    assert "青川市图书馆政府信息查阅专区 地址：青川市翠湖路 9 号二楼；开放时间：周二至周日 9:00—20:00（周一闭馆）" in city
    assert "河西镇便民服务中心政府信息查阅点 地址：临水县河西镇河西街 12 号一楼" in town
    assert "青川市图书馆" not in town  # a town of 临水县 lists its own places, not the city's


def test_a_refusal_goes_to_administrative_review_first(demo_site):
    text = guide_text(demo_site, "czj")
    assert ("申请公开政府信息，市财政局决定不予公开的：应当先申请行政复议；对行政复议决定不服的，可以再依法提起行政诉讼"
            "（《中华人民共和国行政复议法》第二十三条第一款第四项）") in text
    assert "对其他政府信息公开行为不服的：可以申请行政复议，也可以直接提起行政诉讼（法律规定应当先申请行政复议的除外）" in text
    # the day limits, from policy.yml remedies (60, 15, 6)
    assert "自知道或者应当知道该行政行为之日起 60 日内提出（《行政复议法》第二十条）" in text
    assert "自收到行政复议决定书之日起 15 日内；行政复议机关逾期不作决定的，自复议期满之日起 15 日内" in text
    assert "直接提起行政诉讼（不予公开的除外）：自知道或者应当知道作出行政行为之日起 6 个月内" in text
    # the old list offered a lawsuit within six months for everything
    assert "行政诉讼：自知道或者应当知道作出行政行为之日起 6 个月内提起" not in text


def test_the_office_table_shows_fax_and_internet_contacts_never_a_dash(demo_site, model):
    for unit in model.units.values():
        body = page(demo_site, urls.column(unit.id, GUIDE))
        table = body[body.index('<table class="xxgk-office">'):body.index("</table>", body.index('<table class="xxgk-office">'))]
        assert "<td>—</td>" not in table, unit.id
        assert "<th scope=\"row\">传真</th>" in table, unit.id
    czj = guide_text(demo_site, "czj")
    assert "传真0795-3262211" in czj and "传真申请：0795-3262211" in czj
    cxjd = guide_text(demo_site, "cxjd")
    assert "传真无（街道党政办公室未设传真，请以信函、电子邮件或当面方式提交申请）" in cxjd
    assert "传真申请" not in cxjd and "打印后以信函或当面提交" in cxjd


def test_the_catalogue_section_names_the_summary(demo_site):
    assert "每条信息标注索引号、名称、内容概述、" in guide_text(demo_site, "qcs")
