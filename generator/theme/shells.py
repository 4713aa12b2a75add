"""MkDocs + Material as the theme, and nothing more: the section shells, the 404 page and the
theme's static files, rendered by one MkDocs build of four empty pages and cached on disk.

The cache key is everything the theme's output depends on: mkdocs.yml, the versions of MkDocs
and Material, the theme overrides (the tool's, then a course's templates/overrides/, then
theme.custom_dir, each file replacing the one before), the labels and the course title. A build whose key is cached does not
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
from ..render.labels import ENGLISH, Labels
from ..render.shell import SHELL_META, Shell, ShellError
from ..render.template_folders import DEFAULT_TEMPLATES

CACHE = Path(".cache") / "service-stories" / "theme"
FORMAT = "3"  # bump when what is cached changes
NAV = {"nav.home": "index.md", "nav.stories": "stories/index.md", "nav.themes": "themes/index.md",
       "nav.modules": "modules/index.md"}
# The site's own stylesheet and scripts, in the order the pages need them: added to mkdocs.yml's
# lists when a course's file does not name them, so a course's mkdocs.yml cannot lose them.
OWN_CSS = ["assets/stylesheets/stories.css"]
OWN_SCRIPTS = ["assets/javascripts/labels.js", "assets/javascripts/story-filter.js", "assets/javascripts/reading.js"]
SHELL_SOURCES = {section: path.removesuffix(".html") + ".md" for section, path in urls.SECTION_INDEXES.items()}
# Sections without a tab (the session builder): MkDocs renders their shell without asking for a nav entry.
NOT_IN_NAV = "\n".join("/" + source for source in SHELL_SOURCES.values() if source not in NAV.values())
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


def override_layers(project: Project) -> list[Path]:
    """The folders of theme overrides, the last one winning: the tool's, the course's, theme.custom_dir."""
    layers = [DEFAULT_TEMPLATES / "overrides", project.templates_dir / "overrides"]
    if project.custom_dir is not None:
        layers.append(project.custom_dir)
    return [layer for layer in dict.fromkeys(layers) if layer.is_dir()]


def _override_files(project: Project) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for layer in override_layers(project):
        for path in sorted(p for p in layer.rglob("*") if p.is_file()):
            files[path.relative_to(layer).as_posix()] = path
    return dict(sorted(files.items()))


def theme_files(project: Project, course_title: str, labels: Labels = ENGLISH) -> ThemeFiles:
    """The theme's output for this project, from the cache or rendered now."""
    folder = project.root / CACHE / _key(project, course_title, labels)
    if not (folder / "theme.json").is_file():
        _render_into(folder, project, course_title, labels)
    description = json.loads((folder / "theme.json").read_text(encoding="utf-8"))
    shells = {}
    for section, source in SHELL_SOURCES.items():
        html = (folder / source.removesuffix(".md")).with_suffix(".html").read_text(encoding="utf-8")
        try:
            shells[section] = Shell(html, course_title)
        except ShellError as exc:
            raise ThemeError(f"{_overrides_shown(project)}: {exc}") from None
    return ThemeFiles(folder, shells, tuple(description["static"]), description["search_config"], description["offline"])


def _key(project: Project, course_title: str, labels: Labels) -> str:
    digest = hashlib.blake2b(digest_size=12)
    for part in (FORMAT, course_title, metadata.version("mkdocs"), metadata.version("mkdocs-material"), SHELL_MARKDOWN,
                 json.dumps(labels.catalogue.labels, sort_keys=True)):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(project.config_file.read_bytes())
    for relative, path in _override_files(project).items():
        digest.update(relative.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _with_own_files(listed: Any, own: list[str]) -> list[Any]:
    """mkdocs.yml's extra_css or extra_javascript, with the site's own files first where missing."""
    entries: list[Any] = [*(listed or [])]
    named = {entry if isinstance(entry, str) else entry.get("path") for entry in entries if isinstance(entry, (str, dict))}
    return [{"path": path, "defer": True} if path.endswith(".js") else path for path in own if path not in named] + entries


def _theme_settings(raw: dict[str, Any], overrides: Path, labels: Labels) -> dict[str, Any]:
    """mkdocs.yml's theme, with the merged overrides and toggles named in the course's language."""
    theme = dict(raw.get("theme") or {}) if isinstance(raw.get("theme"), dict) else {"name": raw.get("theme") or "material"}
    theme["custom_dir"] = str(overrides)
    palette = theme.get("palette")
    if isinstance(palette, list):
        named = []
        for entry in palette:
            if isinstance(entry, dict) and isinstance(entry.get("toggle"), dict) and not entry["toggle"].get("name"):
                key = "palette.to_light" if entry.get("scheme") == "slate" else "palette.to_dark"
                entry = {**entry, "toggle": {**entry["toggle"], "name": labels.text(key)}}
            named.append(entry)
        theme["palette"] = named
    return theme


def _render_into(folder: Path, project: Project, course_title: str, labels: Labels) -> None:
    """One MkDocs build of the four shell pages, without this project's plugin, into the cache."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException
    from mkdocs.utils.yaml import yaml_load

    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".render-", dir=folder.parent))
    try:
        docs, out, overrides = work / "docs", work / "site", work / "overrides"
        for relative, path in _override_files(project).items():
            (overrides / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, overrides / relative)
        for source in SHELL_SOURCES.values():
            (docs / source).parent.mkdir(parents=True, exist_ok=True)
            (docs / source).write_text(SHELL_MARKDOWN, encoding="utf-8")
        with open(project.config_file, encoding="utf-8") as handle:
            raw = yaml_load(handle) or {}
        plugins = [entry for entry in raw.get("plugins") or [] if _plugin_name(entry) != PLUGIN_NAME]
        try:
            extra = dict(raw.get("extra") or {}) if isinstance(raw.get("extra"), dict) else {}
            extra["service_stories_labels"] = {key: labels.text(key) for key, value in labels.catalogue.labels.items()
                                               if isinstance(value, str)}
            config = load_config(str(project.config_file), plugins=plugins, docs_dir=str(docs), site_dir=str(out), not_in_nav=NOT_IN_NAV,
                                 nav=[{labels.text(key): page} for key, page in NAV.items()], site_name=escape(course_title),
                                 theme=_theme_settings(raw, overrides, labels), extra=extra,
                                 extra_css=_with_own_files(raw.get("extra_css"), OWN_CSS),
                                 extra_javascript=_with_own_files(raw.get("extra_javascript"), OWN_SCRIPTS))
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
    main = _override_files(project).get("main.html", DEFAULT_TEMPLATES / "overrides" / "main.html")
    return os.path.relpath(main)
