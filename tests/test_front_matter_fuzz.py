"""Whatever a trainer types as front matter, the reader either loads it or reports a content
error naming the file: it never raises."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.loader import load_course

from conftest import FIXTURE_COURSE

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                      max_leaves=12)
field_names = st.sampled_from(["title", "summary", "themes", "setting", "place", "source", "questions", "qestions"]) | st.text(max_size=10)
front_matters = (
    st.dictionaries(field_names, values, max_size=8).map(lambda d: yaml.safe_dump(d, allow_unicode=True))
    | values.map(lambda v: yaml.safe_dump(v, allow_unicode=True))
    | st.text(max_size=200)
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matter=front_matters, body=st.text(max_size=200))
def test_reader_loads_or_reports_never_raises(front_matter: str, body: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        content = Path(scratch) / "content"
        shutil.copytree(FIXTURE_COURSE, content)
        story = content / "stories" / "fuzzed.md"
        story.write_text(f"---\n{front_matter}\n---\n{body}", encoding="utf-8", errors="surrogatepass") \
            if "\ud800" not in front_matter + body else story.write_bytes(b"---\n---\n")
        course, report = load_course(content)
        if course is None:
            assert report.errors, "no course but no error either"
            assert any("fuzzed.md" in problem.path for problem in report.errors), [str(p) for p in report.errors]
        else:
            assert "fuzzed" in course.stories
