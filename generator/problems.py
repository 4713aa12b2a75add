"""Content problems, collected rather than raised, so a trainer sees every one in one run."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, at a line and column when we know them (1-based)."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR

    @property
    def location(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line or 0, self.column or 0, self.message)


@dataclass
class Report:
    """Every problem found in a run, errors and warnings kept apart."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, path: str, message: str, line: int | None = None, column: int | None = None) -> None:
        self.problems.append(Problem(path, message, line, column, Severity.ERROR))

    def warning(self, path: str, message: str, line: int | None = None, column: int | None = None) -> None:
        self.problems.append(Problem(path, message, line, column, Severity.WARNING))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self.problems if p.severity is Severity.ERROR), key=Problem.sort_key)

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for p in self.problems if p.severity is Severity.WARNING), key=Problem.sort_key)

    def failed(self, strict: bool = False) -> bool:
        """Errors always fail; with strict, warnings fail too."""
        return bool(self.errors or (strict and self.warnings))

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"


def display_path(path: Path | str) -> str:
    """The path as a trainer would type it: relative to where they ran the command."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' hint for a near miss, or '' when nothing is close."""
    options = list(choices)
    lowered = {c.lower(): c for c in options}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return f" (did you mean '{lowered[word.lower()]}'?)"
    close = difflib.get_close_matches(word.lower(), options, n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""
