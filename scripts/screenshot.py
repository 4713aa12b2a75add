"""Screenshots of built pages in headless Chromium, for looking at what we build.

Usage: python scripts/screenshot.py SITE_DIR OUT_DIR PAGE [PAGE ...] [--width 1280] [--height 900] [--dark]
PAGE is a path inside the site, e.g. index.html or stories/the-paperclip.html. --dark: as a reader
whose system asks for dark colours sees it (the site follows the system until its toggle is used).
"""

from __future__ import annotations

import argparse
import pathlib

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("out")
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full", action="store_true", help="capture the whole page, not the viewport")
    parser.add_argument("--dark", action="store_true", help="the dark scheme (prefers-color-scheme: dark)")
    args = parser.parse_args()
    site = pathlib.Path(args.site).resolve()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height},
                                color_scheme="dark" if args.dark else "light")
        for name in args.pages:
            page.goto((site / name).as_uri())
            page.wait_for_load_state("load")
            scheme = "-dark" if args.dark else ""
            target = out / (name.replace("/", "_").removesuffix(".html") + f"-{args.width}{scheme}.png")
            page.screenshot(path=str(target), full_page=args.full)
            print(target)
        browser.close()


if __name__ == "__main__":
    main()
