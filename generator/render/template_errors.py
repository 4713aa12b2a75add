"""Template mistakes reported as 'file:line: message', not as a Python traceback."""

from __future__ import annotations

import traceback

import jinja2

from ..problems import Problem

TEMPLATE_SUFFIXES = (".html", ".j2", ".xml")


def template_problem(exc: jinja2.TemplateError) -> Problem:
    """Where in which template the error happened, as precisely as Jinja tells."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return Problem(exc.filename, f"template syntax error: {exc.message}", exc.lineno)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(TEMPLATE_SUFFIXES)]
    where = frames[-1] if frames else None
    return Problem(where.filename if where else "templates", f"template error: {exc.message or exc}",
                   where.lineno if where else None)


def describe_template_error(exc: jinja2.TemplateError) -> str:
    problem = template_problem(exc)
    return f"{problem.location}: {problem.message}" if problem.path != "templates" else problem.message
