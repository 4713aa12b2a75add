"""Raw HTML in trainer content, reduced to an allow-list before any reader sees it.

nh3 does the cleaning; `removed_markup` names what the allow-list drops, so `check`
can tell the trainer what will not be published.
"""

from __future__ import annotations

import re
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


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self._add(f"<{tag}> element", f"<{tag}")
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self._add(f"'{name}' attribute on <{tag}>", name)
            elif name in URL_ATTRIBUTES and value:
                scheme = SCHEME.match(value)
                if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
                    self._add(f"'{scheme.group(1).lower()}:' link on <{tag}>", f"{scheme.group(1).lower()}:")

    def _add(self, what: str, needle: str) -> None:
        if (what, needle) not in self.found:
            self.found.append((what, needle))


def removed_markup(html: str) -> list[tuple[str, str]]:
    """What clean_html takes out of this HTML, in order of first appearance.

    Each item is (description, text to look for in the source to find its line).
    """
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found
