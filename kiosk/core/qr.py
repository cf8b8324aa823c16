"""QR code matrices for the kiosk's links.

Error correction M survives a scuffed or glare-struck screen; the 4-module
quiet zone is what the QR standard asks for so phones find the code.
"""

from __future__ import annotations

import math

QUIET_ZONE_MODULES = 4

# The width the screens draw a code at: 264 px on a 1080-pixel short side,
# scaled with the screen (Theme.qml's qrSize; a test compares the two).
QR_SIZE_AT_1080 = 264

# Modules narrower than this many screen pixels are too fine for a phone at
# arm's length. tests/ui/test_qr.py shows why 4: a phone's preview frame of a
# 43-inch 1080p screen from about 55 cm sees the screen at about 0.8 of its
# pixels, blurred over about two camera pixels (focus, a hand); zxing reads
# codes of 4-pixel modules through that, and not of 3-pixel ones.
MIN_MODULE_PX = 4


def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """Rows of dark (True) and light (False) modules, quiet zone included."""
    # Here, not at the top: the first screen shows no code, and the import
    # would slow every start (docs/performance.md).
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE_MODULES)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


def module_pixels(module_count: int, target_px: int) -> int:
    """Whole pixels per module so the code is at most target_px wide (at least 1).

    Whole pixels keep every module's edges sharp; a scaled code blurs.
    """
    return max(1, target_px // module_count)


def qr_size_px(width: int, height: int) -> int:
    """How wide the screens draw a code on a window of this size (as QML rounds)."""
    return math.floor(QR_SIZE_AT_1080 * min(width, height) / 1080 + 0.5)


def max_link_bytes(size_px: int) -> int:
    """The longest text (UTF-8 bytes) whose code has modules of MIN_MODULE_PX at size_px.

    The byte mode's capacity at error correction M of the largest version
    that fits; other modes only pack more. 0 if no code fits at all.
    """
    from qrcode.constants import ERROR_CORRECT_M
    from qrcode.util import BIT_LIMIT_TABLE

    modules = size_px // MIN_MODULE_PX - 2 * QUIET_ZONE_MODULES  # a version's side is 17 + 4 * version
    version = min(40, (modules - 17) // 4)
    if version < 1:
        return 0
    count_bits = 8 if version < 10 else 16
    return (BIT_LIMIT_TABLE[ERROR_CORRECT_M][version] - 4 - count_bits) // 8
