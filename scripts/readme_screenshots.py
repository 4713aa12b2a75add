"""The README's screenshots, from a real build: a story on a phone and on a desktop (light and
dark), the stories index, and "My reflections" with two answers written the way a reader would;
from the facilitator edition beside it (when built), the session builder with a plan, the room
display on a question, and two pages of a discussion guide (when its PDF is built).

Usage: bash scripts/build.sh && .venv/bin/python -m generator build --facilitator
       .venv/bin/python scripts/readme_screenshots.py [SITE_DIR] [OUT_DIR]
(defaults: site/ and docs/screenshots/; the facilitator edition is SITE_DIR's sibling
site-facilitator/). The PNGs are reduced to 256 colours to keep the repository small; look at
them before committing.
"""

from __future__ import annotations

import argparse
import pathlib
import subprocess
import sys
import tempfile

from PIL import Image
from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from screenshot import CHROMIUM_ARGS  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
STORY = "stories/the-borrowed-umbrella.html"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ANSWERS = [
    (STORY, 1, "It was hers, not the store's: she was lending a bit of herself, and the family could feel it."),
    (STORY, 3, "Walk people to the shelf instead of pointing.\nOffer to hold a bag while they pay."),
    ("stories/the-missing-item.html", 1, "Because she had a plan ready for the answer, the question meant something."),
]
PLAN = ("session/index.html#title=Team%20meeting%2C%20Tuesday&start=09:30&length=45"
        "&plan=the-mail-set-aside~20,the-missing-item~8,~10,the-borrowed-umbrella~15")
ROOM = {"width": 1280, "height": 720}
GUIDE = "guides/room-to-do-the-right-thing.pdf"
GUIDE_PAGES = (1, 4)  # the cover with its agenda, and a story's facilitator note and questions


def shoot(page: Page, site: pathlib.Path, path: str, target: pathlib.Path, full: bool = False) -> None:
    file, _, query = path.partition("?")
    page.goto((site / file).as_uri() + (f"?{query}" if query else ""))
    page.wait_for_load_state("load")
    page.mouse.move(0, 0)
    page.screenshot(path=str(target), full_page=full)
    quantize(target)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    site, out = pathlib.Path(args.site).resolve(), pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for scheme in ("light", "dark"):
            suffix = "" if scheme == "light" else "-dark"
            phone = browser.new_page(viewport=PHONE, device_scale_factor=2, color_scheme=scheme)
            shoot(phone, site, STORY, out / f"story-phone{suffix}.png")
            desktop = browser.new_page(viewport=DESKTOP, color_scheme=scheme)
            shoot(desktop, site, STORY, out / f"story-desktop{suffix}.png")
            if scheme == "light":
                shoot(desktop, site, "stories/index.html", out / "stories-index.png")
                shoot(phone, site, "stories/index.html?theme=ownership&theme=initiative", out / "stories-filter-phone.png")
                for path, number, text in ANSWERS:
                    desktop.goto((site / path).as_uri())
                    desktop.locator(f"#answer-{number}").fill(text)
                    desktop.locator(".ss-reflect__saved").get_by_text("Saved in this browser.").wait_for()
                shoot(desktop, site, "reflections.html", out / "my-reflections.png")
        facilitator = site.parent / "site-facilitator"
        if facilitator.is_dir():
            facilitator_shots(browser, facilitator, out)
        browser.close()


def quantize(target: pathlib.Path) -> None:
    Image.open(target).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)
    print(target)


def facilitator_shots(browser, site: pathlib.Path, out: pathlib.Path) -> None:
    builder = browser.new_page(viewport={"width": 1280, "height": 1000})
    path, _, plan = PLAN.partition("#")
    builder.goto((site / path).as_uri() + "#" + plan)
    builder.wait_for_load_state("load")
    builder.mouse.move(0, 0)
    builder.screenshot(path=str(out / "session-builder.png"))
    quantize(out / "session-builder.png")
    room = browser.new_page(viewport=ROOM)
    room.goto((site / "room/owning-the-moment.html").as_uri())
    room.wait_for_load_state("load")
    for _ in range(2):  # the title slide, the first story, then its first question
        room.keyboard.press("ArrowRight")
    room.wait_for_timeout(400)
    room.screenshot(path=str(out / "room-question.png"))
    quantize(out / "room-question.png")
    if (site / GUIDE).is_file():
        with tempfile.TemporaryDirectory() as folder:
            for number in GUIDE_PAGES:
                stem = pathlib.Path(folder) / f"page-{number}"
                subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", "-f", str(number), "-l", str(number),
                                str(site / GUIDE), str(stem)], check=True)
                target = out / f"guide-page-{number}.png"
                target.write_bytes(stem.with_suffix(".png").read_bytes())
                quantize(target)


if __name__ == "__main__":
    main()
