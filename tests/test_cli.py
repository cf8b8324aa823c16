"""The `kiosk` command as staff use it: check, preview, and run without a screen."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import time
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.cli import main
from kiosk.core.pin import verify_pin
from kiosk.runtime.heap import pause_collection
from kiosk.runtime.stats import StatsRecorder
from tests.conftest import BUNDLED_WARNINGS, CONFIG_DIR, KIOSK_YAML, REPO, TODAY, beyond_bundled
from tests.kiosk_copy import line_number, replace_in, state_env

pytestmark = pytest.mark.process

KIOSK = [sys.executable, "-m", "kiosk"]


def kiosk(*args: str, env: dict[str, str] | None = None, timeout: int = 120, stdin: str | None = None):
    return subprocess.run(
        [*KIOSK, *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=timeout, input=stdin
    )


@pytest.fixture
def config_copy(tmp_path: Path) -> Path:
    """A copy of the staff's folder with its portraits, to break on purpose."""
    shutil.copytree(CONFIG_DIR, tmp_path / "config")
    shutil.copytree(REPO / "assets", tmp_path / "assets")
    return tmp_path / "config" / "kiosk.yaml"


def test_check_accepts_the_bundled_config_and_warns_only_of_its_showing_being_over():
    result = kiosk("check", "--config", str(KIOSK_YAML), "--today", TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        f"{KIOSK_YAML}: valid (4 people, languages: sv, en).",
        "staff PIN: not set (the staff menu is off)",
    ]
    warnings = result.stderr.splitlines()
    assert beyond_bundled(warnings) == []
    last_day = line_number(KIOSK_YAML, "last_day: 2025-10-15")
    assert warnings[0].startswith(f"warning: config/kiosk.yaml:{last_day}: showing.last_day: the showing at ")
    # For a content repository's own checks, as an aged fact would.
    strict = kiosk("check", "--config", str(KIOSK_YAML), "--today", TODAY.isoformat(), "--strict")
    assert strict.returncode == 1
    assert strict.stderr.splitlines()[-1] == "1 warning: --strict counts them as problems."


