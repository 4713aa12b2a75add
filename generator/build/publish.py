"""After a build: LMS packages of each module and the offline bundle, from the finished site.

`build --lms scorm12` writes site/lms/<module>.zip (SCORM 1.2); `build --zip` writes
site/offline/<course>.zip, the whole learner site in one folder. Each is written atomically,
dated like the site (SOURCE_DATE_EPOCH, or the newest change of the sources), so the same
sources give the same bytes; each is then listed in the site's build marker, so the next build
replaces it or, when it is not asked for again, removes it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..content.model import Course
from ..content.validation import slugify
from ..output.site_bundle import write_site_bundle
from ..output.site_folder import add_to_marker, holds_facilitator_edition, not_made_by_a_build
from ..render.lms_pages import PackageError

EXTENSIONS = {"scorm12": ".zip"}  # each format `build --lms` takes, and its file name extension


class PublishFailed(Exception):
    """Packages or the bundle could not be written; the site itself is built and in place."""


def bundle_name(course: Course, facilitator: bool = False) -> str:
    """The zip's name and its folder's: a facilitator edition says so, so nobody hands it out by mistake."""
    return (slugify(course.title) or "course") + ("-facilitator-edition" if facilitator else "")


def planned(course: Course, formats: list[str], bundle: bool, facilitator: bool = False) -> list[str]:
    """The site-relative paths the step will write."""
    paths = [f"lms/{module.slug}{EXTENSIONS[kind]}" for kind in formats for module in course.modules]
    if bundle:
        paths.append(f"offline/{bundle_name(course, facilitator)}.zip")
    return paths


def publish(course: Course, site_dir: Path, date: int, language: str, formats: list[str], bundle: bool,
            on_written: Callable[[Path], None] | None = None) -> list[Path]:
    """Writes the asked-for packages and bundle into the built site at `site_dir`, dated `date`
    (the build's date, build/site_build.py), pages in `language`."""
    from ..output.lms_scorm import write_scorm_package

    site_dir = Path(site_dir)
    facilitator = holds_facilitator_edition(site_dir)
    if facilitator and formats:
        raise PublishFailed("LMS packages go to every learner: make them from the learner site, not the facilitator edition")
    name = bundle_name(course, facilitator)
    paths = planned(course, formats, bundle, facilitator)
    foreign = not_made_by_a_build(site_dir, paths)
    if foreign:
        raise PublishFailed(f"{', '.join(str(site_dir / path) for path in foreign)}: not made by a build; move "
                            "it out of the site folder, then build again")
    writers = {"scorm12": write_scorm_package}
    written = []
    try:
        for kind in formats:
            for module in course.modules:
                target = site_dir / "lms" / f"{module.slug}{EXTENSIONS[kind]}"
                written.append(writers[kind](course, module, site_dir, target, date, language))
                if on_written:
                    on_written(written[-1])
        if bundle:
            target = site_dir / "offline" / f"{name}.zip"
            written.append(write_site_bundle(site_dir, target, name, date))
            if on_written:
                on_written(written[-1])
    except PackageError as exc:
        raise PublishFailed(str(exc)) from None
    except OSError as exc:
        raise PublishFailed(f"could not write {exc.filename or 'a package'}: {exc.strerror or exc}") from None
    finally:
        if written:
            add_to_marker(site_dir, [path.relative_to(site_dir).as_posix() for path in written])
    return written
