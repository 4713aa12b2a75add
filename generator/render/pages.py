"""The course as site pages: each page's main content rendered from templates/pages/ (the tool's,
or a course's own file of the same name).

The core renders finished HTML for the content area, plus the page's table of contents
and its search entries; the site engine only supplies the surrounding theme (see
theme_shell.py). That keeps the cost per page close to Markdown conversion alone.
"""

from __future__ import annotations

import functools
import itertools
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..content.model import Course, Module, Story, Theme
from ..output.links import page_anchors, page_hrefs
from ..problems import Report
from . import urls
from .body_links import STORY_COLUMN, picture_tag, resolve_body
from .credits import byline_credit, credit
from .jobs import FACILITATOR_PAGES, INDEX_PATHS, PageJob, PageKind
from .labels import ENGLISH, Labels
from .media import qr_code, video_length, video_site
from .search_entries import SearchEntry, home_entries, module_entries, story_entries
from .session_data import story_script
from .template_folders import search_path

HEADING_2 = re.compile(r'<h2 id="([^"]+)">(.*?)<a class="headerlink"')
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class TocEntry:
    id: str
    title: str  # HTML


@dataclass
class HtmlPage:
    """One page of the site: where it goes, what it says, how it is found."""

    path: str  # output path inside the site, e.g. "stories/the-paperclip.html"
    title: str  # the page's own title (plain text)
    description: str
    content: str  # HTML of the main content, starting with its h1
    toc: list[TocEntry] = field(default_factory=list)
    search: list[SearchEntry] = field(default_factory=list)  # empty: not searchable

    @functools.cached_property
    def anchors(self) -> frozenset[str]:
        return page_anchors(self.content)

    @functools.cached_property
    def hrefs(self) -> tuple[str, ...]:
        return page_hrefs(self.content)

    @property
    def section(self) -> str:
        return urls.section(self.path)


def story_path(story: Story) -> str:
    return urls.story(story.slug)


def theme_path(theme: Theme) -> str:
    return urls.theme(theme.slug)


def module_path(module: Module) -> str:
    return urls.module(module.slug)


page_link = urls.relative
INDEX_PAGE_SIZE = 48  # cards on the stories index before "Show more"
CARD_PICTURE_SIZES = "(max-width: 44em) 100vw, 22em"  # a card's picture: the whole phone, a grid column
REFLECTIONS_PATH = urls.REFLECTIONS  # "My reflections": what a reader wrote, from this browser's storage


def html_link(href: str, text: str) -> Markup:
    """<a href="href">text</a>, for labels that hold a link ({reflections} in a sentence)."""
    return Markup('<a href="{}">{}</a>').format(href, text)


def label_helpers(labels: Labels) -> dict[str, object]:
    """What every template gets for its words: t(key, count, **values), a(href, text) and the credits."""
    return {"t": labels, "a": html_link, "credit_line": lambda story, web=True: credit(story, labels, web),
            "byline_credit": lambda story: byline_credit(story, labels),
            "video_length": lambda video: video_length(video, labels), "video_site": video_site, "qr_code": qr_code}


