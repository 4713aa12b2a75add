"""Text pasted from Word, a web page or an e-mail: what it brings that a trainer cannot see.

- Curly quotes around a whole YAML value (`title: “Rule one: listen”`) are what the trainer
  meant as quotes: they are read as quotes (YAML only knows straight ones, and would keep them
  in the title, or fail on the colon inside).
- Invisible characters (zero-width spaces, soft hyphens, a stray byte-order mark, control
  characters) and non-breaking spaces are reported where they are, with what to do. A
  non-breaking space where French typography puts one (before : ; ! ? », after «, between the
  digits of 10 000) is left alone: it is meant.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A line whose whole value is in curly quotes: `key: “…”` or `- “…”` (nested lists too).
CURLY_VALUE = re.compile(
    r"^(?P<lead>[ ]*(?:-[ ]+)*(?:[^\s#:\"'“”„‘’\[\]{}][^:#]*?:[ ]+)?)"
    r"(?P<open>[“„‘”])(?P<body>.*)(?P<close>[”“’‘])[ \t]*$"
)
BLOCK_SCALAR = re.compile(r":[ ]+[|>][-+0-9]*[ ]*(?:#.*)?$")

NAMES = {
    "\u00a0": "non-breaking space",
    "\u202f": "narrow non-breaking space",
    "\u2007": "figure space",
    "\u200b": "zero-width space",
    "\u2060": "word joiner",
    "\ufeff": "byte-order mark (zero-width no-break space)",
    "\u00ad": "soft hyphen",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
}
NO_BREAK_SPACES = {"\u00a0", "\u202f", "\u2007"}
INVISIBLE = re.compile("[\u00a0\u202f\u2007\u200b\u2060\ufeff\u00ad\u2028\u2029\x01-\x08\x0b-\x1f\x7f-\x9f]")
TYPOGRAPHIC_BEFORE = set(":;!?»%€$£)")  # a no-break space before these is French (or currency) typography
SHOWN_PER_KIND = 3


@dataclass(frozen=True)
class Invisible:
    line: int  # 1-based, in the file
    column: int
    character: str
    structural: bool  # in YAML where a plain space is needed (indentation, around a field name)
    more: int = 0  # further occurrences of the same character not listed one by one

    @property
    def name(self) -> str:
        return NAMES.get(self.character) or unicodedata.name(self.character, "control character").lower()

    def message(self) -> str:
        code = f"U+{ord(self.character):04X}"
        more = f" ({self.more} more of them after this one)" if self.more else ""
        if self.character in NO_BREAK_SPACES:
            if self.structural:
                return (f"a {self.name} ({code}), often pasted from Word, where YAML needs an ordinary space{more}: "
                        "it was read as one; type a plain space there")
            return (f"a {self.name} ({code}), often pasted from Word{more}; replace it with an ordinary space "
                    "unless it must keep two words on one line")
        return (f"an invisible character, a {self.name} ({code}), often pasted from Word or a web page{more}; "
                "delete it (put the cursor just after it and press Backspace)")


def straighten_curly_quotes(yaml_text: str) -> str:
    """The YAML with curly quotes around whole values made straight quotes, as the trainer meant.

    Only whole values on one line are touched, never text inside a block (`description: >`), so a
    curly quote inside a sentence stays as written.
    """
    if not any(mark in yaml_text for mark in "“”„‘’"):
        return yaml_text
    lines = yaml_text.split("\n")
    block_indent: int | None = None
    for index, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue
            block_indent = None
        if BLOCK_SCALAR.search(line):
            block_indent = indent
            continue
        match = CURLY_VALUE.match(line)
        if match and _pairs(match.group("open"), match.group("close")):
            body = match.group("body").replace("\\", "\\\\").replace('"', '\\"')
            lines[index] = f'{match.group("lead")}"{body}"'
    return "\n".join(lines)


def plain_structure_spaces(yaml_text: str) -> str:
    """No-break spaces where YAML needs a space (indentation, around a field name) read as spaces:
    to YAML they are letters, and `\u00a0 author: B` would be a field named '\u00a0 author'."""
    if not any(space in yaml_text for space in NO_BREAK_SPACES):
        return yaml_text
    lines = yaml_text.split("\n")
    for index, line in enumerate(lines):
        if any(space in line for space in NO_BREAK_SPACES):
            lines[index] = "".join(" " if char in NO_BREAK_SPACES and _in_yaml_structure(line, column) else char
                                   for column, char in enumerate(line))
    return "\n".join(lines)


def _pairs(opening: str, closing: str) -> bool:
    double = opening in "“„”" and closing in "”“"
    single = opening == "‘" and closing in "’‘"
    return double or single


def invisible_characters(text: str, first_line: int = 1, yaml_lines: int = 0) -> list[Invisible]:
    """Each invisible character and out-of-place non-breaking space, the first few of each kind.

    The first `yaml_lines` lines are YAML: there a no-break space in the indentation or around
    a field name breaks the file (it is not a space to YAML) and is reported as structural.
    """
    if not INVISIBLE.search(text):
        return []
    found: dict[str, list[Invisible]] = {}
    counts: dict[str, int] = {}
    for number, line in enumerate(text.split("\n")):
        for match in INVISIBLE.finditer(line):
            character, column = match.group(), match.start()
            structural = number < yaml_lines and _in_yaml_structure(line, column)
            if character in NO_BREAK_SPACES and not structural and _typographic(line, column):
                continue
            counts[character] = counts.get(character, 0) + 1
            if counts[character] <= SHOWN_PER_KIND:
                found.setdefault(character, []).append(Invisible(number + first_line, column + 1, character, structural))
    listed = []
    for character, items in found.items():
        extra = counts[character] - len(items)
        if extra:
            last = items[-1]
            items[-1] = Invisible(last.line, last.column, last.character, last.structural, extra)
        listed += items
    return sorted(listed, key=lambda item: (item.line, item.column))


def _in_yaml_structure(line: str, column: int) -> bool:
    before = line[:column]
    if not before.strip(" -\u00a0\u202f\u2007"):
        return True  # indentation, or after a list's '-'
    colon = line.find(":")
    return 0 <= colon and column <= colon + 1  # in a field name, or the space after its ':'


def _typographic(line: str, column: int) -> bool:
    after = line[column + 1:column + 2]
    before = line[column - 1:column] if column else ""
    return after in TYPOGRAPHIC_BEFORE or before == "«" or (before.isdigit() and after.isdigit())
