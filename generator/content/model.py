"""The validated course, with the relations pages need (themes, related stories, modules)."""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from functools import cached_property

from .inventory import Asset
from .pictures import Picture
from .references import StoryPicture
from .schema import AgendaItem, CourseMeta, FacilitatorNote, ModuleMeta, Source, StoryMeta, Teller, Video

READING_WORDS_PER_MINUTE = 200
RELATED_COUNT = 3
DISCUSSION_MINUTES_PER_QUESTION = 3  # a story's time in a session, when its facilitator note gives none
ACCENTS = 8  # accent colours in stories.css (.ss-accent-0 to -7), one per setting in turn


@dataclass(frozen=True)
class Theme:
    slug: str
    title: str
    description: str


@dataclass(eq=False)
class Story:
    slug: str
    path: str
    meta: StoryMeta
    body: str
    body_first_line: int = 1
    themes: list[Theme] = field(default_factory=list)
    body_html: str = ""  # converted and sanitized while the content was read; links and pictures as markers
    picture: StoryPicture | None = None  # its own picture (front matter `image`), checked

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def summary(self) -> str:
        return self.meta.summary

    @property
    def questions(self) -> list[str]:
        return self.meta.questions

    @property
    def source(self) -> Source | None:
        return self.meta.source

    @property
    def told_by(self) -> Teller | None:
        return self.meta.told_by

    @property
    def video(self) -> Video | None:
        return self.meta.video

    @property
    def setting(self) -> str | None:
        return self.meta.setting

    @property
    def place(self) -> str | None:
        return self.meta.place

    @property
    def pull_quote(self) -> str | None:
        return self.meta.pull_quote

    @property
    def facilitator(self) -> FacilitatorNote | None:
        return self.meta.facilitator

    @property
    def session_minutes(self) -> int:
        """The minutes to allow for the story in a session: the facilitator's, or reading it plus
        talking about each of its questions."""
        if self.meta.facilitator and self.meta.facilitator.minutes:
            return self.meta.facilitator.minutes
        return self.reading_minutes + DISCUSSION_MINUTES_PER_QUESTION * len(self.questions)

    @cached_property
    def theme_slugs(self) -> str:
        """Space-separated, for data attributes that scripts filter on."""
        return " ".join(theme.slug for theme in self.themes)

    @cached_property
    def theme_titles(self) -> str:
        return ", ".join(theme.title for theme in self.themes)

    @cached_property
    def word_count(self) -> int:
        return len(self.body.split())

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.word_count / READING_WORDS_PER_MINUTE))


@dataclass(frozen=True)
class AgendaRow:
    start: int  # minutes from the start of the session
    minutes: int
    activity: str

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclass(eq=False)
class Module:
    slug: str
    path: str
    meta: ModuleMeta
    notes: str
    notes_first_line: int = 1
    stories: list[Story] = field(default_factory=list)
    number: int = 0  # position in the course, from 1
    notes_html: str = ""

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def duration(self) -> int:
        return self.meta.duration

    @property
    def agenda(self) -> list[AgendaRow]:
        return agenda_rows(self.meta.agenda)


def agenda_rows(items: list[AgendaItem]) -> list[AgendaRow]:
    """Agenda items with their running start time."""
    starts = itertools.accumulate((item.minutes for item in items), initial=0)
    return [AgendaRow(start, item.minutes, item.activity) for start, item in zip(starts, items, strict=False)]


@dataclass(eq=False)
class Course:
    meta: CourseMeta
    themes: dict[str, Theme]  # in themes.yml order
    stories: dict[str, Story]  # by title, for index pages
    modules: list[Module]  # in course.yml order
    assets: list[Asset] = field(default_factory=list)  # checked images from content/, published as they are
    pictures: dict[str, Picture] = field(default_factory=dict)  # the images the texts show, by uri (resized for the web)

    @property
    def title(self) -> str:
        return self.meta.title

    @cached_property
    def stories_by_theme(self) -> dict[str, list[Story]]:
        by_theme: dict[str, list[Story]] = {slug: [] for slug in self.themes}
        for story in self.stories.values():
            for theme in story.themes:
                by_theme[theme.slug].append(story)
        return by_theme

    @cached_property
    def modules_by_slug(self) -> dict[str, Module]:
        return {module.slug: module for module in self.modules}

    @cached_property
    def settings(self) -> list[str]:
        return sorted({s.setting for s in self.stories.values() if s.setting}, key=str.casefold)

    @cached_property
    def stories_per_setting(self) -> dict[str, int]:
        """How many stories each setting has (the index's filter chips show it)."""
        counts = dict.fromkeys(self.settings, 0)
        for story in self.stories.values():
            if story.setting:
                counts[story.setting] += 1
        return counts

    @cached_property
    def _accents(self) -> dict[str, int]:
        return {setting: number % ACCENTS for number, setting in enumerate(self.settings)}

    def accent(self, story: Story) -> int | None:
        """The accent colour of the story's setting: settings in A-Z order take the colours in turn."""
        return self._accents.get(story.setting) if story.setting else None

    @cached_property
    def modules_by_story(self) -> dict[str, list[Module]]:
        found: dict[str, list[Module]] = {slug: [] for slug in self.stories}
        for module in self.modules:
            for story in module.stories:
                if module not in found[story.slug]:
                    found[story.slug].append(module)
        return found

    @cached_property
    def _stories_sharing(self) -> dict[frozenset[str], list[Story]]:
        """For each combination of themes, the stories that have all of them."""
        index: dict[frozenset[str], list[Story]] = {}
        for story in self.stories.values():
            slugs = [t.slug for t in story.themes]
            for size in range(1, len(slugs) + 1):
                for combo in itertools.combinations(slugs, size):
                    index.setdefault(frozenset(combo), []).append(story)
        return index

    @cached_property
    def _rank(self) -> dict[str, int]:
        return {slug: rank for rank, slug in enumerate(self.stories)}

    def _rank_of(self, story: Story) -> int:
        return self._rank[story.slug]

    def related(self, story: Story, count: int = RELATED_COUNT) -> list[Story]:
        """Stories sharing the most themes with this one.

        Among equally close stories, it takes those that follow this one alphabetically
        (wrapping round), so links spread over the library instead of all pointing at the
        first few titles. Cost per story is bounded by its number of theme combinations,
        which keeps the whole site linear in the number of stories.
        """
        chosen: list[Story] = []
        slugs = [t.slug for t in story.themes]
        for size in range(len(slugs), 0, -1):
            for combo in itertools.combinations(slugs, size):
                group = self._stories_sharing[frozenset(combo)]
                start = bisect.bisect_right(group, self._rank[story.slug], key=self._rank_of)
                for candidate in itertools.chain(group[start:], group[:start]):
                    if candidate is not story and candidate not in chosen:
                        chosen.append(candidate)
                        if len(chosen) == count:
                            return chosen
        return chosen

    def neighbours(self, story: Story) -> list[tuple[Module, Story | None, Story | None]]:
        """(module, previous, next) for each module that uses the story."""
        result = []
        for module in self.modules_by_story[story.slug]:
            index = module.stories.index(story)
            previous = module.stories[index - 1] if index > 0 else None
            following = module.stories[index + 1] if index + 1 < len(module.stories) else None
            result.append((module, previous, following))
        return result
