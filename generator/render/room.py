"""The room display: full-screen slides a facilitator projects, in the facilitator edition only.

Standalone pages, not passed through the theme: a projected slide carries nothing of the site's
header, navigation or search. Each module gets room/<module>.html with its stories inline; the
session builder's plans open in room/session.html, which reads the plan from its address
(#title=…&start=HH:MM&length=…&plan=slug,slug~12,~10) and the course from session-data.js. One
script (room/room.js) turns either into slides and runs the timer, with the minutes the model
gave (never recomputed in the browser). Templates, stylesheet and script come from templates/room/
(the tool's, or a course's own file of the same name).
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from ..content.model import Course, Module
from . import urls
from .labels import Labels
from .pages import label_helpers, template_environment
from .session_data import session_data
from .template_folders import search_path

TEMPLATE = "room.html.j2"
STATIC = {urls.ROOM_STYLES: "room.css", urls.ROOM_SCRIPT: "room.js"}


class RoomRenderer:
    """The room display's pages and files: site path -> text."""

    def __init__(self, course: Course, templates_dir: Path | None, labels: Labels,
                 bytecode_cache: jinja2.BytecodeCache | None = None):
        self.course = course
        self.labels = labels
        self.env = template_environment(search_path(templates_dir, "room"), bytecode_cache)

    def files(self) -> dict[str, str]:
        found = {path: self._static(name) for path, name in STATIC.items()}
        found[urls.ROOM_SESSION] = self.session_page()
        for module in self.course.modules:
            found[urls.room_module(module.slug)] = self.module_page(module)
        return found

    def _static(self, name: str) -> str:
        """A file as it is, found like the templates (a course's own first, then the tool's)."""
        assert self.env.loader is not None
        return self.env.loader.get_source(self.env, name)[0]

    def _render(self, here: str, **context: object) -> str:
        return self.env.get_template(TEMPLATE).render(course=self.course, link=urls.relative(here),
                                                      **label_helpers(self.labels), **context)

    def module_page(self, module: Module) -> str:
        text = self.labels.text
        return self._render(urls.room_module(module.slug), module=module,
                            title=text("room.page_title", title=module.title),
                            kicker=self.course.title,
                            which=text("module.kicker", number=module.number, total=len(self.course.modules)),
                            back=(urls.module(module.slug), text("room.back_module")),
                            inline_data=Markup(session_data(self.course, module)))

    def session_page(self) -> str:
        return self._render(urls.ROOM_SESSION, module=None, title=self.labels.text("room.session_page_title"),
                            kicker=self.course.title, which="", back=(urls.SESSION, self.labels.text("room.back_session")),
                            inline_data=None)
