"""Mistakes in the file's structure (indentation, colons) in plain words.

Each message names the line to edit first and says what to do; the YAML
parser's own wording follows in brackets, for whoever wants it.
"""

from __future__ import annotations

T, P = "texts.yaml", "people.yaml"


def next_text(cfg) -> tuple[int, int]:
    """The lines of ui.next's sv and en texts."""
    sv = cfg.line_of(T, "    sv: Nästa", after=cfg.line_of(T, "  next:"))
    return sv, sv + 1


def test_a_language_line_indented_two_spaces_too_little(cfg, tools):
    _, en = next_text(cfg)
    cfg.replace(T, "    en: Next", "  en: Next", after=en - 1)
    problem = tools.only(cfg.errors(), T, en, "ui.next.en", "")
    assert problem.message == (
        "this line is indented 2 spaces less than the 'sv:' line above it; a text's language lines must line up: "
        "indent 'en:' by 4 spaces, like 'sv:'. (As it is, 'en' is read as a setting of its own next to 'next', "
        "not as its English text.)"
    )


def test_a_bios_language_line_indented_too_little(cfg, tools):
    bio = cfg.line_of(P, "bio:")
    en = cfg.line_of(P, "      en:", after=bio)
    cfg.replace(P, "      en:", "    en:", after=bio)
    problem = tools.only(cfg.errors(), P, en, "people[0].bio.en", "indented 2 spaces less than the 'sv:' line")
    assert "indent 'en:' by 6 spaces" in problem.message


def test_a_line_indented_between_two_levels(cfg, tools):
    sv, en = next_text(cfg)
    cfg.replace(T, "    en: Next", "   en: Next", after=en - 1)
    problem = tools.only(cfg.errors(), T, en, T, "")
    assert problem.message == (
        f"this line is indented 1 space less than line {sv} above it; lines of one group (a text's language lines, "
        "a person's settings) must line up: indent it exactly like the lines it belongs with. "
        f"(YAML syntax error at line {en}, column 4: while parsing a block mapping, did not find expected key.)"
    )


def test_a_persons_setting_out_of_line_is_reported_at_its_own_line(cfg, tools):
    """The parser says "(the problem starts at line 19)"; the line to edit is 20."""
    name = cfg.line_of(P, "    name:")
    cfg.replace(P, "    name:", "  name:", after=name - 1)
    problem = tools.only(cfg.errors(), P, name, P, f"this line is indented 2 spaces less than line {name - 1} above it")
    assert "problem starts" not in problem.message


def test_an_outdented_line_reported_below_it_names_both_lines(cfg, tools):
    sv, en = next_text(cfg)
    cfg.replace(T, "    sv: Nästa", "  sv: Nästa", after=sv - 1)
    problem = tools.only(cfg.errors(), T, en, T, "")
    assert problem.message == (
        f"this line is indented 2 spaces more than line {sv} above it, but that line has its value after the colon, "
        "so nothing can be indented under it; lines of one group (a text's language lines, a person's settings) "
        f"must line up: indent the two lines alike. (YAML syntax error at line {en}, column 7: mapping values are "
        "not allowed in this context.)"
    )


def test_a_colon_in_a_text(cfg, tools):
    _, en = next_text(cfg)
    cfg.replace(T, "    en: Next", "    en: Next: now", after=en - 1)
    problem = tools.only(cfg.errors(), T, en, T, "")
    assert problem.message.startswith(
        "the text after 'en:' has a ': ' in it, which YAML reads as a second name; put the text in double quotes: "
        'en: "Next: now". (YAML syntax error at line'
    )


def test_a_colon_without_a_space(cfg, tools):
    """The parser notices on the next line; the message names this one."""
    _, en = next_text(cfg)
    cfg.replace(T, "    en: Next", "    en:Next", after=en - 1)
    problem = tools.only(cfg.errors(), T, en, T, "")
    assert problem.message.startswith(
        "the colon after 'en' needs a space after it: write 'en: Next'. (YAML syntax error"
    )


def test_a_line_without_a_colon(cfg, tools):
    _, en = next_text(cfg)
    cfg.replace(T, "    en: Next", "    en Next", after=en - 1)
    problem = tools.only(cfg.errors(), T, en, T, "")
    assert problem.message.startswith("this line has no ': ' (a colon and a space) between its name and its value")


def test_a_plural_form_indented_too_little(cfg, tools):
    counted = cfg.line_of(T, "  prisoner_count:")
    line = cfg.replace(T, '      other: "{count} politiska', '    other: "{count} politiska', after=counted)
    problem = tools.only(cfg.errors(), T, line, "ui.prisoner_count.sv.other", "")
    assert problem.message == (
        "this line is indented 2 spaces less than the 'one:' line above it; a counted text's forms must line up: "
        "indent 'other:' by 6 spaces, like 'one:'. (As it is, 'other' is read as a setting of its own next to "
        "'sv', not as its 'other' form.)"
    )


def test_a_bios_line_indented_no_further_than_its_language(cfg, tools):
    bio = cfg.line_of(P, "      sv: >-", after=cfg.line_of(P, "bio:"))
    first, second = bio + 1, bio + 2
    lines = cfg.lines(P)
    lines[second - 1] = "    " + lines[second - 1].lstrip()
    cfg.write_lines(P, lines)
    problem = tools.only(cfg.errors(), P, second, P, "")
    assert problem.message.startswith(
        f"this line belongs to the text after 'sv:' on line {bio}, but it is indented 4 spaces, no further than "
        f"'sv:'; a text's lines must line up: indent it by 8 spaces, like line {first}. (YAML syntax error at line"
    )