def test_check_strict_accepts_the_bundled_content_once_its_showing_is_on(config_copy):
    replace_in(config_copy, "last_day: 2025-10-15", f"last_day: {TODAY.isoformat()}")
    result = kiosk("check", "--config", str(config_copy), "--strict", "--today", TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_check_warns_of_an_aged_fact_and_strict_makes_it_fail():
    # The bundled facts were last checked 2026-12-06; the review period is 60 days.
    late = "2027-02-05"
    result = kiosk("check", "--config", str(KIOSK_YAML), "--today", late)
    assert result.returncode == 0, result.stderr
    warnings = beyond_bundled(result.stderr.splitlines())
    assert len(warnings) == 5  # the count and four statuses
    assert warnings[0].startswith("warning: config/texts.yaml:")
    assert ": prisoner_count.as_of: last checked 2026-12-06, 61 days ago" in warnings[0]
    assert "people.yaml" in warnings[4] and "people[3].status.as_of" in warnings[4]
    assert "https://reform.news/en/us-secures-release-of-250-political-prisoners" in warnings[4]
    strict = kiosk("check", "--config", str(KIOSK_YAML), "--today", late, "--strict")
    assert strict.returncode == 1
    assert f"{5 + len(BUNDLED_WARNINGS)} warnings: --strict counts them as problems." in strict.stderr


def test_check_refuses_a_day_that_is_not_a_date():
    result = kiosk("check", "--config", str(KIOSK_YAML), "--today", "5 feb")
    assert result.returncode == 2 and "'5 feb' is not a date written YYYY-MM-DD" in result.stderr


def test_every_command_but_the_kiosk_collects_garbage_from_the_start(capsys):
    """`kiosk` starts with the collector off, for the kiosk's start-up; the
    kiosk turns it on at its first frame, every other command at once."""
    pause_collection()
    try:
        assert main(["check", "--config", str(KIOSK_YAML)]) == 0
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
    assert "valid" in capsys.readouterr().out


def test_check_names_file_line_and_field_of_each_problem(config_copy: Path):
    texts = config_copy.parent / "texts.yaml"
    lines = texts.read_text(encoding="utf-8").splitlines()
    line_no = next(i for i, line in enumerate(lines) if line.strip() == "en: Next") + 1
    del lines[line_no - 1]
    texts.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = kiosk("check", "--config", str(config_copy))
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    # Points at the 'next:' text (two lines above its removed English line).
    assert first.startswith(f"{texts}:{line_no - 2}: ui.next.en: "), first
    assert "English" in first


def test_run_on_a_broken_config_keeps_serving_the_last_good_copy_and_prints_the_same_lines_as_check(
    config_copy: Path, tmp_path: Path, run_kiosk
):
    state = tmp_path / "state"
    good = run_kiosk(config_copy, state)  # a good start keeps a copy of the settings
    good.wait_for_first_frame()
    assert good.terminate() == 0, good.stderr

    kiosk_yaml = config_copy.read_text(encoding="utf-8")
    config_copy.write_text(kiosk_yaml.replace("default: sv", "default: de"), encoding="utf-8")
    checked = kiosk("check", "--config", str(config_copy), env=state_env(state))
    assert checked.returncode == 1
    problem_lines = [line for line in checked.stderr.splitlines() if line.startswith(f"{config_copy}:")]
    assert problem_lines and ": languages.default:" in problem_lines[0], checked.stderr

    run = run_kiosk(config_copy, state)
    run.wait_for("runs on the last good copy")
    run.wait_for_first_frame()  # visitors see the kiosk, not an error
    for line in problem_lines:
        assert line in run.stderr
    assert run.terminate() == 0, run.stderr
    # The broken settings did not replace the good copy.
    copies = list(state.glob("last-good/files/config/kiosk.yaml"))
    assert len(copies) == 1 and "default: sv" in copies[0].read_text(encoding="utf-8")


def test_run_without_any_display_says_so_in_one_sentence():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = kiosk("run", env=env)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "kiosk preview" in lines[0]
    assert "qt.qpa" not in result.stderr and "plugin" not in result.stderr


def test_preview_writes_every_screen_and_the_controls(tmp_path: Path):
    out = tmp_path / "preview"
    result = kiosk("preview", "--out", str(out), "--size", "1080x1920")
    assert result.returncode == 0, result.stderr
    # Its layout report on the bundled content is empty; the QR codes were read too.
    assert "layout: nothing clipped, overlapping or off the screen on 38 screens." in result.stdout
    assert "layout problem" not in result.stderr and "note:" not in result.stderr
    expected = {f"attract-{lang}.png" for lang in ("sv", "en")} | {
        f"{screen}-{lang}{mode}.png"
        for lang in ("sv", "en")
        for screen in ("overview", "person-1", "person-2", "person-3", "person-4", "idle")
        for mode in ("", "-larger-text", "-high-contrast")
    }
    assert {p.name for p in out.glob("*.png")} == expected | {"portraits.png"}
    for name in expected:
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == (1080, 1920), name

    controls = json.loads((out / "controls.json").read_text(encoding="utf-8"))
    assert set(controls) == expected
    by_name = {c["objectName"]: c for c in controls["person-2-en.png"]}
    assert {"backButton", "previousButton", "nextButton", "language_sv", "language_en"} <= set(by_name)
    assert by_name["nextButton"]["text"] == "Next"
    assert by_name["language_sv"]["accessibleName"] == "Svenska"
    assert by_name["largerTextButton"]["accessibleRole"] == "Button"
    assert by_name["nextButton"]["heightMm"] >= 20 and by_name["nextButton"]["labelContrast"] >= 4.5
    for control in by_name.values():
        assert control["width"] > 0 and control["height"] > 0
        assert 0 <= control["y"] and control["y"] + control["height"] <= 1920
    overview = {c["objectName"] for c in controls["overview-sv.png"]}
    assert {f"personCard{i}" for i in range(4)} <= overview
    assert "nextButton" not in overview


def test_hash_pin_prints_a_line_that_check_accepts_and_that_verifies_the_pin(config_copy: Path):
    result = kiosk("hash-pin", "--stdin", stdin="246813\n")
    assert result.returncode == 0, result.stderr
    printed = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(printed) == 1 and printed[0].lstrip().startswith("pin_hash: "), result.stdout
    pin_hash = printed[0].split("pin_hash: ", 1)[1]
    assert "246813" not in result.stdout + result.stderr

    # Pasted as printed into the staff: section of kiosk.yaml.
    text = config_copy.read_text(encoding="utf-8")
    empty = "\n  pin_hash:\n"
    assert "\nstaff:\n" in text and text.count(empty) == 1
    config_copy.write_text(text.replace(empty, f"\n{printed[0]}\n"), encoding="utf-8")
    checked = kiosk("check", "--config", str(config_copy))
    assert checked.returncode == 0, checked.stderr
    assert "valid" in checked.stdout and checked.stdout.splitlines()[1] == "staff PIN: set"

    assert verify_pin("246813", pin_hash)
    assert not verify_pin("135791", pin_hash)


def at_a_terminal(*args: str, answers: dict[str, str]) -> tuple[int, str]:
    """`kiosk` with a terminal (a pseudo-terminal) as its input, typing each
    answer once its prompt shows (typed earlier, getpass would flush it);
    the exit code and all it wrote."""
    import pty
    import select

    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [*KIOSK, *args], stdin=terminal, stdout=terminal, stderr=terminal, cwd=REPO, start_new_session=True,
    )
    os.close(terminal)
    written, answered = "", 0
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(controller, 4096)
                except OSError:  # the command ended: the terminal is gone
                    break
                written += chunk.decode(errors="replace")
                pending = list(answers.items())[answered:]
                if pending and pending[0][0] in written.split("\n")[-1]:
                    os.write(controller, pending[0][1].encode() + b"\n")
                    answered += 1
            elif process.poll() is not None:
                break
        return process.wait(timeout=10), written
    finally:
        os.close(controller)
        if process.poll() is None:
            process.kill()


