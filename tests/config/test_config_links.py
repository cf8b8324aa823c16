"""Links shown as QR codes are short enough for a phone to read them from the screen.

A 3,000-character campaign link passed `kiosk check`; no QR code holds it, so
the screen showed none. The limit follows from the size the screen draws its
codes at (core.qr.qr_size_px) and modules of at least MIN_MODULE_PX pixels:
213 characters on a 1080-pixel short side, 62 at 720, 1059 at 2160.
"""

from __future__ import annotations

import pytest

from kiosk.core.qr import MIN_MODULE_PX

K, P = "kiosk.yaml", "people.yaml"
CAMPAIGN = "  campaign: https://freeviasna.org"


def address(length: int) -> str:
    start = "https://freeviasna.org/?"
    return start + "x" * (length - len(start))


@pytest.mark.parametrize(("resolution", "limit"), [("1920x1080", 213), ("1280x720", 62), ("3840x2160", 1059)])
def test_the_campaign_link_may_be_as_long_as_the_screen_can_draw(cfg, tools, resolution, limit):
    cfg.replace(K, "resolution: 1920x1080", f"resolution: {resolution}")
    cfg.replace(K, CAMPAIGN, f"  campaign: {address(limit)}")
    assert cfg.load().config.campaign_url == address(limit)
    line = cfg.replace(K, f"  campaign: {address(limit)}", f"  campaign: {address(limit + 1)}")
    problem = tools.only(cfg.errors(), K, line, "links.campaign", f"this address is {limit + 1} characters")
    assert f"use a shorter address of at most {limit} characters, e.g. a short link" in problem.message


def test_a_link_no_code_can_hold_is_refused_in_plain_words(cfg, tools):
    line = cfg.replace(K, CAMPAIGN, f"  campaign: {address(3000)}")
    problem = tools.only(cfg.errors(), K, line, "links.campaign", "this address is 3000 characters")
    assert "too fine for a phone to read at arm's length" in problem.message
    assert f"at least {MIN_MODULE_PX} pixels" in problem.message


LABKOVICH = "    link: https://prisoners.spring96.org/en/person/uladzimir-labkovicz"


def test_a_persons_link_has_the_same_bound(cfg, tools):
    cfg.replace(P, LABKOVICH, f"    link: {address(213)}")
    cfg.load()
    line = cfg.replace(P, f"    link: {address(213)}", f"    link: {address(214)}")
    tools.only(cfg.errors(), P, line, "people[2].link", "use a shorter address of at most 213 characters")


def test_on_a_small_screen_a_persons_link_is_held_to_that_screen(cfg, tools):
    cfg.replace(K, "resolution: 1920x1080", "resolution: 1280x720")
    line = cfg.replace(P, LABKOVICH, f"    link: {address(63)}")
    problem = tools.only(cfg.errors(), P, line, "people[2].link", "at most 62 characters")
    assert "176 pixels wide" in problem.message


def test_a_broken_screen_does_not_add_link_problems(cfg, tools):
    line = cfg.replace(K, "resolution: 1920x1080", "resolution: full hd")
    cfg.replace(K, CAMPAIGN, f"  campaign: {address(3000)}")
    tools.only(cfg.errors(), K, line, "screen.resolution", "WIDTHxHEIGHT")
