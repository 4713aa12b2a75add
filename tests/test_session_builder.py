"""The session builder (facilitator edition, session/index.html) in a real browser, from file://:
choosing stories, ordering them by keyboard and by drag, the timed agenda and its warning, the
plan kept in the address, the printed guide (page.pdf, read with pypdf), accessibility (axe-core)
and no request outside the site. The learner site has none of it.

Expected minutes and times are worked out here from session/session-data.js, the build's own
numbers, so the tests follow the content."""

from __future__ import annotations

import json
import re
import unicodedata
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, block_outside, build_project, make_project, screenshot
from playwright.sync_api import Page, expect
from pypdf import PdfReader

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LONG = "the-mail-set-aside"  # the longest story: its text fills more than a page


@pytest.fixture(scope="session")
def builder_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's content, facilitator edition, built once with --strict."""
    return build_project(make_project(tmp_path_factory.mktemp("builder") / "project", ROOT / "content"), "--facilitator")


@pytest.fixture(scope="session")
def session_data(builder_site: Path) -> dict:
    script = (builder_site / "session" / "session-data.js").read_text(encoding="utf-8")
    return json.loads(script.removeprefix("window.ssSession = ").rstrip().removesuffix(";"))


@pytest.fixture(scope="session")
def stories(session_data: dict) -> dict[str, dict]:
    return {story["slug"]: story for story in session_data["stories"]}


@pytest.fixture
def blocked(page: Page, builder_site: Path) -> list[str]:
    return block_outside(page, (builder_site.as_uri(),))


def open_builder(page: Page, site: Path, hash_: str = "") -> None:
    page.goto((site / "session" / "index.html").as_uri() + hash_)
    expect(page.locator("[data-ss-builder-app]")).to_be_visible()


def agenda(page: Page) -> list[tuple[str, str, str]]:
    """(slug or 'break', start time, minutes) of each item, as the page shows them."""
    return [tuple(row) for row in page.locator("[data-ss-items] > li").evaluate_all(
        """items => items.map(item => [item.getAttribute('data-ss-slug') || 'break',
                                       item.querySelector('[data-ss-time]').textContent,
                                       item.querySelector('[data-ss-minutes]').value])""")]


def clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def expected(start: int, items: list[tuple[str, int]]) -> list[tuple[str, str, str]]:
    rows, at = [], start
    for name, minutes in items:
        rows.append((name, clock(at), str(minutes)))
        at += minutes
    return rows


def hash_for(*slugs: str, length: int = 60, start: str = "09:00", title: str = "") -> str:
    return f"#title={title}&start={start}&length={length}&plan={','.join(slugs)}"


def quoted(title: str) -> str:
    return f"“{title}”"


# ---- The learner site has none of it --------------------------------------------------------------

def test_the_learner_site_has_no_session_builder_nor_a_link_to_it(real_site: Path) -> None:
    assert not (real_site / "session").exists()
    for page in real_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'href="[^"]*session/', html), f"{page.relative_to(real_site)} links the session builder"
        assert "session-builder" not in html and "ssSession" not in html, page.relative_to(real_site)


def test_the_facilitator_edition_links_the_builder_and_has_each_story_text(builder_site: Path, stories: dict) -> None:
    for page in ("index.html", "modules/index.html"):
        assert 'session/index.html"' in (builder_site / page).read_text(encoding="utf-8"), page
    for slug, story in stories.items():
        script = (builder_site / "session" / "stories" / f"{slug}.js").read_text(encoding="utf-8")
        data = json.loads(script.removeprefix("window.ssSessionStory(").rstrip().removesuffix(");"))
        assert data["slug"] == slug
        page = (builder_site / story["url"]).read_text(encoding="utf-8")
        first_paragraph = re.search(r"<p>(.*?)</p>", data["html"], re.S).group(1)
        assert first_paragraph in page, f"{slug}: the builder's text is not the story page's"


# ---- Choosing stories ---------------------------------------------------------------------------

