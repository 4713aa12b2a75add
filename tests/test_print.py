"""Printed documents: discussion guides, handouts, story cards and the course guide (PDF and
HTML), checked by their text (pypdf), their layout (WeasyPrint's boxes) and their pixels."""

from __future__ import annotations

import dataclasses
import errno
import html as html_module
import io
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import FIXTURE_COURSE, ROOT, build_project, make_project, own_templates
from pypdf import PdfReader

from generator.build.project import ProjectError, load_project, validated_settings
from generator.build.session import pdf_wanted
from generator.content.body_html import ContentHtml
from generator.content.loader import load_course
from generator.output import pdf as pdf_module
from generator.output.writer import SiteWriter
from generator.parallel import WorkerLost, map_in_shares
from generator.render.print_docs import CARD_TYPE_SIZES, PrintRenderer

DATE = 1_700_000_000  # a build's date, for PDFs made outside a build


@pytest.fixture(scope="session")
def course():
    course, report = load_course(FIXTURE_COURSE)
    assert course is not None, report.errors
    return course


# `python -m generator build --strict`, keeping the PDFs the terminal display would count, in order.
BUILD_WITH_PROGRESS = """
import json, sys
from pathlib import Path
from generator.build.progress import Progress
from generator.build.site_build import build_site

class PdfsHeard(Progress):
    def __init__(self):
        self.pdfs = []

    def pdf_made(self, path):
        self.pdfs.append(path)

heard = PdfsHeard()
build_site(Path("mkdocs.yml"), strict=True, progress=heard, facilitator=True)
Path(sys.argv[1]).write_text(json.dumps(heard.pdfs))
"""


@pytest.fixture(scope="session")
def pdf_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The fixture course's facilitator edition (it has every printable document) built once with
    PDFs on (on both cores), and the PDFs progress heard of."""
    project = make_project(tmp_path_factory.mktemp("pdf") / "project")
    steps = project.parent / "steps.json"
    result = subprocess.run([sys.executable, "-c", BUILD_WITH_PROGRESS, str(steps)], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "TRAINING_PDF": "1"})
    assert result.returncode == 0, result.stderr
    return project / "site-facilitator", json.loads(steps.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def pdf_site(pdf_build: tuple[Path, list[str]]) -> Path:
    return pdf_build[0]


def text_of(pdf: Path | bytes) -> str:
    """The PDF's text on one line, ligatures (ﬁ, ﬂ) spelled out."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages)))


def test_every_document_exists_with_its_title(pdf_site: Path, course) -> None:
    expected = {pdf_site / "guides" / "course.pdf": f"{course.title} - Facilitator's guides"}
    for module in course.modules:
        expected[pdf_site / "guides" / f"{module.slug}.pdf"] = f"Module {module.number}: {module.title} - Facilitator's guide"
        expected[pdf_site / "handouts" / f"{module.slug}.pdf"] = f"Module {module.number}: {module.title} - Participant handout"
        assert (pdf_site / "guides" / module.slug / "index.html").exists()
    for story in course.stories.values():
        expected[pdf_site / "cards" / f"{story.slug}.pdf"] = f"{story.title} - Story card"
    for path, title in expected.items():
        reader = PdfReader(path)
        assert reader.metadata.title.startswith(title), path
        assert len(reader.pages) >= 1
        assert len(reader.pages[0].extract_text()) > 50, f"{path} has no searchable text"


def test_guide_has_agenda_times_every_question_notes_and_page_numbers(pdf_site: Path, course) -> None:
    module = course.modules[0]
    text = text_of(pdf_site / "guides" / f"{module.slug}.pdf")
    for row in module.agenda:
        assert f"{row.start // 60}:{row.start % 60:02d} {row.minutes} {row.activity}" in text
    assert f"{module.duration // 60}:{module.duration % 60:02d} End of session" in text
    for story in module.stories:
        assert story.title in text and story.source.author in text
        for question in story.questions:
            assert question in text
    for question in module.meta.discussion:
        assert question in text
    assert "Open by asking who has lost a key recently." in text
    pages = len(PdfReader(pdf_site / "guides" / f"{module.slug}.pdf").pages)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text


def test_handout_has_the_questions_but_no_notes_or_agenda(pdf_site: Path, course) -> None:
    module = course.modules[0]
    text = text_of(pdf_site / "handouts" / f"{module.slug}.pdf")
    for question in [q for story in module.stories for q in story.questions] + module.meta.discussion:
        assert question in text
    assert "Open by asking who has lost a key recently." not in text
    assert "Facilitator notes" not in text and "Agenda" not in text and "End of session" not in text


