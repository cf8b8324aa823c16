"""Where the screens find each portrait: its file:// URL, and display-size
copies of photos far larger than any screen shows them.

Qt decodes portraits itself (Portrait.qml: a file:// Image, asynchronous):
no Python runs on Qt's image loader threads, where it would have to wait for
the GIL the main thread may hold while it waits for them. A missing or broken
file shows Portrait.qml's placeholder, and Qt's warning ("QML Image: Cannot
open: file://...") names the file in the log.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QSize, QUrl, Signal
from PySide6.QtGui import QImageIOHandler, QImageReader

from kiosk.config import portrait_fit as fit
from kiosk.runtime.background import chore_pool
from kiosk.runtime.plain_data import fsync_folder

log = logging.getLogger(__name__)

MISSING_VERSION = "missing"
# As QSizes (kiosk/config/portrait_fit.py says which frames).
LARGEST_FRAME_AT_1080 = {landscape: QSize(*size) for landscape, size in fit.LARGEST_FRAME_AT_1080.items()}
# A photo over this many times the size of its copy gets one: below it, Qt
# decodes the original about as fast (docs/performance.md).
OVERSIZED = 3
COPY_QUALITY = 90
COPY_WORKERS = max(1, min(4, os.cpu_count() or 1))


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


# How a whole file of each kind the copies are written in ends: a copy cut
# short (by a power cut before the data reached the disk) lacks it.
_ENDINGS = {".jpg": b"\xff\xd9", ".png": b"IEND\xaeB`\x82"}


def _upright(size: QSize, header: QImageReader) -> QSize:
    turned = bool(header.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
    return size.transposed() if turned else size


def _whole(copy: Path, size: QSize) -> bool:
    """Whether `copy` is a whole image of `size`: its header says so and its
    last bytes are there (cheap: no decoding on the UI thread)."""
    ending = _ENDINGS.get(copy.suffix)
    if ending is None or QImageReader(str(copy)).size() != size:
        return False
    try:
        with open(copy, "rb") as file:
            file.seek(-len(ending), os.SEEK_END)
            return file.read() == ending
    except OSError:
        return False


class _CannotDecode(Exception):
    """The photo itself cannot be read; Qt's reason."""


