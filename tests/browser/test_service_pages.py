"""The service pages (issue 11) in a real Chromium at a phone's and a desktop's size: a unit's
依申请公开 page and its online application, 网站地图, 联系我们 and the footer.

The online form is driven as an applicant would: every field filled, the application composed,
then every typed value looked for in the printable 申请书 and, URL-encoded, in the mailto: link;
a hostile value must show as text; an empty required field must give a Chinese message and no
application; nothing typed may leave the page (no request, no storage).

Each page at both sizes, and on the phone in 适老化 mode: nothing of the page's own content or the
footer wider than the screen and no sideways scroll; every link and control there at least
24×24 px (links inside a sentence exempt, WCAG 2.2 2.5.8); footer text ≥ 14 px; axe-core finds no
serious or critical violation. The measurements are face.py's; each page opens in a fresh context
of its size (conftest's ``sized``). Screenshots of every page at both sizes go to
/tmp/shots-service/ for review.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from xxgk.site import urls

from .conftest import note
from .face import DESKTOP, PHONE, axe_serious, overflowing, targets, texts, widths

SHOTS = Path("/tmp/shots-service")
SIZES = {"phone": PHONE, "desktop": DESKTOP}
APPLY = urls.apply("qcs")  # 市政府: it publishes an xlsx 申请表
PAGES = {"apply": APPLY, "sitemap": urls.SITE_MAP, "contact": urls.CONTACT}
# My pages' own content and the footer (the shell around them is other tests' business).
MINE = ".xxgk-apply, .xxgk-sitemap, .xxgk-contact, .xxgk-footer"


def resident_id(first17: str) -> str:
    """A resident ID number with its GB 11643 check character (a made-up person)."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


CITIZEN = {
    "name": "张三丰",
    "work_unit": "青川市第一中学",
    "id_number": resident_id("35010219800101123"),
    "phone": "0795-3261234",
    "email": "zhang.sanfeng@example.com",
    "address": "青川市滨江大道 88 号 3 栋 201 室",
    "postcode": "556000",
    "description": "青川市人民政府2025年关于滨江大道改造工程的立项批复文件（文号不详），\n以及该工程的环境影响评价审批意见。",
    "note": "希望尽快获取，谢谢。",
}
ORG = {
    "org_name": "青川市某某科技有限公司",
    "credit_code": "11990700003016315Q",  # a valid code (the demo's 财政局)
    "legal_rep": "李四",
    "contact_name": "王五",
    "phone": "13800001234",
    "email": "office@example.org",
    "address": "青川市建设路 100 号",
    "postcode": "556001",
    "description": "青财预〔2026〕15号文件的附件《2027年部门预算编制表》。",
}
FORMATS = ["纸质", "电子"]
DELIVERIES = ["邮寄", "电子邮件", "传真", "自行领取", "当场阅读、抄录"]


