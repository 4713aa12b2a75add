"""Reading and validating content: exact messages at exact lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_COURSE

from generator.content.loader import load_course
from generator.content.source_text import SourceError, read_text, split_front_matter
from generator.content.yaml_doc import parse_yaml

VALID_STORY = """---
title: The Spare Key
summary: A porter finds a lost key.
themes: [ownership]
source:
  author: Ada Example
  title: Keys
  publication: The Fixture Journal
questions:
  - What would you do?
---

The porter found the key.
"""


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture course; messages show paths relative to tmp_path."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURE_COURSE, tmp_path / "content")
    return Path("content")


def messages(content: Path) -> list[str]:
    _, report = load_course(content)
    return [str(p) for p in report.errors + report.warnings]


def errors(content: Path) -> list[str]:
    _, report = load_course(content)
    return [str(p) for p in report.errors]


def test_fixture_course_loads_without_problems(content: Path) -> None:
    course, report = load_course(content)
    assert report.problems == []
    assert course is not None
    assert list(course.stories) == ["a-note-of-thanks", "the-open-door", "the-spare-key"]
    assert [m.slug for m in course.modules] == ["first-steps", "going-further"]


def test_misspelled_field_is_named_with_line_and_suggestion(content: Path) -> None:
    (content / "stories/the-spare-key.md").write_text(VALID_STORY.replace("questions:", "qestions:"))
    assert errors(content) == [
        "content/stories/the-spare-key.md:2:1: error: missing required field 'questions'; "
        'add a line like: questions: ["What would you have done?"]',
        "content/stories/the-spare-key.md:9:1: error: unknown field 'qestions' (did you mean 'questions'?); "
        "the fields allowed here are: title, summary, pull_quote, themes, setting, place, source, told_by, image, video, facilitator, questions",
    ]


def test_unknown_theme_gets_did_you_mean_at_its_line_and_column(content: Path) -> None:
    (content / "stories/the-spare-key.md").write_text(VALID_STORY.replace("[ownership]", "[initiative, ownrship]"))
    assert errors(content) == [
        "content/stories/the-spare-key.md:4:22: error: field 'themes': unknown theme 'ownrship' "
        "(did you mean 'ownership'?); the themes are defined in content/themes.yml",
    ]


def test_unknown_story_in_module_gets_did_you_mean(content: Path) -> None:
    path = content / "modules/first-steps.md"
    path.write_text(path.read_text().replace("the-open-door]", "the-opn-door]"))
    assert errors(content) == [
        "content/modules/first-steps.md:8:26: error: field 'stories': unknown story 'the-opn-door' "
        "(did you mean 'the-open-door'?); the stories are defined in content/stories/",
    ]


def test_wrong_types_are_described_in_trainer_words(content: Path) -> None:
    story = VALID_STORY.replace("title: The Spare Key", "title: 2024").replace(
        "questions:\n  - What would you do?", "questions: What would you do?"
    )
    (content / "stories/the-spare-key.md").write_text(story)
    assert errors(content) == [
        "content/stories/the-spare-key.md:2:8: error: field 'title': expected text but received a number (2024)",
        "content/stories/the-spare-key.md:9:12: error: field 'questions': expected a list but received "
        "text 'What would you do?'; write it like: questions: [\"What would you have done?\"]",
    ]


def test_agenda_that_does_not_add_up(content: Path) -> None:
    path = content / "modules/first-steps.md"
    path.write_text(path.read_text().replace("minutes: 15", "minutes: 10"))
    assert errors(content) == [
        "content/modules/first-steps.md:9:1: error: field 'agenda': the activities add up to 25 minutes "
        "but 'duration' is 30; add 5 minutes in the agenda or change 'duration'",
    ]


def test_duration_as_text_is_refused(content: Path) -> None:
    path = content / "modules/going-further.md"
    path.write_text(path.read_text().replace("duration: 20", 'duration: "20"'))
    assert errors(content) == [
        "content/modules/going-further.md:3:11: error: field 'duration': expected a whole number of "
        "minutes but received text '20'; write it like: duration: 60",
    ]


def test_every_problem_is_reported_in_one_run(content: Path) -> None:
    (content / "stories/the-spare-key.md").write_text(VALID_STORY.replace("title: The Spare Key\n", ""))
    (content / "stories/the-open-door.md").write_text("no front matter here\n")
    themes = content / "themes.yml"
    themes.write_text(themes.read_text() + "  Bad Theme:\n    title: x\n    description: y\n")
    found = errors(content)
    assert len(found) == 3
    assert any("the-spare-key.md:2:1: error: missing required field 'title'" in m for m in found)
    assert any("the-open-door.md:1:1: error: expected front matter on the first line" in m for m in found)
    assert any("themes.yml:11:3: error: field 'themes' 'Bad Theme' name: expected a slug" in m for m in found)


def test_duplicate_yaml_key_is_reported_with_both_lines(content: Path) -> None:
    themes = content / "themes.yml"
    themes.write_text(themes.read_text() + "  ownership:\n    title: Again\n    description: Twice\n")
    assert errors(content) == [
        "content/themes.yml:11:3: error: invalid YAML: 'ownership' appears twice (first on line 2); keep only one"
    ]


def test_duplicate_slug_in_subfolders(content: Path) -> None:
    (content / "stories/archive").mkdir()
    shutil.copy(content / "stories/the-spare-key.md", content / "stories/archive/the-spare-key.md")
    assert errors(content) == [
        "content/stories/the-spare-key.md: error: duplicate story slug 'the-spare-key': "
        "content/stories/archive/the-spare-key.md has the same file name; rename one of them"
    ]


def test_file_name_that_is_not_a_slug(content: Path) -> None:
    shutil.move(content / "stories/the-open-door.md", content / "stories/The Open Door.md")
    found = errors(content)
    assert found[-1] == (
        "content/stories/The Open Door.md: error: the file name 'The Open Door.md' is not a valid slug "
        "(lowercase letters, digits and single hyphens); rename the file to 'the-open-door.md'"
    )


def test_warnings_are_kept_apart_from_errors(content: Path) -> None:
    themes = content / "themes.yml"
    themes.write_text(themes.read_text() + "  patience:\n    title: Patience\n    description: Waiting well.\n")
    course, report = load_course(content)
    assert course is not None
    assert report.errors == []
    assert [str(p) for p in report.warnings] == [
        "content/themes.yml:11:3: warning: theme 'patience' has no story; tag a story with it or remove it"
    ]
    assert report.failed(strict=False) is False
    assert report.failed(strict=True) is True


def test_missing_course_file(content: Path) -> None:
    (content / "course.yml").unlink()
    assert errors(content)[0].startswith("content/course.yml: error: missing file: content/course.yml holds")


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"\xef\xbb\xbf---\ntitle: x\n", "---\ntitle: x\n"),
        (b"---\r\ntitle: x\r\n", "---\ntitle: x\n"),
        (b"---\rtitle: x\r", "---\ntitle: x\n"),
    ],
)
def test_bom_and_line_endings_are_accepted(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "s.md"
    path.write_bytes(raw)
    assert read_text(path) == expected


def test_non_utf8_names_the_byte_and_line(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    path.write_bytes(b"---\ntitle: caf\xe9\n")
    with pytest.raises(SourceError) as caught:
        read_text(path)
    assert (caught.value.line, caught.value.column) == (2, 11)
    assert "not UTF-8 text (byte 0xE9" in caught.value.message


def test_front_matter_split_keeps_body_line_numbers() -> None:
    parts = split_front_matter("---\na: 1\nb: 2\n---\nBody\n", "story")
    assert parts.yaml == "a: 1\nb: 2\n"
    assert parts.body == "Body\n"
    assert parts.body_first_line == 5


def test_unclosed_front_matter() -> None:
    with pytest.raises(SourceError, match="never closed"):
        split_front_matter("---\ntitle: x\n", "story")


def test_yaml_positions_follow_the_file_lines() -> None:
    doc = parse_yaml("title: x\nthemes:\n  - a\n  - b\n", first_line=2)
    assert doc.position(("themes", 1)) == (5, 5)
    assert doc.position(("title",), at_key=True) == (2, 1)
    assert doc.position(("missing",)) == (2, 1)


def test_yaml_syntax_error_gets_a_hint() -> None:
    with pytest.raises(SourceError) as caught:
        parse_yaml("title: Rule one: listen\n", first_line=2)
    assert caught.value.line == 2
    assert caught.value.message.startswith("invalid YAML: mapping values are not allowed in this context; a value that contains ': '")
