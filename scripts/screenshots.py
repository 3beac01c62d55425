#!/usr/bin/env python3
"""Screenshots of every page kind at 390×844 (phone) and 1366×900 (desktop), for review.

Builds the demo (or takes --site), serves it on loopback and writes <out>/<kind>-<width>.png, the
first screen of each page (--full-page for the whole page), in Debian's Chromium.

    .venv/bin/python scripts/screenshots.py [--site SITE] [--out screenshots/] [--elder]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "tests" / "browser"))
from pagekinds import page_kinds  # noqa: E402  (tests/browser/pagekinds.py)
from server import SiteServer  # noqa: E402  (tests/browser/server.py)

AS_OF = date(2026, 11, 20)  # the demo's build_date
SIZES = ((390, 844), (1366, 900))
CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built demo site (default: build one)")
    parser.add_argument("--out", type=Path, default=PROJECT / "screenshots")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not the first screen")
    parser.add_argument("--elder", action="store_true", help="in 适老化 mode")
    parser.add_argument("--only", nargs="*", help="these kinds only")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    from xxgk.core import load

    site = args.site
    if site is None:
        site = Path(tempfile.mkdtemp(prefix="xxgk-shots-")) / "site"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(PROJECT / "mkdocs.yml"), "-d", str(site)],
                       check=True, env=env)
    kinds = page_kinds(load(str(PROJECT)), AS_OF)
    args.out.mkdir(parents=True, exist_ok=True)
    server = SiteServer(site).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for width, height in SIZES:
                ctx = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
                if args.elder:
                    ctx.add_init_script("localStorage.setItem('xxgk-elder', 'on')")
                page = ctx.new_page()
                for kind, url in kinds.items():
                    if args.only and kind not in args.only:
                        continue
                    page.goto(server.url.rstrip("/") + "/" + url, wait_until="networkidle")
                    path = args.out / f"{kind}-{width}{'-elder' if args.elder else ''}.png"
                    page.screenshot(path=str(path), full_page=args.full_page)
                    print(path)
                ctx.close()
            browser.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
