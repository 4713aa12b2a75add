"""The words the site and the print-outs use, from a message catalogue per language.

One YAML file per language (generator/locales/<code>.yml, or locales/<code>.yml beside a
course's mkdocs.yml for that course), chosen by `theme.language` in mkdocs.yml. Templates say
`t("story.reflect")`; Python says `labels.text(...)`; the page scripts get the labels they need
as JSON in a data attribute (`t.script("journal")`), so no label is written in code.

A label may count something: `{one: "{count} story", other: "{count} stories"}`; the form is
chosen by the language's plural rules (CLDR, from Babel).
"""

from __future__ import annotations

import datetime
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markupsafe import Markup, escape

LOCALES = Path(__file__).resolve().parent.parent / "locales"
PROJECT_LOCALES = "locales"  # beside mkdocs.yml: a course's own languages or changed labels
DEFAULT_LANGUAGE = "en"
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the catalogue is read at every start
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
Value = str | dict[str, str]


class LabelsError(Exception):
    """A catalogue file cannot be used; the message names the file and the fix."""


@dataclass(frozen=True)
class Catalogue:
    language: str
    labels: dict[str, Value]
    files: tuple[Path, ...] = ()


def read_catalogue(path: Path) -> dict[str, Value]:
    """The labels of one file, checked for shape (not for completeness)."""
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LabelsError(f"{shown} cannot be read: {exc}") from None
    labels = data.get("labels") if isinstance(data, dict) else None
    if not isinstance(labels, dict):
        raise LabelsError(f"{shown}: expected 'labels:' followed by 'key: text' lines (see generator/locales/en.yml)")
    for key, value in labels.items():
        forms_ok = isinstance(value, dict) and value and all(k in PLURAL_FORMS and isinstance(v, str) for k, v in value.items())
        if not isinstance(value, str) and not (forms_ok and "other" in value):
            raise LabelsError(f"{shown}: label '{key}': expected text, or forms 'one:' and 'other:' with text, "
                              f"but received {value!r}")
    return labels


def available_languages(project_root: Path | None = None) -> list[str]:
    folders = [LOCALES] + ([Path(project_root) / PROJECT_LOCALES] if project_root else [])
    return sorted({p.stem for folder in folders if folder.is_dir() for p in folder.glob("*.yml")})


def load_catalogue(language: str, project_root: Path | None = None) -> tuple[Catalogue, list[str]]:
    """The labels for `language` and what is missing, as warnings.

    English fills in whatever a catalogue lacks, so a partial file still builds; `pt-BR` falls
    back to `pt` first. A course's own file (locales/<code>.yml) wins over the tool's, label by label.
    """
    language = language or DEFAULT_LANGUAGE
    english = read_catalogue(LOCALES / f"{DEFAULT_LANGUAGE}.yml")
    candidates = [language] + ([language.split("-")[0]] if "-" in language else [])
    layers: list[Path] = []
    for code in reversed(candidates):
        for folder in (LOCALES, Path(project_root) / PROJECT_LOCALES if project_root else None):
            if folder is not None and (folder / f"{code}.yml").is_file():
                layers.append(folder / f"{code}.yml")
    labels: dict[str, Value] = {}
    for path in layers:
        labels.update(read_catalogue(path))
    warnings = []
    if not layers and language != DEFAULT_LANGUAGE:
        warnings.append(f"theme.language is '{language}', but there are no labels in that language, so the site's "
                        f"own words are in English; the languages are: {', '.join(available_languages(project_root))}. "
                        f"To add one, copy {LOCALES / 'en.yml'} to {PROJECT_LOCALES}/{language}.yml beside mkdocs.yml "
                        "and translate it (README, 'Languages')")
    elif layers:
        missing = [key for key in english if key not in labels]
        if missing:
            warnings.append(f"{layers[-1]}: {len(missing)} label{'s' if len(missing) != 1 else ''} missing, shown in "
                            f"English: {', '.join(missing[:8])}{', …' if len(missing) > 8 else ''}; copy them from "
                            f"{LOCALES / 'en.yml'} and translate them")
    return Catalogue(language, {**english, **labels}, tuple(layers)), warnings


