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


class _ShiftHeadings(Treeprocessor):
    """Shifts headings so the text's highest heading sits at `top` below the page's own.

    Trainers write '#' or '##' as they like; the page decides where the text's headings go,
    so heading levels never skip (h1 then h3) whatever the author chose.
    """

    def __init__(self, md: markdown.Markdown, top: int):
        super().__init__(md)
        self.top = top

    def run(self, root: etree.Element) -> None:
        headings = [(element, int(match.group(1))) for element in root.iter()
                    if (match := HEADING.match(element.tag))]
        if not headings:
            return
        shift = self.top - min(level for _, level in headings)
        for element, level in headings:
            element.tag = f"h{max(1, min(6, level + shift))}"


class ContentHtml:
    """Markdown → sanitized HTML, with the heading shift each use needs."""

    def __init__(self) -> None:
        self._converters: dict[int, markdown.Markdown] = {}
        self._cache: dict[tuple[str, int], str] = {}

    def _converter(self, top: int) -> markdown.Markdown:
        if top not in self._converters:
            md = markdown.Markdown(extensions=EXTENSIONS)
            md.treeprocessors.register(_ShiftHeadings(md, top), "shift_headings", 1)
            self._converters[top] = md
        return self._converters[top]

    def raw(self, text: str, top: int = 3) -> str:
        """HTML as Markdown makes it, before sanitizing."""
        md = self._converter(top)
        md.reset()
        return md.convert(text)

    def render(self, text: str, top: int = 3) -> str:
        """`top`: the heading level the text's highest heading gets (3: under a page's h2)."""
        key = (text, top)
        if key not in self._cache:
            self._cache[key] = clean_html(self.raw(text, top))
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
        lowered, cursor, tag, line = text.lower(), 0, None, None
        reported = set()
        for removal in removed_markup(html.raw(text)):
            if removal.tag != tag:  # found in the source in order, so each occurrence gets its own line
                tag = removal.tag
                offset = next((found for needle in removal.needles
                               if (found := lowered.find(needle.lower(), cursor)) >= 0), -1)
                line = first_line + text.count("\n", 0, offset) if offset >= 0 else None
                cursor = offset + 1 if offset >= 0 else cursor
            if (removal.what, line) not in reported:
                reported.add((removal.what, line))
                report.warning(path, f"unsafe HTML removed from the published page: {removal.what}; "
                               "use plain Markdown instead", line)
