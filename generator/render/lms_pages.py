"""One module as a self-contained set of pages, for a package an LMS plays (SCORM 1.2).

The pages are rendered from the course model with the templates in lms_files/, not copied from
the site: a package holds the module's overview (objectives, stories, discussion questions),
its stories and their reflection questions, and nothing a facilitator alone should see (no
agenda, materials, facilitator notes or discussion guide). Every link stays inside the package:
a story text's link to a page the package does not hold becomes plain text, links to other
sites open a new tab (an LMS frame must not be navigated away), and the images the stories
show are taken from the built site. Nothing is loaded from outside.

Layout (the same paths as the site, so the stories' relative image links still work):
  index.html            the launch page: a progress bar over a frame (see lms_files/scorm12.js)
  overview.html         the module
  stories/<slug>.html   its stories, in teaching order, each with previous and next
  assets/…              the stylesheet and scripts
  images/…              the images the stories show
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..content.model import Course, Module, Story
from ..content.validation import slugify
from ..output.links import EXTERNAL
from . import urls
from .body_links import resolve_body
from .labels import labels_for
from .pages import template_environment

PACKAGE_FILES = Path(__file__).resolve().parent / "lms_files"
ASSETS = {"assets/package.css": "package.css", "assets/package.js": "package.js", "assets/scorm12.js": "scorm12.js"}
LAUNCH_PAGE = "index.html"
OVERVIEW_PAGE = "overview.html"

ANCHOR = re.compile(r"<a\s([^>]*)>(.*?)</a>", re.S)
HREF = re.compile(r'\shref="([^"]*)"')
IMAGE_SOURCE = re.compile(r'<img\b[^>]*\ssrc="([^"]*)"')


class PackageError(Exception):
    """A package cannot be made; the message says what to do."""


@dataclass
class ModulePackage:
    """The files of one module's package: archive name -> bytes, text, or a file to copy."""

    module: Module
    identifier: str  # an XML ID: unique per course and module
    files: dict[str, bytes | str | Path]


def package_identifier(course: Course, module: Module) -> str:
    """'ss-<course>-<module>': letters, digits and hyphens, starting with a letter (an XML ID)."""
    return f"ss-{slugify(course.title)[:40].strip('-') or 'course'}-{module.slug}"


def story_page(story: Story) -> str:
    return urls.story(story.slug)


def module_package(course: Course, module: Module, site_dir: Path, language: str = "en") -> ModulePackage:
    """The module's pages, assets and images (taken from the built site at `site_dir`)."""
    env = template_environment([str(PACKAGE_FILES)])
    labels = labels_for(language)[0]
    identifier = package_identifier(course, module)
    names = {OVERVIEW_PAGE, *(story_page(story) for story in module.stories)}
    files: dict[str, bytes | str | Path] = {}
    images: set[str] = set()

    def render(template: str, here: str, **context: object) -> str:
        root = posixpath.relpath(".", posixpath.dirname(here) or ".")
        root = "" if root == "." else root + "/"

        def link(story: Story) -> str:
            return posixpath.relpath(story_page(story), posixpath.dirname(here) or ".")

        html = env.get_template(template).render(course=course, module=module, language=language, root=root,
                                                 story_page=link, **context)
        html, used = _inside_the_package(html, here, names)
        images.update(used)
        return html

    files[OVERVIEW_PAGE] = render("overview.html.j2", OVERVIEW_PAGE, title="Overview")
    for number, story in enumerate(module.stories, start=1):
        previous = module.stories[number - 2] if number > 1 else None
        following = module.stories[number] if number < len(module.stories) else None
        files[story_page(story)] = render("story.html.j2", story_page(story), title=story.title, story=story,
                                          number=number, body=Markup(resolve_body(story.body_html, story_page(story), course, labels)),
                                          previous=previous,
                                          following=following)
    data = {"id": identifier, "stories": [story.slug for story in module.stories]}
    files[LAUNCH_PAGE] = env.get_template("index.html.j2").render(
        course=course, module=module, language=language, package_data=Markup(_script_json(data)))
    for name, source in ASSETS.items():
        files[name] = PACKAGE_FILES / source
    for image in sorted(images):
        picture = Path(site_dir) / image
        if not picture.is_file():
            raise PackageError(f"{picture}: a story of module '{module.slug}' shows this image, but the built site "
                               "does not hold it; build the site again")
        files[image] = picture
    return ModulePackage(module, identifier, files)


def _script_json(data: object) -> str:
    """JSON that can stand inside <script>: no '<' to end the element early."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def _inside_the_package(html: str, here: str, pages: set[str]) -> tuple[str, set[str]]:
    """Links to pages outside the package made plain text, links to other sites opened in a new
    tab; and the local images the page shows (package paths)."""
    base = posixpath.dirname(here)

    def resolve(address: str) -> str:
        return posixpath.normpath(posixpath.join(base, address.partition("#")[0].partition("?")[0]))

    def anchor(match: re.Match[str]) -> str:
        attributes, text = match.group(1), match.group(2)
        found = HREF.search(" " + attributes)
        href = found.group(1) if found else ""
        if EXTERNAL.match(href):
            if "target=" not in attributes:
                attributes += ' target="_blank"'
            return f"<a {attributes}>{text}</a>"
        if not href or href.startswith("#") or resolve(href) in pages:
            return match.group(0)
        return text  # a page of the site the package does not hold

    html = ANCHOR.sub(anchor, html)
    images = {resolve(source) for source in IMAGE_SOURCE.findall(html) if source and not EXTERNAL.match(source)}
    return html, images
