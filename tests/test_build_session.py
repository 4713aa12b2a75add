"""One build pipeline for every way of starting it (issue 16): the three defects it fixed, the
writer that refuses a second write, and a CLI build that needs no MkDocs plugin events."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build_project, make_project, own_templates, run_generator
from test_authoring import _wait_for, fetch, free_port
from test_safe_builds import tree_state

from generator.output.writer import DuplicateWrite, SiteWriter


def search_locations(index: str) -> list[str]:
    return [entry["location"] for entry in json.loads(index)["docs"]]


@pytest.mark.parametrize("command", [["-m", "generator", "serve", "-a"], ["-m", "mkdocs", "serve", "-a"]],
                         ids=["generator serve", "mkdocs serve"])
def test_serve_keeps_each_page_once_in_the_search_index(project: Path, command: list[str]) -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, *command, f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    index_url = f"http://127.0.0.1:{port}/search/search_index.json"
    story = project / "content/stories/the-spare-key.md"
    original = story.read_text(encoding="utf-8")
    try:
        _wait_for(lambda: "the-spare-key" in fetch(index_url), "the first build", server)
        first = search_locations(fetch(index_url))
        for edit in range(3):
            story.write_text(original + f"\nEdit number {edit} of the story.\n", encoding="utf-8")
            _wait_for(lambda edit=edit: f"Edit number {edit}" in fetch(index_url), f"rebuild {edit + 1}", server)
        again = search_locations(fetch(index_url))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0]
    assert len(set(first)) == len(first) > 10
    assert again == first, "the index should hold each page once, however often it was rebuilt"
    assert "Traceback" not in output


class CountingWriter(SiteWriter):
    writes: list[str] = []

    def write(self, relative: str, data: str | bytes) -> Path:
        self.writes.append(relative)
        return super().write(relative, data)


def test_a_build_with_pdfs_writes_each_guide_once(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("content_dir: content", "content_dir: content\n      workers: 1"))
    monkeypatch.setenv("TRAINING_PDF", "1")
    monkeypatch.setattr("generator.build.session.SiteWriter", CountingWriter)
    monkeypatch.chdir(project)
    from generator.build.site_build import build_site

    build_site(Path("mkdocs.yml"), strict=True, facilitator=True)  # guides are for facilitators
    guides = [path for path in CountingWriter.writes if path.startswith("guides/")]
    assert sorted(guides) == sorted(set(guides)) and "guides/first-steps/index.html" in guides
    assert "guides/first-steps.pdf" in guides and "guides/course.pdf" in guides


def test_the_writer_refuses_a_second_write_of_one_path(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path)
    writer.write("stories/a.html", "first")
    with pytest.raises(DuplicateWrite, match="stories/a.html was written twice"):
        writer.write("stories/a.html", "second")
    assert (tmp_path / "stories/a.html").read_text() == "first"
    with pytest.raises(DuplicateWrite):
        writer.adopt_from_workers([(os.getpid() + 1, ["stories/a.html"])])


@pytest.mark.parametrize("marker", ["<!--ss:content-->", "<!--ss:toc-start-->"])
def test_an_override_without_its_marker_is_a_message_not_a_traceback(project: Path, marker: str) -> None:
    templates = own_templates(project)
    for name in ("main.html", "partials/toc.html"):
        path = templates / "overrides" / name
        path.write_text(path.read_text(encoding="utf-8").replace(marker, ""), encoding="utf-8")
    result = run_generator("build", cwd=project, env={"TRAINING_PDF": "0"})
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    assert f"templates/overrides/main.html: the theme shell lacks the markers {marker}" in result.stderr
    assert not (project / "site").exists()


CHECK_IMPORTS = """
import sys
from generator.build.site_build import build_site
build_site("mkdocs.yml", strict=True)
print(sorted({name.split(".")[0] for name in sys.modules} & {"mkdocs", "material"}))
"""


def test_a_build_with_the_theme_cached_never_imports_mkdocs(project: Path) -> None:
    build_project(project)  # renders the theme once, into .cache/
    result = subprocess.run([sys.executable, "-c", CHECK_IMPORTS], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "TRAINING_PDF": "0"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_mkdocs_build_makes_the_same_site_as_the_cli(tmp_path: Path) -> None:
    cli = build_project(make_project(tmp_path / "cli"))
    project = make_project(tmp_path / "mkdocs")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                            text=True, env={**os.environ, "TRAINING_PDF": "0"})
    assert result.returncode == 0, result.stderr
    digests = [{path: digest for path, (digest, _) in tree_state(site).items()} for site in (cli, project / "site")]
    assert digests[0] == digests[1]
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site-")]
    assert leftovers == []


def test_the_theme_is_rendered_again_when_an_override_changes(project: Path) -> None:
    templates = own_templates(project)
    build_project(project)
    footer = templates / "overrides" / "main.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "\n{% block footer %}<footer>Our own footer line</footer>{% endblock %}\n")
    site = build_project(project)
    assert "Our own footer line" in (site / "stories/the-spare-key.html").read_text(encoding="utf-8")
    assert "Our own footer line" in (site / "404.html").read_text(encoding="utf-8")


def test_the_plugin_is_a_thin_adapter() -> None:
    """Issue 16 asked for at most ~100 lines: the session does the work."""
    assert len((ROOT / "generator/theme/plugin.py").read_text(encoding="utf-8").splitlines()) <= 100
