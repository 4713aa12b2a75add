"""What a build makes, one small picklable job per page or printable document.

A job names its kind and its subject and knows where its output goes (urls.py); renderers
dispatch on the kind in one place each, so forked workers can render any job they are given.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from . import urls


class PageKind(Enum):
    HOME = "home"
    STORIES = "stories_index"
    THEMES = "themes_index"
    MODULES = "modules_index"
    REFLECTIONS = "reflections"
    SESSION = "session"  # the session builder: facilitator edition only
    STORY = "story"
    THEME = "theme"
    MODULE = "module"


INDEX_PATHS = {PageKind.HOME: urls.HOME, PageKind.STORIES: urls.STORIES, PageKind.THEMES: urls.THEMES,
               PageKind.MODULES: urls.MODULES, PageKind.REFLECTIONS: urls.REFLECTIONS, PageKind.SESSION: urls.SESSION}
FACILITATOR_PAGES = frozenset({PageKind.SESSION})  # never in the learner site
SUBJECT_PATHS = {PageKind.STORY: urls.story, PageKind.THEME: urls.theme, PageKind.MODULE: urls.module}


@dataclass(frozen=True)
class PageJob:
    kind: PageKind
    slug: str = ""  # the story, theme or module; '' for index pages

    @property
    def path(self) -> str:
        return INDEX_PATHS[self.kind] if self.kind in INDEX_PATHS else SUBJECT_PATHS[self.kind](self.slug)


class PrintKind(Enum):
    COURSE = "course"
    GUIDE = "guide"
    HANDOUT = "handout"
    CARD = "card"


PDF_PATHS = {PrintKind.GUIDE: urls.guide_pdf, PrintKind.HANDOUT: urls.handout_pdf, PrintKind.CARD: urls.card_pdf}


@dataclass(frozen=True)
class PrintJob:
    kind: PrintKind
    slug: str = ""  # the module or story; '' for the course guide

    @property
    def pdf_path(self) -> str:
        return urls.COURSE_PDF if self.kind is PrintKind.COURSE else PDF_PATHS[self.kind](self.slug)

    @property
    def html_path(self) -> str | None:
        """Guides are pages of the site too; the other documents are PDF only."""
        return urls.guide_page(self.slug) if self.kind is PrintKind.GUIDE else None