def test_course_guide_lists_every_module_with_its_page(pdf_site: Path, course) -> None:
    text = text_of(pdf_site / "guides" / "course.pdf")
    for module in course.modules:
        assert re.search(rf"Module {module.number}: {re.escape(module.title)} \({module.duration} minutes\)\s*\.*\s*\d+", text), module.slug


def test_every_card_is_one_side_or_two_when_it_says_so(pdf_site: Path, course) -> None:
    for story in course.stories.values():
        assert len(PdfReader(pdf_site / "cards" / f"{story.slug}.pdf").pages) == 1, story.slug
    real, _ = load_course(ROOT / "content")
    renderer = PrintRenderer(real)
    for story in real.stories.values():
        card = renderer.card(story)
        sides = 2 if 'class="card card--two-sided"' in card.html else 1
        assert len(_layout(card.html).pages) == sides, f"the card of {story.slug} is not {sides} side(s)"


def test_paper_size_letter_or_a4(course) -> None:
    a4 = _layout(PrintRenderer(course, paper="a4").card(next(iter(course.stories.values()))).html)
    letter = _layout(PrintRenderer(course, paper="letter").card(next(iter(course.stories.values()))).html)
    assert round(a4.pages[0].width) == 794 and round(letter.pages[0].width) == 816  # CSS px: 210 mm, 8.5 in
    with pytest.raises(ValueError):
        PrintRenderer(course, paper="A5")


def _layout(html: str):
    from weasyprint import HTML

    return HTML(string=html).render()


def _boxes(box):
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def _pages_by_element(document) -> tuple[dict[int, set[int]], list]:
    """The pages each element's boxes are on (by the element's id), and the elements that have
    boxes, in the order they are first laid out (the root first)."""
    pages: dict[int, set[int]] = defaultdict(set)
    elements: dict[int, object] = {}
    for number, page in enumerate(document.pages):
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is not None:
                pages[id(element)].add(number)
                elements.setdefault(id(element), element)
    return pages, list(elements.values())


def _pages_of(document, css_class: str) -> dict[int, set[int]]:
    """For each element with the class, the pages its boxes are on."""
    pages, elements = _pages_by_element(document)
    return {id(element): pages[id(element)] for element in elements
            if css_class in (element.get("class") or "").split()}


def test_print_layout_rules(course) -> None:
    renderer = PrintRenderer(course)
    for document in [renderer.guide(course.modules[0]), renderer.handout(course.modules[0]), renderer.course_guide()]:
        layout = _layout(document.html)
        questions = _pages_of(layout, "question")
        assert questions, "no questions found"
        assert all(len(pages) == 1 for pages in questions.values()), f"{document.pdf_path}: a question is split from its lines"
        assert all(len(pages) == 1 for pages in _pages_of(layout, "agenda-block").values()), \
            f"{document.pdf_path}: the agenda is split over two pages"
        if document.pdf_path.startswith("handouts/"):
            continue  # a handout's stories follow each other, to save paper
        stories = _pages_of(layout, "story")
        first_pages = sorted(min(pages) for pages in stories.values())
        assert len(set(first_pages)) == len(first_pages), f"{document.pdf_path}: two stories start on one page"
        for first in first_pages:
            others = [p for p in stories.values() if first in p and min(p) != first]
            assert not others, f"{document.pdf_path}: a story does not start on a new page"


def test_a_long_agenda_moves_whole_to_the_next_page(course) -> None:
    module = course.modules[0]
    rows = [module.meta.agenda[0].model_copy(update={"minutes": 2, "activity": f"Activity {n}"}) for n in range(25)]
    long = dataclasses.replace(module, meta=module.meta.model_copy(update={"agenda": rows}))
    layout = _layout(PrintRenderer(course).guide(long).html)
    (pages,) = _pages_of(layout, "agenda-block").values()
    assert pages == {1}, "25 rows do not fit under the objectives: the agenda should start on page 2, whole"


def _headings_that_end_a_page(layout) -> list[str]:
    """Headings (and kickers, the line above a title) whose next element starts on a later
    page: left alone at the foot of a page."""
    pages, elements = _pages_by_element(layout)
    alone = []
    for parent in elements[0].iter():
        children = list(parent)
        for heading, following in zip(children, children[1:], strict=False):
            is_heading = heading.tag.rsplit("}", 1)[-1] in ("h1", "h2", "h3") or heading.get("class") == "kicker"
            if is_heading and pages[id(following)]:
                if min(pages[id(following)]) > max(pages[id(heading)]):
                    alone.append("".join(heading.itertext()))
    return alone


