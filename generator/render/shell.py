"""Fills a page shell rendered once by the theme with one page's own content.

The theme (Material, through templates/overrides/) renders each section's index page
with markers where the title, description, table of contents and content go. Every
page of that section sits at the same depth, so the same shell serves all of them and
the theme's template runs once per section instead of once per page.
"""

from __future__ import annotations

from markupsafe import escape

from .pages import HtmlPage

CONTENT = "<!--ss:content-->"
TOC_ITEMS = "<!--ss:toc-items-->"
TOC_START = "<!--ss:toc-start-->"
TOC_END = "<!--ss:toc-end-->"
TITLE = "@@SS_TITLE@@"
HEADING = "@@SS_HEADING@@"
DESCRIPTION = "@@SS_DESCRIPTION@@"
TOC_SIDEBAR = 'data-md-type="toc" '
# The left sidebar would list one link (the section's tab is already in the header): hidden on
# desktops; on phones it stays the navigation drawer.
SHELL_META = {"title": HEADING, "description": DESCRIPTION, "service_stories_shell": True, "search": {"exclude": True},
              "hide": ["navigation"]}

TOC_ITEM = (
    '<li class="md-nav__item">\n  <a href="#{id}" class="md-nav__link">\n'
    '    <span class="md-ellipsis">{title}</span>\n  </a>\n</li>\n'
)


class ShellError(Exception):
    pass


class Shell:
    """A theme-rendered page with markers; `fill` turns it into a finished page."""

    def __init__(self, html: str, site_name: str):
        missing = [m for m in (CONTENT, TOC_ITEMS, TOC_START, TOC_END, TITLE, TOC_SIDEBAR) if m not in html]
        if missing:
            raise ShellError(
                "the theme shell lacks the markers " + ", ".join(missing)
                + "; templates/overrides/main.html and partials/toc.html must come from this project"
            )
        before, rest = html.split(TOC_START, 1)
        _, after = rest.split(TOC_END, 1)
        self.html = html.replace(TOC_START, "").replace(TOC_END, "")
        self.without_toc = before.replace(TOC_SIDEBAR, TOC_SIDEBAR + "hidden ", 1) + after
        self.site_name = site_name

    def fill(self, page: HtmlPage) -> str:
        if page.toc:
            items = "".join(TOC_ITEM.format(id=t.id, title=t.title) for t in page.toc)
            html = self.html.replace(TOC_ITEMS, items)
        else:
            html = self.without_toc
        title = page.title if page.title == self.site_name else f"{page.title} - {self.site_name}"
        return (
            html.replace(TITLE, str(escape(title)))
            .replace(HEADING, str(escape(page.title)))
            .replace(DESCRIPTION, str(escape(page.description)))
            .replace(CONTENT, page.content)
        )
