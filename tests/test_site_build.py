"""A full `python -m generator build --strict` of the fixture course, checked page by page."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from conftest import FIXTURE_COURSE, build_project, make_project, own_templates, run_generator

from generator.content.loader import load_course
from generator.render.template_cache import CACHE_FOLDER


def article_of(html_file: Path) -> str:
    """The page's own content, without the theme's header, navigation and footer."""
    html = html_file.read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, flags=re.S)
    assert match, f"{html_file} has no article"
    return match.group(1)


def text_of(html_file: Path) -> str:
    """The page's visible text, roughly: tags removed, entities decoded, spaces collapsed."""
    html = html_file.read_text(encoding="utf-8")
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_every_story_page_has_its_questions_and_source(fixture_site: Path) -> None:
    course, _ = load_course(FIXTURE_COURSE)
    assert course is not None
    for story in course.stories.values():
        page = fixture_site / "stories" / f"{story.slug}.html"
        assert page.exists(), f"no page for {story.slug}"
        text = text_of(page)
        assert story.title in text
        for question in story.questions:
            assert question in text
        assert story.source.author in text
        assert story.source.title in text
        assert story.source.publication in text
        for theme in story.themes:
            assert f'href="../themes/{theme.slug}.html"' in page.read_text()


def test_index_theme_and_module_pages_exist(fixture_site: Path) -> None:
    for path in ["index.html", "stories/index.html", "themes/index.html", "modules/index.html",
                 "themes/ownership.html", "modules/first-steps.html", "modules/going-further.html"]:
        assert (fixture_site / path).exists(), path


MODULE_PAGE = ["Recognise ownership in small acts", "0:05 15 Read both stories in pairs", "0:30 End of session",
               "What do the porter and the assistant have in common?"]


def test_module_page_has_objectives_agenda_times_and_questions(fixture_site: Path) -> None:
    text = text_of(fixture_site / "modules/first-steps.html")
    for expected in MODULE_PAGE:
        assert expected in text
    assert "Open by asking who has lost a key recently." not in text  # the facilitator notes: that edition only


def test_the_facilitator_edition_adds_the_notes_to_the_module_page(facilitator_site: Path) -> None:
    text = text_of(facilitator_site / "modules/first-steps.html")
    for expected in [*MODULE_PAGE, "Open by asking who has lost a key recently.", "Facilitator edition"]:
        assert expected in text


def test_theme_page_lists_exactly_its_stories(fixture_site: Path) -> None:
    html = article_of(fixture_site / "themes/ownership.html")
    linked = set(re.findall(r'href="\.\./stories/([a-z0-9-]+)\.html"', html))
    assert linked == {"the-spare-key", "the-open-door"}


def test_navigation_lists_sections_not_stories(fixture_site: Path) -> None:
    html = (fixture_site / "stories/the-open-door.html").read_text()
    nav = re.search(r'<nav class="md-nav md-nav--primary.*?<nav class="md-nav md-nav--secondary', html, flags=re.S)
    assert nav is not None
    assert "Stories" in nav.group(0)
    assert "the-spare-key" not in nav.group(0)
    assert "a-note-of-thanks" not in nav.group(0)


def test_search_index_holds_story_body_and_question_words(fixture_site: Path) -> None:
    index = json.loads((fixture_site / "search/search_index.json").read_text())
    docs = [d for d in index["docs"] if d["location"].startswith("stories/the-spare-key.html")]
    words = " ".join(d["title"] + " " + d["text"] for d in docs)
    assert "brass key" in words
    assert "What would have happened if the porter had waited?" in words


def test_site_name_comes_from_the_course(fixture_site: Path) -> None:
    assert "<title>Fixture Course</title>" in (fixture_site / "index.html").read_text()


def test_broken_link_in_a_template_fails_a_strict_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    templates = own_templates(project)
    story = templates / "pages/story.html.j2"
    story.write_text(story.read_text() + '\n<a href="no-such-page.html">x</a> <a href="#nowhere">y</a>\n')
    result = run_generator("build", "--strict", cwd=project)
    assert result.returncode == 1
    assert "stories/the-spare-key.html: link to 'no-such-page.html', which is not a page or file of the site" in result.stderr
    assert "stories/the-spare-key.html: link to '#nowhere', but that page has no anchor '#nowhere'" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_content_fails_the_build_with_file_and_line(project: Path) -> None:
    story = project / "content/stories/the-open-door.md"
    story.write_text(story.read_text().replace("themes: [ownership]", "themes: [ownrship]"))
    result = run_generator("build", cwd=project)
    assert result.returncode == 1
    assert "content/stories/the-open-door.md:4:10: error: field 'themes': unknown theme 'ownrship'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_mkdocs_build_works_directly(project: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (project / "site/stories/the-spare-key.html").exists()


def test_check_exit_codes(project: Path) -> None:
    assert run_generator("check", cwd=project).returncode == 0
    (project / "content/themes.yml").write_text("themes: []\n")
    result = run_generator("check", cwd=project)
    assert result.returncode == 1
    assert "content/themes.yml:1:9: error: field 'themes': expected a group of 'name: value' fields" in result.stderr


def test_compiled_templates_are_reused_until_a_template_changes(project: Path) -> None:
    templates = own_templates(project)
    build_project(project)
    cached = list((project / CACHE_FOLDER).iterdir())
    assert len(cached) >= 10, "Material's templates and ours should be kept compiled"
    story_page = templates / "pages" / "story.html.j2"
    story_page.write_text(story_page.read_text(encoding="utf-8").replace(
        "<h1>{{ story.title }}</h1>", "<h1>{{ story.title }}</h1><!-- edited page template -->"), encoding="utf-8")
    theme = templates / "overrides" / "main.html"
    theme.write_text(theme.read_text(encoding="utf-8").replace(
        "<title>@@SS_TITLE@@</title>", "<title>@@SS_TITLE@@</title><!-- edited theme template -->"), encoding="utf-8")
    site = build_project(project)
    html = (site / "stories" / "the-spare-key.html").read_text(encoding="utf-8")
    assert "<!-- edited page template -->" in html and "<!-- edited theme template -->" in html
