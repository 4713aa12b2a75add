"""The repository's own course: the curated stories must stay complete, credited and clean."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, run_generator
from hypothesis import given, settings
from hypothesis import strategies as st
from test_site_build import text_of

from generator.content.loader import load_course

CONTENT = ROOT / "content"


def test_content_passes_check_without_warnings() -> None:
    result = run_generator("check", "--strict", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_course_has_the_curated_stories_and_runnable_modules() -> None:
    course, report = load_course(CONTENT)
    assert course is not None, report
    assert len(course.stories) >= 10
    assert len(course.modules) >= 3
    for module in course.modules:
        assert module.meta.objectives and module.stories and module.meta.discussion
        assert sum(item.minutes for item in module.agenda) == module.duration, module.slug
    themes_with_stories = {theme.slug for story in course.stories.values() for theme in story.themes}
    assert themes_with_stories == set(course.themes)


def test_every_real_story_page_credits_its_source(real_site: Path) -> None:
    course, _ = load_course(CONTENT)
    assert course is not None
    for story in course.stories.values():
        text = text_of(real_site / "stories" / f"{story.slug}.html")
        for credit in (story.source.author, story.source.title, story.source.publication):
            assert credit in text, f"{story.slug}: credit {credit!r} missing"
        for question in story.questions:
            assert question in text, f"{story.slug}: question missing"


def test_search_index_finds_real_stories_by_body_words(real_site: Path) -> None:
    index = (real_site / "search" / "search_index.json").read_text(encoding="utf-8")
    for word in ("paperclip", "umbrella", "Haliburton", "flyer", "balloon"):
        assert word in index, word


def test_texts_without_addresses_convert_as_with_magiclink() -> None:
    """A text in which nothing could become a link skips magiclink (faster): same HTML."""
    import glob

    import markdown

    from generator.content.body_html import EXTENSION_CONFIGS, EXTENSIONS, ContentHtml

    converter, full = ContentHtml(), markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    texts = [open(path, encoding="utf-8").read().split("---\n", 2)[-1]
             for path in glob.glob(str(ROOT / "content" / "**" / "*.md"), recursive=True)]
    texts += ["Visit WWW.EXAMPLE.COM or Ftp.example.org.", "See www.example.com or write to team@example.com.",
              "Plain *prose* with no address at all."]
    assert len(texts) >= 12
    for text in texts:
        full.reset()
        assert re.sub(r"<(/?)h\d", r"<\1h", converter.raw(text, 1)) == re.sub(r"<(/?)h\d", r"<\1h", full.convert(text))
    assert 'href="http://www.example.com"' in converter.raw(texts[-2])


# Pieces of Markdown that each inline pattern reacts to, and prose around them.
MARKDOWN_PIECES = ["word", " ", "\n", "\n\n", "*", "**", "_", "__", "`", "``", "\\", "\\*", "[", "]", "(", ")", "!",
                   "[a link](other.md)", "![a picture](team.png)", "[ref]", "[ref]: https://example.com", "<b>", "</b>",
                   "<https://example.com>", "<team@example.com>", "&amp;", "&#169;", "&", "  \n", "  \r\n", "\t", "\r",
                   "www.example.com", "team@example.com", "https://example.com/a", "# ", "## ", "- ", "1. ", "> ", "    "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=40).map("".join), st.sampled_from([2, 3]))
def test_any_text_converts_as_with_every_inline_pattern(text: str, top: int) -> None:
    """Leaving out the inline patterns a text gives no hold to changes no byte of its HTML."""
    import markdown

    from generator.content.body_html import EXTENSION_CONFIGS, EXTENSIONS, ContentHtml

    full = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    unshifted = re.sub(r"<(/?)h\d", r"<\1h", full.convert(text))
    assert re.sub(r"<(/?)h\d", r"<\1h", ContentHtml().raw(text, top)) == unshifted
