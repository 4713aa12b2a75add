"""Renders every page, pours it into its theme shell and writes it, on all the machine's cores.

Once the course is loaded, pages are independent of each other, so a large build splits
them between forked worker processes. Each worker writes its own pages and sends back only
what the whole site needs: search entries and the facts the link check uses. Output is the
same, byte for byte, whichever way the work was split.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import jinja2

from ..output.writer import SiteWriter
from ..parallel import map_in_shares
from ..problems import Problem
from ..render.pages import HtmlPage
from ..render.template_errors import describe_template_error, template_problem

# Below this many pages a worker pool costs more than it saves.
PARALLEL_MIN_PAGES = 200

Job = TypeVar("Job")  # whatever `render` accepts: page jobs, or finished HtmlPages (error pages)
Fill = Callable[[HtmlPage], str]


@dataclass(frozen=True)
class WrittenPage:
    """What the rest of the build needs to know about a page once it is on disk."""

    path: str
    search: tuple[dict[str, str], ...]
    ids: frozenset[str]
    hrefs: tuple[str, ...]
    pid: int  # the process that wrote it (build/parallel.py forks workers)


class PageRenderError(Exception):
    """A template failed while rendering a page; the message says where and why."""

    def __init__(self, message: str, problem: Problem | None = None):
        super().__init__(message, problem)
        self.problem = problem

    def __str__(self) -> str:
        return str(self.args[0])


def write_pages(jobs: Sequence[Job], render: Callable[[Job], HtmlPage], fill: Fill, writer: SiteWriter,
                workers: int = 1, on_page: Callable[[str], None] | None = None) -> list[WrittenPage]:
    """Renders and writes every job's page; returns them in job order."""
    if workers <= 1 or len(jobs) < PARALLEL_MIN_PAGES:
        written = []
        for job in jobs:
            written.append(_write_one(job, render, fill, writer))
            if on_page:
                on_page(written[-1].path)
        return written
    heard = (lambda page: on_page(page.path)) if on_page else None
    written = map_in_shares(lambda job: _write_one(job, render, fill, writer), jobs, workers, on_result=heard)
    writer.adopt_from_workers((page.pid, (page.path,)) for page in written)
    return written


def _write_one(job: Job, render: Callable[[Job], HtmlPage], fill: Fill, writer: SiteWriter) -> WrittenPage:
    try:
        page = render(job)
    except jinja2.TemplateError as exc:
        raise PageRenderError(describe_template_error(exc), template_problem(exc)) from None
    writer.write(page.path, fill(page))
    return WrittenPage(page.path, tuple(entry.as_dict() for entry in page.search), page.anchors, page.hrefs, os.getpid())
