"""Reading in a real browser (Debian's Chromium): story pages as reading pages, card grids that
are grids, the chip filter, the reflection journal and "My reflections", what to read next, the
dark scheme. Screenshots land in test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, screenshot
from playwright.sync_api import Page, expect

from generator.content.loader import load_course

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
STORY = "stories/the-borrowed-umbrella.html"
PAGE_TYPES = {
    "home": "index.html",
    "stories-index": "stories/index.html",
    "story": STORY,
    "themes-index": "themes/index.html",
    "theme": "themes/empowerment.html",
    "modules-index": "modules/index.html",
    "module": "modules/owning-the-moment.html",
    "reflections": "reflections.html",
}
# Every grid of cards, on a page that has it.
GRIDS = [
    ("stories/index.html", "ul.ss-cards"),
    ("index.html", "ul.ss-modules"),
    ("index.html", "ul.ss-howto"),
    ("modules/index.html", "ul.ss-modules"),
    ("themes/index.html", "ul.ss-theme-list"),
    ("themes/ownership.html", "ul.ss-cards"),
    (STORY, "ul.ss-cards"),
]
STORY_PAGE_BUDGET = 40 * 1024


@pytest.fixture(scope="module")
def course():
    course, report = load_course(ROOT / "content")
    assert course is not None, report.errors
    return course


def icon_path(name: str) -> str:
    """The drawing of one of Material's bundled icons."""
    import material

    svg = (Path(material.__file__).parent / "templates" / ".icons" / "material" / f"{name}.svg").read_text(encoding="utf-8")
    return re.search(r' d="([^"]+)"', svg).group(1)


def axe(page: Page):
    return Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})


# ---- Layout -------------------------------------------------------------------------------------

def grid_of(page: Page, selector: str) -> dict:
    return page.locator(selector).first.evaluate("""list => {
        const style = getComputedStyle(list);
        const boxes = [...list.children].filter(item => !item.hidden).map(item => item.getBoundingClientRect());
        return {display: style.display, columns: style.gridTemplateColumns.split(' ').length,
                gap: parseFloat(style.columnGap), rowGap: parseFloat(style.rowGap),
                tops: boxes.map(b => Math.round(b.top)), lefts: boxes.map(b => Math.round(b.left)),
                rights: boxes.map(b => Math.round(b.right)), bottoms: boxes.map(b => Math.round(b.bottom))};
    }""")


