"""The site's own words from the catalogue of theme.language: a French course built whole (pages,
guides, PDFs, the scripts' words) holds no English label, checked against the catalogue itself."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_project, make_project, run_generator
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from generator.render.labels import LOCALES, PLACEHOLDER, load_catalogue

FRENCH_COURSE = ROOT / "tests" / "fixtures" / "cours"
SCRIPTS = ROOT / "generator" / "templates" / "overrides" / "assets" / "javascripts"


def catalogue(language: str) -> dict:
    return yaml.safe_load((LOCALES / f"{language}.yml").read_text(encoding="utf-8"))["labels"]


def forms(value) -> list[str]:
    return list(value.values()) if isinstance(value, dict) else [value]


def test_every_language_has_every_label_with_the_same_names_in_braces() -> None:
    english = catalogue("en")
    for path in sorted(LOCALES.glob("*.yml")):
        labels = catalogue(path.stem)
        assert set(labels) == set(english), (path.name, set(english) ^ set(labels))
        for key, value in english.items():
            names = {name for text in forms(value) for name in PLACEHOLDER.findall(text)}
            theirs = {name for text in forms(labels[key]) for name in PLACEHOLDER.findall(text)}
            assert theirs <= names | {"count"} and names - {"count"} <= theirs, (path.name, key)
            assert isinstance(value, dict) == isinstance(labels[key], dict), (path.name, key)


def english_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Each English label that French says differently, as a pattern: its words with anything
    where a {name} goes."""
    english, french = catalogue("en"), catalogue("fr")
    patterns = []
    for key, value in english.items():
        if forms(value) == forms(french[key]):
            continue  # the same in both languages (Module {number}, Source): not a leak
        for text in forms(value):
            parts = [re.escape(part.strip()) for part in PLACEHOLDER.split(text)[::2] if part.strip()]
            pattern = re.compile(r"(?<![\w])" + r".{0,80}?".join(parts) + r"(?![\w])")
            filled = [PLACEHOLDER.sub("7", text) for text in forms(french[key])]
            if parts and max(len(part) for part in parts) >= 3 and not any(pattern.search(text) for text in filled):
                patterns.append((key, pattern))  # (a pattern the French label itself matches tells nothing)
    return patterns


class _Words(HTMLParser):
    """What a page says: its text and the attributes a reader hears or sees (and the scripts' labels)."""

    SPOKEN = ("title", "aria-label", "alt", "placeholder", "content")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        for name, value in attrs:
            if value and name in self.SPOKEN:
                self.words.append(value)
            if value and name == "data-ss-labels":
                self.words += [PLACEHOLDER.sub(" ", text) for item in json.loads(value).values() for text in forms(item)]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.words.append(data)


def said(html: str) -> str:
    parser = _Words()
    parser.feed(html)
    return " ".join(" ".join(parser.words).split())


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("fr") / "projet", FRENCH_COURSE)
    settings = project / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8").replace("  language: en", "  language: fr")
    text = re.sub(r"^site_description: .*$", "site_description: Des histoires de service pour la formation.", text, flags=re.M)
    text = re.sub(r"^copyright: .*$", "copyright: Chaque histoire est racontée avec nos mots.", text, flags=re.M)
    settings.write_text(text, encoding="utf-8")  # the course's own words in French too
    return build_project(project, "--facilitator", env={"TRAINING_PDF": "1"})  # every page and PDF of both editions


