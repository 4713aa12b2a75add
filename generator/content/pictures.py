"""What a picture is, read from its header only (Pillow): its size as a reader sees it (a phone's
photo stored sideways says so in its EXIF data) and whether it moves.

Bounded like every input: a picture of more than MAX_PIXELS pixels (a 'decompression bomb'
would be billions) is refused before it is decoded.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

MAX_PIXELS = 50_000_000  # 50 megapixels: more than any camera photo a trainer would use
EXIF_ORIENTATION = 0x0112
SIDEWAYS = {5, 6, 7, 8}  # EXIF orientations that swap width and height


class PictureError(Exception):
    """The picture cannot be used; the message (after its name) says why and what to do."""


@dataclass(frozen=True)
class Picture:
    uri: str  # where the original is published, e.g. images/team.jpg
    source: Path
    width: int  # as shown, after the EXIF orientation
    height: int
    format: str  # JPEG, PNG, GIF, WEBP
    animated: bool = False


def read_picture(source: Path, uri: str) -> Picture:
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow refuses twice this on open, before decoding anything
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(source)
        with image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PictureError(f"is {width} × {height} pixels; a picture may have at most "
                                   f"{MAX_PIXELS // 1_000_000} million: save it smaller (2000 pixels wide is plenty)")
            if image.getexif().get(EXIF_ORIENTATION) in SIDEWAYS:
                width, height = height, width
            return Picture(uri, Path(source), width, height, image.format or "", bool(getattr(image, "is_animated", False)))
    except Image.DecompressionBombError:
        raise PictureError(f"has more than {2 * MAX_PIXELS // 1_000_000} million pixels; a picture may have at most "
                           f"{MAX_PIXELS // 1_000_000} million: save it smaller (2000 pixels wide is plenty)") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise PictureError(f"cannot be read as a picture ({exc}); open it in an image editor and save it again") from None
