"""Where templates come from: the tool's own (shipped inside the package) and, optionally, a
course's `templates/` folder, whose files replace the tool's file by file.

A course made with `service-stories new course` has no templates of its own and gets every
update of the tool's; a trainer who wants another home page puts `templates/pages/home.html.j2`
in the course, and only that file is theirs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PARTS = ("pages", "print", "overrides")


def search_path(own: Path | None, part: str) -> list[str]:
    """The folders to look for `part` ('pages', 'print', 'overrides') in, the course's first."""
    folders = [Path(own) / part] if own is not None and (Path(own) / part).is_dir() else []
    return [str(folder) for folder in folders] + [str(DEFAULT_TEMPLATES / part)]


def template_files(own: Path | None, part: str) -> dict[str, Path]:
    """relative name -> the file that wins, for every file of `part` in either folder."""
    found: dict[str, Path] = {}
    for folder in reversed(search_path(own, part)):
        root = Path(folder)
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            found[path.relative_to(root).as_posix()] = path
    return dict(sorted(found.items()))


def fingerprint(own: Path | None, parts: Iterable[str] = PARTS, *, contents: bool = False) -> str:
    """Changes when any template that counts changes: by size and time, or with `contents` by bytes."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        for name, path in template_files(own, part).items():
            stat = path.stat()
            digest.update(f"{part}/{name}\0".encode())
            digest.update(path.read_bytes() if contents else f"{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()
