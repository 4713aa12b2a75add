"""New content from templates: a story, a module, or a whole course project that builds as is.

Every field is present and explained in a YAML comment, so a trainer fills in blanks instead
of remembering the format. Nothing is ever overwritten.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from .validation import slugify

REPOSITORY = Path(__file__).resolve().parent.parent
TEMPLATES = REPOSITORY / "templates"
MKDOCS_YML = REPOSITORY / "mkdocs.yml"


class ScaffoldError(Exception):
    """What could not be created, and why; the message is for the trainer."""


def _quoted(text: str) -> str:
    return yaml.safe_dump(text, default_style='"', width=1000).strip()


def _first_theme(content: Path) -> str:
    try:
        themes = yaml.safe_load((content / "themes.yml").read_text(encoding="utf-8"))["themes"]
        return next(iter(themes))
    except (OSError, yaml.YAMLError, KeyError, TypeError, StopIteration):
        raise ScaffoldError(f"{content / 'themes.yml'} has no theme yet; define one there first (see README)") from None


def _first_story(content: Path) -> str:
    stories = sorted(p.stem for p in (content / "stories").rglob("*.md")) if (content / "stories").is_dir() else []
    if not stories:
        raise ScaffoldError(f"{content / 'stories'} has no story yet; create one first with `python -m generator new story \"Title\"`")
    return stories[0]


def story_text(title: str, theme: str) -> str:
    return f"""---
# The story's title, as readers will see it.
title: {_quoted(title)}
# One sentence (at most 40 words): shown on story cards and in search results.
summary: "Replace with one sentence that says what happens in the story."
# One or more theme slugs from content/themes.yml.
themes: [{theme}]
# Optional: the industry, a short label such as Retail or Restaurant (used to filter stories).
setting: Retail
# Optional: where it happened, if the source says. Delete the line if not.
place: "Replace with the place, or delete this line"
# Who first told the story. Retell it in your own words and credit them here.
source:
  author: "Replace with the author's name"
  title: "Replace with the title of the original post or book"
  publication: "Replace with the blog, site or book it appeared in"
  # url: https://example.com/the-original   (optional)
# One or more questions for readers to reflect on after reading.
questions:
  - "Replace with a reflection question."
  - "Replace with a second question, or delete this line."
---

Write the story here, in your own words, in plain Markdown: blank lines between paragraphs,
`## A heading` for a section, *italics* for emphasis, and "> " before a short quote you credit.
"""


def module_text(title: str, story: str) -> str:
    return f"""---
# The module's title, as facilitators and participants will see it.
title: {_quoted(title)}
# Optional: one sentence for the module card.
summary: "Replace with one sentence about who this session is for and what it covers."
# Length of the session in minutes; the agenda's minutes must add up to it.
duration: 60
# What participants will be able to do afterwards (one or more).
objectives:
  - "Replace with a learning objective."
# Story slugs (file names without .md), in the order you teach them.
stories:
  - {story}
# Optional: the session plan; start times are added for you.
agenda:
  - minutes: 10
    activity: Welcome and warm-up
  - minutes: 35
    activity: Read the stories and discuss their questions
  - minutes: 15
    activity: Group discussion and one action each
# Optional: what the facilitator needs in the room.
materials:
  - A participant handout for each person
# Questions for the whole group (one or more).
discussion:
  - "Replace with a group discussion question."
---

Facilitator notes go here, in Markdown: how to open, what to listen for, how to close.
They appear in the discussion guide, never in the participant handout.
"""


def _create(path: Path, text: str) -> Path:
    if path.exists():
        raise ScaffoldError(f"{path} already exists; choose another title or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as stream:  # "x": never overwrite, even in a race
        stream.write(text)
    return path


def _slug(title: str, kind: str) -> str:
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"the {kind} title {title!r} has no letters or digits to make a file name from")
    return slug


def new_story(content: Path, title: str) -> Path:
    return _create(Path(content) / "stories" / f"{_slug(title, 'story')}.md", story_text(title, _first_theme(Path(content))))


def new_module(content: Path, title: str) -> Path:
    return _create(Path(content) / "modules" / f"{_slug(title, 'module')}.md", module_text(title, _first_story(Path(content))))


COURSE_YML = """# The course: its title becomes the site's title.
title: {title}
# A short line under the title on the home page.
tagline: "Short, true stories of service, with questions to talk about"
# A paragraph for the home page: what the course is and how to use it.
description: >-
  Replace with a few sentences about this course.
# Who the course is for.
audience: "Replace with the people this course is for."
# Module slugs (file names in content/modules/), in teaching order.
modules:
  - first-session
"""

THEMES_YML = """# Themes that stories are tagged with: a slug, then its title and a one-line description.
themes:
  ownership:
    title: Ownership
    description: Treating the customer's problem as your own.
  initiative:
    title: Initiative
    description: Seeing what would help and doing it before anyone asks.
"""


def new_course(folder: Path, title: str | None = None) -> list[Path]:
    """A complete project in `folder` (which must be empty or new) that builds as is."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError(f"{folder} is not empty; give the name of a new or empty folder")
    title = title or folder.resolve().name.replace("-", " ").replace("_", " ").title()
    content = folder / "content"
    created = [
        _create(content / "course.yml", COURSE_YML.format(title=_quoted(title))),
        _create(content / "themes.yml", THEMES_YML),
        _create(content / "stories" / "an-example-story.md", _example_story()),
        _create(content / "modules" / "first-session.md", module_text("First Session", "an-example-story")),
        _create(folder / "mkdocs.yml", MKDOCS_YML.read_text(encoding="utf-8")),
        _create(folder / ".gitignore", "site/\n.site-*\n"),
    ]
    shutil.copytree(TEMPLATES, folder / "templates")
    created.append(folder / "templates")
    return created


def _example_story() -> str:
    text = story_text("An Example Story", "ownership")
    return text.replace('themes: [ownership]', 'themes: [ownership, initiative]').replace(
        'place: "Replace with the place, or delete this line"\n', "")
