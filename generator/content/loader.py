"""Content folder in, validated Course out: read, validate, cross-check, model."""

from __future__ import annotations

from pathlib import Path

from ..problems import Report
from .checks import cross_check
from .model import Course, Module, Story, Theme
from .reader import ContentFiles, DocumentCache, read_content, valid
from .references import References, resolve_references


def load_course(content_dir: Path | str, cache: DocumentCache | None = None,
                workers: int = 1) -> tuple[Course | None, Report]:
    """The course and every problem found; the course is None when there is any error.

    With a `cache` (kept between preview rebuilds), unchanged files are not read again;
    with `workers` > 1 (one-shot builds), large folders are read on several cores.
    """
    report = Report()
    files = read_content(Path(content_dir), report, cache, workers)
    cross_check(files, report)
    references = resolve_references(files, report)
    if report.errors:
        return None, report
    return build_course(files, references), report


def build_course(files: ContentFiles, references: References | None = None) -> Course:
    assert files.course and files.themes, "build_course needs checked content"
    course, theme_file = valid(files.course), valid(files.themes)
    references = references or References()
    html = references.html
    themes = {slug: Theme(slug, meta.title, meta.description) for slug, meta in theme_file.themes.items()}
    story_docs = sorted(((valid(doc), doc) for doc in files.stories), key=lambda pair: (pair[0].title.casefold(), pair[1].slug))
    stories = {
        doc.slug: Story(doc.slug, doc.path, meta, doc.body, doc.body_first_line, [themes[t] for t in meta.themes],
                        html.get(doc.path, doc.html), references.story_pictures.get(doc.slug))
        for meta, doc in story_docs
    }
    module_docs = {doc.slug: doc for doc in files.modules}
    modules = []
    for number, slug in enumerate(course.modules, start=1):
        doc = module_docs[slug]
        meta = valid(doc)
        stories_of_module = [stories[s] for s in meta.stories]
        modules.append(Module(slug, doc.path, meta, doc.body, doc.body_first_line, stories_of_module, number,
                              html.get(doc.path, doc.html)))
    return Course(course, themes, stories, modules, files.assets, references.pictures)
