"""The optional `pull_quote` of a story: checked like every field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.loader import load_course

from conftest import FIXTURE_COURSE

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
     "the fields allowed here are: title, summary, pull_quote, themes, setting, place, source, questions"),
])
def test_a_bad_pull_quote_is_named_at_its_line(content: Path, line: str, message: str) -> None:
    with_quote(content, line)
    assert problems(content) == [message]
