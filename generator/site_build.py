"""Runs MkDocs for the CLI and swaps the finished site into place.

A build writes into a temporary folder beside site/ and replaces site/ only when it
succeeded, so a failed or interrupted build never leaves a half-written site. Its date
(SOURCE_DATE_EPOCH, which MkDocs reads) is the sources' newest change unless set, so the same
sources build byte-identical sites on any day.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .loader import load_course
from .parallel import default_workers
from .problems import Report
from .progress import Progress
from .template_errors import describe_template_error

PLUGIN_NAME = "service-stories"
TEMP_PREFIX = ".site-build-"
OLD_PREFIX = ".site-old-"


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
               progress: Progress | None = None) -> BuildResult:
    """Builds into a staging folder and swaps it in; `progress` hears what is done."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

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
    course, report = load_course(content_dir, workers=plugin.config.workers or default_workers())
    if report.failed(strict):
        reason = ("the content has errors; fix them and build again" if report.errors else
                  "the content has warnings, which --strict treats as errors; fix them or build without --strict")
        raise BuildFailed(reason, report)
    plugin.preload(course, report)
    if progress:
        plugin.progress = progress
        progress.stories_read(len(course.stories) if course else 0)

    final = Path(site_dir) if site_dir else Path(config.site_dir)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(final)
        staging = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=final.parent))
    except OSError as exc:
        raise BuildFailed(f"could not create a folder beside {final} ({exc.strerror}); the previous site was left as it was") from None
    dated = "SOURCE_DATE_EPOCH" not in os.environ
    try:  # from here on, whatever happens (Ctrl+C too), the staging folder goes
        if dated:
            templates_dir = root / plugin.config.templates_dir
            os.environ["SOURCE_DATE_EPOCH"] = str(newest_change(config_file, content_dir, templates_dir))
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a web server must read the site
        config.site_dir = str(staging)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        _replace_directory(staging, final)
    except (Abort, MkDocsException) as exc:
        raise BuildFailed(f"{exc}; the previous site was left as it was") from None
    except jinja2.TemplateError as exc:
        raise BuildFailed(f"{describe_template_error(exc)}; the previous site was left as it was") from None
    except OSError as exc:
        raise BuildFailed(f"could not write the site ({exc.strerror}: {exc.filename}); the previous site was left as it was") from None
    finally:
        if dated:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        config.plugins.on_shutdown()
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(final, plugin.page_count, plugin.report)


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


def _replace_directory(new: Path, final: Path) -> None:
    old = None
    if final.exists():
        old = final.with_name(f"{OLD_PREFIX}{os.getpid()}")
        os.rename(final, old)
    try:
        os.rename(new, final)
    except BaseException:  # a full disk, or Ctrl+C between the two renames
        if old is not None:
            os.rename(old, final)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(final: Path) -> None:
    """Staging folders of builds that were killed before they could clean up; a previous site
    that a killed build had moved aside goes back in place."""
    for leftover in sorted(final.parent.glob(".site-*")):
        if not leftover.is_dir():
            continue
        if leftover.name.startswith(OLD_PREFIX) and not final.exists():
            os.rename(leftover, final)
        elif leftover.name.startswith((TEMP_PREFIX, OLD_PREFIX)):
            shutil.rmtree(leftover, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
