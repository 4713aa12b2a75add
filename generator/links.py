"""Internal links of the generated pages, checked before anyone clicks them.

MkDocs validates links in Markdown it renders; our pages are rendered by the core, so the
core checks their links itself: every relative href must reach a page or file of the
site, and every #anchor an id on that page.
"""

from __future__ import annotations

import posixpath
import re
from typing import Iterable

from .render import HtmlPage

HREF = re.compile(r'\shref="([^"]*)"')
ID = re.compile(r'\sid="([^"]+)"')
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//)")


def broken_links(pages: Iterable[HtmlPage], other_files: set[str]) -> list[str]:
    """One message per broken link: 'page: link to X, which ...'."""
    pages = list(pages)
    ids = {page.path: set(ID.findall(page.content)) for page in pages}
    problems = []
    for page in pages:
        base = posixpath.dirname(page.path)
        for href in dict.fromkeys(HREF.findall(page.content)):
            if not href or EXTERNAL.match(href):
                continue
            target, _, anchor = href.partition("#")
            resolved = posixpath.normpath(posixpath.join(base, target)) if target else page.path
            if resolved not in ids and resolved not in other_files:
                problems.append(f"{page.path}: link to '{href}', which is not a page or file of the site")
            elif anchor and resolved in ids and anchor not in ids[resolved]:
                problems.append(f"{page.path}: link to '{href}', but that page has no anchor '#{anchor}'")
    return problems
