"""The staff menu: a hidden corner gesture, a PIN pad, and a small menu.

Staff tap a corner several times (config `staff`) to get a PIN pad; the PIN
is checked against the salted hash in kiosk.yaml, with a lockout that doubles
after each run of wrong tries. The menu reloads content, shows the kiosk's
status and recent problems, exits to the desktop, or goes back to visitors.
Its words are English and built in: it is for staff, not visitors.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.core.pin import ACCEPTED, LOCKED, PIN_DIGITS, PinGate
from kiosk.core.review import dated_facts

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

CORNER_SIZE_PX = 160  # at 1080 px on the short side: a thumb's width from the edge
CLOSED, PIN_PAD, MENU = "", "pin", "menu"


def _version() -> str:
    from importlib import metadata  # here, not at the top: it costs a start 20 ms

    try:
        return metadata.version("unbreakable-kiosk")
    except metadata.PackageNotFoundError:
        return "unknown (not installed as a package)"


def _duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    return f"{days} d {hours} h {minutes} min" if days else f"{hours} h {minutes} min"


@QmlElement
@QmlUncreatable("The staff panel is made by the kiosk, not by QML.")
class StaffPanel(QObject):
    panelChanged = Signal()
    pinChanged = Signal()
    statusChanged = Signal()
    reloadRequested = Signal()
    exitRequested = Signal()

    def __init__(self, state, *, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None):
        super().__init__(parent)
        self._state = state
        self._clock = clock
        self._started = clock()
        self._started_at = dt.datetime.now()
        self._panel = CLOSED
        self._digits = ""
        self._message = ""
        self._taps: list[float] = []
        self._gate: PinGate | None = None
        self._gate_hash: str | None = None
        self._status: list[str] = []
        # What the supervisor adds to the status: config state, recent problems.
        self.status_extra: Callable[[], list[str]] = list
        self._untouched = QTimer(self, singleShot=True)
        self._untouched.timeout.connect(self.close)
        self._lock_ticker = QTimer(self, interval=1000)
        self._lock_ticker.timeout.connect(self._show_lock)
        state.configChanged.connect(self._config_changed)

    # --- what QML reads -------------------------------------------------

    @Property(str, notify=panelChanged)
    def panel(self) -> str:
        return self._panel

    @Property(int, notify=pinChanged)
    def enteredDigits(self) -> int:
        return len(self._digits)

    @Property(str, notify=pinChanged)
    def message(self) -> str:
        return self._message

    @Property("QVariantList", notify=statusChanged)
    def status(self) -> list[str]:
        return self._status

    # --- the hidden gesture ---------------------------------------------

    def corner_tap(self, x: float, y: float, width: float, height: float) -> None:
        """A press anywhere on the window; enough quick ones in the corner open the pad."""
        staff = self._state.config.staff
        if staff.pin_hash is None or self._panel != CLOSED:
            return
        size = CORNER_SIZE_PX * min(width, height) / 1080
        vertical, horizontal = staff.corner.split("-")
        in_x = x < size if horizontal == "left" else x > width - size
        in_y = y < size if vertical == "top" else y > height - size
        if not (in_x and in_y):
            self._taps.clear()
            return
        now = self._clock()
        self._taps = [tap for tap in self._taps if now - tap <= staff.within_s] + [now]
        if len(self._taps) >= staff.taps:
            self._taps.clear()
            self._open(PIN_PAD)

    def touched(self) -> None:
        """Any input while a panel is open keeps it open a while longer."""
        if self._panel != CLOSED:
            self._untouched.start(round(self._state.config.staff.menu_timeout_s * 1000))

    # --- what QML asks for ----------------------------------------------

    @Slot(str)
    def pressDigit(self, digit: str) -> None:
        if self._panel != PIN_PAD or not digit.isdigit() or len(self._digits) >= PIN_DIGITS[1]:
            return
        if self._pin_gate().locked_for():
            self._show_lock()
        else:
            self._digits += digit
            self._message = ""
            self.pinChanged.emit()

    @Slot()
    def erase(self) -> None:
        self._digits = self._digits[:-1]
        self.pinChanged.emit()

    @Slot()
    def submit(self) -> None:
        if self._panel != PIN_PAD:
            return
        digits, self._digits = self._digits, ""
        if len(digits) < PIN_DIGITS[0] and not self._pin_gate().locked_for():
            self._message = f"Enter {PIN_DIGITS[0]} to {PIN_DIGITS[1]} digits."
            self.pinChanged.emit()
            return
        gate = self._pin_gate()
        outcome = gate.try_pin(digits)
        if outcome == ACCEPTED:
            self._message = ""
            self._open(MENU)
        elif outcome == LOCKED or gate.locked_for():  # locked now, or by this very try
            self._show_lock()
        else:
            self._message = f"Wrong PIN. {gate.attempts_left} tries left before the pad locks."
        self.pinChanged.emit()

    @Slot()
    def close(self) -> None:
        """Back to the visitors, wherever they were."""
        self._digits = ""
        self._message = ""
        self._lock_ticker.stop()
        self._untouched.stop()
        self._set_panel(CLOSED)
        self.pinChanged.emit()

    @Slot()
    def reloadNow(self) -> None:
        if self._panel == MENU:
            self.reloadRequested.emit()
            self.refresh_status()

    @Slot()
    def exitToDesktop(self) -> None:
        if self._panel == MENU:
            self.exitRequested.emit()

    def refresh_status(self) -> None:
        config = self._state.config
        content = config.content
        lines = [
            f"Version: {_version()}",
            f"Settings: {config.path}",
            f"Running since {self._started_at:%Y-%m-%d %H:%M} ({_duration(self._clock() - self._started)})",
            *(f"Last checked {fact.as_of.isoformat()}: {fact.what}" for fact in dated_facts(content)),
            *self.status_extra(),
        ]
        if lines != self._status:
            self._status = lines
            self.statusChanged.emit()

    # --- helpers --------------------------------------------------------

    def _config_changed(self) -> None:
        if self._state.config.staff.pin_hash is None:
            self.close()  # the PIN was removed while the pad or menu was open

    def _pin_gate(self) -> PinGate:
        stored = self._state.config.staff.pin_hash
        if self._gate is None or stored != self._gate_hash:
            self._gate = PinGate(stored, clock=self._clock)
            self._gate_hash = stored
        return self._gate

    def _show_lock(self) -> None:
        left = self._pin_gate().locked_for()
        if left <= 0:
            self._lock_ticker.stop()
            self._message = ""
        else:
            self._lock_ticker.start()
            minutes, seconds = divmod(int(left + 0.999), 60)
            self._message = f"Too many wrong PINs. Try again in {minutes}:{seconds:02d}."
        self.pinChanged.emit()

    def _open(self, panel: str) -> None:
        if panel == MENU:
            self.refresh_status()
        elif self._pin_gate().locked_for():
            self._show_lock()
        self._set_panel(panel)
        self.touched()

    def _set_panel(self, panel: str) -> None:
        if panel != self._panel:
            self._panel = panel
            self.panelChanged.emit()
