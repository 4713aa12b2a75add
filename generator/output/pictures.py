"""Pictures made smaller for the web, with reproducible bytes.

A phone's 4000-pixel photo would cost a reader on a phone megabytes; the pages load a 640 or
1280 pixel copy instead (render/body_links.py picks which exist). Copies are made with Pillow
from fixed settings only: Lanczos resampling, a fixed JPEG quality and subsampling, no EXIF,
no timestamp, no text chunks; the EXIF orientation is applied first, and the colour profile
kept. The same picture gives the same bytes on any day, and each copy is kept in
.cache/service-stories/pictures/ under a digest of the original, so a rebuild resizes nothing.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from ..content.pictures import Picture
from ..render.body_links import picture_sizes
from .writer import SiteWriter

CACHE = Path(".cache") / "service-stories" / "pictures"
FORMAT = "1"  # bump when the settings below change
JPEG = {"quality": 82, "optimize": True, "progressive": False, "subsampling": "4:2:0"}
WEBP = {"quality": 82, "method": 4, "exact": False}


class PictureWriteError(Exception):
    """A picture could not be made smaller; the message names it."""


def resized_bytes(picture: Picture, width: int) -> bytes:
    from PIL import Image, ImageOps

    with Image.open(picture.source) as original:
        profile = original.info.get("icc_profile")
        image = ImageOps.exif_transpose(original)
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA" if "transparency" in image.info or image.mode in ("P", "PA") else "RGB")
        height = max(1, round(image.height * width / image.width))
        small = image.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    extra = {"icc_profile": profile} if profile else {}
    if picture.format == "JPEG":
        small.convert("RGB").save(out, "JPEG", **JPEG, **extra)
    elif picture.format == "WEBP":
        small.save(out, "WEBP", **WEBP, **extra)
    else:
        small.save(out, "PNG", optimize=False, compress_level=9, **extra)
    return out.getvalue()


def _cached(picture: Picture, width: int, project_root: Path) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT}:{width}:{picture.format}\0".encode())
    digest.update(picture.source.read_bytes())
    folder = project_root / CACHE
    path = folder / f"{digest.hexdigest()}{Path(picture.uri).suffix.lower()}"
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = resized_bytes(picture, width)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        pass  # no cache folder: resize again next time
    return data


def write_pictures(writer: SiteWriter, pictures: dict[str, Picture], project_root: Path) -> list[str]:
    """Every smaller copy the pages use; the originals are published as they are (inventory.py)."""
    written = []
    for uri, picture in sorted(pictures.items()):
        for width, path in picture_sizes(picture):
            if path == picture.uri:
                continue
            try:
                writer.write(path, _cached(picture, width, project_root))
            except (OSError, ValueError) as exc:
                raise PictureWriteError(f"{uri}: could not be made {width} pixels wide: {exc}") from None
            written.append(path)
    return written
