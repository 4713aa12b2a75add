"""LMS packages (SCORM 1.2) and the offline bundle: what they hold, that they are the same bytes
for the same sources, that the manifest validates against the SCORM 1.2 schemas, that a real
SCORM 1.2 API (scorm-again) sees the package go incomplete -> completed, and that the bundle
searches from a folder with spaces and accents, offline."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import posixpath
import re
import shutil
import threading
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import xmlschema
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, block_outside, build_project, make_project, run_generator, screenshot
from playwright.sync_api import Page, expect
from test_browser import PHONE, WCAG_AA, search_for
from test_html_valid import html_problems
from test_safety import png

from generator.content.loader import load_course
from generator.content.model import Module

SCHEMAS = ROOT / "tests" / "schemas" / "scorm12"
SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
SCREENSHOT = ROOT / "docs" / "screenshots" / "lms.png"
PACKAGE_NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
              "md": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
              "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
UNUSUAL_FOLDER = Path("Geteiltes Laufwerk") / "Schulung für Café Müller – 2026"
SOURCE_DATE = "1767225600"  # 2026-01-01 00:00:00 UTC


@pytest.fixture(scope="module")
def course():
    course, report = load_course(ROOT / "content")
    assert course is not None, report.errors
    return course


def published_project(where: Path) -> Path:
    project = make_project(where, ROOT / "content")
    build_project(project, "--lms", "scorm12", "--zip")
    return project


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's course built with its LMS packages and offline bundle."""
    return published_project(tmp_path_factory.mktemp("published") / "project") / "site"


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# -- what the packages hold ----------------------------------------------------------------------------------


def test_one_package_per_module_and_one_bundle(published: Path, course) -> None:
    assert sorted(p.name for p in (published / "lms").iterdir()) == sorted(f"{m.slug}.zip" for m in course.modules)
    assert [p.name for p in (published / "offline").iterdir()] == ["little-things-big-service.zip"]


def test_package_holds_the_module_pages_and_nothing_for_facilitators_only(published: Path, course) -> None:
    for module in course.modules:
        files = read_zip(published / "lms" / f"{module.slug}.zip")
        assert {"imsmanifest.xml", "index.html", "overview.html"} <= set(files)
        assert {f"stories/{story.slug}.html" for story in module.stories} == {n for n in files if n.startswith("stories/")}
        text = "\n".join(data.decode("utf-8") for name, data in files.items() if name.endswith((".html", ".xml")))
        for story in module.stories:
            assert story.title.replace("'", "&#39;") in text
            for question in story.questions[:1]:
                assert _html_text(question) in text
        for question in module.meta.discussion:
            assert _html_text(question) in text
        notes = re.sub(r"<[^>]+>", " ", module.notes_html).split()
        assert len(notes) > 20
        assert " ".join(notes[:8]) not in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)), "facilitator notes leaked"
        for row in module.agenda:
            assert _html_text(row.activity) not in text, "the agenda is for facilitators"
        for forbidden in ("Facilitator notes", "guides/", "handouts/", "Discussion guide"):
            assert forbidden not in text
        assert not any(name.startswith(("guides/", "handouts/", "cards/")) for name in files)


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&#34;").replace("'", "&#39;").replace("<", "&lt;")


def test_every_link_and_image_of_a_package_stays_inside_it(published: Path, course) -> None:
    outside = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:|//)", re.I)
    for module in course.modules:
        files = read_zip(published / "lms" / f"{module.slug}.zip")
        for name, data in files.items():
            if not name.endswith(".html"):
                continue
            html = data.decode("utf-8")
            for tag in re.findall(r"<a\s[^>]*>", html):
                href = re.search(r'href="([^"]*)"', tag).group(1)
                if outside.match(href):
                    assert 'target="_blank"' in tag, f"{name}: {tag} would take the LMS frame away"
                    continue
                target = href.partition("#")[0]
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target)) if target else name
                assert resolved in files, f"{name}: link to {href}, which the package does not hold"
            for address in re.findall(r'\s(?:src|href)="([^"]*)"', html):
                assert not address.startswith(("http:", "https:", "//")) or f'href="{address}"' in html, \
                    f"{name} loads {address} from outside"
            for source in re.findall(r'<(?:script|img|link)\b[^>]*\s(?:src|href)="([^"]*)"', html):
                assert not outside.match(source), f"{name} loads {source} from outside"
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), source))
                assert resolved in files, f"{name} loads {source}, which the package does not hold"


