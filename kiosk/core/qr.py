"""QR code matrices for the kiosk's links.

Error correction M survives a scuffed or glare-struck screen; the 4-module
quiet zone is what the QR standard asks for so phones find the code.
"""

from __future__ import annotations

QUIET_ZONE_MODULES = 4


def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """Rows of dark (True) and light (False) modules, quiet zone included."""
    # Here, not at the top: the first screen shows no code, and the import
    # costs a start 15 ms.
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
