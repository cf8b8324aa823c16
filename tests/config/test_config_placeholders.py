"""Every language's text has the {placeholders} of the default language's.

A translation that drops {count} shows visitors a sentence without its
number, and one with a placeholder the default text lacks fills in a value
the other languages do not show; `kiosk check` refuses both, at the line of
the translation, naming the placeholder.
"""

from __future__ import annotations

import yaml

from tests.drawn_configs import with_language

T = "texts.yaml"


def add_language(cfg, code: str, name: str) -> None:
    """Offer language `code`, its texts in all three files copied from English.

    The files are written anew (without their comments); tests look lines
    up in them with cfg.line_of.
    """
    for file in ("kiosk.yaml", T, "people.yaml"):
        values = with_language(yaml.safe_load(cfg.path(file).read_text(encoding="utf-8")), code)
        if file == "kiosk.yaml":
            values["languages"]["offered"].append({"code": code, "name": name})
        text = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=1000)
        cfg.path(file).write_text(text, encoding="utf-8")


def test_a_new_language_without_count_is_refused(cfg, tools):
    add_language(cfg, "de", "Deutsch")
    cfg.load()  # German as a copy of English is fine
    counted = cfg.line_of(T, "  prisoner_count:")
    line = cfg.line_of(T, "other:", after=cfg.line_of(T, "  de:", after=counted))
    cfg.replace(T, "'{count} political prisoners in Belarus'", "Politische Gefangene in Belarus", after=line - 1)
    reference = cfg.line_of(T, "other:", after=counted)
    problem = tools.only(cfg.errors(), T, line, "ui.prisoner_count.de.other", "")
    assert problem.message == (
        f"lacks {{count}}, which the 'sv' text (line {reference}) has, so visitors would not see that value; "
        "add it where it belongs in this sentence"
    )


def test_each_plural_form_is_compared_with_the_default_languages_other_form(cfg, tools):
    counted = cfg.line_of(T, "  prisoner_count:")
    line = cfg.replace(
        T, '"{count} political prisoner in Belarus"', '"One political prisoner in Belarus"', after=counted
    )
    reference = cfg.line_of(T, "other:", after=counted)
    problem = tools.only(cfg.errors(), T, line, "ui.prisoner_count.en.one", "lacks {count}")
    assert f"the 'sv' text (line {reference}) has" in problem.message


def test_a_text_without_plural_forms_missing_its_placeholder(cfg, tools):
    line = cfg.replace(T, 'en: "Last checked {date}"', 'en: "Last checked"')
    reference = cfg.line_of(T, 'sv: "Senast kontrollerad {date}"')
    problem = tools.only(cfg.errors(), T, line, f"ui.{_key_above(cfg, line)}.en", "lacks {date}")
    assert f"(line {reference})" in problem.message


def test_a_placeholder_the_default_text_lacks_is_refused(cfg, tools):
    about = cfg.line_of(T, "about:", top=True)
    sv = cfg.line_of(T, "  sv: >-", after=about)
    cfg.replace(T, "Installationen har visats i {earlier_places} och står", "Installationen står", after=about)
    en = cfg.line_of(T, "  en: >-", after=about)
    problem = tools.only(cfg.errors(), T, en, "about.en", "")
    assert problem.message == (
        f"has {{earlier_places}}, which the 'sv' text (line {sv}) does not have; every language must fill in "
        "the same values: remove it, or add it to the 'sv' text too"
    )


def test_the_default_language_decides(cfg, tools):
    """With English as the default, the Swedish text is the one that is wrong."""
    cfg.replace("kiosk.yaml", "  default: sv", "  default: en")
    sv = cfg.replace(T, 'sv: "Senast kontrollerad {date}"', 'sv: "Senast kontrollerad"')
    en = cfg.line_of(T, 'en: "Last checked {date}"')
    problem = tools.only(cfg.errors(), T, sv, f"ui.{_key_above(cfg, sv)}.sv", "lacks {date}")
    assert f"the 'en' text (line {en}) has" in problem.message


def _key_above(cfg, line: int) -> str:
    """The ui key whose block holds `line`."""
    for text in reversed(cfg.lines(T)[: line - 1]):
        if text.startswith("  ") and not text.startswith("   ") and text.rstrip().endswith(":"):
            return text.strip().rstrip(":")
    raise AssertionError(f"no key above line {line}")
