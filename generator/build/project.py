"""A course project as the build sees it: where its folders are and the build's settings, read
from mkdocs.yml without MkDocs (so a build whose theme is cached never imports it).

The settings are the `service-stories` entry under `plugins:`; MkDocs' own plugin class
(theme/plugin.py) takes its option list from OPTIONS, so both read the same settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..render.print_docs import PAPER_SIZES

PLUGIN_NAME = "service-stories"
# name -> (type, default): every setting of the plugin entry in mkdocs.yml.
OPTIONS: dict[str, tuple[type, Any]] = {
    "content_dir": (str, "content"),
    "templates_dir": (str, "templates"),
    "workers": (int, 0),  # processes that read and render in `build` (0: one per core, up to 2)
    "pdf": (bool, True),
    "paper": (str, "a4"),
}


class ProjectError(Exception):
    """mkdocs.yml cannot be used; the message names the file and what to change."""


class _ConfigLoader(yaml.SafeLoader):
    """MkDocs' YAML: `!ENV` reads the environment; other tags (`!!python/name:`, `!relative`) are
    kept as plain values, which the settings read here never need."""


def _env(loader: _ConfigLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [_plain(loader, "", node)]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[name] for name in variables if name in os.environ), default)


def _plain(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    assert isinstance(node, yaml.MappingNode)
    return loader.construct_mapping(node)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", _plain)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


@dataclass(frozen=True)
class Project:
    config_file: Path  # mkdocs.yml, absolute
    root: Path  # the folder that holds it
    content_dir: Path
    templates_dir: Path
    site_dir: Path
    custom_dir: Path | None  # the theme overrides (theme.custom_dir)
    site_url: str
    language: str
    workers: int
    pdf: bool
    paper: str

    @property
    def protected(self) -> dict[str, Path]:
        """What a site folder may never be, hold or sit in (output/site_folder.py)."""
        return {"the project": self.root, "the content folder": self.content_dir,
                "the templates folder": self.templates_dir, "the configuration file": self.config_file}


def plugin_settings(plugins: Any, shown: str) -> dict[str, Any] | None:
    """The service-stories entry of a `plugins:` list, with defaults; None when it is absent."""
    for entry in plugins or []:
        name, settings = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()), (None, {}))
        if name == PLUGIN_NAME:
            return validated_settings(settings or {}, shown)
    return None


def validated_settings(settings: dict[str, Any], shown: str) -> dict[str, Any]:
    values = {name: default for name, (_, default) in OPTIONS.items()}
    for name, value in settings.items():
        if name not in OPTIONS:
            raise ProjectError(f"{shown}: '{PLUGIN_NAME}' has no setting '{name}'; the settings are: {', '.join(OPTIONS)}")
        wanted = OPTIONS[name][0]
        if not isinstance(value, wanted) or (wanted is int and isinstance(value, bool)):
            raise ProjectError(f"{shown}: '{PLUGIN_NAME}' setting '{name}': expected {wanted.__name__} but received {value!r}")
        values[name] = value
    paper = str(values["paper"]).lower()
    if paper not in PAPER_SIZES:
        raise ProjectError(f"{shown}: '{PLUGIN_NAME}' setting 'paper': {values['paper']!r} is not a paper size the PDFs "
                           "can use; write 'a4' or 'letter'")
    values["paper"] = paper
    return values


def load_project(config_file: Path | str, site_dir: Path | str | None = None) -> Project:
    config_file = Path(os.path.abspath(config_file))
    shown = os.path.relpath(config_file) if not os.path.relpath(config_file).startswith("..") else str(config_file)
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except FileNotFoundError:
        raise ProjectError(f"{shown} not found; run the command in the folder that holds mkdocs.yml, or pass -f PATH") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ProjectError(f"{shown} cannot be read: {exc}") from None
    if not isinstance(config, dict):
        raise ProjectError(f"{shown}: expected settings written as 'name: value' lines")
    settings = plugin_settings(config.get("plugins"), shown)
    if settings is None:
        raise ProjectError(f"{shown} does not enable the '{PLUGIN_NAME}' plugin; add it under 'plugins:'")
    if config.get("use_directory_urls", True) is not False:
        raise ProjectError(f"{shown}: set 'use_directory_urls: false'; the site must open from disk, "
                           "where folder links do not lead to their index.html")
    root = config_file.parent
    theme: dict[str, Any] = config["theme"] if isinstance(config.get("theme"), dict) else {}
    custom_dir = theme.get("custom_dir")
    return Project(
        config_file=config_file,
        root=root,
        content_dir=root / settings["content_dir"],
        templates_dir=root / settings["templates_dir"],
        site_dir=Path(os.path.abspath(site_dir)) if site_dir else root / str(config.get("site_dir") or "site"),
        custom_dir=root / custom_dir if custom_dir else None,
        site_url=str(config.get("site_url") or ""),
        language=str(theme.get("language") or "en"),
        workers=settings["workers"],
        pdf=settings["pdf"],
        paper=settings["paper"],
    )
