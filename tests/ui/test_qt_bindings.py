"""Guards against a binding bug that would crash a kiosk after hours of use."""

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_keep_none_alive():
    """PySide6 6.12.0 dropped a reference to None on every call of a Qt method
    returning nothing; Python aborts once None's count reaches zero."""
    anchor = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        anchor.setObjectName("kiosk")
    assert sys.getrefcount(None) - before >= 0
