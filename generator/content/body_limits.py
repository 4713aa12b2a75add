"""Bounds on the work one story or notes text may cost, checked before Markdown sees it.

Python-Markdown is recursive in nested lists (a few hundred levels exhaust Python's stack) and
rescans the rest of a paragraph for every unclosed '[' and the rest of the text for every
unclosed '<' (20 KB of '[' take minutes). No real story comes near these limits; a text that
does gets an error naming its line instead of a traceback or a build that never ends.
The deadline is a last guard for slow cases the limits do not foresee.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ..problems import Problem

MAX_NESTING = 20  # lists and quotes inside each other
# Characters Markdown rescans for, times the length it rescans: under two seconds of conversion at most.
MAX_RESCAN = 5_000_000
DEADLINE_SECONDS = 20.0

CONTAINER = re.compile(r" {0,3}(?:(?:[-*+]|\d{1,9}[.)])(?=\s|$)|>)")
THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:\s*\1){2,}\s*$")  # '- - -' is a rule, not three lists
BLANK_LINES = re.compile(r"\n[ \t]*\n")
ESCAPED = re.compile(r"\\[\[<]")
UNCLOSED_TAG = re.compile(r"<[A-Za-z!?/][^<>]*(?=<|$)")  # a tag's '<' with no '>' before the next '<'


class SlowText(Exception):
    """The conversion ran past its deadline."""


def nesting_depth(line: str) -> int:
    """How many lists and quotes this line opens or continues, by its indent and its markers."""
    if THEMATIC_BREAK.match(line):
        return 0
    expanded = line.expandtabs(4)
    indent = len(expanded) - len(expanded.lstrip(" "))
    depth, position = 0, indent
    while match := CONTAINER.match(expanded, position):
        depth += 1
        position = match.end()
    return depth + indent // 4 if depth else 0


def body_problems(text: str, path: str, first_line: int) -> list[Problem]:
    """Errors for a text past the limits; empty for every ordinary text."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        depth = nesting_depth(line)
        if depth > MAX_NESTING:
            problems.append(Problem(path, f"this line nests lists or quotes {depth} levels deep; at most "
                                    f"{MAX_NESTING} can be published: indent less, or remove some '-', '*', '1.' or '>'",
                                    number))
            break
    plain = ESCAPED.sub("", text)
    total, worst, worst_at, worst_count = 0, 0, 0, 0
    for start, paragraph in _paragraphs(plain) if "[" in plain else ():
        count = paragraph.count("[")
        total += count * len(paragraph)
        if count * len(paragraph) > worst:
            worst, worst_at, worst_count = count * len(paragraph), start, count
    unclosed = len(UNCLOSED_TAG.findall(plain)) if "<" in plain else 0
    if total > MAX_RESCAN:
        problems.append(Problem(path, f"the text holds {plain.count('['):,} '[' characters, {worst_count:,} of them in "
                                "the paragraph that starts here; Markdown reads each one as the start of a link, and so "
                                "many make the build crawl: write a bracket that is not a link as '\\[', or split long "
                                "paragraphs", first_line + plain.count("\n", 0, worst_at)))
    if unclosed * len(plain) > MAX_RESCAN:
        problems.append(Problem(path, f"the text holds {unclosed:,} '<' characters that no '>' closes; Markdown reads "
                                "each one as the start of HTML, and so many make the build crawl: write a '<' that is "
                                "not HTML as '&lt;'", first_line + plain.count("\n", 0, plain.find("<"))))
    return problems


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) for each run of lines between blank lines."""
    start = 0
    for blank in [*BLANK_LINES.finditer(text), None]:
        paragraph = text[start:blank.start() if blank else len(text)]
        yield start + len(paragraph) - len(paragraph.lstrip("\n")), paragraph
        start = blank.end() if blank else 0


@contextmanager
def deadline(seconds: float = DEADLINE_SECONDS) -> Iterator[None]:
    """Raises SlowText in the block after `seconds`; a no-op outside the main thread (previews run
    builds in a thread, where the limits above still hold)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise SlowText(f"converting the text took more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
