"""Measurements of the public face in a real page, shared by the browser tests of issue 11: the
two viewports, horizontal overflow, the size of every visible text, links and controls under
24×24 px (WCAG 2.2 2.5.8, optionally with its spacing exception), and axe-core's serious and
critical violations. ``root`` is a CSS selector (a list is fine): every element it matches is
measured, each element once."""

from __future__ import annotations

import math

import pytest

from .conftest import AXE

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
VIEWPORTS = {"390": PHONE, "1366": DESKTOP}

TARGET = 23.5  # px: 24 px less half a pixel of rounding in the layout
# The blocks whose other words make an inline link part of running text (WCAG 2.5.8's inline
# exception); a test of content-only pages may narrow it to "p".
SENTENCES = "p, li, dd, td"

# Every visible text under ``root``: the font size of its element and what it reads.
TEXTS = """(root) => {
    const out = [], seen = new Set();
    for (const top of document.querySelectorAll(root)) {
        const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (seen.has(n) || !n.textContent.trim()) continue;
            seen.add(n);
            const el = n.parentElement;
            if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
            const r = el.getBoundingClientRect();
            if (r.width <= 1 || r.height <= 1) continue;  // visually hidden (screen-reader text)
            out.push({px: parseFloat(getComputedStyle(el).fontSize),
                      what: `<${el.tagName.toLowerCase()} class="${el.className}"> ${n.textContent.trim().slice(0, 30)}`});
        }
    }
    return out;
}"""

# Every visible link and control under ``root`` that is a target of its own, with its box and
# whether it is a link in running text: inside an item's body or the guide, or an inline link in
# one of ``sentences`` that has other words. A label counts only for a control that is not shown
# (the drawer's checkbox); beside a visible control it is an equivalent (WCAG's exception).
TARGETS = """([root, sentences]) => {
    const inText = a => {
        if (a.closest('.xxgk-body, .xxgk-guide')) return true;
        const block = a.closest(sentences);
        if (!block || getComputedStyle(a).display !== 'inline') return false;
        const own = [...block.childNodes].filter(n => n !== a && !n.contains(a)).map(n => n.textContent).join('');
        return own.replace(/[\\s（）()，,。：:、·|]/g, '').length > 0;
    };
    const out = [], seen = new Set();
    for (const top of document.querySelectorAll(root)) {
        for (const el of top.querySelectorAll('a[href], button, summary, input:not([type=hidden]), select, textarea, label[for]')) {
            if (seen.has(el)) continue;
            seen.add(el);
            if (!el.checkVisibility({visibilityProperty: true})) continue;
            const control = el.tagName === 'LABEL' && document.getElementById(el.htmlFor);
            if (control && control.checkVisibility() && control.getBoundingClientRect().width > 1) continue;
            const r = el.getBoundingClientRect();
            if (r.width <= 1 || r.height <= 1) continue;  // nothing to hit: screen-reader text, a closed overlay
            out.push({what: `<${el.tagName.toLowerCase()} class="${el.className}"> ${el.textContent.trim().slice(0, 24)}`,
                      inText: el.tagName === 'A' && inText(el),
                      w: r.width, h: r.height, left: r.left, top: r.top, right: r.right, bottom: r.bottom});
        }
    }
    return out;
}"""

# Elements under ``root`` (outside screen-reader text) reaching past the right edge of the
# screen, innermost first: what makes a page scroll sideways.
OVERFLOWING = """(root) => {
    const W = document.documentElement.clientWidth;
    const beyond = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > W + 0.5 && !el.closest('.xxgk-sr-only'); };
    const out = new Set();
    for (const top of document.querySelectorAll(root))
        for (const el of [top, ...top.querySelectorAll('*')])
            if (beyond(el) && ![...el.children].some(beyond))
                out.add(`<${el.tagName.toLowerCase()} class="${String(el.className).slice(0, 40)}"> → ${Math.round(el.getBoundingClientRect().right)}`);
    return [...out].slice(0, 8);
}"""

AXE_RUN = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v => v.nodes.map(n => `${v.impact} ${v.id} at ${n.target.join(' ')}: ${n.html.slice(0, 140)}`))"""


def widths(page) -> tuple[int, int]:
    """(scrollWidth, clientWidth) of the document: a sideways scroll when the first is larger."""
    return tuple(page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"))


def overflowing(page, root: str = "body") -> list[str]:
    """Up to 8 elements under ``root`` wider than the screen allows (empty when none is)."""
    return page.evaluate(OVERFLOWING, root)


def texts(page, root: str = "body") -> list[dict]:
    """Every visible text under ``root``: ``{"px": font size, "what": element and text}``."""
    return page.evaluate(TEXTS, root)


def small_text(page, root: str = "body", floor: float = 14) -> list[str]:
    """Visible texts under ``root`` below ``floor`` px."""
    return [f"{t['px']}px {t['what']}" for t in texts(page, root) if t["px"] < floor]


def targets(page, root: str = "body", sentences: str = SENTENCES) -> list[dict]:
    """Every target under ``root``: ``what``, ``inText`` (a link in running text), its size ``w``×``h``
    and its box (``left``, ``top``, ``right``, ``bottom``), in px."""
    return page.evaluate(TARGETS, [root, sentences])


def undersized(target: dict) -> bool:
    return target["w"] < TARGET or target["h"] < TARGET


def crowded(target: dict, others: list[dict]) -> bool:
    """WCAG 2.5.8's spacing test: a 24 px circle on the target's centre reaches another target, or
    the circle of another undersized target."""
    cx, cy = (target["left"] + target["right"]) / 2, (target["top"] + target["bottom"]) / 2
    for other in others:
        if other is target:
            continue
        dx = max(other["left"] - cx, 0, cx - other["right"])
        dy = max(other["top"] - cy, 0, cy - other["bottom"])
        if math.hypot(dx, dy) < 12:
            return True
        ox, oy = (other["left"] + other["right"]) / 2, (other["top"] + other["bottom"]) / 2
        if undersized(other) and math.hypot(ox - cx, oy - cy) < 24:
            return True
    return False


def small_targets(page, root: str = "body", *, sentences: str = SENTENCES, spacing: bool = False) -> list[str]:
    """Targets under ``root`` smaller than 24×24 px, links in running text excepted; with ``spacing``,
    only those WCAG's spacing exception does not excuse (an undersized target far from others)."""
    found = targets(page, root, sentences)
    small = [t for t in found if not t["inText"] and undersized(t)]
    if spacing:
        small = [t for t in small if crowded(t, found)]
    return [f"{round(t['w'])}×{round(t['h'])} {t['what']}" for t in small]


def axe_serious(page) -> list[str]:
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: run `npm ci --prefix tests/browser`")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)
