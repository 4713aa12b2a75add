"""The room display of the facilitator edition (room/<module>.html, room/session.html) in a real
browser: slides in order by keyboard and clicker keys, a timer run with Playwright's clock, a
session's plan read from the address, large type, no site chrome, axe, and nothing of it in
the learner site. Screenshots land in test-artifacts/."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, block_outside, build_project, make_project, screenshot
from playwright.sync_api import Page, expect

from generator.content.loader import load_course
from generator.content.model import Course, Module, Story

DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROME = ".md-header, .md-nav, .md-footer, .md-search, .md-sidebar, .md-container, [data-md-component]"
INSTALLED_AT = datetime(2030, 1, 7, 8, 0)
FROZEN_AT = datetime(2030, 1, 7, 9, 0)  # the page's clock stops here; run_for moves it on


@pytest.fixture(scope="module")
def course() -> Course:
    course, report = load_course(ROOT / "content")
    assert course is not None, report.errors
    return course


@pytest.fixture(scope="module")
def room_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's content, facilitator edition, built once."""
    return build_project(make_project(tmp_path_factory.mktemp("room") / "project", ROOT / "content"), "--facilitator")


@pytest.fixture
def module(course: Course) -> Module:
    return max(course.modules, key=lambda module: len(module.stories))


def room_url(site: Path, page_path: str, hash: str = "") -> str:
    return (site / page_path).as_uri() + hash


def open_room(page: Page, site: Path, page_path: str, hash: str = "") -> None:
    page.goto(room_url(site, page_path, hash))
    expect(page.locator(".room-slide:not([hidden])")).to_have_count(1)


def current(page: Page) -> tuple[str, str]:
    """(kind, words) of the slide on screen: its title, or its question."""
    kind, words = page.evaluate("""() => {
        const slide = document.querySelector('.room-slide:not([hidden])');
        const words = slide.querySelector('.room-question, .room-title');
        return [slide.dataset.kind, words.textContent.trim()];
    }""")
    return kind, words


def expected_module_slides(module: Module) -> list[tuple[str, str]]:
    slides = [("title", module.title)]
    for story in module.stories:
        slides.append(("story", story.title))
        slides += [("question", question) for question in story.questions]
    return slides + [("question", question) for question in module.meta.discussion]


def clock(minutes: int, seconds: int = 0) -> str:
    return f"{minutes}:{seconds:02d}"


