"""The kiosk PC's panel as the operating system sees it: which way it hangs,
where its touches land, and its power outside opening hours.

A panel hung on its side (screen.panel_turned in kiosk.yaml) needs two
things turned with it: the picture (cage's -r, or wlr-randr on a cage that
has output management) and the touchscreen's coordinates (a udev rule that
libinput reads when cage opens the device). The kiosk's window then simply
gets the upright size from cage.

Standard library only: scripts/install-kiosk-pc imports this with Debian's
own python3, to write the udev rule."""

from __future__ import annotations

import re
from pathlib import Path

# The Wayland output transform that shows the picture upright on a panel
# turned so. The protocol's "90" compensates a device turned a quarter
# clockwise: the compositor draws the picture a quarter anticlockwise on the
# panel's own raster (cage 0.1.4's -r, "rotate the output 90 degrees
# clockwise", is this transform; wlroots turns a mapped touchscreen's points
# the same way, see CALIBRATION_MATRICES).
OUTPUT_TRANSFORMS = {"none": "normal", "right": "90", "upside_down": "180", "left": "270"}

# The same turn for libinput: the touchscreen reports points on the panel's
# own raster (0 to 1 across and down as the panel was made); the matrix
# [a b c; d e f] moves them to where they are on the picture as seen
# (x' = a x + b y + c, y' = d x + e y + f). wlroots does the same itself for
# a touchscreen mapped to a turned output, but cage maps a touchscreen only
# if the screen was there before it, and at cage's start the touchscreen
# comes first: so the rule turns the touches and does not map a turned
# panel's touchscreen (mapped and turned, a touchscreen plugged in again
# would be turned twice).
CALIBRATION_MATRICES = {
    "none": "1 0 0 0 1 0",
    "left": "0 1 0 -1 0 1",  # the panel's top edge is the picture's left edge
    "upside_down": "-1 0 1 0 -1 1",
    "right": "0 -1 1 1 0 0",  # the panel's top edge is the picture's right edge
}

TOUCH_RULE_PATH = Path("/etc/udev/rules.d/90-unbreakable-kiosk-touch.rules")

# Output power management (wlr-output-power-management-v1): the panel off,
# but still the compositor's output, so a touch still reaches the kiosk and
# wakes it. Not wlr-randr --off: that takes the output away from the layout,
# the kiosk's window with it, and a touch would land nowhere.
POWER_TOOL = "wlopm"

# Set by `kiosk cage` for the kiosk when the turn is its job: a cage without -r.
TURN_ENV = "KIOSK_TURN_OUTPUT"
# How each turn reads in the udev rule's comment.
TURN_WORDS = {"none": "as it was made", "left": "a quarter to the left", "upside_down": "upside down",
              "right": "a quarter to the right"}


def cage_command(*, cage: str, cage_help: str, turn: str, kiosk: list[str]) -> tuple[list[str], dict[str, str]]:
    """cage's command line for the kiosk, and what to add to its environment:
    cage 0.1.4 turns the output with -r from the start; a later cage has no -r,
    and the kiosk turns the output with wlr-randr once it runs (TURN_ENV)."""
    if turn == "none":
        return [cage, "-d", "--", *kiosk], {}
    if cage_can_turn(cage_help):
        return [cage, "-d", *cage_turn_flags(turn), "--", *kiosk], {}
    return [cage, "-d", "--", *kiosk], {TURN_ENV: turn}


def cage_turn_flags(turn: str) -> list[str]:
    """cage 0.1.4's options for the turn: each -r adds a quarter of a panel
    turned clockwise (once for right, three times for left)."""
    transform = OUTPUT_TRANSFORMS[turn]
    return ["-r"] * (0 if transform == "normal" else int(transform) // 90)


def cage_can_turn(cage_help: str) -> bool:
    """True for a cage that turns its output itself (-r, cage 0.1.4: Debian 12);
    later ones dropped -r for output management (wlr-randr)."""
    return re.search(r"^\s*-r\b", cage_help, re.MULTILINE) is not None


def wlr_randr_turn_command(output: str, turn: str) -> list[str]:
    return ["wlr-randr", "--output", output, "--transform", OUTPUT_TRANSFORMS[turn]]


def wlr_randr_outputs(listing: str) -> list[str]:
    """The output names in `wlr-randr`'s listing, in its order: each output's
    first line starts at the margin with its name (e.g. 'HDMI-A-1 "Dell ..."')."""
    return [line.split()[0] for line in listing.splitlines() if line[:1].strip()]


def power_command(on: bool) -> list[str]:
    """Every output of the compositor on or off (wlopm's '*')."""
    return [POWER_TOOL, "--on" if on else "--off", "*"]


def connected_outputs(drm: Path = Path("/sys/class/drm")) -> list[str]:
    """The connected screens' connector names (HDMI-A-1, eDP-1...), the names
    wlroots gives its outputs, in the order the kernel numbers them."""
    found = []
    for connector in drm.glob("card*-*"):
        status = connector / "status"
        if status.is_file() and status.read_text().strip() == "connected":
            card, name = connector.name.split("-", 1)
            number = (connector / "connector_id").read_text().strip() if (connector / "connector_id").is_file() else "0"
            found.append((card, int(number), name))
    return [name for _, _, name in sorted(found)]


def touch_rule(turn: str, output: str | None) -> str:
    """The udev rule that turns every touchscreen's points with the panel and,
    for a panel that is not turned, ties it to the kiosk's output (so a second
    screen does not get its touches; see CALIBRATION_MATRICES for why not a
    turned one)."""
    if turn not in CALIBRATION_MATRICES:
        raise ValueError(f"{turn!r} is not one of {', '.join(CALIBRATION_MATRICES)}")
    if output and not re.fullmatch(r"[A-Za-z0-9_.-]+", output):
        raise ValueError(f"{output!r} is not a screen connector's name (like HDMI-A-1)")
    settings = [f'ENV{{LIBINPUT_CALIBRATION_MATRIX}}="{CALIBRATION_MATRICES[turn]}"']
    if output and turn == "none":
        settings.append(f'ENV{{WL_OUTPUT}}="{output}"')
        tied = f"tied to the screen {output}"
    elif output:
        tied = "not tied to one screen (cage would turn a tied one's touches a second time)"
    else:
        tied = "not tied to one screen (none was connected then)"
    return f"""\
# unbreakable-kiosk: the touchscreen follows the picture. The panel hangs
# {TURN_WORDS[turn]} (screen.panel_turned in kiosk.yaml): its touches are
# turned the same way, {tied}.
# Written by scripts/install-kiosk-pc; run it again after changing
# screen.panel_turned. Check: udevadm info /dev/input/eventN | grep -e CALIBRATION -e WL_OUTPUT
ACTION=="add|change", SUBSYSTEM=="input", KERNEL=="event*", ENV{{ID_INPUT_TOUCHSCREEN}}=="1", {", ".join(settings)}
"""

