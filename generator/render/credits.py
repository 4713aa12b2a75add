"""Who told a story, worded once for the story page, the print-outs and the search index.

A story retold from a public post credits its author, title and publication (`source`); a
story told in the team credits its teller (`told_by`: name, team, date); a story may have both.
"""

from __future__ import annotations

from markupsafe import Markup

from ..content.model import Story
from .labels import Labels


def teller(story: Story, t: Labels) -> str:
    """'Priya Shah, Front desk, 12 March 2026': the in-house teller as the credit names them."""
    told = story.told_by
    if told is None:
        return ""
    return ", ".join(part for part in (told.name, told.team, t.date(told.date) if told.date else None) if part)


def credit(story: Story, t: Labels, web: bool) -> Markup:
    """The full credit as HTML: on the web the original is a link; on paper its address is printed."""
    parts = []
    if story.told_by is not None:
        parts.append(t("credit.told", teller=teller(story, t)))
    source = story.source
    if source is not None:
        title = Markup("<cite>{}</cite>").format(source.title) if web else source.title
        parts.append(t("credit.retold", title=title, author=source.author, publication=source.publication))
        if source.url:
            parts.append(Markup('<a href="{}">{}</a>.').format(source.url, t("credit.read_original")) if web
                         else Markup('<span class="url">{}</span>').format(source.url))
    return Markup(" ").join(parts)


def credit_text(story: Story, t: Labels) -> str:
    return credit(story, t, web=False).striptags()


def byline_credit(story: Story, t: Labels) -> Markup:
    """'first told by <the author>' or 'told by <the teller>', linked to the full credit."""
    if story.source is not None:
        return Markup('{} <a href="#source">{}</a>').format(t("story.first_told_by"), story.source.author)
    assert story.told_by is not None  # the schema asks for source or told_by
    return Markup('{} <a href="#source">{}</a>').format(t("story.told_by"), story.told_by.name)
