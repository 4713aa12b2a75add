"""The printed side of a course: discussion guides, participant handouts, story cards and the
course guide, as standalone HTML documents rendered from templates/print/ (the tool's, or a
course's own file of the same name).

Each document is one HTML file with its stylesheet inlined: published as a page on the site
(it opens from disk like the rest) and turned into PDF by generator/pdf.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..content.model import Course, Module, Story
from . import urls
from .body_links import picture_tag, resolve_body
from .jobs import PrintJob, PrintKind
from .labels import ENGLISH, Labels
from .media import addresses_shown
from .pages import label_helpers
from .template_folders import search_path

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
# A story card is one side of paper in 12 pt type, or 11 pt for a few more words; a longer story
# goes on to the back (12 pt again, its title repeated "(continued)" on top, its questions with lines
# to write on) rather than shrinking below what a room can read. Each class fits its number of words
# (story and questions) on one side, or two for the last, of A4 or Letter (tests/test_print.py checks
# it); a story longer still takes as many sides as it needs.
CARD_TYPE_SIZES = ((300, ""), (340, "card--long"), (640, "card--two-sided"))


@dataclass(frozen=True)
class PrintDocument:
    """One printable document: where its PDF goes, its title, its HTML."""

    pdf_path: str  # inside the site, e.g. "guides/owning-the-moment.pdf"
    title: str
    html: str
    html_path: str | None = None  # also published as a page, e.g. "guides/owning-the-moment/index.html"

    @property
    def page_path(self) -> str:
        """Where the HTML's relative links start from: its page, or else its PDF (output/pdf.py re-bases them)."""
        return self.html_path or self.pdf_path


HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


def demote_headings(html: str) -> str:
    """Every heading one level lower (h2 becomes h3), for HTML that sits one level deeper."""
    return HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + 1)}", html)


def clock(minutes: int) -> str:
    """Minutes from the start as H:MM, the way a facilitator reads an agenda."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def card_type_size(story: Story) -> str:
    """The card's CSS class for its type size, from the words of the story and its questions."""
    words = story.word_count + sum(len(question.split()) for question in story.questions)
    return next((name for most, name in CARD_TYPE_SIZES if words <= most), CARD_TYPE_SIZES[-1][1])