def test_stories_are_found_by_a_word_and_by_theme_chips_and_added(page: Page, builder_site: Path, blocked: list[str],
                                                                  session_data: dict, stories: dict) -> None:
    open_builder(page, builder_site)
    results = page.locator("[data-ss-results] > li")
    expect(results).to_have_count(len(stories))
    page.get_by_label("Search stories").fill("paperclip")
    expect(results).to_have_count(1)
    paperclip = stories["the-paperclip-on-the-factory-floor"]
    page.get_by_role("button", name=f"Add {quoted(paperclip['title'])} to the agenda").click()
    assert agenda(page) == expected(9 * 60, [(paperclip["slug"], paperclip["minutes"])])
    expect(page.get_by_role("button", name=f"{quoted(paperclip['title'])} is in the agenda")).to_have_text("Added")

    page.get_by_label("Search stories").fill("")
    theme = next(index for index, (slug, _) in enumerate(session_data["themes"]) if slug == "recognition")
    chip = page.locator(f'[data-ss-theme="{theme}"]')
    chip.click()
    expect(chip).to_have_attribute("aria-pressed", "true")
    about_recognition = [story["slug"] for story in session_data["stories"] if theme in story["themes"]]
    expect(results).to_have_count(len(about_recognition))
    assert results.evaluate_all("items => items.map(item => item.getAttribute('data-ss-result'))") == about_recognition
    other = next(slug for slug in about_recognition if slug != paperclip["slug"])
    page.get_by_role("button", name=f"Add {quoted(stories[other]['title'])} to the agenda").click()
    assert [row[0] for row in agenda(page)] == [paperclip["slug"], other]
    expect(page.locator("[data-ss-announce]")).to_contain_text(stories[other]["title"])
    assert blocked == []


def test_starting_from_a_module_loads_its_stories_and_back_undoes_it(page: Page, builder_site: Path, blocked: list[str],
                                                                      session_data: dict, stories: dict) -> None:
    open_builder(page, builder_site, hash_for("the-missing-item"))
    module = session_data["modules"][1]
    page.get_by_role("button", name=f"Start from module {module['number']}").click()
    assert [row[0] for row in agenda(page)] == module["stories"]
    expect(page.get_by_label("Length in minutes")).to_have_value(str(module["duration"]))
    expect(page.get_by_label("Title")).to_have_value(module["title"])
    page.go_back()
    expect(page.locator("[data-ss-items] > li")).to_have_count(1)
    assert agenda(page)[0][0] == "the-missing-item"
    assert blocked == []


# ---- Ordering ---------------------------------------------------------------------------------------

def test_items_move_by_keyboard_and_focus_stays_on_the_moved_one(page: Page, builder_site: Path, blocked: list[str],
                                                                 stories: dict) -> None:
    order = ["the-missing-item", "the-borrowed-umbrella", "the-childs-meal-first"]
    open_builder(page, builder_site, hash_for(*order))
    moved = stories[order[2]]
    page.get_by_role("button", name=f"Move {quoted(moved['title'])} up").focus()
    page.keyboard.press("Enter")
    assert [row[0] for row in agenda(page)] == [order[0], order[2], order[1]]
    focused = page.evaluate("document.activeElement.closest('[data-ss-slug]').getAttribute('data-ss-slug')"
                            " + ' ' + document.activeElement.getAttribute('data-ss-action')")
    assert focused == f"{moved['slug']} up"
    page.keyboard.press("Space")
    assert [row[0] for row in agenda(page)] == [order[2], order[0], order[1]]
    expect(page.locator("[data-ss-announce]")).to_contain_text(f"{quoted(moved['title'])} moved to place 1 of 3")
    page.keyboard.press("Tab")  # to Move down
    page.keyboard.press("Enter")
    assert [row[0] for row in agenda(page)] == [order[0], order[2], order[1]]
    times = [row[1] for row in agenda(page)]
    assert times == [row[1] for row in expected(9 * 60, [(slug, stories[slug]["minutes"]) for slug in (order[0], order[2], order[1])])]
    assert blocked == []


def test_items_move_by_dragging_their_handle(page: Page, builder_site: Path, blocked: list[str], stories: dict) -> None:
    order = ["the-missing-item", "the-borrowed-umbrella", "the-childs-meal-first"]
    open_builder(page, builder_site, hash_for(*order))
    items = page.locator("[data-ss-items] > li")
    items.nth(2).scroll_into_view_if_needed()
    handle = items.nth(2).locator(".ss-item__handle").bounding_box()
    first = items.nth(0).bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    page.mouse.move(handle["x"] + handle["width"] / 2, first["y"] + first["height"] * 0.25, steps=12)
    expect(items.nth(0)).to_have_class(re.compile(r"ss-item--drop-before"))
    page.mouse.up()
    new_order = [order[2], order[0], order[1]]
    assert agenda(page) == expected(9 * 60, [(slug, stories[slug]["minutes"]) for slug in new_order])
    assert page.url.endswith("plan=" + ",".join(new_order))
    assert blocked == []


