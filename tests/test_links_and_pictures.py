"""Links between stories and modules written as trainers write them, and pictures as content: on
the site, in the PDFs, and reported at their source line and column by `check`."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import build_project, make_project, run_generator
from PIL import Image
from pypdf import PdfReader

from generator.content.pictures import Picture
from generator.output.pictures import resized_bytes

STORY = "content/stories/the-spare-key.md"
NOTES = "content/modules/first-steps.md"


def photo(path: Path, size: tuple[int, int] = (2400, 1600), orientation: int | None = None) -> Path:
    """A photo-like JPEG (gradients and shapes), as a camera would save it."""
    image = Image.new("RGB", size)
    pixels = image.load()
    for x in range(0, size[0], 8):
        for y in range(0, size[1], 8):
            colour = (x * 255 // size[0], y * 255 // size[1], 120)
            for dx in range(8):
                for dy in range(8):
                    if x + dx < size[0] and y + dy < size[1]:
                        pixels[x + dx, y + dy] = colour
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=92, exif=exif.tobytes())
    return path


def append(project: Path, path: str, text: str) -> None:
    file = project / path
    file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")


def front_matter(project: Path, path: str, lines: str) -> None:
    file = project / path
    file.write_text(file.read_text(encoding="utf-8").replace("questions:\n", lines + "questions:\n", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def pictured(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture course with a story picture, a picture in a story's text and in notes, and links."""
    project = make_project(tmp_path_factory.mktemp("pictured") / "project")
    photo(project / "content/images/porter.jpg")
    Image.new("RGB", (300, 200), (18, 78, 87)).save(project / "content/stories/door.png")  # beside its story
    front_matter(project, STORY, "image:\n  file: images/porter.jpg\n  alt: A porter holding a brass key in the lobby\n")
    append(project, STORY, "\nThe side door: ![The side door of the hotel](door.png)\n\n"
                           "Read [the open door](the-open-door.md) next, then [the thanks](a-note-of-thanks#reflect), "
                           "or go back to [the module](first-steps).\n")
    append(project, NOTES, "\nBefore the session, read [the porter's story](../stories/the-spare-key.md) and show "
                           "![The lobby, with the porter](../images/porter.jpg).\n")
    site = build_project(project, "--facilitator", env={"TRAINING_PDF": "1"})  # notes and guides are in this edition
    return project, site


def hrefs(page: str, words: str) -> str:
    found = re.search(r'<a href="([^"]+)"[^>]*>' + re.escape(words) + "</a>", page)
    assert found, words
    return found.group(1)


def test_links_written_as_file_names_or_slugs_reach_their_pages(pictured: tuple[Path, Path]) -> None:
    _, site = pictured
    story = (site / "stories/the-spare-key.html").read_text(encoding="utf-8")
    assert hrefs(story, "the open door") == "the-open-door.html"
    assert hrefs(story, "the thanks") == "a-note-of-thanks.html#reflect"
    assert hrefs(story, "the module") == "../modules/first-steps.html"
    module = (site / "modules/first-steps.html").read_text(encoding="utf-8")
    assert hrefs(module, "the porter's story") == "../stories/the-spare-key.html"


def pdf_links(path: Path) -> dict[int, list[str]]:
    """Page number -> the links on it (addresses, or '#name' for a place in the same PDF)."""
    found: dict[int, list[str]] = {}
    for number, page in enumerate(PdfReader(io.BytesIO(path.read_bytes())).pages, start=1):
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            dest = annotation.get_object().get("/Dest")
            found.setdefault(number, []).append(str(action["/URI"]) if action and "/URI" in action else f"#{dest}")
    return found


def test_links_in_the_pdfs_lead_within_the_guide_or_to_the_site(pictured: tuple[Path, Path]) -> None:
    _, site = pictured
    guide = [link for links in pdf_links(site / "guides/first-steps.pdf").values() for link in links]
    assert "#story-the-open-door" in guide  # a story of the same guide: its page in the PDF
    assert "../stories/a-note-of-thanks.html#reflect" in guide  # another story: its page beside the PDF
    assert "../modules/first-steps.html" in guide
    assert "#story-the-spare-key" in guide  # the notes link the guide's own story
    card = [link for links in pdf_links(site / "cards/the-spare-key.pdf").values() for link in links]
    assert "../stories/the-open-door.html" in card and "../modules/first-steps.html" in card


