"""The panel's turn as cage, libinput and udev are told it (kiosk.runtime.display)."""

from __future__ import annotations

import subprocess

import pytest

from kiosk.cli import _panel_turned
from kiosk.core.model import PANEL_TURNS
from kiosk.runtime.display import (
    CALIBRATION_MATRICES,
    OUTPUT_TRANSFORMS,
    TURN_ENV,
    cage_can_turn,
    cage_command,
    connected_outputs,
    power_command,
    touch_rule,
    wlr_randr_outputs,
    wlr_randr_turn_command,
)
from tests.conftest import CONFIG_DIR

KIOSK = ["/opt/k/bin/python", "-m", "kiosk", "run", "--config", "/etc/k/kiosk.yaml"]
# cage 0.2's usage, which has no -r (output management turns the picture instead).
LATER_CAGE_USAGE = """\
Usage: cage [OPTIONS] [--] [APPLICATION...]

 -d\t Don't draw client side decorations, when possible
 -D\t Enable debug logging
 -h\t Display this help message
 -m extend Extend the display across all connected outputs (default)
 -m last Use only the last connected output
 -s\t Allow VT switching
 -v\t Show the version number and exit
"""

# Where each corner of the panel, as it was made (x right, y down, 0 to 1),
# is seen once the panel hangs turned so.
SEEN_CORNERS = {
    "none": {(0, 0): (0, 0), (1, 0): (1, 0), (0, 1): (0, 1)},
    # Turned anticlockwise: its top-left corner is now at the bottom left, its top-right at the top left.
    "left": {(0, 0): (0, 1), (1, 0): (0, 0), (0, 1): (1, 1)},
    # Turned clockwise: its top-left corner is now at the top right.
    "right": {(0, 0): (1, 0), (1, 0): (1, 1), (0, 1): (0, 0)},
    "upside_down": {(0, 0): (1, 1), (1, 0): (0, 1), (0, 1): (1, 0)},
}


def installed_cage_usage() -> str:
    shown = subprocess.run(["cage", "-h"], capture_output=True, text=True)
    return shown.stdout + shown.stderr


def test_every_turn_staff_may_write_has_a_transform_and_a_touch_matrix():
    assert set(OUTPUT_TRANSFORMS) == set(CALIBRATION_MATRICES) == set(PANEL_TURNS) == set(SEEN_CORNERS)


