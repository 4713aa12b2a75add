"""Story bodies and facilitator notes as safe HTML, shared by the web pages and print.

Converted once per text, while the content is read: `check` converts every text exactly as
`build` does, and the site, the guides and the handouts all reuse the result.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor

from ..problems import Problem, Severity
from .body_limits import SlowText, body_problems, deadline
from .sanitize import clean_html, local_images_only, removed_markup

HEADING = re.compile(r"^h([1-6])$")
# Plain Markdown plus saner lists: stories are prose. (smarty and tables would double
# the conversion time of every story for features the stories do not use.) magiclink makes a
# bare address (https://…, www.…) a link, as trainers expect after pasting one (about +15%).
EXTENSIONS = ["sane_lists", "pymdownx.magiclink"]
EXTENSION_CONFIGS = {"pymdownx.magiclink": {"hide_protocol": False, "repo_url_shortener": False, "repo_url_shorthand": False,
                                            "social_url_shorthand": False}}


def may_hold_links(text: str) -> bool:
    """Whether magiclink could find an address in `text`: what it links starts with one of these
    strings, and a text with none of them (most stories) converts without it, to the same HTML,
    ~15% sooner. (Substring tests: a case-blind regex scanning every story cost the saving.)"""
    if "://" in text or "@" in text:
        return True
    lowered = text.lower()
    return "www." in lowered or "ftp." in lowered


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


# Python-Markdown's inline patterns, each with what a text must hold for it to match anywhere
# (after Markdown's own clean-up, in which tabs become spaces and \r\n becomes \n). Most stories
# are plain prose: converted without the patterns that cannot match, to the same HTML, they take
# half the time. A pattern not listed here (an extension's) is always kept.
INLINE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",), "escape": ("\\",),
    "reference": ("[",), "link": ("[",), "image_link": ("[",), "image_reference": ("[",),
    "short_reference": ("[",), "short_image_ref": ("[",),
    "autolink": ("<",), "automail": ("<",), "html": ("<",),
    "linebreak": ("  \n", "  \r", "\t"), "entity": ("&",), "em_strong": ("*", "_"),
}
KEPT_CONVERTERS = 64  # one per mix of markup seen; a course uses a handful


def inline_patterns_needed(text: str) -> frozenset[str]:
    """The listed inline patterns that could match somewhere in `text`."""
    return frozenset(name for name, triggers in INLINE_TRIGGERS.items() if any(trigger in text for trigger in triggers))


class ContentHtml:
    """Markdown → sanitized HTML, with the heading shift each use needs."""

    def __init__(self) -> None:
        self._converters: dict[tuple[int, bool, frozenset[str]], markdown.Markdown] = {}

    def _converter(self, key: tuple[int, bool, frozenset[str]]) -> markdown.Markdown:
        if key not in self._converters:
            top, linkable, needed = key
            if len(self._converters) >= KEPT_CONVERTERS:
                self._converters.clear()
            extensions = EXTENSIONS if linkable else [name for name in EXTENSIONS if name != "pymdownx.magiclink"]
            md = markdown.Markdown(extensions=extensions, extension_configs=EXTENSION_CONFIGS)
            for name in INLINE_TRIGGERS.keys() - needed:
                md.inlinePatterns.deregister(name, strict=False)
            md.treeprocessors.register(_ShiftHeadings(md, top), "shift_headings", 1)
            self._converters[key] = md
        return self._converters[key]

    def _key(self, text: str, top: int) -> tuple[int, bool, frozenset[str]]:
        return top, may_hold_links(text), inline_patterns_needed(text)

    def raw(self, text: str, top: int = 3) -> str:
        """HTML as Markdown makes it, before sanitizing."""
        md = self._converter(self._key(text, top))
        md.reset()
        return md.convert(text)

    def convert(self, text: str, top: int, path: str, first_line: int) -> tuple[str, list[Problem]]:
        """The published HTML of a story (top=2) or notes text (top=3), and what is wrong with it.

        `top` is the heading level the text's highest heading gets. Errors (a text past the
        limits of body_limits.py) come with empty HTML; warnings name what was left out.
        """
        problems = body_problems(text, path, first_line)
        if problems:
            return "", problems
        try:
            with deadline():
                raw = self.raw(text, top)
        except (RecursionError, SlowText) as exc:
            why = "it nests too deeply" if isinstance(exc, RecursionError) else str(exc)
            self._converters.pop(self._key(text, top), None)  # interrupted midway: its state is not to be trusted
            return "", [Problem(path, f"the text cannot be converted ({why}); simplify its lists, links or HTML", first_line)]
        html, remote = local_images_only(clean_html(raw))
        if _may_hold_markup(text):
            problems += _removal_warnings(text, raw, path, first_line)
        for address in remote:
            offset = text.find(address)
            line = first_line + text.count("\n", 0, offset) if offset >= 0 else first_line
            problems.append(Problem(path, f"the image at {address} is on another site and is not shown: the site "
                                    "loads nothing from the internet (readers may be offline); save the image in "
                                    "content/images/ and link it from there", line, severity=Severity.WARNING))
        return html, problems


def _may_hold_markup(text: str) -> bool:
    """False for bodies that can only produce markup from the allow-list (most of them)."""
    if "<" in text or "&" in text:
        return True
    lowered = text.lower()
    return "script:" in lowered or "data:" in lowered


def _removal_warnings(text: str, raw: str, path: str, first_line: int) -> list[Problem]:
    """Warns about raw HTML the sanitizer drops, each occurrence at its own line."""
    lowered, cursor, tag, line = text.lower(), 0, None, first_line
    reported: set[tuple[str, int]] = set()
    for removal in removed_markup(raw):
        if removal.tag != tag:  # found in the source in order, so each occurrence gets its own line
            tag = removal.tag
            offset = next((found for needle in removal.needles
                           if (found := lowered.find(needle.lower(), cursor)) >= 0), -1)
            line = first_line + text.count("\n", 0, offset) if offset >= 0 else first_line  # not found: the text's start
            cursor = offset + 1 if offset >= 0 else cursor
        reported.add((removal.what, line))
    return [Problem(path, f"unsafe HTML removed from the published page: {what}; use plain Markdown instead", line,
                    severity=Severity.WARNING) for what, line in sorted(reported, key=lambda r: (r[1], r[0]))]