# ---- Timing ---------------------------------------------------------------------------------------

def test_a_plan_longer_than_the_session_is_warned_about(page: Page, builder_site: Path, blocked: list[str],
                                                        stories: dict) -> None:
    plan = ["the-mail-set-aside", "the-balloon-and-the-extra-hour"]
    total = sum(stories[slug]["minutes"] for slug in plan)
    open_builder(page, builder_site, hash_for(*plan, length=total + 5))
    fit = page.get_by_role("status").filter(has_text="planned")
    expect(fit).to_contain_text("5 minutes to spare")
    page.get_by_label("Length in minutes").fill(str(total - 7))
    expect(fit).to_contain_text(f"Too long by 7 minutes: {total} minutes planned for a session of {total - 7} minutes")
    colours = fit.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).borderLeftWidth]")
    assert colours[0] != "rgba(0, 0, 0, 0)" and float(colours[1].removesuffix("px")) >= 4, "the warning must stand out"
    assert "length=" + str(total - 7) in page.url
    assert blocked == []


def test_a_hand_written_address_gives_its_agenda(page: Page, builder_site: Path, blocked: list[str], stories: dict) -> None:
    address = "#title=Evening%20team%2C%20Friday&start=18:45&length=40&plan=the-missing-item,~5,the-mail-set-aside~25,no-such-story"
    open_builder(page, builder_site, address)
    missing = stories["the-missing-item"]["minutes"]
    assert agenda(page) == expected(18 * 60 + 45, [("the-missing-item", missing), ("break", 5), ("the-mail-set-aside", 25)])
    expect(page.get_by_label("Title")).to_have_value("Evening team, Friday")
    expect(page.get_by_label("Starts at")).to_have_value("18:45")
    over = missing + 5 + 25 - 40
    expect(page.locator("[data-ss-fit]")).to_contain_text(f"Too long by {over} minute")
    expect(page.locator("[data-ss-end]")).to_contain_text(f"Ends at {clock(18 * 60 + 45 + missing + 30)}")
    expect(page.locator("[data-ss-unknown]")).to_contain_text("no-such-story")
    room = page.get_by_role("link", name="Show in the room").get_attribute("href")
    assert room == "../room/session.html" + address.replace(",no-such-story", "")
    assert blocked == []


def test_an_address_written_to_attack_shows_its_title_as_text(page: Page, builder_site: Path, blocked: list[str]) -> None:
    title = '"}</style><img src=x onerror="window.planted=1">\\'
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_builder(page, builder_site, "#title=" + quote(title, safe="") + "&plan=the-missing-item")
    expect(page.get_by_label("Title")).to_have_value(title)
    expect(page.locator(".ss-sp__title")).to_have_text(title)
    assert page.locator("[data-ss-builder] img").count() == 0
    assert page.evaluate("window.planted") is None and dialogs == []
    assert blocked == []


def test_a_built_session_comes_back_the_same_after_a_reload(page: Page, builder_site: Path, blocked: list[str],
                                                            stories: dict) -> None:
    open_builder(page, builder_site)
    page.get_by_label("Title").fill("Tuesday & the new team")
    page.get_by_label("Starts at").fill("13:15")
    page.get_by_label("Length in minutes").fill("50")
    for slug in ("the-thank-you-postscript", "the-groceries-bagged-with-care", "fresh-eyes-on-a-complaint"):
        page.get_by_role("button", name=f"Add {quoted(stories[slug]['title'])} to the agenda").click()
    page.get_by_label("Minutes", exact=True).fill("7")
    page.get_by_label("Where").select_option(label=f"After {quoted(stories['the-thank-you-postscript']['title'])}")
    page.get_by_role("button", name="Add break").click()
    page.get_by_label(f"Minutes for {quoted(stories['fresh-eyes-on-a-complaint']['title'])}").fill("9")
    title = stories["the-groceries-bagged-with-care"]["title"]
    page.get_by_role("button", name=f"Move {quoted(title)} up").click()
    before = agenda(page)
    assert before == expected(13 * 60 + 15, [
        ("the-thank-you-postscript", stories["the-thank-you-postscript"]["minutes"]),
        ("the-groceries-bagged-with-care", stories["the-groceries-bagged-with-care"]["minutes"]),
        ("break", 7), ("fresh-eyes-on-a-complaint", 9)])
    fit = page.locator("[data-ss-fit]").text_content()
    address = page.url
    assert "fresh-eyes-on-a-complaint~9" in address and "~7" in address
    page.goto("about:blank")
    page.goto(address)
    expect(page.locator("[data-ss-items] > li")).to_have_count(4)
    assert agenda(page) == before
    expect(page.get_by_label("Title")).to_have_value("Tuesday & the new team")
    expect(page.locator("[data-ss-fit]")).to_have_text(fit)
    assert blocked == []


