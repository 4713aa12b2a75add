"""`serve`: the session rebuilding a preview folder after every save, served with live reload.

Rebuilds reuse what did not change (build/preview.py). Broken content or a broken template
does not stop the preview: every page it had shows what to fix, and the terminal says it too.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from ..problems import Report
from ..render import urls
from ..render.labels import LOCALES, PROJECT_LOCALES
from ..render.template_folders import DEFAULT_TEMPLATES
from .preview import PreviewCache
from .project import Project, ProjectError, load_project
from .session import BuildFailed, BuildSession
from .site_build import build_date

log = logging.getLogger("mkdocs.service_stories")
DEFAULT_ADDRESS = "127.0.0.1:8000"


class Preview:
    """What `serve` keeps between rebuilds: the cache and the pages the preview had."""

    def __init__(self, config_file: Path | str, facilitator: bool = False):
        self.config_file = Path(config_file)
        self.facilitator = facilitator
        self.cache = PreviewCache()
        self.paths: list[str] = []  # pages of the last good build: error pages replace them
        self.title = "Service Stories"

    def rebuild(self, folder: Path) -> None:
        try:
            project = load_project(self.config_file)
        except ProjectError as exc:
            log.error(str(exc))
            return
        session = BuildSession(project, build_date(project), preview=self.cache, facilitator=self.facilitator)
        try:
            course, report = session.load()
            if course is None:
                return self._show(session, folder, report)
            self.title = course.title
            try:
                result = session.write_site(folder, course, report)
            except BuildFailed as failure:
                return self._show(session, folder, failure.report or Report(), failure.reason)
        except BuildFailed as failure:  # the theme itself: nothing to show the problem in
            log.error(failure.reason)
            return
        self.paths = result.page_paths
        for problem in report.warnings:
            log.warning(str(problem))
        for link in result.broken_links:
            log.warning(link)

    def _show(self, session: BuildSession, folder: Path, report: Report, reason: str = "") -> None:
        for problem in report.errors or []:
            log.error(str(problem))
        if reason and not report.errors:
            log.error(reason)
        self.cache.pages.clear()  # the next good build renders every page again
        session.write_error_pages(folder, report, self.title, self.paths or [urls.HOME])


def watched_paths(project: Project) -> list[Path]:
    """What a preview rebuilds after: the content, mkdocs.yml, the course's templates and labels if it
    has them, and the tool's own (edited in a checkout of the tool)."""
    optional = [project.templates_dir, project.root / PROJECT_LOCALES, DEFAULT_TEMPLATES, LOCALES]
    return [project.content_dir, project.config_file] + [path for path in dict.fromkeys(optional) if path.is_dir()]


def serve(config_file: Path | str, address: str | None = None, facilitator: bool = False) -> None:
    from mkdocs.livereload import LiveReloadServer

    project: Project = load_project(config_file)
    host, _, port = (address or DEFAULT_ADDRESS).rpartition(":")
    folder = Path(tempfile.mkdtemp(prefix="service-stories-preview-"))
    preview = Preview(config_file, facilitator)
    try:
        preview.rebuild(folder)
        server = LiveReloadServer(builder=lambda: preview.rebuild(folder), host=host, port=int(port), root=str(folder))
        server.error_handler = lambda code: (folder / "404.html").read_bytes() if code == 404 and (folder / "404.html").is_file() else None
        for watched in watched_paths(project):
            server.watch(str(watched))
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
