"""Content folder in, validated Course out: read, validate, cross-check, model."""

from __future__ import annotations

from pathlib import Path

from .checks import cross_check
from .model import Course, Module, Story, Theme
from ..problems import Report
from .reader import ContentFiles, DocumentCache, read_content


def load_course(content_dir: Path | str, cache: DocumentCache | None = None,
                workers: int = 1) -> tuple[Course | None, Report]:
    """The course and every problem found; the course is None when there is any error.

    With a `cache` (kept between preview rebuilds), unchanged files are not read again;
    with `workers` > 1 (one-shot builds), large folders are read on several cores.
    """
    report = Report()
    files = read_content(Path(content_dir), report, cache, workers)
    cross_check(files, report)
    if report.errors:
        return None, report
    return build_course(files), report


def build_course(files: ContentFiles) -> Course:
    assert files.course and files.themes, "build_course needs checked content"
    assert all(d.meta is not None for d in files.stories + files.modules), "build_course needs valid documents"
    themes = {
        slug: Theme(slug, meta.title, meta.description) for slug, meta in files.themes.meta.themes.items()
    }
    stories = {
        doc.slug: Story(doc.slug, doc.path, doc.meta, doc.body, doc.body_first_line, [themes[t] for t in doc.meta.themes],
                         doc.html)
        for doc in sorted(files.stories, key=lambda d: (d.meta.title.casefold(), d.slug))
    }
    module_docs = {doc.slug: doc for doc in files.modules}
    modules = []
    for number, slug in enumerate(files.course.meta.modules, start=1):
        doc = module_docs[slug]
        stories_of_module = [stories[s] for s in doc.meta.stories]
        modules.append(Module(slug, doc.path, doc.meta, doc.body, doc.body_first_line, stories_of_module, number, doc.html))
    return Course(files.course.meta, themes, stories, modules, files.assets)