def shot(page: Page, name: str, full: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def fill(page: Page, values: dict, applicant: str = "公民", formats=FORMATS, deliveries=DELIVERIES) -> None:
    page.locator(f'input[name="applicant"][value="{applicant}"]').check()
    for name, value in values.items():
        page.locator(f'#xxgk-f-{name}').fill(value)
    for value in formats:
        page.locator(f'input[name="format"][value="{value}"]').check()
    for value in deliveries:
        page.locator(f'input[name="delivery"][value="{value}"]').check()


def compose(page: Page) -> None:
    page.get_by_role("button", name="生成申请书").click()


def letter(page: Page):
    return page.locator("#xxgk-apply-letter")


def mailto_parts(href: str) -> tuple[str, dict[str, str]]:
    assert href.startswith("mailto:")
    address, _, query = href[len("mailto:"):].partition("?")
    params = {}
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        params[key] = value
    return unquote(address), params


# -- layout, targets, text size, axe ----------------------------------------------------------

@pytest.mark.parametrize("size", [*SIZES, "phone-elder"])
@pytest.mark.parametrize("kind", PAGES)
def test_service_pages_fit_the_screen_with_large_enough_targets_and_text(kind, size, sized, base_url):
    page = sized(SIZES[size.removesuffix("-elder")])
    if size.endswith("-elder"):  # 适老化 mode (larger text), as the toolbar switch leaves it
        page.add_init_script("try { localStorage.setItem('xxgk-elder', 'on'); } catch (e) {}")
    page.goto(base_url + PAGES[kind])
    if size.endswith("-elder"):
        expect(page.locator("html")).to_have_attribute("data-xxgk-elder", "on")
    expect(page.locator("h1")).to_be_visible()
    wide = overflowing(page, MINE)
    assert not wide, f"/{PAGES[kind]} at {size}: wider than the screen: {wide}"
    scroll, width = widths(page)
    assert scroll <= width, f"/{PAGES[kind]} at {size}: {scroll - width} px of horizontal scroll: {overflowing(page)}"
    # every target, the shell's excepted, at a full 24 px: links in a sentence are exempt (WCAG 2.5.8)
    mine = [t for t in targets(page, MINE) if not t["inText"]]
    assert mine, "no targets found"
    small = [f"{t['w']:.1f}×{t['h']:.1f} {t['what']}" for t in mine if round(t["w"], 1) < 24 or round(t["h"], 1) < 24]
    assert not small, f"/{PAGES[kind]} at {size}: targets under 24×24 px: {small}"
    footer = texts(page, ".xxgk-footer")
    assert footer and min(t["px"] for t in footer) >= 14, [t for t in footer if t["px"] < 14] or "no footer text"
    note(f"[service] /{PAGES[kind]} {size}: {len(mine)} targets, smallest {min(t['h'] for t in mine):.1f} px high, "
         f"{min(t['w'] for t in mine):.1f} px wide; footer text ≥ {min(t['px'] for t in footer)} px")
    shot(page, f"{kind}-{size}")
    if kind == "apply":
        page.locator(".md-footer").scroll_into_view_if_needed()
        page.locator(".md-footer").screenshot(path=str(SHOTS / f"footer-{size}.png"))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", [*PAGES, "apply-composed", "apply-errors"])
def test_axe_finds_no_serious_or_critical_violation_on_the_service_pages(kind, size, sized, base_url):
    page = sized(SIZES[size])
    page.goto(base_url + PAGES.get(kind, APPLY))
    if kind == "apply-composed":
        fill(page, CITIZEN)
        compose(page)
        expect(page.locator("#xxgk-apply-output")).to_be_visible()
    elif kind == "apply-errors":
        compose(page)
        expect(page.locator("#xxgk-apply-errors")).to_be_visible()
    found = axe_serious(page)
    assert not found, f"{kind} at {size}:\n  " + "\n  ".join(found)


# -- the online application ---------------------------------------------------------------------

def test_the_form_composes_a_printable_application_holding_every_field_and_a_mailto(sized, base_url, guard, model):
    office = model.units["qcs"].office
    for size, viewport in SIZES.items():
        page = sized(viewport)
        page.goto(base_url + APPLY)
        expect(page.locator("#xxgk-apply-form")).to_be_visible()
        expect(page.locator("#xxgk-apply-output")).to_be_hidden()
        shot(page, f"apply-form-{size}")
        before = len(guard.requests)
        fill(page, CITIZEN)
        page.locator("#xxgk-f-id_type").select_option("居民身份证")
        compose(page)
        expect(page.locator("#xxgk-apply-output")).to_be_visible()
        expect(page.locator("#xxgk-apply-errors")).to_be_hidden()
        printed = letter(page).inner_text()
        for name, value in CITIZEN.items():
            for line in value.split("\n"):
                assert line in printed, (name, line)
        for value in ("公民", "居民身份证", office.name, "申请人签名", "申请日期", *FORMATS, *DELIVERIES):
            assert value in printed, value
        # the mailto: to the office carries every value, URL-encoded
        href = page.locator("#xxgk-apply-mail").get_attribute("href")
        address, params = mailto_parts(href)
        assert address == office.email and set(params) == {"subject", "body"}
        assert not any(ch in href for ch in " \n\r<>\"") and all(ord(ch) < 128 for ch in href), "the href is not encoded"
        body = unquote(params["body"])
        for name, value in CITIZEN.items():
            for line in value.split("\n"):
                assert line in body, (name, line)
                assert quote(line, safe="!'()*") in params["body"], line  # as encodeURIComponent writes it
        assert CITIZEN["name"] in unquote(params["subject"]) and "政府信息公开申请" in unquote(params["subject"])
        # the copy box holds the same text, for webmail users
        assert page.locator("#xxgk-apply-text").input_value().replace("\r\n", "\n") == body.replace("\r\n", "\n")
        # nothing left the page, nothing was stored
        assert guard.requests[before:] == [], guard.requests[before:]
        stored = page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])")
        assert CITIZEN["name"] not in stored and CITIZEN["id_number"] not in stored and CITIZEN["phone"] not in stored
        shot(page, f"apply-composed-{size}")
        # the print button prints; in print only the application shows
        page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
        page.locator("#xxgk-apply-print").click()
        assert page.evaluate("() => window.__printed") == 1
        page.emulate_media(media="print")
        expect(letter(page)).to_be_visible()
        for hidden in ("#xxgk-apply-form", "ul.xxgk-apply-ways", "dl.xxgk-office-card", ".xxgk-apply-done",
                       "#ysqgk-next", ".md-footer", ".md-header"):
            expect(page.locator(hidden).first).to_be_hidden()
        shot(page, f"apply-print-{size}")
        page.emulate_media(media="screen")
        # editing after composing withdraws the application until it is composed again
        page.locator("#xxgk-f-phone").fill("0795-3260000")
        expect(page.locator("#xxgk-apply-output")).to_be_hidden()
        compose(page)
        expect(letter(page)).to_contain_text("0795-3260000")
        page.close()