def minutes_left(total_seconds: int) -> str:
    return clock(total_seconds // 60, total_seconds % 60)


def session_hash(title: str, start: str, plan: list[str]) -> str:
    return f"#title={quote(title)}&start={start}&length=90&plan={','.join(plan)}"


def test_module_room_opens_from_disk_and_asks_nothing_outside(page: Page, room_site: Path, module: Module) -> None:
    blocked = block_outside(page, (room_site.as_uri(),))
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_room(page, room_site, f"room/{module.slug}.html")
    expect(page.locator("h1")).to_have_text(module.title)
    page.keyboard.press("End")
    page.wait_for_load_state("networkidle")
    assert blocked == [], f"requests outside the site: {blocked}"
    assert any(url.endswith("room/room.js") for url in requested) and all(url.startswith("file:") for url in requested)


def test_keys_move_through_title_stories_questions_and_discussion_in_order(page: Page, room_site: Path,
                                                                          module: Module) -> None:
    expected = expected_module_slides(module)
    open_room(page, room_site, f"room/{module.slug}.html")
    seen = [current(page)]
    for number in range(2, len(expected) + 1):
        page.keyboard.press("ArrowRight")
        expect(page.locator(".room-position")).to_have_text(f"{number} / {len(expected)}")
        seen.append(current(page))
    assert seen == expected
    page.keyboard.press("ArrowRight")  # the last slide stays
    assert current(page) == expected[-1]
    page.keyboard.press("ArrowLeft")
    assert current(page) == expected[-2]
    page.keyboard.press("Home")
    assert current(page) == expected[0]
    page.keyboard.press("End")
    assert current(page) == expected[-1]


def test_clicker_keys_space_and_buttons_move_too(page: Page, room_site: Path, module: Module) -> None:
    story = module.stories[0]
    open_room(page, room_site, f"room/{module.slug}.html")
    page.keyboard.press("PageDown")
    assert current(page) == ("story", story.title)
    page.keyboard.press("PageDown")
    assert current(page) == ("question", story.questions[0])
    page.keyboard.press("PageUp")
    assert current(page) == ("story", story.title)
    page.locator("body").press(" ")
    assert current(page) == ("question", story.questions[0])
    page.get_by_role("button", name="Next").click()
    assert current(page) == ("question", story.questions[1])
    page.get_by_role("button", name="Previous").click()
    page.get_by_role("button", name="Previous").click()
    assert current(page) == ("story", story.title)
    page.keyboard.press("Home")
    expect(page.get_by_role("button", name="Previous")).to_be_disabled()


def test_screen_readers_hear_the_position_and_the_slide_title(page: Page, room_site: Path, module: Module) -> None:
    total = len(expected_module_slides(module))
    open_room(page, room_site, f"room/{module.slug}.html")
    announce = page.locator("[aria-live='polite']")
    page.keyboard.press("ArrowRight")
    expect(announce).to_have_text(f"Slide 2 of {total}: {module.stories[0].title}")
    page.keyboard.press("ArrowRight")
    expect(announce).to_contain_text(f"Slide 3 of {total}: {module.stories[0].title}, question 1 of")


def test_full_screen_by_the_f_key_and_by_the_button(page: Page, room_site: Path, module: Module) -> None:
    open_room(page, room_site, f"room/{module.slug}.html")
    in_full_screen = "() => document.fullscreenElement === document.documentElement"
    page.keyboard.press("f")
    page.wait_for_function(in_full_screen)
    expect(page.locator("[data-room='fullscreen']")).to_have_accessible_name("Exit full screen")
    page.keyboard.press("f")
    page.wait_for_function("() => !document.fullscreenElement")
    page.get_by_role("button", name="Full screen").click()
    page.wait_for_function(in_full_screen)


def test_timer_counts_down_across_an_items_slides_and_shows_overtime(page: Page, room_site: Path, module: Module) -> None:
    first, second = module.stories[0], module.stories[1]
    page.clock.install(time=INSTALLED_AT)
    open_room(page, room_site, f"room/{module.slug}.html")
    page.clock.pause_at(FROZEN_AT)
    timer, state = page.locator(".room-timer"), page.locator(".room-timer__state")
    expect(timer).to_be_hidden()  # the title slide times nothing
    page.keyboard.press("ArrowRight")
    expect(page.locator(".room-timer__time")).to_have_text(clock(first.session_minutes))
    expect(state).to_have_text("paused")
    page.keyboard.press("t")
    expect(page.get_by_role("button", name="Pause timer")).to_be_visible()
    page.clock.run_for(61_000)
    expect(page.locator(".room-timer__time")).to_have_text(minutes_left(first.session_minutes * 60 - 61))
    expect(state).to_have_text("left")
    page.keyboard.press("ArrowRight")  # a question of the same story: the same countdown
    expect(page.locator(".room-timer__time")).to_have_text(minutes_left(first.session_minutes * 60 - 61))
    calm = timer.evaluate("element => getComputedStyle(element).backgroundColor")
    page.clock.run_for(first.session_minutes * 60_000)
    expect(page.locator(".room-timer__time")).to_have_text("+1:01")
    expect(state).to_have_text("over time")
    expect(timer).to_have_class(re.compile(r"\broom-timer--over\b"))
    warning = timer.evaluate("element => getComputedStyle(element).backgroundColor")
    assert warning != calm, "over time must look different as well as say so"
    screenshot(page, "room-overtime")
    page.keyboard.press("t")  # paused: time stands still
    page.clock.run_for(30_000)
    expect(page.locator(".room-timer__time")).to_have_text("+1:01")
    page.keyboard.press("t")
    for _ in first.questions:
        page.keyboard.press("ArrowRight")
    assert current(page) == ("story", second.title)
    expect(page.locator(".room-timer__time")).to_have_text(clock(second.session_minutes))  # a new item: from its minutes
    page.clock.run_for(5_000)
    expect(page.locator(".room-timer__time")).to_have_text(minutes_left(second.session_minutes * 60 - 5))
    page.get_by_role("button", name="Reset").click()
    expect(page.locator(".room-timer__time")).to_have_text(clock(second.session_minutes))


def test_module_discussion_is_timed_by_its_questions(page: Page, room_site: Path, module: Module, course: Course) -> None:
    data = json.loads(re.search(r"window\.ssSession = (.*);\n", (room_site / "session" / "session-data.js")
                                .read_text(encoding="utf-8")).group(1))
    per_question = data["discussionMinutesPerQuestion"]
    page.clock.install(time=INSTALLED_AT)
    open_room(page, room_site, f"room/{module.slug}.html")
    page.keyboard.press("End")
    assert current(page) == ("question", module.meta.discussion[-1])
    expect(page.locator(".room-timer__time")).to_have_text(clock(per_question * len(module.meta.discussion)))


def pick(course: Course) -> tuple[Story, Story, Story]:
    """Three stories of different modules, not in course order: the plan's order must win."""
    stories = list(course.stories.values())
    return stories[-1], stories[0], stories[len(stories) // 2]


def test_session_room_follows_the_plan_in_the_address(page: Page, room_site: Path, course: Course) -> None:
    first, second, third = pick(course)
    plan = [f"{first.slug}~25", "~10", second.slug, third.slug]
    open_room(page, room_site, "room/session.html", session_hash("Tuesday team session", "09:30", plan))
    expect(page.locator("h1")).to_have_text("Tuesday team session")
    rows = page.locator(".room-agenda__row")
    second_at = 9 * 60 + 30 + 25 + 10
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_have_text(re.compile(rf"^9:30\s*{re.escape(first.title)}\s*25 min$"))
    expect(rows.nth(1)).to_have_text(re.compile(r"^9:55\s*Break\s*10 min$"))
    expect(rows.nth(2)).to_have_text(re.compile(rf"^10:05\s*{re.escape(second.title)}\s*{second.session_minutes} min$"))
    third_at = second_at + second.session_minutes
    expect(rows.nth(3)).to_have_text(re.compile(rf"^{third_at // 60}:{third_at % 60:02d}\s*{re.escape(third.title)}"))

    expected = [("title", "Tuesday team session"), ("story", first.title)]
    expected += [("question", question) for question in first.questions] + [("break", "Break")]
    for story in (second, third):
        expected += [("story", story.title)] + [("question", question) for question in story.questions]
    seen = [current(page)]
    for _ in expected[1:]:
        page.keyboard.press("PageDown")
        seen.append(current(page))
        if seen[-1] == ("story", first.title):
            expect(page.locator(".room-timer__time")).to_have_text("25:00")  # the plan's minutes, not the story's
        if seen[-1][0] == "break":
            expect(page.locator(".room-timer__time")).to_have_text("10:00")
            expect(page.locator(".room-break__clock")).to_have_text("10:00")
            expect(page.locator(".room-slide:not([hidden])")).to_contain_text("Back at 10:05")
            screenshot(page, "room-break")
        if seen[-1] == ("story", second.title):
            expect(page.locator(".room-timer__time")).to_have_text(clock(second.session_minutes))
    assert seen == expected


def test_session_room_reads_a_new_plan_when_the_address_changes(page: Page, room_site: Path, course: Course) -> None:
    first, second, _ = pick(course)
    open_room(page, room_site, "room/session.html", session_hash("Morning", "08:00", [first.slug]))
    expect(page.locator(".room-position")).to_have_text(f"1 / {2 + len(first.questions)}")
    page.evaluate("hash => { location.hash = hash; }",
                  session_hash("Afternoon", "14:00", [second.slug, "~5", "no-such-story"]).lstrip("#"))
    expect(page.locator("h1")).to_have_text("Afternoon")
    expect(page.locator(".room-position")).to_have_text(f"1 / {3 + len(second.questions)}")
    expect(page.locator(".room-note")).to_contain_text("no-such-story")
    expect(page.locator(".room-agenda__row").nth(0)).to_contain_text(second.title)
    back = page.locator("a.room-back").get_attribute("href")
    assert back is not None and back.startswith("../session/index.html#title=Afternoon")


def test_an_empty_plan_says_what_to_do(page: Page, room_site: Path) -> None:
    open_room(page, room_site, "room/session.html")
    expect(page.locator(".room-position")).to_have_text("1 / 1")
    expect(page.locator(".room-slide:not([hidden])")).to_contain_text("session builder")


@pytest.mark.parametrize("page_path", ["room/{module}.html", "room/session.html"])
def test_no_site_chrome_and_no_theme_files(page: Page, room_site: Path, module: Module, page_path: str) -> None:
    open_room(page, room_site, page_path.format(module=module.slug))
    assert page.locator(CHROME).count() == 0
    sources = page.evaluate("() => [...document.querySelectorAll('link[href], script[src]')]"
                            ".map(element => element.getAttribute('href') || element.getAttribute('src'))")
    assert sources and not [source for source in sources if "material" in source or "main." in source]
    assert page.locator("body").evaluate("body => getComputedStyle(body).overflow") == "hidden"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_every_question_is_large_and_fits_its_slide(page: Page, room_site: Path, course: Course,
                                                   viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    for module in course.modules:
        open_room(page, room_site, f"room/{module.slug}.html")
        for _ in expected_module_slides(module)[1:]:
            page.keyboard.press("ArrowRight")
            if current(page)[0] != "question":
                continue
            size, overflow = page.locator(".room-slide:not([hidden]) .room-question").evaluate(
                "element => [parseFloat(getComputedStyle(element).fontSize),"
                " element.closest('.room-slide').scrollHeight - element.closest('.room-slide').clientHeight]")
            assert size >= 40, f"{module.slug}: {current(page)[1]!r} at {size}px"
            if viewport is DESKTOP:
                assert overflow <= 1, f"{module.slug}: {current(page)[1]!r} overflows its slide by {overflow}px"


def test_type_contrast_is_at_least_aaa_on_questions(page: Page, room_site: Path, module: Module) -> None:
    open_room(page, room_site, f"room/{module.slug}.html")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    ratio = page.evaluate("""() => {
        const rgb = text => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const lum = ([r, g, b]) => [r, g, b].map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92
              : Math.pow((v + 0.055) / 1.055, 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
        const fore = lum(rgb(getComputedStyle(document.querySelector('.room-slide:not([hidden]) .room-question')).color));
        const back = lum(rgb(getComputedStyle(document.documentElement).getPropertyValue('--room-bg')
              .trim().replace(/^#(..)(..)(..)$/, (m, r, g, b) => `rgb(${parseInt(r, 16)},${parseInt(g, 16)},${parseInt(b, 16)})`)));
        return (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
    }""")
    assert ratio >= 7, ratio


def run_axe(page: Page, where: str) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    return [] if results.violations_count == 0 else [f"{where}: {results.generate_report()}"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_no_accessibility_violations_on_any_kind_of_slide(page: Page, room_site: Path, course: Course,
                                                         viewport: dict[str, int]) -> None:
    first, second, _ = pick(course)
    page.set_viewport_size(viewport)
    page.clock.install(time=INSTALLED_AT)
    open_room(page, room_site, "room/session.html", session_hash("Team session", "09:30", [first.slug, "~10", second.slug]))
    page.clock.pause_at(FROZEN_AT)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("t")
    page.clock.run_for((first.session_minutes + 1) * 60_000)
    page.clock.resume()  # axe waits on timers of its own
    expect(page.locator(".room-timer")).to_have_class(re.compile("room-timer--over"))
    problems = run_axe(page, "story, over time")
    page.keyboard.press("Home")
    problems += run_axe(page, "title")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    problems += run_axe(page, "question")
    for _ in first.questions:
        page.keyboard.press("ArrowRight")
    assert current(page)[0] == "break"
    problems += run_axe(page, "break")
    screenshot(page, f"room-break-{viewport['width']}")
    assert problems == [], "\n".join(problems)


def test_the_facilitator_module_page_links_the_room_display(room_site: Path, course: Course) -> None:
    for module in course.modules:
        html = (room_site / "modules" / f"{module.slug}.html").read_text(encoding="utf-8")
        assert f'href="../room/{module.slug}.html"' in html and "Show in the room" in html
        assert (room_site / "room" / f"{module.slug}.html").is_file()
    assert (room_site / "room" / "session.html").is_file()


def test_the_learner_site_has_no_room_display(site: Path) -> None:
    assert not (site / "room").exists()
    mentions = [path.relative_to(site).as_posix() for path in site.rglob("*")
                if path.suffix in {".html", ".js", ".json", ".css", ".xml"}
                and re.search(r'(href|src)="[^"]*room/|room\.js|room\.css|Show in the room',
                              path.read_text(encoding="utf-8"))]
    assert mentions == []


def test_a_question_cannot_break_out_of_the_inline_data(page: Page, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    course, _ = load_course(project / "content")
    assert course is not None
    module = course.modules[0]
    story = module.stories[0]
    hostile = "Is </script><script>window.pwned = 1</script> a question?"
    source = project / "content" / "stories" / f"{story.slug}.md"
    text = source.read_text(encoding="utf-8")
    assert "questions:\n" in text
    source.write_text(text.replace("questions:\n", f"questions:\n  - '{hostile}'\n", 1), encoding="utf-8")
    site = build_project(project, "--facilitator")
    open_room(page, site, f"room/{module.slug}.html")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert current(page) == ("question", hostile)
    assert page.evaluate("() => window.pwned") is None


def test_room_pages_are_valid_html(room_site: Path) -> None:
    from test_html_valid import html_problems

    problems = html_problems(room_site / "room")
    assert not problems, "\n".join(problems)


def test_a_reload_comes_back_to_the_same_slide(page: Page, room_site: Path, course: Course, module: Module) -> None:
    open_room(page, room_site, f"room/{module.slug}.html")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    on_screen = current(page)
    assert page.evaluate("location.hash") == "#slide=4"
    page.reload()
    expect(page.locator(".room-position")).to_contain_text("4 / ")
    assert current(page) == on_screen
    page.keyboard.press("Home")
    assert page.evaluate("location.hash") in ("", "#")

    first, _, _ = pick(course)
    plan = session_hash("Morning", "08:00", [first.slug])
    open_room(page, room_site, "room/session.html", plan)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("location.hash") == plan + "&slide=3"
    page.reload()
    expect(page.locator(".room-position")).to_contain_text("3 / ")
    back = page.locator("a.room-back").get_attribute("href")
    assert back == "../session/index.html" + plan  # the builder gets the plan, not the slide
