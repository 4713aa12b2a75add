"""The links and pictures of a story or notes text, made right for the page or document it is in.

The content layer leaves markers (content/references.py): `ss-content:story/<slug>#part`,
`ss-content:module/<slug>`, `ss-content:file/<uri>`, and `<img src="ss-content:image/<uri>">`.
Here each becomes a relative link from the page that shows it; in a print document a story that
the document itself holds is linked within it (#story-<slug>), so the link works on paper's PDF
too. Pictures get their web sizes (srcset) on pages and their largest size in print.
"""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Callable, Collection

from markupsafe import Markup

from ..content.model import Course
from ..content.pictures import Picture
from ..content.references import MARKER
from . import urls
from .labels import Labels

MARKED_LINK = re.compile(r'href="' + re.escape(MARKER) + r'(story|module|file)/([^"#]*)(#[^"]*)?"')
MARKED_PICTURE = re.compile(r'<img src="' + re.escape(MARKER) + r'image/([^"]+)" alt="([^"]*)">')
REMOTE_PICTURE = re.compile(r' data-ss-remote-image>(.*?)</a>', re.S)
WEB_WIDTHS = (640, 1280)  # a phone's column and a desktop's at twice its pixels
STORY_COLUMN = "(max-width: 44em) 100vw, 42em"  # the reading column's width, for the browser's pick


def picture_sizes(picture: Picture) -> list[tuple[int, str]]:
    """(width, site path) of each size a page may load, smallest first: resized copies narrower than
    the original, and the original itself when it is no wider than the largest. Animated GIFs move
    only as they are."""
    if picture.animated or picture.format not in ("JPEG", "PNG", "WEBP"):
        return [(picture.width, picture.uri)]
    sizes = [(width, urls.resized_picture(picture.uri, width)) for width in WEB_WIDTHS if width < picture.width]
    if picture.width <= WEB_WIDTHS[-1]:
        sizes.append((picture.width, picture.uri))
    return sizes


def picture_tag(picture: Picture, alt: str, link: Callable[[str], str], *, web: bool = True,
                css_class: str = "", sizes: str = STORY_COLUMN, lazy: bool = True) -> Markup:
    """<img> for a page (every size, the browser picks; loaded when scrolled to, unless `lazy` is
    off for a picture at the top) or for print (the largest)."""
    options = picture_sizes(picture)
    largest = options[-1][1]
    height = round(picture.height * options[-1][0] / picture.width)
    attributes = [("src", link(largest))]
    if web and len(options) > 1:
        attributes += [("srcset", ", ".join(f"{link(path)} {width}w" for width, path in options)), ("sizes", sizes)]
    attributes += [("width", str(options[-1][0])), ("height", str(height)), ("alt", alt)]
    if css_class:
        attributes.insert(0, ("class", css_class))
    if web:
        attributes += [("loading", "lazy" if lazy else "eager"), ("decoding", "async")]
    return Markup("<img{}>").format(Markup("").join(Markup(' {}="{}"').format(name, value) for name, value in attributes))


def resolve_body(html: str, here: str, course: Course, labels: Labels, *, web: bool = True,
                 in_document: Collection[str] = ()) -> str:
    """`html` with its markers made links and pictures as seen from the page at `here`.

    `in_document`: slugs of the stories the print document holds, linked within it.
    """
    if MARKER not in html and "data-ss-remote-image" not in html:
        return html
    link = urls.relative(here)

    def target(match: re.Match[str]) -> str:
        kind, key, anchor = match.group(1), match.group(2), match.group(3) or ""
        if kind == "story" and key in in_document:
            return f'href="#story-{key}"'
        path = urls.story(key) if kind == "story" else urls.module(key) if kind == "module" else key
        return f'href="{html_module.escape(link(path))}{anchor}"'

    def picture(match: re.Match[str]) -> str:
        found = course.pictures.get(html_module.unescape(match.group(1)))
        if found is None:
            return ""
        return str(picture_tag(found, html_module.unescape(match.group(2)), link, web=web))

    html = MARKED_PICTURE.sub(picture, MARKED_LINK.sub(target, html))
    return REMOTE_PICTURE.sub(lambda m: f">{labels('body.remote_image', alt=Markup(m.group(1)))}</a>", html)
