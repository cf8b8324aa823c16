"""Texts from the staff's files are drawn as plain text: markup shows as written.

Qt's Text guesses rich text by default, so a name typed as
`<font size=7 color=red>...` was drawn huge and red, and `<img src=...>` made
Qt ask the network for the picture.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pytest
from PySide6.QtGui import QFontMetricsF
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem

from kiosk.tools.scene import settle
from tests.ui.helpers import find, is_shown, visible_text_items

RED_NAME = "<font size=7 color=red>Ales</font> <b>Bialiatski</b>"
PICTURE = '<img src="https://example.org/tracker.png" width=400 height=400>'


def with_markup(config):
    people = list(config.content.people)
    first = people[0]
    bio = MappingProxyType({code: PICTURE + " " + text for code, text in first.bio.items()})
    people[0] = dataclasses.replace(first, name=RED_NAME, bio=bio)
    return dataclasses.replace(config, content=dataclasses.replace(config.content, people=tuple(people)))


def text_item(window, text: str) -> QQuickItem:
    items = [item for item in visible_text_items(window) if item.property("text") == text]
    assert len(items) == 1, f"expected one text {text!r} on screen, found {len(items)}"
    return items[0]


def laid_out_as_written(item: QQuickItem) -> bool:
    """The text takes the width of its characters as written, tags and all, in its own font."""
    written = QFontMetricsF(item.property("font")).horizontalAdvance(item.property("text"))
    return abs(item.property("implicitWidth") - written) < 2


def is_plain(item: QQuickItem) -> bool:
    # Reading the enum through property() finds no converter; QML compares it.
    expression = QQmlExpression(QQmlEngine.contextForObject(item), item, "textFormat === Text.PlainText")
    value, failed = expression.evaluate()
    assert not failed, expression.error().toString()
    return value is True


def test_a_name_with_markup_shows_the_markup_as_written(qtbot, make_ui, config, caplog):
    ui = make_ui(with_markup(config))
    ui.state.show("overview")
    qtbot.waitUntil(lambda: is_shown(ui.window, "personCard0"))
    settle(ui)
    card_name = text_item(ui.window, RED_NAME)
    assert is_plain(card_name)
    # The tags are spelled out, so they take room: more lines than the two words alone.
    assert laid_out_as_written(card_name)
    assert card_name.property("lineCount") >= 3

    ui.state.show("person", 0)
    qtbot.waitUntil(lambda: is_shown(ui.window, "personName"))
    settle(ui)
    name = find(ui.window, "personName")
    assert name.property("text") == RED_NAME and is_plain(name)
    assert laid_out_as_written(name)
    bio = find(ui.window, "personBio")
    assert bio.property("text").startswith(PICTURE) and is_plain(bio)
    assert bio.property("lineCount") > 1  # no 400x400 picture: lines of text
    assert not [record for record in caplog.records if "network" in record.getMessage()]


@pytest.mark.parametrize("screen", ["attract", "overview", "person"])
def test_every_text_on_every_screen_is_drawn_plain(qtbot, make_ui, config, screen):
    ui = make_ui(with_markup(config))
    ui.state.show(screen, 0)
    qtbot.waitUntil(lambda: is_shown(ui.window, f"{screen}Screen"))
    settle(ui)
    texts = visible_text_items(ui.window)
    assert len(texts) > 3
    assert [item.property("text") for item in texts if not is_plain(item)] == []
