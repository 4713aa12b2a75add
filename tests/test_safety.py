"""Nothing unchecked reaches a reader and no option can delete a trainer's work: every case of
the adversarial review (issue 17), each through the command line as a trainer would meet it.

Each case asserts the exit code, the `path:line:col` message, the absence of a traceback, that
content/ and the project are untouched, and that site/ is complete or as it was."""

from __future__ import annotations

import errno
import http.server
import os
import struct
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, build_project, make_project, own_templates
from test_safe_builds import tree_state

from generator.cli import main

STORY = "content/stories/the-spare-key.md"
NO_PDF = {"TRAINING_PDF": "0"}


def png(width: int = 2, height: int = 2) -> bytes:
    """A real, tiny PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def cli(project: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True,
                            env={**os.environ, **NO_PDF, **(env or {})}, timeout=timeout)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def append_to_story(project: Path, text: str) -> None:
    path = project / STORY
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + text + "\n", encoding="utf-8")


# 1. Only what the generator reads and checks is published.

PLANTED = {
    "content/evil.html": "<script>alert('planted')</script>",
    "content/stories/evil.html": "<script>alert('planted')</script>",
    "content/stories/evil.markdown": "---\ntitle: x\n---\n<script>alert('planted')</script>",
    "content/extra.md": "# Extra\n<script>alert('planted')</script>\n<p onclick=\"alert('planted')\">hi</p>",
    "content/stories/diagram.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(\'planted\')"><script>alert(1)</script></svg>',
    "content/assets/javascripts/story-filter.js": "alert('planted');",
    "content/notes/plan.txt": "alert('planted')",
}


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    project = make_project(tmp_path_factory.mktemp("planted") / "project")
    for relative, text in PLANTED.items():
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(text, encoding="utf-8")
    (project / "content/images").mkdir()
    (project / "content/images/team.png").write_bytes(png())
    (project / "content/stories/key.jpg").write_bytes(png())  # named .jpg, but a PNG: refused
    checked = cli(project, "check")
    (project / "content/stories/key.jpg").unlink()
    built = cli(project, "build")
    return project, checked, built


def test_planted_files_are_reported_and_never_published(planted) -> None:
    project, checked, built = planted
    assert built.returncode == 0, built.stderr
    published = site_files(project / "site")
    for relative in PLANTED:
        assert f"{relative}: warning: ignored, not published" in checked.stderr, relative
    assert not [path for path, data in published.items() if b"planted" in data]
    assert published["assets/javascripts/story-filter.js"] == (
        ROOT / "generator/templates/overrides/assets/javascripts/story-filter.js").read_bytes()
    planted_in_site = {"evil.html", "stories/evil.html", "stories/evil.markdown", "extra.html",
                       "extra/index.html", "stories/diagram.svg", "notes/plan.txt"}
    assert not planted_in_site & set(published)


def test_check_and_build_agree_on_what_is_ignored(planted) -> None:
    project, checked, built = planted
    ignored = {line.split(":")[0] for line in checked.stderr.splitlines() if "ignored" in line}
    assert ignored == {line.split(":")[0] for line in built.stderr.splitlines() if "ignored" in line}
    assert ignored == set(PLANTED)


def test_images_are_checked_and_published(planted) -> None:
    project, checked, built = planted
    assert checked.returncode == 1
    assert "content/stories/key.jpg: error: the file is named .jpg but is not a JPG image" in checked.stderr
    assert (project / "site/images/team.png").read_bytes() == png()
    assert "svg" in checked.stderr and "can carry script" in checked.stderr


# 2. Links never lead out of the project.

def _link_to_passwd(project: Path) -> str:
    (project / "content/stories/leak.txt").symlink_to("/etc/passwd")
    return "content/stories/leak.txt"


def _linked_folder(project: Path) -> str:
    outside = project.parent / "outside"
    outside.mkdir()
    (outside / "photo.png").write_bytes(png())
    (project / "content/images").symlink_to(outside)
    return "content/images"


def _linked_image(project: Path) -> str:
    (project.parent / "secret.png").write_bytes(png())
    (project / "content/photo.png").symlink_to(project.parent / "secret.png")
    return "content/photo.png"


@pytest.mark.parametrize("plant", [_link_to_passwd, _linked_folder, _linked_image], ids=["file", "folder", "image"])
def test_links_out_of_the_project_are_refused(tmp_path: Path, plant) -> None:
    project = make_project(tmp_path / "project")
    named = plant(project)
    for command in ("check", "build"):
        result = cli(project, command)
        assert result.returncode == 1
        assert f"{named}: error: the " in result.stderr and "outside the content folder" in result.stderr
    assert not (project / "site").exists()


def test_links_inside_the_content_folder_are_fine(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "content/images").mkdir()
    (project / "content/images/team.png").write_bytes(png())
    (project / "content/team.png").symlink_to(project / "content/images/team.png")
    site = build_project(project)
    assert (site / "team.png").read_bytes() == png() and not (site / "team.png").is_symlink()


# 3. The site folder can never be the project or its sources; files nobody built survive.

@pytest.mark.parametrize("site_dir, says", [
    ("content", "the site folder content is the content folder"),
    (".", "the site folder . is the project"),
    ("..", "holds the project"),
    ("mkdocs.yml", "mkdocs.yml is a file, not a folder"),
    ("templates", "the site folder templates is the templates folder"),
    ("content/stories/site", "is inside the content folder"),
])
def test_a_site_folder_that_would_destroy_sources_is_refused(tmp_path: Path, site_dir: str, says: str) -> None:
    project = make_project(tmp_path / "project")
    own_templates(project)
    (tmp_path / "sibling.txt").write_text("a neighbour's file")
    before = tree_state(tmp_path)
    result = cli(project, "build", "-d", site_dir)
    assert result.returncode == 1 and says in result.stderr, result.stderr
    assert "nothing was changed" in result.stderr
    assert tree_state(tmp_path) == before


@pytest.mark.parametrize("site_dir", [".", "templates"])
def test_mkdocs_build_refuses_the_project_as_site_folder(tmp_path: Path, site_dir: str) -> None:
    project = make_project(tmp_path / "project")
    own_templates(project)
    before = tree_state(project)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", site_dir], cwd=project, capture_output=True,
                            text=True, env={**os.environ, **NO_PDF})
    assert result.returncode == 1 and ("is the templates folder" in result.stderr or "docs_dir" in result.stderr)
    assert tree_state(project) == before


def test_files_added_to_a_built_site_survive_the_next_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    extra = project / "content/stories/the-spare-key-copy.md"
    extra.write_text((project / STORY).read_text(encoding="utf-8"))
    assert cli(project, "build").returncode == 0
    site = project / "site"
    (site / "CNAME").write_text("training.example.com\n")
    (site / ".git").mkdir()
    (site / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / "uploads").mkdir()
    (site / "uploads/agenda.pdf").write_bytes(b"%PDF-1.4 a trainer's upload")
    extra.unlink()  # its page is build output: it goes
    result = cli(project, "build")
    assert result.returncode == 0, result.stderr
    assert (site / "CNAME").read_text() == "training.example.com\n"
    assert (site / ".git/HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert (site / "uploads/agenda.pdf").read_bytes() == b"%PDF-1.4 a trainer's upload"
    assert not (site / "stories/the-spare-key-copy.html").exists() and (site / "stories/the-spare-key.html").exists()
    marker = (site / ".service-stories-build").read_text()
    assert "stories/the-spare-key.html\n" in marker and "CNAME" not in marker.split("\n", 2)[2]


def test_a_file_nobody_built_is_never_replaced(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    site = build_project(project)
    (site / "stories/the-spare-key-2.html").write_text("<p>a page a trainer put here by hand</p>")
    before = tree_state(site)
    (project / "content/stories/the-spare-key-2.md").write_text((project / STORY).read_text(encoding="utf-8"))
    result = cli(project, "build")
    assert result.returncode == 1
    assert "stories/the-spare-key-2.html was not made by a build" in result.stderr
    assert tree_state(site) == before


def test_a_folder_of_somebodys_files_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "budget.xlsx").write_bytes(b"numbers")
    before = tree_state(folder)
    result = cli(project, "build", "-d", str(folder))
    assert result.returncode == 1 and "already holds files that no build made (budget.xlsx)" in result.stderr
    assert tree_state(folder) == before


def test_a_hosting_checkout_and_a_site_built_before_markers_are_replaced(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    checkout = tmp_path / "gh-pages"
    (checkout / ".git").mkdir(parents=True)
    (checkout / ".git/HEAD").write_text("ref\n")
    (checkout / "CNAME").write_text("example.com\n")
    assert cli(project, "build", "-d", str(checkout)).returncode == 0
    assert (checkout / "CNAME").read_text() == "example.com\n" and (checkout / "index.html").exists()
    (checkout / ".service-stories-build").unlink()  # as an earlier version of the tool left it
    (checkout / "stories/old-story.html").write_text('<meta name="generator" content="mkdocs-1.6.1">')
    result = cli(project, "build", "-d", str(checkout))
    assert result.returncode == 0, result.stderr
    assert not (checkout / "stories/old-story.html").exists() and (checkout / ".git/HEAD").read_text() == "ref\n"


# 4-6. Bounded inputs: no billion laughs, no recursion, no quadratic time.

ALIAS_BOMB = "lol: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"l{i}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))


@pytest.mark.parametrize("body, says", [
    ("- " * 700 + "x", "nests lists or quotes 700 levels deep"),
    ("\n".join("    " * level + "- item" for level in range(300)), "nests lists or quotes 21 levels deep"),
    ("[" * 20_000, "the text holds 20,000 '[' characters, 20,000 of them in the paragraph that starts here"),
    ("\n\n".join(["[" * 1_000] * 20), "the text holds 20,000 '[' characters, 1,000 of them in the paragraph"),
    ("<a " * 7_000, "7,000 '<' characters that no '>' closes"),
], ids=["700 list markers", "300 nested lists", "20,000 [", "20 paragraphs of 1,000 [", "7,000 <a"])
def test_pathological_bodies_get_an_error_at_their_line(project: Path, body: str, says: str) -> None:
    first_body_line = (project / STORY).read_text(encoding="utf-8").count("\n") + 3
    append_to_story(project, body)
    for command in ("check", "build"):
        result = cli(project, command, timeout=60)
        assert result.returncode == 1 and says in result.stderr, result.stderr
        line = int(result.stderr.split(f"{STORY}:")[1].split(":")[0])
        assert first_body_line <= line <= first_body_line + 22
    assert not (project / "site").exists()


def test_yaml_aliases_are_refused_at_their_line(project: Path) -> None:
    path = project / STORY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\n" + ALIAS_BOMB.replace("lol:", "x-lol:"), 1), encoding="utf-8")
    result = cli(project, "check", timeout=60)
    assert result.returncode == 1
    assert f"{STORY}:3:9: error: invalid YAML: '*a' is a YAML alias" in result.stderr


def test_check_converts_every_body_as_build_does(project: Path) -> None:
    """A body with no '<' or '&' used to go unconverted by check, hiding what broke the build."""
    append_to_story(project, "1. " * 700 + "x")
    assert "<" not in (project / STORY).read_text(encoding="utf-8").split("---", 2)[2]
    assert cli(project, "check").returncode == 1


# 7. The site and the PDFs load nothing from outside.

class _CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_remote_images_are_reported_not_published_nor_fetched(project: Path) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"127.0.0.1:{server.server_address[1]}"
    append_to_story(project, f"![A map](http://{host}/map.png)\n\n<img src=\"//{host}/logo.png\" alt=\"logo\">\n\n"
                             f"![Photo](https://{host}/photo.jpg)")
    try:
        checked = cli(project, "check")
        assert checked.returncode == 0
        assert checked.stderr.count("is on another site and is not shown") == 3
        assert f"{STORY}:" in checked.stderr
        assert cli(project, "check", "--strict").returncode == 1
        built = cli(project, "build", env={"TRAINING_PDF": "1"})
        assert built.returncode == 0, built.stderr
    finally:
        server.shutdown()
    assert _CountingHandler.requests == []
    page = (project / "site/stories/the-spare-key.html").read_text(encoding="utf-8")
    assert f'href="http://{host}/map.png"' in page and "Image: A map" in page
    assert host in page and f'src="http://{host}' not in page and f'src="//{host}' not in page
    assert f'src="https://{host}' not in page


# 8. Two builds at once.

def test_a_second_build_waits_for_the_first(tmp_path: Path) -> None:
    reference = site_files(build_project(make_project(tmp_path / "reference")))
    project = make_project(tmp_path / "project")
    first = subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=project, stderr=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, text=True, env={**os.environ, "TRAINING_PDF": "1"})
    deadline = time.monotonic() + 120
    while not list(project.glob(".site-build-*/*")):
        assert first.poll() is None and time.monotonic() < deadline, "the first build never started writing"
        time.sleep(0.02)
    second = cli(project, "build")
    assert first.wait(timeout=300) == 0, first.stderr.read() if first.stderr else ""
    assert second.returncode == 0 and "Another build is writing into" in second.stderr
    built = site_files(project / "site")
    assert sorted(built) == sorted(reference)
    assert not list(project.glob(".site-*"))


# 9. Smaller cases.

def test_a_site_folder_that_is_a_link_stays_a_link(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (tmp_path / "published").mkdir()
    (project / "site").symlink_to(tmp_path / "published")
    build_project(project)
    build_project(project)
    assert (project / "site").is_symlink() and (tmp_path / "published/index.html").exists()
    assert not [p.name for p in list(project.iterdir()) + list(tmp_path.iterdir()) if "-old-" in p.name or "-build-" in p.name]


def test_a_file_name_with_a_line_break_is_refused(project: Path) -> None:
    (project / "content/stories/the-spare-key\n.md").write_text((project / STORY).read_text(encoding="utf-8"))
    result = cli(project, "check")
    assert result.returncode == 1 and "holds a line break" in result.stderr


def test_an_unreadable_folder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    (project / "content/stories/archive").mkdir()
    real_scandir = os.scandir

    def scandir(path=None):
        if str(path).endswith("archive"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert "content/stories/archive: error: the folder cannot be read (Permission denied)" in result.output


def test_a_pipe_in_content_is_ignored_not_waited_on(project: Path) -> None:
    os.mkfifo(project / "content/stories/pipe.md")
    os.mkfifo(project / "content/pipe")
    result = cli(project, "build", timeout=120)
    assert result.returncode == 0
    assert "content/stories/pipe.md: warning: ignored: not a regular file" in result.stderr


def test_a_full_disk_names_the_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write
    calls = {"n": 0}

    def write(handle: int, data) -> int:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")  # as os.write raises it: no file name
        return real_write(handle, data)

    monkeypatch.setenv("TRAINING_PDF", "0")
    monkeypatch.setattr("generator.output.writer.os.write", write)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "could not write the site: " in result.output and ".html: No space left on device" in result.output
    assert "None" not in result.output


def test_a_title_of_invisible_characters_is_refused(project: Path) -> None:
    path = project / STORY
    path.write_text(path.read_text(encoding="utf-8").replace("title: The Spare Key", 'title: "\u200b\u200b\u2060"'))
    result = cli(project, "check")
    assert result.returncode == 1 and f"{STORY}:2:8: error: field 'title': expected text but received only invisible" in result.stderr


def test_site_files_follow_the_umask(tmp_path: Path) -> None:
    """As the README says: the build respects the umask, like cp; 022 gives a site a web server reads."""
    project = make_project(tmp_path / "project")
    result = subprocess.run(["sh", "-c", f"umask 077 && exec {sys.executable} -m generator build"], cwd=project,
                            capture_output=True, text=True, env={**os.environ, **NO_PDF})
    assert result.returncode == 0, result.stderr
    modes = {oct((project / "site" / path).stat().st_mode & 0o777) for path in ("index.html", "stories/the-spare-key.html")}
    assert modes == {"0o600"} and oct((project / "site").stat().st_mode & 0o777) == "0o700"