def test_a_package_takes_the_images_its_stories_show_and_keeps_links_inside(project: Path) -> None:
    (project / "content/images").mkdir()
    (project / "content/images/team.png").write_bytes(png())
    story = project / "content/stories/the-spare-key.md"
    story.write_text(story.read_text(encoding="utf-8") + "\n![The porter's team](../images/team.png)\n\n"
                     "Compare [the open door](the-open-door.md), [a note of thanks](a-note-of-thanks.md) "
                     "and [the hotel's blog](https://example.com/blog).\n", encoding="utf-8")
    build_project(project, "--lms", "scorm12")
    first = read_zip(project / "site/lms/first-steps.zip")  # the spare key and the open door
    assert first["images/team.png"] == png()
    page = first["stories/the-spare-key.html"].decode("utf-8")
    assert re.search(r'<img [^>]*src="../images/team.png"', page)
    assert '<a href="the-open-door.html"' in page, "a story of the module stays a link"
    assert "a note of thanks" in page and 'href="a-note-of-thanks.html"' not in page, "outside the module: plain text"
    assert re.search(r'<a href="https://example.com/blog"[^>]*target="_blank"', page)
    assert "images/team.png" in first["imsmanifest.xml"].decode("utf-8")
    second = read_zip(project / "site/lms/going-further.zip")  # a note of thanks and the spare key
    assert '<a href="a-note-of-thanks.html"' in second["stories/the-spare-key.html"].decode("utf-8")
    assert "images/team.png" in second


# -- the manifest ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scorm12_schema() -> xmlschema.XMLSchema11:
    """The SCORM 1.2 schemas (tests/schemas/scorm12/README.md says where they come from and why an
    XSD 1.1 processor: IMS MD 1.2.1 breaks XSD 1.0's unique particle attribution rule)."""
    w3c_xml = Path(xmlschema.__file__).parent / "schemas" / "XML" / "xml.xsd"
    return xmlschema.XMLSchema11(str(SCHEMAS / "scorm12.xsd"),
                                 uri_mapper=lambda url: str(w3c_xml) if url.endswith("ims_xml.xsd") else url)


def test_manifest_validates_against_the_scorm_12_schemas(published: Path, course, scorm12_schema) -> None:
    for module in course.modules:
        files = read_zip(published / "lms" / f"{module.slug}.zip")
        manifest = files["imsmanifest.xml"].decode("utf-8")
        errors = [str(error.reason) for error in scorm12_schema.iter_errors(manifest)]
        assert errors == [], f"{module.slug}: {errors}"
        root = ET.fromstring(manifest)
        assert root.findtext("cp:metadata/cp:schema", namespaces=PACKAGE_NS) == "ADL SCORM"
        assert root.findtext("cp:metadata/cp:schemaversion", namespaces=PACKAGE_NS) == "1.2"
        assert root.findtext("cp:organizations/cp:organization/cp:item/cp:title", namespaces=PACKAGE_NS) == \
            f"Module {module.number}: {module.title}"
        assert root.findtext("cp:metadata/md:lom/md:general/md:title/md:langstring", namespaces=PACKAGE_NS) == module.title
        objectives = [c.findtext("md:description/md:langstring", namespaces=PACKAGE_NS)
                      for c in root.findall("cp:metadata/md:lom/md:classification", namespaces=PACKAGE_NS)]
        assert objectives == module.meta.objectives
        resource = root.find("cp:resources/cp:resource", namespaces=PACKAGE_NS)
        assert resource.get(f"{{{PACKAGE_NS['adlcp']}}}scormtype") == "sco" and resource.get("href") == "index.html"
        listed = {f.get("href") for f in resource.findall("cp:file", namespaces=PACKAGE_NS)}
        assert listed == set(files) - {"imsmanifest.xml"}, "the manifest lists exactly the package's files"


