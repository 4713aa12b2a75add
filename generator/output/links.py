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

# Found by their literal start (several times faster than a pattern starting with \s), each
# then kept only when a space stands before it: data-ss-id="…" is not an id.
HREF = re.compile(r'href="([^"]*)"')
ID = re.compile(r'id="([^"]+)"')
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//)")


class LinkedPage(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def ids(self) -> frozenset[str]: ...
    @property
    def hrefs(self) -> tuple[str, ...]: ...


def _attribute_values(pattern: re.Pattern[str], content: str) -> list[str]:
    return [match.group(1) for match in pattern.finditer(content) if content[match.start() - 1:match.start()].isspace()]


def page_anchors(content: str) -> frozenset[str]:
    return frozenset(_attribute_values(ID, content))


def page_hrefs(content: str) -> tuple[str, ...]:
    """The page's internal links, each once."""
    return tuple(href for href in dict.fromkeys(_attribute_values(HREF, content)) if href and not EXTERNAL.match(href))


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
