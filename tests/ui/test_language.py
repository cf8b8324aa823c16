"""Switching language re-renders every text in place and keeps the screen."""

import pytest

from kiosk.tools.shots import planned_shots, show
from tests.ui.helpers import find, is_shown, tap, visible_texts


def language_neutral_texts(config) -> set[str]:
    """Texts that are the same in every language: names, language names, and UI
    texts the content writes alike in all (such as the title)."""
    neutral = {language.name for language in config.languages}
    for text in config.content.ui.values():
        if len(set(text.values())) == 1:
            neutral |= set(text.values())
    for person in config.content.people:
        neutral |= {person.name, person.name_native}
    neutral |= {"\u2190", "\u2039", "\u203a"}  # the arrows on the buttons
    return neutral


def test_default_language_is_swedish(kiosk):
    assert kiosk.state.language == "sv"


@pytest.mark.parametrize("screen, person", [("overview", 0), ("person", 0), ("person", 2)])
def test_switching_language_changes_every_text_and_keeps_the_screen(qtbot, kiosk, config, screen, person):
    kiosk.state.show(screen, person)
    qtbot.waitUntil(lambda: is_shown(kiosk.window, f"{screen}Screen"))
    swedish = visible_texts(kiosk.window)

    tap(qtbot, kiosk.window, find(kiosk.window, "language_en"))
    qtbot.waitUntil(lambda: kiosk.state.language == "en")
    english = visible_texts(kiosk.window)

    assert is_shown(kiosk.window, f"{screen}Screen"), "the screen must stay the same"
    assert kiosk.state.personIndex == person
    left_over = set(swedish) & set(english)
    assert left_over <= language_neutral_texts(config), f"not translated: {left_over}"
    assert set(english) - language_neutral_texts(config), "nothing was shown in English"

    tap(qtbot, kiosk.window, find(kiosk.window, "language_sv"))
    qtbot.waitUntil(lambda: kiosk.state.language == "sv")
    assert visible_texts(kiosk.window) == swedish


@pytest.mark.slow
def test_no_text_of_the_other_language_is_on_any_screen(qtbot, kiosk, config):
    """Every text a Swedish screen shows that English doesn't must be gone in English."""
    neutral = language_neutral_texts(config)
    seen: dict[str, set[str]] = {"sv": set(), "en": set()}
    for shot in planned_shots(config):
        if shot.screen == "attract":
            continue  # the invitation is deliberately in every language
        show(kiosk, shot)
        seen[shot.language] |= set(visible_texts(kiosk.window))
    assert (seen["sv"] & seen["en"]) <= neutral


def test_language_buttons_are_named_in_their_own_language(qtbot, kiosk):
    kiosk.state.show("overview")
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "overviewScreen"))
    assert find(kiosk.window, "language_sv").property("text") == "Svenska"
    assert find(kiosk.window, "language_en").property("text") == "English"
    assert find(kiosk.window, "language_sv").property("selected") is True
    assert find(kiosk.window, "language_en").property("selected") is False
