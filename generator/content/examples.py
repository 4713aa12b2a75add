"""The example course that `new course` writes, and the files `new story` / `new module` start
from, as text: scaffold.py writes them, checks.py recognises example text a trainer left in.
Kept in the content layer so the checks need nothing from the code that writes files."""

from __future__ import annotations

import functools

import yaml

from .placeholders import NOTES_PLACEHOLDER, STORY_BODY_PLACEHOLDER


def quoted(text: str) -> str:
    return yaml.safe_dump(text, default_style='"', width=1000).strip()


def story_text(title: str, theme: str) -> str:
    return f"""---
# The story's title, as readers will see it.
title: {quoted(title)}
# One sentence (at most 40 words): shown on story cards and in search results.
summary: "Replace with one sentence that says what happens in the story."
# One or more theme slugs from content/themes.yml (the first theme is filled in; change it).
themes: [{theme}]
# Optional: the industry, a short label such as Retail or Restaurant (used to filter stories).
setting: "Replace with the industry, or delete this line"
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
# Optional: one short line of the story (at most 30 words), shown large on its page and its card.
# pull_quote: "A line from the story"
# Optional, for the facilitator edition only (never shown to learners): what to listen for in the
# discussion and the minutes to allow for the story in a session.
# facilitator:
#   minutes: 15
#   listen_for: ["Who noticed first, and how?"]
---

{STORY_BODY_PLACEHOLDER}, in your own words, in plain Markdown: blank lines between paragraphs,
`## A heading` for a section, *italics* for emphasis, and "> " before a short quote you credit.
"""


def module_text(title: str, story: str) -> str:
    return f"""---
# The module's title, as facilitators and participants will see it.
title: {quoted(title)}
# Optional: one sentence for the module card.
summary: "Replace with one sentence about who this session is for and what it covers."
# Length of the session in minutes; the agenda's minutes must add up to it.
duration: 60
# What participants will be able to do afterwards (one or more).
objectives:
  - "Replace with a learning objective."
# Story slugs (file names without .md), in the order you teach them (the first story is filled in; change it).
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

{NOTES_PLACEHOLDER}, in Markdown: how to open, what to listen for, how to close.
They appear in the discussion guide, never in the participant handout.
"""




COURSE_YML = """# The course: its title becomes the site's title.
title: {title}
# A short line under the title on the home page.
tagline: "Short, true stories of service, with questions to talk about"
# A paragraph for the home page: what the course is and how to use it.
description: >-
  An example course made with Service Stories. Edit content/course.yml to say what your
  course is about and how to use it.
# Who the course is for.
audience: "Frontline staff and the people who train them."
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

# The new course's example story and module: the templates, filled in, so the course builds
# and shows what a finished file looks like; `check --strict` fails until they are the trainer's.
EXAMPLE_STORY = {
    "themes: [ownership]": "themes: [ownership, initiative]",
    '"Replace with one sentence that says what happens in the story."':
        "An optician's assistant sees that an order is late and calls before the customer has to ask.",
    '"Replace with the industry, or delete this line"': "Retail",
    '# Optional: where it happened, if the source says. Delete the line if not.\n'
    'place: "Replace with the place, or delete this line"\n': "",
    '"Replace with the author\'s name"': "Service Stories",
    '"Replace with the title of the original post or book"': "An example for new courses",
    '"Replace with the blog, site or book it appeared in"': "The Service Stories course template",
    '"Replace with a reflection question."': "What did Mara notice that others might have missed?",
    '"Replace with a second question, or delete this line."': "When could you call a customer before they call you?",
}
EXAMPLE_STORY_BODY = """
On a busy Monday, Mara went through the orders waiting for pickup and saw that Mr. Osei's new
glasses had not come back from the workshop. He was due at four.

She did not wait for him to find out at the counter. At noon she phoned him, said the glasses
would arrive the next morning, and offered to drop them at his office on her way in.

He said the call mattered more than the delivery: he had planned his afternoon around the pickup.

*This is an example. Replace it with a story of your own, retold in your own words, and credit
whoever first told it under `source`.*
"""
EXAMPLE_MODULE = {
    '"Replace with one sentence about who this session is for and what it covers."':
        "A first session for new team members, built around the example story.",
    '"Replace with a learning objective."': "Recognise a moment to act before the customer asks",
    '"Replace with a group discussion question."': "Where in our work could we call the customer first?",
}
EXAMPLE_NOTES = """
Open by asking who has been surprised by good service lately, and what made it a surprise.

While the groups discuss, listen for the moment Mara *decided* to call: that is the habit this
session is about.
"""


# GitHub Pages: builds the course at every push to main and publishes site/ (README, "Hosting").


def _filled(template: str, values: dict[str, str], body: str) -> str:
    for placeholder, value in values.items():
        assert placeholder in template, placeholder  # the templates and the examples move together
        template = template.replace(placeholder, value)
    return template[:template.index("---", 4) + 4] + body


def example_story() -> str:
    return _filled(story_text("An Example Story", "ownership"), EXAMPLE_STORY, EXAMPLE_STORY_BODY)


def example_module() -> str:
    return _filled(module_text("First Session", "an-example-story"), EXAMPLE_MODULE, EXAMPLE_NOTES)


# What `new course` writes that a course keeps as it is if it likes: the themes, the agenda's
# steps, the materials, the example's setting, slugs and numbers. Everything else is the
# example's text, which `check` flags until it is replaced (checks.py).
KEPT_EXAMPLE_FIELDS = {"themes", "stories", "modules", "agenda", "materials", "setting", "duration"}


def _strings(value: object, kept: set[str]) -> set[str]:
    if isinstance(value, str):
        return {value.strip()}
    if isinstance(value, dict):
        return {text for key, item in value.items() if key not in kept for text in _strings(item, kept)}
    if isinstance(value, list):
        return {text for item in value for text in _strings(item, kept)}
    return set()


@functools.cache
def example_texts() -> frozenset[str]:
    """Every field value of the course `new course` writes that is the example's, not the trainer's."""
    course = yaml.safe_load(COURSE_YML.format(title='""'))
    texts = _strings(course, KEPT_EXAMPLE_FIELDS | {"title"})  # the course's title is the trainer's choice
    for document in (example_story(), example_module()):
        texts |= _strings(yaml.safe_load(document.split("---")[1]), KEPT_EXAMPLE_FIELDS)
    return frozenset(texts)


def example_bodies() -> tuple[str, ...]:
    """The first paragraph of the example story and of the example notes: still there, still the example."""
    return tuple(body.strip().split("\n\n")[0] for body in (EXAMPLE_STORY_BODY, EXAMPLE_NOTES))
