"""Trainer authoring: scaffolding new content and courses, build progress, and the live preview."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, own_templates, run_generator
from rich.console import Console

from generator.build.progress import Progress, TerminalProgress, build_progress
from generator.build.site_build import build_site
from generator.cli import main

sys.path.insert(0, str(ROOT / "bench"))
from http_probe import fetch, free_port  # noqa: E402  (the benchmark's probe: one way to ask a server)

STORY_FIELDS = ["title", "summary", "themes", "setting", "place", "source", "author", "publication", "questions"]
MODULE_FIELDS = ["title", "summary", "duration", "objectives", "stories", "agenda", "materials", "discussion"]


def commented_fields(text: str) -> set[str]:
    """Fields that come right after a comment line explaining them."""
    lines = text.splitlines()
    return {line.strip().split(":")[0] for before, line in zip(lines, lines[1:], strict=False) if before.strip().startswith("#")}


def test_new_story_is_named_from_its_title_valid_and_never_overwritten(project: Path) -> None:
    result = run_generator("new", "story", "Le Parapluie Prêté!", cwd=project)
    assert result.returncode == 0, result.stderr
    story = project / "content" / "stories" / "le-parapluie-prete.md"
    assert f"created {Path('content/stories/le-parapluie-prete.md')}" in result.stdout
    assert set(STORY_FIELDS) - {"author", "publication"} <= commented_fields(story.read_text(encoding="utf-8"))
    check = run_generator("check", cwd=project)
    assert check.returncode == 0, check.stderr
    assert "le-parapluie-prete.md: warning: story 'le-parapluie-prete' is used by no module" in check.stderr

    story.write_text("my own work\n", encoding="utf-8")
    again = run_generator("new", "story", "Le parapluie prêté", cwd=project)
    assert again.returncode == 1
    assert "already exists" in again.stderr and "Traceback" not in again.stderr
    assert story.read_text(encoding="utf-8") == "my own work\n"


def test_new_module_is_valid(project: Path) -> None:
    result = run_generator("new", "module", "Serving in the Rain", cwd=project)
    assert result.returncode == 0, result.stderr
    module = project / "content" / "modules" / "serving-in-the-rain.md"
    assert set(MODULE_FIELDS) <= commented_fields(module.read_text(encoding="utf-8"))
    check = run_generator("check", cwd=project)
    assert check.returncode == 0, check.stderr
    assert "module 'serving-in-the-rain' is not listed under 'modules'" in check.stderr


def test_new_story_without_a_title_to_name_it_by(project: Path) -> None:
    result = run_generator("new", "story", "!!!", cwd=project)
    assert result.returncode == 1 and "no letters or digits" in result.stderr


def new(*args: str, content: Path) -> object:
    """`python -m generator new ...` in this process; a traceback fails the test."""
    return CliRunner().invoke(main, ["new", *args, "--content", str(content)], catch_exceptions=False)


def check(content: Path, *extra: str) -> object:
    return CliRunner().invoke(main, ["check", "--content", str(content), *extra], catch_exceptions=False)


def test_template_text_is_warned_about_until_replaced(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)  # messages name files as the trainer types them: relative to here
    content = Path("content")
    assert new("story", "The Umbrella", content=content).exit_code == 0
    story = content / "stories" / "the-umbrella.md"
    plain = check(content)
    assert plain.exit_code == 0, plain.output
    left = [line for line in plain.output.splitlines() if "still hold" in line]
    for field, line in [("'summary'", 5), ("'setting'", 9), ("'place'", 11), ("'source' 'author'", 14),
                        ("'questions' item 1", 20), ("'questions' item 2", 21)]:
        assert any(entry.startswith(f"{story}:{line}:") and f"field {field} still holds" in entry
                   for entry in left), (field, left)
    assert any("the story still holds the template's text 'Write the story here'" in entry for entry in left)
    assert check(content, "--strict").exit_code == 1

    text = re.sub(r'"Replace with[^"]*"', '"Written by the trainer"', story.read_text(encoding="utf-8"))
    story.write_text(text.replace("Write the story here", "The porter lent his umbrella"), encoding="utf-8")
    module = content / "modules" / "first-steps.md"
    module.write_text(module.read_text(encoding="utf-8").replace("the-open-door]", "the-open-door, the-umbrella]"),
                      encoding="utf-8")
    finished = check(content, "--strict")
    assert finished.exit_code == 0, finished.output


def test_new_refuses_a_slug_taken_in_a_sub_folder(project: Path) -> None:
    content = project / "content"
    (content / "stories" / "2024").mkdir()
    (content / "stories" / "2024" / "the-umbrella.md").write_text("my own work\n", encoding="utf-8")
    result = new("story", "The Umbrella!", content=content)
    assert result.exit_code == 1 and "the-umbrella.md already exists" in result.output
    assert not (content / "stories" / "the-umbrella.md").exists()


def test_a_long_title_makes_a_short_file_name(project: Path) -> None:
    title = "The day the whole shop stayed open late " * 8
    result = new("story", title, content=project / "content")
    assert result.exit_code == 0, result.output
    created = [p for p in (project / "content" / "stories").iterdir() if p.name.startswith("the-day-the-whole")]
    assert len(created) == 1 and len(created[0].stem) <= 60 and not created[0].stem.endswith("-")
    assert title.strip() in created[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["story", "module"])
def test_new_without_a_content_folder_says_what_to_do(tmp_path: Path, kind: str) -> None:
    result = new(kind, "The Umbrella", content=tmp_path / "content")
    assert result.exit_code == 1
    assert "there is no content folder at" in result.output and "new course DIR" in result.output
    assert not (tmp_path / "content").exists()


def test_new_story_without_themes_says_what_to_do(project: Path) -> None:
    (project / "content" / "themes.yml").unlink()
    result = new("story", "The Umbrella", content=project / "content")
    assert result.exit_code == 1 and "themes.yml is missing or defines no theme" in result.output


def test_new_course_builds_as_is(tmp_path: Path) -> None:
    result = run_generator("new", "course", "second-course", "--title", "Second Course", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    built = run_generator("build", cwd=tmp_path / "second-course", env={"TRAINING_PDF": "0"})
    assert built.returncode == 0, built.stderr
    site = tmp_path / "second-course" / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Second Course</title>" in home
    assert (site / "stories" / "an-example-story.html").exists()
    assert (site / "modules" / "first-session.html").exists()


def test_check_flags_every_example_text_of_a_new_course_until_replaced(tmp_path: Path) -> None:
    from generator.content.examples import example_bodies, example_texts

    assert run_generator("new", "course", "c", cwd=tmp_path).returncode == 0
    course = tmp_path / "c"
    checked = run_generator("check", "--strict", cwd=course)
    assert checked.returncode == 1
    flagged = [line for line in checked.stderr.splitlines() if "is still the example that `new course` wrote" in line]
    files = {line.split(":", 1)[0] for line in flagged}
    assert files == {"content/course.yml", "content/stories/an-example-story.md", "content/modules/first-session.md"}
    assert all(re.match(r"content/[\w/.-]+:\d+:\d+: warning: ", line) for line in flagged), flagged
    assert len(flagged) == len(example_texts()) + len(example_bodies())  # each text where it stands, none missed

    for path in course.rglob("*"):  # the trainer writes their own over every example text
        if path.suffix in (".md", ".yml") and path.parent != course:
            text = path.read_text(encoding="utf-8")
            for number, example in enumerate(sorted(example_texts() | set(example_bodies()), key=len, reverse=True)):
                text = text.replace(example, f"Our own words, number {number}.")
            folded = "An example course made with Service Stories. Edit content/course.yml to say what your\n  course is about and how to use it."
            path.write_text(text.replace(folded, "Our own course."), encoding="utf-8")
    finished = run_generator("check", "--strict", cwd=course)
    assert finished.returncode == 0, finished.stderr


def test_new_course_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_generator("new", "course", "busy", cwd=tmp_path)
    assert result.returncode == 1 and "not empty" in result.stderr
    assert sorted(p.name for p in (tmp_path / "busy").iterdir()) == ["notes.txt"]


def test_progress_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    terminal = io.StringIO()
    with build_progress(Console(file=terminal, force_terminal=True, width=100)) as progress:
        assert isinstance(progress, TerminalProgress)
        progress.stories_read(10)
        for number in range(26):
            progress.page_written(f"stories/{number}.html")
        progress.pdf_made("guides/first-steps.pdf")
        assert progress.text() == "Building the site: read 10 stories, wrote 26 pages, made 1 PDF…"
    assert "Building the site" in terminal.getvalue()

    piped = io.StringIO()
    with build_progress(Console(file=piped, force_terminal=False)) as progress:
        progress.stories_read(10)
        progress.page_written("index.html")
    assert piped.getvalue() == ""


@pytest.mark.parametrize("ci", ["true", "1"])
def test_progress_is_quiet_in_ci_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.setenv("CI", ci)
    terminal = io.StringIO()
    with build_progress(Console(file=terminal, force_terminal=True, width=100)) as progress:
        assert not isinstance(progress, TerminalProgress)
        progress.stories_read(10)
        progress.pdf_made("guides/first-steps.pdf")
    assert terminal.getvalue() == ""


class RecordedProgress(Progress):
    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []

    def stories_read(self, count: int) -> None:
        self.events.append(("stories", count))

    def page_written(self, path: str) -> None:
        self.events.append(("page", path))

    def pdf_made(self, path: str) -> None:
        self.events.append(("pdf", path))


def test_a_build_reports_stories_pages_and_pdfs(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    monkeypatch.setenv("TRAINING_PDF", "1")
    progress = RecordedProgress()
    result = build_site(Path("mkdocs.yml"), progress=progress, facilitator=True)
    pages = [path for kind, path in progress.events if kind == "page"]
    pdfs = [path for kind, path in progress.events if kind == "pdf"]
    assert progress.events[0] == ("stories", 3)
    assert len(pages) == len(set(pages)) == result.pages and "stories/the-spare-key.html" in pages
    assert all((project / "site-facilitator" / path).is_file() for path in pages + pdfs)
    assert "guides/first-steps.pdf" in pdfs and "cards/the-spare-key.pdf" in pdfs


def test_build_is_quiet_when_not_on_a_terminal(project: Path) -> None:
    result = run_generator("build", cwd=project)
    assert result.returncode == 0
    assert "Building the site" not in result.stderr and "\x1b[?25l" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Built ")


def _wait_for(condition, what: str, server: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert server.poll() is None, f"the preview server stopped while waiting for {what}"
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.2)


def test_serve_reloads_shows_errors_in_the_page_and_keeps_running(project: Path) -> None:
    templates = own_templates(project)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    url = f"http://127.0.0.1:{port}/stories/the-spare-key.html"
    story = project / "content" / "stories" / "the-spare-key.md"
    original = story.read_text(encoding="utf-8")
    try:
        _wait_for(lambda: "The Spare Key" in fetch(url), "the first build", server)

        story.write_text(original + "\nThe porter whistled on his way back down.\n", encoding="utf-8")
        _wait_for(lambda: "whistled on his way back down" in fetch(url), "the edited story", server)

        story.write_text(original.replace("title: The Spare Key", "title: [unclosed"), encoding="utf-8")
        _wait_for(lambda: "The content has errors" in fetch(url), "the error page", server)
        assert re.search(r"the-spare-key\.md:\d+:\d+", fetch(url)), "the error page does not say where"

        story.write_text(original, encoding="utf-8")
        _wait_for(lambda: "The Spare Key" in fetch(url) and "The content has errors" not in fetch(url), "recovery", server)

        page_template = templates / "pages" / "story.html.j2"
        good_template = page_template.read_text(encoding="utf-8")
        page_template.write_text(good_template + "<p>Told again after a template change</p>\n", encoding="utf-8")
        _wait_for(lambda: "Told again after a template change" in fetch(url), "a rebuild after a template changed", server)

        page_template.write_text(good_template + "{% if %}\n", encoding="utf-8")
        _wait_for(lambda: "template syntax error" in fetch(url), "the template error in the page", server)
        assert re.search(r"story\.html\.j2:\d+</code>", fetch(url)), "the error page does not say which template line"

        page_template.write_text(good_template, encoding="utf-8")
        _wait_for(lambda: "The Spare Key" in fetch(url) and "template syntax error" not in fetch(url),
                  "recovery from the template error", server)

        settings = project / "mkdocs.yml"
        settings.write_text(settings.read_text(encoding="utf-8") + "copyright: Reloaded after a settings change\n", encoding="utf-8")
        _wait_for(lambda: "Reloaded after a settings change" in fetch(url), "a rebuild after mkdocs.yml changed", server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output
    assert re.search(r"the-spare-key\.md:\d+:\d+: error: invalid YAML", output), "the error was not shown in the terminal"
    assert re.search(r"story\.html\.j2:\d+: error: template syntax error", output), "the template error was not shown in the terminal"
