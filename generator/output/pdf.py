"""Print documents to PDF with WeasyPrint; every file lands whole or not at all (writer.py).

PDFs carry no random identifier and the build's date (the sources' newest change, or
SOURCE_DATE_EPOCH), so two builds of the same content give byte-identical files.
"""

from __future__ import annotations

import hashlib
import html as html_module
import logging
import os
import posixpath
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

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
    from urllib.request import url2pathname  # here: it brings http.client and ssl, which builds without PDFs need not load

    from weasyprint.urls import URLFetcher

    allowed = tuple(Path(os.path.realpath(root)) for root in roots)

    class LocalOnly(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith(SITE_URL) and allowed:  # a file of the site being built (for_pdf)
                url = (allowed[0] / url2pathname(url[len(SITE_URL):])).as_uri()
            if url.startswith("file:"):
                path = Path(os.path.realpath(url2pathname(urlsplit(url).path)))
                if any(path.is_relative_to(root) for root in allowed):
                    return super().fetch(url, headers)
            raise OutsideRequest(f"not fetched (the PDFs load nothing from outside the project): {url}")

    return LocalOnly()


# Pictures of the site being built, by a name that is the same in every build (WeasyPrint names a
# picture in the PDF after its address; a staging folder's would differ each time).
SITE_URL = "service-stories-site:/"
RELATIVE_URL = re.compile(r'(<(?:a|img)\b[^>]*?\s(?:href|src)=")(?![a-zA-Z][a-zA-Z0-9+.\-]*:|//|#)([^"]+)(")')


def for_pdf(html: str, page_path: str, pdf_path: str, site: Path | None) -> str:
    """The document's HTML as its PDF needs it: pictures from the site folder being built (SITE_URL,
    which the fetcher reads from there), links re-based from where the page sits to where the PDF
    sits, so `../stories/x.html` in a PDF opened from the site leads to the story."""
    page_folder, pdf_folder = posixpath.dirname(page_path), posixpath.dirname(pdf_path) or "."

    def rebase(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(page_folder, html_module.unescape(match.group(2))))
        if match.group(1).startswith("<img"):
            if site is None:
                return match.group(0)
            url = SITE_URL + quote(target)
        else:
            url = posixpath.relpath(target, pdf_folder)
        return f"{match.group(1)}{html_module.escape(url)}{match.group(3)}"

    return RELATIVE_URL.sub(rebase, html)


def pdf_bytes(document: PrintDocument, date: int, *roots: Path) -> bytes:
    """The document as PDF, dated `date`; it may load files inside `roots` (none: only what it
    holds itself); its pictures come from the first root, the site being built."""
    from weasyprint import HTML

    try:
        html = for_pdf(document.html, document.page_path, document.pdf_path, roots[0] if roots else None)
        rendered = HTML(string=html, url_fetcher=local_fetcher(*roots)).render(font_config=_font_config())
        rendered.metadata.title = document.title
        rendered.metadata.created = rendered.metadata.modified = w3c_date(date)
        identifier = hashlib.md5(document.html.encode("utf-8")).hexdigest().encode()
        return bytes(rendered.write_pdf(pdf_identifier=identifier, uncompressed_pdf=False))
    except Exception as exc:  # WeasyPrint raises many kinds; the trainer needs which file and why
        raise PdfError(f"{document.pdf_path} ({document.title}): {type(exc).__name__}: {exc}") from None


def write_pdf(writer: SiteWriter, document: PrintDocument, date: int) -> str:
    writer.write(document.pdf_path, pdf_bytes(document, date, Path(writer.root)))
    return document.pdf_path
