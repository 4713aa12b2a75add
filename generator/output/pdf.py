"""Print documents to PDF with WeasyPrint; every file lands whole or not at all (writer.py).

PDFs carry no random identifier and no creation date (or SOURCE_DATE_EPOCH's, when set), so
two builds of the same content give byte-identical files.
"""

from __future__ import annotations

import hashlib
import logging
import os
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ..render.print_docs import PrintDocument
from .writer import write_file


class PdfError(Exception):
    """A document could not be made into a PDF; the message names the document and the cause."""


_fonts = None


def _font_config():
    global _fonts
    if _fonts is None:
        from weasyprint.text.fonts import FontConfiguration

        _fonts = FontConfiguration()
    return _fonts


def source_date() -> str | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) as a W3C date for the PDF's metadata, or None."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class OutsideRequest(ValueError):
    """A print document asked for something outside the project; it is left out, never fetched."""


def local_fetcher(*roots: Path):
    """WeasyPrint's fetcher, limited to data: URLs and files inside `roots`: a PDF step never
    waits on a network (a host that never answers), nor reads a file outside the project."""
    from weasyprint.urls import URLFetcher

    allowed = tuple(Path(os.path.realpath(root)) for root in roots)

    class LocalOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                path = Path(os.path.realpath(url2pathname(urlsplit(url).path)))
                if any(path.is_relative_to(root) for root in allowed):
                    return super().fetch(url, headers)
            raise OutsideRequest(f"not fetched (the PDFs load nothing from outside the project): {url}")

    return LocalOnly()


def pdf_bytes(document: PrintDocument, *roots: Path) -> bytes:
    """The document as PDF; it may load files inside `roots` (none: only what it holds itself)."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        rendered = HTML(string=document.html, url_fetcher=local_fetcher(*roots)).render(font_config=_font_config())
        rendered.metadata.title = document.title
        rendered.metadata.created = rendered.metadata.modified = source_date()
        identifier = hashlib.md5(document.html.encode("utf-8")).hexdigest().encode()
        return rendered.write_pdf(pdf_identifier=identifier, uncompressed_pdf=False)
    except Exception as exc:  # WeasyPrint raises many kinds; the trainer needs which file and why
        raise PdfError(f"{document.pdf_path} ({document.title}): {type(exc).__name__}: {exc}") from None


def write_pdf(site_dir: str, document: PrintDocument) -> str:
    write_file(site_dir, document.pdf_path, pdf_bytes(document))
    return document.pdf_path
