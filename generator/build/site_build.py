"""Runs MkDocs for the CLI and swaps the finished site into place.

A build writes into a temporary folder beside site/ and replaces site/ only when it
succeeded, so a failed or interrupted build never leaves a half-written site. Its date
(SOURCE_DATE_EPOCH, which MkDocs reads) is the sources' newest change unless set, so the same
sources build byte-identical sites on any day.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import jinja2

from ..content.loader import load_course
from .parallel import default_workers
from ..problems import Report
from .progress import Progress
from ..output.site_folder import (UnsafeSiteFolder, build_lock, carry_over, files_to_keep, new_staging_folder, real_site_folder,
                          refuse_unsafe, remove_leftovers, replace_folder, write_marker)
from ..render.template_errors import describe_template_error

PLUGIN_NAME = "service-stories"


class BuildFailed(Exception):
    def __init__(self, reason: str, report: Report | None = None):
        super().__init__(reason)
        self.reason = reason
        self.report = report


@dataclass
class BuildResult:
    site_dir: Path
    pages: int
    report: Report


def ensure_config(config_file: Path) -> None:
    if not Path(config_file).is_file():
        raise SystemExit(
            f"{config_file}: not found; run the command in the folder that holds mkdocs.yml, or pass -f PATH"
        )


def build_site(config_file: Path, *, site_dir: Path | None = None, strict: bool = False,
               progress: Progress | None = None, on_wait: Callable[[str], None] | None = None) -> BuildResult:
    """Builds into a staging folder and swaps it in; `progress` hears what is done, `on_wait` that
    the build waits for another one writing into the same place."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    config_file = Path(config_file)
    if not config_file.is_file():
        raise BuildFailed(f"{config_file} not found; run the command in the folder that holds mkdocs.yml, or pass -f PATH")
    try:
        config = load_config(str(config_file), strict=strict or None)
    except (ConfigurationError, Abort) as exc:
        raise BuildFailed(f"{config_file}: {exc}") from None
    plugin = config.plugins.get(PLUGIN_NAME)
    if plugin is None:
        raise BuildFailed(f"{config_file} does not enable the '{PLUGIN_NAME}' plugin; add it under 'plugins:'")

    root = config_file.resolve().parent
    content_dir = root / plugin.config.content_dir
    templates_dir = root / plugin.config.templates_dir
    final = real_site_folder(Path(site_dir) if site_dir else Path(config.site_dir))
    protected = {"the project": root, "the content folder": content_dir, "the templates folder": templates_dir,
                 "the configuration file": config_file.resolve()}
    try:
        refuse_unsafe(final, protected)
        final.parent.mkdir(parents=True, exist_ok=True)
    except UnsafeSiteFolder as exc:
        raise BuildFailed(f"{exc}; nothing was changed") from None
    except OSError as exc:
        raise BuildFailed(f"could not create {exc.filename or final.parent}: {exc.strerror}; nothing was changed") from None
    course, report = load_course(content_dir, workers=plugin.config.workers or default_workers())
    if report.failed(strict):
        reason = ("the content has errors; fix them and build again" if report.errors else
                  "the content has warnings, which --strict treats as errors; fix them or build without --strict")
        raise BuildFailed(reason, report)
    plugin.preload(course, report)
    if progress:
        plugin.progress = progress
        progress.stories_read(len(course.stories) if course else 0)

    with build_lock(final, on_wait):
        return _build_into(config, plugin, final, config_file, content_dir, templates_dir, build)


def _build_into(config, plugin, final: Path, config_file: Path, content_dir: Path, templates_dir: Path,
                build: Callable) -> BuildResult:
    """The build proper, under the lock: stage, build, keep what nobody built, swap."""
    from mkdocs.exceptions import Abort, MkDocsException

    try:
        remove_leftovers(final)
        keep = files_to_keep(final)
        staging = new_staging_folder(final)
    except UnsafeSiteFolder as exc:
        raise BuildFailed(f"{exc}; nothing was changed") from None
    except OSError as exc:
        raise BuildFailed(f"could not create a folder beside {final} ({exc.strerror}); the previous site was left as it was") from None
    dated = "SOURCE_DATE_EPOCH" not in os.environ
    try:  # from here on, whatever happens (Ctrl+C too), the staging folder goes
        if dated:
            os.environ["SOURCE_DATE_EPOCH"] = str(newest_change(config_file, content_dir, templates_dir))
        config.site_dir = str(staging)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        write_marker(staging)
        carry_over(final, staging, keep)
        replace_folder(staging, final)
    except UnsafeSiteFolder as exc:
        raise BuildFailed(f"{exc}; the previous site was left as it was") from None
    except (Abort, MkDocsException) as exc:
        raise BuildFailed(f"{exc}; the previous site was left as it was") from None
    except jinja2.TemplateError as exc:
        raise BuildFailed(f"{describe_template_error(exc)}; the previous site was left as it was") from None
    except OSError as exc:
        raise BuildFailed(f"could not write the site: {describe_os_error(exc)}; the previous site was left as it was") from None
    finally:
        if dated:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        config.plugins.on_shutdown()
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(final, plugin.page_count, plugin.report)


def describe_os_error(exc: OSError) -> str:
    """'site/x.html: No space left on device': the file and the cause, whatever the error carries."""
    cause = exc.strerror or str(exc) or type(exc).__name__
    return f"{exc.filename}: {cause}" if exc.filename else cause


def newest_change(*sources: Path) -> int:
    """When the sources last changed (seconds since 1970): the build's date when SOURCE_DATE_EPOCH
    is not set, so the same sources build the same bytes on any day (MkDocs dates the sitemap)."""
    newest = 0.0
    for source in sources:
        source = Path(source)
        paths = [source] if source.is_file() else (p for p in source.rglob("*") if p.is_file())
        for path in paths:
            try:
                newest = max(newest, path.stat().st_mtime)
            except OSError:  # a broken link: not a source of the site
                pass
    return int(newest)