def test_an_organisation_applies_with_its_credit_code_and_legal_representative(page, base_url):
    page.goto(base_url + urls.apply("czj"))
    fill(page, ORG, applicant="法人或者其他组织", formats=["电子"], deliveries=["电子邮件"])
    expect(page.locator("#xxgk-f-name")).to_be_hidden()
    compose(page)
    printed = letter(page).inner_text()
    for value in ORG.values():
        assert value in printed, value
    assert "法人或者其他组织" in printed and "统一社会信用代码" in printed and "法定代表人或者负责人" in printed
    assert "居民身份证" not in printed and "邮寄" not in printed  # the citizen's fields and unticked boxes stay out
    body = unquote(mailto_parts(page.locator("#xxgk-apply-mail").get_attribute("href"))[1]["body"])
    assert all(value in body for value in ORG.values())


def test_a_hostile_value_is_shown_as_text(page, base_url):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = "<img src=x onerror=alert(1)>"
    values = dict(CITIZEN, name=hostile, description="</td></tr><script>alert(2)</script>", note="<b>粗体</b>&amp;")
    page.goto(base_url + APPLY)
    fill(page, values)
    compose(page)
    expect(page.locator("#xxgk-apply-output")).to_be_visible()
    printed = letter(page).inner_text()
    for value in (hostile, "</td></tr><script>alert(2)</script>", "<b>粗体</b>&amp;"):
        assert value in printed
    assert page.locator("#xxgk-apply-output img, #xxgk-apply-output script, #xxgk-apply-output b").count() == 0
    assert page.locator("#xxgk-apply-rows tr").count() == page.locator("#xxgk-apply-rows th").count()
    body = unquote(mailto_parts(page.locator("#xxgk-apply-mail").get_attribute("href"))[1]["body"])
    assert hostile in body
    page.wait_for_timeout(300)
    assert dialogs == []