def template_environment(folders: list[str], bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """Templates from `folders`, the first that has a file winning (a course's own, then the tool's)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        bytecode_cache=bytecode_cache,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(story_path=story_path, theme_path=theme_path, module_path=module_path, urls=urls,
                       reflections_path=REFLECTIONS_PATH)
    return env


def table_of_contents(content: str) -> list[TocEntry]:
    """The h2 headings the templates made with the h2 macro."""
    return [TocEntry(id, title) for id, title in HEADING_2.findall(content)]


class _TopLevelBlocks(HTMLParser):
    """The top-level elements of an HTML fragment: (tag, start offset, end offset) each."""

    VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"})

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [i + 1 for i, char in enumerate(html) if char == "\n"]
        self.depth = 0
        self.start = 0
        self.blocks: list[tuple[str, int, int]] = []
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if self.depth == 0:
            self.start = self._offset()
            if tag in self.VOID:
                self.blocks.append((tag, self.start, self.start + len(self.get_starttag_text() or "")))
        self.depth += tag not in self.VOID

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        self.depth -= 1
        if self.depth == 0:
            self.blocks.append((tag, self.start, self._offset() + len(f"</{tag}>")))


def _words(html: str) -> str:
    return " ".join(unescape(TAG.sub("", html)).split()).casefold()


def split_for_pull_quote(html: str, quote: str) -> tuple[str, str]:
    """The story's HTML in two parts, the pull quote going between them: after the top-level
    paragraph that ends nearest the middle of the text, never after the last element, nor next
    to the paragraph the quote comes from (a story of one paragraph keeps its quote after it)."""
    blocks = _TopLevelBlocks(html).blocks
    quoted = _words(quote)
    source = {i for i, (_, start, end) in enumerate(blocks) if quoted and quoted in _words(html[start:end])}
    ends = [end for i, (tag, _, end) in enumerate(blocks[:-1]) if tag == "p" and not {i, i + 1} & source]
    if not ends:
        return html, ""
    middle = min(ends, key=lambda end: abs(2 * end - len(html)))
    return html[:middle], html[middle:]


def _joined_cards(card: Callable[[Story, str], Markup], stories: Iterable[Story], heading: str = "h3") -> Markup:
    """Cards one per line, joined in Python: a theme page of a large course lists hundreds."""
    return Markup("".join([f"{card(story, heading)}\n" for story in stories]))


class SiteRenderer:
    """Renders every page of the site from the course model."""

    def __init__(self, course: Course, templates_dir: Path | None = None, environment: jinja2.Environment | None = None,
                 pdf: bool = False, bytecode_cache: jinja2.BytecodeCache | None = None, labels: Labels = ENGLISH,
                 facilitator: bool = False):
        """`templates_dir`: the course's own templates folder, if any (its pages/ replace ours file by file).
        `facilitator`: the facilitator edition, with module notes, story notes and guides; the
        learner edition (the default) carries none of their text."""
        self.course = course
        self.pdf = pdf  # PDFs are made: pages link them
        self.facilitator = facilitator
        self.labels = labels
        self.words = label_helpers(labels)
        self.env = environment or template_environment(search_path(templates_dir, "pages"), bytecode_cache)
        self._cards: dict[str, dict[tuple[str, str], Markup]] = {}

    def _picture_maker(self, link: Callable[[str], str]) -> Callable[..., Markup]:
        """picture(story, css_class, sizes): the story's own picture as seen through `link`, or nothing."""

        def picture(story: Story, css_class: str = "", sizes: str = STORY_COLUMN, lazy: bool = True) -> Markup:
            found = self.course.pictures.get(story.picture.uri) if story.picture else None
            if story.picture is None or found is None:
                return Markup("")
            return picture_tag(found, story.picture.alt, link, css_class=css_class, sizes=sizes, lazy=lazy)

        return picture

    def _render(self, template: str, here: str, **context: object) -> str:
        folder = posixpath.dirname(here)
        link = page_link(here)
        card = self._card_maker(folder)
        return self.env.get_template(template).render(
            course=self.course, link=link, card=card, cards=functools.partial(_joined_cards, card), pdf=self.pdf,
            facilitator=self.facilitator, picture=self._picture_maker(link), **self.words, **context
        )

    def _card_maker(self, folder: str) -> Callable[[Story, str], Markup]:
        """A story's card as seen from `folder`: the same on every page there, so made once."""
        link = page_link(f"{folder}/page.html" if folder else "page.html")
        template = self.env.get_template("_story_card.html.j2")
        pictures = self._picture_maker(link)
        cache = self._cards.setdefault(folder, {})

        def card(story: Story, heading: str = "h3") -> Markup:
            key = (story.slug, heading)
            if key not in cache:
                cache[key] = Markup(template.render(story=story, heading=heading, link=link, picture=pictures,
                                                    accent=self.course.accent(story), card_picture_sizes=CARD_PICTURE_SIZES,
                                                    **self.words))
            return cache[key]

        return card

    def stories_data(self) -> str:
        """Every story as the index's filter needs it, as a script (it loads from file:// too):
        the index page carries the first cards only, so it stays small with thousands of stories.
        A card's picture comes as the page would write it; the script builds the rest of the card."""
        course = self.course
        settings, themes = course.settings, list(course.themes)
        setting_index = {setting: index for index, setting in enumerate(settings)}
        theme_index = {slug: index for index, slug in enumerate(themes)}
        picture = self._picture_maker(page_link(urls.STORIES))

        def extras(story: Story) -> list[str | None]:
            video = story.video
            video_text = (self.labels.text("video.kicker") + (f" {video_length(video, self.labels)}" if video.duration else "")
                          if video else None)
            image = str(picture(story, "ss-card__picture", CARD_PICTURE_SIZES)) if story.picture else None
            return [image, video_text]

        rows = [[story.slug, story.title, story.summary, setting_index.get(story.setting) if story.setting else None,
                 course.accent(story), [theme_index[theme.slug] for theme in story.themes], story.pull_quote, *extras(story)]
                for story in course.stories.values()]
        data = {"pageSize": INDEX_PAGE_SIZE, "settings": settings, "themes": themes,
                "themeTitles": [theme.title for theme in course.themes.values()], "stories": rows}
        return "window.ssStories = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"

    def jobs(self) -> list[PageJob]:
        """Every page of the site; a module's stories come just before it (pages of one module
        share a worker, and its cards)."""
        jobs = [PageJob(kind) for kind in INDEX_PATHS if self.facilitator or kind not in FACILITATOR_PAGES]
        jobs += [PageJob(PageKind.THEME, slug) for slug in self.course.themes]
        placed: set[str] = set()
        for module in self.course.modules:
            jobs += [PageJob(PageKind.STORY, story.slug) for story in module.stories if story.slug not in placed]
            placed.update(story.slug for story in module.stories)
            jobs.append(PageJob(PageKind.MODULE, module.slug))
        jobs += [PageJob(PageKind.STORY, slug) for slug in self.course.stories if slug not in placed]
        return jobs

    def render(self, job: PageJob) -> HtmlPage:
        if job.kind is PageKind.STORY:
            return self.story(self.course.stories[job.slug])
        if job.kind is PageKind.THEME:
            return self.theme(self.course.themes[job.slug])
        if job.kind is PageKind.MODULE:
            return self.module(self.course.modules_by_slug[job.slug])
        return self._indexes[job.kind]()

    @functools.cached_property
    def _indexes(self) -> dict[PageKind, Callable[[], HtmlPage]]:
        return {PageKind.HOME: self.home, PageKind.STORIES: self.stories_index, PageKind.THEMES: self.themes_index,
                PageKind.MODULES: self.modules_index, PageKind.REFLECTIONS: self.reflections,
                PageKind.SESSION: self.session_builder}

    def pages(self) -> Iterator[HtmlPage]:
        return (self.render(job) for job in self.jobs())

    def warm_up(self) -> None:
        """Compiles every template now, so forked workers share them instead of compiling their own."""
        for name in self.env.list_templates(filter_func=lambda name: name.endswith(".j2")):
            self.env.get_template(name)

    def _page(self, path: str, title: str, description: str, content: str, contents: bool = False,
              search: list[SearchEntry] | None = None) -> HtmlPage:
        """`contents`: the theme shows the page's table of contents (long reference pages only:
        stories read from top to bottom, and the other pages are short)."""
        if self.facilitator:
            content = self._edition_banner + content
        return HtmlPage(path, title, description, content, table_of_contents(content) if contents else [], search or [])

    @functools.cached_property
    def _edition_banner(self) -> str:
        """Every page of the facilitator edition says so, so nobody shares it with participants by mistake."""
        return str(Markup('<p class="ss-edition-banner" role="note">{}</p>\n').format(self.labels.text("facilitator.banner")))

    def home(self) -> HtmlPage:
        path = urls.HOME
        content = self._render("home.html.j2", path)
        return self._page(path, self.course.title, self.course.meta.tagline, content,
                          search=home_entries(self.course, path))

    def _index(self, path: str, template: str, title: str, description: str, **context: object) -> HtmlPage:
        text = self.labels.text
        return self._page(path, text(title), text(description, count=len(self.course.stories), course=self.course.title),
                          self._render(template, path, **context))

    def stories_index(self) -> HtmlPage:
        first = list(itertools.islice(self.course.stories.values(), INDEX_PAGE_SIZE))
        return self._index(urls.STORIES, "stories_index.html.j2", "nav.stories", "page.stories_description",
                           first_stories=first)

    def themes_index(self) -> HtmlPage:
        return self._index(urls.THEMES, "themes_index.html.j2", "nav.themes", "page.themes_description")

    def modules_index(self) -> HtmlPage:
        return self._index(urls.MODULES, "modules_index.html.j2", "nav.modules", "page.modules_description")

    def reflections(self) -> HtmlPage:
        return self._index(REFLECTIONS_PATH, "reflections.html.j2", "nav.reflections", "page.reflections_description")

    def session_builder(self) -> HtmlPage:
        return self._index(urls.SESSION, "session.html.j2", "session.title", "session.description")

    def session_stories(self) -> Iterator[tuple[str, str]]:
        """(path, script) of each story's text for the session builder's print: the story page's
        own body and picture, as seen from the builder's page (where the script puts them)."""
        here = urls.SESSION
        picture = self._picture_maker(page_link(here))
        for story in self.course.stories.values():
            body = resolve_body(story.body_html, here, self.course, self.labels)
            html = str(picture(story, "ss-sp__picture", lazy=False)) + body
            yield urls.session_story(story.slug), story_script(story.slug, html, str(credit(story, self.labels, False)))

    def story(self, story: Story) -> HtmlPage:
        path = story_path(story)
        body = resolve_body(story.body_html, path, self.course, self.labels)
        before, after = split_for_pull_quote(body, story.pull_quote) if story.pull_quote else (body, "")
        content = self._render(
            "story.html.j2",
            path,
            story=story,
            body=Markup(before),
            body_after_quote=Markup(after),
            accent=self.course.accent(story),
            related=self.course.related(story),
            neighbours=self.course.neighbours(story),
        )
        return self._page(path, story.title, story.summary, content, search=story_entries(story, body, path, self.labels))

    def theme(self, theme: Theme) -> HtmlPage:
        path = theme_path(theme)
        content = self._render("theme.html.j2", path, theme=theme, stories=self.course.stories_by_theme[theme.slug])
        return self._page(path, theme.title, theme.description, content)

    def module(self, module: Module) -> HtmlPage:
        path = module_path(module)
        notes = resolve_body(module.notes_html, path, self.course, self.labels) if self.facilitator else ""
        content = self._render("module.html.j2", path, module=module, notes=Markup(notes))
        description = module.meta.summary or module.title
        title = self.labels.text("module.full_title", number=module.number, title=module.title)
        return self._page(path, title, description, content, contents=True,
                          search=module_entries(module, notes, path, self.labels))


def error_pages(report: Report, paths: list[str], templates_dir: Path | None, labels: Labels = ENGLISH) -> list[HtmlPage]:
    """While previewing broken content, every known page shows what to fix instead."""
    template = template_environment(search_path(templates_dir, "pages")).get_template("errors.html.j2")
    content = template.render(report=report, **label_helpers(labels))
    return [HtmlPage(path, labels.text("errors.page_title"), labels.text("errors.description"), content)
            for path in dict.fromkeys([urls.HOME, *paths])]
