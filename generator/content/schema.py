"""The front-matter contract: what trainers may write in each content file.

Strict types on purpose: `duration: "45"` or `title: 2024` is a mistake a trainer wants
to hear about, not something to guess around.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator
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
CLOCK = re.compile(r"^(?:\d{1,2}:)?\d{1,2}:[0-5]\d$")


def video_length(value: Any) -> int | str:
    """A video's length: whole minutes (12), or minutes and seconds as text ("4:30", "1:02:03")."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 24 * 60:
        return value
    if isinstance(value, str) and CLOCK.match(value.strip()):
        return value.strip()
    raise PydanticCustomError("video_length", "expected minutes or minutes:seconds")


VideoLength = Annotated[Any, AfterValidator(video_length)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(Strict):
    """Who first told the story; shown as the credit on every page and print-out."""

    author: Text
    title: Text
    publication: Text
    url: Url | None = None


class Teller(Strict):
    """Who told an in-house story (at a huddle, in a team meeting): the credit instead of a source."""

    name: Text
    team: Text | None = None
    date: datetime.date | None = None


class Video(Strict):
    """A video to watch with the story: a link on the web, its address and a QR code on paper."""

    url: Url
    title: Text
    duration: VideoLength = None


class StoryImage(Strict):
    """The story's picture: shown on its card, its page and in print."""

    file: Text  # beside the story, or from the content folder (images/team.jpg)
    alt: Text  # what the picture shows, for readers who cannot see it


class FacilitatorNote(Strict):
    """For the facilitator edition only (never on the learner site): what to listen for when the
    group talks about the story, and the minutes to allow for it in a session."""

    listen_for: list[Text] = []
    minutes: Minutes | None = None

    @model_validator(mode="after")
    def says_something(self) -> FacilitatorNote:
        if not self.listen_for and self.minutes is None:
            raise PydanticCustomError("facilitator_empty", "write 'listen_for', 'minutes' or both")
        return self


class StoryMeta(Strict):
    title: Text
    summary: Text
    pull_quote: Text | None = None  # one short line, shown large on the page and the card
    themes: Annotated[list[Slug], Field(min_length=1)]
    setting: Text | None = None
    place: Text | None = None
    source: Source | None = None  # required unless told_by says who told the story in-house
    told_by: Teller | None = None
    image: StoryImage | None = None
    video: Video | None = None
    facilitator: FacilitatorNote | None = None
    questions: Annotated[list[Text], Field(min_length=1)]

    @model_validator(mode="after")
    def credited(self) -> StoryMeta:
        if self.source is None and self.told_by is None:
            raise PydanticCustomError("credit_missing", "a story needs 'source' or 'told_by'")
        return self


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
    "told_by": "told_by: {name: Priya Shah, team: Front desk, date: 2026-03-12}",
    "name": "name: Priya Shah",
    "team": "team: Front desk",
    "date": "date: 2026-03-12",
    "image": "image: {file: images/the-umbrella.jpg, alt: A porter holding a big umbrella at the door}",
    "file": "file: images/the-umbrella.jpg",
    "alt": "alt: A porter holding a big umbrella at the door",
    "video": "video: {url: https://www.youtube.com/watch?v=..., title: The talk in full, duration: \"4:30\"}",
    "facilitator": 'facilitator: {minutes: 15, listen_for: ["Who noticed the guest first?"]}',
    "listen_for": 'listen_for: ["Who noticed the guest first?"]',
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
