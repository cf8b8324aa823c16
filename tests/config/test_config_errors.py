"""One test per kind of mistake: each names the file, the line and the field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config
from tests.conftest import beyond_bundled

K, T, P = "kiosk.yaml", "texts.yaml", "people.yaml"


# --------------------------------------------------------------------------
# Whole files


def test_yaml_syntax_error_has_line_and_column(cfg, tools):
    line = cfg.replace(K, "theme: dark", "theme: dark: blue")
    problem = tools.only(cfg.errors(), K, line, K, "YAML syntax error")
    assert f"line {line}, column 12" in problem.message


def test_tab_indentation_is_explained(cfg, tools):
    line = cfg.replace(K, "  index: 0", "\tindex: 0")
    tools.only(cfg.errors(), K, line, K, "tabs")


def test_syntax_errors_in_two_files_are_both_reported(cfg, tools):
    texts_line = cfg.replace(T, "  title:", "  title: [unclosed")
    people_line = cfg.replace(P, "people:", "people: {")
    problems = cfg.errors()
    assert {p.file.name for p in problems} == {T, P}
    assert any(p.file.name == T and "syntax" in p.message for p in problems)
    assert any(p.file.name == P and "syntax" in p.message for p in problems)
    # Each reported where the reader stopped, the line after the unclosed
    # bracket, naming the line above it where the mistake is.
    assert sorted((p.file.name, p.line) for p in problems) == sorted([(T, texts_line + 1), (P, people_line + 1)])
    assert all(f"line {texts_line if p.file.name == T else people_line} above" in p.message for p in problems)


def test_empty_file(cfg, tools):
    cfg.path(P).write_text("# all gone\n", encoding="utf-8")
    tools.only(cfg.errors(), P, 1, P, "empty")


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "nope.yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (1, "nope.yaml")
    assert "there is no file" in problem.message


def test_directory_as_config_path(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    (problem,) = caught.value.problems
    assert problem.line == 1 and "folder" in problem.message


def test_file_that_is_not_a_mapping(cfg, tools):
    cfg.path(T).write_text("- just\n- a list\n", encoding="utf-8")
    tools.only(cfg.errors(), T, 1, T, "'name: value' lines")


def test_not_utf8(cfg, tools):
    data = cfg.path(T).read_bytes().replace(b"Unbreakable", b"Unbr\xe4kable", 1)
    cfg.path(T).write_bytes(data)
    line = data[: data.index(b"\xe4")].count(b"\n") + 1
    tools.only(cfg.errors(), T, line, T, "UTF-8")


# --------------------------------------------------------------------------
# Keys


def test_duplicate_key(cfg, tools):
    first = cfg.line_of(K, "theme: dark")
    line = cfg.insert(K, first + 1, "theme: light")
    problem = tools.only(cfg.errors(), K, line, "theme", "written twice")
    assert f"line {first}" in problem.message


def test_key_that_is_not_text(cfg, tools):
    back = cfg.line_of(T, "  back:")
    line = cfg.insert(T, back + 1, "    no: Tilbake")
    tools.only(cfg.errors(), T, line, "ui.back.no", 'quotes: "no":')


def test_unknown_key_with_did_you_mean(cfg, tools):
    line = cfg.replace(K, "languages:", "langauges:")
    problems = cfg.errors()
    problem = tools.find(problems, K, line, "langauges", "unknown key")
    assert problem.message == "unknown key 'langauges'; did you mean 'languages'?"
    # The real section is then missing; the content files are not checked.
    tools.find(problems, K, cfg.line_of(K, "langauges:"), "languages", "is missing")
    assert len(problems) == 2


def test_unknown_key_in_a_person(cfg, tools):
    line = cfg.replace(P, "    name_native:", "    name_natvie:", after=cfg.person_line(2))
    problems = cfg.errors()
    tools.find(problems, P, line, "people[2].name_natvie", "did you mean 'name_native'?")
    tools.find(problems, P, cfg.person_line(2), "people[2].name_native", "is missing")
    assert len(problems) == 2


def test_unknown_key_without_close_match_lists_allowed(cfg, tools):
    screen = cfg.line_of(K, "screen:")
    line = cfg.insert(K, screen + 1, "  brightness: 80")
    problem = tools.only(cfg.errors(), K, line, "screen.brightness", "unknown key")
    assert "allowed here: orientation, resolution, index, hide_cursor" in problem.message


# --------------------------------------------------------------------------
# Types


@pytest.mark.parametrize(
    ("old", "new", "field", "phrase"),
    [
        ("index: 0", "index: first", "screen.index", "must be a whole number"),
        ("index: 0", "index: yes", "screen.index", "must be a whole number"),  # a bool, not 1
        ("index: 0", "index: 1.5", "screen.index", "must be a whole number"),
        ("index: 0", "index: -1", "screen.index", "between 0 and 15"),
        ("hide_cursor: true", "hide_cursor: 1", "screen.hide_cursor", "must be true or false"),
        ("hide_cursor: true", 'hide_cursor: "true"', "screen.hide_cursor", "must be true or false"),
        ("theme: dark", "theme: [dark]", "theme", "must be a single value"),
        ("theme: dark", "theme: {name: dark}", "theme", "must be a single value"),
        (
            "campaign: https://freeviasna.org",
            "campaign: [https://freeviasna.org]",
            "links.campaign",
            "must be a single value",
        ),
    ],
)
def test_wrong_types_in_kiosk_yaml(cfg, tools, old, new, field, phrase):
    line = cfg.replace(K, old, new)
    tools.only(cfg.errors(), K, line, field, phrase)


def test_offered_must_be_a_list(cfg, tools):
    start = cfg.line_of(K, "  offered:")
    length = cfg.block_length(K, start)
    cfg.delete(K, start, length)
    cfg.insert(K, start, "  offered: sv")
    tools.only(cfg.errors(), K, start, "languages.offered", "must be a list")


def test_a_whole_section_of_the_wrong_type_is_one_problem(cfg, tools):
    start = cfg.line_of(T, "prisoner_count:", top=True)
    cfg.delete(T, start, cfg.block_length(T, start))
    cfg.insert(T, start, "prisoner_count: 1110")
    tools.only(cfg.errors(), T, start, "prisoner_count", "must be a group")


def test_text_given_as_a_single_line_instead_of_languages(cfg, tools):
    role = cfg.line_of(P, "    role:")
    cfg.delete(P, role, cfg.block_length(P, role))
    cfg.insert(P, role, "    role: Founder")
    tools.only(cfg.errors(), P, role, "people[0].role", "one line per language")


# --------------------------------------------------------------------------
# Missing fields and texts


def test_missing_required_field_is_reported_on_the_parent_line(cfg, tools):
    line = cfg.line_of(P, "    detained:", after=cfg.person_line(1))
    cfg.delete(P, line)
    tools.only(cfg.errors(), P, cfg.person_line(1), "people[1].detained", "add a line like 'detained: ")


def test_missing_nested_field(cfg, tools):
    status = cfg.line_of(P, "    status:", after=cfg.person_line(3))
    cfg.delete(P, cfg.line_of(P, "      source:", after=status))
    tools.only(cfg.errors(), P, status, "people[3].status.source", "is missing")


def test_field_without_value(cfg, tools):
    line = cfg.replace(P, "name: Ales Bialiatski", "name:")
    tools.only(cfg.errors(), P, line, "people[0].name", "has no value")


def test_optional_fields_may_be_left_out_or_empty(cfg):
    start = cfg.person_line(0)
    cfg.delete(P, cfg.line_of(P, "    sentenced:", after=start))
    term = cfg.line_of(P, "    term:", after=start)
    cfg.delete(P, term, cfg.block_length(P, term))
    cfg.insert(P, term, "    term:")
    person = cfg.load().config.content.people[0]
    assert person.sentenced is None and person.term is None and person.link is None


def test_missing_language_text_names_the_language(cfg, tools):
    back = cfg.line_of(T, "  back:")
    cfg.delete(T, cfg.line_of(T, "    en:", after=back))
    problem = tools.only(cfg.errors(), T, back, "ui.back.en", "missing the 'en' text")
    assert "add a line 'en: ...' with the English text" in problem.message


def test_missing_text_in_people_file(cfg, tools):
    bio = cfg.line_of(P, "    bio:", after=cfg.person_line(1))
    sv = cfg.line_of(P, "      sv:", after=bio)
    cfg.delete(P, sv, cfg.block_length(P, sv))
    tools.only(cfg.errors(), P, bio, "people[1].bio.sv", "with the Svenska text")


def test_text_in_a_language_not_offered_is_a_warning(cfg, tools):
    back = cfg.line_of(T, "  back:")
    line = cfg.insert(T, back + 1, "    de: Alle vier")
    warnings = beyond_bundled(cfg.load().warnings)
    tools.only(warnings, T, line, "ui.back.de", "is not a language offered")


def test_empty_text(cfg, tools):
    line = cfg.replace(T, "en: Next", 'en: "   "')
    tools.only(cfg.errors(), T, line, "ui.next.en", "is empty")


def test_yaml_11_words_in_texts_are_read_as_written(cfg):
    cfg.replace(T, "en: Next", "en: No")
    cfg.replace(T, "en: Previous", "en: 2025")
    ui = cfg.load().config.content.ui
    assert ui["next"]["en"] == "No" and ui["previous"]["en"] == "2025"


# --------------------------------------------------------------------------
# Languages


def test_default_language_not_offered(cfg, tools):
    line = cfg.replace(K, "default: sv", "default: de")
    problem = tools.only(cfg.errors(), K, line, "languages.default", "not one of the offered languages")
    assert "sv, en" in problem.message


def test_duplicate_language_code(cfg, tools):
    first = cfg.line_of(K, "- code: sv")
    line = cfg.replace(K, "- code: en", "- code: sv")
    problem = tools.only(cfg.errors(), K, line, "languages.offered[1].code", "used twice")
    assert f"line {first}" in problem.message


@pytest.mark.parametrize("code", ["EN", "english", "e", "en_GB", "en-gb"])
def test_language_code_format(cfg, tools, code):
    line = cfg.replace(K, "- code: en", f"- code: {code}")
    tools.only(cfg.errors(), K, line, "languages.offered[1].code", "is not a language code")


def test_language_code_with_region_is_accepted(cfg):
    cfg.replace(K, "- code: en", "- code: en-GB")
    cfg.replace(K, "default: sv", "default: en-GB")
    for name in (K, T, P):
        text = cfg.path(name).read_text(encoding="utf-8")
        cfg.path(name).write_text(text.replace(" en:", " en-GB:"), encoding="utf-8")
    config = cfg.load().config
    assert config.language_codes == ("sv", "en-GB") and config.default_language == "en-GB"


def test_at_least_one_language(cfg, tools):
    start = cfg.line_of(K, "  offered:")
    cfg.delete(K, start, cfg.block_length(K, start))
    cfg.insert(K, start, "  offered: []")
    problems = cfg.errors()
    tools.find(problems, K, start, "languages.offered", "at least 1 language")


def test_broken_languages_still_report_kiosk_problems_but_skip_content(cfg, tools):
    code = cfg.replace(K, "- code: en", "- code: EN")
    theme = cfg.replace(K, "theme: dark", "theme: blue")
    cfg.replace(T, "en: Next", 'en: ""')  # would be a problem, but languages are unknown
    problems = cfg.errors()
    tools.find(problems, K, code, "languages.offered[1].code", "not a language code")
    tools.find(problems, K, theme, "theme", "must be one of: dark, light")
    assert len(problems) == 2


# --------------------------------------------------------------------------
# Screen


@pytest.mark.parametrize(
    ("orientation", "resolution", "size"),
    [
        ("landscape", "1920x1080", (1920, 1080)),
        ("landscape", "1080x1920", (1920, 1080)),
        ("portrait", "1920x1080", (1080, 1920)),
        ("portrait", "1080 x 1920", (1080, 1920)),
    ],
)
def test_resolution_is_normalised_to_the_orientation(cfg, orientation, resolution, size):
    cfg.replace(K, "orientation: landscape", f"orientation: {orientation}")
    cfg.replace(K, "resolution: 1920x1080", f"resolution: {resolution}")
    screen = cfg.load().config.screen
    assert (screen.orientation, screen.width, screen.height) == (orientation, *size)


@pytest.mark.parametrize("resolution", ["1920*1080", "full hd", "1920", "1920x0", "1920:1080"])
def test_bad_resolution(cfg, tools, resolution):
    line = cfg.replace(K, "resolution: 1920x1080", f"resolution: {resolution}")
    problems = cfg.errors()
    problem = tools.only(problems, K, line, "screen.resolution", "")
    assert "1920x1080" in problem.message


def test_orientation_lists_the_allowed_values(cfg, tools):
    line = cfg.replace(K, "orientation: landscape", "orientation: landscpe")
    problem = tools.only(cfg.errors(), K, line, "screen.orientation", "must be one of: landscape, portrait")
    assert "did you mean 'landscape'?" in problem.message


def test_theme_lists_the_allowed_values(cfg, tools):
    line = cfg.replace(K, "theme: dark", "theme: black")
    tools.only(cfg.errors(), K, line, "theme", "must be one of: dark, light")


# --------------------------------------------------------------------------
# URLs


@pytest.mark.parametrize(
    ("url", "phrase"),
    [
        ("http://freeviasna.org", "must start with https:// (not http://)"),
        ("freeviasna.org", "must start with https://; write the full address"),
        ("https://", "no site name"),
        ("https:freeviasna.org", "must start with https://"),
        ("ftp://freeviasna.org", "must start with https://"),
        ("https://free viasna.org", "without spaces"),
        ("https://[::1", "not a valid web address"),
    ],
)
def test_campaign_url(cfg, tools, url, phrase):
    line = cfg.replace(K, "campaign: https://freeviasna.org", f"campaign: {url}")
    tools.only(cfg.errors(), K, line, "links.campaign", phrase)


def test_status_source_url(cfg, tools):
    status = cfg.line_of(P, "    status:", after=cfg.person_line(2))
    line = cfg.replace(P, "source: https://", "source: http://", after=status)
    tools.only(cfg.errors(), P, line, "people[2].status.source", "https://")


def test_prisoner_count_source_url(cfg, tools):
    line = cfg.replace(T, "source: https://", "source: www.")
    tools.only(cfg.errors(), T, line, "prisoner_count.source", "https://")


def test_person_link(cfg, tools):
    status = cfg.line_of(P, "    status:", after=cfg.person_line(0))
    source = cfg.line_of(P, "      source:", after=status)
    line = cfg.insert(P, source + 1, "    link: mailto:someone@example.org")
    tools.only(cfg.errors(), P, line, "people[0].link", "https://")


def test_person_link_equal_to_campaign_url_is_fine(cfg):
    status = cfg.line_of(P, "    status:", after=cfg.person_line(0))
    source = cfg.line_of(P, "      source:", after=status)
    cfg.insert(P, source + 1, "    link: https://freeviasna.org")
    loaded = cfg.load()
    assert loaded.config.content.people[0].link == "https://freeviasna.org"
    assert not beyond_bundled(loaded.warnings)


# --------------------------------------------------------------------------
# Portraits


def _portrait_line(cfg, index):
    return cfg.line_of(P, "    portrait:", after=cfg.person_line(index))


def test_portrait_missing(cfg, tools):
    line = cfg.replace(P, ".jpg", ".png", after=_portrait_line(cfg, 1) - 1)
    problem = tools.only(cfg.errors(), P, line, "people[1].portrait", "there is no file")
    assert "relative to the folder of people.yaml" in problem.message


def test_portrait_not_an_image(cfg, tools):
    line = _portrait_line(cfg, 2)
    image = cfg.dir / cfg.lines(P)[line - 1].split(":", 1)[1].strip()
    image.write_bytes(b"GIF89a" + bytes(40))
    problem = tools.only(cfg.errors(), P, line, "people[2].portrait", "convert it to PNG or JPEG")
    assert "GIF" in problem.message


def test_portrait_damaged_png(cfg, tools):
    line = _portrait_line(cfg, 2)
    image = cfg.dir / cfg.lines(P)[line - 1].split(":", 1)[1].strip()
    image.write_bytes(tools.make_png(4, 4)[:12])
    tools.only(cfg.errors(), P, line, "people[2].portrait", "damaged PNG")


@pytest.mark.parametrize(
    "value",
    [
        "https://example.org/portrait.png",
        "http://example.org/portrait.png",
        "file:///tmp/portrait.png",
        "data:image/png;base64,iVBORw0KGgo=",
    ],
)
def test_portrait_must_be_a_local_file(cfg, tools, value):
    line = _portrait_line(cfg, 0)
    lines = cfg.lines(P)
    lines[line - 1] = f"    portrait: {value}"
    cfg.write_lines(P, lines)
    tools.only(cfg.errors(), P, line, "people[0].portrait", "must be a file on this computer")


def test_portrait_is_a_folder(cfg, tools):
    line = cfg.replace(P, "../assets/portraits/", "../assets/", after=_portrait_line(cfg, 0) - 1)
    lines = cfg.lines(P)
    lines[line - 1] = "    portrait: ../assets/portraits"
    cfg.write_lines(P, lines)
    tools.only(cfg.errors(), P, line, "people[0].portrait", "is a folder")


def test_portrait_unreadable(cfg, tools, monkeypatch):
    """Simulated: the tests run as root, who can read any file."""
    from kiosk.config import images

    line = _portrait_line(cfg, 3)
    image = (cfg.dir / cfg.lines(P)[line - 1].split(":", 1)[1].strip()).resolve()
    real_open = open

    def guarded_open(path, *args, **kwargs):
        if Path(path).resolve() == image:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(images, "open", guarded_open, raising=False)
    tools.only(cfg.errors(), P, line, "people[3].portrait", "permission denied")


def test_jpeg_portrait_and_path_relative_to_people_file(cfg, tools):
    # people.yaml in a subfolder: its portraits are relative to that folder.
    (cfg.dir / "people").mkdir()
    (cfg.dir / "people" / "photos").mkdir()
    (cfg.dir / "people" / "photos" / "first.jpg").write_bytes(tools.make_jpeg(30, 40))
    cfg.path(P).rename(cfg.dir / "people" / P)
    cfg.replace(K, "people: people.yaml", "people: people/people.yaml")
    lines = cfg.lines("people/people.yaml")
    line = next(i for i, text in enumerate(lines) if "portrait:" in text)
    lines[line] = "    portrait: photos/first.jpg"
    for i, text in enumerate(lines):  # the others: ../../assets from the subfolder
        lines[i] = text.replace("../assets/", "../../assets/")
    cfg.write_lines("people/people.yaml", lines)
    person = cfg.load().config.content.people[0]
    assert person.portrait == (cfg.dir / "people" / "photos" / "first.jpg").resolve()
    assert person.portrait.is_absolute()


def test_absolute_paths_are_allowed(cfg, tools):
    image = cfg.root / "elsewhere.png"
    image.write_bytes(tools.make_png(8, 8))
    cfg.replace(K, "texts: texts.yaml", f"texts: {cfg.path(T)}")
    line = _portrait_line(cfg, 0)
    lines = cfg.lines(P)
    lines[line - 1] = f"    portrait: {image}"
    cfg.write_lines(P, lines)
    assert cfg.load().config.content.people[0].portrait == image.resolve()


def test_content_file_missing(cfg, tools):
    line = cfg.replace(K, "texts: texts.yaml", "texts: text.yaml")
    problem = tools.only(cfg.errors(), K, line, "content.texts", "there is no file")
    assert "relative to the folder of kiosk.yaml" in problem.message


def test_a_large_portrait_is_no_warning(cfg, tools):
    """Any size works (the kiosk copies large photos down); `kiosk check` says
    how each is shown, and warns only of one too small (tests/test_portrait_report.py)."""
    line = _portrait_line(cfg, 1)
    image = cfg.dir / cfg.lines(P)[line - 1].split(":", 1)[1].strip()
    image.write_bytes(tools.make_png(3000, 4500))
    assert beyond_bundled(cfg.load().warnings) == []
    big = cfg.dir / "big.jpg"
    big.write_bytes(tools.make_jpeg(4008, 16))
    lines = cfg.lines(P)
    lines[line - 1] = "    portrait: big.jpg"
    cfg.write_lines(P, lines)
    assert beyond_bundled(cfg.load().warnings) == []


# --------------------------------------------------------------------------
# People


def test_duplicate_person_id(cfg, tools):
    first_id = cfg.lines(P)[cfg.person_line(0) - 1].split("id:", 1)[1].split("#")[0].strip()
    line = cfg.person_line(2)
    lines = cfg.lines(P)
    lines[line - 1] = f"  - id: {first_id}"
    cfg.write_lines(P, lines)
    problem = tools.only(cfg.errors(), P, line, "people[2].id", "used twice")
    assert f"people[0] on line {cfg.person_line(0)}" in problem.message


@pytest.mark.parametrize("bad_id", ["Ales", "ales bialiatski", "ales_b", "-ales", "ales--b"])
def test_person_id_format(cfg, tools, bad_id):
    line = cfg.person_line(1)
    lines = cfg.lines(P)
    lines[line - 1] = f"  - id: {bad_id}"
    cfg.write_lines(P, lines)
    tools.only(cfg.errors(), P, line, "people[1].id", "lower-case letters")


def test_at_least_one_person(cfg, tools):
    line = cfg.line_of(P, "people:")
    cfg.write_lines(P, cfg.lines(P)[: line - 1] + ["people: []"])
    tools.only(cfg.errors(), P, line, "people", "at least 1 person")


def test_status_state(cfg, tools):
    line = cfg.replace(P, "state: ", "state: free  #", after=cfg.person_line(1))
    problem = tools.only(cfg.errors(), P, line, "people[1].status.state", "not one of the states in texts.yaml")
    assert "'free'" in problem.message and "(imprisoned, released_into_exile, released_at_home," in problem.message


# --------------------------------------------------------------------------
# Dates


def test_date_that_does_not_exist(cfg, tools):
    line = cfg.replace(P, "detained: ", "detained: 2021-02-30  #", after=cfg.person_line(0))
    tools.only(cfg.errors(), P, line, "people[0].detained", "not a real date")


def test_date_in_another_format(cfg, tools):
    line = cfg.replace(P, "detained: ", "detained: 14.07.2021  #", after=cfg.person_line(0))
    tools.only(cfg.errors(), P, line, "people[0].detained", "YYYY-MM-DD")


def test_date_with_time_is_rejected(cfg, tools):
    line = cfg.replace(T, "as_of: ", "as_of: 2025-12-15 10:00:00  #")
    tools.only(cfg.errors(), T, line, "prisoner_count.as_of", "without a time")


def test_quoted_date_is_accepted(cfg):
    cfg.replace(T, "as_of: ", 'as_of: "2026-12-02"  #')
    assert cfg.load().config.content.prisoner_count.as_of == dt.date(2026, 12, 2)


def test_as_of_in_the_future(cfg, tools):
    line = cfg.line_of(T, "as_of:")
    lines = cfg.lines(T)
    lines[line - 1] = "  as_of: 2030-01-02"
    cfg.write_lines(T, lines)
    problems = cfg.errors(today=dt.date(2030, 1, 1))
    tools.only(problems, T, line, "prisoner_count.as_of", "in the future (today is 2030-01-01)")
    assert cfg.load(today=dt.date(2030, 1, 2)).config.content.prisoner_count.as_of == dt.date(2030, 1, 2)


def test_status_as_of_in_the_future(cfg, tools):
    status = cfg.line_of(P, "    status:", after=cfg.person_line(1))
    line = cfg.line_of(P, "as_of:", after=status)
    lines = cfg.lines(P)
    lines[line - 1] = "      as_of: 2099-01-01"
    cfg.write_lines(P, lines)
    tools.only(cfg.errors(), P, line, "people[1].status.as_of", "in the future")


def test_sentenced_before_detained(cfg, tools):
    start = cfg.person_line(3)
    detained = cfg.line_of(P, "    detained:", after=start)
    sentenced = cfg.line_of(P, "    sentenced:", after=start)
    lines = cfg.lines(P)
    lines[detained - 1] = "    detained: 2020-09-17"
    lines[sentenced - 1] = "    sentenced: 2020-09-16"
    cfg.write_lines(P, lines)
    tools.only(cfg.errors(), P, sentenced, "people[3].sentenced", "before the day of detention")


# --------------------------------------------------------------------------
# Texts: numbers, months, UI texts


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        ("-5", "between 0 and 10000000"),
        ("20000000", "between 0 and 10000000"),
        ("many", "whole number"),
        ("true", "whole number"),
        ("1 110", "whole number"),
        ("11.5", "whole number"),
    ],
)
def test_prisoner_count_value(cfg, tools, value, phrase):
    line = cfg.replace(T, "  value: ", f"  value: {value}  #")
    tools.only(cfg.errors(), T, line, "prisoner_count.value", phrase)


def test_months_must_be_twelve(cfg, tools):
    line = cfg.replace(T, ", december]", "]")
    problem = tools.only(cfg.errors(), T, line, "months.sv", "exactly 12 month names")
    assert "it has 11" in problem.message


def test_month_names_must_not_be_empty(cfg, tools):
    line = cfg.replace(T, "[januari,", '["",')
    tools.only(cfg.errors(), T, line, "months.sv[0]", "is empty")


def test_months_missing_language(cfg, tools):
    months = cfg.line_of(T, "months:")
    cfg.delete(T, cfg.line_of(T, "  en:", after=months))
    tools.only(cfg.errors(), T, months, "months.en", "English month names")


def test_ui_text_missing(cfg, tools):
    ui = cfg.line_of(T, "ui:")
    start = cfg.line_of(T, "  next:")
    cfg.delete(T, start, cfg.block_length(T, start))
    tools.only(cfg.errors(), T, ui, "ui.next", "is missing")


def test_unknown_ui_key(cfg, tools):
    line = cfg.replace(T, "  subtitle:", "  subtitel:")
    problems = cfg.errors()
    tools.find(problems, T, line, "ui.subtitel", "did you mean 'subtitle'?")
    tools.find(problems, T, cfg.line_of(T, "ui:"), "ui.subtitle", "is missing")
    assert len(problems) == 2


def test_unknown_placeholder(cfg, tools):
    start = cfg.line_of(T, "  prisoner_count:")
    line = cfg.replace(T, "{count}", "{cuont}", after=start)
    problem = tools.only(cfg.errors(), T, line, "ui.prisoner_count.sv.one", "'{cuont}'")
    assert "allowed here: {count}" in problem.message


def test_placeholder_in_a_text_that_takes_none(cfg, tools):
    line = cfg.replace(T, "en: Next", "en: Next {name}")
    tools.only(cfg.errors(), T, line, "ui.next.en", "takes no {placeholders}")


@pytest.mark.parametrize(
    "text", ["{count political prisoners", "count} prisoners", "{count}} prisoners", "{{count}} prisoners"]
)
def test_stray_brace(cfg, tools, text):
    start = cfg.line_of(T, "  prisoner_count:")
    line = cfg.line_of(T, "other:", after=cfg.line_of(T, "en:", after=start))
    lines = cfg.lines(T)
    lines[line - 1] = f'      other: "{text}"'
    cfg.write_lines(T, lines)
    problems = cfg.errors()
    problem = tools.find(problems, T, line, "ui.prisoner_count.en.other", "")
    assert "{" in problem.message and all(p.line == line for p in problems)


def test_braces_in_a_bio_are_just_text(cfg):
    line = cfg.line_of(P, "    name:", after=cfg.person_line(0))
    bio = cfg.line_of(P, "    bio:", after=line)
    lines = cfg.lines(P)
    end = bio + cfg.block_length(P, bio) - 1
    lines[bio - 1 : end] = ["    bio:", "      sv: Text {med} klammer", "      en: Text {with} braces"]
    cfg.write_lines(P, lines)
    assert cfg.load().config.content.people[0].bio["en"] == "Text {with} braces"


# --------------------------------------------------------------------------
# Several problems at once


def test_problems_in_all_files_are_collected(cfg, tools):
    theme = cfg.replace(K, "theme: dark", "theme: blue")
    months = cfg.replace(T, ", december]", "]")
    state = cfg.replace(P, "state: ", "state: gone  #", after=cfg.person_line(0))
    link_after = cfg.line_of(P, "      source:", after=cfg.person_line(1))
    link = cfg.insert(P, link_after + 1, "    link: http://example.org")
    problems = cfg.errors()
    tools.find(problems, K, theme, "theme", "dark, light")
    tools.find(problems, T, months, "months.sv", "12")
    tools.find(problems, P, state, "people[0].status.state", "imprisoned")
    tools.find(problems, P, link, "people[1].link", "https://")
    assert len(problems) == 4


def test_config_error_text_is_one_problem_per_line(cfg, monkeypatch):
    cfg.replace(K, "theme: dark", "theme: blue")
    cfg.replace(K, "index: 0", "index: x")
    with pytest.raises(ConfigError) as caught:
        cfg.load()
    monkeypatch.chdir(cfg.root)
    lines = str(caught.value).splitlines()
    assert len(lines) == 2
    assert all(line.startswith("config/kiosk.yaml:") for line in lines)
    assert lines[1].startswith(f"config/kiosk.yaml:{cfg.line_of(K, 'theme: blue')}: theme: must be one of")


def test_a_problem_in_a_person_names_them_counted_from_one_as_the_previews_do(cfg, tools):
    """people[1] is the 2nd person, drawn in person-2-<language>.png."""
    second = cfg.person_line(1)
    line = cfg.replace(P, "detained: ", "detained: 2021-02-30 #", after=second)
    problem = tools.only(cfg.errors(), P, line, "people[1].detained", "is not a real date")
    name = cfg.lines(P)[second].split("name:", 1)[1].split("#")[0].strip()
    assert problem.about == f"the 2nd person, {name}"
    assert f"people.yaml:{line}: people[1].detained (the 2nd person, {name}): '2021-02-30' is not" in str(problem)


def test_a_key_written_twice_in_a_person_names_them_too(cfg, tools):
    second = cfg.person_line(1)
    name = cfg.lines(P)[second].split("name:", 1)[1].split("#")[0].strip()
    first_detained = cfg.line_of(P, "    detained:", after=second)
    inserted = cfg.insert(P, second + 2, "    detained: 2021-07-14")
    problem = tools.only(cfg.errors(), P, first_detained + 1, "people[1].detained", f"first on line {inserted}")
    assert problem.about == f"the 2nd person, {name}"
