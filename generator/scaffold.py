"""New content from templates: a story, a module, or a whole course project that builds as is.

Every field is present and explained in a YAML comment, so a trainer fills in blanks instead
of remembering the format. Nothing is ever overwritten.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .command import tool_command
from .content.examples import COURSE_YML, THEMES_YML, example_module, example_story, module_text, quoted, story_text
from .content.validation import slugify

SCAFFOLDS = Path(__file__).resolve().parent / "scaffolds"  # shipped with the tool, like its templates
MKDOCS_YML = SCAFFOLDS / "mkdocs.yml"


MAX_SLUG_LENGTH = 60


class ScaffoldError(Exception):
    """What could not be created, and why; the message is for the trainer."""


def _content_folder(content: Path) -> Path:
    if not content.is_dir():
        raise ScaffoldError(
            f"there is no content folder at {content}; run the command in the folder that holds content/, "
            f"pass --content DIR, or start a new course with `{tool_command()} new course DIR`"
        )
    return content


def _first_theme(content: Path) -> str:
    try:
        themes = yaml.safe_load((_content_folder(content) / "themes.yml").read_text(encoding="utf-8"))["themes"]
        return str(next(iter(themes)))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError, StopIteration):
        raise ScaffoldError(f"{content / 'themes.yml'} is missing or defines no theme; define one there first "
                            f"(see README, 'Content format'), then run `{tool_command()} check`") from None


def _first_story(content: Path) -> str:
    folder = _content_folder(content) / "stories"
    stories = sorted(p.stem for p in folder.rglob("*.md")) if folder.is_dir() else []
    if not stories:
        raise ScaffoldError(f"{content / 'stories'} has no story yet; create one first with `{tool_command()} new story \"Title\"`")
    return stories[0]


def _create(path: Path, text: str) -> Path:
    try:
        if path.exists():
            raise ScaffoldError(f"{path} already exists; choose another title or edit that file")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as stream:  # "x": never overwrite, even in a race
            stream.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; choose another title or edit that file") from None
    except OSError as exc:
        raise ScaffoldError(f"{exc.filename or path} could not be written: {exc.strerror}") from None
    return path


def _slug(title: str, kind: str) -> str:
    """The title as a file name; long titles are cut at a word, so names stay typeable."""
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"the {kind} title {title!r} has no letters or digits to make a file name from")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH + 1].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG_LENGTH] else slug[:MAX_SLUG_LENGTH]
    return slug


def _new_file(content: Path, folder: str, title: str, kind: str, text: str) -> Path:
    """content/<folder>/<slug>.md, refused when any file there (sub-folders too) has that slug."""
    slug = _slug(title, kind)
    existing = sorted((content / folder).rglob(f"{slug}.md")) if (content / folder).is_dir() else []
    if existing:
        raise ScaffoldError(f"{existing[0]} already exists and slugs must be unique; choose another title or edit that file")
    return _create(content / folder / f"{slug}.md", text)


def new_story(content: Path, title: str) -> Path:
    content = Path(content)
    return _new_file(content, "stories", title, "story", story_text(title, _first_theme(content)))


def new_module(content: Path, title: str) -> Path:
    content = Path(content)
    return _new_file(content, "modules", title, "module", module_text(title, _first_story(content)))


PAGES_WORKFLOW = """# Publishes the course on GitHub Pages at every push to main. Written by
# `python -m generator new course`; see "Hosting" in the Service Stories README.
# Before the first run, in the repository's Settings:
#   Pages > Build and deployment > Source: GitHub Actions
#   Secrets and variables > Actions > Variables: SERVICE_STORIES, what pip installs the
#   generator from, e.g. git+https://github.com/your-organisation/service-stories@main
name: Publish the course
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: false
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install Service Stories
        env:
          SERVICE_STORIES: ${{ vars.SERVICE_STORIES }}
        run: |
          if [ -z "$SERVICE_STORIES" ]; then
            echo "::error::Set the repository variable SERVICE_STORIES (see the top of this file)"
            exit 1
          fi
          sudo apt-get update -qq
          sudo apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0
          python -m pip install "$SERVICE_STORIES"
      - name: Build
        run: |
          # Dated by the last commit, so the same sources publish the same bytes.
          export SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"
          python -m generator build --lms scorm12 --zip
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""



def new_course(folder: Path, title: str | None = None) -> list[Path]:
    """A complete project in `folder` (which must be empty or new) that builds as is: content and
    mkdocs.yml. Its templates are the tool's (a course adds templates/ only to change some)."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError(f"{folder} is not empty; give the name of a new or empty folder")
    title = title or folder.resolve().name.replace("-", " ").replace("_", " ").title()
    content = folder / "content"
    created = [
        _create(content / "course.yml", COURSE_YML.format(title=quoted(title))),
        _create(content / "themes.yml", THEMES_YML),
        _create(content / "stories" / "an-example-story.md", example_story()),
        _create(content / "modules" / "first-session.md", example_module()),
        _create(folder / "mkdocs.yml", MKDOCS_YML.read_text(encoding="utf-8")),
        _create(folder / ".gitignore", "site/\nsite-facilitator/\n.site-*\n.cache/\n"),
        _create(folder / ".github" / "workflows" / "pages.yml", PAGES_WORKFLOW),
    ]
    return created
