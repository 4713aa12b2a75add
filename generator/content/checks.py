"""Cross-file checks: what no single file can know is wrong on its own."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..problems import Report, did_you_mean
from .reader import SLUG, ContentFiles, Document, valid
from .schema import ModuleMeta


def cross_check(files: ContentFiles, report: Report) -> None:
    story_slugs = _unique_slugs(files.stories, "story", report)
    module_slugs = _unique_slugs(files.modules, "module", report)
    theme_slugs = list(valid(files.themes).themes) if files.themes else None
    known_themes, known_stories = set(theme_slugs or ()), set(story_slugs)

    if theme_slugs is not None:
        for story in files.stories:
            _check_references(story, "themes", story.slug_list("themes"), theme_slugs, known_themes, "theme",
                              "content/themes.yml", report)

    for module in files.modules:
        _check_references(module, "stories", module.slug_list("stories"), story_slugs, known_stories, "story",
                          "content/stories/", report)
        if module.meta is not None:
            _check_agenda(module, report)

    if files.course:
        course_modules = valid(files.course).modules
        _check_references(files.course, "modules", course_modules, module_slugs, set(module_slugs), "module",
                          "content/modules/", report)
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
    known_set: set[str],
    kind: str,
    where: str,
    report: Report,
) -> None:
    plural = "stories" if kind == "story" else f"{kind}s"
    counts = Counter(slugs)
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
