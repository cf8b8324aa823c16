"""A valid config: the real one, the values built from it, warnings, odd YAML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import MappingProxyType

import pytest

from kiosk.config import ConfigError, LoadedConfig, Problem, load_config
from kiosk.core.model import COUNTED_TEXTS, UI_TEXTS, KioskConfig
from tests.conftest import beyond_bundled

K, T, P = "kiosk.yaml", "texts.yaml", "people.yaml"


def test_the_real_config_loads(tools):
    loaded = load_config(tools.REAL_CONFIG / K)
    assert isinstance(loaded, LoadedConfig)
    assert isinstance(loaded.config, KioskConfig)
    for warning in loaded.warnings:  # allowed, but each must be well-formed
        assert warning.line >= 1 and warning.field and warning.file.is_file()
    people = loaded.config.content.people
    assert people and all(person.portrait.is_file() for person in people)


def test_values_built_from_the_copy(cfg):
    config = cfg.load().config
    assert config.path == cfg.kiosk.resolve()
    assert config.language_codes == ("sv", "en")
    assert config.default_language in config.language_codes
    assert (config.screen.width, config.screen.height) == (1920, 1080)
    assert config.screen.index == 0 and config.screen.hide_cursor is True
    assert config.theme == "dark" and config.campaign_url.startswith("https://")
    content = config.content
    assert isinstance(content.ui, MappingProxyType)
    assert tuple(content.ui) == tuple(key for key in UI_TEXTS if key not in COUNTED_TEXTS)
    assert all(isinstance(text, MappingProxyType) and tuple(text) == ("sv", "en") for text in content.ui.values())
    assert tuple(content.counted) == tuple(COUNTED_TEXTS)
    for text in content.counted.values():
        assert tuple(text) == ("sv", "en") and all(tuple(forms) == ("one", "other") for forms in text.values())
    assert all(isinstance(names, tuple) and len(names) == 12 for names in content.months.values())
    assert isinstance(content.prisoner_count.value, int)
    assert isinstance(content.prisoner_count.as_of, dt.date)
    for person in content.people:
        assert person.portrait.is_absolute() and person.portrait == person.portrait.resolve()
        assert isinstance(person.bio, MappingProxyType)
        assert person.status.state in content.statuses
        assert isinstance(person.detained, dt.date)


def test_texts_follow_the_order_of_offered_languages(cfg):
    start = cfg.line_of(K, "  offered:")
    lines = cfg.lines(K)
    lines[start : start + 4] = ["    - code: en", "      name: English", "    - code: sv", "      name: Svenska"]
    cfg.write_lines(K, lines)
    config = cfg.load().config
    assert config.language_codes == ("en", "sv")
    assert tuple(config.content.ui["title"]) == ("en", "sv")
    assert tuple(config.content.people[0].bio) == ("en", "sv")
    assert tuple(config.content.months) == ("en", "sv")


def test_texts_are_stripped_and_folded(cfg):
    cfg.replace(T, "en: Next", 'en: "  Next  "')
    bio = cfg.line_of(P, "    bio:", after=cfg.person_line(0))
    lines = cfg.lines(P)
    end = bio + cfg.block_length(P, bio) - 1
    lines[bio - 1 : end] = [
        "    bio:", "      sv: >-", "        Rad ett", "        rad två.", "      en: |", "        Line one", ""
    ]
    cfg.write_lines(P, lines)
    content = cfg.load().config.content
    assert content.ui["next"]["en"] == "Next"
    assert content.people[0].bio["sv"] == "Rad ett rad två."
    assert content.people[0].bio["en"] == "Line one"


def _set_bio(cfg, index: int, language: str, text: str) -> int:
    bio = cfg.line_of(P, "    bio:", after=cfg.person_line(index))
    line = cfg.line_of(P, f"      {language}:", after=bio)
    lines = cfg.lines(P)
    end = line + cfg.block_length(P, line) - 1
    lines[line - 1 : end] = [f"      {language}: {text}"]
    cfg.write_lines(P, lines)
    return line


def test_long_bio_is_a_warning(cfg, tools):
    line = _set_bio(cfg, 1, "en", ". ".join(["Five words in a sentence"] * 21) + ".")
    warning = tools.only(beyond_bundled(cfg.load().warnings), P, line, "people[1].bio.en", "has 105 words")
    assert "about 100" in warning.message


def test_long_sentence_is_a_warning(cfg, tools):
    line = _set_bio(cfg, 2, "sv", "Kort mening. " + " ".join(["ord"] * 26) + ". Slut.")
    warning = tools.only(beyond_bundled(cfg.load().warnings), P, line, "people[2].bio.sv", "has 26 words")
    assert "'ord ord ord ord ord ord …'" in warning.message


def test_long_sentence_in_a_status_summary_is_a_warning(cfg, tools):
    status = cfg.line_of(P, "    status:", after=cfg.person_line(0))
    summary = cfg.line_of(P, "      summary:", after=status)
    line = cfg.line_of(P, "en:", after=summary)
    lines = cfg.lines(P)
    lines[line - 1] = "        en: " + " ".join(["word"] * 30)
    cfg.write_lines(P, lines)
    tools.only(beyond_bundled(cfg.load().warnings), P, line, "people[0].status.summary.en", "has 30 words")


def test_warnings_come_with_errors_too(cfg, tools):
    line = _set_bio(cfg, 1, "en", " ".join(["word"] * 120) + ".")
    cfg.replace(K, "theme: dark", "theme: blue")
    with pytest.raises(ConfigError) as caught:
        cfg.load()
    tools.find(caught.value.warnings, P, line, "people[1].bio.en", "120 words")


def test_problem_text_paths(tmp_path, monkeypatch):
    problem = Problem(tmp_path / "config" / K, 7, "theme", "must be one of: dark, light")
    monkeypatch.chdir(tmp_path)
    assert str(problem) == "config/kiosk.yaml:7: theme: must be one of: dark, light"
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert str(problem) == f"{tmp_path}/config/kiosk.yaml:7: theme: must be one of: dark, light"


def test_merge_keys_and_anchors_work(cfg):
    status = cfg.line_of(P, "    status:", after=cfg.person_line(0))
    cfg.replace(P, "    status:", "    status: &status0", after=status - 1)
    second = cfg.line_of(P, "    status:", after=cfg.person_line(1))
    length = cfg.block_length(P, second)
    lines = cfg.lines(P)
    lines[second - 1 : second - 1 + length] = ["    status:", "      <<: *status0", "      state: imprisoned"]
    cfg.write_lines(P, lines)
    people = cfg.load().config.content.people
    assert people[1].status.state == "imprisoned"
    assert people[1].status.summary == people[0].status.summary


# --------------------------------------------------------------------------
# Odd file contents: always a ConfigError with a problem, never a crash


def _write_and_load(cfg, name: str, data: bytes):
    cfg.path(name).write_bytes(data)
    with pytest.raises(ConfigError) as caught:
        cfg.load()
    problems = caught.value.problems
    for problem in problems:
        assert problem.line >= 1 and problem.field and problem.file.is_file()
    return problems


BILLION_LAUGHS = b"""a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
people: [*g,*g,*g,*g,*g,*g,*g,*g,*g]
"""


@pytest.mark.parametrize(
    ("data", "line", "phrase"),
    [
        (bytes(range(256)) * 4, 2, "UTF-8"),  # 0x80 comes after one newline
        (b"people:\n  - id: a\x00b\n", 2, "#x0000"),
        (b"\xff\xfep\x00e\x00", 1, "UTF-16"),
        (BILLION_LAUGHS, None, "aliases"),
        (b"people: &x [*x]\n", 1, "never ends"),
        (b"people:\n" + b"".join(b" " * i + b"- \n" for i in range(1, 200)), None, "nested"),
        (b"people: " + b"[" * 5000 + b"]" * 5000 + b"\n", 1, ""),
        (b"people: !!python/object/apply:os.system [echo hi]\n", 1, "YAML tag"),
        (b"people: a\n---\npeople: b\n", 2, "second document"),
        (b"? [a, b]\n: c\n", 1, "single word"),
        (b"x" * 2_000_000, 1, "larger than"),
    ],
)
def test_odd_people_file(cfg, data, line, phrase):
    problems = _write_and_load(cfg, P, data)
    assert all(problem.file.name == P for problem in problems)
    assert any(phrase in problem.message for problem in problems), problems
    if line is not None:
        assert problems[0].line == line


def test_odd_unicode_and_huge_strings_are_fine(cfg):
    cfg.replace(T, "en: Next", "en: " + "ﷺ\u200b\U0001F600 e\u0301" * 20_000)
    cfg.replace(T, "en: Previous", 'en: "\\u200fמאחור \\u200eBack"')  # direction marks; an override is refused
    ui = cfg.load().config.content.ui
    assert len(ui["next"]["en"]) > 100_000


def test_nul_character_escaped_in_a_path(cfg, tools):
    line = cfg.replace(K, "texts: texts.yaml", 'texts: "texts\\0.yaml"')
    tools.only(cfg.errors(), K, line, "content.texts", "not a usable file name")


def test_kiosk_yaml_as_binary_junk(cfg):
    problems = _write_and_load(cfg, K, bytes(range(256)))
    assert [problem.field for problem in problems] == [K]


def test_device_as_content_file(cfg, tools):
    assert Path("/dev/zero").is_char_device(), "this test needs Linux's /dev/zero, a device that never ends"
    line = cfg.replace(K, "texts: texts.yaml", "texts: /dev/zero")
    tools.only(cfg.errors(), K, line, "content.texts", "not an ordinary file")
