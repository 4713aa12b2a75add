"""Two editions of one course: the learner site carries no facilitator text, the facilitator
edition (site-facilitator/, beside it) carries all of it, and neither build can end up inside the other."""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, build_project, make_project, run_generator
from test_print import text_of as pdf_text

from generator.content.loader import load_course

STORY = "content/stories/the-spare-key.md"


def said(text: str) -> str:
    """Text as a reader meets it: tags gone, entities and JSON escapes decoded, spaces collapsed,
    curly apostrophes straightened (the content's typography may curl them)."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda found: chr(int(found.group(1), 16)), text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text.replace('\\"', '"').replace("\\n", " ")))
    return " ".join(text.replace("\u2019", "'").split())


def file_texts(site: Path) -> dict[str, str]:
    """Every file of a built site as readable text: pages, scripts, the search index, PDFs."""
    texts = {}
    for path in site.rglob("*"):
        if not path.is_file() or "vendor" in path.parts or path.suffix in {".png", ".jpg", ".svg", ".woff2", ".zip"}:
            continue
        if path.suffix == ".pdf":
            raw = pdf_text(path)
        else:
            raw = path.read_text(encoding="utf-8", errors="replace")
        texts[path.relative_to(site).as_posix()] = said(raw)
    return texts


def facilitator_phrases(content: Path) -> list[str]:
    """What only facilitators may read: each module-note paragraph's first sentence (as plain
    text) and every story's things to listen for."""
    course, report = load_course(content)
    assert course is not None, report.errors
    phrases = []
    for module in course.modules:
        for paragraph in re.findall(r"<p>(.*?)</p>", module.notes_html, flags=re.S):
            sentence = re.split(r"(?<=[.!?])\s", said(paragraph))[0]
            if len(sentence.split()) >= 6:
                phrases.append(sentence)
    for story in course.stories.values():
        phrases += [said(item) for item in (story.facilitator.listen_for if story.facilitator else [])]
    return phrases


@pytest.fixture(scope="module")
def both_editions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The repository's course, both editions of one project, with every PDF."""
    project = make_project(tmp_path_factory.mktemp("editions") / "project", ROOT / "content")
    learner = build_project(project, env={"TRAINING_PDF": "1"})
    facilitator = build_project(project, "--facilitator", env={"TRAINING_PDF": "1"})
    return learner, facilitator


def test_the_learner_site_holds_no_facilitator_text_anywhere(both_editions: tuple[Path, Path]) -> None:
    learner, facilitator = both_editions
    phrases = facilitator_phrases(ROOT / "content")
    assert len(phrases) >= 20  # the notes of every module and the listen-for of every story
    learner_texts, facilitator_texts = file_texts(learner), file_texts(facilitator)
    assert "search/search_index.json" in learner_texts and "stories/index-data.js" in learner_texts
    assert any(path.endswith(".pdf") for path in learner_texts)
    leaks = [(path, phrase) for phrase in phrases for path, text in learner_texts.items() if phrase in text]
    assert leaks == []
    everything = " ".join(facilitator_texts.values())
    assert [phrase for phrase in phrases if phrase not in everything] == []  # the same search finds them in the other edition


def test_only_the_facilitator_edition_has_guides_notes_and_its_banner(both_editions: tuple[Path, Path]) -> None:
    learner, facilitator = both_editions
    assert not (learner / "guides").exists() and not (learner / "session").exists()
    assert not (learner / "room").exists() and not list(learner.rglob("session-builder.*"))
    assert (facilitator / "assets/javascripts/session-builder.js").is_file()
    assert (facilitator / "guides/course.pdf").is_file() and (facilitator / "session/session-data.js").is_file()
    assert (learner / "handouts").is_dir() and (learner / "cards").is_dir()  # participants' sheets are in both
    story = said((facilitator / "stories/the-paperclip-on-the-factory-floor.html").read_text(encoding="utf-8"))
    assert "Facilitator edition" in story and "For the facilitator" in story and "Listen for" in story
    module = (learner / "modules/owning-the-moment.html").read_text(encoding="utf-8")
    assert "guides/" not in module and "ss-edition-banner" not in module
    title = re.search(r"<title>(.*?)</title>", (facilitator / "index.html").read_text(encoding="utf-8"))
    assert title and "Facilitator edition" in title.group(1)


