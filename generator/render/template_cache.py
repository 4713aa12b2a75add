"""Compiled templates kept on disk between builds.

Compiling Material's templates and ours costs a build about half a second; Jinja2's bytecode
cache keeps the compiled code under `.cache/` (beside Material's own plugin caches) and checks
each template's source checksum, so an edited template is compiled afresh.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

CACHE_FOLDER = Path(".cache") / "service-stories" / "templates"


def compiled_templates(project_root: Path) -> jinja2.BytecodeCache | None:
    """The project's template cache, or None where the folder cannot be made (compile each time)."""
    folder = Path(project_root) / CACHE_FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))
