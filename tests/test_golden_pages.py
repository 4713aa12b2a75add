"""Golden files: the content HTML the core renders for the fixture course, page by page.

A template change shows up here as a readable diff. After an intended change, refresh
the files with `UPDATE_GOLDEN=1 pytest tests/test_golden_pages.py` and review the diff.
"""

from __future__ import annotations

import os

import pytest
from conftest import FIXTURE_COURSE, ROOT

from generator.content.loader import load_course
from generator.render.pages import SiteRenderer

GOLDEN = ROOT / "tests" / "golden"


def rendered_pages() -> dict[str, str]:
    course, report = load_course(FIXTURE_COURSE)
    assert course is not None, report.errors
    learner = {page.path: page.content for page in SiteRenderer(course).pages()}
    facilitator = {f"facilitator/{page.path}": page.content for page in SiteRenderer(course, facilitator=True).pages()
                   if page.path in ("modules/first-steps.html", "stories/a-note-of-thanks.html")}
    return learner | facilitator


PAGES = rendered_pages()


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_matches_golden_file(path: str) -> None:
    golden = GOLDEN / path
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(PAGES[path], encoding="utf-8")
    assert golden.exists(), f"no golden file for {path}; run with UPDATE_GOLDEN=1 and review it"
    assert PAGES[path] == golden.read_text(encoding="utf-8")


def test_no_golden_file_is_left_over() -> None:
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.html")}
    assert on_disk == set(PAGES)
