"""Writing pages in parallel and reusing them in previews must not change a single byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_COURSE, TEMPLATES

from generator.build import page_writer
from generator.build.preview import PreviewCache
from generator.content.loader import load_course
from generator.output.writer import SiteWriter
from generator.render.jobs import PageJob, PageKind
from generator.render.pages import SiteRenderer


def site_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def write_fixture(target: Path, workers: int) -> list[page_writer.WrittenPage]:
    course, _ = load_course(FIXTURE_COURSE)
    renderer = SiteRenderer(course)
    return page_writer.write_pages(renderer.jobs(), renderer.render, lambda page: page.content, SiteWriter(target), workers)


def facts(pages: list[page_writer.WrittenPage]) -> list[tuple]:
    """What the rest of the build reads of each page (not which process wrote it)."""
    return [(page.path, page.search, page.ids, page.hrefs) for page in pages]


def test_forked_workers_write_the_same_files_and_facts_as_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = write_fixture(tmp_path / "one", workers=1)
    monkeypatch.setattr(page_writer, "PARALLEL_MIN_PAGES", 0)
    shared = write_fixture(tmp_path / "three", workers=3)
    assert [page.path for page in shared] == [page.path for page in alone]
    assert facts(shared) == facts(alone)
    assert len({page.pid for page in shared}) == 3, "three processes should have shared the pages"
    assert site_files(tmp_path / "three") == site_files(tmp_path / "one")
    assert not list((tmp_path / "three").rglob("*.part")), "temporary files left behind"


def test_a_template_error_in_a_worker_names_the_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    story = templates / "pages" / "story.html.j2"
    story.write_text(story.read_text(encoding="utf-8") + "{{ story.no_such_field }}\n", encoding="utf-8")
    course, _ = load_course(FIXTURE_COURSE)
    renderer = SiteRenderer(course, templates)
    monkeypatch.setattr(page_writer, "PARALLEL_MIN_PAGES", 0)
    with pytest.raises(page_writer.PageRenderError, match="story.html.j2"):
        page_writer.write_pages(renderer.jobs(), renderer.render, lambda p: p.content, SiteWriter(tmp_path / "out"), 2)


def test_preview_cache_renders_again_only_what_changed(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_COURSE, content)
    cache = PreviewCache()
    rendered: list[tuple[str, str]] = []

    def pages() -> dict[str, str]:
        course, report = load_course(content, cache.documents)
        assert course is not None, report.errors
        renderer = cache.renderer(course, None)
        original = renderer.render

        def counting(job):
            rendered.append(job)
            return original(job)

        renderer.render = counting  # type: ignore[method-assign]
        render = cache.render_function(renderer)
        return {page.path: page.content for page in map(render, renderer.jobs())}

    first = pages()
    assert len(rendered) == len(first)
    rendered.clear()
    assert pages() == first and rendered == [], "nothing changed, nothing should render"

    story = content / "stories" / "the-spare-key.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nA brand-new closing line.\n", encoding="utf-8")
    changed = pages()
    assert rendered == [PageJob(PageKind.STORY, "the-spare-key")]
    assert "A brand-new closing line." in changed["stories/the-spare-key.html"]

    rendered.clear()
    story.write_text(story.read_text(encoding="utf-8").replace("title: The Spare Key", "title: The Spare Keys"), encoding="utf-8")
    retitled = pages()
    assert len(rendered) == len(first), "a new title shows on other pages: everything renders again"
    assert "The Spare Keys" in retitled["themes/ownership.html"]


def test_reading_on_two_cores_gives_the_same_course_and_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.content import reader

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_COURSE, content)
    (content / "stories" / "Bad Name.md").write_text("---\ntitle: 3\n---\n", encoding="utf-8")
    (content / "stories" / "notes.txt").write_text("not a story", encoding="utf-8")
    one_course, one_report = load_course(content)
    monkeypatch.setattr(reader, "PARALLEL_MIN_FILES", 0)
    two_course, two_report = load_course(content, workers=2)
    assert [str(p) for p in two_report.problems] == [str(p) for p in one_report.problems]
    assert len(one_report.errors) >= 2
    assert one_course is None and two_course is None
    (content / "stories" / "Bad Name.md").unlink()
    one_course, _ = load_course(content)
    two_course, _ = load_course(content, workers=2)
    assert list(two_course.stories) == list(one_course.stories)
    assert [s.meta for s in two_course.stories.values()] == [s.meta for s in one_course.stories.values()]
