"""The one place that writes build output, so every file lands whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_file(site_dir: Path | str, relative: str, data: str | bytes) -> Path:
    """Writes `data` at site_dir/relative through a temporary file and a rename.

    A crash or a full disk midway leaves the old file (or none), never half a file.
    """
    target = Path(site_dir) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
