"""How each language writes a number and the word that follows it.

Both are content (texts.yaml, `numbers:`), named here so that staff choose
from a short list instead of writing rules:

- thousands: what stands between groups of three digits ("1 140", "1,140");
- plurals: which form of a word a count takes. Swedish and English have two
  ("1 sekund", "2 sekunder"); the languages of the installation's earlier
  cities have more (Belarusian, Polish and Lithuanian "few" and "many"
  forms), so a counted text is written once per form its language has.

The rules follow the Unicode CLDR plural rules for whole numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from collections.abc import Callable, Mapping

# Name in texts.yaml -> the character put between groups of three digits.
THOUSANDS: Mapping[str, str] = MappingProxyType(
    {
        "space": "\u00a0",  # a no-break space: "1 140" never breaks across lines
        "comma": ",",
        "period": ".",
        "apostrophe": "\u2019",
        "none": "",
    }
)


def _one_other(n: int) -> str:
    return "one" if n == 1 else "other"


def _east_slavic(n: int) -> str:  # Belarusian, Russian, Ukrainian
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def _polish(n: int) -> str:
    if n == 1:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def _lithuanian(n: int) -> str:
    if n % 10 == 1 and not 11 <= n % 100 <= 19:
        return "one"
    if 2 <= n % 10 <= 9 and not 11 <= n % 100 <= 19:
        return "few"
    return "other"


def _latvian(n: int) -> str:
    if n % 10 == 0 or 11 <= n % 100 <= 19:
        return "zero"
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    return "other"


def _zero_one_other(n: int) -> str:  # French: 0 and 1 take the singular
    return "one" if n in (0, 1) else "other"


def _no_plural(n: int) -> str:
    return "other"


@dataclass(frozen=True)
class PluralRule:
    forms: tuple[str, ...]  # the names of the forms, as texts.yaml writes them
    form_of: Callable[[int], str]  # which of them a whole number takes


# Name in texts.yaml -> the rule. The name says which languages use it.
PLURAL_RULES: Mapping[str, PluralRule] = MappingProxyType(
    {
        "one-other": PluralRule(("one", "other"), _one_other),  # sv, en, de, nl, da, no, ...
        "east-slavic": PluralRule(("one", "few", "many"), _east_slavic),  # be, ru, uk
        "polish": PluralRule(("one", "few", "many"), _polish),
        "lithuanian": PluralRule(("one", "few", "other"), _lithuanian),
        "latvian": PluralRule(("zero", "one", "other"), _latvian),
        "french": PluralRule(("one", "other"), _zero_one_other),  # fr, pt-BR
        "none": PluralRule(("other",), _no_plural),  # languages without plural forms
    }
)


@dataclass(frozen=True)
class NumberStyle:
    """How one language writes numbers."""

    thousands: str  # a key of THOUSANDS
    plurals: str  # a key of PLURAL_RULES

    def format(self, value: int) -> str:
        """`value` with its digits grouped by three: 1140 -> "1 140" or "1,140"."""
        return f"{value:,}".replace(",", THOUSANDS[self.thousands])

    def form(self, count: int) -> str:
        """The plural form a text takes for `count`, e.g. "one" for 1."""
        return PLURAL_RULES[self.plurals].form_of(abs(count))
