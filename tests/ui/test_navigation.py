"""A visitor's path through the screens, by taps and swipes on the real QML."""

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem

from tests.ui.helpers import find, is_shown, swipe, tap


def open_overview(qtbot, kiosk):
    tap(qtbot, kiosk.window, find(kiosk.window, "attractScreen"))
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "overviewScreen"))


def shown_name(kiosk) -> str:
    return find(kiosk.window, "personName").property("text")


def test_starts_on_the_attract_screen_with_title_and_four_portraits(kiosk):
    window = kiosk.window
    assert is_shown(window, "attractScreen")
    assert not is_shown(window, "overviewScreen")
    assert not is_shown(window, "bottomBar")
    assert find(window, "attractTitle").property("text") == "UNBREAKABLE"
    invitations = [find(window, f"invitation_{code}").property("text") for code in ("sv", "en")]
    assert invitations == ["Tryck på skärmen för att börja", "Touch the screen to begin"]


def test_a_touch_on_the_attract_screen_opens_the_overview(qtbot, kiosk):
    open_overview(qtbot, kiosk)
    assert not is_shown(kiosk.window, "attractScreen")
    assert is_shown(kiosk.window, "bottomBar")
    names = [find(kiosk.window, f"personCard{i}").property("name") for i in range(4)]
    assert names == ["Ales Bialiatski", "Valiantsin Stefanovic", "Uladzimir Labkovich", "Marfa Rabkova"]


def test_tapping_a_portrait_opens_that_person(qtbot, kiosk):
    open_overview(qtbot, kiosk)
    tap(qtbot, kiosk.window, find(kiosk.window, "personCard2"))
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "personScreen"))
    assert shown_name(kiosk) == "Uladzimir Labkovich"
    assert find(kiosk.window, "personNameNative").property("text") == "Уладзімір Лабковіч"
    assert not is_shown(kiosk.window, "overviewScreen")


def test_swipe_left_shows_the_next_person_and_right_goes_back(qtbot, kiosk):
    open_overview(qtbot, kiosk)
    tap(qtbot, kiosk.window, find(kiosk.window, "personCard1"))
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "personScreen"))
    assert shown_name(kiosk) == "Valiantsin Stefanovic"

    y = 400.0
    swipe(kiosk.window, QPointF(1400, y), QPointF(700, y))
    qtbot.waitUntil(lambda: shown_name(kiosk) == "Uladzimir Labkovich")
    swipe(kiosk.window, QPointF(700, y), QPointF(1400, y))
    qtbot.waitUntil(lambda: shown_name(kiosk) == "Valiantsin Stefanovic")


def test_a_short_drag_does_not_change_the_person(qtbot, kiosk):
    kiosk.state.show("person", 0)
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "personScreen"))
    swipe(kiosk.window, QPointF(1000, 400), QPointF(960, 400))
    qtbot.wait(100)
    assert shown_name(kiosk) == "Ales Bialiatski"


def test_next_and_previous_buttons_go_round_the_four(qtbot, kiosk):
    kiosk.state.show("person", 3)
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "personScreen"))
    tap(qtbot, kiosk.window, find(kiosk.window, "nextButton"))
    qtbot.waitUntil(lambda: shown_name(kiosk) == "Ales Bialiatski")
    tap(qtbot, kiosk.window, find(kiosk.window, "previousButton"))
    qtbot.waitUntil(lambda: shown_name(kiosk) == "Marfa Rabkova")


def test_back_returns_to_the_overview(qtbot, kiosk):
    kiosk.state.show("person", 1)
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "personScreen"))
    tap(qtbot, kiosk.window, find(kiosk.window, "backButton"))
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "overviewScreen"))
    assert not is_shown(kiosk.window, "personScreen")


@pytest.mark.parametrize(
    ("index", "language", "badge", "checked"),
    [
        (0, "sv", "FRIGIVEN, I EXIL", "Senast kontrollerad 6 december 2026"),
        (2, "en", "FREED, IN EXILE", "Last checked 6 December 2026"),
        (3, "sv", "UPPGES FRIGIVEN, I EXIL", "Senast kontrollerad 6 december 2026"),
        (3, "en", "REPORTED FREED, IN EXILE", "Last checked 6 December 2026"),
    ],
)
def test_person_screen_shows_status_with_its_checked_date(qtbot, kiosk, index, language, badge, checked):
    kiosk.state.setLanguage(language)
    kiosk.state.show("person", index)
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "personScreen"))
    assert find(kiosk.window, "statusBadgeLabel").property("text") == badge
    assert find(kiosk.window, "statusChecked").property("text") == checked


@pytest.mark.parametrize(
    ("language", "count", "counted", "note", "checked"),
    [
        (
            "sv",
            "1\u00a0140 politiska fångar i Belarus",
            "Enligt Viasna, 5 mars 2026",
            "Två veckor senare, den 19 mars 2026, benådades 250 personer som dömts för ”extremism”.",
            "Senast kontrollerad 6 december 2026",
        ),
        (
            "en",
            "1,140 political prisoners in Belarus",
            "According to Viasna, 5 March 2026",
            "Two weeks later, on 19 March 2026, 250 people convicted of “extremism” were pardoned.",
            "Last checked 6 December 2026",
        ),
    ],
)
def test_the_prisoner_count_is_shown_with_its_date_what_changed_since_and_when_it_was_checked(
    qtbot, kiosk, language, count, counted, note, checked
):
    kiosk.state.setLanguage(language)
    kiosk.state.show("overview")
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "overviewScreen"))
    shown = {name: find(kiosk.window, name).property("text") for name in (
        "prisonerCountText", "prisonerCountSource", "prisonerCountNote", "prisonerCountChecked")}
    assert shown == {
        "prisonerCountText": count,
        "prisonerCountSource": counted,
        "prisonerCountNote": note,
        "prisonerCountChecked": checked,
    }


@pytest.mark.parametrize("screen, area", [("overview", "overviewIntro"), ("person", "personScroll")])
def test_a_page_shown_again_starts_at_its_top(qtbot, kiosk, screen, area):
    """Screens are built once and kept: a page scrolled down, left and
    opened again (by this visitor or the next) starts at the top."""
    window, state = kiosk.window, kiosk.state
    state.setLargerText(True)  # so the page is longer than its place
    state.show(screen, 0)
    qtbot.waitUntil(lambda: is_shown(window, area) and find(window, area).property("scrollable"))
    find(window, area).setProperty("contentY", 200)
    state.show("attract")
    qtbot.waitUntil(lambda: is_shown(window, "attractScreen"))

    state.show(screen, 0)
    qtbot.waitUntil(lambda: is_shown(window, area))
    assert find(window, area).property("scrollable")
    assert find(window, area).property("contentY") == 0


def test_the_other_screens_are_built_while_the_first_one_waits(qtbot, kiosk):
    """Once the first screen's portraits are shown, the rest is built in the
    background, so the first tap does not wait for it; nothing of it shows."""
    window = kiosk.window

    def built(name: str) -> bool:
        return any(item.objectName() == name for item in window.findChildren(QQuickItem))

    qtbot.waitUntil(lambda: all(built(name) for name in ("overviewScreen", "personScreen", "bottomBar")))
    assert is_shown(window, "attractScreen")
    assert not any(is_shown(window, name) for name in ("overviewScreen", "personScreen", "bottomBar"))
