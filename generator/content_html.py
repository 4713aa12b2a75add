"""Story bodies and facilitator notes as safe HTML, shared by the web pages and print.

Converted once per text and cached: the site, the guides and the handouts all reuse it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor

from .model import Course
from .problems import Report
from .sanitize import clean_html, removed_markup

HEADING = re.compile(r"^h([1-6])$")
# Plain Markdown plus saner lists: stories are prose. (smarty and tables would double
# the conversion time of every story for features the stories do not use.)
EXTENSIONS = ["sane_lists"]


class _DemoteHeadings(Treeprocessor):
    """Shifts headings so a body's '#' sits below the page's own headings."""

    def __init__(self, md: markdown.Markdown, levels: int):
        super().__init__(md)
        self.levels = levels

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            match = HEADING.match(element.tag)
            if match:
                element.tag = f"h{min(6, int(match.group(1)) + self.levels)}"


class ContentHtml:
    """Markdown → sanitized HTML, with the heading shift each use needs."""

    def __init__(self) -> None:
        self._converters: dict[int, markdown.Markdown] = {}
        self._cache: dict[tuple[str, int], str] = {}

    def _converter(self, demote: int) -> markdown.Markdown:
        if demote not in self._converters:
            md = markdown.Markdown(extensions=EXTENSIONS)
            md.treeprocessors.register(_DemoteHeadings(md, demote), "demote_headings", 1)
            self._converters[demote] = md
        return self._converters[demote]

    def raw(self, text: str, demote: int = 1) -> str:
        """HTML as Markdown makes it, before sanitizing."""
        md = self._converter(demote)
        md.reset()
        return md.convert(text)

    def render(self, text: str, demote: int = 1) -> str:
        key = (text, demote)
        if key not in self._cache:
            self._cache[key] = clean_html(self.raw(text, demote))
        return self._cache[key]

    def forget(self) -> None:
        self._cache.clear()


def _may_hold_markup(text: str) -> bool:
    """False for bodies that can only produce markup from the allow-list (most of them)."""
    if "<" in text or "&" in text:
        return True
    lowered = text.lower()
    return "script:" in lowered or "data:" in lowered


def report_removed_markup(course: Course, html: ContentHtml, report: Report) -> None:
    """Warns, per file, about raw HTML the sanitizer will drop from the published pages."""
    texts = [(s.path, s.body, s.body_first_line) for s in course.stories.values()]
    texts += [(m.path, m.notes, m.notes_first_line) for m in course.modules]
    for path, text, first_line in texts:
        if not _may_hold_markup(text):
            continue
        for what, needle in removed_markup(html.raw(text)):
            offset = text.lower().find(needle)
            line = first_line + text.count("\n", 0, offset) if offset >= 0 else None
            report.warning(
                path,
                f"unsafe HTML removed from the published page: {what}; use plain Markdown instead",
                line,
            )