def test_hash_pin_at_a_terminal_asks_twice_and_refuses_two_different_entries():
    code, written = at_a_terminal("hash-pin", answers={"New staff PIN": "246813", "again": "246814"})
    assert code == 1, written
    assert "differ" in written and "pin_hash" not in written
    code, written = at_a_terminal("hash-pin", answers={"New staff PIN": "246813", "again": "246813"})
    assert code == 0, written
    assert "pin_hash: scrypt$" in written and "246813" not in written


def test_hash_pin_with_piped_input_says_plainly_it_needs_a_terminal_or_stdin():
    result = kiosk("hash-pin", stdin="246813\n246813\n")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "this is not one" in result.stderr and "--stdin" in result.stderr


@pytest.mark.parametrize("pin", ["2468", "24680", "246"])
def test_hash_pin_refuses_fewer_than_six_digits_and_says_why(pin):
    result = kiosk("hash-pin", "--stdin", stdin=f"{pin}\n")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "at least 6 digits" in result.stderr


def test_service_unit_starts_this_kiosk_in_cage_under_systemds_watchdog(config_copy: Path):
    result = kiosk("service-unit", "--config", str(config_copy), "--user", "kiosk")
    assert result.returncode == 0, result.stderr
    unit = result.stdout.splitlines()
    exec_start = [line for line in unit if line.startswith("ExecStart=")]
    assert len(exec_start) == 1
    assert exec_start[0] == f"ExecStart={sys.executable} -m kiosk cage --config {config_copy}"
    assert "Type=notify" in unit and "User=kiosk" in unit
    assert any(line.startswith("WatchdogSec=") and int(line.split("=")[1]) > 0 for line in unit)

    # systemd starts the kiosk from /, so a relative --config becomes absolute.
    relative = kiosk("service-unit", "--config", "config/kiosk.yaml")
    assert relative.returncode == 0, relative.stderr
    assert f" -m kiosk cage --config {KIOSK_YAML}\n" in relative.stdout


