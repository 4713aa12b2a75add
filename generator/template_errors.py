"""Template mistakes reported as 'file:line: message', not as a Python traceback."""

from __future__ import annotations

import traceback

import jinja2

TEMPLATE_SUFFIXES = (".html", ".j2", ".xml")


def describe_template_error(exc: jinja2.TemplateError) -> str:
    """Where in which template the error happened, as precisely as Jinja tells."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return f"{exc.filename}:{exc.lineno}: template syntax error: {exc.message}"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(TEMPLATE_SUFFIXES)]
    where = f"{frames[-1].filename}:{frames[-1].lineno}: " if frames else ""
    return f"{where}template error: {exc.message or exc}"
