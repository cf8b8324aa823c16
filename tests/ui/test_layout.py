"""No text is clipped, overflows or collides, on any screen, in any language,
in landscape and portrait, in every display mode; no control is off the
screen or on another; every QR code reads as its link. The rules are
kiosk/tools/layout_rules.py, the ones `kiosk preview` and `kiosk check --layout`
apply to the staff's own content."""

import dataclasses
from types import MappingProxyType

import pytest

from PySide6.QtQuick import QQuickItem

from kiosk.tools.layout_rules import (
    campaign_qr_problems,
    control_layout_problems,
    letter_bands,
    qr_problems,
    quoted,
    screen_problems,
    scroll_box_problems,
    text_layout_problems,
)
from kiosk.tools.scene import controls, scene_rect, settle, visible_items
from kiosk.tools.shots import planned_shots, show
from tests.ui.conftest import LANDSCAPE, PORTRAIT
from tests.ui.helpers import find

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["1920x1080", "1080x1920"])
def test_every_text_fits_on_every_screen(make_ui, config, size):
    ui = make_ui(config, size)
    failures = {}
    for shot in planned_shots(config):
        show(ui, shot)
        image = ui.window.grabWindow()
        problems = screen_problems(ui.window, image, controls(ui.window, ui.state.geometry, image))
        if problems:
            failures[shot.file_name] = [str(problem) for problem in problems]
    assert not failures, failures


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["1920x1080", "1080x1920"])
def test_the_campaign_code_is_in_view_without_scrolling_on_every_screen_but_the_first(make_ui, config, size):
    """In both languages and every display mode, larger text and high contrast
    together too: a passer-by can scan it wherever the visitor is."""
    ui = make_ui(config, size)
    failures = {}
    checked = []
    for shot in planned_shots(config):
        both_modes = (False, True) if shot.mode == "larger-text" else (False,)
        for with_high_contrast in both_modes:
            show(ui, shot)
            name = shot.file_name
            if with_high_contrast:
                ui.state.setHighContrast(True)
                settle(ui)
                name += " with high contrast"
            checked.append(name)
            if problems := campaign_qr_problems(ui.window):
                failures[name] = [str(problem) for problem in problems]
    assert not failures, failures
    assert "person-4-en-larger-text.png with high contrast" in checked


def test_the_layout_check_catches_an_overflowing_text(make_ui, config):
    """The check above must be able to fail: a bio of one endless word overflows."""
    first = config.content.people[0]
    endless = "Belarus" * 60
    broken_person = dataclasses.replace(first, bio=MappingProxyType({"sv": endless, "en": endless}))
    content = dataclasses.replace(config.content, people=(broken_person, *config.content.people[1:]))
    ui = make_ui(dataclasses.replace(config, content=content))
    show(ui, planned_shots(config)[2])  # person-1-sv
    problems = text_layout_problems(ui.window)
    assert f"{endless[:30] + '…'!r} is wider than its box (a word too long to wrap?)" in map(str, problems)
    assert any(problem.texts == (endless,) for problem in problems)


def test_the_control_rules_catch_a_control_off_the_screen_and_two_on_one_another():
    button = {
        "objectName": "nextButton", "text": "Next", "accessibleName": "Next",
        "x": 100, "y": 900, "width": 180, "height": 96,
    }
    assert control_layout_problems([button], 1920, 1080) == []
    off = button | {"x": 1800}
    problems = [str(p) for p in control_layout_problems([off], 1920, 1080)]
    assert problems == ["the button 'Next' is (partly) off the screen"]
    back = button | {"objectName": "backButton", "text": "Back", "accessibleName": "Back", "x": 200}
    assert [str(p) for p in control_layout_problems([button, back], 1920, 1080)] == [
        "the buttons 'Next' and 'Back' overlap"
    ]


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["1920x1080", "1080x1920"])
def test_without_larger_text_nothing_needs_scrolling(make_ui, config, size):
    """Scrolling is for larger text; a visitor in the normal mode sees all at once."""
    ui = make_ui(config, size)
    scrolling = []
    for shot in planned_shots(config):
        if shot.mode == "larger-text":
            continue
        show(ui, shot)
        scrolling += [
            f"{shot.file_name}: {item.objectName() or 'text area'}"
            for item in visible_items(ui.window)
            if item.property("kioskScrollArea") is True and item.property("scrollable")
        ]
    assert not scrolling


def test_the_qr_rule_catches_a_code_that_does_not_read(make_ui, config):
    """A link too long for any code (kiosk check refuses it) leaves a blank square."""
    endless = "https://freeviasna.org/?" + "a" * 3000
    ui = make_ui(dataclasses.replace(config, campaign_url=endless))
    show(ui, planned_shots(config)[1])  # overview-sv
    problems = qr_problems(ui.window, ui.window.grabWindow())
    assert [str(problem) for problem in problems] == [f"the QR code for {endless} cannot be read"]



