"""What the screen says when there is no usable config at all.

Built in, because it is shown exactly when the staff's texts cannot be read.
One line per language of the cities the installation tours, plus English and
Belarusian; calm, with no error details (those go to the log and staff).
"""

from __future__ import annotations

OUT_OF_ORDER = (
    ("sv", "Tillfälligt ur funktion"),
    ("en", "Temporarily out of order"),
    ("be", "Часова не працуе"),
    ("lt", "Laikinai neveikia"),
    ("lv", "Īslaicīgi nedarbojas"),
    ("pl", "Chwilowo nieczynne"),
    ("de", "Vorübergehend außer Betrieb"),
    ("fr", "Temporairement hors service"),
    ("nl", "Tijdelijk buiten gebruik"),
)
