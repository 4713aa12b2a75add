"""Videos as the pages and the print-outs show them: no player and nothing loaded from outside.

On the web a video is a link card (its title, its length, the site it is on); on paper it is
its full address and a QR code to scan, drawn here (segno: plain SVG, the same bytes for the
same address).
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from ..content.schema import Video
from .labels import Labels

HTTP_LINK = re.compile(r'<a href="(https?://[^"]+|mailto:[^"]+)"([^>]*)>(.*?)</a>', re.S)
TAG = re.compile(r"<[^>]+>")


def video_length(video: Video, t: Labels) -> str:
    """'12 min' for whole minutes, '4:30' as written."""
    if video.duration is None:
        return ""
    return t.text("video.minutes", count=video.duration) if isinstance(video.duration, int) else str(video.duration)


def video_site(video: Video) -> str:
    """Where the video is, as a reader recognises it: 'youtube.com'."""
    host = urlsplit(video.url).hostname or ""
    return host.removeprefix("www.")


@functools.lru_cache(maxsize=1024)
def qr_code(url: str) -> str:
    """A QR code of `url` as a data: URI (SVG), to print beside the address."""
    import segno  # here: only print with a video needs it, and it brings http.client and ssl

    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#1b2b2e")


def addresses_shown(html: str) -> str:
    """Links in a text for paper: each link whose words are not its address gets the address after
    them, since nobody can click a page ('Watch on YouTube (https://…)')."""
    if "<a " not in html:
        return html

    def show(match: re.Match[str]) -> str:
        href, words = match.group(1), TAG.sub("", match.group(3)).strip()
        if words == href or words == href.removeprefix("mailto:") or href.removeprefix("http://") == words:
            return match.group(0)
        return f'{match.group(0)} <span class="url">({href.removeprefix("mailto:")})</span>'

    return HTTP_LINK.sub(show, html)
