"""The site in a real browser (Debian's Chromium): search, theme filter, offline use,
accessibility (axe-core) and keyboard use. Screenshots land in test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, screenshot
from playwright.sync_api import Page, expect

from generator.content.loader import load_course

PHONE = {"width": 390, "height": 844}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_TYPES = {
    "home": "index.html",
    "stories-index": "stories/index.html",
    "story": "stories/the-borrowed-umbrella.html",
    "themes-index": "themes/index.html",
    "theme": "themes/empowerment.html",
    "modules-index": "modules/index.html",
    "module": "modules/owning-the-moment.html",
}


@pytest.fixture(scope="module")
def course():
    course, report = load_course(ROOT / "content")
    assert course is not None, report.errors
    return course


def search_for(page: Page, words: str) -> None:
    """Opens search as a reader would: the header field on a desktop, the search button on a phone.

    Types key by key once the page has loaded its search index, as a person would: Material
    ignores a query pasted in before its search worker is ready.
    """
    page.wait_for_load_state("networkidle")
    button = page.locator("label.md-header__button[for='__search']")
    if button.is_visible():
        button.click()
    else:
        page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(words, delay=30)


def result_titles(page: Page):
    return page.locator(".md-search-result__item")


def test_search_finds_a_story_by_a_word_of_its_body(page: Page, base_url: str) -> None:
    page.goto(base_url + "index.html")
    search_for(page, "Haliburton")
    expect(result_titles(page).first).to_contain_text("The Borrowed Umbrella")
    screenshot(page, "search-desktop")


@pytest.mark.parametrize("words, title", [
    ("paperclip", "The Paperclip on the Factory Floor"),  # title and body
    ("supplier", "The Thank-You Postscript"),  # body
    ("Cuff", "The Mail Set Aside"),  # source author
])
def test_search_on_a_phone(page: Page, base_url: str, words: str, title: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(base_url + "stories/index.html")
    search_for(page, words)
    expect(page.locator(".md-search-result")).to_contain_text(title)
    if words == "paperclip":
        screenshot(page, "search-phone")


def test_search_by_a_word_of_a_question(page: Page, base_url: str) -> None:
    page.goto(base_url + "index.html")
    search_for(page, "naysayers discount early")
    expect(page.locator(".md-search-result")).to_contain_text("The Flyer from the Dock")


def visible_cards(page: Page) -> list[str]:
    return page.locator("[data-ss-filterable] > li:visible .ss-card__title").all_inner_texts()


def chip(page: Page, name: str):
    return page.locator(".ss-filter__chip", has_text=name)


def test_theme_filter_reads_and_writes_the_url(page: Page, base_url: str, course) -> None:
    page.goto(base_url + "stories/index.html?theme=empowerment")
    expected = sorted(s.title for s in course.stories_by_theme["empowerment"])
    assert sorted(visible_cards(page)) == expected
    expect(page.locator(".ss-filter__status")).to_contain_text(f"Showing {len(expected)} of {len(course.stories)}")

    chip(page, "Empowerment").click()
    chip(page, "Recognition").click()
    expect(page).to_have_url(re.compile(r"\?theme=recognition$"))
    assert sorted(visible_cards(page)) == sorted(s.title for s in course.stories_by_theme["recognition"])

    chip(page, "Retail").click()
    expect(page).to_have_url(re.compile(r"\?theme=recognition&setting=Retail$"))
    both = [s.title for s in course.stories_by_theme["recognition"] if s.setting == "Retail"]
    assert sorted(visible_cards(page)) == sorted(both)

    page.get_by_role("button", name="Clear filters").click()
    expect(page).to_have_url(re.compile(r"stories/index\.html$"))
    assert len(visible_cards(page)) == len(course.stories)
    screenshot(page, "stories-filter")


def test_without_javascript_theme_pages_list_every_story(browser, base_url: str, course) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "themes/ownership.html")
    titles = page.locator(".ss-card__title").all_inner_texts()
    assert sorted(titles) == sorted(s.title for s in course.stories_by_theme["ownership"])
    page.goto(base_url + "stories/index.html")
    assert page.locator("form[data-ss-filter]").is_hidden()
    assert len(page.locator(".ss-card").all()) == len(course.stories)
    context.close()


def test_offline_from_disk_search_works_and_nothing_leaves_the_site(page: Page, site: Path, outside_requests: list[str]) -> None:
    page.goto((site / "index.html").as_uri())
    search_for(page, "umbrella")
    expect(page.locator(".md-search-result")).to_contain_text("The Borrowed Umbrella")
    page.locator(".md-search-result__link").first.click()
    expect(page).to_have_url(re.compile(r"the-borrowed-umbrella\.html"))
    page.get_by_role("link", name="Modules", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Modules")
    assert outside_requests == [], f"requests outside the site: {outside_requests}"


def test_every_page_type_over_http_makes_no_outside_request(page: Page, base_url: str, outside_requests: list[str]) -> None:
    for path in PAGE_TYPES.values():
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    assert outside_requests == [], f"requests outside the site: {outside_requests}"


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_no_accessibility_violations(page: Page, base_url: str, name: str) -> None:
    page.goto(base_url + PAGE_TYPES[name])
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    screenshot(page, f"{name}-desktop")
    page.set_viewport_size(PHONE)
    phone = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    screenshot(page, f"{name}-phone")
    assert results.violations_count == 0, results.generate_report()
    assert phone.violations_count == 0, phone.generate_report()


def test_search_dialog_has_a_name(page: Page, base_url: str) -> None:
    page.goto(base_url + "index.html")
    search_for(page, "umbrella")
    for rules in ({"type": "tag", "values": WCAG_AA}, {"type": "rule", "values": ["aria-dialog-name"]}):
        results = Axe().run(page, options={"runOnly": rules})
        assert results.violations_count == 0, results.generate_report()
    assert page.get_by_role("dialog", name="Search the stories").count() == 1


def test_keyboard_reaches_a_story_through_search(page: Page, base_url: str) -> None:
    page.goto(base_url + "index.html")
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("umbrella")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"the-borrowed-umbrella\.html"))


def test_keyboard_reaches_the_filter_and_every_story_link(page: Page, base_url: str, course) -> None:
    page.goto(base_url + "stories/index.html")
    reached: set[str] = set()
    for _ in range(120):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => { const e = document.activeElement; return [e.id, e.getAttribute('href') || '',"
                                " e.dataset.ssTheme ? 'theme:' + e.dataset.ssTheme : '', e.dataset.ssSetting ? 'setting:' + e.dataset.ssSetting : ''] }")
        reached.update(part for part in focused if part)
    assert {f"theme:{slug}" for slug in course.themes} <= reached
    assert {f"setting:{setting}" for setting in course.settings} <= reached
    for story in course.stories.values():
        assert f"{story.slug}.html" in reached, f"no keyboard stop on the link to {story.slug}"