def test_touch_rule_turns_the_touches_as_kiosk_yaml_turns_the_panel(config_copy: Path, tmp_path: Path):
    config_copy.write_text(config_copy.read_text().replace("panel_turned: none", "panel_turned: right"))
    printed = kiosk("touch-rule", "--config", str(config_copy), "--output", "HDMI-A-1")
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.splitlines()[-1].endswith('ENV{LIBINPUT_CALIBRATION_MATRIX}="0 -1 1 1 0 0"')
    rule = tmp_path / "90-touch.rules"
    written = kiosk("touch-rule", "--config", str(config_copy), "--output", "HDMI-A-1", "--write", str(rule))
    assert written.returncode == 0 and written.stdout == "", written.stderr
    assert rule.read_text() == printed.stdout
    # A broken kiosk.yaml: its problems, the way `kiosk check` says them, and no rule.
    config_copy.write_text(config_copy.read_text().replace("panel_turned: right", "panel_turned: sideways"))
    broken = kiosk("touch-rule", "--config", str(config_copy), "--write", str(tmp_path / "not.rules"))
    assert broken.returncode == 1
    assert "screen.panel_turned: must be one of: none, left, right, upside_down (not 'sideways')" in broken.stderr
    assert not (tmp_path / "not.rules").exists()


def test_version_is_the_installed_packages():
    import tomllib

    result = kiosk("--version")
    assert result.returncode == 0, result.stderr
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert result.stdout == f"kiosk {project['version']}\n"


# --- kiosk stats ------------------------------------------------------------

KEEP_DAYS = 400  # stats.keep_days as kiosk.yaml leaves it
STATS_HEADER = (
    "date,sessions,median_length,length_under_10s,length_10_30s,length_30_60s,length_1_2min,"
    "length_2_5min,length_over_5min"
)


def record_visits(state: Path, day: int, visits: list[tuple[str, str, str]]) -> None:
    """Visits (length bucket, person opened, language) on 2025-06-<day> at 14:00 local
    time, recorded the way the kiosk records them, into state/stats.db."""
    at = time.mktime((2025, 6, day, 14, 0, 0, 0, 0, -1))
    recorder = StatsRecorder(state / "stats.db", keep_days=KEEP_DAYS, clock=lambda: at, flush_interval_s=3600)
    for length, person, language in visits:
        recorder.record("sessions")
        recorder.record("person_opened", person)
        recorder.record("language_chosen", language)
        recorder.record("session_length", length)
    recorder.record("qr_viewed", "campaign")
    recorder.close()


@pytest.fixture
def stats_state(tmp_path: Path) -> Path:
    """A state folder with three days of visits."""
    state = tmp_path / "state"
    state.mkdir()
    record_visits(state, 1, [("under 10 s", "ales-bialiatski", "sv"), ("2-5 min", "marfa-rabkova", "sv")])
    record_visits(state, 2, [("30-60 s", "marfa-rabkova", "en")] * 3)
    record_visits(state, 4, [("over 5 min", "uladzimir-labkovich", "sv")])
    return state


def test_stats_prints_a_table_per_day_of_the_state_folders_counts(stats_state: Path):
    result = kiosk("stats", "--config", str(KIOSK_YAML), env=state_env(stats_state))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["date", "sessions", "median", "length"]
    assert lines[2].startswith("2025-06-01         2  under 10 s ")
    assert "ales-bialiatski 1, marfa-rabkova 1" in lines[2] and "sv 2 (100%)" in lines[2]
    assert lines[3].startswith("2025-06-02         3  30-60 s ")
    assert lines[4].startswith("2025-06-04         1  over 5 min ")
    assert lines[-1].startswith("total              6  30-60 s ")