def calibrated(turn: str, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = (float(n) for n in CALIBRATION_MATRICES[turn].split())
    return a * x + b * y + c, d * x + e * y + f


def wlroots_turns_a_mapped_touch(transform: str, x: float, y: float) -> tuple[float, float]:
    """What wlroots' cursor does to a touch on a touchscreen mapped to an output
    with this transform (apply_output_transform in types/wlr_cursor.c)."""
    return {"normal": (x, y), "90": (1 - y, x), "180": (1 - x, 1 - y), "270": (y, 1 - x)}[transform]


@pytest.mark.parametrize("turn", PANEL_TURNS)
def test_the_touch_matrix_moves_each_corner_to_where_it_is_seen(turn):
    for (x, y), seen in SEEN_CORNERS[turn].items():
        assert calibrated(turn, x, y) == seen
        # The picture's transform is the same turn: wlroots, which turns the
        # touches of a mapped touchscreen by it, would put them there too.
        assert wlroots_turns_a_mapped_touch(OUTPUT_TRANSFORMS[turn], x, y) == seen


@pytest.mark.parametrize(
    ("turn", "flags", "transform"),
    [
        ("none", [], "normal"),
        ("right", ["-r"], "90"),
        ("upside_down", ["-r", "-r"], "180"),
        ("left", ["-r"] * 3, "270"),
    ],
)
def test_the_picture_is_turned_back_against_the_panel(turn, flags, transform):
    # Each -r of cage 0.1.4 is a quarter of an output turned clockwise: once
    # for a panel turned right, three times for one turned left.
    usage = installed_cage_usage()  # Debian 12's cage 0.1.4 (make test-tools)
    assert cage_can_turn(usage)
    command, extra = cage_command(cage="/usr/bin/cage", cage_help=usage, turn=turn, kiosk=KIOSK)
    assert command == ["/usr/bin/cage", "-d", *flags, "--", *KIOSK]
    assert extra == {}
    assert "-s" not in command  # never a way to the other consoles
    # A later cage has no -r: the kiosk turns the picture itself with wlr-randr.
    command, extra = cage_command(cage="/usr/bin/cage", cage_help=LATER_CAGE_USAGE, turn=turn, kiosk=KIOSK)
    assert command == ["/usr/bin/cage", "-d", "--", *KIOSK]
    assert extra == ({} if turn == "none" else {TURN_ENV: turn})
    assert wlr_randr_turn_command("HDMI-A-1", turn) == ["wlr-randr", "--output", "HDMI-A-1", "--transform", transform]


def test_the_outputs_are_read_from_wlr_randrs_listing():
    listing = """\
HDMI-A-1 "Iiyama North America PL4380UH 1234 (HDMI-A-1)"
  Physical size: 941x529 mm
  Enabled: yes
  Modes:
    3840x2160 px, 60.000000 Hz (preferred, current)
    1920x1080 px, 60.000000 Hz
  Position: 0,0
  Transform: normal
  Scale: 1.000000
DP-2 "Unknown (DP-2)"
  Enabled: no
"""
    assert wlr_randr_outputs(listing) == ["HDMI-A-1", "DP-2"]
    assert wlr_randr_outputs("") == []


def test_the_screen_is_switched_off_and_on_with_output_power_management():
    assert power_command(on=False) == ["wlopm", "--off", "*"]
    assert power_command(on=True) == ["wlopm", "--on", "*"]


def test_the_touch_rule_turns_touchscreens_and_ties_them_to_the_kiosks_screen():
    rule = touch_rule("none", "HDMI-A-1")
    (line,) = [line for line in rule.splitlines() if line and not line.startswith("#")]
    assert line == (
        'ACTION=="add|change", SUBSYSTEM=="input", KERNEL=="event*", ENV{ID_INPUT_TOUCHSCREEN}=="1", '
        'ENV{LIBINPUT_CALIBRATION_MATRIX}="1 0 0 0 1 0", ENV{WL_OUTPUT}="HDMI-A-1"'
    )
    # A turned panel's touches are turned by the rule and not tied: wlroots
    # turns a tied touchscreen's touches too, and cage ties one plugged in
    # again after its start, which would then be turned twice.
    turned = touch_rule("left", "HDMI-A-1")
    assert turned.splitlines()[-1].endswith('ENV{LIBINPUT_CALIBRATION_MATRIX}="0 1 0 -1 0 1"')
    assert "a quarter to the left" in turned and "would turn a tied one's touches a second time" in turned
    # No screen connected while installing: the touches are turned, not tied.
    untied = touch_rule("none", None)
    assert untied.splitlines()[-1].endswith('ENV{LIBINPUT_CALIBRATION_MATRIX}="1 0 0 0 1 0"')
    assert "not tied to one screen" in untied


@pytest.mark.parametrize(("turn", "output"), [("sideways", None), ("left", 'HDMI"; RUN+="/bin/sh'), ("left", "")])
def test_the_touch_rule_takes_only_known_turns_and_connector_names(turn, output):
    if output == "":
        assert "WL_OUTPUT" not in touch_rule(turn, output).splitlines()[-1]
        return
    with pytest.raises(ValueError):
        touch_rule(turn, output)


def test_connected_screens_are_named_as_wlroots_names_its_outputs(tmp_path):
    for name, status, connector_id in [
        ("card1-HDMI-A-2", "connected", "107"),
        ("card1-DP-1", "disconnected", "95"),
        ("card1-HDMI-A-1", "connected", "99"),
        ("card1-eDP-1", "connected", "88"),
    ]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "status").write_text(status + "\n")
        (tmp_path / name / "connector_id").write_text(connector_id + "\n")
    (tmp_path / "card1").mkdir()  # the card itself, not a connector
    (tmp_path / "renderD128").mkdir()
    assert connected_outputs(tmp_path) == ["eDP-1", "HDMI-A-1", "HDMI-A-2"]
    assert connected_outputs(tmp_path / "nothing") == []


def test_the_unit_reads_the_turn_from_kiosk_yaml_and_leaves_errors_to_the_kiosk(tmp_path):
    assert _panel_turned(CONFIG_DIR / "kiosk.yaml") == "none"
    config = tmp_path / "kiosk.yaml"
    text = (CONFIG_DIR / "kiosk.yaml").read_text()
    config.write_text(text.replace("panel_turned: none", "panel_turned: right"))
    assert _panel_turned(config) == "right"
    for broken in ("panel_turned: sideways", "panel_turned: [left]", "screen: [1\n", ""):
        config.write_text(text.replace("panel_turned: none", broken) if broken else "")
        assert _panel_turned(config) == "none"
    assert _panel_turned(tmp_path / "missing.yaml") == "none"
