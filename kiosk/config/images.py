"""Recognise PNG and JPEG files and read their size from the header bytes.

Pure Python, so `kiosk check` needs no Qt and reads only a few bytes even of
a large photograph.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"

# Other formats staff may export by mistake, to name them in the message.
_OTHER_FORMATS = (
    (b"GIF8", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF", "a PDF document"),
    (b"<svg", "an SVG drawing"),
    (b"<?xml", "an SVG drawing or other XML file"),
)

# JPEG start-of-frame markers carry the size; C4, C8 and CC are other segments.
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_MAX_JPEG_SEGMENTS = 1000


class ImageError(Exception):
    """The file is not a usable PNG or JPEG; the message says what to do."""


@dataclass(frozen=True)
class ImageInfo:
    kind: str  # "PNG" or "JPEG"
    width: int
    height: int


def inspect_image(path: Path) -> ImageInfo:
    """Format and size of the image at `path`; ImageError if unusable.

    OSError (missing, unreadable) is left to the caller, which knows how to
    phrase it for the file's role.
    """
    with open(path, "rb") as stream:
        head = stream.read(32)
        if head.startswith(PNG_SIGNATURE):
            return _png_size(head)
        if head.startswith(JPEG_SIGNATURE):
            return _jpeg_size(stream)
    raise ImageError(f"is not a PNG or JPEG image{_guess_format(head)}; convert it to PNG or JPEG")


def _guess_format(head: bytes) -> str:
    if not head:
        return " (the file is empty)"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return " (it is a WebP image)"
    if head[4:8] == b"ftyp":
        return " (it is a HEIC/HEIF or AVIF image, as phones save photos)"
    stripped = head.lstrip()
    for signature, name in _OTHER_FORMATS:
        if stripped.startswith(signature):
            return f" (it is {name})"
    return ""


def _png_size(head: bytes) -> ImageInfo:
    # The first chunk must be IHDR: length 13, then width and height.
    if len(head) < 24 or head[12:16] != b"IHDR":
        raise ImageError("is a damaged PNG file (its header is incomplete); export or save it again")
    width, height = struct.unpack(">II", head[16:24])
    return _checked(ImageInfo("PNG", width, height))


def _jpeg_size(stream) -> ImageInfo:
    stream.seek(2)  # after the start-of-image marker FF D8
    for _ in range(_MAX_JPEG_SEGMENTS):
        byte = stream.read(1)
        if byte != b"\xff":
            break
        marker = stream.read(1)
        while marker == b"\xff":  # padding before a marker
            marker = stream.read(1)
        if not marker:
            break
        code = marker[0]
        if code == 0x01 or 0xD0 <= code <= 0xD8:  # markers without a length
            continue
        if code in (0xD9, 0xDA):  # end of image, or image data before any size
            break
        length_bytes = stream.read(2)
        if len(length_bytes) < 2:
            break
        (length,) = struct.unpack(">H", length_bytes)
        if length < 2:
            break
        if code in _SOF_MARKERS:
            frame = stream.read(5)
            if len(frame) < 5:
                break
            height, width = struct.unpack(">HH", frame[1:5])
            return _checked(ImageInfo("JPEG", width, height))
        stream.seek(length - 2, 1)
    raise ImageError("is a damaged JPEG file (its size cannot be read); export or save it again")


def _checked(info: ImageInfo) -> ImageInfo:
    if info.width == 0 or info.height == 0:
        raise ImageError(f"is a damaged {info.kind} file (it says it is 0 pixels wide or high); export it again")
    return info
