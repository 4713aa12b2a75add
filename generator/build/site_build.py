"""`build`: the session's site written into a staging folder beside site/ and swapped in whole.

A failed or interrupted build never leaves a half-written site, and never touches what a
trainer made (output/site_folder.py). The build is dated by SOURCE_DATE_EPOCH when set, else
by the sources' newest change, so the same sources build byte-identical sites on any day.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from ..output.site_folder import (
    UnsafeSiteFolder,
    build_lock,
    carry_over,
    files_to_keep,
    new_staging_folder,
    real_site_folder,
    refuse_facilitator_inside,
    refuse_unsafe,
    remove_leftovers,
    replace_folder,
    write_marker,
)
from ..render.labels import PROJECT_LOCALES
from .progress import Progress
from .project import Project, ProjectError, load_project
from .session import BuildFailed, BuildResult, BuildSession, describe_os_error

KEPT = "the previous site was left as it was"


def facilitator_folder(site_dir: Path) -> Path:
    """Where the facilitator edition goes by default: beside the learner site, never inside it
    (site -> site-facilitator), so publishing site/ never publishes it."""
    return site_dir.with_name(f"{site_dir.name}-facilitator")


def build_site(config_file: Path | str, *, site_dir: Path | str | None = None, strict: bool = False,
               progress: Progress | None = None, on_wait: Callable[[str], None] | None = None,
               facilitator: bool = False) -> BuildResult:
    """Builds into a staging folder and swaps it in; `progress` hears what is done, `on_wait` that
    the build waits for another one writing into the same place. `facilitator`: the facilitator
    edition, into site_dir or else beside the learner site."""
    try:
        project = load_project(config_file, site_dir)
    except ProjectError as exc:
        raise BuildFailed(str(exc)) from None
    protected = project.protected
    if facilitator:
        learner = load_project(config_file).site_dir
        protected["the learner site"] = learner
        project = dataclasses.replace(project, site_dir=project.site_dir if site_dir else facilitator_folder(learner))
    final = real_site_folder(project.site_dir)
    try:
        refuse_unsafe(final, protected)
        final.parent.mkdir(parents=True, exist_ok=True)
    except UnsafeSiteFolder as exc:
        raise BuildFailed(f"{exc}; nothing was changed") from None
    except OSError as exc:
        raise BuildFailed(f"could not create {describe_os_error(exc)}; nothing was changed") from None
    session = BuildSession(project, build_date(project), strict=strict, progress=progress, facilitator=facilitator)
    course, report = session.load()
    assert course is not None  # load() fails on errors
    with build_lock(final, on_wait):
        try:
            remove_leftovers(final)
            keep = files_to_keep(final)
            if not facilitator:
                refuse_facilitator_inside(final, keep)
            staging = new_staging_folder(final)
        except UnsafeSiteFolder as exc:
            raise BuildFailed(f"{exc}; nothing was changed") from None
        except OSError as exc:
            raise BuildFailed(f"could not create a folder beside {final} ({exc.strerror}); {KEPT}") from None
        try:  # from here on, whatever happens (Ctrl+C too), the staging folder goes
            result = session.write_site(staging, course, report)
            write_marker(staging, facilitator)
            carry_over(final, staging, keep)
            replace_folder(staging, final)
        except BuildFailed as exc:
            exc.reason += f"; {KEPT}"
            raise
        except UnsafeSiteFolder as exc:
            raise BuildFailed(f"{exc}; {KEPT}") from None
        except OSError as exc:
            raise BuildFailed(f"could not write the site: {describe_os_error(exc)}; {KEPT}") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    result.site_dir, result.kept = final, keep
    return result


def build_date(project: Project) -> int:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) when set, else the sources' newest change."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return int(epoch)
    return newest_change(project.config_file, project.content_dir, project.templates_dir, project.root / PROJECT_LOCALES)


def newest_change(*sources: Path) -> int:
    """When the sources last changed (seconds since 1970), so the same sources build the same
    bytes on any day."""
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
