"""Shared fixtures: a stable fixture course, and throwaway projects built with MkDocs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_COURSE = ROOT / "tests" / "fixtures" / "course"


def make_project(where: Path, content: Path | None = FIXTURE_COURSE) -> Path:
    """A project folder like the repository's: mkdocs.yml, templates/ and a copy of `content`."""
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    (where / "templates").symlink_to(ROOT / "templates")
    if content is not None:
        shutil.copytree(content, where / "content")
    return where


def run_generator(*args: str, cwd: Path, check: bool = False) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` as a trainer would run it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=check,
    )


def build_project(project: Path, *extra: str) -> Path:
    result = run_generator("build", "--strict", *extra, cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course, built once with --strict."""
    return build_project(make_project(tmp_path_factory.mktemp("fixture") / "project"))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own content, built once with --strict."""
    return build_project(make_project(tmp_path_factory.mktemp("real") / "project", ROOT / "content"))
