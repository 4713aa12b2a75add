"""The search index, written by the core in the format Material's search reads.

Material's search worker builds its Lunr index in the browser from `docs` (one entry per page
section: location, title, text) and the `config` block of its search plugin, which the theme
build records (theme/shells.py). With the offline plugin, the same index is written as a script
as well, so search works from file://. Written whole on every build, so a preview's index holds
each page once however often it was rebuilt.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..render import urls
from .writer import SiteWriter


def index_json(config: dict[str, Any], entries: Iterable[dict[str, str]]) -> str:
    return json.dumps({"config": config, "docs": list(entries)}, separators=(",", ":"), default=str)


def write_search_index(writer: SiteWriter, config: dict[str, Any], entries: Iterable[dict[str, str]],
                       offline: bool) -> None:
    data = index_json(config, entries)
    writer.write(urls.SEARCH_INDEX, data)
    if offline:
        writer.write(urls.SEARCH_SCRIPT, f"var __index = {data}")
