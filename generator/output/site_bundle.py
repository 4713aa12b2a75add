"""The whole learner site as one zip, to copy to a shared drive or a USB stick.

Unzipped anywhere (a folder whose path has spaces or letters like é and ü too), the site opens
from index.html and searches offline: its links are relative and Material's offline search
needs no server. Everything in the zip sits in one folder named after the course, so
unzipping never scatters files.

The zip holds exactly the files the build made (the build marker's list), less what is no part
of the site itself: the LMS packages, earlier bundles and the marker. Files put into the site
folder by hand (CNAME, .git/) stay out.
"""

from __future__ import annotations

from pathlib import Path

from .site_folder import MARKER, files_in, made_by_a_build
from .zip_writer import write_zip

NOT_IN_THE_BUNDLE = ("lms/", "offline/")  # packages and bundles of this site, made after the build


def bundle_files(site_dir: Path) -> list[str]:
    made = made_by_a_build(site_dir)
    names = files_in(site_dir) if made is None else sorted(made)
    return [name for name in names
            if name != MARKER and not name.startswith(NOT_IN_THE_BUNDLE) and (site_dir / name).is_file()]


def write_site_bundle(site_dir: Path, target: Path, folder: str, epoch: int) -> Path:
    """The site at `site_dir` as a zip at `target`, every file under `folder`/, dated `epoch`."""
    site_dir = Path(site_dir)
    return write_zip(target, ((f"{folder}/{name}", site_dir / name) for name in bundle_files(site_dir)), epoch)