class PrintRenderer:
    def __init__(self, course: Course, templates_dir: Path | None = None, paper: str = "a4",
                 bytecode_cache: jinja2.BytecodeCache | None = None, labels: Labels = ENGLISH):
        if paper not in PAPER_SIZES:
            raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}, not {paper!r}")
        self.course = course
        self.labels = labels
        self.words = label_helpers(labels)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(search_path(templates_dir, "print")),
            bytecode_cache=bytecode_cache,
            undefined=jinja2.StrictUndefined,
            autoescape=jinja2.select_autoescape(["html.j2"], default=False),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["clock"] = clock
        self.css = Markup(self.env.get_template("print.css.j2").render(paper=PAPER_SIZES[paper], **self.words))

    def _render(self, template: str, title: str, body_class: str, here: str, **context: object) -> str:
        link = urls.relative(here)

        def picture(story: Story) -> Markup:
            found = self.course.pictures.get(story.picture.uri) if story.picture else None
            if story.picture is None or found is None:
                return Markup("")
            return picture_tag(found, story.picture.alt, link, web=False, css_class="picture")

        return self.env.get_template(template).render(
            course=self.course, title=title, css=self.css, body_class=body_class, picture=picture, **self.words, **context
        )

    def _text(self, html: str, here: str, stories: list[Story]) -> Markup:
        """A story's or notes' HTML for paper: links and pictures made right from `here`, stories of the
        same document linked within it, and each web address printed."""
        resolved = resolve_body(html, here, self.course, self.labels, web=False, in_document={s.slug for s in stories})
        return Markup(addresses_shown(resolved))

    def _title(self, *parts: str) -> str:
        return " - ".join(parts)

    def _module_title(self, module: Module) -> str:
        return self.labels.text("module.full_title", number=module.number, title=module.title)

    def _bodies(self, stories: list[Story], here: str) -> dict[str, Markup]:
        # The site's conversion (top=2), one heading level down: no second Markdown pass.
        return {story.slug: self._text(demote_headings(story.body_html), here, stories) for story in stories}

    def _notes(self, module: Module, here: str, stories: list[Story]) -> Markup:
        return self._text(module.notes_html, here, stories)

    def guide(self, module: Module, pdf_linked: bool = True) -> PrintDocument:
        title = self._title(self._module_title(module), self.labels.text("print.guide"), self.course.title)
        here = urls.guide_page(module.slug)
        link = urls.relative(here)
        links = {"back": link(urls.module(module.slug)), "pdf": link(urls.guide_pdf(module.slug)) if pdf_linked else ""}
        html = self._render("guide.html.j2", title, "guide", here, module=module, bodies=self._bodies(module.stories, here),
                            notes=self._notes(module, here, module.stories), screen_links=links)
        return PrintDocument(urls.guide_pdf(module.slug), title, html, here)

    def handout(self, module: Module) -> PrintDocument:
        title = self._title(self._module_title(module), self.labels.text("print.handout"), self.course.title)
        here = urls.handout_pdf(module.slug)
        html = self._render("handout.html.j2", title, "handout", here, module=module,
                            bodies=self._bodies(module.stories, here))
        return PrintDocument(here, title, html)

    def card(self, story: Story) -> PrintDocument:
        size = card_type_size(story)
        title = self._title(story.title, self.labels.text("print.card"), self.course.title)
        here = urls.card_pdf(story.slug)
        html = self._render("card.html.j2", title, "card-page", here, story=story, size_class=size,
                            body=self._text(story.body_html, here, [story]))
        return PrintDocument(here, title, html)

    def course_guide(self) -> PrintDocument:
        stories = [story for module in self.course.modules for story in module.stories]
        title = self._title(self.course.title, self.labels.text("print.guides"))
        here = urls.COURSE_PDF
        html = self._render("course.html.j2", title, "course", here, bodies=self._bodies(stories, here),
                            notes={m.slug: self._notes(m, here, stories) for m in self.course.modules},
                            story_count=len(stories), total_minutes=sum(m.duration for m in self.course.modules))
        return PrintDocument(urls.COURSE_PDF, title, html)

    def jobs(self, pdf: bool = True, facilitator: bool = True) -> list[PrintJob]:
        """Every printable document of an edition, the course guide first (the longest).

        Guides (and the course guide, which holds them all) carry facilitator notes: only the
        facilitator edition has them. Without PDFs only the guides are made: they are pages too.
        """
        guides = [PrintJob(PrintKind.GUIDE, module.slug) for module in self.course.modules] if facilitator else []
        if not pdf:
            return guides
        jobs = [PrintJob(PrintKind.COURSE)] if self.course.modules and facilitator else []
        for module in self.course.modules:
            jobs += [PrintJob(PrintKind.GUIDE, module.slug)] if facilitator else []
            jobs.append(PrintJob(PrintKind.HANDOUT, module.slug))
        return jobs + [PrintJob(PrintKind.CARD, slug) for slug in self.course.stories]

    def document(self, job: PrintJob, pdf: bool = True) -> PrintDocument:
        if job.kind is PrintKind.COURSE:
            return self.course_guide()
        if job.kind is PrintKind.CARD:
            return self.card(self.course.stories[job.slug])
        module = self.course.modules_by_slug[job.slug]
        return self.guide(module, pdf_linked=pdf) if job.kind is PrintKind.GUIDE else self.handout(module)

    def documents(self, pdf: bool = True, facilitator: bool = True) -> list[PrintDocument]:
        return [self.document(job, pdf) for job in self.jobs(pdf, facilitator)]
