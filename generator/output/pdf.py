"""Print documents to PDF with WeasyPrint; every file lands whole or not at all (writer.py).

PDFs carry no random identifier and the build's date (the sources' newest change, or
SOURCE_DATE_EPOCH), so two builds of the same content give byte-identical files.
"""

from __future__ import annotations

import hashlib
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ..render.print_docs import PrintDocument
from .writer import SiteWriter


class PdfError(Exception):
    """A document could not be made into a PDF; the message names the document and the cause."""


_fonts: Any = None  # one font configuration per process, shared by its PDFs


def _font_config() -> Any:
    global _fonts
    if _fonts is None:
        from weasyprint.text.fonts import FontConfiguration

        _fonts = FontConfiguration()
    return _fonts


def w3c_date(epoch: int) -> str:
    """The build's date (seconds since 1970) as a W3C date for the PDF's metadata."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def quiet_weasyprint() -> None:
    """WeasyPrint and fontTools log every font and CSS detail; a build shows only errors."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


class OutsideRequest(ValueError):
    """A print document asked for something outside the project; it is left out, never fetched."""


def local_fetcher(*roots: Path) -> Any:
    """WeasyPrint's fetcher, limited to data: URLs and files inside `roots`: a PDF step never
    waits on a network (a host that never answers), nor reads a file outside the project."""
    from weasyprint.urls import URLFetcher

    allowed = tuple(Path(os.path.realpath(root)) for root in roots)

    class LocalOnly(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                path = Path(os.path.realpath(url2pathname(urlsplit(url).path)))
                if any(path.is_relative_to(root) for root in allowed):
                    return super().fetch(url, headers)
            raise OutsideRequest(f"not fetched (the PDFs load nothing from outside the project): {url}")

    return LocalOnly()


def pdf_bytes(document: PrintDocument, date: int, *roots: Path) -> bytes:
    """The document as PDF, dated `date`; it may load files inside `roots` (none: only what it
    holds itself)."""
    from weasyprint import HTML

    try:
        rendered = HTML(string=document.html, url_fetcher=local_fetcher(*roots)).render(font_config=_font_config())
        rendered.metadata.title = document.title
        rendered.metadata.created = rendered.metadata.modified = w3c_date(date)
        identifier = hashlib.md5(document.html.encode("utf-8")).hexdigest().encode()
        return bytes(rendered.write_pdf(pdf_identifier=identifier, uncompressed_pdf=False))
    except Exception as exc:  # WeasyPrint raises many kinds; the trainer needs which file and why
        raise PdfError(f"{document.pdf_path} ({document.title}): {type(exc).__name__}: {exc}") from None


def write_pdf(writer: SiteWriter, document: PrintDocument, date: int) -> str:
    writer.write(document.pdf_path, pdf_bytes(document, date))
    return document.pdf_path
