"""Where every page and document lives inside the site: the one place that builds site paths.

Paths are '/'-separated and relative to the site's root; pages link each other with relative
hrefs (`relative`), so the site opens from disk as well as from a web server.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable

HOME = "index.html"
STORIES = "stories/index.html"
THEMES = "themes/index.html"
MODULES = "modules/index.html"
STORIES_DATA = "stories/index-data.js"  # every story, for the filter of the stories index
SESSION_DATA = "session/session-data.js"  # facilitator edition: the course for the session builder and room display
FACILITATOR_ASSETS = frozenset({"assets/javascripts/session-builder.js", "assets/javascripts/session-plan.js",
                                "assets/stylesheets/session-builder.css"})
ROOM_STYLES = "room/room.css"
ROOM_SCRIPT = "room/room.js"
REFLECTIONS = "reflections.html"  # "My reflections", at the root beside the home page
SESSION = "session/index.html"  # facilitator edition: the session builder
ROOM_SESSION = "room/session.html"  # facilitator edition: a built session in the room (the plan in its #hash)
SECTION_INDEXES = {"": HOME, "stories": STORIES, "themes": THEMES, "modules": MODULES, "session": SESSION}
SEARCH_INDEX = "search/search_index.json"
SEARCH_SCRIPT = "search/search_index.js"  # the same index as a script, for search from file://
COURSE_PDF = "guides/course.pdf"


def story(slug: str) -> str:
    return f"stories/{slug}.html"


def theme(slug: str) -> str:
    return f"themes/{slug}.html"


def module(slug: str) -> str:
    return f"modules/{slug}.html"


def session_story(slug: str) -> str:
    """A story's text as a script the session builder loads when the story joins a plan (it prints it)."""
    return f"session/stories/{slug}.js"


def room_module(slug: str) -> str:
    """A module's room display; a module called 'session' moves aside for the session's page."""
    return f"room/{slug}.html" if f"room/{slug}.html" != ROOM_SESSION else "room/module-session.html"


def guide_page(slug: str) -> str:
    return f"guides/{slug}/index.html"


def guide_pdf(slug: str) -> str:
    return f"guides/{slug}.pdf"


def handout_pdf(slug: str) -> str:
    return f"handouts/{slug}.pdf"


def card_pdf(slug: str) -> str:
    return f"cards/{slug}.pdf"


def resized_picture(uri: str, width: int) -> str:
    """A picture made smaller for the web: images/team.jpg at 640 px is assets/resized/images/team-640w.jpg
    (assets/ may hold no content file, so no name a trainer chose can clash with it)."""
    stem, dot, suffix = uri.rpartition(".")
    return f"assets/resized/{stem}-{width}w.{suffix}" if dot else f"assets/resized/{uri}-{width}w"


def section(path: str) -> str:
    """The top folder of a page ('' for the home page); pages of a section share a theme shell."""
    return posixpath.dirname(path)


@functools.lru_cache(maxsize=65536)
def _relative(target: str, base: str) -> str:
    return posixpath.relpath(target, base)


def relative(here: str) -> Callable[[str], str]:
    """Relative href from the page at `here` to another path of the site."""
    return functools.partial(_relative, base=posixpath.dirname(here) or ".")
