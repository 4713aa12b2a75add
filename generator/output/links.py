"""Internal links of the generated pages, checked before anyone clicks them.

MkDocs validates links in Markdown it renders; our pages are rendered by the core, so the
core checks their links itself: every relative href must reach a page or file of the
site, and every #anchor an id on that page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from typing import Protocol

HREF = re.compile(r'\shref="([^"]*)"')
ID = re.compile(r'\sid="([^"]+)"')
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//)")


class LinkedPage(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def ids(self) -> frozenset[str]: ...
    @property
    def hrefs(self) -> tuple[str, ...]: ...


def page_anchors(content: str) -> frozenset[str]:
    return frozenset(ID.findall(content))


def page_hrefs(content: str) -> tuple[str, ...]:
    """The page's internal links, each once."""
    return tuple(href for href in dict.fromkeys(HREF.findall(content)) if href and not EXTERNAL.match(href))


def broken_links(pages: Iterable[LinkedPage], other_files: set[str], only: set[str] | None = None) -> list[str]:
    """One message per broken link: 'page: link to X, which ...' (of the pages in `only`, if given)."""
    pages = list(pages)
    ids = {page.path: page.ids for page in pages}
    problems = []
    for page in pages:
        if only is not None and page.path not in only:
            continue
        base = posixpath.dirname(page.path)
        for href in page.hrefs:
            target, _, anchor = href.partition("#")
            resolved = posixpath.normpath(posixpath.join(base, target)) if target else page.path
            if resolved not in ids and resolved not in other_files:
                problems.append(f"{page.path}: link to '{href}', which is not a page or file of the site")
            elif anchor and resolved in ids and anchor not in ids[resolved]:
                problems.append(f"{page.path}: link to '{href}', but that page has no anchor '#{anchor}'")
    return problems