class CardWatch:
    """What becomes of one person card on the overview: the widths it takes,
    and the sizes its portrait is asked for (each one decoded anew)."""

    def __init__(self, card: QQuickItem) -> None:
        self.card = card
        self.image = next(item for item in descendants(card) if item.inherits("QQuickImage"))
        self.widths = [card.width()]
        self.sizes = [self.size()]
        card.widthChanged.connect(lambda: self.widths.append(card.width()))
        self.image.sourceSizeChanged.connect(self.size_changed)

    def size(self) -> tuple[int, int]:
        size = self.image.property("sourceSize")
        return size.width(), size.height()

    def size_changed(self) -> None:
        if self.size() != self.sizes[-1]:  # Qt may signal the same size again
            self.sizes.append(self.size())


def descendants(item: QQuickItem) -> list[QQuickItem]:
    found = []
    for child in item.childItems():
        found += [child, *descendants(child)]
    return found


def test_larger_text_gives_the_overview_cards_their_new_size_in_one_step(make_ui, config):
    """In landscape, larger text moves the people from the column beside the
    text to the whole width. The cards once followed each step of the
    layout settling (472, 884, then 430 px wide), and each portrait was
    decoded at every one of those sizes; now each changes once."""
    ui = make_ui(config, LANDSCAPE)
    ui.state.show("overview")
    settle(ui)
    cards = [item for item in visible_items(ui.window) if item.objectName().startswith("personCard")]
    assert len(cards) == len(config.content.people)
    watches = [CardWatch(card) for card in cards]

    ui.state.setLargerText(True)
    settle(ui)

    assert [len(watch.widths) for watch in watches] == [2] * len(cards), [watch.widths for watch in watches]
    assert [len(watch.sizes) for watch in watches] == [2] * len(cards), [watch.sizes for watch in watches]
    # Larger, and four across the screen's width now.
    assert all(watch.widths[1] > watch.widths[0] for watch in watches)
    assert len({round(scene_rect(card).top()) for card in cards}) == 1


def test_the_scroll_box_rule_catches_a_box_too_low_and_a_line_cut_in_half(make_ui, config):
    """The upright overview with larger text once gave the text about the
    installation a box ending in the middle of its second line: made so
    again here, the rule must say both what is wrong with it."""
    ui = make_ui(config, PORTRAIT)
    show(ui, next(shot for shot in planned_shots(config) if shot.file_name == "overview-en-larger-text.png"))
    area, about = find(ui.window, "overviewIntro"), find(ui.window, "about")
    top = scene_rect(area).top()
    lines = letter_bands(about)
    text = quoted(about.property("text"))

    def end_box_at(y: float) -> list[str]:
        area.setHeight(y - top)  # no longer its own, between two lines
        return [str(problem) for problem in scroll_box_problems(ui.window)]

    _, second, third, fourth = lines[:4]
    assert end_box_at((second[0] + second[1]) / 2) == [
        (f"a scrolling box shows only 1 whole line of {text}: fewer than 3 read as something broken, "
         "not as a text to scroll"),
        f"{text} is cut mid-line by the bottom edge of its scrolling box",
    ]
    assert end_box_at(third[1] + 1) == []
    # A strip of the next line's letter tops reads as text going on below.
    assert end_box_at(fourth[0] + 0.2 * (fourth[1] - fourth[0])) == []
    assert end_box_at(fourth[1] - 3) == [f"{text} is cut mid-line by the bottom edge of its scrolling box"]
    # Ending under the title, or in the heading under it: too few lines in all.
    title, heading = find(ui.window, "overviewTitle"), find(ui.window, "overviewHeading")
    ends = {"1 whole line": letter_bands(title)[0][1] + 1, "2 whole lines": letter_bands(heading)[0][1] + 1}
    for count, end in ends.items():
        assert end_box_at(end) == [
            (f"a scrolling box shows only {count} from {quoted(title.property('text'))}: fewer than 3 read as "
             "something broken, not as a text to scroll")
        ]


@pytest.mark.parametrize(
    "heading", ["Jailed, now in exile", "Jailed for their work, now in exile, and still working for the others"],
    ids=["one-line-heading", "three-line-heading"],
)
def test_the_overview_text_box_ends_between_two_lines_whatever_the_text(make_ui, config, heading):
    """Staff may write a longer or shorter heading: the box under it still
    ends between two lines of the text about the installation, not by luck
    of the bundled text's length."""
    ui_texts = {**config.content.ui, "overview_heading": MappingProxyType({"sv": heading, "en": heading})}
    content = dataclasses.replace(config.content, ui=MappingProxyType(ui_texts))
    ui = make_ui(dataclasses.replace(config, content=content), PORTRAIT)
    show(ui, next(shot for shot in planned_shots(config) if shot.file_name == "overview-en-larger-text.png"))
    assert find(ui.window, "overviewHeading").property("text") == heading
    assert find(ui.window, "overviewIntro").property("scrollable")
    assert [str(problem) for problem in scroll_box_problems(ui.window)] == []