def test_a_french_build_has_no_english_label_left(french_site: Path) -> None:
    patterns = english_patterns()
    assert len(patterns) > 100  # the check covers the catalogue, not a hand-picked few
    texts = {path.relative_to(french_site).as_posix(): said(path.read_text(encoding="utf-8"))
             for path in french_site.rglob("*.html") if "assets" not in path.parts}
    texts |= {path.relative_to(french_site).as_posix(): " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages).split())
        for path in french_site.rglob("*.pdf")}
    assert {"index.html", "stories/la-cle-oubliee.html", "reflections.html", "guides/premiers-pas/index.html",
            "cards/la-cle-oubliee.pdf", "guides/course.pdf", "handouts/premiers-pas.pdf", "404.html"} <= set(texts)
    leaks = [(where, key, found.group(0)) for where, text in texts.items() for key, pattern in patterns
             if (found := pattern.search(text))]
    assert not leaks, leaks[:20]
    story = texts["stories/la-cle-oubliee.html"]
    for french in ("Réfléchir", "min de lecture", "racontée d’abord par", "Vidéo", "Thèmes", "Source"):
        assert french in story, french
    assert "Racontée dans notre équipe par Amélie Martin, Accueil, 12 mars 2026." in texts["stories/la-porte-ouverte.html"]
    assert re.search(r"Page \d+ sur \d+", texts["guides/course.pdf"])  # the cover has no page number
    home = (french_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in home and "Passer au thème sombre" in home


def test_the_scripts_hold_no_label_of_their_own() -> None:
    english = [text for value in catalogue("en").values() for text in forms(value)]
    for script in ("reading.js", "story-filter.js", "labels.js"):
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", (SCRIPTS / script).read_text(encoding="utf-8"), flags=re.S)
        literals = re.findall(r'"((?:[^"\\]|\\.)*)"', code)
        words = [literal for literal in literals if re.search(r"[A-Za-z]{3,} [A-Za-z]{3,}", literal) and literal != "use strict"]
        assert not words, (script, words)
        assert not [text for text in english if len(text) > 12 and f'"{text}"' in code], script


def test_the_scripts_speak_french_in_a_browser(page: Page, french_site: Path) -> None:
    page.goto((french_site / "stories/index.html").as_uri())
    expect(page.locator(".ss-filter__status")).to_have_text("Les 2 histoires sont affichées.")
    page.locator(".ss-filter__chip", has_text="Commerce").click()
    expect(page.locator("[data-ss-heading]")).to_have_text("Histoires dans le secteur Commerce")
    expect(page.locator(".ss-filter__status")).to_have_text("1 histoire affichée sur 2.")
    page.goto((french_site / "stories/la-cle-oubliee.html").as_uri())
    box = page.locator("textarea.ss-answer").first
    expect(box).to_have_attribute("placeholder", "Votre réponse")
    box.fill("Une réponse")
    box.blur()
    expect(page.locator(".ss-reflect__saved")).to_have_text("Enregistré dans ce navigateur.")
    page.goto((french_site / "reflections.html").as_uri())
    expect(page.locator("[data-ss-journal-status]")).to_have_text("1 réponse à 1 histoire.")


def test_a_language_without_labels_builds_in_english_and_says_how_to_add_one(project: Path) -> None:
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("  language: en", "  language: de"), encoding="utf-8")
    result = run_generator("build", cwd=project, env={"TRAINING_PDF": "0"})
    assert result.returncode == 0, result.stderr
    assert "mkdocs.yml: warning: theme.language is 'de', but there are no labels in that language" in result.stderr
    assert "locales/de.yml" in result.stderr
    assert run_generator("build", "--strict", cwd=project, env={"TRAINING_PDF": "0"}).returncode == 1


def test_adding_a_language_is_one_file(project: Path) -> None:
    (project / "locales").mkdir()
    german = {"language": "de", "labels": {"story.reflect": "Nachdenken", "nav.stories": "Geschichten"}}
    (project / "locales/de.yml").write_text(yaml.safe_dump(german, allow_unicode=True), encoding="utf-8")
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("  language: en", "  language: de"), encoding="utf-8")
    result = run_generator("build", cwd=project, env={"TRAINING_PDF": "0"})
    assert result.returncode == 0, result.stderr
    assert re.search(r"locales/de\.yml: \d+ labels missing, shown in English", result.stderr)  # partial: said, not fatal
    page = (project / "site/stories/the-spare-key.html").read_text(encoding="utf-8")
    assert ">Nachdenken<" in page and '<html lang="de"' in page
    catalogue_de, _ = load_catalogue("de", project)
    assert catalogue_de.labels["nav.stories"] == "Geschichten"
