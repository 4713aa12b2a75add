"""The thin MkDocs adapter: content in, generated pages out, everything else in the core.

Registered as the `service-stories` plugin (entry point in pyproject.toml), so plain
`mkdocs build` and `mkdocs serve` work as well as `python -m generator`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .content_html import ContentHtml, report_removed_markup
from .loader import load_course
from .model import Course
from .problems import Report
from .render import Page, SiteRenderer, error_pages

log = logging.getLogger("mkdocs.plugins.service_stories")

SECTIONS = [
    {"Home": "index.md"},
    {"Stories": "stories/index.md"},
    {"Themes": "themes/index.md"},
    {"Modules": "modules/index.md"},
]


class ServiceStoriesConfig(base.Config):
    content_dir = c.Type(str, default="content")
    templates_dir = c.Type(str, default="templates")


class ServiceStoriesPlugin(BasePlugin[ServiceStoriesConfig]):
    def __init__(self) -> None:
        self.command: str = "build"
        self.course: Course | None = None
        self.report = Report()
        self.html = ContentHtml()
        self.content_dir = Path("content")
        self.templates_dir = Path("templates")
        self.last_good_uris: list[str] = ["index.md"]
        self.page_count = 0
        self._preloaded: tuple[Course | None, Report] | None = None

    def preload(self, course: Course | None, report: Report) -> None:
        """Content the caller already loaded and reported on (the CLI), used by the next build."""
        self._preloaded = (course, report)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self.content_dir = root / self.config.content_dir
        self.templates_dir = root / self.config.templates_dir
        self.html.forget()
        preloaded, self._preloaded = self._preloaded, None
        self.course, self.report = preloaded or load_course(self.content_dir)
        if self.course is not None:
            report_removed_markup(self.course, self.html, self.report)
            config.site_name = self.course.title
        if not config.nav:
            config.nav = SECTIONS
        if preloaded is None:
            self._log_problems()
        if self.course is None and self.command != "serve":
            raise PluginError(f"content check failed: {self.report.summary()} (listed above)")
        return config

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        server.watch(str(self.templates_dir))
        if not self.content_dir.resolve().is_relative_to(Path(config.docs_dir).resolve()):
            server.watch(str(self.content_dir))
        return server

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for file in list(files):
            if self._is_content_source(file):
                files.remove(file)
        pages = self._pages()
        self.page_count = len(pages)
        for page in pages:
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
        return files

    def _pages(self) -> list[Page]:
        if self.course is None:  # serve keeps running and shows what to fix
            return error_pages(self.report, self.last_good_uris, self.templates_dir)
        pages = list(SiteRenderer(self.course, self.templates_dir, self.html).pages())
        self.last_good_uris = [p.src_uri for p in pages]
        return pages

    def _is_content_source(self, file: File) -> bool:
        if file.abs_src_path is None:
            return False
        path = Path(file.abs_src_path)
        content = self.content_dir.resolve()
        if path.parent == content and path.suffix in (".yml", ".yaml"):
            return True
        return path.suffix == ".md" and (
            path.is_relative_to(content / "stories") or path.is_relative_to(content / "modules")
        )

    def _log_problems(self) -> None:
        for problem in self.report.errors:
            log.error(str(problem))
        for problem in self.report.warnings:
            log.warning(str(problem))
