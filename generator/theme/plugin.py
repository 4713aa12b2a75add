"""`mkdocs build`, `serve` and `gh-deploy` through the core: the whole MkDocs plugin.

Registered as the `service-stories` plugin (entry point in pyproject.toml). MkDocs only runs
the command: the core's session builds the site (`build` exactly as `python -m generator
build`: staged, dated, swapped in whole), and MkDocs' own build is pointed at an empty
folder and a scratch site that nobody sees.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin

from ..build.project import OPTIONS, load_project
from ..build.serve import Preview, watched_paths
from ..build.session import BuildFailed
from ..build.site_build import build_site

log = logging.getLogger("mkdocs.plugins.service_stories")


class ServiceStoriesPlugin(BasePlugin):  # type: ignore[type-arg, no-untyped-call]  # settings as config_scheme
    # The settings of build/project.py, which the core validates and reads from mkdocs.yml itself.
    config_scheme = tuple((name, c.Optional(c.Type(kind))) for name, (kind, _) in OPTIONS.items())

    def __init__(self) -> None:
        self.serving = False
        self.preview: Preview | None = None
        self.site_dir = ""
        self.docs_dir = tempfile.mkdtemp(prefix="service-stories-docs-")  # always empty
        self.scratch = ""  # where MkDocs' own build goes, unseen

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.site_dir = config.site_dir
        config_file = config.config_file_path or "mkdocs.yml"
        if self.serving:
            self.preview = self.preview or Preview(config_file)
            self.preview.rebuild(Path(self.site_dir))
        else:
            self._build(config_file, config.strict)
        self._forget_scratch()
        self.scratch = tempfile.mkdtemp(prefix="service-stories-mkdocs-")
        config.docs_dir, config.site_dir = self.docs_dir, self.scratch
        return config

    def _build(self, config_file: str, strict: bool) -> None:
        try:
            result = build_site(config_file, site_dir=self.site_dir, strict=strict)
        except BuildFailed as failure:
            for problem in failure.report.errors + failure.report.warnings if failure.report else []:
                log.error(str(problem))
            raise PluginError(failure.reason) from None
        for warning in [*map(str, result.report.warnings), *result.broken_links]:
            log.warning(warning)
        log.info(f"Built {result.pages} pages into {result.site_dir}")

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        config.site_dir = self.site_dir  # gh-deploy publishes what the core built
        self._forget_scratch()

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        if self.preview is not None:
            for path in watched_paths(load_project(config.config_file_path or "mkdocs.yml")):
                server.watch(str(path))
        return server

    def on_shutdown(self) -> None:
        self._forget_scratch()
        shutil.rmtree(self.docs_dir, ignore_errors=True)

    def _forget_scratch(self) -> None:
        if self.scratch:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = ""
