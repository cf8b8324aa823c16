"""The kiosk's visitor state, exposed to QML.

Python owns every decision (which screen, which person, which language); QML
only shows the state and forwards taps to the slots here. That keeps the
screens dumb and lets tests drive and read the state directly.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    Signal,
    Slot,
)
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.core.accessibility import LARGER_TEXT_SCALE, ScreenGeometry
from kiosk.core.i18n import person_texts, screen_texts
from kiosk.core.model import KioskConfig
from kiosk.core.theme import palette
from kiosk.ui.burn_in import BurnInShift
from kiosk.ui.idle import IdleWatch
from kiosk.ui.input_watch import InputWatch
from kiosk.ui.opening_hours import SleepWatch
from kiosk.ui.portraits import PortraitCopies, portrait_url
from kiosk.ui.staff import CLOSED, StaffPanel

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

SCREENS = ("attract", "overview", "person")
# The display modes a visitor can turn on, as the statistics name them.
MODES = ("larger_text", "high_contrast")


@dataclass(frozen=True)
class Clocks:
    """The kiosk's sense of time; tests pass their own to move it at will."""

    monotonic: Callable[[], float] = time.monotonic  # for durations (idle, PIN lockout)
    now: Callable[[], dt.datetime] = dt.datetime.now  # local wall time (opening hours, staff status)

# Roles of the people model: the keys of core.i18n.person_texts plus the portrait.
PERSON_ROLES = (
    "personId", "name", "nameNative", "role", "bio", "detained", "sentenced", "term",
    "statusState", "statusTone", "statusLabel", "statusSummary", "statusChecked", "link", "linkCta",
    "portrait",
)
# Qt::DisplayRole, and Qt::UserRole (the first number a model may give its own
# roles), by value: `Qt`, PySide6's namespace of enums, is built at its first
# import, which the first frame must not wait for (docs/performance.md).
DISPLAY_ROLE = 0
FIRST_OWN_ROLE = 0x0100


@QmlElement
@QmlUncreatable("The people model is made by the kiosk, not by QML.")
class PeopleModel(QAbstractListModel):
    """The people in content order, with their texts in the current language."""

    def __init__(
        self,
        config: KioskConfig,
        language: str,
        url_of: Callable[[Path], str] = portrait_url,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._config = config
        self._url_of = url_of  # a portrait's URL
        self._rows: list[dict[str, str]] = []
        self.set_language(language)

    def set_config(self, config: KioskConfig, language: str) -> None:
        """New content: the people may have changed in number and order."""
        self.beginResetModel()
        self._config = config
        self._rows = []
        self.set_language(language)
        self.endResetModel()

    def set_language(self, language: str) -> None:
        content = self._config.content
        self._rows = [
            person_texts(content, language, person)
            | {"portrait": self._url_of(person.portrait)}
            for person in content.people
        ]
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def update_portraits(self) -> None:
        """Their URLs again (a display-size copy is ready), the texts unchanged."""
        changed = False
        for row, person in zip(self._rows, self._config.content.people, strict=True):
            url = self._url_of(person.portrait)
            changed |= row["portrait"] != url
            row["portrait"] = url
        if changed:
            role = FIRST_OWN_ROLE + PERSON_ROLES.index("portrait")
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), [role])

    def row(self, index: int) -> dict[str, str]:
        return self._rows[index]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        return {FIRST_OWN_ROLE + i: QByteArray(name.encode()) for i, name in enumerate(PERSON_ROLES)}

    def data(self, index: QModelIndex, role: int = DISPLAY_ROLE):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        offset = role - FIRST_OWN_ROLE
        if not 0 <= offset < len(PERSON_ROLES):
            return None
        return self._rows[index.row()][PERSON_ROLES[offset]]


