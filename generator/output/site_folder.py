"""The folder a build replaces: which folders may be replaced at all, one build at a time, and
files someone added to a built site (CNAME, .git/, uploads) kept through the next build.

A build writes into a staging folder beside the site and swaps it in whole. Before it does,
this module makes sure the swap can destroy nothing a trainer made: the site folder may not
be or hold the project, its content, templates or configuration; a folder that holds files
no build made is only replaced when those files can be carried over; and a build marker
(a list of the files the build made) tells the next build which files are its own.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..problems import display_path

MARKER = ".service-stories-build"
MARKER_HEADER = ("# Made by Service Stories: every file the build wrote into this folder. The next build replaces\n"
                 "# these and keeps every other file (CNAME, .git/, uploads).\n")
FACILITATOR_LINE = "# edition: facilitator\n"  # in the marker of a facilitator edition
KEPT_WITHOUT_MARKER = {"CNAME", ".nojekyll"}  # what a hosting set-up puts into an empty site folder
SHOWN_CONFLICTS = 3


class UnsafeSiteFolder(Exception):
    """The site folder cannot be replaced without destroying something; the message says what to do."""


def staging_prefix(final: Path) -> str:
    return f".{final.name}-build-"


def old_prefix(final: Path) -> str:
    return f".{final.name}-old-"


def real_site_folder(final: Path) -> Path:
    """The folder a build replaces: a link named site/ keeps pointing where it did."""
    final = Path(os.path.abspath(final))
    return Path(os.path.realpath(final)) if final.is_symlink() else final


def refuse_unsafe(final: Path, protected: dict[str, Path]) -> None:
    """Refuses a site folder that is, holds or sits inside a protected path (the project, the
    content, the templates, the configuration): replacing it would destroy them."""
    final = Path(os.path.realpath(final))
    if final.exists() and not final.is_dir():
        raise UnsafeSiteFolder(f"{display_path(final)} is a file, not a folder; give a folder for the site, such as site")
    for what, path in protected.items():
        path = Path(os.path.realpath(path))
        if final == path:
            where = f"is {what}"
        elif path.is_relative_to(final):
            where = f"holds {what} ({display_path(path)})"
        elif path.is_dir() and final.is_relative_to(path) and what != "the project":
            where = f"is inside {what} ({display_path(path)})"
        else:
            continue
        raise UnsafeSiteFolder(f"the site folder {display_path(final)} {where}; a build replaces the whole site "
                               "folder: choose one beside the sources, such as site")


@contextmanager
def build_lock(final: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """One build at a time per folder of sites: a second build waits for the first to finish,
    instead of deleting its staging folder or swapping in half a site."""
    parent = final.parent
    handle = os.open(parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            if on_wait:
                on_wait(f"Another build is writing into {parent}; waiting for it to finish…")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def new_staging_folder(final: Path) -> Path:
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(final), dir=final.parent))
    staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a web server must read the site
    return staging


def files_in(folder: Path) -> list[str]:
    """Every file and link of a folder, as sorted '/'-separated relative paths; links not followed."""
    found = []
    for parent, dirnames, names in os.walk(folder):
        relative = os.path.relpath(parent, folder)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found += [prefix + name for name in names]
        found += [prefix + name for name in dirnames if os.path.islink(os.path.join(parent, name))]
    return sorted(found)


def _marker_text(made: list[str], facilitator: bool) -> str:
    return MARKER_HEADER + (FACILITATOR_LINE if facilitator else "") + "".join(f"{path}\n" for path in made)


def write_marker(staging: Path, facilitator: bool = False) -> None:
    made = [path for path in files_in(staging) if path != MARKER]
    (staging / MARKER).write_text(_marker_text(made, facilitator), encoding="utf-8")


def holds_facilitator_edition(folder: Path) -> bool:
    try:
        return FACILITATOR_LINE in (folder / MARKER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def refuse_facilitator_inside(final: Path, kept: list[str]) -> None:
    """A learner site keeps files no build made, but never a facilitator edition someone built
    inside it: readers would get its notes."""
    for path in kept:
        folder, _, name = path.rpartition("/")
        if name == MARKER and folder and holds_facilitator_edition(final / folder):
            raise UnsafeSiteFolder(f"{display_path(final / folder)} holds the facilitator edition, inside the learner "
                                   f"site {display_path(final)}, which readers get whole; build it beside the site instead "
                                   "(the default, site-facilitator) and delete that folder")


def add_to_marker(final: Path, made: list[str]) -> None:
    """Lists files written into a finished site after its build (packages, bundles) as made by it,
    so the next build replaces them, or removes them when it no longer makes them."""
    listed = made_by_a_build(final)
    if listed is None:
        raise UnsafeSiteFolder(f"{final} has no {MARKER}; it is not a finished build")
    text = _marker_text(sorted(listed | set(made)), holds_facilitator_edition(final))
    temporary = final / f"{MARKER}.{os.getpid()}.part"
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, final / MARKER)


def not_made_by_a_build(final: Path, paths: list[str]) -> list[str]:
    """Those of `paths` that exist in the site but no build made: files to leave alone."""
    listed = made_by_a_build(final) or set()
    return [path for path in paths if path not in listed and os.path.lexists(final / path)]


def made_by_a_build(final: Path) -> set[str] | None:
    """The files the previous build listed in its marker; None when there is no marker."""
    try:
        text = (final / MARKER).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return None
    return {line for line in text.split("\n") if line and not line.startswith("#")}


def _looks_like_an_earlier_build(final: Path) -> bool:
    """A site built before markers existed: MkDocs signs its pages."""
    try:
        head = (final / "index.html").read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return False
    return 'name="generator" content="mkdocs-' in head


def _hosting_file(path: str) -> bool:
    top = path.split("/", 1)[0]
    return top.startswith(".") and top != MARKER or top in KEPT_WITHOUT_MARKER


def files_to_keep(final: Path) -> list[str]:
    """The files of the current site that no build made, which the next site must keep; refuses
    a folder that holds files of its own and is not a built site at all (before any work)."""
    if not final.is_dir():
        return []
    existing = files_in(final)
    made = made_by_a_build(final)
    if made is None:
        # No marker: an empty folder, a hosting set-up (CNAME, .git/), or a site built before markers
        # existed, whose pages are all build output. Anything else is somebody's folder.
        kept = [path for path in existing if _hosting_file(path)]
        own = sorted({path.split("/", 1)[0] for path in existing if not _hosting_file(path)})
        if own and not _looks_like_an_earlier_build(final):
            raise UnsafeSiteFolder(
                f"{final} already holds files that no build made ({', '.join(own[:SHOWN_CONFLICTS])}"
                f"{', …' if len(own) > SHOWN_CONFLICTS else ''}) and it is not a built site; a build replaces the "
                "whole folder: give a new or empty folder, or move those files away")
        return kept
    return [path for path in existing if path != MARKER and path not in made]


def carry_over(final: Path, staging: Path, keep: list[str]) -> None:
    """Links the files to keep into the staging folder, so the swap keeps them; refuses when the
    new build makes a file of the same name (it would replace one that nobody built)."""
    new = set(files_in(staging)) if keep else set()
    clashes = [path for path in keep if path in new]
    if clashes:
        raise UnsafeSiteFolder(
            f"{', '.join(str(final / path) for path in clashes[:SHOWN_CONFLICTS])} "
            f"{'was' if len(clashes) == 1 else 'were'} not made by a build, and the new build makes a file of that "
            "name: move it out of the site folder, then build again")
    for path in keep:
        source, target = final / path, staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
        else:
            try:
                os.link(source, target)
            except OSError:  # a file system without hard links
                shutil.copy2(source, target)


def replace_folder(new: Path, final: Path) -> None:
    """Swaps `new` in for `final` with two renames; Ctrl+C between them puts the old one back."""
    old = None
    if final.exists():
        old = final.with_name(f"{old_prefix(final)}{os.getpid()}")
        os.rename(final, old)
    try:
        os.rename(new, final)
    except BaseException:  # a full disk, or Ctrl+C between the two renames
        if old is not None:
            os.rename(old, final)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def remove_leftovers(final: Path) -> None:
    """Staging folders of builds that were killed before they could clean up; a previous site
    that a killed build had moved aside goes back in place. Called under the build lock."""
    staging, old = staging_prefix(final), old_prefix(final)
    for leftover in sorted(final.parent.glob(f".{final.name}-*")):
        if not leftover.is_dir() or leftover.is_symlink():
            continue
        if leftover.name.startswith(old) and not final.exists():
            os.rename(leftover, final)
        elif leftover.name.startswith((staging, old)):
            shutil.rmtree(leftover, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
