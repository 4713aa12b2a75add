"""The README's hosting recipes, tried here: the GitHub Pages workflow that `new course` writes
(valid against the workflow schema, and its build step run as written), and `mkdocs gh-deploy`
into a local remote. Serving site/ with a plain web server is what tests/test_browser.py does."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml
from conftest import run_generator

GIT = ["git", "-c", "user.name=Trainer", "-c", "user.email=trainer@example.com", "-c", "init.defaultBranch=main"]
VENV_BIN = str(Path(sys.executable).parent)


def _new_course(where: Path) -> Path:
    result = run_generator("new", "course", "pages-course", "--title", "Pages Course", cwd=where)
    assert result.returncode == 0, result.stderr
    course = where / "pages-course"
    subprocess.run([*GIT, "init", "-q"], cwd=course, check=True)
    subprocess.run([*GIT, "add", "."], cwd=course, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "A new course", "--date", "2026-03-01T09:00:00Z"], cwd=course, check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": "2026-03-01T09:00:00Z"})
    return course


def _schema_check(workflow: Path) -> subprocess.CompletedProcess[str]:
    """The GitHub workflow schema (SchemaStore's, vendored in check-jsonschema: nothing fetched)."""
    return subprocess.run([os.path.join(VENV_BIN, "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           str(workflow)], capture_output=True, text=True)


def test_new_course_writes_a_pages_workflow_whose_build_step_works(tmp_path: Path) -> None:
    course = _new_course(tmp_path)
    workflow_file = course / ".github" / "workflows" / "pages.yml"
    checked = _schema_check(workflow_file)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert [s["uses"] for s in steps if "uses" in s] == ["actions/checkout@v4", "actions/setup-python@v5",
                                                         "actions/upload-pages-artifact@v3"]
    assert steps[-1]["with"]["path"] == "site"
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"] == "actions/deploy-pages@v4"

    build = next(step for step in steps if step.get("name") == "Build")
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", build["run"]], cwd=course, capture_output=True, text=True,
                            env={**os.environ, "PATH": VENV_BIN + os.pathsep + os.environ["PATH"]})
    assert result.returncode == 0, result.stderr
    site = course / "site"
    assert (site / "index.html").is_file() and (site / "handouts" / "first-session.pdf").is_file()
    assert not (site / "guides").exists() and not (course / "site-facilitator").exists(), "Pages publishes the learner edition only"
    with zipfile.ZipFile(site / "lms" / "first-session.zip") as package:
        assert {info.date_time for info in package.infolist()} == {(2026, 3, 1, 9, 0, 0)}, "dated by the last commit"
    assert (site / "offline" / "pages-course.zip").is_file()


def test_the_workflow_check_fails_on_a_broken_workflow(tmp_path: Path) -> None:
    course = _new_course(tmp_path)
    workflow_file = course / ".github" / "workflows" / "pages.yml"
    broken = workflow_file.read_text(encoding="utf-8").replace("    runs-on: ubuntu-latest\n", "    runs_on: ubuntu-latest\n", 1)
    workflow_file.write_text(broken, encoding="utf-8")
    assert _schema_check(workflow_file).returncode != 0


def test_mkdocs_gh_deploy_pushes_the_built_site_to_gh_pages(tmp_path: Path) -> None:
    course = _new_course(tmp_path)
    remote = tmp_path / "remote.git"
    subprocess.run([*GIT, "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run([*GIT, "remote", "add", "origin", str(remote)], cwd=course, check=True)
    result = subprocess.run([os.path.join(VENV_BIN, "mkdocs"), "gh-deploy", "--force"], cwd=course, capture_output=True,
                            text=True, env={**os.environ, "TRAINING_PDF": "0", "GIT_AUTHOR_NAME": "Trainer",
                                            "GIT_AUTHOR_EMAIL": "trainer@example.com", "GIT_COMMITTER_NAME": "Trainer",
                                            "GIT_COMMITTER_EMAIL": "trainer@example.com"})
    assert result.returncode == 0, result.stderr
    published = subprocess.run(["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages"],
                               capture_output=True, text=True, check=True).stdout.split()
    assert {".nojekyll", "index.html", "stories/an-example-story.html", "search/search_index.js"} <= set(published)