class PortraitCopies(QObject):
    """Display-size copies of portraits many times larger than they are shown.

    Qt decodes portraits one after another on a single loader thread, and a
    24-megapixel photo takes it long even at the size shown: four of them
    held the first screen back noticeably (docs/performance.md). The copies are
    made side by side on threads of their own (QImageReader lets go of
    Python's lock while it decodes), once per photo: they are kept in
    `folder` (in the state folder) and read at every later start. Until its
    copy is ready a portrait shows the placeholder; a photo that cannot be
    copied is shown as it is, as is one not much larger than shown."""

    changed = Signal()  # a copy is ready (or failed): url() answers differently now

    def __init__(self, folder: Path, screen_size: QSize, parent: QObject | None = None):
        super().__init__(parent)
        self._folder = folder
        self.frame = QSize(*fit.largest_frame((screen_size.width(), screen_size.height())))  # every copy covers it
        self._copies: dict[str, Path | None] = {}  # key -> the copy, or None: show the original
        self._pending: set[str] = set()
        self._folder_refused = False  # the folder refused a write once: said once, not per photo
        self._pool = chore_pool("portrait copy", COPY_WORKERS)

    def url(self, path: Path) -> str:
        """The URL to show for the portrait at `path`: of its copy, of the
        original, or "" while the copy is being made."""
        key = self._key(path)
        if key is None:
            return portrait_url(path)  # missing: Qt says so, the placeholder shows
        if key not in self._copies:
            self._look_for_copy(key, path)
        if key in self._pending:
            return ""
        copy = self._copies[key]
        return portrait_url(copy if copy is not None else path)

    def keep_only(self, paths: Iterable[Path]) -> None:
        """Delete the copies of every portrait but these (the ones shown now)."""
        keep = {key for key in map(self._key, paths) if key is not None}
        try:
            for file in self._folder.glob("*.*"):
                if file.stem not in keep and not file.name.startswith("."):
                    file.unlink(missing_ok=True)
        except OSError as error:  # a read-only disk: the old copies stay, harmless
            self._refused(error)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    # --- helpers ------------------------------------------------------------

    def _refused(self, error: OSError) -> None:
        if not self._folder_refused:
            self._folder_refused = True
            log.warning(
                "cannot keep display-size copies of large portraits in %s (%s): they are shown as they are, "
                "which makes the screens slower to appear", self._folder, error.strerror or error,
            )

    def _key(self, path: Path) -> str | None:
        """Names the file's present content and the size shown; None if it is missing."""
        path = Path(path).absolute()
        try:
            stat = path.stat()
        except OSError:
            return None
        text = f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\0{self.frame.width()}x{self.frame.height()}"
        return hashlib.sha1(text.encode()).hexdigest()[:24]

    def _look_for_copy(self, key: str, path: Path) -> None:
        """A whole copy made at an earlier start, or one started now if the photo needs it."""
        header = QImageReader(str(path))  # reads only the header
        copy_size = self._copy_size(header)
        found = next(self._folder.glob(f"{key}.*"), None)
        if found is not None and copy_size is not None and _whole(found, _upright(copy_size, header)):
            self._copies[key] = found
            return
        if found is not None:
            # Cut short by a power cut (or damaged since): a silhouette for
            # ever unless it is made again.
            log.warning("the display-size copy %s of %s is damaged: it is made again", found, path)
        self._copies[key] = None
        if copy_size is not None:
            self._pending.add(key)
            self._pool.submit(self._make_copy, key, path, copy_size)

    def _copy_size(self, header: QImageReader) -> QSize | None:
        """The size to decode the photo at (as stored: before the EXIF turn) so
        that, turned upright, it just covers the largest frame; None if the
        photo is not oversized."""
        stored = header.size()
        if not stored.isValid():
            return None  # not an image: Qt will say so, and show the placeholder
        turned = bool(header.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
        upright = stored.transposed() if turned else stored
        scale = max(self.frame.width() / upright.width(), self.frame.height() / upright.height())
        if scale * OVERSIZED >= 1:
            return None
        # Up, so it never falls a pixel short; not past a float's last digit.
        return QSize(*(math.ceil(side * scale - 1e-6) for side in (stored.width(), stored.height())))

    def _make_copy(self, key: str, path: Path, size: QSize) -> None:  # on a copying thread
        try:
            self._copies[key] = self._write_copy(key, path, size)  # before it stops being pending
        except _CannotDecode as error:
            log.warning("could not make a display-size copy of %s (%s): it is shown as it is", path, error)
        except OSError as error:  # the state folder: read-only, full
            self._refused(error)
        except Exception:  # a bug of ours: the photo is still shown, as it is
            log.exception("could not make a display-size copy of %s: it is shown as it is", path)
        finally:
            self._pending.discard(key)
            self.changed.emit()

    def _write_copy(self, key: str, path: Path, size: QSize) -> Path:
        # A reader of its own: one that has read the header already decodes
        # the whole photo and scales it after (three times as long). With a
        # size to decode at, Qt's JPEG reader decodes at 1/2, 1/4 or 1/8 of
        # the photo straight away.
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)  # the copy is upright and has no EXIF to turn it again
        reader.setScaledSize(size)
        image = reader.read()
        if image.isNull():
            raise _CannotDecode(reader.errorString())
        kind = "png" if image.hasAlphaChannel() else "jpg"
        self._folder.mkdir(parents=True, exist_ok=True)
        copy = self._folder / f"{key}.{kind}"
        partial = self._folder / f".{key}.{kind}.partial"
        if not image.save(str(partial), kind.upper(), COPY_QUALITY):
            raise OSError(f"could not write {partial} (is the disk full?)")
        # On the disk before the rename, and the rename on the disk after it:
        # whole or not at all, even after a power cut.
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, copy)
        fsync_folder(self._folder)
        return copy
