"""The optional `pull_quote` of a story: checked like every field, placed in the middle of the
story's text (never beside the paragraph it repeats), and shown on the story's card."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_COURSE

from generator.content.loader import load_course
from generator.render.pages import SiteRenderer, split_for_pull_quote

STORY = "stories/the-spare-key.md"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURE_COURSE, tmp_path / "content")
    return Path("content")


def with_quote(content: Path, line: str) -> None:
    path = content / STORY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("themes: [ownership, initiative]", f"{line}\nthemes: [ownership, initiative]"), encoding="utf-8")


def problems(content: Path) -> list[str]:
    _, report = load_course(content)
    return [str(p) for p in report.errors + report.warnings]


@pytest.mark.parametrize("line, message", [
    ("pull_quote: [He walked it up]",
     "content/stories/the-spare-key.md:4:13: error: field 'pull_quote': expected text but received a list of 1 item; "
     "write it like: pull_quote: \"She did not wait to be asked.\""),
    ('pull_quote: "  "', "content/stories/the-spare-key.md:4:13: error: field 'pull_quote': expected text but the field is empty; "
     "write it like: pull_quote: \"She did not wait to be asked.\""),
    ("pull_quote: 2024", "content/stories/the-spare-key.md:4:13: error: field 'pull_quote': expected text but received a number (2024)"),
    ("pull_quote: " + "word " * 31,
     "content/stories/the-spare-key.md:4:13: warning: field 'pull_quote' is 31 words long; keep it to one short line "
     "of at most 30 words (it is shown large on the story's page and card)"),
    ("pul_quote: He walked it up.", "content/stories/the-spare-key.md:4:1: error: unknown field 'pul_quote' (did you mean 'pull_quote'?); "
     "the fields allowed here are: title, summary, pull_quote, themes, setting, place, source, told_by, image, video, facilitator, questions"),
])
def test_a_bad_pull_quote_is_named_at_its_line(content: Path, line: str, message: str) -> None:
    with_quote(content, line)
    assert problems(content) == [message]


def test_a_good_pull_quote_is_on_the_page_and_the_card(content: Path) -> None:
    with_quote(content, 'pull_quote: "He walked it up to the guest\'s floor before breakfast."')
    course, report = load_course(content)
    assert course is not None and report.problems == []
    pages = {page.path: page.content for page in SiteRenderer(course).pages()}
    story = pages["stories/the-spare-key.html"]
    assert ('<aside class="ss-pull-quote" aria-label="Pull quote"><p>He walked it up to the guest&#39;s floor '
            'before breakfast.</p></aside>') in story
    assert "<p>He walked it up to the guest's floor before breakfast." in story  # the story's own text, still there
    card = pages["stories/index.html"].split('data-themes="ownership initiative"', 1)[1].split("</li>", 1)[0]
    assert "ss-card__quote" in card and "before breakfast." in card
    assert "ss-card__quote" not in pages["stories/index.html"].split("the-spare-key.html", 1)[0]  # no quote, no box


BODY = "\n".join(f"<p>Paragraph {n}.</p>" for n in range(1, 7)) + "\n<h2>Later</h2>\n<p>Paragraph 7.</p>"


def test_the_quote_goes_in_the_middle_after_a_paragraph() -> None:
    before, after = split_for_pull_quote(BODY, "Something else")
    assert before.endswith("<p>Paragraph 4.</p>") and after.startswith("\n<p>Paragraph 5.</p>")
    assert before + after == BODY


def test_the_quote_never_stands_beside_the_paragraph_it_repeats() -> None:
    before, after = split_for_pull_quote(BODY, "paragraph  4.")
    assert before.endswith("<p>Paragraph 2.</p>") or before.endswith("<p>Paragraph 5.</p>")
    assert "Paragraph 4." not in (before[-30:] + after[:30])


def test_a_quote_is_never_put_inside_a_quotation_or_after_a_heading() -> None:
    body = "<p>One.</p>\n<blockquote>\n<p>Two.</p>\n<p>Three.</p>\n</blockquote>\n<h2>Four</h2>\n<p>Five.</p>"
    before, after = split_for_pull_quote(body, "x")
    assert before == "<p>One.</p>"
    one_paragraph = "<p>Only this.</p>"
    assert split_for_pull_quote(one_paragraph, "x") == (one_paragraph, "")
