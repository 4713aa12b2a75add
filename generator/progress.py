"""What a long build is doing, shown on a terminal and silent everywhere else (CI, logs, pipes).

The core and the plugin report steps through a plain callback, `step(what, count)`; only
this module knows about rich.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Callable, Iterator

Step = Callable[[str, int], None]

LABELS = {"stories": "read {n} stories", "pages": "wrote {n} pages", "pdfs": "made {n} PDFs"}


def _quiet(step: str, count: int) -> None:
    pass


@contextmanager
def build_progress(console=None) -> Iterator[Step]:
    """A step callback that updates a spinner line on a terminal; a no-op otherwise."""
    from rich.console import Console

    console = console or Console(stderr=True)
    if not console.is_terminal or os.environ.get("CI"):
        yield _quiet
        return
    done: dict[str, str] = {}  # a step reported again (one more PDF) updates its count in place
    with console.status("Building the site…") as status:

        def step(what: str, count: int) -> None:
            done[what] = LABELS.get(what, what + " {n}").format(n=count)
            status.update("Building the site: " + ", ".join(done.values()) + "…")

        yield step
