"""What a preview rebuild can reuse from the last one: parsed files, compiled templates and
rendered pages, each keyed by what it depends on.

`mkdocs serve` rebuilds the whole site after every save. With a thousand stories that
means reading, converting and rendering a thousand files to show one changed paragraph;
with this cache a rebuild re-reads only changed files and re-renders only pages whose
inputs changed. A page depends on its own file plus the course's "index" (every title,
summary, theme, setting and module); a change to the index or to any template renders
everything again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..content.model import Course
from ..content.reader import DocumentCache
from ..render.jobs import PageJob, PageKind, PrintJob, PrintKind
from ..render.labels import ENGLISH, Labels
from ..render.pages import HtmlPage, SiteRenderer
from ..render.template_folders import fingerprint


def _digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def index_fingerprint(course: Course) -> str:
    """Everything a page may show about other stories and modules (their cards, links and accents)."""
    stories = [(s.slug, s.title, s.summary, s.pull_quote, s.setting, s.theme_slugs, s.picture, s.meta.video)
               for s in course.stories.values()]  # what a story's card shows
    modules = [(m.slug, m.meta.model_dump_json()) for m in course.modules]
    themes = [(t.slug, t.title, t.description) for t in course.themes.values()]
    return _digest(course.meta.model_dump_json(), stories, modules, themes)


def own_fingerprint(course: Course, job: PageJob) -> str:
    """What only this page shows: its story's or module's own file."""
    if job.kind is PageKind.STORY:
        story = course.stories[job.slug]
        return _digest(story.meta.model_dump_json(), story.body, story.body_first_line)
    if job.kind is PageKind.MODULE:
        module = course.modules_by_slug[job.slug]
        return _digest(module.notes, module.notes_first_line)
    return ""


def templates_fingerprint(templates_dir: Path | None, labels: Labels = ENGLISH) -> str:
    """Every template (the course's and the tool's) and the labels they say."""
    return _digest(fingerprint(templates_dir), labels.language, sorted(labels.catalogue.labels.items(), key=str))


@dataclass
class PreviewCache:
    """Kept by the plugin, which MkDocs keeps alive across the rebuilds of one `serve`."""

    documents: DocumentCache = field(default_factory=dict)
    environment: tuple[str, jinja2.Environment] | None = None  # (templates fingerprint, env)
    index_key: str = ""
    pages: dict[PageJob, tuple[str, HtmlPage]] = field(default_factory=dict)
    on_disk: dict[str, str] = field(default_factory=dict)  # page path -> digest of what was written
    guides: dict[str, str] = field(default_factory=dict)  # module slug -> fingerprint of its guide's inputs
    rendered: set[str] = field(default_factory=set)  # paths of the pages rendered in the last rebuild
    static_from: Path | None = None  # the theme folder whose files the preview folder holds
    _own: dict[int, tuple[object, str]] = field(default_factory=dict)  # id(meta) -> (meta, fingerprint)

    def own_fingerprint(self, course: Course, job: PageJob) -> str:
        """own_fingerprint, remembered per parsed file: unchanged files keep their objects."""
        source = (course.stories[job.slug].meta if job.kind is PageKind.STORY else
                  course.modules_by_slug[job.slug].meta if job.kind is PageKind.MODULE else None)
        if source is None:
            return ""
        remembered = self._own.get(id(source))
        if remembered is None or remembered[0] is not source:
            remembered = (source, own_fingerprint(course, job))
            self._own[id(source)] = remembered
        return remembered[1]

    def print_changed(self, course: Course, job: PrintJob) -> bool:
        """True for print jobs other than guides, and for guides whose module or stories changed."""
        if job.kind is not PrintKind.GUIDE:
            return True
        module = course.modules_by_slug[job.slug]
        key = _digest(self.index_key, self.environment[0] if self.environment else "",
                      self.own_fingerprint(course, PageJob(PageKind.MODULE, job.slug)),
                      [self.own_fingerprint(course, PageJob(PageKind.STORY, story.slug)) for story in module.stories])
        if self.guides.get(job.slug) == key:
            return False
        self.guides[job.slug] = key
        return True

    def renderer(self, course: Course, templates_dir: Path | None, pdf: bool = False,
                 bytecode_cache: jinja2.BytecodeCache | None = None, labels: Labels = ENGLISH,
                 facilitator: bool = False) -> SiteRenderer:
        """A renderer that reuses the compiled templates while no template (nor label) changed."""
        key = templates_fingerprint(templates_dir, labels) + ("+pdf" if pdf else "")
        renderer = SiteRenderer(course, templates_dir, pdf=pdf, bytecode_cache=bytecode_cache, labels=labels,
                                facilitator=facilitator,
                                environment=self.environment[1] if self.environment and self.environment[0] == key else None)
        if not self.environment or self.environment[0] != key:
            self.environment = (key, renderer.env)
            self.pages.clear()
        return renderer

    def render_function(self, renderer: SiteRenderer) -> Callable[[PageJob], HtmlPage]:
        """renderer.render, skipping pages whose inputs did not change."""
        course = renderer.course
        index_key = index_fingerprint(course)
        if index_key != self.index_key:
            self.pages.clear()
            self.index_key = index_key
        self.rendered = set()

        def render(job: PageJob) -> HtmlPage:
            own = self.own_fingerprint(course, job)
            cached = self.pages.get(job)
            if cached is None or cached[0] != own:
                cached = (own, renderer.render(job))
                self.pages[job] = cached
                self.rendered.add(cached[1].path)
            return cached[1]

        return render
