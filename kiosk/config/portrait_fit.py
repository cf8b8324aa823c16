"""How a portrait photo fits the screens' frames, for staff (`kiosk check`,
and the captions of `kiosk preview`'s portraits.png). Without Qt: `kiosk
check` runs where Qt's system libraries are not installed.

Sizes are (width, height) in pixels, photos upright (turned as their EXIF
tag says, as the screens show them).
"""

from __future__ import annotations

import math
import struct
from pathlib import Path

from typing import TYPE_CHECKING

# The kiosk's start imports this module for the frame sizes alone
# (kiosk/ui/portraits.py): what reads photos is imported where it is used.
if TYPE_CHECKING:
    from kiosk.core.model import KioskConfig
    from kiosk.config.file_lines import FileLines

Size = tuple[int, int]

# The largest frame any screen shows a portrait in, in pixels at 1080 px on
# the screen's short side, by "landscape?": the overview's cards with larger
# text (430x538, OverviewScreen.qml) and the upright person page (460x575,
# PersonScreen.qml). tests/ui/test_portrait_copies.py checks every screen.
LARGEST_FRAME_AT_1080: dict[bool, Size] = {True: (440, 550), False: (460, 575)}
# The first screen and the person page frame portraits upright 4:5
# (width:height), as a portrait photo is; Portrait.qml fills the frame from a
# 4:5 box as wide as it.
FRAME_SHAPE = 4 / 5
# The size to recommend to staff (the only place it is written down): 4:5,
# and sharp even on a 4K screen (whose largest frame is 920x1150).
RECOMMENDED_SIZE: Size = (960, 1200)
_NEGLIGIBLE = 0.98  # a sliver of 2% cut off is not worth a word
_EXIF_ORIENTATION = 0x0112
_TURNED = {5, 6, 7, 8}  # EXIF orientations that turn the picture by 90 degrees


def size_text(size: Size) -> str:
    return f"{size[0]}x{size[1]}"


def largest_frame(screen: Size) -> Size:
    """The largest frame a portrait is shown in on a screen of this size."""
    width, height = LARGEST_FRAME_AT_1080[screen[0] >= screen[1]]
    scale = min(screen) / 1080
    return math.floor(width * scale + 0.5), math.floor(height * scale + 0.5)  # as Qt's QSize * scale


def upright_size(path: Path) -> Size | None:
    """The photo's size as the screens show it; None if it cannot be read."""
    from kiosk.config.images import ImageError, inspect_image

    try:
        info = inspect_image(path)
        turned = info.kind == "JPEG" and _exif_orientation(path) in _TURNED
    except (OSError, ImageError):
        return None
    return (info.height, info.width) if turned else (info.width, info.height)


def _exif_orientation(path: Path) -> int | None:
    """The EXIF orientation tag of a JPEG file (1 to 8), if it has one."""
    from kiosk.config.images import JPEG_SIGNATURE

    with open(path, "rb") as stream:
        if stream.read(3) != JPEG_SIGNATURE:
            return None
        stream.seek(2)
        while (marker := stream.read(2)) and marker[0] == 0xFF and marker[1] not in (0xD9, 0xDA):
            (length,) = struct.unpack(">H", stream.read(2) or b"\0\0")
            if length < 2:
                return None
            segment = stream.read(length - 2)
            if marker[1] == 0xE1 and segment.startswith(b"Exif\0\0"):
                return _orientation_in(segment[6:])
    return None


def _orientation_in(tiff: bytes) -> int | None:
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None or len(tiff) < 8:
        return None
    (first,) = struct.unpack(order + "I", tiff[4:8])
    if first + 2 > len(tiff):
        return None
    (count,) = struct.unpack(order + "H", tiff[first:first + 2])
    for entry in range(count):
        start = first + 2 + 12 * entry
        if start + 12 > len(tiff):
            return None
        tag, _kind, _count, value = struct.unpack(order + "HHIH", tiff[start:start + 10])
        if tag == _EXIF_ORIENTATION:
            return value
    return None


def how_shown(photo: Size, frame: Size | None = None) -> str:
    """Which part of a photo a frame shows, as Portrait.qml fills it: the
    photo fills a 4:5 box as wide as the frame, cut evenly at its sides or
    its top and bottom; a frame lower than 4:5 (the overview's cards) shows
    the band of the box around the face, which sits in its upper middle.
    `frame` None: a 4:5 frame."""
    frame_width, frame_height = frame or (800, 1000)
    box_height = max(frame_height, round(frame_width / FRAME_SHAPE))
    box, shape = frame_width / box_height, photo[0] / photo[1]
    across = min(1.0, box / shape)
    down = min(1.0, shape / box) * frame_height / box_height
    parts = []
    if across <= _NEGLIGIBLE:
        parts.append(f"its middle {round(100 * across)}% across")
    if down <= _NEGLIGIBLE and frame_height < box_height:
        parts.append(f"a band of {round(100 * down)}% of its height around the face")
    elif down <= _NEGLIGIBLE:
        parts.append(f"its middle {round(100 * down)}% down")
    return "cropped to " + " and ".join(parts) if parts else "shown whole"


def too_small(photo: Size, screen: Size) -> bool:
    """Whether the photo must be enlarged to fill the largest frame (and so looks soft)."""
    frame = largest_frame(screen)
    return photo[0] < frame[0] or photo[1] < frame[1]


def portrait_lines(config: KioskConfig, lines: FileLines) -> tuple[list[str], list[str]]:
    """(how each portrait is shown, under a heading; a warning per photo too small to look sharp)."""
    screen = (config.screen.width, config.screen.height)
    shown, warnings = [], []
    for index, person in enumerate(config.content.people):
        field = f"people[{index}].portrait"
        where = lines.by_field.get(field, field)
        photo = upright_size(person.portrait)
        if photo is None:
            continue  # the config check has said why
        shown.append(f"  {where}: {person.portrait.name} ({size_text(photo)}): {how_shown(photo)}")
        if too_small(photo, screen):
            warnings.append(
                f"{where}: {field}: {person.portrait.name} is {size_text(photo)} pixels; the screens show it "
                f"at up to {size_text(largest_frame(screen))} on this screen, so it looks blurred. Use a larger "
                f"photo: best {size_text(RECOMMENDED_SIZE)} (upright, 4:5)"
            )
    heading = (
        "Portraits, as the first screen and the person page show them (upright 4:5 frames; the overview's cards "
        "show a band around the face: see portraits.png from kiosk preview). Photos of any size work, large "
        f"ones are copied down to display size by themselves; best: {size_text(RECOMMENDED_SIZE)} pixels, "
        "upright 4:5, the face in the middle."
    )
    return [heading, *shown], warnings
