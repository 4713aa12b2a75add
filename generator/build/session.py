"""One build of the site, whichever way it was started: `python -m generator build` or `serve`,
`mkdocs build` or `mkdocs serve` all come here.

    load (read, validate, model) -> plan (typed jobs) -> render and write the pages -> print
    documents -> search index -> sitemap -> links

into a folder given by the caller: a staging folder that site_build.py swaps in, or the
preview folder of `serve`. Everything is written through one SiteWriter per build. The theme
(MkDocs + Material) only supplies the section shells and its static files, cached.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..content.inventory import Asset
from ..content.loader import load_course
from ..content.model import Course
from ..output.links import broken_links
from ..output.pdf import PdfError, pdf_bytes, quiet_weasyprint
from ..output.pictures import PictureWriteError, write_pictures
from ..output.search_index import write_search_index
from ..output.sitemap import write_sitemap
from ..output.writer import DuplicateWrite, SiteWriter
from ..parallel import WorkerLost, default_workers, map_in_shares
from ..problems import Report, display_path
from ..render import urls
from ..render.jobs import PageJob, PrintJob
from ..render.labels import LabelsError, labels_for
from ..render.pages import HtmlPage, SiteRenderer, error_pages
from ..render.print_docs import PrintRenderer
from ..render.room import RoomRenderer
from ..render.session_data import session_data
from ..render.template_cache import compiled_templates
from ..render.template_errors import describe_template_error, template_problem
from ..theme.shells import ThemeError, ThemeFiles, theme_files
from .page_writer import PageRenderError, WrittenPage, write_pages
from .preview import PreviewCache
from .progress import Progress
from .project import Project

ENV_OFF, ENV_ON = ("0", "false", "no", "off"), ("1", "true", "yes", "on")  # values of TRAINING_PDF


class BuildFailed(Exception):
    """The build cannot finish; `reason` says why and what to do, `report` lists content problems."""

    def __init__(self, reason: str, report: Report | None = None):
        super().__init__(reason)
        self.reason = reason
        self.report = report


@dataclass
class BuildResult:
    site_dir: Path
    pages: int
    report: Report
    broken_links: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # files in the site folder that no build made, kept
    page_paths: list[str] = field(default_factory=list)


def pdf_wanted(project: Project, previewing: bool) -> bool:
    """`pdf: false` or TRAINING_PDF=0 turn PDFs off; previews make them only with TRAINING_PDF=1,
    so a saved file shows in about a second."""
    wanted = os.environ.get("TRAINING_PDF", "").strip().lower()
    if wanted in ENV_OFF or not project.pdf:
        return False
    return not previewing or wanted in ENV_ON


def describe_os_error(exc: OSError) -> str:
    """'site/x.html: No space left on device': the file and the cause, whatever the error carries."""
    cause = exc.strerror or str(exc) or type(exc).__name__
    return f"{exc.filename}: {cause}" if exc.filename else cause


class BuildSession:
    """What one build knows: the project, its settings, its date, and who hears of progress."""

    def __init__(self, project: Project, date: int, *, strict: bool = False, progress: Progress | None = None,
                 preview: PreviewCache | None = None, facilitator: bool = False):
        """`facilitator`: build the facilitator edition (notes, guides, session tools) instead of
        the learner site, which never carries their text."""
        self.project = project
        self.facilitator = facilitator
        self.date = date
        self.strict = strict
        self.progress = progress or Progress()
        self.preview = preview  # kept across the rebuilds of `serve`; None for one-shot builds
        self.pdf = pdf_wanted(project, previewing=preview is not None)
        self.workers = 1 if preview is not None else (project.workers or default_workers())
        self.template_cache = compiled_templates(project.root)
        try:
            self.labels, self.label_warnings = labels_for(project.language, project.root)
        except LabelsError as exc:
            raise BuildFailed(str(exc)) from None

    def load(self) -> tuple[Course | None, Report]:
        """The course and its problems; fails on errors (and, with strict, on warnings)."""
        cache = self.preview.documents if self.preview is not None else None
        try:
            course, report = load_course(self.project.content_dir, cache, workers=self.workers)
        except WorkerLost as exc:
            raise BuildFailed(f"reading the content: {exc}") from None
        for warning in self.label_warnings:
            report.warning(display_path(self.project.config_file), warning)
        if report.failed(self.strict) and self.preview is None:
            reason = ("the content has errors; fix them and build again" if report.errors else
                      "the content has warnings, which --strict treats as errors; fix them or build without --strict")
            raise BuildFailed(reason, report)
        self.progress.stories_read(len(course.stories) if course else 0)
        return course, report

    def theme(self, title: str) -> ThemeFiles:
        if self.facilitator:
            title = f"{title} · {self.labels.text('facilitator.edition')}"
        try:
            return theme_files(self.project, title, self.labels)
        except ThemeError as exc:
            raise BuildFailed(str(exc)) from None

    def write_site(self, folder: Path, course: Course, report: Report) -> BuildResult:
        """Every file of the site into `folder`; the caller decides what happens to the folder."""
        theme = self.theme(course.title)
        writer = SiteWriter(folder, self.preview.on_disk if self.preview is not None else None)
        try:
            self._copy_static(writer, theme, course.assets)
            write_pictures(writer, course.pictures, self.project.root)
            written = self._write_pages(writer, theme, course)
            self._write_print_documents(writer, course)
            if theme.search_config is not None:
                entries = (entry for page in written for entry in page.search)
                write_search_index(writer, theme.search_config, entries, theme.offline)
            write_sitemap(writer, self.project.site_url, [page.path for page in written], self.date)
        except jinja2.TemplateError as exc:
            raise BuildFailed(describe_template_error(exc), Report([template_problem(exc)])) from None
        except PageRenderError as exc:
            raise BuildFailed(str(exc), Report([exc.problem]) if exc.problem else None) from None
        except DuplicateWrite as exc:
            raise BuildFailed(f"internal error, please report it: {exc}") from None
        except PictureWriteError as exc:
            raise BuildFailed(f"pictures: {exc}") from None
        except WorkerLost as exc:
            raise BuildFailed(str(exc)) from None
        links = self._check_links(written, writer, folder)
        if links and self.strict and self.preview is None:
            raise BuildFailed("broken links, which --strict treats as errors:\n  " + "\n  ".join(links), report)
        return BuildResult(folder, len(written), report, links, page_paths=[page.path for page in written])

    def write_error_pages(self, folder: Path, report: Report, title: str, paths: list[str]) -> None:
        """A preview of broken content: every page it had shows what to fix instead."""
        theme = self.theme(title)
        writer = SiteWriter(folder, self.preview.on_disk if self.preview is not None else None)
        self._copy_static(writer, theme, [])
        pages = error_pages(report, paths, self.project.templates_dir, self.labels)
        write_pages(pages, lambda page: page, lambda page: theme.shells[page.section].fill(page), writer)

    def _copy_static(self, writer: SiteWriter, theme: ThemeFiles, assets: list[Asset]) -> None:
        """The theme's files and the course's checked images, as they are."""
        if self.preview is None or self.preview.static_from != theme.folder:
            for relative in theme.static:
                if self.facilitator or relative not in urls.FACILITATOR_ASSETS:  # the session builder's own files
                    writer.copy(relative, theme.folder / relative)
        for asset in assets:
            writer.copy(asset.uri, asset.source)
        if self.preview is not None:
            self.preview.static_from = theme.folder

    def _write_pages(self, writer: SiteWriter, theme: ThemeFiles, course: Course) -> list[WrittenPage]:
        """Every page, and the data of every story the stories index reads."""
        render: Callable[[PageJob], HtmlPage]
        if self.preview is not None:
            renderer = self.preview.renderer(course, self.project.templates_dir, pdf=self.pdf,
                                             bytecode_cache=self.template_cache, labels=self.labels,
                                             facilitator=self.facilitator)
            render = self.preview.render_function(renderer)
        else:
            renderer = SiteRenderer(course, self.project.templates_dir, pdf=self.pdf, bytecode_cache=self.template_cache,
                                    labels=self.labels, facilitator=self.facilitator)
            renderer.warm_up()
            render = renderer.render
        written = write_pages(renderer.jobs(), render, lambda page: theme.shells[page.section].fill(page), writer,
                              self.workers, on_page=self.progress.page_written)
        writer.write(urls.STORIES_DATA, renderer.stories_data())
        if self.facilitator:
            writer.write(urls.SESSION_DATA, session_data(course))
            for path, script in renderer.session_stories():
                writer.write(path, script)
            self._write_room(writer, course)
        return written

    def _write_room(self, writer: SiteWriter, course: Course) -> None:
        """The room display (facilitator edition): standalone slide pages, written as they are."""
        room = RoomRenderer(course, self.project.templates_dir, self.labels, self.template_cache)
        for path, text in room.files().items():
            writer.write(path, text)

    def _write_print_documents(self, writer: SiteWriter, course: Course) -> None:
        """Each guide, handout, card and the course guide: rendered once, written once (the guide
        as a page, and as a PDF when PDFs are made)."""
        printer = PrintRenderer(course, self.project.templates_dir, self.project.paper, self.template_cache, self.labels)
        jobs = printer.jobs(self.pdf, self.facilitator)
        if self.preview is not None:
            jobs = [job for job in jobs if self.preview.print_changed(course, job)
                    or (job.html_path and not (Path(writer.root) / job.html_path).exists())]
        if self.pdf:
            quiet_weasyprint()

        def make(job: PrintJob) -> tuple[int, list[str]]:
            try:
                document = printer.document(job, self.pdf)
            except jinja2.TemplateError as exc:
                raise PdfError(describe_template_error(exc)) from None
            paths = []
            if document.html_path:
                writer.write(document.html_path, document.html)
                paths.append(document.html_path)
            if self.pdf:
                writer.write(document.pdf_path, pdf_bytes(document, self.date, Path(writer.root)))
                paths.append(document.pdf_path)
            return os.getpid(), paths

        on_made = (lambda made: self.progress.pdf_made(made[1][-1])) if self.pdf else None
        try:
            made = map_in_shares(make, jobs, self.workers, on_result=on_made)
        except PdfError as exc:
            raise BuildFailed(f"printable documents: {exc}") from None
        writer.adopt_from_workers(made)

    def _check_links(self, written: list[WrittenPage], writer: SiteWriter, folder: Path) -> list[str]:
        only = self.preview.rendered if self.preview is not None else None  # previews: the pages that changed
        files = set(writer.written)
        if self.preview is not None:
            files |= _files_of(folder)
        return broken_links(written, files, only)


def _files_of(folder: Path) -> set[str]:
    found: set[str] = set()
    for parent, _, names in os.walk(folder):
        relative = os.path.relpath(parent, folder).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found.update(prefix + name for name in names)
    return found
