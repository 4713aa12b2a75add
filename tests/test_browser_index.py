"""The stories index of a large library: the page carries the first cards only, the filter reads
every story from a data script (from file:// too) and the list grows with "Show more"."""

from __future__ import annotations

import html as html_module
import re
import shutil
import sys
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, build_project, make_project, screenshot
from playwright.sync_api import Page, expect

from generator.content.loader import load_course
from generator.render.pages import INDEX_PAGE_SIZE

sys.path.insert(0, str(ROOT / "bench"))
from corpus import make_course  # noqa: E402

STORIES = 130


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    project = make_project(tmp_path_factory.mktemp("large") / "project", content=None)
    make_course(project, STORIES)
    course, report = load_course(project / "content")
    assert course is not None, report.errors
    return build_project(project), course


def cards(page: Page) -> list[str]:
    return page.locator("[data-ss-filterable] > li .ss-card__title").all_inner_texts()


def test_the_page_carries_the_first_cards_and_the_data_every_story(large) -> None:
    site, course = large
    html = (site / "stories/index.html").read_text(encoding="utf-8")
    assert html.count('class="ss-card ') + html.count('class="ss-card"') == INDEX_PAGE_SIZE
    data = (site / "stories/index-data.js").read_text(encoding="utf-8")
    assert all(f'"{slug}"' in data for slug in course.stories)
    assert "the first 48 of 130 stories are listed here" in html.lower()


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_show_more_and_the_filter_reach_every_story(page: Page, large, scheme: str, tmp_path: Path) -> None:
    site, course = large
    if scheme == "file":
        copy = tmp_path / "a folder with spaces"
        shutil.copytree(site, copy)
        url = (copy / "stories/index.html").as_uri()
    else:
        import functools
        import http.server
        import threading

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(
            http.server.SimpleHTTPRequestHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/stories/index.html"
    page.goto(url)
    titles = [story.title for story in course.stories.values()]
    status = page.locator(".ss-filter__status")
    expect(status).to_have_text(f"Showing all {STORIES} stories. The first {INDEX_PAGE_SIZE} are listed.")
    assert cards(page) == titles[:INDEX_PAGE_SIZE]
    expect(page.locator("[data-ss-more-note]")).to_be_hidden()
    more = page.locator("[data-ss-more]")
    expect(more).to_have_text(f"Show {INDEX_PAGE_SIZE} more stories")
    more.click()
    assert cards(page) == titles[:2 * INDEX_PAGE_SIZE]
    expect(page.locator(":focus")).to_have_text(titles[INDEX_PAGE_SIZE])  # keyboard users go on from there
    more.click()
    assert cards(page) == titles
    expect(more).to_be_hidden()
    expect(status).to_have_text(f"Showing all {STORIES} stories.")

    theme = next(iter(course.themes.values()))
    page.locator(".ss-filter__chip", has_text=re.compile(rf"^{re.escape(theme.title)}\b")).click()
    wanted = [story.title for story in course.stories_by_theme[theme.slug]]
    assert len(wanted) > INDEX_PAGE_SIZE or cards(page) == wanted
    assert cards(page) == wanted[:INDEX_PAGE_SIZE]
    listed = f" The first {INDEX_PAGE_SIZE} are listed." if len(wanted) > INDEX_PAGE_SIZE else ""
    expect(status).to_have_text(f"Showing {len(wanted)} of {STORIES} stories.{listed}")
    card_link = page.locator("[data-ss-filterable] > li a").first
    assert card_link.get_attribute("href") == f"{course.stories_by_theme[theme.slug][0].slug}.html"
    if scheme == "http":
        screenshot(page, "stories-index-large")
        results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
        assert results.violations_count == 0, results.generate_report()
        server.shutdown()


def test_cards_made_by_the_script_match_the_cards_of_the_page(page: Page, large) -> None:
    """The filter's cards are built in JavaScript: the same markup as _story_card.html.j2."""
    site, _ = large
    page.goto((site / "stories/index.html").as_uri())
    built = page.locator("[data-ss-filterable]").inner_html()
    html = (site / "stories/index.html").read_text(encoding="utf-8")
    served = html.split('data-ss-filterable>', 1)[1].split("</ul>", 1)[0]

    def normal(markup: str) -> list[str]:
        return re.findall(r"<[^>]+>|[^<\s][^<]*", re.sub(r">\s+<", "><", html_module.unescape(markup).strip()))

    assert normal(built) == normal(served)