def test_the_story_picture_is_on_its_card_its_page_and_in_every_pdf(pictured: tuple[Path, Path]) -> None:
    _, site = pictured
    story = (site / "stories/the-spare-key.html").read_text(encoding="utf-8")
    hero = re.search(r'<img class="ss-story-picture"[^>]*>', story).group(0)
    assert 'alt="A porter holding a brass key in the lobby"' in hero and 'width="1280" height="853"' in hero
    assert "../assets/resized/images/porter-640w.jpg 640w" in hero and "porter-1280w.jpg 1280w" in hero
    index = (site / "stories/index.html").read_text(encoding="utf-8")
    assert re.search(r'<img class="ss-card__picture" src="../assets/resized/images/porter-1280w.jpg"[^>]*loading="lazy"', index)
    with Image.open(site / "assets/resized/images/porter-640w.jpg") as small:
        assert small.size == (640, 427) and not small.getexif()  # no camera data published
    assert (site / "images/porter.jpg").is_file()  # the original stays published at its own path

    card = PdfReader(io.BytesIO((site / "cards/the-spare-key.pdf").read_bytes())).pages
    assert len(card) == 1 and [(i.image.width, i.image.height) for i in card[0].images] == [(1280, 853), (300, 200)]
    guide = PdfReader(io.BytesIO((site / "guides/first-steps.pdf").read_bytes())).pages
    drawn = {number: [(i.image.width, i.image.height) for i in page.images] for number, page in enumerate(guide, 1)}
    story_page = next(n for n, page in enumerate(guide, 1) if "The Spare Key" in page.extract_text().split("\n")[1])
    assert (1280, 853) in drawn[story_page] and (300, 200) in drawn[story_page]
    assert any((1280, 853) in images for number, images in drawn.items() if number < story_page)  # the notes' picture
    handout = PdfReader(io.BytesIO((site / "handouts/first-steps.pdf").read_bytes())).pages
    assert any((1280, 853) in [(i.image.width, i.image.height) for i in page.images] for page in handout)


def test_an_image_beside_a_story_is_published_without_a_word(pictured: tuple[Path, Path]) -> None:
    project, site = pictured
    result = run_generator("check", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "door.png" not in result.stderr
    assert (site / "stories/door.png").is_file()


def test_pictures_keep_story_pages_under_their_budget(pictured: tuple[Path, Path]) -> None:
    _, site = pictured
    assert (site / "stories/the-spare-key.html").stat().st_size <= 40 * 1024
    assert (site / "assets/resized/images/porter-1280w.jpg").stat().st_size < (site / "images/porter.jpg").stat().st_size


def test_resized_pictures_are_the_same_bytes_every_time(tmp_path: Path) -> None:
    source = photo(tmp_path / "sideways.jpg", (1600, 1200), orientation=6)  # a phone held upright
    picture = Picture("images/sideways.jpg", source, 1200, 1600, "JPEG")
    first, second = resized_bytes(picture, 640), resized_bytes(picture, 640)
    assert first == second
    with Image.open(io.BytesIO(first)) as small:
        assert small.size == (640, 853)  # turned upright before resizing
    png = tmp_path / "flat.png"
    Image.new("RGBA", (1500, 300), (10, 20, 30, 128)).save(png)
    flat = Picture("flat.png", png, 1500, 300, "PNG")
    assert resized_bytes(flat, 640) == resized_bytes(flat, 640) and b"tIME" not in resized_bytes(flat, 640)


@pytest.mark.parametrize("change, where, says", [
    (lambda p: append(p, STORY, "\nSee [the coffee](the-cold-cofee.md).\n"), f"{STORY}:21:18",
     "the link 'the-cold-cofee.md' leads to no story or module"),
    (lambda p: append(p, STORY, "\nSee [the door](the-opn-door.md).\n"), f"{STORY}:21:16",
     "the link 'the-opn-door.md' leads to no story or module (did you mean 'the-open-door'?)"),
    (lambda p: append(p, NOTES, "\nSee [the porter](../stories/the-spare-kee.md).\n"), f"{NOTES}:29:18",
     "leads to no story or module (did you mean 'the-spare-key'?)"),
    (lambda p: (append(p, STORY, "\nSee [it](unlisted).\n"),
                (p / "content/modules/unlisted.md").write_text((p / NOTES).read_text(encoding="utf-8"), encoding="utf-8")),
     f"{STORY}:21:10", "leads to module 'unlisted', which is not published"),
    (lambda p: append(p, STORY, "\n![](door.png)\n"), f"{STORY}:21:5", "the picture 'door.png' has no alt text"),
    (lambda p: append(p, STORY, "\n![The door](images/dor.png)\n"), f"{STORY}:21:13",
     "the picture 'images/dor.png' is not in the content folder (did you mean 'images/door.png'?)"),
    (lambda p: front_matter(p, STORY, "image:\n  file: images/door.png\n"), f"{STORY}:13:3",
     "missing required field 'alt'"),
    (lambda p: front_matter(p, STORY, "image:\n  file: images/porter.jpg\n  alt: The porter\n"), f"{STORY}:13:9",
     "the picture 'images/porter.jpg' is not in the content folder"),
])
def test_dead_links_and_pictures_are_errors_at_their_source(project: Path, change, where: str, says: str) -> None:
    (project / "content/images").mkdir()
    Image.new("RGB", (40, 30)).save(project / "content/images/door.png")
    change(project)
    result = run_generator("check", cwd=project)
    assert result.returncode == 1, result.stderr
    line = next((line for line in result.stderr.splitlines() if says in line), "")
    assert line.startswith(f"{where}: error: "), result.stderr
    assert "Traceback" not in result.stderr


def test_a_picture_too_large_to_decode_is_refused_before_it_is_read(project: Path) -> None:
    bomb = project / "content/images/bomb.png"
    bomb.parent.mkdir()
    Image.new("1", (12_000, 9_000)).save(bomb)  # 108 million pixels in a few kilobytes
    append(project, STORY, "\n![A huge picture](../images/bomb.png)\n")
    result = run_generator("check", cwd=project)
    assert result.returncode == 1
    assert f"{STORY}:21:19: error: the picture '../images/bomb.png' " in result.stderr and "million" in result.stderr
