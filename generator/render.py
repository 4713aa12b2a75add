"""The course as site pages: Markdown documents rendered from templates/pages/.

Pages are Markdown so the site engine (MkDocs today) resolves their links, indexes them
for search and wraps them in its theme; trainer-written text arrives as sanitized HTML.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import jinja2
from markupsafe import Markup, escape

from .content_html import ContentHtml
from .model import Course, Module, Story, Theme
from .problems import Report

MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>#|!])")


@dataclass(frozen=True)
class Page:
    """One generated page: where it lives in the site, and its Markdown."""

    src_uri: str
    markdown: str
    in_nav: bool = False
    source_path: str | None = None  # the content file it comes from, when there is one


def md_text(value: object) -> Markup:
    """Trainer text placed in Markdown: shown literally, never parsed as Markdown or HTML."""
    return Markup(MARKDOWN_SPECIALS.sub(r"\\\1", str(escape(value))))


def page_link(here: str) -> Callable[[str], str]:
    """A function giving the relative link from page `here` to another page's src_uri."""
    base = posixpath.dirname(here)

    def link(target: str) -> str:
        return posixpath.relpath(target, base or ".")

    return link


def story_uri(story: Story) -> str:
    return f"stories/{story.slug}.md"


def theme_uri(theme: Theme) -> str:
    return f"themes/{theme.slug}.md"


def module_uri(module: Module) -> str:
    return f"modules/{module.slug}.md"


def template_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_text
    env.globals.update(story_uri=story_uri, theme_uri=theme_uri, module_uri=module_uri)
    return env


class SiteRenderer:
    """Renders every page of the site from the course model."""

    def __init__(self, course: Course, templates_dir: Path, html: ContentHtml | None = None):
        self.course = course
        self.html = html or ContentHtml()
        self.env = template_environment(Path(templates_dir) / "pages")

    def _render(self, template: str, here: str, **context: object) -> str:
        return self.env.get_template(template).render(
            course=self.course, link=page_link(here), here=here, **context
        )

    def pages(self) -> Iterator[Page]:
        yield self.home()
        yield self.index("stories/index.md", "stories_index.md.j2")
        yield self.index("themes/index.md", "themes_index.md.j2")
        yield self.index("modules/index.md", "modules_index.md.j2")
        for story in self.course.stories.values():
            yield self.story(story)
        for theme in self.course.themes.values():
            yield self.theme(theme)
        for module in self.course.modules:
            yield self.module(module)

    def home(self) -> Page:
        return Page("index.md", self._render("home.md.j2", "index.md"), in_nav=True)

    def index(self, uri: str, template: str) -> Page:
        return Page(uri, self._render(template, uri), in_nav=True)

    def story(self, story: Story) -> Page:
        uri = story_uri(story)
        text = self._render(
            "story.md.j2",
            uri,
            story=story,
            body=Markup(self.html.render(story.body)),
            related=self.course.related(story),
            neighbours=self.course.neighbours(story),
        )
        return Page(uri, text, source_path=story.path)

    def theme(self, theme: Theme) -> Page:
        uri = theme_uri(theme)
        text = self._render("theme.md.j2", uri, theme=theme, stories=self.course.stories_by_theme[theme.slug])
        return Page(uri, text)

    def module(self, module: Module) -> Page:
        uri = module_uri(module)
        text = self._render("module.md.j2", uri, module=module, notes=Markup(self.html.render(module.notes)))
        return Page(uri, text, source_path=module.path)


def error_pages(report: Report, uris: list[str], templates_dir: Path) -> list[Page]:
    """While previewing broken content, every known page shows what to fix instead."""
    env = template_environment(Path(templates_dir) / "pages")
    template = env.get_template("errors.md.j2")
    return [
        Page(uri, template.render(report=report, link=page_link(uri)), in_nav=uri == "index.md")
        for uri in dict.fromkeys(["index.md", *uris])
    ]
