"""`kiosk bench --quick --json` runs on this machine and reports every figure.

No figure is compared with its budget here: the machine is shared and noisy.
Only that each is measured, of a sane type and sign, with the machine named
and the budgets as the issue set them."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from kiosk.tools.bench import BUDGETS, DISPLAY_PATHS, FIGURES, START_TIMEOUT_S
from tests.cage_user import HEADLESS_CAGE, SIZE, as_the_user, ordinary_user, sandbox, user_python
from tests.conftest import REPO
from tests.kiosk_copy import state_env

# The fixtures, for pytest to find here.
__all__ = ["ordinary_user", "sandbox", "user_python"]
pytestmark = [pytest.mark.process, pytest.mark.slow]

ISSUE_BUDGETS = {
    "startup_first_frame_s": 0.5,
    "startup_portraits_s": 0.5,
    "startup_oversized_first_frame_s": 1.0,
    "startup_oversized_portraits_s": 1.0,
    "frame_interval_p95_ms": 17.5,
    "frame_interval_max_ms": 50.0,
    "tap_to_frame_p95_ms": 50.0,
    "pss_after_start_mb": 150.0,
    "pss_oversized_after_start_mb": 200.0,
    "uss_growth_per_10k_mb": 5.0,
}
# Memory may shrink over the navigations; every other figure is a positive amount.
MAY_BE_NEGATIVE = {"pss_growth_mb", "rss_growth_mb", "uss_growth_mb", "uss_growth_per_10k_mb"}
MAY_BE_ZERO = {"frame_intervals_over_33ms"}
# Each round of kiosk.tools.bench_session's scripted transitions.
TRANSITIONS_PER_CYCLE = {
    "attract to overview": 1,
    "overview to person": 1,
    "swipe": 4,
    "language switch": 2,
    "person to overview": 1,
    "overview to attract": 1,
}


def test_budgets_are_the_issues():
    assert BUDGETS == ISSUE_BUDGETS
    assert set(BUDGETS) <= set(FIGURES)


def quick_bench(tmp_path, *flags: str, env: dict[str, str] | None = None) -> dict:
    """The report of `kiosk bench --quick --json` at 1920x1080 with `flags`."""
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "bench", "--quick", "--json", "--size", "1920x1080", *flags],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env or state_env(tmp_path / "state"),
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def assert_every_figure_measured(report: dict) -> None:
    """Every figure there, of a sane type and sign, judged against the issue's budgets."""
    figures = {figure["key"]: figure for figure in report["figures"]}
    assert list(figures) == list(FIGURES)
    for key, figure in figures.items():
        value = figure["value"]
        assert isinstance(value, (int, float)) and not isinstance(value, bool), (key, value)
        assert math.isfinite(value), (key, value)
        if key not in MAY_BE_NEGATIVE:
            assert value > 0 or (key in MAY_BE_ZERO and value == 0), (key, value)
        assert figure["budget"] == BUDGETS.get(key)
        assert figure["ok"] == (value <= BUDGETS[key] if key in BUDGETS else None), key
    assert report["budgets"] == ISSUE_BUDGETS
    # Frames were really produced during every transition, not only before and
    # after: at least the one that shows it, however busy the machine.
    by_transition = report["frame_intervals_by_transition"]
    cycles = report["settings"]["transition_cycles"]
    assert set(by_transition) == {"breathing", *TRANSITIONS_PER_CYCLE}
    for kind, transitions in TRANSITIONS_PER_CYCLE.items():
        assert by_transition[kind]["count"] >= transitions * cycles, kind
    assert figures["frame_intervals"]["value"] == sum(by_transition[kind]["count"] for kind in TRANSITIONS_PER_CYCLE)
    assert figures["tap_to_frame_p50_ms"]["value"] <= figures["tap_to_frame_p95_ms"]["value"]
    # Left alone, the first screen moves in steps ten times a second, not at 60 frames a second.
    assert 0 < figures["breathing_fps"]["value"] <= 12


def test_quick_bench_reports_every_figure_and_the_machine(tmp_path):
    report = quick_bench(tmp_path)
    assert_every_figure_measured(report)

    machine = report["machine"]
    assert machine["cpu"] and machine["cores"] >= 1 and machine["ram_gb"] > 0
    assert machine["qt"].startswith("6.") and machine["pyside"].startswith("6.")
    assert machine["python"] == ".".join(map(str, sys.version_info[:3]))
    assert machine["platform_plugin"] == "offscreen"
    assert machine["renderer"] == "Software"
    assert report["settings"]["size"] == "1920x1080" and report["settings"]["quick"] is True


