"""Links and pictures in stories and notes, resolved once every file of the course is read.

Trainers link another story the way they name it: `[the coffee](the-cold-coffee.md)`, a path
(`../modules/owning-the-moment.md`) or just its slug (`the-cold-coffee`); a picture by its file,
beside the text or in content/images/. Each is checked here, at its line and column in the
source, with a did-you-mean for a near miss, and written into the published HTML as a marker
(`ss-content:story/the-cold-coffee#part`) that the renderer turns into the right link for each
page and print-out (render/body_links.py): a story page, a guide two folders down, a PDF.

A picture must say what it shows (alt text); a missing file, a missing alt text, a dead link or
a link to a module the course does not publish is an error.
"""

from __future__ import annotations

import html as html_module
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from ..problems import Report, did_you_mean, display_path
from .inventory import IMAGE_SIGNATURES, Asset
from .pictures import Picture, PictureError, read_picture
from .reader import ContentFiles, Document

MARKER = "ss-content:"  # nh3 drops any scheme it does not know, so no trainer's link can start with it
LINK = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')
IMAGE = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'\s([a-z]+)="([^"]*)"')
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//)")
KINDS = ("story", "module")


@dataclass(frozen=True)
class StoryPicture:
    """A story's own picture (front matter `image`): shown on its card, its page and in print."""

    uri: str
    alt: str


@dataclass
class References:
    """What the course's texts link to, once checked."""

    html: dict[str, str] = field(default_factory=dict)  # document path -> its HTML with markers
    pictures: dict[str, Picture] = field(default_factory=dict)  # uri -> what the picture is
    story_pictures: dict[str, StoryPicture] = field(default_factory=dict)  # story slug -> its picture


class _Targets:
    """Everything a link may lead to: stories, published modules and the published images."""

    def __init__(self, files: ContentFiles):
        self.root = Path(files.content_dir)
        self._absolute_root = os.path.abspath(self.root)
        self._shown_root = display_path(self.root) + os.sep  # documents are shown the same way
        self._relatives: dict[str, str] = {}  # each document's path is asked for twice
        self.documents: dict[str, dict[str, Document[Any]]] = {
            "story": {d.slug: d for d in files.stories}, "module": {d.slug: d for d in files.modules}}
        self.by_path = {self._relative(d.path): (kind, slug) for kind, docs in self.documents.items()
                        for slug, d in docs.items()}
        self.published_modules = set(files.course.meta.modules) if files.course and files.course.meta else None
        self.assets: dict[str, Asset] = {asset.uri: asset for asset in files.assets}

    def _relative(self, shown: str) -> str:
        if shown not in self._relatives:
            # as the trainer sees the folders (no syscall per file: links out of the project are refused already)
            if shown.startswith(self._shown_root):
                relative = shown[len(self._shown_root):]
            else:
                relative = os.path.relpath(os.path.abspath(shown), self._absolute_root)
            self._relatives[shown] = shown if relative.startswith("..") else relative.replace(os.sep, "/")
        return self._relatives[shown]

    def folder_of(self, document: Document[Any]) -> str:
        return posixpath.dirname(self._relative(document.path))

    def slugs(self) -> list[str]:
        return [slug for docs in self.documents.values() for slug in docs]

    def file(self, written: str, folder: str) -> str | None:
        """The published file a path names: beside the text first, then from the content folder."""
        for base in (folder, ""):
            candidate = posixpath.normpath(posixpath.join(base, written))
            if candidate in self.assets:
                return candidate
        return None


def resolve_references(files: ContentFiles, report: Report) -> References:
    targets = _Targets(files)
    found = References()
    for document in files.stories + files.modules:
        if document.meta is None:
            continue
        folder = targets.folder_of(document)
        found.html[document.path] = _resolve_html(document, folder, targets, found, report)
    for story in files.stories:
        image = getattr(story.meta, "image", None) if story.meta is not None else None
        if image is not None:
            uri = _picture(image.file, targets.folder_of(story), targets, found, report, story.path,
                           story.position("image", "file"))
            if uri:
                found.story_pictures[story.slug] = StoryPicture(uri, image.alt)
    return found