# ---- Print ------------------------------------------------------------------------------------------

def pdf_pages(page: Page) -> list[str]:
    expect(page.locator("[data-ss-print-guide]")).to_have_attribute("data-ss-ready", "true")
    reader = PdfReader(BytesIO(page.pdf(format="A4")))
    return [" ".join(unicodedata.normalize("NFKC", sheet.extract_text() or "").split()) for sheet in reader.pages]


def test_the_printed_guide_starts_each_story_on_a_page_and_keeps_its_questions_with_its_title(
        page: Page, builder_site: Path, blocked: list[str], stories: dict) -> None:
    plan = [LONG, "the-missing-item", "the-borrowed-umbrella"]
    open_builder(page, builder_site, hash_for(plan[0], "~10", *plan[1:], title="Print%20check"))
    sheets = pdf_pages(page)
    assert "Print check" in sheets[0] and "Break" in sheets[0], "the agenda comes first"
    for chrome in ("Session builder", "Choose stories", "Facilitator edition:", "Add a break"):
        assert not any(chrome in sheet for sheet in sheets), f"{chrome!r} printed"
    firsts = []
    for number, slug in enumerate(plan, start=1):
        story = stories[slug]
        first = next(i for i, sheet in enumerate(sheets) if f"Story {number} of {len(plan)}" in sheet)
        firsts.append(first)
        assert story["summary"] in sheets[first], f"{slug} does not start where its running head does"
        others = [stories[other]["summary"] for other in plan if other != slug]
        assert not any(summary in sheets[first] for summary in others), f"{slug} does not start a page of its own"
        for question in story["questions"]:
            holding = [i for i, sheet in enumerate(sheets) if question in sheet]
            assert holding, f"{slug}: question not printed: {question}"
            assert all(story["title"] in sheets[i] for i in holding), f"{slug}: a question sits on a page without the title"
        for point in story["listen"]:
            assert any(point in sheet for sheet in sheets), f"{slug}: listen-for note not printed"
    assert firsts == sorted(firsts) and firsts[0] >= 1
    assert len(sheets) > firsts[0] + 1 and firsts[1] > firsts[0] + 1, "the long story fills more than its first page"
    assert blocked == []


def test_print_keeps_the_question_list_together_and_gives_it_writing_lines(page: Page, builder_site: Path,
                                                                           blocked: list[str]) -> None:
    open_builder(page, builder_site, hash_for(LONG))
    page.emulate_media(media="print")
    expect(page.locator("[data-ss-print-guide]")).to_be_visible()
    expect(page.locator("[data-ss-builder-app]")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    styles = page.locator(".ss-sp__question-list").evaluate(
        "e => [getComputedStyle(e).breakInside, getComputedStyle(e.closest('table')).breakBefore]")
    assert styles == ["avoid", "page"]
    lines = page.locator(".ss-sp__question").first.locator(".ss-sp__line")
    assert lines.count() >= 2 and lines.first.evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid"
    assert blocked == []


# ---- Accessibility, screenshots -------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_builder_has_no_accessibility_violations(page: Page, builder_site: Path, blocked: list[str],
                                                     viewport: dict, stories: dict) -> None:
    page.set_viewport_size(viewport)
    plan = hash_for(LONG, "the-missing-item~8", "~10", "the-borrowed-umbrella", length=45, title="Team%20meeting")
    open_builder(page, builder_site, plan)
    page.locator('[data-ss-theme="0"]').click()
    expect(page.locator("[data-ss-fit]")).to_contain_text("Too long")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], "the page scrolls sideways"
    screenshot(page, f"session-builder-{viewport['width']}")
    assert blocked == []
