"""The one place that writes build output, so every file lands whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

_made_folders: set[str] = set()  # known to exist: saves a makedirs per file


def _open_new(path: str, folder: str) -> int:
    if folder not in _made_folders:
        os.makedirs(folder, exist_ok=True)
        _made_folders.add(folder)
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    except FileNotFoundError:  # the folder was removed since (an earlier build's output)
        os.makedirs(folder, exist_ok=True)
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)


def write_file(site_dir: Path | str, relative: str, data: str | bytes) -> Path:
    """Writes `data` at site_dir/relative through a temporary file and a rename.

    A crash or a full disk midway leaves the old file (or none), never half a file.
    """
    target = os.path.join(site_dir, relative)
    folder = os.path.dirname(target)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary = os.path.join(folder, f".{os.path.basename(target)}.{os.getpid()}.part")
    try:
        handle = _open_new(temporary, folder)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(handle, view):]
        finally:
            os.close(handle)
        os.replace(temporary, target)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(exc, OSError) and not exc.filename:  # os.write names no file: say which one
            raise OSError(exc.errno, exc.strerror or str(exc), target) from None
        raise
    return Path(target)
