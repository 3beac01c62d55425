"""Page weight: what one item page costs a visitor on a first visit (no cache), over a server
with gzip on — HTML, CSS, JS and fonts, Pagefind excluded (the item page does not load it).
Budget: 150 KB transferred. The figures printed here go into BENCHMARKS.md."""

from __future__ import annotations

from xxgk.site import urls

from .conftest import note

BUDGET = 150 * 1000  # bytes transferred (headers + gzip-encoded bodies)
COUNTED = ("document", "stylesheet", "script", "font")


def _heaviest_item(site_dir, public):
    """The item whose built page is largest: the budget must hold for the worst one."""
    def size(item):
        return (site_dir / urls.item(item.unit, item.column, item.serial) / "index.html").stat().st_size
    return max(public, key=lambda i: (size(i), i.index))


def test_item_page_weighs_at_most_150_kb_on_first_visit(context, base_url, site_dir, public):
    """A fresh browser context: empty cache, nothing stored."""
    item = _heaviest_item(site_dir, public)
    path = urls.item(item.unit, item.column, item.serial)
    responses = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    rows, other = [], []
    for response in responses:
        response.finished()
        request = response.request
        name = response.url.removeprefix(base_url) or "/"
        sizes = request.sizes()
        transfer = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        body = len(response.body()) if not 300 <= response.status < 400 else 0
        encoding = response.headers.get("content-encoding", "")
        entry = (request.resource_type, name, transfer, sizes["responseBodySize"], body, encoding)
        if request.resource_type in COUNTED and "/pagefind/" not in "/" + name:
            rows.append(entry)
        else:
            other.append(entry)

    total = sum(r[2] for r in rows)
    encoded = sum(r[3] for r in rows)
    raw = sum(r[4] for r in rows)
    note(f"[weight] /{path} ({item.title}), first visit, gzip on")
    note(f"  {'type':<10} {'resource':<48} {'transfer':>9} {'gz body':>9} {'raw body':>9}")
    for kind, name, transfer, body_gz, body, encoding in sorted(rows, key=lambda r: -r[2]):
        note(f"  {kind:<10} {name[:48]:<48} {transfer:>9,} {body_gz:>9,} {body:>9,} {encoding}")
    note(f"  {'TOTAL':<10} {len(rows)} responses{'':<36} {total:>9,} {encoded:>9,} {raw:>9,}")
    note(f"  = {total / 1000:.1f} kB transferred (budget {BUDGET / 1000:.0f} kB); "
          f"{raw / 1000:.1f} kB uncompressed; headers {(total - encoded) / 1000:.1f} kB")
    for kind, name, transfer, body_gz, body, encoding in other:
        note(f"  not counted: {kind:<10} {name[:48]:<48} {transfer:>9,} {body_gz:>9,} {body:>9,} {encoding}")

    assert {r[0] for r in rows} >= {"document", "stylesheet", "script"}
    assert all(r[5] == "gzip" for r in rows), "text responses must arrive gzip-compressed"
    assert total <= BUDGET, f"/{path} transfers {total:,} bytes of HTML/CSS/JS/fonts, over the {BUDGET:,} budget"
