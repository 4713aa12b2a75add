"""The front-matter contract: what trainers may write in each content file.

Strict types on purpose: `duration: "45"` or `title: 2024` is a mistake a trainer wants
to hear about, not something to guess around.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp"}  # controls, zero-width and format characters, spaces


def visible(text: str) -> str:
    """Text that shows something: a title of zero-width spaces looks empty on every page."""
    if all(unicodedata.category(character) in INVISIBLE for character in text):
        raise PydanticCustomError("invisible_text", "the text holds only invisible characters")
    return text


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(visible)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^https?://\S+$")]
Minutes = Annotated[int, Field(gt=0, le=24 * 60)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(Strict):
    """Who first told the story; shown as the credit on every page and print-out."""

    author: Text
    title: Text
    publication: Text
    url: Url | None = None


class StoryMeta(Strict):
    title: Text
    summary: Text
    pull_quote: Text | None = None  # one short line, shown large on the page and the card
    themes: Annotated[list[Slug], Field(min_length=1)]
    setting: Text | None = None
    place: Text | None = None
    source: Source
    questions: Annotated[list[Text], Field(min_length=1)]


class AgendaItem(Strict):
    minutes: Minutes
    activity: Text


class ModuleMeta(Strict):
    title: Text
    summary: Text | None = None
    duration: Minutes
    objectives: Annotated[list[Text], Field(min_length=1)]
    stories: Annotated[list[Slug], Field(min_length=1)]
    agenda: list[AgendaItem] = []
    materials: list[Text] = []
    discussion: Annotated[list[Text], Field(min_length=1)]


class CourseMeta(Strict):
    title: Text
    tagline: Text
    description: Text
    audience: Text
    modules: Annotated[list[Slug], Field(min_length=1)]


class ThemeMeta(Strict):
    title: Text
    description: Text


class ThemesFile(Strict):
    themes: Annotated[dict[Slug, ThemeMeta], Field(min_length=1)]


# What to write, per field, quoted in error messages so the fix is one copy away.
EXAMPLES: dict[str, str] = {
    "title": 'title: "The Borrowed Umbrella"',
    "summary": "summary: One sentence that says what happens.",
    "pull_quote": 'pull_quote: "She did not wait to be asked."',
    "themes": "themes: [ownership, initiative]",
    "setting": "setting: Retail",
    "place": "place: Haliburton, Ontario",
    "source": "source: {author: ..., title: ..., publication: ...}",
    "author": "author: Kathy Cuff",
    "publication": "publication: The Ken Blanchard Companies blog",
    "url": "url: https://example.com/post",
    "questions": "questions: [\"What would you have done?\"]",
    "duration": "duration: 60",
    "minutes": "minutes: 10",
    "activity": "activity: Read the story aloud",
    "objectives": "objectives: [\"Recognise small gestures\"]",
    "stories": "stories: [the-paperclip, the-borrowed-umbrella]",
    "agenda": "agenda: [{minutes: 10, activity: Welcome}]",
    "materials": "materials: [Flip chart]",
    "discussion": "discussion: [\"Where do we do this already?\"]",
    "tagline": "tagline: Small moments, told well",
    "description": "description: What this course is about, in two or three sentences.",
    "audience": "audience: Frontline staff and team leads",
    "modules": "modules: [owning-the-moment]",
    "themes.yml": "themes: {ownership: {title: Ownership, description: ...}}",
}
