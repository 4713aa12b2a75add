"""In-house stories (told_by instead of a source), videos (a link card on the web, the address and
a QR code on paper), and bare addresses made links: through the command line."""

from __future__ import annotations

import io
import re
from pathlib import Path

from conftest import build_project, run_generator
from pypdf import PdfReader

from generator.render.media import qr_code

STORY = "content/stories/the-open-door.md"
VIDEO = ("video:\n  url: https://www.youtube.com/watch?v=abc123\n  title: The assistant tells it herself\n"
         "  duration: 4:30\n")


def edit(project: Path, path: str, change) -> None:
    file = project / path
    file.write_text(change(file.read_text(encoding="utf-8")), encoding="utf-8")


def in_house(text: str) -> str:
    """The story's source replaced by who told it in the team."""
    return re.sub(r"source:\n(?:  .*\n)+", "told_by:\n  name: Priya Shah\n  team: Front desk\n  date: 2026-03-12\n", text, count=1)


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages).split())


def test_an_in_house_story_needs_no_source_and_is_credited_to_its_teller(project: Path) -> None:
    edit(project, STORY, in_house)
    site = build_project(project, env={"TRAINING_PDF": "1"})
    page = (site / "stories/the-open-door.html").read_text(encoding="utf-8")
    assert "told by <a href=\"#source\">Priya Shah</a>" in page
    assert "Told in our team by Priya Shah, Front desk, March 12, 2026." in page
    assert "Retold in our own words" not in page.split('id="source"')[1].split("</p>")[0]
    assert "Told in our team by Priya Shah" in pdf_text(site / "cards/the-open-door.pdf")


def test_a_story_with_neither_source_nor_teller_is_an_error_that_says_both(project: Path) -> None:
    edit(project, STORY, lambda text: re.sub(r"source:\n(?:  .*\n)+", "", text, count=1))
    result = run_generator("check", cwd=project)
    assert result.returncode == 1
    assert re.search(rf"{STORY}:2:1: error: missing field 'source' or 'told_by'", result.stderr), result.stderr


def test_a_teller_date_that_is_not_a_date_says_how_to_write_it(project: Path) -> None:
    edit(project, STORY, lambda text: in_house(text).replace("date: 2026-03-12", "date: last spring"))
    result = run_generator("check", cwd=project)
    assert result.returncode == 1
    assert re.search(rf"{STORY}:\d+:9: error: field 'told_by' 'date': expected a date written as year-month-day", result.stderr)


def test_a_video_is_a_link_card_on_the_web_and_an_address_with_a_qr_code_on_paper(project: Path) -> None:
    edit(project, STORY, lambda text: text.replace("questions:\n", VIDEO + "questions:\n", 1))
    site = build_project(project, "--facilitator", env={"TRAINING_PDF": "1"})  # with the guides
    page = (site / "stories/the-open-door.html").read_text(encoding="utf-8")
    card = re.search(r'<a class="ss-video" href="([^"]+)">(.*?)</a>', page)
    assert card and card.group(1) == "https://www.youtube.com/watch?v=abc123"
    assert "The assistant tells it herself" in card.group(2) and "4:30 · youtube.com" in card.group(2)
    assert "<iframe" not in page and "youtube.com/embed" not in page  # no player, nothing loaded from there
    assert "Video 4:30" in re.sub(r"<[^>]+>", "", (site / "stories/index.html").read_text(encoding="utf-8"))
    for pdf in ("cards/the-open-door.pdf", "guides/first-steps.pdf", "handouts/first-steps.pdf", "guides/course.pdf"):
        text = pdf_text(site / pdf)
        assert "https://www.youtube.com/watch?v=abc123" in text and "Scan to watch" in text, pdf
    guide = (site / "guides/first-steps/index.html").read_text(encoding="utf-8")
    assert f'src="{qr_code("https://www.youtube.com/watch?v=abc123")}"' in guide


def test_a_video_length_that_is_no_length_is_an_error(project: Path) -> None:
    edit(project, STORY, lambda text: text.replace("questions:\n", VIDEO.replace("4:30", "about five") + "questions:\n", 1))
    result = run_generator("check", cwd=project)
    assert result.returncode == 1
    assert re.search(rf"{STORY}:\d+:13: error: field 'video' 'duration': expected the video's length in whole minutes",
                     result.stderr), result.stderr


def test_bare_addresses_become_links_and_print_with_their_address(project: Path) -> None:
    edit(project, STORY, lambda text: text + "\nSee https://example.com/doors and [the shop's page](https://example.com/shop).\n")
    site = build_project(project, env={"TRAINING_PDF": "1"})
    page = (site / "stories/the-open-door.html").read_text(encoding="utf-8")
    assert '<a href="https://example.com/doors" rel="noopener noreferrer">https://example.com/doors</a>' in page
    card = re.sub(r"(https?://) ", r"\1", pdf_text(site / "cards/the-open-door.pdf"))  # a line may end after "//"
    assert "the shop's page (https://example.com/shop)" in card  # paper cannot be clicked
    assert "https://example.com/doors (https://example.com/doors)" not in card  # an address is not said twice