def test_stats_csv_has_one_row_per_day_under_stable_columns(stats_state: Path):
    result = kiosk("stats", "--csv", env=state_env(stats_state))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        STATS_HEADER + ",opened_ales-bialiatski,opened_marfa-rabkova,opened_uladzimir-labkovich,"
        "language_en,language_sv,qr_campaign",
        "2025-06-01,2,under 10 s,1,0,0,0,1,0,1,1,0,0,2,1",
        "2025-06-02,3,30-60 s,0,0,3,0,0,0,0,3,0,3,0,1",
        "2025-06-04,1,over 5 min,0,0,0,0,0,1,0,0,1,0,1,1",
    ]


def test_stats_since_and_until_choose_the_days(stats_state: Path):
    result = kiosk("stats", "--csv", "--since", "2025-06-02", "--until", "2025-06-03", env=state_env(stats_state))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        STATS_HEADER + ",opened_marfa-rabkova,language_en,qr_campaign",
        "2025-06-02,3,30-60 s,0,0,3,0,0,0,3,3,1",
    ]
    wrong = kiosk("stats", "--since", "2025-06-31", env=state_env(stats_state))
    assert wrong.returncode == 2
    assert wrong.stdout == "" and "'2025-06-31' is not a date that exists" in wrong.stderr


def test_stats_without_any_counts_says_so(tmp_path: Path):
    result = kiosk("stats", env=state_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "No statistics recorded yet" in result.stderr
    assert result.stdout == "No statistics recorded for these dates.\n"
    assert not (tmp_path / "stats.db").exists()


def test_stats_merge_adds_up_the_csv_exports_of_two_kiosks(stats_state: Path, tmp_path: Path):
    berlin = tmp_path / "berlin"
    berlin.mkdir()
    record_visits(berlin, 2, [("under 10 s", "valiantsin-stefanovic", "de")])
    exports = []
    for name, state in (("stockholm", stats_state), ("berlin", berlin)):
        export = kiosk("stats", "--csv", env=state_env(state))
        assert export.returncode == 0, export.stderr
        exports.append(tmp_path / f"{name}.csv")
        exports[-1].write_text(export.stdout, encoding="utf-8")

    result = kiosk("stats", "--merge", *map(str, exports), "--csv", env=state_env(tmp_path / "elsewhere"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        STATS_HEADER + ",opened_ales-bialiatski,opened_marfa-rabkova,opened_uladzimir-labkovich,"
        "opened_valiantsin-stefanovic,language_de,language_en,language_sv,qr_campaign",
        "2025-06-01,2,under 10 s,1,0,0,0,1,0,1,1,0,0,0,0,2,1",
        "2025-06-02,4,30-60 s,1,0,3,0,0,0,0,3,0,1,1,3,0,2",
        "2025-06-04,1,over 5 min,0,0,0,0,0,1,0,0,1,0,0,0,1,1",
    ]
    table = kiosk("stats", "--merge", *map(str, exports), env=state_env(tmp_path / "elsewhere"))
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[-1].startswith("total              7  30-60 s ")


def test_stats_merge_takes_a_database_and_an_export_and_names_a_broken_file(stats_state: Path, tmp_path: Path):
    export = tmp_path / "berlin.csv"
    export.write_text(STATS_HEADER + ",qr_campaign\n2025-06-04,5,,5,0,0,0,0,0,2\n", encoding="utf-8")
    result = kiosk(
        "stats", "--merge", str(stats_state / "stats.db"), str(export), "--since", "2025-06-04", "--csv",
        env=state_env(tmp_path / "elsewhere"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        STATS_HEADER + ",opened_uladzimir-labkovich,language_sv,qr_campaign",
        "2025-06-04,6,under 10 s,5,0,0,0,0,1,1,1,3",
    ]

    export.write_text(STATS_HEADER + "\n04/06/2025,5,,5,0,0,0,0,0\n", encoding="utf-8")
    broken = kiosk("stats", "--merge", str(export), env=state_env(tmp_path / "elsewhere"))
    assert broken.returncode == 1
    assert broken.stdout == ""
    assert broken.stderr.startswith(f"{export}:2: date: '04/06/2025' is not a date like 2025-06-01")
