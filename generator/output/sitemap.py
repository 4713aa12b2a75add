"""sitemap.xml and its gzipped copy, dated by the build (not the clock), as MkDocs writes them."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from .writer import SiteWriter

DAY = 86400


def sitemap_xml(site_url: str, paths: Iterable[str], date: int) -> str:
    """Every page's address under `site_url`; none without one (a sitemap needs full addresses)."""
    day = datetime.fromtimestamp(date, UTC).strftime("%Y-%m-%d")
    base = site_url.rstrip("/") + "/"
    urls = "".join(f"    <url>\n         <loc>{escape(base + path)}</loc>\n         <lastmod>{day}</lastmod>\n    </url>\n"
                   for path in sorted(paths)) if site_url else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>')


def write_sitemap(writer: SiteWriter, site_url: str, paths: Iterable[str], date: int) -> None:
    xml = sitemap_xml(site_url, paths, date)
    writer.write("sitemap.xml", xml)
    packed = io.BytesIO()
    with gzip.GzipFile(filename="sitemap.xml", fileobj=packed, mode="wb", mtime=date - date % DAY) as handle:
        handle.write(xml.encode("utf-8"))
    writer.write("sitemap.xml.gz", packed.getvalue())
