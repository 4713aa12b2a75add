"""Reproducible zip files, written whole or not at all.

The same entries give the same bytes on any machine and any day: entries are sorted, each is
dated with the build's date (not the file's), has fixed permissions (rw-r--r--) and no
machine-specific extra fields, and is compressed with a fixed level. The archive is written to a
temporary file beside its target and renamed over it, so a crash or a full disk leaves the old
archive (or none), never half of one.
"""

from __future__ import annotations

import os
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

ZIP_EPOCH = 315532800  # 1980-01-01 00:00:00 UTC: the earliest date a zip entry can carry
COMPRESS_LEVEL = 9
FILE_MODE = 0o100644  # a regular file, rw-r--r--

Data = bytes | str | Path  # the entry's bytes, its text (UTF-8), or a file to copy


def zip_date(epoch: int) -> tuple[int, int, int, int, int, int]:
    """The build's date as a zip entry's date (UTC; zip dates have no time zone, even seconds)."""
    stamp = time.gmtime(max(int(epoch), ZIP_EPOCH))
    return stamp.tm_year, stamp.tm_mon, stamp.tm_mday, stamp.tm_hour, stamp.tm_min, stamp.tm_sec - stamp.tm_sec % 2


def write_zip(target: Path, entries: Iterable[tuple[str, Data]], epoch: int) -> Path:
    """Writes `entries` (archive name, data) into `target`, sorted by name, all dated `epoch`.

    Names use '/' and must be relative; a name given twice is an error (it would hide a file).
    """
    target = Path(target)
    items = sorted(entries, key=lambda entry: entry[0])
    names = [name for name, _ in items]
    for name in names:
        if not name or name.startswith("/") or ".." in name.split("/") or "\\" in name:
            raise ValueError(f"{name!r} is not a relative archive name")
    duplicates = sorted({name for name in names if names.count(name) > 1}) if len(set(names)) < len(names) else []
    if duplicates:
        raise ValueError(f"{target.name}: the same name twice: {', '.join(duplicates)}")
    date = zip_date(epoch)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        # Opened like every file the build writes: its mode follows the umask.
        with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), "wb") as handle:
            with zipfile.ZipFile(handle, "w") as archive:
                for name, data in items:
                    info = zipfile.ZipInfo(name, date_time=date)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.create_system = 3  # Unix, so the permissions below are read as such
                    info.external_attr = FILE_MODE << 16
                    archive.writestr(info, _bytes_of(data), compresslevel=COMPRESS_LEVEL)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    return target


def _bytes_of(data: Data) -> bytes:
    if isinstance(data, Path):
        return data.read_bytes()
    return data.encode("utf-8") if isinstance(data, str) else data

