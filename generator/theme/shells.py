"""MkDocs + Material as the theme, and nothing more: the section shells, the 404 page and the
theme's static files, rendered by one MkDocs build of four empty pages and cached on disk.

The cache key is everything the theme's output depends on: mkdocs.yml, the versions of MkDocs
and Material, the theme overrides, the course title. A build whose key is cached does not
import MkDocs at all. This is the module to replace when the theme moves to another engine
(Zensical): it must produce the same `ThemeFiles`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

from ..build.project import PLUGIN_NAME, Project
from ..render import urls
from ..render.shell import SHELL_META, Shell, ShellError

CACHE = Path(".cache") / "service-stories" / "theme"
FORMAT = "1"  # bump when what is cached changes
NAV = [{"Home": "index.md"}, {"Stories": "stories/index.md"}, {"Themes": "themes/index.md"}, {"Modules": "modules/index.md"}]
SHELL_SOURCES = {section: path.removesuffix(".html") + ".md" for section, path in urls.SECTION_INDEXES.items()}
SHELL_MARKDOWN = "---\n" + yaml.safe_dump(SHELL_META, sort_keys=True) + "---\n"
NOT_THEME_FILES = {urls.SEARCH_INDEX, urls.SEARCH_SCRIPT, "sitemap.xml", "sitemap.xml.gz"}  # the core writes these
KEPT_ENTRIES = 4  # cached themes kept beside the current one (other titles, a template being edited)
log = logging.getLogger("mkdocs.plugins.service_stories")


class ThemeError(Exception):
    """The theme could not render the shells; the message names the file and the fix."""


@dataclass(frozen=True)
class ThemeFiles:
    folder: Path  # the cached output of the theme build
    shells: dict[str, Shell]  # section -> its shell
    static: tuple[str, ...]  # files to copy into every site, as they are (assets/…, 404.html)
    search_config: dict[str, Any] | None  # Material's search settings; None without its search plugin
    offline: bool  # Material's offline plugin is on: the index is also written as a script


def theme_files(project: Project, course_title: str) -> ThemeFiles:
    """The theme's output for this project, from the cache or rendered now."""
    folder = project.root / CACHE / _key(project, course_title)
    if not (folder / "theme.json").is_file():
        _render_into(folder, project, course_title)
    description = json.loads((folder / "theme.json").read_text(encoding="utf-8"))
    shells = {}
    for section, source in SHELL_SOURCES.items():
        html = (folder / source.removesuffix(".md")).with_suffix(".html").read_text(encoding="utf-8")
        try:
            shells[section] = Shell(html, course_title)
        except ShellError as exc:
            raise ThemeError(f"{_overrides_shown(project)}: {exc}") from None
    return ThemeFiles(folder, shells, tuple(description["static"]), description["search_config"], description["offline"])


def _key(project: Project, course_title: str) -> str:
    digest = hashlib.blake2b(digest_size=12)
    for part in (FORMAT, course_title, metadata.version("mkdocs"), metadata.version("mkdocs-material"), SHELL_MARKDOWN):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(project.config_file.read_bytes())
    overrides = project.custom_dir
    if overrides is not None and overrides.is_dir():
        for path in sorted(p for p in overrides.rglob("*") if p.is_file()):
            digest.update(path.relative_to(overrides).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _render_into(folder: Path, project: Project, course_title: str) -> None:
    """One MkDocs build of the four shell pages, without this project's plugin, into the cache."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException
    from mkdocs.utils.yaml import yaml_load

    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".render-", dir=folder.parent))
    try:
        docs, out = work / "docs", work / "site"
        for source in SHELL_SOURCES.values():
            (docs / source).parent.mkdir(parents=True, exist_ok=True)
            (docs / source).write_text(SHELL_MARKDOWN, encoding="utf-8")
        with open(project.config_file, encoding="utf-8") as handle:
            raw = yaml_load(handle) or {}
        plugins = [entry for entry in raw.get("plugins") or [] if _plugin_name(entry) != PLUGIN_NAME]
        try:
            config = load_config(str(project.config_file), plugins=plugins, docs_dir=str(docs), site_dir=str(out),
                                 nav=NAV, site_name=escape(course_title))
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except (ConfigurationError, Abort, MkDocsException) as exc:
            raise ThemeError(f"{project.config_file.name}: the theme could not be rendered: {exc}") from None
        search = out / urls.SEARCH_INDEX
        description = {
            "static": sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()
                             and p.relative_to(out).as_posix() not in NOT_THEME_FILES
                             and p.relative_to(out).as_posix() not in {s.removesuffix(".md") + ".html" for s in SHELL_SOURCES.values()}),
            "search_config": json.loads(search.read_text(encoding="utf-8"))["config"] if search.is_file() else None,
            "offline": (out / urls.SEARCH_SCRIPT).is_file(),
        }
        (out / "theme.json").write_text(json.dumps(description, indent=1), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        os.rename(out, folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _forget_old(folder)


def _plugin_name(entry: Any) -> Any:
    return entry if isinstance(entry, str) else next(iter(entry), None) if isinstance(entry, dict) else None


def _forget_old(current: Path) -> None:
    entries = sorted((p for p in current.parent.iterdir() if p.is_dir() and p != current and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEPT_ENTRIES:]:
        shutil.rmtree(old, ignore_errors=True)


def _overrides_shown(project: Project) -> str:
    overrides = project.custom_dir or project.templates_dir / "overrides"
    return os.path.relpath(overrides / "main.html")