def test_an_empty_required_field_gives_a_chinese_message_and_no_application(page, base_url):
    page.goto(base_url + APPLY)
    fill(page, dict(CITIZEN, name=""))
    compose(page)
    errors = page.locator("#xxgk-apply-errors")
    expect(errors).to_be_visible()
    expect(errors).to_be_focused()
    expect(errors).to_contain_text("请修改以下 1 处")
    expect(errors).to_contain_text("请填写申请人姓名。")
    expect(page.locator("#xxgk-apply-output")).to_be_hidden()
    assert page.locator("#xxgk-apply-rows tr").count() == 0
    name = page.locator("#xxgk-f-name")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#xxgk-e-name")).to_have_text("请填写申请人姓名。")
    assert "xxgk-e-name" in name.get_attribute("aria-describedby")
    shot(page, "apply-errors-desktop", full=False)
    errors.get_by_role("link").first.click()
    expect(name).to_be_focused()
    # a wrong check digit, a missing choice, e-mail delivery without an address: each its own message
    name.fill(CITIZEN["name"])
    page.locator("#xxgk-f-id_number").fill(CITIZEN["id_number"][:-1] + ("1" if CITIZEN["id_number"][-1] != "1" else "2"))
    page.locator("#xxgk-f-email").fill("")
    page.locator('input[name="format"][value="纸质"]').uncheck()
    page.locator('input[name="format"][value="电子"]').uncheck()
    compose(page)
    for message in ("居民身份证号码的校验位不符", "请至少选择一种提供政府信息的形式", "选择以电子邮件获取信息时，请填写电子邮箱。"):
        expect(errors).to_contain_text(message)
    expect(page.locator("#xxgk-apply-output")).to_be_hidden()
    # an empty form: every required field named
    page.get_by_role("button", name="清空重填").click()
    compose(page)
    for message in ("请填写申请人姓名。", "请填写证件号码。", "请填写联系电话。", "请填写所需政府信息的名称、文号或者便于查询的其他特征性描述。",
                    "请至少选择一种获取信息的方式。"):
        expect(errors).to_contain_text(message)
    assert "用途" not in errors.inner_text()  # the purpose is never asked for
    # corrected, it composes and the messages go
    fill(page, CITIZEN)
    compose(page)
    expect(page.locator("#xxgk-apply-output")).to_be_visible()
    expect(errors).to_be_hidden()
    assert page.locator(".xxgk-field-error").count() == 0


def test_without_javascript_the_page_still_tells_how_to_apply(sized, base_url, model):
    page = sized(PHONE, java_script_enabled=False)
    page.goto(base_url + APPLY)
    office = model.units["qcs"].office
    expect(page.locator("#xxgk-apply-form")).to_be_hidden()
    expect(page.locator(".xxgk-apply-noscript")).to_be_visible()
    for text in ("当面申请", "信函申请", "传真申请", office.address, office.phone):
        expect(page.locator(".xxgk-apply").first).to_contain_text(text)
    form = page.get_by_role("link", name="青川市人民政府政府信息公开申请表", exact=True)
    expect(form).to_be_visible()
    assert form.get_attribute("href").endswith(".xlsx")
    expect(page.locator(f'a[href="tel:{office.phone}"]')).to_be_visible()
    shot(page, "apply-nojs-phone")


def test_the_guide_and_the_footer_lead_to_the_service_pages(page, base_url):
    page.goto(base_url + urls.column("qcs", "gkzn"))
    page.locator(".xxgk-guide").get_by_role("link", name="市政府“依申请公开”页面").click()
    expect(page).to_have_url(base_url + APPLY)
    page.locator(".xxgk-footer").get_by_role("link", name="网站地图").click()
    expect(page).to_have_url(base_url + urls.SITE_MAP)
    page.locator(".xxgk-footer").get_by_role("link", name="联系我们").click()
    expect(page).to_have_url(base_url + urls.CONTACT)
    correction = page.locator(".xxgk-footer").get_by_role("link", name="网站纠错").get_attribute("href")
    assert unquote(urlsplit(correction).query).endswith("url=https://xxgk.qingchuan.example/" + urls.CONTACT)
