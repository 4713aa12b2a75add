"""The thin MkDocs adapter: content in, finished pages out; the work is in the core.

Registered as the `service-stories` plugin (entry point in pyproject.toml), so plain
`mkdocs build` and `mkdocs serve` work as well as `python -m generator`.

MkDocs renders one shell page per section (home, stories, themes, modules) through the
theme; every generated page is then the core's HTML poured into its section's shell
(theme_shell.py), and its search entries go straight into Material's search index.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Literal

import jinja2
import yaml
from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..output.links import broken_links
from ..content.loader import load_course
from ..content.model import Course
from ..build.page_writer import PageRenderError, WrittenPage, write_pages
from ..build.parallel import default_workers, map_in_shares
from ..output.pdf import PdfError, write_pdf
from ..build.preview import PreviewCache
from ..render.print_docs import PAPER_SIZES, PrintRenderer
from ..problems import Problem, Report
from ..build.progress import Progress
from ..render.pages import SECTION_INDEXES, HtmlPage, SiteRenderer, error_pages
from ..render.template_cache import compiled_templates
from ..render.template_errors import describe_template_error, template_problem
from ..output.site_folder import UnsafeSiteFolder, refuse_unsafe
from ..render.shell import SHELL_META, Shell
from ..output.writer import write_file

log = logging.getLogger("mkdocs.plugins.service_stories")

NAV = [{"Home": "index.md"}, {"Stories": "stories/index.md"}, {"Themes": "themes/index.md"}, {"Modules": "modules/index.md"}]
SHELL_SOURCES = {section: path.removesuffix(".html") + ".md" for section, path in SECTION_INDEXES.items()}
SHELL_MARKDOWN = "---\n" + yaml.safe_dump(SHELL_META, sort_keys=True) + "---\n"
ENV_OFF, ENV_ON = ("0", "false", "no", "off"), ("1", "true", "yes", "on")  # values of TRAINING_PDF


class PaperSize(c.Choice):
    """`paper: a4` or `paper: letter` (any case), with a message a trainer can act on."""

    def run_validation(self, value: object) -> str:
        if isinstance(value, str) and value.lower() in self.choices:
            return value.lower()
        raise base.ValidationError(f"{value!r} is not a paper size the PDFs can use; write 'a4' or 'letter'")


class ServiceStoriesConfig(base.Config):
    content_dir = c.Type(str, default="content")
    templates_dir = c.Type(str, default="templates")
    # Processes that render pages in `build` (0: one per core, up to 2); `serve` uses one.
    workers = c.Type(int, default=0)
    # Discussion guides, handouts, story cards and the course guide as PDF (TRAINING_PDF=0 turns
    # them off; `serve` makes them only with TRAINING_PDF=1, for fast previews).
    pdf = c.Type(bool, default=True)
    paper = PaperSize(tuple(PAPER_SIZES), default="a4")


class ServiceStoriesPlugin(BasePlugin[ServiceStoriesConfig]):
    def __init__(self) -> None:
        self.command: str = "build"
        self.dirty = False
        self.course: Course | None = None
        self.report = Report()
        self.content_dir = Path("content")
        self.templates_dir = Path("templates")
        self.jobs: list = []
        self.render_job = lambda job: job
        self.written: list[WrittenPage] = []
        self.shells: dict[str, Shell] = {}
        self.last_good_paths: list[str] = []
        self._preloaded: tuple[Course | None, Report] | None = None
        self.preview = PreviewCache()  # used by `serve` only
        self.template_cache: jinja2.BytecodeCache | None = None  # set from the project's folder
        self.progress = Progress()  # told of pages written and PDFs made (the CLI sets a visible one)
        self.site_dir = ""
        self.guides_written = False  # by the page pass (one-shot builds)
        self._docs_dir: str | None = None  # the empty folder MkDocs is given as docs_dir

    @property
    def page_count(self) -> int:
        return len(self.written)

    def preload(self, course: Course | None, report: Report) -> None:
        """Content the caller already loaded and reported on (the CLI), used by the next build."""
        self._preloaded = (course, report)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        self.dirty = dirty  # rebuilds keep the folder (our `serve` asks for that)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self.content_dir = root / self.config.content_dir
        self.templates_dir = root / self.config.templates_dir
        self.template_cache = compiled_templates(root)
        preloaded, self._preloaded = self._preloaded, None
        cache = self.preview.documents if self.command == "serve" else None
        self.course, self.report = preloaded or load_course(self.content_dir, cache)
        if self.course is not None:
            # Material prints site_name unescaped in its header and nav: escape it here, once
            # (Markup, so the theme's own `| e` does not escape it twice).
            config.site_name = escape(self.course.title)
        if self.command == "build":  # `mkdocs build` empties site_dir: never the project or its sources
            try:
                refuse_unsafe(Path(config.site_dir), {
                    "the project": root, "the content folder": self.content_dir,
                    "the templates folder": self.templates_dir, "the configuration file": Path(config.config_file_path or root)})
            except UnsafeSiteFolder as exc:
                raise PluginError(str(exc)) from None
        if not config.nav:
            config.nav = NAV
        # MkDocs would publish every file of docs_dir (the content folder) unchecked: HTML, script,
        # stray pages. It gets an empty folder instead; on_files adds what the core checked.
        config.docs_dir = self._empty_docs_dir()
        if self.command == "serve" and self.dirty and os.path.exists(os.path.join(config.site_dir, "404.html")):
            # Preview rebuilds keep the folder: the theme's 404 page and sitemap are there already.
            config.theme.static_templates.difference_update({"404.html", "sitemap.xml"})
        if preloaded is None:
            self._log_problems()
        if self.course is None and self.command != "serve":
            raise PluginError(f"content check failed: {self.report.summary()} (listed above)")
        return config

    def _empty_docs_dir(self) -> str:
        if self._docs_dir is None or not os.path.isdir(self._docs_dir):
            self._docs_dir = tempfile.mkdtemp(prefix="service-stories-docs-")
        return self._docs_dir

    def on_shutdown(self) -> None:
        if self._docs_dir is not None:
            shutil.rmtree(self._docs_dir, ignore_errors=True)
            self._docs_dir = None

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.bytecode_cache = self.template_cache  # Material's templates, compiled once, not every build
        return env

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        server.watch(str(self.templates_dir))
        server.watch(str(self.content_dir))
        return server

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if config.use_directory_urls:
            raise PluginError(
                "mkdocs.yml: set 'use_directory_urls: false'; the site must open from disk, "
                "where folder links do not lead to their index.html"
            )
        # docs_dir is an empty folder (on_config): these are the theme's files only. The site gets
        # the section shells, and from content/ only the images the core checked.
        for source in SHELL_SOURCES.values():
            files.append(File.generated(config, source, content=SHELL_MARKDOWN, inclusion=InclusionLevel.INCLUDED))
        for asset in self.course.assets if self.course else []:
            files.append(File.generated(config, asset.uri, abs_src_path=str(asset.source)))
        self.shells = {}
        self.guides_written = False
        try:
            self._plan_pages()
        except jinja2.TemplateError as exc:
            self._show_template_problem(template_problem(exc), describe_template_error(exc))
        return files

    def _show_template_problem(self, problem: Problem | None, failure: str) -> None:
        """Builds fail on a template error; previews plan error pages that show it, and go on."""
        if self.command != "serve" or problem is None:
            raise PluginError(failure) from None
        log.error(str(problem))
        self.course, self.report = None, Report([problem])
        try:
            self._plan_pages()
        except jinja2.TemplateError as broken:  # the error page's own template is broken
            raise PluginError(describe_template_error(broken)) from None

    def _plan_pages(self) -> None:
        if self.course is None:  # serve keeps running and shows what to fix
            self.jobs = error_pages(self.report, self.last_good_paths, self.templates_dir)
            self.render_job = lambda page: page
            return
        if self.command == "serve":
            renderer = self.preview.renderer(self.course, self.templates_dir, pdf=self.pdf_enabled,
                                             bytecode_cache=self.template_cache)
            self.jobs, self.render_job = renderer.jobs(), self.preview.render_function(renderer)
            return
        renderer = SiteRenderer(self.course, self.templates_dir, pdf=self.pdf_enabled,
                                bytecode_cache=self.template_cache)
        renderer.warm_up()
        self.jobs, self.render_job = renderer.jobs(), self._with_guide(renderer.render_job)

    def _with_guide(self, render: Callable) -> Callable:
        """Renders a module's discussion guide page next to its module page, in the same process
        as the module's stories, whose converted bodies it reuses."""
        printer = PrintRenderer(self.course, self.templates_dir, self.config.paper, self.template_cache)
        self.guides_written = True

        def render_job(job):
            page = render(job)
            if job[0] == "module":
                guide = printer.guide(self.course.modules_by_slug[job[1]], pdf_linked=self.pdf_enabled)
                write_file(self.site_dir, guide.html_path, guide.html)
            return page

        return render_job

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        for section, source in SHELL_SOURCES.items():
            if page.file.src_uri == source:
                self.shells[section] = Shell(output, self.course.title if self.course else config.site_name)
        return output

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.site_dir = config.site_dir
        workers = 1 if self.command == "serve" else (self.config.workers or default_workers())
        try:
            on_disk = self.preview.on_disk if self.command == "serve" else None
            self.written = write_pages(self.jobs, self.render_job, self._fill, config.site_dir, workers,
                                       on_page=self.progress.page_written, on_disk=on_disk)
        except PageRenderError as exc:
            self._show_template_problem(exc.problem, str(exc))
            self.written = write_pages(self.jobs, self.render_job, self._fill, config.site_dir, workers,
                                       on_disk=self.preview.on_disk)
        if self.course is not None:
            self.last_good_paths = [page.path for page in self.written]
            self._write_print_documents(config.site_dir, workers)
        only = self.preview.rendered if self.command == "serve" else None  # previews: pages that changed
        for problem in broken_links(self.written, _files_of(config.site_dir), only):
            log.warning(problem)
        index = _search_index(config)
        if index is not None:
            index.entries.extend(entry for page in self.written for entry in page.search)

    @property
    def pdf_enabled(self) -> bool:
        """`pdf: false` or TRAINING_PDF=0 turn PDFs off; `serve` makes them only with TRAINING_PDF=1,
        so a saved file shows in the preview in about a second."""
        wanted = os.environ.get("TRAINING_PDF", "").strip().lower()
        if wanted in ENV_OFF or not self.config.pdf:
            return False
        return self.command != "serve" or wanted in ENV_ON

    def _write_print_documents(self, site_dir: str, workers: int) -> None:
        """Guides as pages (always), and every printable document as PDF when PDFs are on."""
        pdf = self.pdf_enabled
        renderer = PrintRenderer(self.course, self.templates_dir, self.config.paper, self.template_cache)

        def make(job: tuple[str, str]) -> str:
            try:
                document = renderer.document(job, pdf)
            except jinja2.TemplateError as exc:
                raise PdfError(describe_template_error(exc)) from None
            if document.html_path:
                write_file(site_dir, document.html_path, document.html)
            return write_pdf(site_dir, document) if pdf else document.pdf_path

        jobs = renderer.jobs(pdf)
        if self.guides_written and not pdf:
            return
        if self.command == "serve":
            jobs = [job for job in jobs if self.preview.guide_changed(self.course, job, site_dir)]
        try:
            made = map_in_shares(make, jobs, workers, on_result=self.progress.pdf_made if pdf else None)
        except PdfError as exc:
            raise PluginError(f"printable documents: {exc}") from None
        if pdf:
            log.info(f"Made {len(made)} PDFs")

    def _fill(self, page: HtmlPage) -> str:
        return self.shells[page.section].fill(page)

    def _log_problems(self) -> None:
        for problem in self.report.errors:
            log.error(str(problem))
        for problem in self.report.warnings:
            log.warning(str(problem))


def _files_of(folder: str) -> set[str]:
    """Every file of the built site, as site-relative paths."""
    found = set()
    for parent, _, names in os.walk(folder):
        relative = os.path.relpath(parent, folder).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found.update(prefix + name for name in names)
    return found


def _search_index(config: MkDocsConfig):
    """Material's search index, when its search plugin is enabled."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "entries"):
            return index
    return None