@pytest.mark.x11
def test_rest_bench_measures_every_screen_on_every_display_path(tmp_path):
    """`kiosk bench --rest` on offscreen and on a real X server (Xvfb, make test-tools)."""
    report = quick_bench(tmp_path, "--rest")

    assert list(report["paths"]) == list(DISPLAY_PATHS)
    for name, path in report["paths"].items():
        assert list(path["screens"]) == ["attract", "overview", "person", "night"], name
        for screen, figures in path["screens"].items():
            on_x = DISPLAY_PATHS[name][0] == "xcb"
            assert set(figures) == {"kiosk_cpu_pct", "frames_per_s"} | ({"server_cpu_pct"} if on_x else set())
            assert all(math.isfinite(value) and value >= 0 for value in figures.values()), (name, screen)
        # The first screen moves, stepped ten times a second, not at the display's 60.
        assert 0 < path["screens"]["attract"]["frames_per_s"] <= 12, name
    # Xvfb's OpenGL is Mesa's, drawn by the CPU: left to itself the kiosk takes
    # the software scene graph there; an explicit choice is obeyed.
    picked = report["paths"]["Xvfb, as the kiosk picks"]
    assert picked["graphics_api"] == "Software"
    assert picked["scene_graph"].startswith("software (")
    assert report["paths"]["Xvfb, OpenGL (llvmpipe)"]["graphics_api"] == "OpenGL"
    assert report["paths"]["Xvfb, software"]["scene_graph"] == "as set in the environment (QT_QUICK_BACKEND=software)"
    assert len(report["machine"]["load_average"]) == 3


@pytest.mark.x11
def test_display_bench_runs_on_an_x_server_and_times_what_a_passer_by_sees(tmp_path):
    """`kiosk bench --display` where there is no display starts an Xvfb of its own
    (OpenGL there is Mesa's llvmpipe), and starts the kiosk, a bare Qt Quick
    window and Chromium (make test-tools) in turn on it, watched by screen grabs."""
    no_display = ("QT_QPA_PLATFORM", "QT_QUICK_BACKEND", "QSG_RHI_BACKEND", "DISPLAY", "WAYLAND_DISPLAY")
    env = {key: value for key, value in state_env(tmp_path / "state").items() if key not in no_display}
    report = quick_bench(tmp_path, "--display", env=env)

    assert_every_figure_measured(report)
    assert report["machine"]["platform_plugin"] == "xcb"
    assert report["machine"]["renderer"] == "Software"  # picked by the kiosk: OpenGL here is drawn by the CPU
    assert_seen_from_outside(report["seen_from_outside"], grabbed_with="XGetImage")


def assert_seen_from_outside(seen: dict, grabbed_with: str) -> None:
    """The kiosk, on OpenGL, a bare window and Chromium each seen on the screen,
    with their memory, the ratios the issue sets goals for, and the grabs' time."""
    assert seen["grabbed_with"] == grabbed_with
    assert 0 < seen["grab_ms"] and math.isfinite(seen["grab_ms"])
    programs = seen["programs"]
    assert list(programs) == ["kiosk", "kiosk, OpenGL", "bare Qt Quick window", "Chromium --kiosk"]
    for name, figures in programs.items():
        assert 0 < figures["first_content_s"] < START_TIMEOUT_S, name  # seconds, within the bench's own limit
        assert 10 < figures["pss_mb"] <= figures["rss_mb"], name
    assert programs["kiosk"]["processes"] == 1 and programs["Chromium --kiosk"]["processes"] > 1
    assert set(seen["ratios"]) == {
        "first_content_to_bare_window", "first_content_to_chromium", "pss_to_chromium", "pss_opengl_to_chromium"
    }  # fmt: skip
    assert all(0 < ratio < 100 for ratio in seen["ratios"].values())
    assert seen["ratios"]["first_content_to_chromium"] == pytest.approx(
        programs["kiosk"]["first_content_s"] / programs["Chromium --kiosk"]["first_content_s"]
    )


@pytest.mark.x11
def test_display_bench_under_cage_measures_the_wayland_path(ordinary_user, user_python, sandbox):
    """`cage -- kiosk bench --display`, as a kiosk PC would run it: every figure
    on Wayland (cage's headless output, drawn in software), and the kiosk, a bare
    window and Chromium (its Wayland backend) seen from outside with grim. As
    the ordinary user with its own Python: cage refuses root (tests/cage_user.py)."""
    environment = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(sandbox.state),
        "KIOSK_STATE_DIR": str(sandbox.state),
        "XDG_RUNTIME_DIR": str(sandbox.runtime),
        **HEADLESS_CAGE,
    }
    bench = [str(user_python), "-m", "kiosk", "bench", "--quick", "--json", "--display", "--size", SIZE]
    result = subprocess.run(
        [*as_the_user(environment), "cage", "--", *bench, "--config", str(sandbox.content / "config" / "kiosk.yaml")],
        capture_output=True,
        text=True,
        cwd=sandbox.state,  # not the checkout: the user's Python imports its installed kiosk
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)

    assert_every_figure_measured(report)
    assert report["machine"]["platform_plugin"] == "wayland"
    assert report["machine"]["renderer"] == "Software"  # picked by the kiosk: no GPU here
    assert report["settings"]["size"] == SIZE
    assert_seen_from_outside(report["seen_from_outside"], grabbed_with="grim")
