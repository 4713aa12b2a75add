"""Whatever a trainer types as front matter or YAML, in any kind of content file, the reader
either loads it or reports a content error naming the file: it never raises."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from conftest import FIXTURE_COURSE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.loader import load_course

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30) | st.dates()
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                      max_leaves=12)
field_names = st.sampled_from(["title", "summary", "themes", "setting", "place", "source", "questions", "qestions",
                               "duration", "objectives", "stories", "agenda", "discussion", "modules"]) | st.text(max_size=10)
front_matters = (
    st.dictionaries(field_names, values, max_size=8).map(lambda d: yaml.safe_dump(d, allow_unicode=True))
    | values.map(lambda v: yaml.safe_dump(v, allow_unicode=True))
    | st.text(max_size=200)
)
# Where the generated text goes: a new story, a new module, or in place of a course file.
targets = st.sampled_from(["stories/fuzzed.md", "modules/fuzzed.md", "course.yml", "themes.yml"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=targets, front_matter=front_matters, body=st.text(max_size=200))
def test_reader_loads_or_reports_never_raises(target: str, front_matter: str, body: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        content = Path(scratch) / "content"
        shutil.copytree(FIXTURE_COURSE, content)
        text = f"---\n{front_matter}\n---\n{body}" if target.endswith(".md") else front_matter
        (content / target).write_bytes(text.encode("utf-8", errors="surrogatepass"))
        course, report = load_course(content)
        if course is None:
            assert report.errors, "no course but no error either"
            named = any(target in problem.path for problem in report.errors)
            # Valid themes can still leave stories with themes that no longer exist.
            stories_named = target == "themes.yml" and any("stories/" in problem.path for problem in report.errors)
            assert named or stories_named, [str(problem) for problem in report.errors]
        elif target.startswith("stories/"):
            assert "fuzzed" in course.stories


# Bodies made of what makes Markdown recurse or rescan: conversion returns HTML or an error,
# and never raises (the limits of body_limits.py stop what Python's stack cannot take).
body_tokens = st.sampled_from(["[", "](", "![", "<a ", "<![CDATA[", "- ", "1. ", "> ", "    ", "\n", "\n\n", "`",
                               "*", "_", "&", "\\", "word ", "<b>", "]", ">", "http://x.org "])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tokens=st.lists(body_tokens, max_size=1500))
def test_any_body_converts_or_is_reported(tokens: list[str]) -> None:
    from generator.content.body_html import ContentHtml

    html, problems = ContentHtml().convert("".join(tokens), 2, "content/stories/fuzzed.md", 5)
    errors = [problem for problem in problems if problem.severity.value == "error"]
    assert bool(errors) == (html == "" and "".join(tokens).strip() != "")
    assert all(problem.path == "content/stories/fuzzed.md" and problem.line and problem.line >= 5 for problem in problems)