@pytest.mark.parametrize("broken", [
    ('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"'),
    ("<resources>", "<resources><resource/>"),
    ("<imsmd:general>", "<imsmd:general><imsmd:general/>"),
    ("</organizations>", "</organizations><organizations/>"),
])
def test_the_schema_check_catches_a_broken_manifest(published: Path, course, scorm12_schema, broken) -> None:
    manifest = read_zip(published / "lms" / f"{course.modules[0].slug}.zip")["imsmanifest.xml"].decode("utf-8")
    assert broken[0] in manifest
    assert list(scorm12_schema.iter_errors(manifest.replace(broken[0], broken[1], 1))) != []


# -- reproducible, atomic ------------------------------------------------------------------------------------


def test_two_builds_of_the_same_sources_give_identical_packages_and_bundle(published: Path, tmp_path: Path) -> None:
    again = published_project(tmp_path / "again") / "site"
    made = sorted(p.relative_to(published) for p in published.glob("*/*.zip"))
    assert len(made) == 4
    for relative in made:
        assert (again / relative).read_bytes() == (published / relative).read_bytes(), f"{relative} differs"


def test_packages_are_dated_by_the_sources_with_fixed_modes(project: Path) -> None:
    build_project(project, "--lms", "scorm12", "--zip", env={"SOURCE_DATE_EPOCH": SOURCE_DATE})
    for archive_path in (project / "site").glob("*/*.zip"):
        with zipfile.ZipFile(archive_path) as archive:
            infos = archive.infolist()
            assert [i.filename for i in infos] == sorted(i.filename for i in infos)
            assert {i.date_time for i in infos} == {(2026, 1, 1, 0, 0, 0)}
            assert {i.external_attr >> 16 for i in infos} == {0o100644}
            assert archive.testzip() is None


def test_a_build_without_lms_removes_the_packages_and_a_file_nobody_built_is_never_overwritten(project: Path) -> None:
    build_project(project, "--lms", "scorm12")
    assert list((project / "site" / "lms").glob("*.zip"))
    build_project(project)
    assert not (project / "site" / "lms").exists(), "packages that were not asked for again are gone"
    module = load_course(project / "content")[0].modules[0].slug
    mine = project / "site" / "lms" / f"{module}.zip"
    mine.parent.mkdir()
    mine.write_bytes(b"my own file")
    result = run_generator("build", "--lms", "scorm12", cwd=project, env={"TRAINING_PDF": "0"})
    assert result.returncode == 1
    assert "not made by a build" in result.stderr and "Traceback" not in result.stderr
    assert mine.read_bytes() == b"my own file"


# -- in a browser: the package in an LMS, and outside one ---------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _SlowPageScript(_Quiet):
    """A slow LMS: each package page's script arrives a second after the page."""

    def do_GET(self) -> None:
        if self.path.endswith("/package/assets/package.js"):
            time.sleep(1)
        super().do_GET()


@contextlib.contextmanager
def _serving(folder: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = _Quiet) -> Iterator[str]:
    """The folder over HTTP on a free port, as the URL of its root."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def _unzip(archive: Path, where: Path) -> Path:
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(where)
    return where


def _lms_host(where: Path, published: Path, course) -> tuple[Path, Module]:
    """The test LMS page (tests/lms_host/) with the second module's package (four stories) in its frame."""
    host = where / "lms"
    shutil.copytree(ROOT / "tests" / "lms_host", host)
    (host / "scorm-again").mkdir()
    shutil.copy2(SCORM_AGAIN, host / "scorm-again" / "scorm12.min.js")
    module = course.modules[1]
    _unzip(published / "lms" / f"{module.slug}.zip", host / "package")
    return host, module


@pytest.fixture
def lms(tmp_path: Path, published: Path, course):
    """The test LMS over HTTP: its URL and the module in its frame."""
    host, module = _lms_host(tmp_path, published, course)
    with _serving(host) as url:
        yield url, module


