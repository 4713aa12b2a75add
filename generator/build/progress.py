"""What a long build is doing, shown on a terminal and silent everywhere else (CI, logs, pipes).

The build calls the three methods of `Progress` as it goes; the plain class tells nobody, so
the core and the plugin need no checks. Only this module knows about rich. Builds split work
between processes, so callers report from the parent process, as results come back.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
from contextlib import contextmanager


class Progress:
    """The callbacks a build calls; this one ignores them (previews, CI, output to a file)."""

    def stories_read(self, count: int) -> None:
        pass

    def page_written(self, path: str) -> None:
        pass

    def pdf_made(self, path: str) -> None:
        pass


class TerminalProgress(Progress):
    """Counts that a rich status line (a spinner and one line of text) shows as it redraws."""

    def __init__(self) -> None:
        self.stories = self.pages = self.pdfs = 0

    def stories_read(self, count: int) -> None:
        self.stories = count

    def page_written(self, path: str) -> None:
        self.pages += 1

    def pdf_made(self, path: str) -> None:
        self.pdfs += 1

    def text(self) -> str:
        counts = (("read", self.stories, "story", "stories"), ("wrote", self.pages, "page", "pages"),
                  ("made", self.pdfs, "PDF", "PDFs"))
        done = [f"{verb} {count} {one if count == 1 else many}" for verb, count, one, many in counts if count]
        return "Building the site" + (": " + ", ".join(done) if done else "") + "…"

    def __rich__(self) -> str:  # read by rich's redraw thread, so counting costs nothing
        return self.text()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@contextmanager
def build_progress(console: Console | None = None) -> Iterator[Progress]:
    """A Progress that shows on a terminal; a silent one in CI or when output is not a terminal."""
    if in_ci() or (console is None and not sys.stderr.isatty()):  # no terminal: rich need not even load
        yield Progress()
        return
    from rich.console import Console

    console = console or Console(stderr=True)
    if not console.is_terminal:
        yield Progress()
        return
    progress = TerminalProgress()
    with console.status(progress):
        yield progress
