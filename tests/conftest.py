"""Shared fixtures: a stable fixture course, and throwaway projects built with MkDocs."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_COURSE = ROOT / "tests" / "fixtures" / "course"
TEMPLATES = ROOT / "generator" / "templates"  # the tool's own: a course without templates/ uses these


def make_project(where: Path, content: Path | None = FIXTURE_COURSE) -> Path:
    """A project folder like the repository's: mkdocs.yml and a copy of `content` (the tool's templates)."""
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", where / "mkdocs.yml")  # with its date: builds are dated by their sources
    if content is not None:
        shutil.copytree(content, where / "content")
    return where


def own_templates(project: Path) -> Path:
    """Gives the project its own templates/ (a copy of every template of the tool), to change or break on purpose."""
    shutil.copytree(TEMPLATES, project / "templates")
    return project / "templates"


def run_generator(*args: str, cwd: Path, check: bool = False,
                  env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` as a trainer would run it (`env` adds variables)."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=check,
        env={**os.environ, **(env or {})},
    )


def build_project(project: Path, *extra: str, env: dict[str, str] | None = None) -> Path:
    """`build --strict`; PDFs only when `env` asks for them (TRAINING_PDF=1), to keep tests quick.
    The built site: site/, or site-facilitator/ for `--facilitator`."""
    result = run_generator("build", "--strict", *extra, cwd=project, env={"TRAINING_PDF": "0", **(env or {})})
    assert result.returncode == 0, result.stderr
    return project / ("site-facilitator" if "--facilitator" in extra else "site")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course, built once with --strict."""
    return build_project(make_project(tmp_path_factory.mktemp("fixture") / "project"))


@pytest.fixture(scope="session")
def facilitator_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course's facilitator edition, built once with --strict."""
    return build_project(make_project(tmp_path_factory.mktemp("facilitator") / "project"), "--facilitator")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own content, built once with --strict."""
    return build_project(make_project(tmp_path_factory.mktemp("real") / "project", ROOT / "content"))


# Browser tests (tests/test_browser_*.py): Debian's Chromium, never a downloaded browser.
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"


# Every transition and finite animation of the page has ended (a spinner that never ends is not waited for).
STILL = """() => document.getAnimations().every(a => a.playState !== 'running'
    || !a.effect || a.effect.getComputedTiming().endTime === Infinity)"""


@pytest.fixture(autouse=True, scope="session")
def axe_on_a_still_page() -> object:
    """Axe reads colours as they are at that instant: text still fading in or out (Material's
    header tabs after a load or a scroll) reads as low contrast, and a busy CI machine runs axe
    mid-fade. Every axe run here first waits until nothing moves."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:  # the browser tests' packages are not installed
        yield None
        return
    original = Axe.run

    def run(self: object, page: object, *args: object, **kwargs: object) -> object:
        page.wait_for_function(STILL, timeout=10_000)  # type: ignore[attr-defined]
        return original(self, page, *args, **kwargs)

    Axe.run = run
    yield None
    Axe.run = original


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's course, built with --strict and without PDFs (not needed here)."""
    project = make_project(tmp_path_factory.mktemp("browser") / "project", ROOT / "content")
    return build_project(project)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> str:
    """The built site over HTTP on a free port of 127.0.0.1."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def outside_requests(page, site: Path) -> list[str]:
    """Every request the page makes outside the built site; each one is blocked."""
    return block_outside(page, (site.as_uri(), "http://127.0.0.1:"))


def block_outside(page, inside: tuple[str, ...]) -> list[str]:
    """Blocks and lists every request of `page` whose address (percent-decoded, so folders with
    spaces or accents compare as written) starts with none of `inside`."""
    blocked: list[str] = []
    inside = tuple(unquote(prefix) for prefix in inside) + ("data:", "blob:", "about:")

    def guard(route):
        url = route.request.url
        if unquote(url).startswith(inside):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.route("**/*", guard)
    return blocked


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
