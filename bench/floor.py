"""The floor a build is measured against: read each story, Markdown to HTML, one-line
Jinja2 template, write. No validation, no theme, no index pages, one process.

    python bench/floor.py CONTENT_DIR OUT_DIR
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import jinja2
import markdown

PAGE = jinja2.Template("<!doctype html><title>{{ title }}</title><main>{{ html }}</main>")


def floor_build(content: Path, out: Path) -> int:
    """Render every story of `content` into `out`; returns the number of pages written."""
    out.mkdir(parents=True, exist_ok=True)
    converter = markdown.Markdown()
    count = 0
    for source in sorted((content / "stories").rglob("*.md")):
        _, front_matter, body = source.read_text(encoding="utf-8").split("---\n", 2)
        converter.reset()
        html = converter.convert(body)
        (out / f"{source.stem}.html").write_text(PAGE.render(title=source.stem, html=html), encoding="utf-8")
        count += 1
    return count


if __name__ == "__main__":
    started = time.perf_counter()
    pages = floor_build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{pages} pages in {time.perf_counter() - started:.2f} s")
