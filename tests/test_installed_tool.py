"""The tool as a trainer installs it: a wheel of the repository installed into a fresh virtual
environment outside the repository, its `service-stories` command making a course, checking,
building and serving it, and every "Next:" hint it prints being a command that works."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from http_probe import fetch, free_port  # noqa: E402

SHIPPED = ["generator/templates/pages/story.html.j2", "generator/templates/print/print.css.j2",
           "generator/templates/overrides/main.html", "generator/templates/overrides/assets/javascripts/reading.js",
           "generator/locales/en.yml", "generator/locales/fr.yml", "generator/scaffolds/mkdocs.yml"]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the tool's wheel in it: the wheel brings the tool; its dependencies are
    this test environment's (a path entry, so nothing is downloaded)."""
    work = tmp_path_factory.mktemp("installed")
    source = work / "source"  # a copy, so the build leaves nothing in the repository
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    wheels = work / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(wheels),
                    str(source)], check=True, capture_output=True, text=True)
    wheel = next(wheels.glob("service_stories-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert set(SHIPPED) <= names, sorted(set(SHIPPED) - names)

    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site_packages = Path(subprocess.run([str(venv / "bin/python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        check=True, capture_output=True, text=True).stdout.strip())
    (site_packages / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin/python"), "install", "--quiet", "--no-deps",
                    str(wheel)], check=True, capture_output=True, text=True)
    return venv


def run(command: list[str] | str, cwd: Path, venv: Path, **options) -> subprocess.CompletedProcess[str]:
    """As a trainer's shell would: the venv's bin/ on the PATH, nothing of the repository importable."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["TRAINING_PDF"] = "0"
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, shell=isinstance(command, str),
                          **options)


def test_the_installed_command_makes_checks_builds_and_serves_a_course(installed: Path, tmp_path: Path) -> None:
    where = run(["python", "-c", "import generator; print(generator.__file__)"], tmp_path, installed)
    assert Path(where.stdout.strip()).is_relative_to(installed), where.stdout  # the installed copy, not the checkout

    made = run(["service-stories", "new", "course", "our-course", "--title", "Our Course"], tmp_path, installed)
    assert made.returncode == 0, made.stderr
    course = tmp_path / "our-course"
    assert not (course / "templates").exists()  # the tool's templates serve until a course wants its own
    hint = next(line for line in made.stdout.splitlines() if line.startswith("Next: "))
    assert hint.startswith("Next: cd our-course && service-stories serve"), hint

    checked = run(["service-stories", "check", "--strict"], course, installed)
    assert checked.returncode == 1 and "is still the example that `new course` wrote" in checked.stderr

    built = run(["service-stories", "build"], course, installed)
    assert built.returncode == 0, built.stderr
    home = (course / "site/index.html").read_text(encoding="utf-8")
    assert "<title>Our Course</title>" in home and (course / "site/assets/stylesheets/stories.css").is_file()
    assert (course / "site/stories/an-example-story.html").is_file()

    # The hint's own command: `cd our-course && service-stories serve`, run as it is printed.
    port = free_port()
    serve = hint.removeprefix("Next: ").split(", then")[0] + f" -a 127.0.0.1:{port}"
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{installed / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    server = subprocess.Popen(serve, shell=True, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while "An Example Story" not in fetch(f"http://127.0.0.1:{port}/stories/an-example-story.html"):
            assert server.poll() is None, server.communicate()[0]
            assert time.monotonic() < deadline, "the preview never answered"
            time.sleep(0.3)
        assert "Our Course" in fetch(f"http://127.0.0.1:{port}/index.html")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output


def test_every_next_hint_is_a_command_that_works(installed: Path, tmp_path: Path) -> None:
    run(["service-stories", "new", "course", "c"], tmp_path, installed, check=True)
    course = tmp_path / "c"
    for command in (["service-stories", "new", "story", "The Umbrella"], ["service-stories", "new", "module", "Rainy Days"]):
        made = run(command, course, installed)
        assert made.returncode == 0, made.stderr
        hint = next(line for line in made.stdout.splitlines() if line.startswith("Next: "))
        commands = re.findall(r"`([^`]+)`", hint)
        assert commands, hint
        for written in commands:
            assert shlex.split(written)[0] == "service-stories", hint
            ran = run(written, course, installed)
            assert ran.returncode in (0, 1) and "Traceback" not in ran.stderr, ran.stderr  # it runs (and finds problems)
            assert "warning" in ran.stderr or "error" in ran.stderr
    missing = run(["service-stories", "new", "story", "X", "--content", "nowhere"], tmp_path, installed)
    assert missing.returncode == 1 and "`service-stories new course DIR`" in missing.stderr
