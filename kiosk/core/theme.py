"""Colour palettes. Text colours are chosen for at least 4.5:1 contrast
(WCAG AA) against the surfaces they sit on, 7:1 (AAA) in HIGH_CONTRAST;
TEXT_PAIRS lists those pairs and tests/core/test_theme.py measures them."""

from __future__ import annotations

from types import MappingProxyType
from collections.abc import Mapping

PALETTES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "dark": MappingProxyType(
            {
                "background": "#101113",
                "surface": "#1c1e22",
                "text": "#f5f0e6",
                "muted": "#bdb6aa",
                "accent": "#e3b65e",
                "button": "#2a2d33",
                "buttonBorder": "#8a8f98",
                "buttonText": "#f5f0e6",
                "selected": "#f5f0e6",
                "selectedText": "#101113",
                "imprisoned": "#b8322a",
                "released": "#2e6f5e",
                "badgeText": "#ffffff",
                "qrCard": "#ffffff",
            }
        ),
        "light": MappingProxyType(
            {
                "background": "#f4f1ea",
                "surface": "#ffffff",
                "text": "#16171a",
                "muted": "#4d4a44",
                "accent": "#7a4e00",
                "button": "#ffffff",
                "buttonBorder": "#55585e",
                "buttonText": "#16171a",
                "selected": "#16171a",
                "selectedText": "#f4f1ea",
                "imprisoned": "#a12a22",
                "released": "#25594b",
                "badgeText": "#ffffff",
                "qrCard": "#ffffff",
            }
        ),
    }
)

# A visitor's "high contrast" button shows this palette over either theme:
# white on near-black, yellow for what is active, every button outlined.
HIGH_CONTRAST: Mapping[str, str] = MappingProxyType(
    {
        "background": "#050505",
        "surface": "#161616",
        "text": "#ffffff",
        "muted": "#d6d6d6",
        "accent": "#ffdd00",
        "button": "#000000",
        "buttonBorder": "#ffffff",
        "buttonText": "#ffffff",
        "selected": "#ffdd00",
        "selectedText": "#000000",
        "imprisoned": "#9b1c1c",
        "released": "#0b5d3b",
        "badgeText": "#ffffff",
        "qrCard": "#ffffff",
    }
)

# Every (text colour, background colour) pair the screens draw.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"),
    ("text", "surface"),
    ("muted", "background"),
    ("muted", "surface"),
    ("accent", "background"),
    ("accent", "surface"),
    ("buttonText", "button"),
    ("selectedText", "selected"),
    ("badgeText", "imprisoned"),
    ("badgeText", "released"),
)


def palette(theme: str, high_contrast: bool) -> Mapping[str, str]:
    """The colours to show: the configured theme, unless a visitor asked for high contrast."""
    return HIGH_CONTRAST if high_contrast else PALETTES[theme]
