"""Turns a content file's bytes into text and front matter, or says exactly why it can't."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..command import tool_command

MAX_FILE_BYTES = 1_000_000
UTF8_BOM = b"\xef\xbb\xbf"
FENCE = re.compile(r"^---[ \t]*$")
CLOSING_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")


class SourceError(Exception):
    """A file that cannot be read as content; line/column are 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def read_text(path: Path) -> str:
    """UTF-8 text with a BOM dropped and Windows or old-Mac line endings made '\\n'."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SourceError(
            f"the file is {size / 1_000_000:.1f} MB; a content file may be at most "
            f"{MAX_FILE_BYTES // 1_000_000} MB. Split it, or move large media out of the text"
        )
    data = path.read_bytes()
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02X} cannot be read); "
            "open it in your editor and save it with the encoding 'UTF-8'",
            line,
            column,
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise SourceError("the file contains a NUL character; it looks like a binary file, not text", line)
    return text


@dataclass(frozen=True)
class FrontMatterText:
    """The YAML between the fences and the Markdown after them."""

    yaml: str
    yaml_first_line: int
    body: str
    body_first_line: int


def split_front_matter(text: str, kind: str) -> FrontMatterText:
    """Splits '---' fenced YAML from the body; `kind` ('story', 'module') words the errors."""
    if not text.strip():
        raise SourceError(
            f"the file is empty; a {kind} starts with front matter: a line '---', "
            f"its fields, then a line '---' (run `{tool_command()} new {kind} \"Title\"` for a template)",
            1,
        )
    lines = text.split("\n")
    if not FENCE.match(lines[0]):
        raise SourceError(
            f"expected front matter on the first line but found {lines[0][:40]!r}; "
            f"a {kind} file starts with a line '---', then its fields, then a line '---'",
            1,
            1,
        )
    for index in range(1, len(lines)):
        if CLOSING_FENCE.match(lines[index]):
            return FrontMatterText(
                yaml="\n".join(lines[1:index]) + "\n",
                yaml_first_line=2,
                body="\n".join(lines[index + 1:]),
                body_first_line=index + 2,
            )
    raise SourceError(
        "the front matter is never closed: add a line '---' after the last field",
        1,
        1,
    )
