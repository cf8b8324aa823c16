"""The staff menu: a hidden corner gesture, a PIN pad, and a small menu.

Staff tap a corner several times (config `staff`) to get a PIN pad; the PIN
is checked against the salted hash in kiosk.yaml, with a lockout that doubles
after each run of wrong tries. The menu reloads content, shows the kiosk's
status and recent problems, exits to the desktop, or goes back to visitors.
Its words are English and built in: it is for staff, not visitors.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.core.pin import ACCEPTED, LOCKED, PIN_DIGITS, LockRecord, PinGate
from kiosk.core.review import dated_facts
from kiosk.core.staff_gesture import corner_taps
from kiosk.runtime.health import duration_text as _duration
from kiosk.runtime.health import kiosk_version as _version

if TYPE_CHECKING:
    from kiosk.core.model import KioskConfig

log = logging.getLogger(__name__)

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

CLOSED, PIN_PAD, MENU = "", "pin", "menu"
# After a start the pad stays shut this long. The lock is kept in the state
# folder, but a disk that cannot keep it (read-only, full) or a kept record
# lost in a power cut must not turn every restart (pulling the plug, a
# keyboard's SysRq) into fresh tries at once: each restart costs a guesser
# this much more, which no one restarting to service the kiosk minds.
START_SHUT_S = 30.0


def _minutes(seconds: float) -> str:
    minutes = max(1, round(seconds / 60))
    return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"


@QmlElement
@QmlUncreatable("The staff panel is made by the kiosk, not by QML.")
class StaffPanel(QObject):
    panelChanged = Signal()
    pinChanged = Signal()
    statusChanged = Signal()
    reloadRequested = Signal()
    exitRequested = Signal()

    def __init__(
        self,
        config: Callable[[], KioskConfig],
        *,
        clock: Callable[[], float],
        now: Callable[[], dt.datetime],
        status_extra: Callable[[], list[str]] = list,
        parent: QObject | None = None,
    ):
        """`config` gives the current settings (the staff's, and what the
        status shows); `clock` is monotonic (the PIN lockout), `now` wall
        time; the status ends with the lines `status_extra` gives (the
        supervisor's: the settings' trouble, recent problems)."""
        super().__init__(parent)
        self._config = config
        self._clock = clock
        self._started = clock()
        self._started_at = now()
        self._panel = CLOSED
        self._digits = ""
        self._message = ""
        self._taps: tuple[float, ...] = ()  # the corner taps that count toward the gesture
        self._gate: PinGate | None = None
        self._gate_hash: str | None = None
        # The lock as kept across restarts (see keep_lock); none by default.
        self._lock_record: LockRecord | None = None
        self._save_lock: Callable[[LockRecord], None] | None = None
        self._wall: Callable[[], float] = time.time
        self._shut_until = float("-inf")
        self._wrong_since_start = 0
        self._locks_since_start = 0
        self._last_wrong_at: float | None = None  # wall clock
        self._status: list[str] = []
        # What the supervisor adds to the status: config state, recent problems.
        self._status_extra = status_extra
        self._untouched = QTimer(self, singleShot=True)
        self._untouched.timeout.connect(self.close)
        self._lock_ticker = QTimer(self, interval=1000)
        self._lock_ticker.timeout.connect(self._show_lock)

    # --- what QML reads -------------------------------------------------

    @Property(str, notify=panelChanged)
    def panel(self) -> str:
        return self._panel

    @Property(int, notify=pinChanged)
    def enteredDigits(self) -> int:
        return len(self._digits)

    @Property(str, notify=pinChanged)
    def enteredSummary(self) -> str:
        """What a screen reader says of the PIN field: how many digits, never which."""
        count = len(self._digits)
        if count == 0:
            return "PIN, no digits entered"
        return f"PIN, {count} digit entered" if count == 1 else f"PIN, {count} digits entered"

    @Property(str, notify=pinChanged)
    def message(self) -> str:
        return self._message

    @Property("QVariantList", notify=statusChanged)
    def status(self) -> list[str]:
        return self._status

    # --- the lock across restarts ---------------------------------------

    def keep_lock(
        self,
        restored: LockRecord | None,
        save: Callable[[LockRecord], None],
        *,
        wall: Callable[[], float],
        shut_until: float,
    ) -> None:
        """Start from the lock a kiosk kept before it restarted; hand every
        change to `save`; keep the pad shut until `shut_until` (monotonic)."""
        self._lock_record = restored
        self._save_lock = save
        self._wall = wall
        self._shut_until = shut_until
        self._gate = None  # made again with these

    # --- the hidden gesture ---------------------------------------------

    def corner_tap(self, x: float, y: float, width: float, height: float) -> None:
        """A press anywhere on the window; enough quick ones in the corner open the pad."""
        staff = self._config().staff
        if staff.pin_hash is None or self._panel != CLOSED:
            return
        self._taps, opens = corner_taps(staff, self._taps, self._clock(), x, y, width, height)
        if opens:
            self._open(PIN_PAD)

    def touched(self) -> None:
        """Any input while a panel is open keeps it open a while longer."""
        if self._panel != CLOSED:
            self._untouched.start(round(self._config().staff.menu_timeout_s * 1000))

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
            log.info("staff PIN accepted: the staff menu is open")
            self._message = ""
            self._open(MENU)
        elif outcome == LOCKED:
            log.info("a PIN was entered while the pad is shut; it was not checked")
            self._show_lock()
        else:
            self._wrong_since_start += 1
            self._last_wrong_at = self._wall()
            if gate.locked_for():  # locked by this very try
                self._locks_since_start += 1
                log.warning(
                    "wrong staff PIN entered; after too many in a row the PIN pad is locked for %s "
                    "(lock %d since the last right PIN)", _minutes(gate.locked_for()), gate.locks,
                )
                self._show_lock()
            else:
                log.warning(
                    "wrong staff PIN entered on the PIN pad (%d tries left before it locks)", gate.attempts_left
                )
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
        config = self._config()
        content = config.content
        lines = [
            f"Version: {_version()}",
            f"Settings: {config.path}",
            f"Running since {self._started_at:%Y-%m-%d %H:%M} ({_duration(self._clock() - self._started)})",
            *(f"Last checked {fact.as_of.isoformat()}: {fact.what}" for fact in dated_facts(content)),
            *self._pin_status(),
            *self._status_extra(),
        ]
        if lines != self._status:
            self._status = lines
            self.statusChanged.emit()

    # --- helpers --------------------------------------------------------

    def _pin_status(self) -> list[str]:
        if not self._wrong_since_start:
            return ["No wrong PINs since the kiosk started."]
        last = dt.datetime.fromtimestamp(self._last_wrong_at)
        locks = f"; the pad locked {self._locks_since_start} times" if self._locks_since_start else ""
        return [
            (
                f"Wrong PINs since the kiosk started: {self._wrong_since_start} "
                f"(the last at {last:%Y-%m-%d %H:%M}){locks}."
            )
        ]

    def _lock_changed(self, record: LockRecord) -> None:
        self._lock_record = record
        if self._save_lock is not None:
            self._save_lock(record)

    def config_changed(self) -> None:
        """New settings: a PIN removed closes the pad or menu."""
        if self._config().staff.pin_hash is None:
            self.close()  # the PIN was removed while the pad or menu was open

    def _pin_gate(self) -> PinGate:
        stored = self._config().staff.pin_hash
        if self._gate is None or stored != self._gate_hash:
            # A new PIN keeps the lock: it guards the pad, not one hash.
            restored = self._gate.record() if self._gate is not None else self._lock_record
            self._gate = PinGate(
                stored, clock=self._clock, wall=self._wall, restored=restored,
                shut_until=self._shut_until, on_change=self._lock_changed,
            )
            self._gate_hash = stored
        return self._gate

    def _show_lock(self) -> None:
        gate = self._pin_gate()
        left = gate.locked_for()
        if left <= 0:
            self._lock_ticker.stop()
            self._message = ""
        else:
            self._lock_ticker.start()
            minutes, seconds = divmod(int(left + 0.999), 60)
            hours, minutes = divmod(minutes, 60)
            clock = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
            if gate.just_started():
                self._message = f"The kiosk has just started. The PIN pad opens in {clock}."
            else:
                self._message = f"Too many wrong PINs. Try again in {clock}."
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