def _picture(written: str, folder: str, targets: _Targets, found: References, report: Report, path: str,
             where: tuple[int, int | None]) -> str | None:
    """The picture's uri when the file is there and can be read; otherwise an error at `where`."""
    if EXTERNAL.match(written):
        report.error(path, f"the picture {written} is on another site, and the site loads nothing from the internet; "
                           "save it in content/images/ and name that file here", *where)
        return None
    uri = targets.file(unquote(written), folder)
    if uri is None:
        images = [u for u in targets.assets if PurePosixPath(u).suffix.lower() in IMAGE_SIGNATURES]
        near = did_you_mean(PurePosixPath(written).name, [PurePosixPath(u).name for u in images])
        near_uri = next((u for u in images if near and PurePosixPath(u).name in near), None)
        hint = f" (did you mean '{near_uri}'?)" if near_uri else ""
        report.error(path, f"the picture '{written}' is not in the content folder{hint}; put the file beside the "
                           "story or in content/images/ and write its name (images/team.jpg)", *where)
        return None
    if uri not in found.pictures:
        try:
            found.pictures[uri] = read_picture(targets.assets[uri].source, uri)
        except PictureError as exc:
            report.error(path, f"the picture '{written}' {exc}", *where)
            return None
    return uri


def _resolve_html(document: Document[Any], folder: str, targets: _Targets, found: References, report: Report) -> str:
    html = document.html
    if "<a " not in html and "<img" not in html:
        return html
    links, pictures = (_Locator(document.body, document.body_first_line) for _ in range(2))  # each in order

    def link(match: re.Match[str]) -> str:
        written = html_module.unescape(match.group(2))
        if not written or written.startswith("#") or EXTERNAL.match(written):
            return match.group(0)
        where = links.find(written)
        target = _link_target(written, folder, targets, report, document.path, where)
        return f"{match.group(1)}{html_module.escape(target, quote=True)}{match.group(3)}" if target else match.group(0)

    def picture(match: re.Match[str]) -> str:
        attributes = dict(ATTRIBUTE.findall(match.group(0)))
        written = html_module.unescape(attributes.get("src", ""))
        if not written or EXTERNAL.match(written):
            return match.group(0)
        where = pictures.find(written)
        alt = html_module.unescape(attributes.get("alt", "")).strip()
        if not alt:
            report.error(document.path, f"the picture '{written}' has no alt text: say what it shows between the "
                                        f"brackets, like ![A porter holding the door]({written})", *where)
        uri = _picture(written, folder, targets, found, report, document.path, where)
        if uri is None or not alt:
            return match.group(0)
        return f'<img src="{html_module.escape(MARKER + "image/" + uri)}" alt="{html_module.escape(alt)}">'

    return IMAGE.sub(picture, LINK.sub(link, html))


def _link_target(written: str, folder: str, targets: _Targets, report: Report, path: str,
                 where: tuple[int, int | None]) -> str | None:
    """The marker for a link to a story, module or published file; None (and an error) if there is none."""
    address, _, anchor = written.partition("#")
    address = unquote(address.split("?", 1)[0])
    fragment = f"#{anchor}" if anchor else ""
    name = PurePosixPath(address).name
    stem, suffix = (name[:-3], ".md") if name.endswith(".md") else (name, PurePosixPath(name).suffix)
    if suffix in ("", ".md") and "." not in stem:
        relative = posixpath.normpath(posixpath.join(folder, address)) if address.endswith(".md") else ""
        kind, slug = targets.by_path.get(relative) or next(
            ((kind, stem) for kind in KINDS if stem in targets.documents[kind]), (None, stem))
        if kind is None:
            report.error(path, f"the link '{written}' leads to no story or module{did_you_mean(stem, targets.slugs())}; "
                               "link a story or module by its file name, like [the coffee](the-cold-coffee.md)", *where)
            return None
        if kind == "module" and targets.published_modules is not None and slug not in targets.published_modules:
            report.error(path, f"the link '{written}' leads to module '{slug}', which is not published (it is not "
                               "listed under 'modules' in course.yml); add it there or link something else", *where)
            return None
        return f"{MARKER}{kind}/{slug}{fragment}"
    uri = targets.file(address, folder)
    if uri is None:
        near = did_you_mean(name, [PurePosixPath(uri).name for uri in targets.assets])
        report.error(path, f"the link '{written}' leads to no published file{near}; "
                           "the site publishes stories, modules and images (.png, .jpg, .gif, .webp) from the content folder",
                     *where)
        return None
    return f"{MARKER}file/{uri}{fragment}"


class _Locator:
    """Where a link's address stands in the Markdown source, in order of appearance."""

    def __init__(self, text: str, first_line: int):
        self.text = text
        self.first_line = first_line
        self.cursor = 0

    def find(self, written: str) -> tuple[int, int | None]:
        offset = self.text.find(written, self.cursor)
        if offset < 0:
            offset = self.text.find(written)
        if offset < 0:
            return self.first_line, None
        self.cursor = offset + len(written)
        line_start = self.text.rfind("\n", 0, offset) + 1
        return self.first_line + self.text.count("\n", 0, offset), offset - line_start + 1
