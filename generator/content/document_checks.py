"""What is wrong with one file on its own, found where the file is read (in the reading
workers, so a large course checks its files on every core); checks.py looks across files."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..problems import Problem, Report
from .examples import example_bodies, example_texts
from .placeholders import NOTES_PLACEHOLDER, PLACEHOLDER, STORY_BODY_PLACEHOLDER
from .schema import StoryMeta
from .validation import describe, field_name
from .yaml_doc import YamlDoc

SUMMARY_MAX_WORDS = 40
PULL_QUOTE_MAX_WORDS = 30
# Short fields shown on every story card, their word limits and why (warnings, so --strict refuses them).
WORD_LIMITS = {
    "summary": (SUMMARY_MAX_WORDS, "one sentence", "it is shown on every story card"),
    "pull_quote": (PULL_QUOTE_MAX_WORDS, "one short line", "it is shown large on the story's page and card"),
}


def document_problems(path: str, meta: BaseModel | None, yaml: YamlDoc, body: str, body_first_line: int) -> list[Problem]:
    """Warnings about one story, module or course file: fields too long for where they are
    shown, and template text never replaced."""
    report = Report()
    if isinstance(meta, StoryMeta):
        _check_word_limits(path, meta, yaml, report)
    _check_placeholders(path, yaml, body, body_first_line, report)
    return report.problems


def _check_word_limits(path: str, meta: StoryMeta, yaml: YamlDoc, report: Report) -> None:
    for name, (limit, shape, why) in WORD_LIMITS.items():
        words = len((getattr(meta, name) or "").split())
        if words > limit:
            report.warning(path, f"field '{name}' is {words} words long; keep it to {shape} of at most {limit} words ({why})",
                           *yaml.position((name,)))


def _check_placeholders(path: str, yaml: YamlDoc, body: str, body_first_line: int, report: Report) -> None:
    """Template text from `new story`, `new module` or `new course` that was never replaced: valid,
    but not meant to be published (a warning, so --strict builds refuse it)."""
    examples = example_texts()

    def visit(value: Any, loc: tuple[Any, ...]) -> None:
        if isinstance(value, str) and value.strip().startswith(PLACEHOLDER):
            report.warning(path, f"{field_name(loc)} still holds the template's "
                           f"{describe(value.strip())}; write your own", *yaml.position(loc))
        elif isinstance(value, str) and value.strip() in examples:
            report.warning(path, f"{field_name(loc)} is still the example that `new course` wrote "
                           f"({describe(value.strip())}); write your own", *yaml.position(loc))
        elif isinstance(value, dict):
            for key, item in value.items():
                visit(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*loc, index))

    visit(yaml.data, ())
    for marker in example_bodies():
        offset = body.find(marker)
        if offset >= 0:
            line = body_first_line + body.count("\n", 0, offset)
            report.warning(path, f"the text is still the example that `new course` wrote ({marker[:40]!r}...); "
                           "write your own", line, 1)
    for marker in (STORY_BODY_PLACEHOLDER, NOTES_PLACEHOLDER):
        offset = body.find(marker)
        if offset >= 0:
            what = "the story still holds" if marker == STORY_BODY_PLACEHOLDER else "the facilitator notes still hold"
            line = body_first_line + body.count("\n", 0, offset)
            report.warning(path, f"{what} the template's text {marker!r}...; write your own there", line, 1)
