"""Reads content/ into validated documents: the 'read' and 'validate' steps.

Every file is read and every problem is recorded before anything fails, so one
`check` run lists all of them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from .parallel import map_in_shares
from .problems import Problem, Report
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


@dataclass
class ContentFiles:
    """Everything read from content/; documents whose front matter is invalid have meta None."""

    course: Document[CourseMeta] | None
    themes: Document[ThemesFile] | None
    stories: list[Document[StoryMeta]]
    modules: list[Document[ModuleMeta]]
    content_dir: Path


def display_path(path: Path) -> str:
    """The path as a trainer would type it: relative to where they ran the command."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


DocumentCache = dict  # (path, kind, mtime, size) -> (Document, problems): for preview rebuilds


def read_content(content_dir: Path, report: Report, cache: DocumentCache | None = None,
                 workers: int = 1) -> ContentFiles:
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        report.error(
            display_path(content_dir),
            "the content folder does not exist; create it with `python -m generator new course DIR` "
            "or run the command from the folder that holds content/",
        )
        return ContentFiles(None, None, [], [], content_dir)
    root = content_dir.resolve()
    course = _read_yaml_file(content_dir / "course.yml", CourseMeta, root, report, "course.yml")
    themes = _read_yaml_file(content_dir / "themes.yml", ThemesFile, root, report, "themes.yml")
    stories = _read_folder(content_dir / "stories", StoryMeta, "story", root, report, cache, workers)
    modules = _read_folder(content_dir / "modules", ModuleMeta, "module", root, report, cache, workers)
    return ContentFiles(course, themes, stories, modules, content_dir)


def _read_yaml_file(path: Path, model: type[Meta], root: Path, report: Report, name: str) -> Document[Meta] | None:
    shown = display_path(path)
    if not path.exists():
        what = "the course title, tagline, description, audience and modules" if name == "course.yml" else "the themes"
        report.error(shown, f"missing file: content/{name} holds {what}; create it (see README, 'Content format')")
        return None
    if not _inside(path, root, shown, report):
        return None
    document = _read_document(path, shown, model, None, report)
    return document if document.meta is not None else None


def _read_folder(folder: Path, model: type[Meta], kind: str, root: Path, report: Report,
                 cache: DocumentCache | None = None, workers: int = 1) -> list[Document[Meta]]:
    shown_folder = display_path(folder)
    if not folder.is_dir():
        report.error(shown_folder, f"missing folder: every course needs {kind} files in content/{folder.name}/")
        return []
    if not folder.resolve().is_relative_to(root):
        report.error(shown_folder, f"the folder is a link to {folder.resolve()}, outside the content folder; copy the files in instead")
        return []
    files: list[tuple[Path, str, Report]] = []  # each file's own problems, kept in file order
    for path in sorted(folder.rglob("*")):
        if path.name.startswith((".", "#")) or path.name.endswith("~") or path.is_dir():
            continue
        shown, own = display_path(path), Report()
        if path.suffix != ".md":
            own.warning(shown, f"ignored: only .md files in {folder.name}/ are read as {kind} files")
        elif _inside(path, root, shown, own):
            files.append((path, shown, own))
            continue
        report.extend(own.problems)

    def read(entry: tuple[Path, str, Report]) -> tuple[Document[Meta], list[Problem]]:
        path, shown, _ = entry
        if cache is not None:
            return _read_cached(path, shown, model, kind, cache)
        own = Report()
        return _read_document(path, shown, model, kind, own), own.problems

    documents: list[Document[Meta]] = []
    workers = workers if len(files) >= PARALLEL_MIN_FILES else 1
    for (path, shown, _), (document, problems) in zip(files, map_in_shares(read, files, workers)):
        report.extend(problems)
        if SLUG.match(path.stem) is None:
            better = slugify(path.stem)
            report.error(
                shown,
                f"the file name '{path.name}' is not a valid slug (lowercase letters, digits and "
                f"single hyphens); rename the file to '{better or kind}.md'",
            )
        else:
            documents.append(document)
    return documents


def _read_document(path: Path, shown: str, model: type[Meta], kind: str | None, report: Report) -> Document[Meta]:
    """A YAML file (kind None) or a Markdown file with front matter, validated against `model`.

    A file that cannot be read still yields a Document (meta None): its slug still counts
    in cross-file checks, so one broken story does not make every reference to it an error.
    """
    try:
        text = read_text(path)
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
    return Document(path.stem, shown, meta, doc, body, body_first_line)


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


def _inside(path: Path, root: Path, shown: str, report: Report) -> bool:
    """Refuses files (through symlinks) that live outside content/: a build must not publish them."""
    if not path.is_symlink() and path.is_file():  # rglob does not enter linked folders
        return True
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        report.error(shown, "the file cannot be opened: it is a broken or looping link")
        return False
    if not real.is_relative_to(root):
        report.error(shown, f"the file is a link to {real}, outside the content folder; copy the file in instead")
        return False
    if not real.is_file():
        report.error(shown, "expected a regular file but found something else (a folder or a device)")
        return False
    return True