@pytest.mark.parametrize("path, selector", GRIDS)
def test_card_lists_are_grids_one_column_on_a_phone_several_on_a_desktop(page: Page, base_url: str, path: str, selector: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(base_url + path)
    phone = grid_of(page, selector)
    assert phone["display"] == "grid", f"{selector} on {path} is {phone['display']} on a phone"
    assert phone["columns"] == 1
    if len(phone["tops"]) > 1:
        assert phone["tops"][1] - phone["bottoms"][0] >= 12, "cards touch on a phone"

    page.set_viewport_size(DESKTOP)
    desktop = grid_of(page, selector)
    assert desktop["display"] == "grid"
    expected = 2 if path == STORY else 3  # a story's reading column holds two
    assert desktop["columns"] == expected, f"{selector} on {path}: {desktop['columns']} columns at 1280 px"
    if len(desktop["lefts"]) > 1:
        assert desktop["tops"][0] == desktop["tops"][1], "the first two cards are not side by side"
        assert desktop["lefts"][1] - desktop["rights"][0] >= 12, "no visible gap between cards"


def tap(page: Page, target) -> None:
    """A click where a reader would tap: in the middle of `target`, whatever element is on top."""
    box = target.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_a_whole_card_is_one_link_named_by_the_title(page: Page, base_url: str, course) -> None:
    page.goto(base_url + "stories/index.html")
    cards = page.locator("ul.ss-cards > li")
    assert cards.count() == len(course.stories)
    for index in range(cards.count()):
        links = cards.nth(index).get_by_role("link")
        assert links.count() == 1
        assert links.first.inner_text() == cards.nth(index).locator(".ss-card__title").inner_text()
    umbrella = page.locator("ul.ss-cards > li", has_text="The Borrowed Umbrella")
    tap(page, umbrella.locator(".ss-card__summary"))  # not the title: the summary
    expect(page).to_have_url(re.compile(r"stories/the-borrowed-umbrella\.html$"))
    page.goto(base_url + "themes/index.html")
    tap(page, page.locator(".ss-theme-card", has_text="Ownership").locator("p").first)
    expect(page).to_have_url(re.compile(r"themes/ownership\.html$"))


def test_settings_have_their_own_accent_and_icon(page: Page, base_url: str) -> None:
    page.goto(base_url + "stories/index.html")
    def look(title: str) -> tuple[str, str]:
        card = page.locator("ul.ss-cards > li", has_text=title)
        return (card.evaluate("li => getComputedStyle(li).borderTopColor"),
                card.locator(".ss-card__setting").evaluate("p => getComputedStyle(p, '::before').maskImage"))
    retail, restaurant, retail_too = look("The Borrowed Umbrella"), look("The Child's Meal First"), look("The Missing Item")
    assert retail == retail_too
    assert retail[0] != restaurant[0] and retail[1] != restaurant[1]
    assert retail[1].startswith('url("data:image/svg+xml'), "icons are inline, never fetched"


def first_line(page: Page) -> dict:
    """Where the first line of the story's text is on the screen."""
    return page.locator(".ss-story-text > p").first.evaluate("""p => {
        const range = document.createRange();
        range.selectNodeContents(p);
        const line = range.getClientRects()[0];
        return {top: line.top, bottom: line.bottom};
    }""")


@pytest.mark.parametrize("slug", ["the-borrowed-umbrella", "the-paperclip-on-the-factory-floor", "the-mail-set-aside",
                                  "the-balloon-and-the-extra-hour"])
def test_on_a_phone_the_story_starts_on_the_first_screen(page: Page, base_url: str, course, slug: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(base_url + f"stories/{slug}.html")
    line = first_line(page)
    assert 48 <= line["top"] and line["bottom"] <= PHONE["height"] - 200, line  # with room to read on
    # Arriving from the module page (…#in-module-x) keeps the top of the page in view as well.
    module = course.modules_by_story[slug][0]
    page.goto(base_url + f"modules/{module.slug}.html")
    page.get_by_role("link", name=course.stories[slug].title, exact=True).click()
    expect(page).to_have_url(re.compile(rf"#in-module-{module.slug}$"))
    assert page.evaluate("window.scrollY") == 0
    assert first_line(page) == line
    if slug == "the-borrowed-umbrella":
        screenshot(page, "reading-story-phone")


def test_a_story_page_is_a_reading_page(page: Page, base_url: str, course) -> None:
    story = course.stories["the-borrowed-umbrella"]
    page.set_viewport_size(DESKTOP)
    page.goto(base_url + STORY)
    assert page.locator(".md-sidebar--primary").is_hidden(), "the left sidebar shows on a story page"
    assert page.locator(".md-sidebar--secondary").is_hidden(), "a table of contents shows on a story page"
    order = page.evaluate("""() => [...document.querySelector('.ss-reading').children]
        .map(e => e.matches('h1') ? 'title' : e.matches('.ss-byline') ? 'byline' : e.matches('.ss-story-text') ? 'story'
             : e.matches('.ss-module-strip') ? 'module' : 'other')""")
    assert order[:4] == ["module", "title", "byline", "story"], order
    byline = page.locator(".ss-byline")
    expect(byline).to_have_text(f"{story.setting} · {story.place} · {story.reading_minutes} min read · "
                                f"first told by {story.source.author}")
    lines = byline.evaluate("p => p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)")
    assert lines < 1.5, f"the byline takes {lines:.1f} lines at 1280 px"
    credit = page.locator("#source")
    for part in (story.source.title, story.source.author, story.source.publication):
        expect(credit).to_contain_text(part)
    page.get_by_role("link", name=story.source.author).first.click()
    expect(page).to_have_url(re.compile(r"#source$"))
    # No documentation chrome: the course's footer, our logo.
    footer = page.locator(".md-footer")
    expect(footer).to_contain_text(course.title)
    expect(footer).to_contain_text("credits whoever first told it")
    expect(footer).not_to_contain_text("Material for MkDocs")
    logo = page.locator(".md-header .md-logo svg").inner_html()
    assert icon_path("library") not in logo and icon_path("hand-heart-outline") in logo  # not Material's default
    screenshot(page, "reading-story-desktop")


def test_the_pull_quote_is_shown_large_in_the_story(page: Page, base_url: str, course) -> None:
    story = course.stories["the-paperclip-on-the-factory-floor"]
    page.goto(base_url + f"stories/{story.slug}.html")
    quote = page.locator(".ss-story-text .ss-pull-quote")
    expect(quote).to_have_text(story.pull_quote)
    size = quote.locator("p").evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    text_size = page.locator(".ss-story-text > p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    assert size >= 1.2 * text_size
    paragraphs = page.locator(".ss-story-text > p")
    assert quote.evaluate("q => q.previousElementSibling.tagName") == "P"
    assert paragraphs.count() >= 3


def test_story_pages_stay_under_their_budget(site: Path) -> None:
    sizes = {page.name: page.stat().st_size for page in (site / "stories").glob("*.html") if page.name != "index.html"}
    assert sizes and max(sizes.values()) <= STORY_PAGE_BUDGET, sizes


# ---- The filter ---------------------------------------------------------------------------------

def chip(page: Page, name: str):
    return page.locator(".ss-filter__chip", has_text=re.compile(rf"^{re.escape(name)}\b"))


def shown(page: Page) -> list[str]:
    return sorted(page.locator("[data-ss-filterable] > li:visible .ss-card__title").all_inner_texts())


def test_chips_combine_themes_as_any_of_and_keep_everything_in_the_url(page: Page, base_url: str, course) -> None:
    page.set_viewport_size(PHONE)
    page.goto(base_url + "stories/index.html")
    total = len(course.stories)
    expect(page.locator(".ss-filter__status")).to_have_text(f"Showing all {total} stories.")
    assert chip(page, "Ownership").get_attribute("aria-pressed") == "false"

    chip(page, "Ownership").click()
    chip(page, "Recognition").click()
    wanted = sorted({s.title for slug in ("ownership", "recognition") for s in course.stories_by_theme[slug]})
    assert shown(page) == wanted
    assert chip(page, "Ownership").get_attribute("aria-pressed") == "true"
    expect(page).to_have_url(re.compile(r"\?theme=ownership&theme=recognition$"))
    expect(page.locator("h1")).to_have_text("Stories about Ownership or Recognition")
    expect(page.locator(".ss-filter__status")).to_have_text(f"Showing {len(wanted)} of {total} stories.")

    chip(page, "Retail").click()
    both = sorted(s.title for s in course.stories.values()
                  if s.setting == "Retail" and {t.slug for t in s.themes} & {"ownership", "recognition"})
    assert shown(page) == both
    expect(page.locator("h1")).to_have_text("Stories about Ownership or Recognition, in Retail")
    # Each chip counts what it would show given the other group: Ownership among Retail stories.
    retail_ownership = sum(1 for s in course.stories_by_theme["ownership"] if s.setting == "Retail")
    expect(chip(page, "Ownership").locator(".ss-filter__count")).to_have_text(str(retail_ownership))
    screenshot(page, "reading-filter-phone")

    page.reload()  # the URL holds the whole choice
    assert shown(page) == both
    for name in ("Ownership", "Recognition", "Retail"):
        assert chip(page, name).get_attribute("aria-pressed") == "true"
    expect(page.locator("h1")).to_have_text("Stories about Ownership or Recognition, in Retail")

    page.get_by_role("button", name="Clear filters").click()
    assert len(shown(page)) == total
    expect(page.locator("h1")).to_have_text("Stories")
    expect(page).to_have_url(re.compile(r"stories/index\.html$"))


def test_the_filter_works_from_the_keyboard_and_speaks_its_result(page: Page, base_url: str, course) -> None:
    page.goto(base_url + "stories/index.html")
    status = page.locator(".ss-filter__status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    group = page.get_by_role("group", name=re.compile("^Themes"))
    expect(group).to_be_visible()
    button = group.get_by_role("button", name=re.compile(r"^Initiative \d+ stories$"))
    button.focus()
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-pressed", "true")
    assert shown(page) == sorted(s.title for s in course.stories_by_theme["initiative"])
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "false")
    assert len(shown(page)) == len(course.stories)


def test_on_a_phone_the_first_story_comes_soon_after_the_filter(page: Page, base_url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(base_url + "stories/index.html")
    filter_box = page.locator(".ss-filter").bounding_box()
    first_card = page.locator("ul.ss-cards > li").first.bounding_box()
    assert filter_box["height"] <= 170, filter_box
    assert first_card["y"] + 120 < PHONE["height"], "the first card does not show on the first screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "the page scrolls sideways"


# ---- Reflection ---------------------------------------------------------------------------------

def answer(page: Page, number: int, text: str) -> None:
    box = page.locator(f"#answer-{number}")
    box.fill(text)
    expect(page.locator(".ss-reflect__saved")).to_have_text("Saved in this browser.")


def test_answers_survive_a_reload_and_gather_on_my_reflections(page: Page, site: Path, course, outside_requests: list[str]) -> None:
    """From disk (file://), as a reader opens the site offline."""
    story = course.stories["the-borrowed-umbrella"]
    page.goto((site / STORY).as_uri())
    boxes = page.locator(".ss-questions textarea")
    assert boxes.count() == len(story.questions)
    assert boxes.first.evaluate("t => t.labels.length + (t.getAttribute('aria-labelledby') ? 1 : 0)") >= 1
    expect(page.get_by_role("textbox", name=story.questions[0])).to_be_visible()
    answer(page, 1, "She lent something of her own: it was a gift, not a service.")
    answer(page, 3, "Walk a customer to the shelf.\nHold the door.")
    page.reload()
    expect(page.locator("#answer-1")).to_have_value("She lent something of her own: it was a gift, not a service.")
    expect(page.locator("#answer-3")).to_have_value("Walk a customer to the shelf.\nHold the door.")
    expect(page.locator("#answer-2")).to_have_value("")

    other = course.stories["the-missing-item"]
    page.goto((site / f"stories/{other.slug}.html").as_uri())
    answer(page, 2, "The line kept moving.")

    page.get_by_role("link", name="My reflections").first.click()
    expect(page).to_have_url(re.compile(r"reflections\.html$"))
    stories = page.locator(".ss-journal__story")
    expect(stories).to_have_count(2)
    expect(stories.nth(0).locator("h2")).to_have_text(story.title)
    expect(stories.nth(0).locator("dt")).to_have_text([story.questions[0], story.questions[2]])
    expect(stories.nth(0).locator("dd").nth(1)).to_contain_text("Walk a customer to the shelf.\nHold the door.")
    expect(stories.nth(1).locator("dt")).to_have_text([other.questions[1]])
    expect(page.locator("[data-ss-journal-status]")).to_have_text("3 answers to 2 stories.")
    stories.nth(1).get_by_role("link", name=other.title).click()
    expect(page).to_have_url(re.compile(rf"stories/{other.slug}\.html$"))
    expect(page.locator("#answer-2")).to_have_value("The line kept moving.")
    page.go_back()
    expect(stories).to_have_count(2)
    screenshot(page, "reading-reflections")
    assert outside_requests == [], f"requests outside the site: {outside_requests}"
    stored = page.evaluate("() => Object.keys(localStorage)")
    assert len([key for key in stored if key.startswith("service-stories:reflections:")]) == 1


def test_my_reflections_downloads_prints_and_clears_after_asking(page: Page, site: Path, course) -> None:
    story = course.stories["the-borrowed-umbrella"]
    page.goto((site / STORY).as_uri())
    answer(page, 2, "A mission is a promise; a connection is a person.")
    page.goto((site / "reflections.html").as_uri())

    for kind, suffix in (("Markdown", ".md"), ("text", ".txt")):
        with page.expect_download() as download:
            page.get_by_role("link", name=f"Download as {kind}").click()
        assert download.value.suggested_filename == "my-reflections" + suffix
        text = Path(download.value.path()).read_text(encoding="utf-8")
        assert story.title in text and story.questions[1] in text
        assert "A mission is a promise; a connection is a person." in text
        assert ("## " + story.title in text) == (suffix == ".md")

    paper = page.pdf(format="A4")
    import io

    from pypdf import PdfReader
    printed = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(paper)).pages)
    printed = " ".join(printed.split())
    assert "A mission is a promise; a connection is a person." in printed and story.title in printed
    for chrome in ("Clear all", "Download as", "Search", "My reflections (kept"):
        assert chrome not in printed, f"'{chrome}' is printed"

    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Clear all").click()
    assert asked and "Delete 1 answer from this browser?" in asked[0]
    expect(page.locator(".ss-journal__story")).to_have_count(1)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear all").click()
    expect(page.locator(".ss-journal__story")).to_have_count(0)
    expect(page.locator("[data-ss-empty]")).to_be_visible()
    expect(page.locator("[data-ss-journal-status]")).to_have_text("All your answers were deleted from this browser.")
    assert not [key for key in page.evaluate("() => Object.keys(localStorage)") if key.startswith("service-stories:")]
    page.goto((site / STORY).as_uri())
    expect(page.locator("#answer-2")).to_have_value("")


def test_without_javascript_the_questions_read_as_a_list(browser, base_url: str, course) -> None:
    story = course.stories["the-borrowed-umbrella"]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + STORY)
    items = page.locator("ol.ss-questions > li")
    expect(items).to_have_text(story.questions)
    assert page.locator("textarea").count() == 0
    assert page.locator("[data-ss-journal-note]").is_hidden()
    assert page.locator(".ss-next__choice:visible").count() == 1
    page.goto(base_url + "reflections.html")
    expect(page.locator("[data-ss-journal-nojs]")).to_be_visible()
    assert page.locator("[data-ss-journal-actions]").is_hidden()
    context.close()


# ---- What to read next --------------------------------------------------------------------------

def test_next_story_follows_the_module_the_reader_came_from(page: Page, base_url: str, course) -> None:
    module = course.modules_by_slug["owning-the-moment"]
    first, second = module.stories[0], module.stories[1]
    page.goto(base_url + f"modules/{module.slug}.html")
    page.get_by_role("link", name=first.title, exact=True).click()
    expect(page).to_have_url(re.compile(rf"{first.slug}\.html#in-module-{module.slug}$"))
    next_box = page.locator(".ss-next__choice:visible")
    expect(next_box).to_have_count(1)
    expect(next_box).to_contain_text(f"Next in Module {module.number}")
    expect(next_box).to_contain_text(second.title)
    next_box.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"{second.slug}\.html#in-module-{module.slug}$"))
    strip = page.locator(".ss-module-strip")
    expect(strip).to_contain_text(f"Story 2 of {len(module.stories)}")
    assert strip.evaluate("nav => nav.compareDocumentPosition(document.querySelector('h1')) & Node.DOCUMENT_POSITION_FOLLOWING")
    strip.get_by_role("link", name=f"Previous story: {first.title}").click()
    expect(page).to_have_url(re.compile(rf"{first.slug}\.html#in-module-{module.slug}$"))

    last = module.stories[-1]
    page.goto(base_url + f"stories/{last.slug}.html#in-module-{module.slug}")
    expect(page.locator(".ss-next__choice:visible")).to_contain_text("Back to the module")