def test_in_an_lms_the_status_goes_incomplete_then_completed_once_every_story_was_opened(page: Page, lms) -> None:
    url, module = lms
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    blocked = block_outside(page, (url,))
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url + "index.html")
    sco = page.frame_locator("#sco")
    content = sco.frame_locator("#ss-content")
    total = len(module.stories)
    expect(sco.locator("#ss-progress")).to_have_text(f"0 of {total} stories opened")
    assert page.evaluate("API.cmi.core.lesson_status") == "incomplete"
    expect(content.locator("h1")).to_have_text(module.title)
    for number, story in enumerate(module.stories, start=1):
        content.locator("a[rel=next]").click()
        expect(content.locator("h1")).to_have_text(story.title)
        if number < total:
            expect(sco.locator("#ss-progress")).to_have_text(f"{number} of {total} stories opened")
            assert page.evaluate("API.cmi.core.lesson_status") == "incomplete", f"completed after {number} of {total}"
    expect(sco.locator("#ss-progress")).to_have_text(f"Module completed: all {total} stories opened")
    assert page.evaluate("API.cmi.core.lesson_status") == "completed"
    screenshot(page, "lms")
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":  # the README's picture
        page.screenshot(path=str(SCREENSHOT))

    page.evaluate("document.getElementById('sco').remove()")  # the learner closes the module
    expect(page.locator("#count")).not_to_have_text("0")
    calls = page.evaluate("calls")
    assert errors == [] and blocked == []
    _assert_valid_order(calls, [story.slug for story in module.stories])


def test_launched_in_a_new_window_the_package_finds_the_api_of_its_opener(page: Page, lms) -> None:
    url, module = lms
    page.goto(url + "index.html?launch=window")
    with page.expect_popup() as opening:
        page.evaluate("window.open('package/index.html', 'sco')")
    popup = opening.value
    content = popup.frame_locator("#ss-content")
    for story in module.stories:
        content.locator("a[rel=next]").click()
        expect(content.locator("h1")).to_have_text(story.title)
    expect(popup.locator("#ss-progress")).to_have_text(f"Module completed: all {len(module.stories)} stories opened")
    popup.close(run_before_unload=True)
    page.wait_for_function("calls.length > 0 && calls[calls.length - 1].name === 'LMSFinish'")
    assert page.evaluate("API.cmi.core.lesson_status") == "completed"
    _assert_valid_order(page.evaluate("calls"), [story.slug for story in module.stories])


def test_a_learner_who_clicks_on_at_once_is_counted_even_when_the_page_script_is_slow(
        page: Page, published: Path, course, tmp_path: Path) -> None:
    """The story says it is open before it shows: a slow package.js may not let a quick click lose a story."""
    host, module = _lms_host(tmp_path, published, course)
    with _serving(host, _SlowPageScript) as url:
        page.goto(url + "index.html")
        sco = page.frame_locator("#sco")
        content = sco.frame_locator("#ss-content")
        for story in module.stories:
            content.locator("a[rel=next]").click()
            expect(content.locator("h1")).to_have_text(story.title)
        total = len(module.stories)
        expect(sco.locator("#ss-progress")).to_have_text(f"Module completed: all {total} stories opened")


def _assert_valid_order(calls: list[dict], stories: list[str]) -> None:
    names = [call["name"] for call in calls]
    assert calls[0]["args"] == [""] and calls[-1]["args"] == [""]
    assert names[0] == "LMSInitialize" and names.count("LMSInitialize") == 1
    assert names[-1] == "LMSFinish" and names.count("LMSFinish") == 1, names
    failed = [call for call in calls if call["name"] != "LMSGetValue" and (call["result"] != "true" or call["error"] != "0")]
    assert failed == [], f"calls the LMS refused: {failed}"
    statuses = [(i, call["args"][1]) for i, call in enumerate(calls)
                if call["name"] == "LMSSetValue" and call["args"][0] == "cmi.core.lesson_status"]
    assert [status for _, status in statuses] == ["incomplete", "completed"]
    saved = [(i, call["args"][1]) for i, call in enumerate(calls)
             if call["name"] == "LMSSetValue" and call["args"][0] == "cmi.suspend_data"]
    assert [value for _, value in saved] == [",".join(stories[:n]) for n in range(1, len(stories) + 1)]
    assert saved[-2][0] < statuses[1][0], "completed before the last story was opened"
    assert statuses[1][0] > saved[-1][0]
    assert "LMSCommit" in names[statuses[1][0]:], "the completion is committed"
    assert "LMSCommit" in names[statuses[0][0]:saved[0][0]], "'incomplete' is committed on open"
    exit_values = [call["args"][1] for call in calls if call["name"] == "LMSSetValue" and call["args"][0] == "cmi.core.exit"]
    assert exit_values == [""]
    assert names[-2] == "LMSCommit"