def test_no_heading_or_story_title_ends_a_page(course) -> None:
    renderer = PrintRenderer(course)
    documents = [renderer.guide(course.modules[0]), renderer.handout(course.modules[0]), renderer.course_guide()]
    real, _ = load_course(ROOT / "content")  # handouts: stories follow each other, titles land anywhere
    documents += [PrintRenderer(real).handout(module) for module in real.modules]
    for document in documents:
        assert _headings_that_end_a_page(_layout(document.html)) == [], document.pdf_path


def test_a_heading_pushed_to_the_foot_of_a_page_is_found(course) -> None:
    """The check above can fail: a heading forced to the foot of a page, its text on the next."""
    html = PrintRenderer(course).guide(course.modules[0]).html
    forced = html.replace("</style>", ".story-title { break-after: page !important; }</style>")
    assert "The Spare Key" in _headings_that_end_a_page(_layout(forced))


def test_guide_page_one_is_not_blank(pdf_site: Path, course, tmp_path: Path) -> None:
    pdf = pdf_site / "guides" / f"{course.modules[0].slug}.pdf"
    subprocess.run(["pdftoppm", "-gray", "-r", "30", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    image = next(tmp_path.glob("page*.pgm")).read_bytes()
    header_end = image.index(b"255\n") + 4
    pixels = image[header_end:]
    dark = sum(1 for value in pixels if value < 200)
    assert dark > len(pixels) * 0.01, "page 1 of the guide is (almost) blank"


def test_without_pdfs_no_pdf_is_made_or_linked(facilitator_site: Path, course) -> None:
    assert not list(facilitator_site.rglob("*.pdf"))
    module = course.modules[0]
    assert (facilitator_site / "guides" / module.slug / "index.html").exists()
    assert ".pdf" not in (facilitator_site / "modules" / f"{module.slug}.html").read_text(encoding="utf-8")


def test_pdf_links_on_the_site_when_pdfs_are_made(pdf_site: Path, course) -> None:
    module, story = course.modules[0], next(iter(course.stories.values()))
    page = (pdf_site / "modules" / f"{module.slug}.html").read_text(encoding="utf-8")
    assert f'href="../guides/{module.slug}.pdf"' in page and f'href="../handouts/{module.slug}.pdf"' in page
    assert f'href="../cards/{story.slug}.pdf"' in (pdf_site / "stories" / f"{story.slug}.html").read_text(encoding="utf-8")
    assert 'href="../guides/course.pdf"' in (pdf_site / "modules" / "index.html").read_text(encoding="utf-8")
    assert 'href="guides/course.pdf"' in (pdf_site / "index.html").read_text(encoding="utf-8")


def test_a_failing_pdf_names_the_document_and_leaves_no_file(course, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    def broken(*args, **kwargs):
        raise RuntimeError("no room left on the page")

    monkeypatch.setattr(weasyprint.HTML, "render", broken)
    document = PrintRenderer(course).guide(course.modules[0])
    with pytest.raises(pdf_module.PdfError, match=rf"guides/{course.modules[0].slug}\.pdf.*no room left"):
        pdf_module.write_pdf(SiteWriter(tmp_path), document, DATE)
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]


def test_a_pdf_that_fails_midway_leaves_the_old_file_whole(course, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = PrintRenderer(course).card(next(iter(course.stories.values())))
    target = pdf_module.write_pdf(SiteWriter(tmp_path), document, DATE)
    before = (tmp_path / target).read_bytes()

    class FullDisk:  # the os module, except that writing stops after 100 bytes
        def __getattr__(self, name: str):
            return getattr(os, name)

        @staticmethod
        def write(handle: int, data) -> int:
            os.write(handle, bytes(data[:100]))
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("generator.output.writer.os", FullDisk())
    with pytest.raises(OSError):
        pdf_module.write_pdf(SiteWriter(tmp_path), document, DATE)
    assert (tmp_path / target).read_bytes() == before
    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == [Path(target).name]


def test_a_failing_pdf_fails_the_build_with_a_message(tmp_path: Path) -> None:
    from conftest import run_generator

    project = make_project(tmp_path / "project")
    css = own_templates(project) / "print" / "print.css.j2"
    css.write_text(css.read_text(encoding="utf-8") + "\n{{ no_such_value }}\n", encoding="utf-8")
    result = run_generator("build", cwd=project, env={"TRAINING_PDF": "1"})
    assert result.returncode == 1
    assert "print.css.j2" in result.stderr and "Traceback" not in result.stderr


def test_printing_a_story_page_hides_the_site_chrome(page, base_url: str) -> None:
    page.goto(base_url + "stories/the-borrowed-umbrella.html")
    page.emulate_media(media="print")
    chrome = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
              ".ss-module-strip", ".ss-next", ".ss-related", ".ss-cards", ".ss-answer"]  # the last: onward links, ours to hide
    for selector in chrome:
        locator = page.locator(selector)
        assert locator.count() == 0 or not locator.first.is_visible(), f"{selector} shows on paper"
    assert page.locator("h1").is_visible() and page.locator(".ss-questions").is_visible()
    assert page.locator(".ss-questions li").first.evaluate("li => getComputedStyle(li).breakInside") == "avoid"
    on_paper = text_of(page.pdf(format="A4"))
    assert "The Borrowed Umbrella" in on_paper and "Reflect" in on_paper
    for words in ("Skip to content", "Search", "More stories like this", "Read next", "Stories Themes Modules"):
        assert words not in on_paper, f"'{words}' is printed"


def test_print_documents_carry_no_site_chrome(pdf_site: Path, course) -> None:
    for document in PrintRenderer(course).documents():
        for chrome in ("md-header", "md-tabs", "md-sidebar", "md-search", "md-footer", "<nav", "<script", "<link"):
            assert chrome not in document.html, f"{document.pdf_path} has {chrome}"
    module = course.modules[0]
    assert "Back to the module page" in (pdf_site / "guides" / module.slug / "index.html").read_text(encoding="utf-8")
    on_paper = text_of(pdf_site / "guides" / f"{module.slug}.pdf")
    assert "Back to the module page" not in on_paper and "Download this guide" not in on_paper


def test_progress_hears_of_every_pdf_once(pdf_build: tuple[Path, list[str]]) -> None:
    site, heard = pdf_build
    made = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.pdf"))
    assert len(made) > 5 and sorted(heard) == made


def test_slow_items_are_shared_and_results_keep_their_order() -> None:
    def slow_at_the_start(n: int) -> tuple[int, int]:
        time.sleep(0.02 if n < 8 else 0.001)  # the first chunks cost most, as index and theme pages do
        return n, os.getpid()

    results = map_in_shares(slow_at_the_start, list(range(40)), workers=2, chunk=2)
    assert [n for n, _ in results] == list(range(40))
    by_process = {pid: [n for n, p in results if p == pid] for _, pid in results}
    assert len(by_process) == 2 and all(any(n < 8 for n in taken) for taken in by_process.values())


def test_without_shared_semaphores_the_work_is_done_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing.context

    def no_semaphores(*args: object, **kwargs: object) -> None:
        raise OSError(38, "Function not implemented")  # what a container without /dev/shm gives

    monkeypatch.setattr(multiprocessing.context.ForkContext, "Value", no_semaphores, raising=False)
    results = map_in_shares(lambda n: (n, os.getpid()), list(range(6)), workers=2)
    assert results == [(n, os.getpid()) for n in range(6)]


def test_a_workers_error_is_raised_in_the_parent() -> None:
    parent = os.getpid()

    def fails_in_the_child(n: int) -> int:
        if os.getpid() != parent:
            raise ValueError(f"story {n} is broken")
        time.sleep(0.05)  # leaves the child time to take a chunk
        return n

    with pytest.raises(ValueError, match=r"story \d is broken"):
        map_in_shares(fails_in_the_child, list(range(8)), workers=2, chunk=1)


def test_a_worker_that_dies_fails_the_work_instead_of_hanging() -> None:
    parent = os.getpid()

    def dies_in_the_child(n: int) -> int:
        if os.getpid() != parent:
            os._exit(9)  # as if the system had killed it (out of memory)
        time.sleep(0.05)  # leaves the child time to take a chunk
        return n

    with pytest.raises(WorkerLost, match="ended before it finished"):
        map_in_shares(dies_in_the_child, list(range(8)), workers=2, chunk=1)


def test_each_result_is_reported_once_from_two_processes() -> None:
    heard: list[int] = []
    results = map_in_shares(lambda n: n * n, list(range(7)), workers=2, on_result=heard.append)
    assert results == [n * n for n in range(7)] and sorted(heard) == results


@pytest.mark.parametrize("value, expected", [("a4", "a4"), ("A4", "a4"), ("Letter", "letter")])
def test_paper_setting(value: str, expected: str) -> None:
    assert validated_settings({"paper": value}, "mkdocs.yml")["paper"] == expected


def test_paper_setting_names_the_wrong_value_and_the_choices() -> None:
    with pytest.raises(ProjectError, match=r"mkdocs.yml: 'service-stories' setting 'paper': 'A5' is not a paper size.*'a4' or 'letter'"):
        validated_settings({"paper": "A5"}, "mkdocs.yml")


@pytest.mark.parametrize("setting, variable, previewing, made", [
    (True, None, False, True),
    (False, None, False, False),
    (True, "0", False, False),
    (True, "off", False, False),
    (True, None, True, False),  # previews stay quick
    (True, "1", True, True),
    (False, "1", False, False),
])
def test_when_pdfs_are_made(tmp_path: Path, setting: bool, variable: str | None, previewing: bool, made: bool,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("content_dir: content", f"content_dir: content\n      pdf: {str(setting).lower()}")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    if variable is None:
        monkeypatch.delenv("TRAINING_PDF", raising=False)
    else:
        monkeypatch.setenv("TRAINING_PDF", variable)
    assert pdf_wanted(load_project(tmp_path / "mkdocs.yml"), previewing) is made


def _story_with_words(story, words: int):
    """The story with a body made of its own words so that story and questions have about
    `words` words: 40-word paragraphs and a sub-heading after every two, like the real stories."""
    vocabulary = [word for word in story.body.split() if word.isalpha()]
    left = words - sum(len(question.split()) for question in story.questions)
    blocks: list[str] = []
    while left > 0:
        if len(blocks) % 3 == 2:
            blocks.append("## What happened next")
            left -= 4
        size = max(1, min(40, left))
        blocks.append(" ".join(vocabulary[i % len(vocabulary)] for i in range(size)))
        left -= size
    body = "\n\n".join(blocks)
    return dataclasses.replace(story, body=body, body_html=ContentHtml().convert(body, 2, story.path, 1)[0])


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_each_card_type_size_fits_its_words_on_its_sides(course, paper: str) -> None:
    renderer = PrintRenderer(course, paper=paper)
    story = max(course.stories.values(), key=lambda story: len(story.questions))
    for most, name in CARD_TYPE_SIZES:
        card = renderer.card(_story_with_words(story, most))
        assert f'class="card {name}"' in card.html
        sides = 2 if name == "card--two-sided" else 1
        assert len(_layout(card.html).pages) == sides, f"{most} words in {name or 'the largest type'} are not {sides} {paper} side(s)"


def test_pdfs_carry_the_build_date_and_nothing_random(course) -> None:
    card = PrintRenderer(course).card(next(iter(course.stories.values())))
    first, second = pdf_module.pdf_bytes(card, 1_700_000_000), pdf_module.pdf_bytes(card, 1_700_000_000)
    assert first == second
    metadata = PdfReader(io.BytesIO(first)).metadata
    assert metadata["/CreationDate"] == metadata["/ModDate"] == "D:20231114221320Z"
    assert pdf_module.pdf_bytes(card, 1_600_000_000) != first


# Print that fits (issue 13): the repository's own course, every printable document, measured
# from the PDFs themselves.

@pytest.fixture(scope="session")
def real_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's content, facilitator edition (guides, course guide, handouts, cards), built
    once with PDFs."""
    project = make_project(tmp_path_factory.mktemp("real-pdf") / "project", ROOT / "content")
    return build_project(project, "--facilitator", env={"TRAINING_PDF": "1"})


@pytest.fixture(scope="session")
def real_course():
    course, report = load_course(ROOT / "content")
    assert course is not None, report.errors
    return course


def _real_documents(site: Path, kinds: tuple[str, ...] = ("guides", "handouts", "cards")) -> list[Path]:
    found = sorted(path for kind in kinds for path in (site / kind).glob("*.pdf"))
    assert found, f"no PDFs in {site}"
    return found


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


@dataclasses.dataclass
class Line:
    """One line of a PDF page: its top (CSS px from the page's top), type size (pt), font, text."""

    y: float
    size: float
    font: str
    text: str


def _lines(page) -> list[Line]:
    """A page's text lines from pypdf's visitor. WeasyPrint draws in CSS px (the matrix `cm`
    scales by 0.75 to points and flips y); a line in two fonts (an italic word) comes as several
    runs at the same height, joined here."""
    runs: list[Line] = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            runs.append(Line(tm[5], size * tm[0] * cm[0], (font or {}).get("/BaseFont", ""), text))

    page.extract_text(visitor_text=visit)
    lines: list[Line] = []
    for run in runs:
        if lines and abs(lines[-1].y - run.y) < 2:
            lines[-1].text += run.text
            lines[-1].size = min(lines[-1].size, run.size)
        else:
            lines.append(run)
    for line in lines:
        line.text = _flat(line.text)
    return lines


def _used(pdf: Path, tmp_path: Path) -> list[float]:
    """How much of each page's height is used, from its pixels: pdftoppm draws the page in grey at
    36 dpi, and the lowest row with ink (a pixel darker than 240 of 255: text, rules, pictures,
    writing lines, which a thin light rule at 36 dpi draws at about 226; a box's pale tint, 242,
    is not ink) below the top margin and above the bottom margin (the running head and the
    footer, 20 and 18 mm, are left out) says how far down the page its content goes, as a share
    of the height between the margins. Pixels see what text extraction misses (writing lines,
    pictures, boxes)."""
    from PIL import Image

    folder = tmp_path / f"{pdf.parent.name}-{pdf.stem}"
    folder.mkdir()
    subprocess.run(["pdftoppm", "-gray", "-r", "36", str(pdf), str(folder / "p")], check=True)
    used = []
    for image_path in sorted(folder.glob("p*.pgm"), key=lambda path: int(path.stem.split("-")[-1])):
        image = Image.open(image_path)
        width, height = image.size
        top, bottom = round(20 * 36 / 25.4), height - round(18 * 36 / 25.4)  # mm at 36 dots an inch
        pixels = image.load()
        inked = [y for y in range(top, bottom) if any(pixels[x, y] < 240 for x in range(width))]
        used.append((inked[-1] - top) / (bottom - top) if inked else 0.0)
    return used


def _section_last_pages(reader: PdfReader) -> set[int]:
    """Pages (from 0) that end a section: the page before each top-level bookmark (WeasyPrint makes
    one per h1: the document's cover, each module of the course guide) and the last page."""
    starts = {reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list)}
    return {start - 1 for start in starts if start > 0} | {len(reader.pages) - 1}


def _plain(html: str) -> str:
    return _flat(html_module.unescape(re.sub(r"<[^>]+>", " ", html)))


def _questions_without_their_title(pdf: Path, stories) -> list[str]:
    """The pages of a PDF that hold one of a story's questions (its first 40 characters) but not
    the story's title (its heading, or the running head "<title> (continued)")."""
    alone = []
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        text = _flat(page.extract_text())
        for story in stories:
            if any(_flat(question)[:40] in text for question in story.questions) and story.title not in text:
                alone.append(f"{pdf.name} page {number}: {story.title}")
    return alone


def _pages_under_a_quarter(pdf: Path, tmp_path: Path) -> list[str]:
    """The pages of a PDF less than 25% used, but for the last page of a section."""
    exempt = _section_last_pages(PdfReader(pdf))
    return [f"{pdf.name} page {number + 1}: {used:.0%}" for number, used in enumerate(_used(pdf, tmp_path))
            if number not in exempt and used < 0.25]


def test_every_page_with_a_question_names_its_story(real_pdfs: Path, real_course) -> None:
    """A story's questions never start a page without its title: on every page of every guide,
    handout, card and the course guide that holds one of a story's questions, the story's title
    is there too."""
    for pdf in _real_documents(real_pdfs):
        assert _questions_without_their_title(pdf, real_course.stories.values()) == []


def test_no_page_is_less_than_a_quarter_used(real_pdfs: Path, tmp_path: Path) -> None:
    """Every page of the guides, handouts and course guide is at least 25% used, except the last
    page of a section (a module's last page, the document's last page)."""
    for pdf in _real_documents(real_pdfs, ("guides", "handouts")):
        assert _pages_under_a_quarter(pdf, tmp_path) == []


def test_the_checks_of_the_page_can_fail(course, tmp_path: Path) -> None:
    """Both checks above see a bad page: questions pushed to a page of their own without the
    running head, and a page left almost empty (a guide's story forced to end its page early)."""
    html = PrintRenderer(course).guide(course.modules[0]).html
    broken = html.replace("</style>", ".questions-block { break-before: page !important; }"
                                      " .lead { break-after: page !important; }"
                                      " @page { @top-left { content: none !important; } }</style>")
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(pdf_module.pdf_bytes(dataclasses.replace(PrintRenderer(course).guide(course.modules[0]), html=broken), DATE))
    story = course.modules[0].stories[0]
    assert any(story.title in page for page in _questions_without_their_title(pdf, course.modules[0].stories))
    assert _pages_under_a_quarter(pdf, tmp_path)


def _story_lines(pdf: Path, stories) -> list[tuple[Line, bool]]:
    """The lines of the stories' own text in a PDF (the serif body type, words found in a story),
    each with whether it is a full line: the next line of the page follows it at one line's
    height, so it is not the last line of its paragraph."""
    bodies = " ".join(_plain(story.body_html) for story in stories)
    found = []
    for page in PdfReader(pdf).pages:
        lines = _lines(page)
        for line, following in zip(lines, lines[1:] + [None], strict=True):
            if "Serif" not in line.font or len(line.text) < 8 or line.text not in bodies:
                continue
            full = following is not None and following.text in bodies and 0 < following.y - line.y < line.size * 1.6 / 0.75
            found.append((line, full))
    return found


def test_body_text_runs_60_to_80_characters_a_line(real_pdfs: Path, real_course) -> None:
    """Stories in guides, the course guide, handouts and cards: no line over 80 characters, and
    every full line (not a paragraph's last) at least 60."""
    stories = list(real_course.stories.values())
    for pdf in _real_documents(real_pdfs):
        lines = _story_lines(pdf, stories)
        assert len(lines) > 10, f"{pdf.name}: no story text found"
        longest = max(lines, key=lambda item: len(item[0].text))[0].text
        assert len(longest) <= 80, f"{pdf.name}: {len(longest)} characters: {longest}"
        short = [line.text for line, full in lines if full and len(line.text) < 60]
        assert not short, f"{pdf.name}: full lines under 60 characters: {short[:3]}"


def _body_sizes(pdf: Path | bytes, story) -> list[float]:
    """The type sizes (pt) of a card's story text and questions, read from the PDF."""
    words = _plain(story.body_html) + " " + " ".join(_flat(question) for question in story.questions)
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return [line.size for page in reader.pages for line in _lines(page) if len(line.text) >= 12 and line.text in words]


def test_story_cards_are_set_in_10_pt_or_more(real_pdfs: Path, real_course) -> None:
    for story in real_course.stories.values():
        sizes = _body_sizes(real_pdfs / "cards" / f"{story.slug}.pdf", story)
        assert len(sizes) > 10, f"{story.slug}: no story text found"
        assert round(min(sizes), 1) >= 10, f"the card of {story.slug} is set in {min(sizes):.1f} pt"


def test_a_long_story_goes_on_to_the_back_of_its_card(course) -> None:
    """The most a two-sided card holds (the old cards set 650 words in 8.5 pt) stays at 10 pt or
    more, on two sides, the back headed with the story's title, continued."""
    most = CARD_TYPE_SIZES[-1][0]
    story = _story_with_words(max(course.stories.values(), key=lambda story: len(story.questions)), most)
    pdf = pdf_module.pdf_bytes(PrintRenderer(course).card(story), DATE)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert round(min(_body_sizes(pdf, story)), 1) >= 10
    assert f"{story.title} (continued)" in _flat(reader.pages[1].extract_text())
    assert "(continued)" not in _flat(reader.pages[0].extract_text())


def test_facilitator_notes_in_guides_never_in_handouts_or_cards(real_pdfs: Path, real_course) -> None:
    noted = [story for story in real_course.stories.values() if story.facilitator and story.facilitator.listen_for]
    assert noted, "no story of the content has a facilitator note"
    guides = {real_pdfs / "guides" / f"{module.slug}.pdf": module.stories for module in real_course.modules}
    guides[real_pdfs / "guides" / "course.pdf"] = [story for module in real_course.modules for story in module.stories]
    for pdf, stories in guides.items():
        text = text_of(pdf)
        boxes = len(re.findall(r"FOR THE FACILITATOR (?:ALLOW \d+ MINUTES )?LISTEN FOR:", text.upper()))  # the label is in capitals
        assert boxes == len([story for story in stories if story.facilitator]), f"{pdf.name}: a note per story"
        for story in stories:
            for item in story.facilitator.listen_for if story.facilitator else []:
                assert _flat(item) in text, f"{pdf.name}: {story.slug}'s note is missing"
            if story.facilitator and story.facilitator.minutes:
                assert f"ALLOW {story.facilitator.minutes} MINUTES" in text.upper(), f"{pdf.name}: {story.slug}'s minutes"
    for module in real_course.modules:
        handout = text_of(real_pdfs / "handouts" / f"{module.slug}.pdf")
        assert "FOR THE FACILITATOR" not in handout.upper() and "Listen for" not in handout
        for story in module.stories:
            for item in story.facilitator.listen_for if story.facilitator else []:
                assert _flat(item)[:30] not in handout, f"the handout of {module.slug} shows {story.slug}'s note"
    for story in real_course.stories.values():
        card = text_of(real_pdfs / "cards" / f"{story.slug}.pdf")
        assert "FOR THE FACILITATOR" not in card.upper() and "Listen for" not in card
        for item in story.facilitator.listen_for if story.facilitator else []:
            assert _flat(item)[:30] not in card, f"the card of {story.slug} shows its facilitator note"


def test_course_cover_and_contents_with_page_numbers(real_pdfs: Path, real_course, tmp_path: Path) -> None:
    """The course guide opens with a cover that fills its page (title, tagline, description,
    audience, each module with its minutes and stories) and a contents page whose page numbers
    lead to each module, story and discussion."""
    pdf = real_pdfs / "guides" / "course.pdf"
    reader = PdfReader(pdf)
    cover = _flat(reader.pages[0].extract_text())
    meta = real_course.meta
    for words in (real_course.title, meta.tagline, _flat(meta.description), meta.audience):
        assert _flat(words) in cover
    for module in real_course.modules:
        stories = len(module.stories)
        assert re.search(rf"{re.escape(module.title)}\s*{module.duration} minutes · {stories} stor", cover, re.I), module.slug
    assert _used(pdf, tmp_path)[0] >= 0.8, "the cover leaves most of its page empty"
    contents = _flat(reader.pages[1].extract_text())
    pages = [_flat(page.extract_text()) for page in reader.pages]
    for module in real_course.modules:
        for title in [module.title] + [story.title for story in module.stories]:
            match = re.search(rf"{re.escape(title)}(?: \(\d+ minutes\))? ?\.+ ?(\d+)", contents)
            assert match, f"{title} is not in the contents with a page number"
            assert title in pages[int(match.group(1)) - 1], f"{title}: the contents say page {match.group(1)}"


def _synthetic_module(course, words: list[int]):
    """The fixture course's first module with stories of the given sizes (words of story and
    questions), each with a facilitator note."""
    from generator.content.schema import FacilitatorNote

    module = course.modules[0]
    model = max(course.stories.values(), key=lambda story: len(story.questions))
    stories = []
    for number, size in enumerate(words):
        story = _story_with_words(model, size)
        note = FacilitatorNote(minutes=10, listen_for=["Who speaks first, and who waits.", "The words people use for the customer."])
        meta = story.meta.model_copy(update={"title": f"Story {number} of the test", "facilitator": note,
                                             "questions": [f"In story {number}: {question}" for question in story.questions]})
        stories.append(dataclasses.replace(story, slug=f"story-{number}", meta=meta))
    return dataclasses.replace(module, stories=stories)


def test_very_long_and_very_short_stories_fit_the_page(course, tmp_path: Path) -> None:
    """A synthetic guide and handout (stories of 60, 900 and 1,500 words): questions always with
    their title, no page under a quarter used except the last."""
    module = _synthetic_module(course, [60, 900, 1500])
    renderer = PrintRenderer(course)
    for document in (renderer.guide(module), renderer.handout(module)):
        pdf = tmp_path / document.pdf_path.replace("/", "-")
        pdf.write_bytes(pdf_module.pdf_bytes(document, DATE))
        assert len(PdfReader(pdf).pages) >= 5
        assert _questions_without_their_title(pdf, module.stories) == []
        assert _pages_under_a_quarter(pdf, tmp_path) == []


def test_the_course_guide_fits_letter_paper_too(real_course, tmp_path: Path) -> None:
    """On Letter (shorter and wider than A4) the cover is still one page and the rules hold."""
    pdf = tmp_path / "course-letter.pdf"
    pdf.write_bytes(pdf_module.pdf_bytes(PrintRenderer(real_course, paper="letter").course_guide(), DATE))
    reader = PdfReader(pdf)
    assert "Contents" in _flat(reader.pages[1].extract_text()), "the cover runs over its page"
    assert _questions_without_their_title(pdf, real_course.stories.values()) == []
    assert _pages_under_a_quarter(pdf, tmp_path) == []
