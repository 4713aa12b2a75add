"""Text pasted from Word, and YAML mistakes: each reported at the line of the mistake, with the fix,
through the command line (`check`, exit codes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import build_project, run_generator

STORY = "content/stories/the-spare-key.md"


def rewrite(project: Path, old: str, new: str, path: str = STORY) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(project: Path, *extra: str):
    return run_generator("check", *extra, cwd=project)


def test_curly_quotes_around_a_value_are_read_as_quotes(project: Path) -> None:
    rewrite(project, "title: The Spare Key", "title: “The Spare Key: a lesson”")
    rewrite(project, "  - When did you last fix a problem before anyone noticed it?",
                     "  - ‘When did you last fix a problem before anyone noticed it?’")
    rewrite(project, "summary: A hotel porter", "summary: “A hotel porter")  # opened, never closed: kept as text
    result = check(project, "--strict")
    assert result.returncode == 0, result.stderr
    site = build_project(project)
    page = (site / "stories/the-spare-key.html").read_text(encoding="utf-8")
    assert "<h1>The Spare Key: a lesson</h1>" in page
    assert "<p class=\"ss-question\" id=\"question-1\">When did you last fix" in page
    assert "“A hotel porter" in page


def test_curly_quotes_inside_a_block_are_text(project: Path) -> None:
    rewrite(project, "summary: A hotel porter finds a guest's lost key before the guest knows it is gone.",
            "summary: >-\n  “A porter finds a lost key.”")
    site = build_project(project)
    assert "“A porter finds a lost key.”" in (site / "stories/index.html").read_text(encoding="utf-8")


def test_a_tab_is_named_at_its_line_with_the_fix(project: Path) -> None:
    rewrite(project, "  author: Ada Example", "\tauthor: Ada Example")
    result = check(project)
    assert result.returncode == 1
    assert f"{STORY}:8:1: error: invalid YAML: a tab character here; YAML indents with spaces only" in result.stderr
    assert "replace the tab with spaces" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_colon_is_reported_on_its_own_line_with_the_fix(project: Path) -> None:
    rewrite(project, "setting: Hospitality", "setting Hospitality")
    result = check(project)
    assert result.returncode == 1
    assert (f"{STORY}:5:1: error: invalid YAML: this line has no ':' after its field name: "
            "write it as setting: Hospitality") in result.stderr


@pytest.mark.parametrize("old, new, line, says", [
    ('  title: "Keys and Kindness"', '  title: "Keys and Kindness', 9, "this quote (\") is never closed"),
    ("themes: [ownership, initiative]", "themes: [ownership, initiative", 4, "this list in [ ] is not closed"),
])
def test_unclosed_quotes_and_lists_point_where_they_open(project: Path, old: str, new: str, line: int, says: str) -> None:
    rewrite(project, old, new)
    result = check(project)
    assert result.returncode == 1
    assert re.search(rf"{re.escape(STORY)}:{line}:\d+: error: invalid YAML: {re.escape(says)}", result.stderr), result.stderr


def test_invisible_characters_are_reported_where_they_are(project: Path) -> None:
    rewrite(project, "summary: A hotel porter", "summary: A hotel\u200b porter")
    rewrite(project, "  author: Ada Example", "\u00a0 author: Ada Example")  # indentation pasted from Word
    rewrite(project, "The porter saw", "The\u00ad porter saw")
    rewrite(project, "He walked it up", "He said « merci\u00a0» and walked it up\u00a0: 10\u00a0000 steps")  # French typography
    result = check(project)
    assert result.returncode == 0, result.stderr  # read as meant...
    assert f"{STORY}:3:17: warning: an invisible character, a zero-width space (U+200B)" in result.stderr
    assert f"{STORY}:8:1: warning: a non-breaking space (U+00A0), often pasted from Word, where YAML needs an ordinary space" in result.stderr
    assert f"{STORY}:17:4: warning: an invisible character, a soft hyphen (U+00AD)" in result.stderr
    assert f"{STORY}:19:" not in result.stderr  # no-break spaces where French typography puts them
    assert check(project, "--strict").returncode == 1  # ...but a strict check wants them gone


def test_a_video_length_written_as_minutes_and_seconds_is_text(project: Path) -> None:
    rewrite(project, "questions:\n", "video:\n  url: https://videos.example.com/keys\n  title: The porter's story\n"
                                     "  duration: 4:30\nquestions:\n")
    site = build_project(project)
    assert "4:30" in (site / "stories/the-spare-key.html").read_text(encoding="utf-8")