def test_a_learner_who_comes_back_continues_where_they_were(page: Page, lms) -> None:
    url, module = lms
    slugs = [story.slug for story in module.stories]
    page.goto(url + "index.html?lesson_status=incomplete&suspend_data=" + ",".join(slugs[:2]))
    sco = page.frame_locator("#sco")
    content = sco.frame_locator("#ss-content")
    total = len(slugs)
    expect(sco.locator("#ss-progress")).to_have_text(f"2 of {total} stories opened")
    for story in module.stories[2:]:
        content.locator(f"a[href='stories/{story.slug}.html']").click()
        expect(content.locator("h1")).to_have_text(story.title)
        content.locator(".ss-kicker a").click()  # back to the module overview
        expect(content.locator("h1")).to_have_text(module.title)
    expect(sco.locator("#ss-progress")).to_have_text(f"Module completed: all {total} stories opened")
    assert page.evaluate("API.cmi.core.lesson_status") == "completed"
    assert page.evaluate("API.cmi.suspend_data") == ",".join(slugs[:2] + slugs[2:])
    calls = page.evaluate("calls")
    statuses = [c["args"][1] for c in calls if c["name"] == "LMSSetValue" and c["args"][0] == "cmi.core.lesson_status"]
    assert statuses == ["incomplete", "completed"]


def test_outside_an_lms_the_package_works_and_reports_nothing(page: Page, published: Path, course, tmp_path: Path) -> None:
    module = course.modules[0]
    folder = _unzip(published / "lms" / f"{module.slug}.zip", tmp_path / UNUSUAL_FOLDER)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    blocked = block_outside(page, (folder.as_uri(),))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto((folder / "index.html").as_uri())
    content = page.frame_locator("#ss-content")
    content.locator("a[rel=next]").click()
    expect(content.locator("h1")).to_have_text(module.stories[0].title)
    expect(page.locator("#ss-progress")).to_have_text(f"1 of {len(module.stories)} stories opened")
    screenshot(page, "lms-outside-phone")
    assert errors == [] and blocked == []


def test_package_pages_are_valid_html(published: Path, course, tmp_path: Path) -> None:
    for module in course.modules:
        _unzip(published / "lms" / f"{module.slug}.zip", tmp_path / module.slug)
    problems = html_problems(tmp_path)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["index.html", "overview.html", "stories/the-missing-item.html"])
def test_package_pages_have_no_accessibility_violations(page: Page, published: Path, course, tmp_path: Path,
                                                        name: str) -> None:
    folder = _unzip(published / "lms" / "owning-the-moment.zip", tmp_path / "package")
    page.goto((folder / name).as_uri())
    for size in ({"width": 1280, "height": 800}, PHONE):
        page.set_viewport_size(size)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        assert results.violations_count == 0, results.generate_report()


# -- the offline bundle ---------------------------------------------------------------------------------------


def test_bundle_holds_the_site_in_one_folder(published: Path) -> None:
    files = read_zip(published / "offline" / "little-things-big-service.zip")
    assert {name.split("/", 1)[0] for name in files} == {"little-things-big-service"}
    names = {name.split("/", 1)[1] for name in files}
    assert {"index.html", "stories/the-borrowed-umbrella.html", "search/search_index.js"} <= names
    assert not any(name.startswith(("lms/", "offline/", ".")) for name in names)
    built = {p.relative_to(published).as_posix() for p in published.rglob("*") if p.is_file()}
    assert names == {n for n in built if not n.startswith(("lms/", "offline/", "."))}


def test_bundle_unzipped_into_a_folder_with_spaces_and_accents_searches_offline(page: Page, published: Path,
                                                                                  tmp_path: Path) -> None:
    where = _unzip(published / "offline" / "little-things-big-service.zip", tmp_path / UNUSUAL_FOLDER)
    site = where / "little-things-big-service"
    blocked = block_outside(page, (site.as_uri(),))
    page.goto((site / "index.html").as_uri())
    search_for(page, "umbrella")
    expect(page.locator(".md-search-result")).to_contain_text("The Borrowed Umbrella")
    page.locator(".md-search-result__link").first.click()
    expect(page).to_have_url(re.compile(r"the-borrowed-umbrella\.html"))
    expect(page.locator("h1")).to_have_text("The Borrowed Umbrella")
    assert blocked == [], f"requests outside the unzipped site: {blocked}"
