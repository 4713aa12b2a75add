"""Renders every page, pours it into its theme shell and writes it, on all the machine's cores.

Once the course is loaded, pages are independent of each other, so a large build splits
them between forked worker processes. Each worker writes its own pages and sends back only
what the whole site needs: search entries and the facts the link check uses. Output is the
same, byte for byte, whichever way the work was split.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Callable, Sequence

import jinja2

from .parallel import map_in_shares
from ..render.pages import HtmlPage
from ..problems import Problem
from ..render.template_errors import describe_template_error, template_problem
from ..output.writer import write_file

# Below this many pages a worker pool costs more than it saves.
PARALLEL_MIN_PAGES = 200

Job = object  # whatever `render` accepts: (kind, slug) jobs, or finished HtmlPages
Render = Callable[[Job], HtmlPage]
Fill = Callable[[HtmlPage], str]


@dataclass(frozen=True)
class WrittenPage:
    """What the rest of the build needs to know about a page once it is on disk."""

    path: str
    search: tuple[dict[str, str], ...]
    ids: frozenset[str]
    hrefs: tuple[str, ...]


class PageRenderError(Exception):
    """A template failed while rendering a page; the message says where and why."""

    def __init__(self, message: str, problem: Problem | None = None):
        super().__init__(message, problem)
        self.problem = problem

    def __str__(self) -> str:
        return self.args[0]


def write_pages(jobs: Sequence[Job], render: Render, fill: Fill, site_dir: str,
                workers: int = 1, on_page: Callable[[str], None] | None = None,
                on_disk: dict[str, str] | None = None) -> list[WrittenPage]:
    """Renders and writes every job's page; returns them in job order.

    `on_disk` (path -> digest of what was last written there; previews only) skips
    rewriting pages that did not change.
    """
    if workers <= 1 or len(jobs) < PARALLEL_MIN_PAGES:
        written = []
        for job in jobs:
            written.append(_write_one(job, render, fill, site_dir, on_disk))
            if on_page:
                on_page(written[-1].path)
        return written
    return _write_in_workers(jobs, render, fill, site_dir, workers, on_page)


def _write_one(job: Job, render: Render, fill: Fill, site_dir: str,
               on_disk: dict[str, str] | None = None) -> WrittenPage:
    try:
        page = render(job)
    except jinja2.TemplateError as exc:
        raise PageRenderError(describe_template_error(exc), template_problem(exc)) from None
    html = fill(page)
    if on_disk is None:
        write_file(site_dir, page.path, html)
    else:
        digest = hashlib.blake2b(html.encode("utf-8"), digest_size=16).hexdigest()
        if on_disk.get(page.path) != digest or not os.path.exists(os.path.join(site_dir, page.path)):
            write_file(site_dir, page.path, html)
            on_disk[page.path] = digest
    return WrittenPage(
        page.path,
        tuple(entry.as_dict() for entry in page.search),
        page.anchors,
        page.hrefs,
    )


def _write_in_workers(jobs: Sequence[Job], render: Render, fill: Fill, site_dir: str,
                      workers: int, on_page: Callable[[str], None] | None) -> list[WrittenPage]:
    heard = (lambda page: on_page(page.path)) if on_page else None
    return map_in_shares(lambda job: _write_one(job, render, fill, site_dir), jobs, workers, contiguous=True,
                         on_result=heard)
