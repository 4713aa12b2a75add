"""`python -m generator check|build|serve`: one front door over the same core the plugin uses."""

from __future__ import annotations

import logging
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import click

from .command import tool_command
from .content.loader import load_course
from .problems import Problem, Report, Severity


def print_report(report: Report, *, strict: bool = False) -> None:
    for problem in report.errors + report.warnings:
        click.echo(_styled(problem), err=True)
    if report.problems:
        click.echo(report.summary() + (" (warnings count as errors with --strict)" if strict and report.warnings else ""), err=True)


def _styled(problem: Problem) -> str:
    colour = "red" if problem.severity is Severity.ERROR else "yellow"
    return f"{click.style(problem.location, bold=True)}: {click.style(problem.severity.value, fg=colour)}: {problem.message}"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Service Stories: build the training site from content/."""


@main.command()
@click.option("--content", "content_dir", default="content", show_default=True, type=click.Path(path_type=Path), help="The content folder.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(content_dir: Path, strict: bool) -> None:
    """Validate the content only; list every problem as path:line:column: message."""
    course, report = load_course(content_dir)
    print_report(report, strict=strict)
    if report.failed(strict):
        sys.exit(1)
    stories, modules = (len(course.stories), len(course.modules)) if course else (0, 0)
    click.echo(f"{content_dir}: {stories} stories, {modules} modules, no errors", err=True)


@main.command()
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(path_type=Path),
              help="The MkDocs configuration.")
@click.option("-d", "--site-dir", default=None, type=click.Path(path_type=Path),
              help="Where to write the site (default: site_dir of the config).")
@click.option("--strict", is_flag=True, help="Fail on any warning, including broken links.")
@click.option("-v", "--verbose", is_flag=True, help="Show what the theme build does.")
@click.option("--lms", "lms", multiple=True, type=click.Choice(["scorm12"]),
              help="Also write a package per module for a learning management system: site/lms/<module>.zip (SCORM 1.2).")
@click.option("--zip", "bundle", is_flag=True,
              help="Also write the whole site as one zip for a shared drive or USB stick: site/offline/<course>.zip.")
@click.option("--facilitator", is_flag=True,
              help="Build the facilitator edition (notes, guides, session builder, room display) into "
                   "site-facilitator/ beside the learner site, or into -d.")
def build(config_file: Path, site_dir: Path | None, strict: bool, verbose: bool, lms: tuple[str, ...],
          bundle: bool, facilitator: bool) -> None:
    """Build the site (pages, search index, PDFs) into site/."""
    from .build.progress import build_progress
    from .build.session import BuildFailed
    from .build.site_build import build_site

    _setup_logging(verbose)
    if facilitator and lms:
        click.echo(click.style("Not built: ", fg="red", bold=True) + "LMS packages are for learners and never hold "
                   "facilitator notes; build them without --facilitator", err=True)
        sys.exit(2)
    started = time.monotonic()
    try:
        with build_progress() as progress:
            result = build_site(config_file, site_dir=site_dir, strict=strict, progress=progress,
                                on_wait=lambda message: click.echo(message, err=True), facilitator=facilitator)
    except BuildFailed as failure:
        if failure.report is not None:
            print_report(failure.report, strict=strict)
        click.echo(click.style("Build failed: ", fg="red", bold=True) + failure.reason, err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo(click.style("Build interrupted: ", fg="red", bold=True) + "the previous site was left as it was", err=True)
        sys.exit(130)  # the shell's code for a command stopped by Ctrl+C
    if result.report.warnings:
        print_report(result.report)
    for link in result.broken_links:
        click.echo(f"{click.style('warning', fg='yellow')}: {link}", err=True)
    if result.kept:
        click.echo(f"Kept {len(result.kept)} file{'s' if len(result.kept) != 1 else ''} in {result.site_dir} that no build "
                   "made (see README, 'Safety')", err=True)
    click.echo(f"Built {result.pages} pages into {result.site_dir} in {time.monotonic() - started:.1f} s", err=True)
    if lms or bundle:
        _publish(config_file, result.site_dir, list(dict.fromkeys(lms)), bundle)


def _publish(config_file: Path, site_dir: Path, formats: list[str], bundle: bool) -> None:
    """LMS packages and the offline zip, from the site just built (build/publish.py)."""
    from .build.project import load_project
    from .build.publish import PublishFailed, publish
    from .build.site_build import build_date

    project = load_project(config_file, site_dir)  # read by the build a moment ago
    course, report = load_course(project.content_dir)
    try:
        if course is None:
            raise PublishFailed(f"the content changed during the build: {report.summary()}; build again")
        publish(course, site_dir, build_date(project), project.language, formats, bundle,
                on_written=lambda path: click.echo(f"Wrote {path} ({path.stat().st_size / 1024:.0f} KB)", err=True))
    except PublishFailed as failure:
        click.echo(click.style("Packages failed: ", fg="red", bold=True) + f"{failure}; the site itself was built", err=True)
        sys.exit(1)


@main.command()
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(path_type=Path),
              help="The MkDocs configuration.")
@click.option("-a", "--dev-addr", default=None, metavar="IP:PORT", help="Address to serve on (default 127.0.0.1:8000).")
@click.option("--facilitator", is_flag=True, help="Preview the facilitator edition.")
def serve(config_file: Path, dev_addr: str | None, facilitator: bool) -> None:
    """Preview the site; reloads when content/, templates/ or mkdocs.yml change."""
    from .build.project import ProjectError
    from .build.serve import serve as serve_preview

    _setup_logging(verbose=True)
    try:
        serve_preview(config_file, dev_addr, facilitator=facilitator)
    except ProjectError as exc:
        click.echo(click.style("Cannot serve: ", fg="red", bold=True) + str(exc), err=True)
        sys.exit(1)


@main.group()
def new() -> None:
    """Create a story, a module or a whole course from a template."""


def _scaffold(make: Callable[..., Path | list[Path]], *args: object, next_step: str) -> None:
    from .scaffold import ScaffoldError

    try:
        created = make(*args)
    except ScaffoldError as exc:
        click.echo(click.style("Not created: ", fg="red", bold=True) + str(exc), err=True)
        sys.exit(1)
    for path in created if isinstance(created, list) else [created]:
        click.echo(f"created {path}")
    click.echo(next_step)


def _content_command(kind: str, make_name: str, next_step: str) -> None:
    """`new story` or `new module`; `next_step` names the tool as {tool}."""
    @new.command(kind)
    @click.argument("title")
    @click.option("--content", "content_dir", default="content", show_default=True,
                  type=click.Path(path_type=Path), help="The content folder.")
    def command(title: str, content_dir: Path) -> None:
        from . import scaffold

        _scaffold(getattr(scaffold, make_name), content_dir, title, next_step=next_step.format(tool=tool_command()))

    command.help = f"A new {kind} file named after TITLE, with every field explained."


_content_command("story", "new_story", "Next: fill in the fields and the story, add it to a module's 'stories', "
                 "then run `{tool} check`.")
_content_command("module", "new_module", "Next: fill in the fields, add the module's slug to 'modules' in "
                 "course.yml, then run `{tool} check`.")


@new.command("course")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--title", default=None, help="The course title (default: from the folder name).")
def new_course_command(folder: Path, title: str | None) -> None:
    """A complete new course project in FOLDER (new or empty) that builds as is."""
    from .scaffold import new_course

    _scaffold(new_course, folder, title,
              next_step=f"Next: cd {shlex.quote(str(folder))} && {tool_command()} serve, then edit the files in content/ "
                        f"(`{tool_command()} check --strict` lists what is still the example's text).")


class _MkDocsFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        colour = {logging.ERROR: "red", logging.WARNING: "yellow"}.get(record.levelno)
        level = click.style(record.levelname, fg=colour) if colour else record.levelname
        return f"{level:<8} -  {record.getMessage()}"


class _CurrentStderr(logging.StreamHandler[TextIO]):
    """Writes to sys.stderr as it is at each message, so a live progress line (which redirects
    it) prints log lines above itself instead of being torn apart by them."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def _setup_logging(verbose: bool) -> None:
    logger = logging.getLogger("mkdocs")  # MkDocs' messages, and ours (mkdocs.service_stories)
    if not any(isinstance(h.formatter, _MkDocsFormatter) for h in logger.handlers):
        handler = _CurrentStderr(sys.stderr)
        handler.setFormatter(_MkDocsFormatter())
        logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
