"""A failed or interrupted build leaves the previous site exactly as it was; builds never touch
content/; two builds of the same content are byte-identical."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, build_project, make_project, own_templates, run_generator

from generator.build import site_build
from generator.output import site_folder, writer


def tree_state(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file's bytes (hashed) and modification time."""
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "project")
    build_project(project)
    return project


def assert_site_untouched(project: Path, before: dict) -> None:
    assert tree_state(project / "site") == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site-")], "staging folder left behind"


def test_bad_content_leaves_the_site(built: Path) -> None:
    before = tree_state(built / "site")
    story = built / "content" / "stories" / "the-spare-key.md"
    story.write_text(story.read_text(encoding="utf-8").replace("title: The Spare Key", "title: [broken"), encoding="utf-8")
    result = run_generator("build", cwd=built)
    assert result.returncode == 1 and "the-spare-key.md" in result.stderr
    assert_site_untouched(built, before)


def test_template_error_leaves_the_site(built: Path) -> None:
    before = tree_state(built / "site")
    story = own_templates(built) / "pages" / "story.html.j2"
    story.write_text(story.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
    result = run_generator("build", cwd=built)
    assert result.returncode == 1 and "story.html.j2" in result.stderr and "Traceback" not in result.stderr
    assert_site_untouched(built, before)


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device", "x.html"), KeyboardInterrupt()],
                         ids=["disk full", "Ctrl+C"])
def test_interrupted_build_leaves_the_site(built: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException) -> None:
    before = tree_state(built / "site")
    calls = {"n": 0}
    real_write = writer.SiteWriter.write

    def failing_write(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:
            raise failure
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(writer.SiteWriter, "write", failing_write)
    monkeypatch.chdir(built)
    expected = site_build.BuildFailed if isinstance(failure, OSError) else KeyboardInterrupt
    with pytest.raises(expected):
        site_build.build_site(Path("mkdocs.yml"))
    assert calls["n"] == 5
    assert_site_untouched(built, before)


def test_check_and_build_never_modify_content(built: Path) -> None:
    before = tree_state(built / "content")
    assert run_generator("check", "--strict", cwd=built).returncode == 0
    build_project(built)
    assert tree_state(built / "content") == before


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    sites = []
    for name in ("one", "two"):
        project = make_project(tmp_path / name)
        sites.append(build_project(project, env={"TRAINING_PDF": "1"}))
    first, second = ({path: digest for path, (digest, _) in tree_state(site).items()} for site in sites)
    assert first.keys() == second.keys()
    differing = sorted(path for path in first if first[path] != second[path])
    assert differing == [], f"files that differ between two builds: {differing}"


def gzip_date(path: Path) -> int:
    """The modification time stored in a gzip file's header (RFC 1952)."""
    return int.from_bytes(path.read_bytes()[4:8], "little")


def midnight(seconds: int) -> int:
    return seconds - seconds % 86400


def test_build_date_comes_from_the_sources_not_the_clock(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    own_templates(project)
    then = 1_000_000_000  # 2001-09-09
    for path in project.rglob("*"):
        os.utime(path, (then, then))
    build_project(project)
    assert gzip_date(project / "site" / "sitemap.xml.gz") == midnight(then)


def test_source_date_epoch_is_honoured(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    build_project(project, env={"SOURCE_DATE_EPOCH": "1500000000"})
    assert gzip_date(project / "site" / "sitemap.xml.gz") == midnight(1_500_000_000)


def test_ctrl_c_in_a_terminal_leaves_the_site_and_prints_no_traceback(tmp_path: Path) -> None:
    """A real Ctrl+C: SIGINT to the whole process group (the build and its forked workers),
    sent while the PDFs are being made in two processes."""
    project = make_project(tmp_path / "project", ROOT / "content")
    build_project(project)
    before = tree_state(project / "site")
    build = subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=project, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, start_new_session=True,
                             env={**os.environ, "TRAINING_PDF": "1"})
    try:
        deadline = time.monotonic() + 300
        while not any(project.glob(".site-build-*/**/*.pdf")):
            assert build.poll() is None, "the build ended before a PDF was made: " + build.communicate()[0]
            assert time.monotonic() < deadline, "no PDF appeared"
            time.sleep(0.01)
        os.killpg(build.pid, signal.SIGINT)
        output = build.communicate(timeout=120)[0]
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
    assert build.returncode == 130, output
    assert "Build interrupted" in output and "previous site was left as it was" in output
    assert "Traceback" not in output and "ForkPoolWorker" not in output, output
    assert_site_untouched(project, before)


def test_ctrl_c_between_the_two_renames_of_the_swap(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree_state(built / "site")
    real_rename = os.rename

    def rename(source, target):
        if Path(source).name.startswith(site_folder.staging_prefix(Path(target))):
            raise KeyboardInterrupt
        return real_rename(source, target)

    monkeypatch.setattr(site_folder.os, "rename", rename)
    monkeypatch.chdir(built)
    with pytest.raises(KeyboardInterrupt):
        site_build.build_site(Path("mkdocs.yml"))
    assert_site_untouched(built, before)


def test_a_site_moved_aside_by_a_killed_build_comes_back(built: Path) -> None:
    before = tree_state(built / "site")
    site = built / "site"
    os.rename(site, built / f"{site_folder.old_prefix(site)}4242")  # killed between the renames
    (built / f"{site_folder.staging_prefix(site)}abcd").mkdir()
    site_folder.remove_leftovers(site)
    assert_site_untouched(built, before)

    (built / f"{site_folder.old_prefix(site)}4343").mkdir()  # the site is in place: an old copy just goes
    site_folder.remove_leftovers(site)
    assert_site_untouched(built, before)
