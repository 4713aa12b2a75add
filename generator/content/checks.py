"""Cross-file checks: what no single file can know is wrong on its own."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..problems import Report, did_you_mean
from .examples import example_bodies, example_texts
from .placeholders import NOTES_PLACEHOLDER, PLACEHOLDER, STORY_BODY_PLACEHOLDER
from .reader import SLUG, ContentFiles, Document, valid
from .schema import ModuleMeta
from .validation import describe, field_name

SUMMARY_MAX_WORDS = 40
PULL_QUOTE_MAX_WORDS = 30
# Short fields shown on every story card, their word limits and why (warnings, so --strict refuses them).
WORD_LIMITS = {
    "summary": (SUMMARY_MAX_WORDS, "one sentence", "it is shown on every story card"),
    "pull_quote": (PULL_QUOTE_MAX_WORDS, "one short line", "it is shown large on the story's page and card"),
}


def cross_check(files: ContentFiles, report: Report) -> None:
    story_slugs = _unique_slugs(files.stories, "story", report)
    module_slugs = _unique_slugs(files.modules, "module", report)
    theme_slugs = list(valid(files.themes).themes) if files.themes else None

    if theme_slugs is not None:
        for story in files.stories:
            _check_references(story, "themes", story.slug_list("themes"), theme_slugs, "theme", "content/themes.yml", report)
    for story in files.stories:
        if story.meta is None:
            continue
        for name, (limit, shape, why) in WORD_LIMITS.items():
            words = len((getattr(story.meta, name) or "").split())
            if words > limit:
                line, column = story.position(name)
                report.warning(
                    story.path,
                    f"field '{name}' is {words} words long; keep it to {shape} of at most {limit} words ({why})",
                    line,
                    column,
                )

    for document in files.stories + files.modules + ([files.course] if files.course else []):
        _check_placeholders(document, report)

    for module in files.modules:
        _check_references(module, "stories", module.slug_list("stories"), story_slugs, "story", "content/stories/", report)
        if module.meta is not None:
            _check_agenda(module, report)

    if files.course:
        course_modules = valid(files.course).modules
        _check_references(files.course, "modules", course_modules, module_slugs, "module", "content/modules/", report)
        listed = set(course_modules)
        for module in files.modules:
            if module.slug not in listed:
                report.warning(
                    module.path,
                    f"module '{module.slug}' is not listed under 'modules' in {files.course.path}, "
                    "so it is not published; add it there",
                )
        used_stories = {slug for m in files.modules if m.slug in listed for slug in m.slug_list("stories")}
        for story in files.stories:
            if story.slug not in used_stories:
                report.warning(story.path, f"story '{story.slug}' is used by no module; add it to a module's 'stories'")

    if files.themes and files.stories:
        used_themes = {slug for s in files.stories for slug in s.slug_list("themes")}
        for slug in valid(files.themes).themes:
            if slug not in used_themes:
                line, column = files.themes.position("themes", slug, "[key]")
                report.warning(files.themes.path, f"theme '{slug}' has no story; tag a story with it or remove it", line, column)


def _unique_slugs(documents: list[Document[Any]], kind: str, report: Report) -> list[str]:
    """Slugs must be unique even when files sit in different sub-folders."""
    first: dict[str, Document[Any]] = {}
    for document in documents:
        if document.slug in first:
            report.error(
                document.path,
                f"duplicate {kind} slug '{document.slug}': {first[document.slug].path} has the same "
                "file name; rename one of them",
            )
        else:
            first[document.slug] = document
    return list(first)


def _check_references(
    document: Document[Any],
    field: str,
    slugs: list[str],
    known: list[str],
    kind: str,
    where: str,
    report: Report,
) -> None:
    plural = "stories" if kind == "story" else f"{kind}s"
    counts = Counter(slugs)
    known_set = set(known)
    seen: set[str] = set()
    for index, slug in enumerate(slugs):
        if not SLUG.fullmatch(slug):
            continue  # already reported as a malformed slug
        if slug not in known_set:
            report.error(
                document.path,
                f"field '{field}': unknown {kind} '{slug}'{did_you_mean(slug, known)}; "
                f"the {plural} are defined in {where}",
                *document.position(field, index),
            )
        elif counts[slug] > 1 and slug in seen:
            report.error(document.path, f"field '{field}': {kind} '{slug}' is listed twice; remove one",
                         *document.position(field, index))
        seen.add(slug)


def _check_agenda(module: Document[ModuleMeta], report: Report) -> None:
    agenda = valid(module).agenda
    if not agenda:
        return
    total = sum(item.minutes for item in agenda)
    duration = valid(module).duration
    if total != duration:
        line, column = module.position("agenda", at_key=True)
        difference = duration - total
        fix = f"add {difference} minutes" if difference > 0 else f"remove {-difference} minutes"
        report.error(
            module.path,
            f"field 'agenda': the activities add up to {total} minutes but 'duration' is {duration}; "
            f"{fix} in the agenda or change 'duration'",
            line,
            column,
        )


def _check_placeholders(document: Document[Any], report: Report) -> None:
    """Template text from `new story`, `new module` or `new course` that was never replaced: valid,
    but not meant to be published (a warning, so --strict builds refuse it)."""
    examples = example_texts()

    def visit(value: Any, loc: tuple[Any, ...]) -> None:
        if isinstance(value, str) and value.strip().startswith(PLACEHOLDER):
            report.warning(document.path, f"{field_name(loc)} still holds the template's "
                           f"{describe(value.strip())}; write your own", *document.position(*loc))
        elif isinstance(value, str) and value.strip() in examples:
            report.warning(document.path, f"{field_name(loc)} is still the example that `new course` wrote "
                           f"({describe(value.strip())}); write your own", *document.position(*loc))
        elif isinstance(value, dict):
            for key, item in value.items():
                visit(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*loc, index))

    visit(document.yaml.data, ())
    for marker in example_bodies():
        offset = document.body.find(marker)
        if offset >= 0:
            line = document.body_first_line + document.body.count("\n", 0, offset)
            report.warning(document.path, f"the text is still the example that `new course` wrote ({marker[:40]!r}...); "
                           "write your own", line, 1)
    for marker in (STORY_BODY_PLACEHOLDER, NOTES_PLACEHOLDER):
        offset = document.body.find(marker)
        if offset >= 0:
            what = "the story still holds" if marker == STORY_BODY_PLACEHOLDER else "the facilitator notes still hold"
            line = document.body_first_line + document.body.count("\n", 0, offset)
            report.warning(document.path, f"{what} the template's text {marker!r}...; write your own there", line, 1)