@QmlElement
@QmlUncreatable("The kiosk state is made by the kiosk, not by QML.")
class KioskState(QObject):
    screenChanged = Signal()
    languageChanged = Signal()
    personIndexChanged = Signal()
    personChanged = Signal()
    configChanged = Signal()
    # A visitor's own pick of a language; not the kiosk's return to the default
    # for the next visitor (the engagement statistics count only the former).
    languageChosen = Signal(str)
    modesChanged = Signal()
    # A visitor turning a display mode on (one of MODES), for the statistics.
    modeChosen = Signal(str)
    paletteChanged = Signal()
    metricsChanged = Signal()

    def __init__(
        self,
        config: KioskConfig,
        *,
        clocks: Clocks = Clocks(),
        portraits: PortraitCopies | None = None,
        staff_status: Callable[[], list[str]] = list,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._config = config
        self._screen = "attract"
        self._language = config.default_language
        self._person_index = 0
        self._people = PeopleModel(config, self._language, portraits.url if portraits else portrait_url, self)
        if portraits is not None:
            portraits.changed.connect(self._people.update_portraits)
            portraits.changed.connect(self.personChanged)
        self._texts = screen_texts(config, self._language)
        self._modes = dict.fromkeys(MODES, False)
        self._geometry = ScreenGeometry(config.screen.width, config.screen.height, config.screen.mounting)
        # A new language, or new content, changes the current person's texts too.
        self.languageChanged.connect(self.personChanged)
        self.configChanged.connect(self.languageChanged)
        self.configChanged.connect(self.personIndexChanged)
        self.configChanged.connect(self.paletteChanged)
        self.configChanged.connect(self.metricsChanged)
        self.modesChanged.connect(self.paletteChanged)
        # The machinery of a kiosk left alone: each watcher gets what it uses
        # and is wired to this state (and input) here, nowhere else.
        self._staff = StaffPanel(
            lambda: self._config, clock=clocks.monotonic, now=clocks.now, status_extra=staff_status, parent=self
        )
        self._idle = IdleWatch(
            lambda: self._config,
            lambda: self._language,
            on_first_screen=lambda: self._screen == "attract",
            staff_busy=lambda: self._staff.panel != CLOSED,
            reset=self.reset_for_next_visitor,
            clock=clocks.monotonic,
            parent=self,
        )
        self._burn_in = BurnInShift(lambda: self._config.burn_in_max_static_s, parent=self)
        self._sleep = SleepWatch(
            lambda: self._config.schedule, on_sleep=self.reset_for_next_visitor, clock=clocks.now, parent=self
        )
        self.screenChanged.connect(self._idle.activity)
        self.languageChanged.connect(self._idle.retranslate)
        self.configChanged.connect(self._idle.refresh)  # a new spell length counts at once
        self.configChanged.connect(self._burn_in.restart)
        self.configChanged.connect(self._sleep.refresh)
        self.configChanged.connect(self._staff.config_changed)

    # --- what QML reads -------------------------------------------------

    @Property(str, notify=screenChanged)
    def screen(self) -> str:
        return self._screen

    @Property(str, notify=languageChanged)
    def language(self) -> str:
        return self._language

    @Property("QVariantMap", notify=languageChanged)
    def texts(self) -> dict[str, str]:
        return self._texts

    @Property("QVariantList", notify=configChanged)
    def languages(self) -> list[dict[str, str]]:
        return [{"code": lang.code, "name": lang.name} for lang in self._config.languages]

    @Property("QVariantList", notify=configChanged)
    def invitations(self) -> list[dict[str, str]]:
        """The touch-to-start line in every language, each in its own."""
        ui = self._config.content.ui["touch_to_start"]
        return [{"code": code, "text": ui[code]} for code in self._config.language_codes]

    @Property(PeopleModel, constant=True)
    def people(self) -> PeopleModel:
        return self._people

    @Property(int, notify=configChanged)
    def personCount(self) -> int:
        return self._people.rowCount()

    @Property(int, notify=personIndexChanged)
    def personIndex(self) -> int:
        return self._person_index

    @Property("QVariantMap", notify=personChanged)
    def person(self) -> dict[str, str]:
        return self._people.row(self._person_index)

    @Property(str, notify=configChanged)
    def campaignUrl(self) -> str:
        return self._config.campaign_url

    @Property("QVariantMap", notify=paletteChanged)
    def palette(self) -> dict[str, str]:
        return dict(palette(self._config.theme, high_contrast=self._modes["high_contrast"]))

    @Property(bool, notify=modesChanged)
    def largerText(self) -> bool:
        return self._modes["larger_text"]

    @Property(bool, notify=modesChanged)
    def highContrast(self) -> bool:
        return self._modes["high_contrast"]

    @Property(float, notify=modesChanged)
    def textScale(self) -> float:
        return LARGER_TEXT_SCALE if self._modes["larger_text"] else 1.0

    @Property(bool, notify=configChanged)
    def reduceMotion(self) -> bool:
        return self._config.reduce_motion

    @Property("QVariantMap", notify=metricsChanged)
    def metrics(self) -> dict[str, float]:
        """The physical screen in window pixels: the smallest touch target,
        the gap between targets, and the band within a seated or standing
        visitor's reach (controls go between reachTop and reachBottom)."""
        geometry = self._geometry
        band = geometry.reach_band_px() or (0.0, float(geometry.height_px))
        return {
            "mmPerPx": geometry.mm_per_px,
            "minTarget": geometry.min_target_px,
            "minGap": geometry.min_gap_px,
            "reachTop": band[0],
            "reachBottom": band[1],
        }

    @Property(IdleWatch, constant=True)
    def idle(self) -> IdleWatch:
        return self._idle

    @Property(BurnInShift, constant=True)
    def burnIn(self) -> BurnInShift:
        return self._burn_in

    @Property(SleepWatch, constant=True)
    def sleep(self) -> SleepWatch:
        return self._sleep

    @Property(StaffPanel, constant=True)
    def staff(self) -> StaffPanel:
        return self._staff

    # --- what QML asks for -------------------------------------------------

    @Slot()
    def start(self) -> None:
        self._set_screen("overview")

    @Slot(int)
    def openPerson(self, index: int) -> None:
        if 0 <= index < self.personCount:
            self._set_person(index)
            self._set_screen("person")

    @Slot()
    def showNext(self) -> None:
        self._set_person((self._person_index + 1) % self.personCount)

    @Slot()
    def showPrevious(self) -> None:
        self._set_person((self._person_index - 1) % self.personCount)

    @Slot()
    def backToOverview(self) -> None:
        self._set_screen("overview")

    @Slot(str)
    def setLanguage(self, code: str) -> None:
        if self._switch_language(code):
            self.languageChosen.emit(code)

    @Slot(bool)
    def setLargerText(self, on: bool) -> None:
        self._set_mode("larger_text", on)

    @Slot(bool)
    def setHighContrast(self, on: bool) -> None:
        self._set_mode("high_contrast", on)

    # --- for the kiosk's own machinery ----------------------------------

    @property
    def config(self) -> KioskConfig:
        return self._config

    @property
    def geometry(self) -> ScreenGeometry:
        return self._geometry

    def set_window_size(self, width: int, height: int) -> None:
        """The window fills the configured screen: its pixels share the
        screen's physical size and mounting height."""
        geometry = ScreenGeometry(width, height, self._config.screen.mounting)
        if geometry != self._geometry:
            self._geometry = geometry
            self.metricsChanged.emit()

    def apply_config(self, config: KioskConfig) -> None:
        """Show new content at once, keeping the visitor where they are.

        The same person (by id) stays open; if they are gone, the visitor
        goes back to the overview. A language no longer offered falls back
        to the default.
        """
        current_id = self._config.content.people[self._person_index].id
        new_ids = [person.id for person in config.content.people]
        if config.language_codes.count(self._language) == 0:
            self._language = config.default_language
        self._config = config
        self._geometry = ScreenGeometry(self._geometry.width_px, self._geometry.height_px, config.screen.mounting)
        self._texts = screen_texts(config, self._language)
        self._people.set_config(config, self._language)
        if current_id in new_ids:
            self._person_index = new_ids.index(current_id)
        else:
            self._person_index = 0
            if self._screen == "person":
                self._screen = "overview"
                self.screenChanged.emit()
        self.configChanged.emit()

    def reset_for_next_visitor(self) -> None:
        """Everything back to how the first visitor found it."""
        self._set_screen("attract")
        self._set_person(0)
        self._switch_language(self._config.default_language)
        for mode in MODES:
            self._set_mode(mode, False)

    def watch_input(self, window: QObject) -> None:
        """Tell the watchers about every touch and key on `window`, before its screens see it."""
        watch = InputWatch(lambda: self._sleep.asleep or self._idle.warning, parent=self)
        watch.revealed.connect(self._sleep.wake)
        watch.revealed.connect(self._idle.activity)
        watch.pressed.connect(self._staff.corner_tap)
        watch.used.connect(self._idle.activity)
        watch.used.connect(self._staff.touched)
        window.installEventFilter(watch)

    # --- for the preview and tests --------------------------------------

    def show(self, screen: str, person_index: int = 0) -> None:
        """Jump straight to a screen (and person), as a visitor's taps would."""
        if screen not in SCREENS:
            raise ValueError(f"unknown screen {screen!r}; one of {SCREENS}")
        self._set_person(person_index)
        self._set_screen(screen)

    # --- helpers ------------------------------------------------------------

    def _set_screen(self, screen: str) -> None:
        if screen != self._screen:
            self._screen = screen
            self.screenChanged.emit()

    def _switch_language(self, code: str) -> bool:
        """Show `code`'s texts; False if it is the current one or not offered."""
        if code == self._language or code not in self._config.language_codes:
            return False
        self._language = code
        self._texts = screen_texts(self._config, code)
        self._people.set_language(code)
        self.languageChanged.emit()
        return True

    def _set_mode(self, mode: str, on: bool) -> None:
        if self._modes[mode] != on:
            self._modes[mode] = on
            self.modesChanged.emit()
            if on:
                self.modeChosen.emit(mode)

    def _set_person(self, index: int) -> None:
        if index != self._person_index:
            self._person_index = index
            self.personIndexChanged.emit()
            self.personChanged.emit()
