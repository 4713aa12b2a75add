"""Every entry under content/, sorted before anything is read: the files the build reads, the
images it publishes as they are (an allow-list, each checked), and what it leaves out.

`check` and `build` both start here, so they agree on what is ignored, and nothing that is
not on these lists reaches the site: no HTML, script or stray page from content/, and no file
behind a link that leads out of the folder. Links are never followed out of content/.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Report

# Published as they are, checked by their first bytes: raster images only. SVG is left out on
# purpose: it can carry script that runs when a reader opens the image.
IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),  # then four bytes of size and "WEBP", checked below
}
MAX_IMAGE_BYTES = 10_000_000
RESERVED_FOLDERS = ("assets", "search")  # the theme's own files and the search index live there
DOCUMENT_FOLDERS = {"stories": "story", "modules": "module"}
ROOT_FILES = ("course.yml", "themes.yml")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Asset:
    """A checked image, published at `uri` inside the site."""

    source: Path
    uri: str


@dataclass
class Inventory:
    """What content/ holds, by the job each file has in the build."""

    root_files: dict[str, Path] = field(default_factory=dict)  # "course.yml" -> path
    documents: dict[str, list[Path]] = field(default_factory=lambda: {kind: [] for kind in DOCUMENT_FOLDERS.values()})
    assets: list[Asset] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # folders that could not be listed


def skipped_quietly(name: str) -> bool:
    """Editor and system leftovers (.DS_Store, #draft#, notes.md~): never read, never published."""
    return name.startswith((".", "#")) or name.endswith("~")


def take_inventory(content_dir: Path, report: Report, shown: Callable[[Path], str]) -> Inventory:
    """Walks content/ without following links; reports every entry it leaves out, and why.

    `shown(path)` is the path as messages print it.
    """
    root = Path(os.path.realpath(content_dir))
    inventory = Inventory()

    def unreadable(error: OSError) -> None:
        path = Path(error.filename or content_dir)
        inventory.unreadable.add(Path(os.path.relpath(path, content_dir)).as_posix())
        report.error(shown(path), f"the folder cannot be read ({error.strerror or error}); "
                                  "give yourself permission to read it, or move it out of the content folder")

    for folder, dirnames, filenames in os.walk(content_dir, onerror=unreadable):
        here = Path(folder)
        relative = Path(os.path.relpath(folder, content_dir)).as_posix()
        relative = "" if relative == "." else relative
        dirnames.sort()
        for name in list(dirnames):
            path = here / name
            if skipped_quietly(name):
                dirnames.remove(name)
            elif path.is_symlink():
                dirnames.remove(name)
                _linked_folder(path, root, shown(path), report)
        for name in sorted(filenames):
            if not skipped_quietly(name):
                _sort_file(here / name, f"{relative}/{name}" if relative else name, root, shown, inventory, report)
    for paths in inventory.documents.values():
        paths.sort()  # in path order, as a trainer lists them: which duplicate comes first is stable
    inventory.assets.sort(key=lambda asset: asset.uri)
    return inventory


def _linked_folder(path: Path, root: Path, shown: str, report: Report) -> None:
    if _inside_target(path, root, shown, "folder", report) is not None:
        report.warning(shown, "ignored: the folder is a link, and links to folders are not followed; "
                              "move the files here instead")


def _inside_target(path: Path, root: Path, shown: str, what: str, report: Report) -> Path | None:
    """Where a link leads, if that is inside the content folder; otherwise it is reported."""
    try:
        target = Path(os.path.realpath(path, strict=True))
    except (OSError, RuntimeError):
        report.error(shown, "the file cannot be opened: it is a broken or looping link; remove the link")
        return None
    if not target.is_relative_to(root):
        report.error(shown, f"the {what} is a link to {target}, outside the content folder; links are not "
                            f"followed out of it: copy the {'files' if what == 'folder' else 'file'} in instead")
        return None
    return target


def _sort_file(path: Path, relative: str, root: Path, shown: Callable[[Path], str], inventory: Inventory, report: Report) -> None:
    if CONTROL.search(relative):
        report.error(shown(path), "the file name holds a line break or another control character; rename the file")
        return
    try:
        info = path.lstat()
    except OSError as exc:
        report.error(shown(path), f"the file cannot be read: {exc.strerror}")
        return
    if stat.S_ISLNK(info.st_mode):
        target = _inside_target(path, root, shown(path), "file", report)
        if target is None:
            return
        info = target.stat()
    if not stat.S_ISREG(info.st_mode):
        report.warning(shown(path), "ignored: not a regular file (a pipe, socket or device); remove it from the content folder")
        return
    top, _, rest = relative.partition("/")
    suffix = Path(relative).suffix.lower()
    if not rest and relative in ROOT_FILES:
        inventory.root_files[relative] = path
    elif top in DOCUMENT_FOLDERS and rest and relative.endswith(".md"):
        inventory.documents[DOCUMENT_FOLDERS[top]].append(path)
    elif suffix in IMAGE_SIGNATURES:
        _check_image(path, relative, info.st_size, shown(path), inventory, report)
    elif suffix == ".svg":
        report.warning(shown(path), "ignored, not published: an SVG image can carry script that runs in a reader's "
                              "browser; save it as PNG or WebP instead")
    else:
        report.warning(shown(path), f"ignored, not published: {_what_is_read(top, rest)}")


def _what_is_read(top: str, rest: str) -> str:
    if top in DOCUMENT_FOLDERS and rest:
        return (f"only .md files in {top}/ are read as {DOCUMENT_FOLDERS[top]} files, and only images "
                f"({', '.join(IMAGE_SIGNATURES)}) are published beside them")
    return ("the content folder holds course.yml, themes.yml, stories/*.md, modules/*.md and images "
            f"({', '.join(IMAGE_SIGNATURES)}); move other files out of it")


def _check_image(path: Path, relative: str, size: int, where: str, inventory: Inventory, report: Report) -> None:
    suffix = Path(relative).suffix.lower()
    if relative.split("/", 1)[0] in RESERVED_FOLDERS:
        report.error(where, f"content/{relative.split('/', 1)[0]}/ is where the site keeps its own files; "
                            "put images in content/images/ instead")
        return
    if size > MAX_IMAGE_BYTES:
        report.error(where, f"the image is {size / 1_000_000:.1f} MB; an image may be at most "
                            f"{MAX_IMAGE_BYTES // 1_000_000} MB: save it smaller")
        return
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        report.error(where, f"the file cannot be read: {exc.strerror}")
        return
    valid = head.startswith(IMAGE_SIGNATURES[suffix]) and (suffix != ".webp" or head[8:12] == b"WEBP")
    if not valid:
        report.error(where, f"the file is named {suffix} but is not a {suffix[1:].upper()} image; "
                            "save it again as that type, or give it the right name")
        return
    inventory.assets.append(Asset(path, relative))
