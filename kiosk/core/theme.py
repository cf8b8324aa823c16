"""Colour palettes. Text colours are chosen for at least 4.5:1 contrast
(WCAG AA) against the surfaces they sit on."""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

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
