"""Raw HTML in trainer content, reduced to an allow-list before any reader sees it.

nh3 does the cleaning; `removed_markup` names what the allow-list drops, so `check`
can tell the trainer what will not be published.
"""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
HAS_CONTENT = DROPPED_WITH_CONTENT - {"embed"}  # <embed> has no end tag
URL_ATTRIBUTES = {"href", "src", "cite"}
SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


IMAGE_TAG = re.compile(r"<img\b[^>]*>")
IMAGE_ATTRIBUTE = re.compile(r'\s([a-z]+)="([^"]*)"')
REMOTE = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//)")


def local_images_only(html: str) -> tuple[str, list[str]]:
    """Sanitized HTML with every image from another site made a link to it instead (a page that
    loads nothing from outside works offline and tells no one who reads it); and their addresses."""
    if "<img" not in html:
        return html, []
    remote: list[str] = []

    def replace(tag: re.Match[str]) -> str:
        attributes = dict(IMAGE_ATTRIBUTE.findall(tag.group(0)))
        source = attributes.get("src", "")
        if not REMOTE.match(source):
            return tag.group(0)
        remote.append(html_module.unescape(source))
        label = attributes.get("alt") or "image"
        return f'<a href="{source}" rel="noopener noreferrer" data-ss-remote-image>{label}</a>'  # labelled when rendered

    return IMAGE_TAG.sub(replace, html), remote


@dataclass(frozen=True)
class Removal:
    """One thing the allow-list drops, and how to find it in the source the HTML came from."""

    what: str  # "<script> element", "'onerror' attribute on <img>"
    needles: tuple[str, ...]  # texts to look for in the source, best first
    tag: int  # which start tag of the HTML it belongs to: removals of one tag share a line


RAW_ATTRIBUTE = r"""\s{name}\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"""
INVISIBLE_IN_URLS = re.compile(r"[\x00-\x20]")  # browsers ignore tabs and line breaks inside a URL


class _Finder(HTMLParser):
    """Walks the HTML as nh3 will, noting each start tag or attribute that the allow-list drops."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Removal] = []
        self.tags = 0
        self.dropped_depth = 0  # inside an element dropped with its content: nothing more to report

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        if self.dropped_depth:
            self.dropped_depth += tag in HAS_CONTENT
            return
        raw = self.get_starttag_text() or f"<{tag}"
        if tag not in ALLOWED_TAGS:
            self.found.append(Removal(f"<{tag}> element", (raw, f"<{tag}"), self.tags))
            self.dropped_depth = int(tag in HAS_CONTENT)
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self.found.append(Removal(f"'{name}' attribute on <{tag}>", (raw, name), self.tags))
            elif name in URL_ATTRIBUTES and value:
                scheme = SCHEME.match(INVISIBLE_IN_URLS.sub("", value))
                if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
                    written = re.search(RAW_ATTRIBUTE.format(name=re.escape(name)), raw, flags=re.I)
                    needles = (raw, written.group(1).strip("\"'")) if written else (raw,)
                    self.found.append(Removal(f"'{scheme.group(1).lower()}:' link on <{tag}>",
                                              (*needles, f"{scheme.group(1).lower()}:"), self.tags))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        depth = self.dropped_depth
        self.handle_starttag(tag, attrs)
        self.dropped_depth = depth  # <svg/> has no content to skip

    def handle_endtag(self, tag: str) -> None:
        if self.dropped_depth and tag in HAS_CONTENT:
            self.dropped_depth -= 1


def removed_markup(html: str) -> list[Removal]:
    """What clean_html takes out of this HTML, every occurrence, in document order."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found
