"""The URL of a portrait file, versioned so a replaced file is read again.

Qt decodes portraits itself (Portrait.qml: a file:// Image, asynchronous):
no Python runs on Qt's image loader threads, where it would have to wait for
the GIL the main thread may hold while it waits for them. A missing or broken
file shows Portrait.qml's placeholder, and Qt's warning ("QML Image: Cannot
open: file://...") names the file in the log.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

MISSING_VERSION = "missing"


def portrait_url(path: Path) -> str:
    """The file:// URL of the portrait at `path`, with `?v=<version>`.

    Qt opens the file and ignores the query, but keys its image cache on the
    whole URL: the version (modification time and size) changes when staff
    replace the file, so Qt reads the new file instead of its cached image.
    """
    path = Path(path).absolute()
    try:
        stat = path.stat()
        version = f"{stat.st_mtime_ns}-{stat.st_size}"
    except OSError:
        version = MISSING_VERSION
    url = QUrl.fromLocalFile(str(path))  # escapes '#', '?' and '%' in the name
    url.setQuery(f"v={version}")
    return url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
