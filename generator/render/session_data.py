"""The course as the session builder and the room display read it: one script, facilitator edition only.

Both are plain pages that work from file://, where a page cannot fetch JSON, so the data comes
as a script setting `window.ssSession`. Minutes come from the model (`Story.session_minutes`),
never recomputed in the browser, so the agenda in a page and in a PDF agree.
"""

from __future__ import annotations

import json

from ..content.model import DISCUSSION_MINUTES_PER_QUESTION, Course, Module, Story
from . import urls


def _story(story: Story, theme_index: dict[str, int]) -> dict[str, object]:
    note = story.facilitator
    return {"slug": story.slug, "title": story.title, "summary": story.summary, "url": urls.story(story.slug),
            "setting": story.setting, "themes": [theme_index[theme.slug] for theme in story.themes],
            "minutes": story.session_minutes, "reading": story.reading_minutes,
            "questions": story.questions, "listen": list(note.listen_for) if note else []}


def _module(module: Module) -> dict[str, object]:
    return {"slug": module.slug, "number": module.number, "title": module.title, "url": urls.module(module.slug),
            "duration": module.duration, "stories": [story.slug for story in module.stories],
            "questions": list(module.meta.discussion),
            "discussionMinutes": DISCUSSION_MINUTES_PER_QUESTION * len(module.meta.discussion),
            "agenda": [[row.start, row.minutes, row.activity] for row in module.agenda]}


def session_data(course: Course, module: Module | None = None) -> str:
    """The script; with `module`, only that module and its stories (a module's room display
    carries them inline). '<' is escaped, so the script can also stand inside a page."""
    theme_index = {slug: index for index, slug in enumerate(course.themes)}
    stories = module.stories if module is not None else course.stories.values()
    data = {"discussionMinutesPerQuestion": DISCUSSION_MINUTES_PER_QUESTION,
            "themes": [[theme.slug, theme.title] for theme in course.themes.values()],
            "stories": [_story(story, theme_index) for story in stories],
            "modules": [_module(item) for item in ([module] if module is not None else course.modules)]}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return "window.ssSession = " + text + ";\n"


def story_script(slug: str, html: str, credit: str) -> str:
    """One story's text (HTML as its page shows it) and credit, handed to the builder by a
    script: it loads from file://, and only for the stories a plan holds."""
    data = {"slug": slug, "html": html, "credit": credit}
    return "window.ssSessionStory(" + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ");\n"
