"""Measurements of the public face in a real page, shared by the browser tests of issue 11: the
two viewports, horizontal overflow, text under a size, targets under 24×24 px (WCAG 2.2 2.5.8),
and axe-core's serious and critical violations."""

from __future__ import annotations

import pytest

from .conftest import AXE

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
VIEWPORTS = {"390": PHONE, "1366": DESKTOP}

# Every visible text under ``root`` whose font size is below ``floor`` px.
SMALL_TEXT = """([root, floor]) => {
    const out = [];
    for (const top of document.querySelectorAll(root)) {
        const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (!n.textContent.trim()) continue;
            const el = n.parentElement;
            if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
            const r = el.getBoundingClientRect();
            if (r.width <= 1 || r.height <= 1) continue;  // visually hidden (screen-reader text)
            const size = parseFloat(getComputedStyle(el).fontSize);
            if (size < floor) out.push(`${size}px <${el.tagName.toLowerCase()} class="${el.className}"> ${n.textContent.trim().slice(0, 30)}`);
        }
    }
    return out;
}"""

# Links and controls under ``root`` smaller than 24×24 px, except links inside running text (a
# block with other words, an item's body, the guide), which WCAG 2.5.8 exempts, and labels of
# visible controls.
SMALL_TARGETS = """(root) => {
    const inText = a => {
        if (a.closest('.xxgk-body, .xxgk-guide')) return true;
        const block = a.closest('p, li, dd, td');
        if (!block || getComputedStyle(a).display !== 'inline') return false;
        const own = [...block.childNodes].filter(n => n !== a && !n.contains(a)).map(n => n.textContent).join('');
        return own.replace(/[\\s（）()，,。：:、·|]/g, '').length > 0;
    };
    const out = [];
    for (const top of document.querySelectorAll(root)) {
        for (const el of top.querySelectorAll('a[href], button, summary, input:not([type=hidden]), select, textarea, label[for]')) {
            if (!el.checkVisibility({visibilityProperty: true})) continue;
            if (el.tagName === 'A' && inText(el)) continue;
            // a label is a target of its own only for a control that is not shown (the drawer's
            // checkbox); beside a visible control it is an equivalent, larger or not (WCAG's exception)
            const control = el.tagName === 'LABEL' && document.getElementById(el.htmlFor);
            if (control && control.checkVisibility() && control.getBoundingClientRect().width > 1) continue;
            const r = el.getBoundingClientRect();
            if (r.width <= 1 || r.height <= 1) continue;  // visually hidden (screen-reader text)
            if (r.width < 23.5 || r.height < 23.5)
                out.push(`${Math.round(r.width)}×${Math.round(r.height)} <${el.tagName.toLowerCase()} class="${el.className}"> ${el.textContent.trim().slice(0, 24)}`);
        }
    }
    return out;
}"""

AXE_RUN = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v => v.nodes.map(n => `${v.impact} ${v.id} at ${n.target.join(' ')}: ${n.html.slice(0, 140)}`))"""


def widths(page) -> tuple[int, int]:
    """(scrollWidth, clientWidth) of the document: a sideways scroll when the first is larger."""
    return tuple(page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"))


def small_text(page, root: str = "body", floor: float = 14) -> list[str]:
    return page.evaluate(SMALL_TEXT, [root, floor])


def small_targets(page, root: str = "body") -> list[str]:
    return page.evaluate(SMALL_TARGETS, root)


def axe_serious(page) -> list[str]:
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: run `npm ci --prefix tests/browser`")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)
