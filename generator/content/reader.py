"""Reads content/ into validated documents: the 'read' and 'validate' steps.

Every file is read and every problem is recorded before anything fails, so one
`check` run lists all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from ..command import tool_command
from ..parallel import map_in_shares
from ..problems import Problem, Report, display_path
from .body_html import ContentHtml
from .document_checks import document_problems
from .inventory import Asset, Inventory, take_inventory
from .pasted_text import invisible_characters
from .schema import SLUG_PATTERN, CourseMeta, ModuleMeta, StoryMeta, ThemesFile
from .source_text import SourceError, read_text, split_front_matter
from .validation import slugify, validate
from .yaml_doc import YamlDoc, parse_yaml

SLUG = re.compile(SLUG_PATTERN)
PARALLEL_MIN_FILES = 400  # below this, forking costs more than reading in one process
Meta = TypeVar("Meta", bound=BaseModel)


@dataclass
class Document(Generic[Meta]):
    """One content file after validation: its metadata, its Markdown body and line marks."""

    slug: str
    path: str  # as shown in messages
    meta: Meta | None  # None when the front matter did not validate
    yaml: YamlDoc
    body: str = ""
    body_first_line: int = 1
    html: str = ""  # the body as published: converted and sanitized while reading, as `check` needs

    def field(self, name: str) -> Any:
        """A field as written, for cross-checks that still make sense on an invalid file."""
        if self.meta is not None:
            return getattr(self.meta, name)
        return self.yaml.data.get(name) if isinstance(self.yaml.data, dict) else None

    def slug_list(self, name: str) -> list[str]:
        value = self.field(name)
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return value
        return []

    def position(self, *loc: Any, at_key: bool = False) -> tuple[int, int]:
        return self.yaml.position(loc, at_key=at_key)


def valid(document: Document[Meta]) -> Meta:
    """The metadata of a document known to be valid (course.yml and themes.yml are only kept
    when they are; stories and modules once the report has no error)."""
    assert document.meta is not None, "expected a validated document"
    return document.meta


@dataclass
class ContentFiles:
    """Everything read from content/; documents whose front matter is invalid have meta None."""

    course: Document[CourseMeta] | None
    themes: Document[ThemesFile] | None
    stories: list[Document[StoryMeta]]
    modules: list[Document[ModuleMeta]]
    content_dir: Path
    assets: list[Asset] = field(default_factory=list)  # checked images, published as they are


# (path, kind, mtime, size) -> (Document, problems): what preview rebuilds reuse
DocumentCache = dict[tuple[str, str, int, int], tuple["Document[Any]", list[Problem]]]


def read_content(content_dir: Path, report: Report, cache: DocumentCache | None = None,
                 workers: int = 1) -> ContentFiles:
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        report.error(
            display_path(content_dir),
            f"the content folder does not exist; create it with `{tool_command()} new course DIR` "
            "or run the command from the folder that holds content/",
        )
        return ContentFiles(None, None, [], [], content_dir)
    inventory = take_inventory(content_dir, report, display_path)
    course = _read_yaml_file(content_dir, inventory, CourseMeta, report, "course.yml")
    themes = _read_yaml_file(content_dir, inventory, ThemesFile, report, "themes.yml")
    documents = _read_folders(content_dir, inventory, report, cache, workers)
    return ContentFiles(course, themes, documents["story"], documents["module"], content_dir, inventory.assets)


def _read_yaml_file(content_dir: Path, inventory: Inventory, model: type[Meta], report: Report,
                    name: str) -> Document[Meta] | None:
    path = inventory.root_files.get(name)
    if path is None:
        if not (content_dir / name).is_symlink():  # a bad link is reported already
            what = "the course title, tagline, description, audience and modules" if name == "course.yml" else "the themes"
            report.error(display_path(content_dir / name),
                         f"missing file: content/{name} holds {what}; create it (see README, 'Content format')")
        return None
    document = _read_document(path, display_path(path), model, None, report)
    return document if document.meta is not None else None


FOLDERS: dict[str, tuple[str, type[BaseModel]]] = {"story": ("stories", StoryMeta), "module": ("modules", ModuleMeta)}


def _read_folders(content_dir: Path, inventory: Inventory, report: Report, cache: DocumentCache | None = None,
                  workers: int = 1) -> dict[str, list[Document[Any]]]:
    """The stories and the modules, read together (one set of workers for both)."""
    entries: list[tuple[str, Path]] = []
    for kind, (name, _) in FOLDERS.items():
        folder = content_dir / name
        if not folder.is_dir() and not folder.is_symlink() and name not in inventory.unreadable:
            report.error(display_path(folder), f"missing folder: every course needs {kind} files in content/{name}/")
        else:
            entries += [(kind, path) for path in inventory.documents[kind]]

    def read(entry: tuple[str, Path]) -> tuple[Document[Any], list[Problem]]:
        kind, path = entry
        shown, model = display_path(path), FOLDERS[kind][1]
        if cache is not None:
            return _read_cached(path, shown, model, kind, cache)
        own = Report()
        return _read_document(path, shown, model, kind, own), own.problems

    documents: dict[str, list[Document[Any]]] = {kind: [] for kind in FOLDERS}
    workers = workers if len(entries) >= PARALLEL_MIN_FILES else 1
    for (kind, path), (document, problems) in zip(entries, map_in_shares(read, entries, workers), strict=True):
        report.extend(problems)
        if SLUG.fullmatch(path.stem) is None:
            better = slugify(path.stem)
            report.error(
                document.path,
                f"the file name '{path.name}' is not a valid slug (lowercase letters, digits and "
                f"single hyphens); rename the file to '{better or kind}.md'",
            )
        else:
            documents[kind].append(document)
    return documents


def _read_document(path: Path, shown: str, model: type[Meta], kind: str | None, report: Report) -> Document[Meta]:
    """A YAML file (kind None) or a Markdown file with front matter, validated against `model`.

    A file that cannot be read still yields a Document (meta None): its slug still counts
    in cross-file checks, so one broken story does not make every reference to it an error.
    """
    try:
        text = read_text(path)
        _report_invisible(text, kind, shown, report)
        if kind is None:
            doc, body, body_first_line = parse_yaml(text, first_line=1), "", 1
        else:
            parts = split_front_matter(text, kind)
            doc, body, body_first_line = parse_yaml(parts.yaml, parts.yaml_first_line), parts.body, parts.body_first_line
    except OSError as exc:
        report.error(shown, f"the file cannot be read: {exc.strerror}")
        return Document(path.stem, shown, None, YamlDoc(None, None, 1))
    except SourceError as exc:
        report.error(shown, exc.message, exc.line, exc.column)
        return Document(path.stem, shown, None, YamlDoc(None, None, 1))
    meta, problems = validate(doc, model, shown)
    report.extend(problems)
    html = ""
    if kind is not None:
        html, body_problems = _converter().convert(body, HEADING_TOP[kind], shown, body_first_line)
        report.extend(body_problems)
    if model is not ThemesFile:
        report.extend(document_problems(shown, meta, doc, body, body_first_line))
    return Document(path.stem, shown, meta, doc, body, body_first_line, html)


def _report_invisible(text: str, kind: str | None, shown: str, report: Report) -> None:
    """Invisible characters and stray no-break spaces, at their line and column (warnings: the text
    reads as meant, but the characters should go)."""
    if kind is None:
        yaml_lines = text.count("\n") + 1
    else:
        try:
            yaml_lines = split_front_matter(text, kind).body_first_line - 1
        except SourceError:
            yaml_lines = 0
    for found in invisible_characters(text, 1, yaml_lines):
        report.warning(shown, found.message(), found.line, found.column)


_content_html: ContentHtml | None = None
HEADING_TOP = {"story": 2, "module": 3}  # a story's headings sit under its page title; notes under 'Notes'


def _converter() -> ContentHtml:
    """One converter per process (forked readers inherit it unused)."""
    global _content_html
    if _content_html is None:
        _content_html = ContentHtml()
    return _content_html


def _read_cached(path: Path, shown: str, model: type[Meta], kind: str,
                 cache: DocumentCache) -> tuple[Document[Meta], list[Problem]]:
    """The document as read last time, unless the file changed since."""
    own = Report()
    try:
        stat = path.stat()
    except OSError:
        return _read_document(path, shown, model, kind, own), own.problems
    key = (str(path), kind, stat.st_mtime_ns, stat.st_size)
    if key not in cache:
        cache[key] = (_read_document(path, shown, model, kind, own), own.problems)
    return cache[key]
