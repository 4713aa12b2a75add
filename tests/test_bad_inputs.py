"""Bad content of every kind gets a clear error naming the file, exit code 1, and never a
Python traceback; a BOM and Windows or old Mac line endings are simply accepted."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURE_COURSE, run_generator

from generator.cli import main

STORY = "content/stories/the-spare-key.md"
OTHER_STORY = "content/stories/the-open-door.md"
MODULE = "content/modules/going-further.md"
COURSE = "content/course.yml"
THEMES = "content/themes.yml"


def edit(relative: str, old: str, new: str) -> Callable[[Path], str]:
    def change(project: Path) -> str:
        path = project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return relative
    return change


def write(relative: str, data: bytes | str) -> Callable[[Path], str]:
    def change(project: Path) -> str:
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return relative
    return change


def remove(relative: str, named: str | None = None) -> Callable[[Path], str]:
    def change(project: Path) -> str:
        target = project / relative
        shutil.rmtree(target) if target.is_dir() else target.unlink()
        return named or relative
    return change


def symlink_outside(project: Path) -> str:
    secret = project.parent / "secret.md"
    secret.write_text((FIXTURE_COURSE / "stories" / "the-spare-key.md").read_text(encoding="utf-8").replace("the-spare", "x"))
    os.symlink(secret, project / "content" / "stories" / "leaked.md")
    return "content/stories/leaked.md"


def duplicate_slug_in_subfolder(project: Path) -> str:
    (project / "content" / "stories" / "more").mkdir()
    shutil.copy(project / STORY, project / "content" / "stories" / "more" / "the-spare-key.md")
    return "content/stories/more/the-spare-key.md"


GOOD_STORY = (FIXTURE_COURSE / "stories" / "the-spare-key.md").read_text(encoding="utf-8")
FRONT, BODY = GOOD_STORY.split("---\n")[1], GOOD_STORY.split("---\n", 2)[2]

BAD = {
    # malformed YAML
    "unclosed quote": edit(STORY, "title: The Spare Key", 'title: "The Spare Key'),
    "unclosed bracket": edit(STORY, "themes: [ownership, initiative]", "themes: [ownership, initiative"),
    "bad indentation": edit(STORY, "  author: Ada Example", "    author: Ada Example\n  title Keys"),
    "tab indentation": edit(STORY, "  author: Ada Example", "\tauthor: Ada Example"),
    "unquoted colon in a value": edit(STORY, "title: The Spare Key", "title: Rule one: the key"),
    "yaml alias to nowhere": edit(STORY, "setting: Hospitality", "setting: *nowhere"),
    "yaml tag": edit(STORY, "setting: Hospitality", "setting: !secret Hospitality"),
    # front matter of the wrong shape
    "front matter is a list": write(STORY, "---\n- title\n- summary\n---\nBody\n"),
    "front matter is a string": write(STORY, "---\njust some words\n---\nBody\n"),
    "front matter is a number": write(STORY, "---\n42\n---\nBody\n"),
    "front matter is empty": write(STORY, "---\n---\nBody\n"),
    "no front matter": write(STORY, "The porter saw a key.\n"),
    "front matter never closed": write(STORY, "---\n" + FRONT + "\nBody without a closing line\n"),
    # missing and empty required fields
    "missing title": edit(STORY, "title: The Spare Key\n", ""),
    "empty title": edit(STORY, "title: The Spare Key", 'title: ""'),
    "missing summary": edit(STORY, "summary: A hotel porter finds a guest's lost key before the guest knows it is gone.\n", ""),
    "missing themes": edit(STORY, "themes: [ownership, initiative]\n", ""),
    "empty themes": edit(STORY, "themes: [ownership, initiative]", "themes: []"),
    "missing source": edit(STORY, "source:\n  author: Ada Example\n  title: \"Keys and Kindness\"\n  publication: The Fixture Journal\n  url: https://example.com/keys\n", ""),
    "source without author": edit(STORY, "  author: Ada Example\n", ""),
    "missing questions": write(STORY, GOOD_STORY.split("questions:")[0] + "---\n" + BODY),
    "empty questions": write(STORY, GOOD_STORY.split("questions:")[0] + "questions: []\n---\n" + BODY),
    # wrong types
    "title is a number": edit(STORY, "title: The Spare Key", "title: 1984"),
    "questions is a string": write(STORY, GOOD_STORY.split("questions:")[0] + "questions: Why?\n---\n" + BODY),
    "source is a list": edit(STORY, "source:\n  author: Ada Example", "source:\n  - author: Ada Example"),
    "themes is a mapping": edit(STORY, "themes: [ownership, initiative]", "themes: {ownership: yes}"),
    # unknown fields and references
    "misspelled field": edit(STORY, "questions:", "qestions:"),
    "unknown theme": edit(STORY, "themes: [ownership, initiative]", "themes: [ownrship, initiative]"),
    "duplicate key": edit(STORY, "setting: Hospitality", "setting: Hospitality\nsetting: Retail"),
    "theme slug with a slash": edit(STORY, "themes: [ownership, initiative]", "themes: [owner/ship]"),
    # modules
    "module without duration": edit(MODULE, "duration: 20\n", ""),
    "module duration as text": edit(MODULE, "duration: 20", "duration: twenty"),
    "module duration zero": edit(MODULE, "duration: 20", "duration: 0"),
    "module without objectives": edit(MODULE, "objectives:\n  - Practise thanking a colleague in one line\n", ""),
    "module without stories": edit(MODULE, "stories: [a-note-of-thanks, the-spare-key]\n", ""),
    "module without discussion": edit(MODULE, "discussion:\n  - Who deserves a line of thanks from you this week?\n", "discussion: []\n"),
    "agenda does not add up": edit(MODULE, "  - minutes: 10\n    activity: Write", "  - minutes: 15\n    activity: Write"),
    "module refers to a missing story": edit(MODULE, "the-spare-key]", "the-spare-keys]"),
    "story slug with dots": edit(MODULE, "the-spare-key]", "../the-spare-key]"),
    # files and names
    "duplicate slug in a sub-folder": duplicate_slug_in_subfolder,
    "file name with capitals": write("content/stories/The-Umbrella.md", GOOD_STORY),
    "file name with spaces": write("content/stories/the umbrella.md", GOOD_STORY),
    "file name with two dots": write("content/stories/the..umbrella.md", GOOD_STORY),
    "non-UTF-8 bytes": write(STORY, GOOD_STORY.encode("utf-8").replace(b"brass", b"br\xe4ss")),
    "NUL byte": write(STORY, GOOD_STORY.replace("brass", "br\x00ss")),
    "empty file": write(STORY, b""),
    "5 MB file": write(STORY, GOOD_STORY + ("All work and no play. " * 240_000)),
    "symlink outside content": symlink_outside,
    # course files
    "missing course.yml": remove(COURSE),
    "missing themes.yml": remove(THEMES),
    "themes.yml is a list": write(THEMES, "- ownership\n- initiative\n"),
    "course.yml lists an unknown module": edit(COURSE, "  - going-further", "  - going-farther"),
    "course.yml without a title": edit(COURSE, "title: Fixture Course\n", ""),
    "course.yml is not YAML": write(COURSE, "title: [Fixture\n"),
    "stories folder missing": remove("content/stories", named="content/stories"),
    # more wrong values
    "title is yes": edit(STORY, "title: The Spare Key", "title: yes"),
    "title is a date": edit(STORY, "title: The Spare Key", "title: 2024-05-01"),
    "title is a list": edit(STORY, "title: The Spare Key", "title: [The, Spare, Key]"),
    "source url is not a web address": edit(STORY, "url: https://example.com/keys", "url: javascript:alert(1)"),
    "theme slug with a space": edit(STORY, "themes: [ownership, initiative]", "themes: [owner ship]"),
    "module story slug with capitals": edit(MODULE, "the-spare-key]", "The-Spare-Key]"),
    "module stories is a string": edit(MODULE, "stories: [a-note-of-thanks, the-spare-key]", "stories: the-spare-key"),
    "agenda minutes as text": edit(MODULE, "  - minutes: 10\n    activity: Write", "  - minutes: ten\n    activity: Write"),
    "agenda item without activity": edit(MODULE, "    activity: Write one line of thanks\n", ""),
    "theme without a description": edit(THEMES, "    description: Acting before being asked.\n", ""),
    "theme slug with capitals": edit(THEMES, "  initiative:", "  Initiative:"),
    "course.yml modules empty": edit(COURSE, "modules:\n  - first-steps\n  - going-further", "modules: []"),
}


@pytest.fixture
def in_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE_COURSE, project / "content")
    monkeypatch.chdir(project)
    return project


def check_in_process(*args: str):
    return CliRunner().invoke(main, ["check", *args], catch_exceptions=False)


def test_there_are_at_least_forty_distinct_cases() -> None:
    assert len(BAD) >= 40


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_names_the_file_and_fails_cleanly(in_project: Path, case: str) -> None:
    named = BAD[case](in_project)
    result = check_in_process()
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code == 1, f"{case}: expected exit 1, got {result.exit_code}:\n{output}"
    assert named in output, f"{case}: {named} is not named in:\n{output}"
    assert "Traceback" not in output
    assert ": error: " in output


@pytest.mark.parametrize("case", ["unknown theme", "non-UTF-8 bytes", "missing course.yml", "symlink outside content"])
def test_bad_input_through_the_real_entry_point(in_project: Path, case: str) -> None:
    named = BAD[case](in_project)
    for command in (["check"], ["build"]):
        (in_project / "mkdocs.yml").write_text((Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8"))
        result = run_generator(*command, cwd=in_project)
        assert result.returncode == 1, result.stderr
        assert named in result.stderr and "Traceback" not in result.stderr + result.stdout


def test_did_you_mean_for_near_misses(in_project: Path) -> None:
    for case in ("misspelled field", "unknown theme", "module refers to a missing story"):
        BAD[case](in_project)
    output = check_in_process().output
    assert "did you mean 'questions'" in output
    assert "did you mean 'ownership'" in output
    assert "did you mean 'the-spare-key'" in output


@pytest.mark.parametrize("transform", [
    lambda text: b"\xef\xbb\xbf" + text,
    lambda text: text.replace(b"\n", b"\r\n"),
    lambda text: text.replace(b"\n", b"\r"),
], ids=["BOM", "Windows line endings", "old Mac line endings"])
def test_encodings_and_line_endings_are_accepted(in_project: Path, transform) -> None:
    for path in (in_project / "content").rglob("*.*"):
        path.write_bytes(transform(path.read_bytes()))
    result = check_in_process()
    assert result.exit_code == 0, result.output


def test_strict_turns_warnings_into_a_failure(in_project: Path) -> None:
    edit(MODULE, "stories: [a-note-of-thanks, the-spare-key]", "stories: [a-note-of-thanks]")(in_project)
    edit(MODULE, "  - minutes: 10\n    activity: Read", "  - minutes: 10\n    activity: Read")(in_project)
    (in_project / "content" / "modules" / "first-steps.md").write_text(
        (in_project / "content" / "modules" / "first-steps.md").read_text(encoding="utf-8")
        .replace("stories: [the-spare-key, the-open-door]", "stories: [the-open-door]"), encoding="utf-8")
    plain = check_in_process()
    assert plain.exit_code == 0 and "warning: story 'the-spare-key' is used by no module" in plain.output
    strict = check_in_process("--strict")
    assert strict.exit_code == 1