def plural_rule(language: str) -> Callable[[int], str]:
    """The CLDR plural category of a number in `language` ('one', 'other', ...)."""
    try:
        from babel import Locale, UnknownLocaleError

        try:
            locale = Locale.parse(language.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            locale = Locale.parse(language.split("-")[0])
        return locale.plural_form
    except Exception:  # no such locale in Babel's data: English rules
        return lambda number: "one" if number == 1 else "other"


@dataclass
class Labels:
    """`t` in the templates: t(key, count=None, **values)."""

    catalogue: Catalogue
    _plural: Callable[[int], str] | None = field(default=None, repr=False)
    _scripts: dict[str, str] = field(default_factory=dict, repr=False)  # every page asks for the same few
    _escaped: dict[str, tuple[str, bool]] = field(default_factory=dict, repr=False)  # label -> (as HTML, has {names})

    @property
    def language(self) -> str:
        return self.catalogue.language

    def raw(self, key: str, count: int | None = None) -> str:
        try:
            value = self.catalogue.labels[key]
        except KeyError:
            raise KeyError(f"no label '{key}' in generator/locales/{DEFAULT_LANGUAGE}.yml") from None
        if isinstance(value, dict):
            if count is None:
                raise KeyError(f"label '{key}' counts something: give it count=")
            if self._plural is None:
                self._plural = plural_rule(self.language)
            form = self._plural(count)
            return value.get(form, value["other"])
        return value

    def text(self, key: str, count: int | None = None, **values: object) -> str:
        """The label as plain text, its {names} filled in."""
        if count is not None:
            values.setdefault("count", count)
        return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), self.raw(key, count))

    def __call__(self, key: str, count: int | None = None, **values: object) -> Markup:
        """The label as HTML: its text escaped, values escaped unless they are Markup (a link)."""
        if count is not None:
            values.setdefault("count", count)
        raw = self.raw(key, count)
        escaped = self._escaped.get(raw)
        if escaped is None:
            escaped = self._escaped[raw] = (str(escape(raw)), PLACEHOLDER.search(raw) is not None)
        template, has_placeholders = escaped
        if not has_placeholders:  # most labels of a page: escaped once per build, not once per use
            return Markup(template)
        return Markup(PLACEHOLDER.sub(lambda m: str(escape(values[m.group(1)])) if m.group(1) in values else m.group(0),
                                      template))

    def css(self, key: str, **values: str) -> Markup:
        """The label as a CSS `content` value: text parts quoted, {names} replaced by CSS (counter(page))."""
        parts = []
        for index, piece in enumerate(PLACEHOLDER.split(self.raw(key))):
            if index % 2:
                parts.append(values[piece])
            elif piece:
                parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"')
        return Markup(" ".join(parts))

    def script(self, section: str) -> str:
        """The labels of `js.<section>.*` as JSON, for a page script (it reads them from a data attribute)."""
        if section not in self._scripts:
            prefix = f"js.{section}."
            chosen = {key[len(prefix):]: value for key, value in self.catalogue.labels.items() if key.startswith(prefix)}
            self._scripts[section] = json.dumps(chosen, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return self._scripts[section]

    def date(self, day: datetime.date) -> str:
        """A date written out as the language writes it (12 March 2026, 12 mars 2026)."""
        try:
            from babel.dates import format_date

            return format_date(day, format="long", locale=self.language.replace("-", "_"))
        except Exception:  # a language Babel does not know
            return day.isoformat()


def labels_for(language: str, project_root: Path | None = None) -> tuple[Labels, list[str]]:
    catalogue, warnings = load_catalogue(language, project_root)
    return Labels(catalogue), warnings


ENGLISH = Labels(load_catalogue(DEFAULT_LANGUAGE)[0])
