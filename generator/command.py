"""How the trainer runs this tool, so every hint it prints is a command that works as typed.

Installed with pip or pipx, the tool is the `service-stories` command; in a checkout of the
repository it is also `python -m generator` with the project's Python. A hint names
`service-stories` when that command on the PATH is this installation, and otherwise the full
path of this installation's command (which works after a `cd`, unlike a relative one).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

NAME = "service-stories"


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def tool_command() -> str:
    """'service-stories', or the absolute command of this installation when that name is not on the PATH."""
    script = Path(sys.executable).parent / NAME
    on_path = shutil.which(NAME)
    if on_path and (not script.exists() or _same_file(on_path, script)):
        return NAME
    if script.exists():
        return shlex.quote(str(script))
    return f"{shlex.quote(sys.executable)} -m generator"
