"""What the search index holds for each page: one entry per section, as Material expects.

Built from the model rather than by parsing pages back, so a story's entries hold its own
words only (not the titles of the related stories listed under it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import escape

from ..content.model import Course, Module, Story
from .credits import credit_text
from .labels import ENGLISH, Labels

TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)[^>]*>")


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
    return " ".join(kept.split()).replace(" </p>", "</p>").replace("<p> ", "<p>").strip()


def _paragraphs(items: list[str]) -> str:
    return "".join(f"<p>{escape(item)}</p>" for item in items)


def story_entries(story: Story, body_html: str, path: str, labels: Labels = ENGLISH) -> list[SearchEntry]:
    text = labels.text
    facts = [f"{text(label)}: {value}" for label, value in (("story.setting", story.setting), ("story.place", story.place))
             if value]
    facts.append(f"{text('story.themes')}: " + ", ".join(t.title for t in story.themes))
    return [
        SearchEntry(path, str(escape(story.title)), _paragraphs([story.summary]) + paragraphs_only(body_html) + _paragraphs(facts)),
        SearchEntry(f"{path}#reflect", str(escape(text("story.reflect"))), _paragraphs(story.questions)),
        SearchEntry(f"{path}#source", str(escape(text("story.source"))), _paragraphs([credit_text(story, labels)])),
    ]


def module_entries(module: Module, notes_html: str, path: str, labels: Labels = ENGLISH) -> list[SearchEntry]:
    text = labels.text
    title = text("module.full_title", number=module.number, title=module.title)
    intro = [module.meta.summary] if module.meta.summary else []
    entries = [
        SearchEntry(path, str(escape(title)), _paragraphs(intro + module.meta.objectives)),
        SearchEntry(f"{path}#discussion", str(escape(text("module.discussion"))), _paragraphs(module.meta.discussion)),
    ]
    if module.meta.agenda:
        entries.insert(1, SearchEntry(f"{path}#agenda", str(escape(text("module.agenda"))),
                                      _paragraphs([i.activity for i in module.meta.agenda])))
    if notes_html.strip():
        entries.append(SearchEntry(f"{path}#notes", str(escape(text("module.notes"))), paragraphs_only(notes_html)))
    return entries


def home_entries(course: Course, path: str) -> list[SearchEntry]:
    meta = course.meta
    return [SearchEntry(path, str(escape(course.title)), _paragraphs([meta.tagline, meta.description, meta.audience]))]