def test_without_a_module_the_next_story_is_a_related_one(page: Page, base_url: str, course) -> None:
    story = course.stories["the-childs-meal-first"]
    related = course.related(story)
    page.goto(base_url + f"stories/{story.slug}.html")
    next_box = page.locator(".ss-next__choice:visible")
    expect(next_box).to_have_count(1)
    expect(next_box).to_contain_text("A related story")
    expect(next_box).to_contain_text(related[0].title)
    expect(page.locator(".ss-related .ss-card__title")).to_have_text([s.title for s in related[1:]])
    assert page.locator(".ss-reflect").evaluate("r => r.compareDocumentPosition(document.querySelector('.ss-next')) & Node.DOCUMENT_POSITION_FOLLOWING")


# ---- Light and dark -----------------------------------------------------------------------------

def to_dark(page: Page) -> None:
    page.locator("label[title='Switch to the dark scheme']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.mouse.move(0, 300)  # off the toggle: its tooltip fades out before axe looks
    expect(page.locator(".md-tooltip--active")).to_have_count(0)
    page.wait_for_function("() => [...document.querySelectorAll('.md-tooltip')].every(t => getComputedStyle(t).opacity === '0')")


def test_the_palette_toggle_switches_to_dark_and_is_remembered(page: Page, site: Path) -> None:
    page.goto((site / "index.html").as_uri())
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    light = page.locator("body").evaluate("b => getComputedStyle(b).backgroundColor")
    to_dark(page)
    assert page.locator("body").evaluate("b => getComputedStyle(b).backgroundColor") != light
    page.goto((site / STORY).as_uri())
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    text = page.locator(".ss-story-text p").first.evaluate("p => getComputedStyle(p).color")
    assert text.startswith("rgb(2"), f"story text is {text} on a dark page"
    page.locator("label[title='Switch to the light scheme']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_no_accessibility_violations_in_the_dark(page: Page, base_url: str, name: str) -> None:
    if name in ("story", "reflections"):  # with an answer, so the boxes and the journal are filled
        page.goto(base_url + STORY)
        answer(page, 1, "Because it was hers to lend.")
    page.goto(base_url + PAGE_TYPES[name])
    to_dark(page)
    results = axe(page)
    screenshot(page, f"{name}-desktop-dark")
    page.set_viewport_size(PHONE)
    phone = axe(page)
    screenshot(page, f"{name}-phone-dark")
    assert results.violations_count == 0, results.generate_report()
    assert phone.violations_count == 0, phone.generate_report()


@pytest.mark.parametrize("path", [STORY, "reflections.html", "stories/index.html?theme=ownership&setting=Retail"])
def test_reading_features_pass_axe_in_the_light(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + STORY)
    answer(page, 2, "A person, not a policy.")
    page.goto(base_url + path)
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        results = axe(page)
        assert results.violations_count == 0, results.generate_report()


def test_the_keyboard_ring_goes_round_the_whole_card(page: Page, base_url: str) -> None:
    page.goto(base_url + "stories/index.html")
    card = page.locator("ul.ss-cards > li").first
    assert card.evaluate("li => getComputedStyle(li).outlineStyle") == "none"
    card.get_by_role("link").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus that the keyboard moved, as :focus-visible wants
    expect(card.get_by_role("link")).to_be_focused()
    assert card.evaluate("li => getComputedStyle(li).outlineStyle") == "solid"
