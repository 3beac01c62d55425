"""A small, dependency-free SVG bar chart: items per unit in the period against the quota.

Inline SVG (no xmlns, no external font or script) so the bulletin stays one Markdown file and
the page loads nothing from another host; labelled for screen readers.
"""

from __future__ import annotations

from html import escape

BAR, GAP, LABEL_W, CHART_W, TOP = 22, 10, 190, 380, 30


def quota_chart(rows: list[tuple[str, int, int]], title: str, quota_label: str = "每月定额") -> str:
    """rows: (unit name, items in the period, the period's quota)."""
    top = max([1] + [max(count, quota) for _, count, quota in rows])
    height = TOP + len(rows) * (BAR + GAP) + 20
    width = LABEL_W + CHART_W + 60
    scale = CHART_W / top
    parts = [f'<svg class="xxgk-chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'role="img" aria-labelledby="chart-title">',
             f'<title id="chart-title">{escape(title)}</title>',
             f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>']
    for n, (name, count, quota) in enumerate(rows):
        y = TOP + n * (BAR + GAP)
        under = count < quota
        parts.append(f'<text x="{LABEL_W - 8}" y="{y + BAR * 0.7:.0f}" font-size="12" text-anchor="end">{escape(name)}</text>')
        parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{max(count * scale, 1):.1f}" height="{BAR}" '
                     f'fill="{"#b3261e" if under else "#2e7d32"}"><title>{escape(name)}：{count} 条，定额 {quota} 条</title></rect>')
        parts.append(f'<line x1="{LABEL_W + quota * scale:.1f}" x2="{LABEL_W + quota * scale:.1f}" y1="{y - 3}" '
                     f'y2="{y + BAR + 3}" stroke="#000" stroke-width="2" stroke-dasharray="4 2"/>')
        parts.append(f'<text x="{LABEL_W + max(count, quota) * scale + 6:.1f}" y="{y + BAR * 0.7:.0f}" font-size="12">'
                     f'{count}/{quota}</text>')
    parts.append(f'<text x="{LABEL_W}" y="{height - 4}" font-size="11">绿色：达到定额；红色：低于定额；虚线：{escape(quota_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)  # one line: Markdown keeps an inline block intact only without blank lines