def test_the_session_data_takes_each_storys_minutes_from_the_model(both_editions: tuple[Path, Path]) -> None:
    _, facilitator = both_editions
    script = (facilitator / "session/session-data.js").read_text(encoding="utf-8")
    data = json.loads(script.removeprefix("window.ssSession = ").rstrip().removesuffix(";"))
    course, _ = load_course(ROOT / "content")
    assert course is not None
    assert {story["slug"]: story["minutes"] for story in data["stories"]} == {
        slug: story.session_minutes for slug, story in course.stories.items()}
    assert [module["slug"] for module in data["modules"]] == [module.slug for module in course.modules]


def test_a_story_without_a_facilitator_note_allows_reading_time_plus_discussion(project: Path) -> None:
    course, _ = load_course(project / "content")
    assert course is not None
    story = course.stories["the-spare-key"]
    assert story.facilitator is None
    assert story.session_minutes == story.reading_minutes + 3 * len(story.questions)
    assert course.stories["a-note-of-thanks"].session_minutes == 12  # its own note says so


def test_an_empty_facilitator_note_is_named_at_its_line(project: Path) -> None:
    story = project / STORY
    story.write_text(story.read_text(encoding="utf-8").replace("questions:\n", "facilitator: {}\nquestions:\n", 1),
                     encoding="utf-8")
    result = run_generator("check", cwd=project)
    assert result.returncode == 1
    assert re.search(rf"{STORY}:\d+:\d+: error: field 'facilitator': write 'listen_for', 'minutes' or both", result.stderr), \
        result.stderr


def test_the_facilitator_edition_is_never_built_inside_the_learner_site(project: Path) -> None:
    build_project(project)
    result = run_generator("build", "--facilitator", "-d", "site/facilitator", cwd=project)
    assert result.returncode == 1 and "learner site" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "site/facilitator").exists()


def test_a_learner_build_refuses_a_facilitator_edition_left_inside_it(project: Path) -> None:
    build_project(project, "--facilitator", "-d", "elsewhere")
    build_project(project)
    (project / "elsewhere").rename(project / "site/notes")  # copied in by hand
    result = run_generator("build", cwd=project)
    assert result.returncode == 1 and "holds the facilitator edition" in result.stderr, result.stderr
    assert (project / "site/notes/index.html").is_file()  # nothing deleted: the trainer decides


def test_lms_packages_are_never_made_from_the_facilitator_edition(project: Path) -> None:
    result = run_generator("build", "--facilitator", "--lms", "scorm12", cwd=project)
    assert result.returncode == 2 and "--facilitator" in result.stderr
    assert not (project / "site-facilitator").exists()


def test_the_facilitator_editions_zip_says_what_it_is(project: Path) -> None:
    site = build_project(project, "--facilitator", "--zip")
    bundles = list((site / "offline").glob("*.zip"))
    assert [bundle.name for bundle in bundles] == ["fixture-course-facilitator-edition.zip"]
    with zipfile.ZipFile(bundles[0]) as bundle:
        names = bundle.namelist()
    assert "fixture-course-facilitator-edition/modules/first-steps.html" in names
    assert not (project / "site").exists()  # the learner site is a build of its own


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["stories/the-paperclip-on-the-factory-floor.html", "modules/owning-the-moment.html"])
def test_the_facilitator_pages_pass_axe(page, both_editions: tuple[Path, Path], path: str, scheme: str) -> None:
    """The banner, the story's facilitator note and the module notes, in both schemes, phone and desktop."""
    from axe_playwright_python.sync_playwright import Axe

    _, facilitator = both_editions
    page.emulate_media(color_scheme=scheme)
    page.goto((facilitator / path).as_uri())
    assert page.locator(".ss-edition-banner").is_visible()
    assert page.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
        assert results.violations_count == 0, results.generate_report()
