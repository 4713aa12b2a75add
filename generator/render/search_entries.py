"""What the search index holds for each page: one entry per section, as Material expects.

Built from the model rather than by parsing pages back, so a story's entries hold its own
words only (not the titles of the related stories listed under it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import escape

from ..content.model import Course, Module, Story

TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)[^>]*>")
SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchEntry:
    location: str
    title: str  # HTML
    text: str  # HTML: paragraphs only

    def as_dict(self) -> dict[str, str]:
        return {"location": self.location, "title": self.title, "text": self.text}


def paragraphs_only(html: str) -> str:
    """Keeps paragraph breaks and the words; drops every other tag."""
    kept = TAG.sub(lambda m: f"<{m.group(1)}p>" if m.group(2).lower() in ("p", "li") else " ", html)
    return SPACE.sub(" ", kept).replace(" </p>", "</p>").replace("<p> ", "<p>").strip()


def _paragraphs(items: list[str]) -> str:
    return "".join(f"<p>{escape(item)}</p>" for item in items)


def story_entries(story: Story, body_html: str, path: str) -> list[SearchEntry]:
    facts = [f"{label}: {value}" for label, value in (("Setting", story.setting), ("Place", story.place)) if value]
    facts.append("Themes: " + ", ".join(t.title for t in story.themes))
    source = story.source
    credit = f"Retold from “{source.title}” by {source.author}, {source.publication}."
    return [
        SearchEntry(path, str(escape(story.title)), _paragraphs([story.summary]) + paragraphs_only(body_html) + _paragraphs(facts)),
        SearchEntry(f"{path}#reflect", "Reflect", _paragraphs(story.questions)),
        SearchEntry(f"{path}#source", "Source", _paragraphs([credit])),
    ]


def module_entries(module: Module, notes_html: str, path: str) -> list[SearchEntry]:
    title = f"Module {module.number}: {module.title}"
    intro = [module.meta.summary] if module.meta.summary else []
    entries = [
        SearchEntry(path, str(escape(title)), _paragraphs(intro + module.meta.objectives)),
        SearchEntry(f"{path}#discussion", "Discussion questions", _paragraphs(module.meta.discussion)),
    ]
    if module.meta.agenda:
        entries.insert(1, SearchEntry(f"{path}#agenda", "Agenda", _paragraphs([i.activity for i in module.meta.agenda])))
    if notes_html.strip():
        entries.append(SearchEntry(f"{path}#notes", "Facilitator notes", paragraphs_only(notes_html)))
    return entries


def home_entries(course: Course, path: str) -> list[SearchEntry]:
    meta = course.meta
    return [SearchEntry(path, str(escape(course.title)), _paragraphs([meta.tagline, meta.description, meta.audience]))]
