"""Validates parsed YAML against the schema and words every failure for a trainer.

Each pydantic error becomes one Problem at the line of the offending key or value,
in the "expected … but received …" style of MkDocs' config validators.
"""

from __future__ import annotations

import datetime
import re
import typing
import unicodedata
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..problems import Problem, did_you_mean
from .schema import EXAMPLES, SLUG_PATTERN
from .yaml_doc import YamlDoc

Model = TypeVar("Model", bound=BaseModel)


def validate(doc: YamlDoc, model: type[Model], path: str) -> tuple[Model | None, list[Problem]]:
    """The validated model, or None with one Problem per thing wrong."""
    if not isinstance(doc.data, dict):
        line, column = doc.position(())
        example = "title: The Borrowed Umbrella" if "title" in model.model_fields else EXAMPLES["themes.yml"]
        message = (
            f"expected fields written as 'name: value' lines but received {describe(doc.data)}; "
            f"start with a line like: {example}"
        )
        return None, [Problem(path, message, line, column)]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            at_key = error["type"] in ("extra_forbidden", "invalid_key") or loc[-1:] == ("[key]",)
            line, column = doc.position(loc, at_key=at_key)
            problems.append(Problem(path, explain(error, model), line, column))
        return None, problems


def explain(error: ErrorDetails, model: type[BaseModel]) -> str:
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    name = field_name(loc)
    last = next((p for p in reversed(loc) if isinstance(p, str) and p != "[key]"), "")
    example = EXAMPLES.get(last, "")
    fix = f"; write it like: {example}" if example else ""

    if kind == "missing":
        return f"missing required field '{loc[-1]}'{'; add a line like: ' + example if example else ''}"
    if kind == "extra_forbidden":
        allowed = allowed_fields(model, loc[:-1])
        return (
            f"unknown field '{loc[-1]}'{did_you_mean(str(loc[-1]), allowed)}; "
            f"the fields allowed here are: {', '.join(allowed)}"
        )
    if kind == "invalid_key":
        return f"expected a field name made of letters but received {describe(value)}"
    if kind == "string_type":
        return f"{name}: expected text but received {describe(value)}{fix if isinstance(value, (list, dict)) else ''}"
    if kind == "string_too_short":
        return f"{name}: expected text but the field is empty{fix}"
    if kind == "invisible_text":
        return (f"{name}: expected text but received only invisible characters (such as zero-width spaces, "
                f"often pasted from another program); type the text again{fix}")
    if kind == "credit_missing":
        return ("missing field 'source' or 'told_by': say who first told the story, with "
                f"{EXAMPLES['source']}, or, for a story told in your own team, {EXAMPLES['told_by']}")
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact", "date_from_datetime_parsing"):
        return f"{name}: expected a date written as year-month-day but received {describe(value)}{fix}"
    if kind == "video_length":
        return (f"{name}: expected the video's length in whole minutes (12) or as minutes and seconds in quotes "
                f"(\"4:30\") but received {describe(value)}")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{name}: expected a whole number of minutes but received {describe(value)}{fix}"
    if kind == "list_type":
        return f"{name}: expected a list but received {describe(value)}{fix}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{name}: expected a group of 'name: value' fields but received {describe(value)}{fix}"
    if kind == "too_short":
        return f"{name}: expected at least {ctx.get('min_length', 1)} item but the list is empty{fix}"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == SLUG_PATTERN:
        suggestion = slugify(str(value))
        better = f"; write it as '{suggestion}'" if suggestion and suggestion != value else ""
        return (
            f"{name}: expected a slug (lowercase letters, digits and single hyphens, "
            f"like 'small-gestures') but received {describe(value)}{better}"
        )
    if kind == "string_pattern_mismatch":
        return f"{name}: expected a web address starting with https:// but received {describe(value)}"
    if kind == "greater_than":
        return f"{name}: expected a number greater than {ctx.get('gt')} but received {describe(value)}"
    if kind == "less_than_equal":
        return f"{name}: expected at most {ctx.get('le')} but received {describe(value)}"
    return f"{name}: {error['msg']} (received {describe(value)})"


def field_name(loc: tuple[Any, ...]) -> str:
    """('agenda', 1, 'minutes') -> "field 'agenda' item 2 'minutes'"."""
    words = []
    for part in loc:
        if part == "[key]":
            words.append("name")
        elif isinstance(part, int):
            words.append(f"item {part + 1}")
        else:
            words.append(f"'{part}'")
    return "field " + " ".join(words) if words else "the front matter"


def describe(value: Any) -> str:
    """How a trainer would name what they wrote."""
    if value is None:
        return "nothing (the field is empty)"
    if isinstance(value, bool):
        return f"yes/no ({'true' if value else 'false'}; put the text in quotes)"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"a date ({value.isoformat()}; put it in quotes to use it as text)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a group of fields"
    return type(value).__name__


def allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the (nested) model found at `loc`."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or not _is_model(current):
            continue
        info = current.model_fields.get(part)
        if info is None:
            break
        current = _inner_model(info.annotation)
    return list(current.model_fields) if _is_model(current) else []


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def _inner_model(annotation: Any) -> Any:
    if _is_model(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def slugify(text: str) -> str:
    """A title or file name as a slug: accents folded, lowercase, single hyphens."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
