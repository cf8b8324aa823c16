"""`kiosk bench`: how fast and how lean the kiosk is on the machine it runs on.

Figures, each measured here and judged against BUDGETS:

- start-up: a fresh `python -m kiosk` process running the real `kiosk run
  --windowed` code, timed from spawn until it logs its first frame, and until
  the first frame with every portrait of the first screen decoded, and until
  the other screens are built in the background; its PSS and RSS at that
  last moment, what the kiosk holds from then on. The median of several
  restarts on one state folder, as a kiosk restarts; the first start, which
  makes the display-size copies of oversized portraits, is reported apart.
- frame intervals while screens change (kiosk/tools/bench_session.py says exactly which).
- tap to frame: a mouse click on a control until the first frame showing its effect.
- memory growth over scripted navigations.
- start-up and memory again with four 6000x4000 JPEG portraits.
- with --display, on a Wayland display (inside cage, say) or else an X display
  (this machine's, or an Xvfb of its own): everything above on that display,
  and first content seen from outside (screen grabs: grim on Wayland, XGetImage
  on X) and memory of the kiosk, a bare Qt Quick window and Chromium --kiosk on
  an equivalent static page, started in turn.
- with --rest, only this: CPU per screen left alone, offscreen and on an Xvfb
  (as the kiosk picks its scene graph, OpenGL, software).

Qt, PyYAML and the config checker are imported only inside the functions:
`kiosk check` does not pay for Qt, and the start-up child loads what `kiosk
run` loads.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import html
import json
import logging
import math
import os
import platform
import queue
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.tools.process_memory import memory_of

if TYPE_CHECKING:
    from kiosk.core.model import KioskConfig


# The budgets, for 1920x1080, software rendering, 2 cores, no GPU:
# each figure must be at most its limit.
BUDGETS: dict[str, float] = {
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

# Every figure, in the order printed: key -> (what it is, unit). MB are 2**20 bytes.
FIGURES: dict[str, tuple[str, str]] = {
    "startup_empty_window_s": ("an empty Qt Quick window: spawn to first frame (the floor)", "s"),
    "startup_first_frame_s": ("start-up: spawn to first frame (median)", "s"),
    "startup_portraits_s": ("start-up: spawn to first frame with portraits (median)", "s"),
    "startup_all_built_s": ("start-up: spawn to every screen built (median)", "s"),
    "pss_after_start_mb": ("PSS after start (every screen built)", "MB"),
    "rss_after_start_mb": ("RSS after start (every screen built)", "MB"),
    "frame_interval_p50_ms": ("frame interval in transitions, p50", "ms"),
    "frame_interval_p95_ms": ("frame interval in transitions, p95", "ms"),
    "frame_interval_p99_ms": ("frame interval in transitions, p99", "ms"),
    "frame_interval_max_ms": ("frame interval in transitions, longest", "ms"),
    "frame_intervals_over_33ms": ("frame intervals over 33 ms", "count"),
    "frame_intervals": ("frame intervals measured", "count"),
    "frame_render_p95_ms": ("UI-thread time per frame (sync to swap), p95", "ms"),
    "breathing_fps": ("frames per second on the first screen, left alone", "1/s"),
    "tap_to_frame_p50_ms": ("tap to frame, p50", "ms"),
    "tap_to_frame_p95_ms": ("tap to frame, p95", "ms"),
    "pss_warm_mb": ("PSS after warm-up navigations", "MB"),
    "pss_after_navigations_mb": ("PSS after the navigations", "MB"),
    "pss_growth_mb": ("PSS growth over the navigations", "MB"),
    "rss_growth_mb": ("RSS growth over the navigations", "MB"),
    "uss_growth_mb": ("private memory (USS) growth over the navigations", "MB"),
    "uss_growth_per_10k_mb": ("USS growth per 10,000 navigations (linear)", "MB"),
    "startup_oversized_new_portraits_s": ("oversized portraits, first start (copies made): to portraits", "s"),
    "startup_oversized_first_frame_s": ("oversized portraits: spawn to first frame", "s"),
    "startup_oversized_portraits_s": ("oversized portraits: spawn to portraits shown", "s"),
    "startup_oversized_all_built_s": ("oversized portraits: spawn to every screen built", "s"),
    "pss_oversized_after_start_mb": ("oversized portraits: PSS after start (every screen built)", "MB"),
    "rss_oversized_after_start_mb": ("oversized portraits: RSS after start (every screen built)", "MB"),
}


@dataclass(frozen=True)
class Plan:
    """How much to measure: the full run, or --quick for CI."""

    starts: int
    cycles: int  # rounds of scripted transitions
    breathing_s: float
    taps: int
    navigations: int

    @classmethod
    def of(cls, args: argparse.Namespace) -> Plan:
        plan = cls(starts=2, cycles=1, breathing_s=1.0, taps=10, navigations=200) if args.quick else cls(
            starts=5, cycles=5, breathing_s=2.0, taps=40, navigations=2_000
        )
        if args.soak is not None:
            plan = cls(plan.starts, plan.cycles, plan.breathing_s, plan.taps, args.soak)
        return plan


class BenchError(RuntimeError):
    """A measurement could not be made; the message says which and why."""


# Printed by the start-up child on the supervisor's firstFrameShown (the window's first frameSwapped),
FIRST_FRAME = "bench: first frame shown"
# on the first frame with every portrait of the first screen decoded,
PORTRAITS_SHOWN = "bench: portraits shown"
# and once the screens not shown yet are built too (in the background, after the portraits).
ALL_BUILT = "bench: every screen built"
# A cold Qt start on a busy shared machine: the first start on oversized
# portraits (copies of four 24-megapixel photographs made) took over 60 s at
# load 30 on two cores. A deadlock detector, not a budget.
START_TIMEOUT_S = 180
# A stopping kiosk first finishes the screenshot it is writing (a whole screen
# as PNG, on a thread of its own): on a busy shared machine (load 15 on two
# cores) that alone took 17 s.
STOP_TIMEOUT_S = 120


def machine() -> dict[str, object]:
    """The machine the figures were measured on (Qt's part is added by the session)."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.partition(":")[2].strip()
            break
    mem_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal:")
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "os": platform.platform(),
        "load_average": os.getloadavg(),  # the machine's business while measuring
    }


# --- configs ---------------------------------------------------------------


def write_config(original: Path, folder: Path, size: tuple[int, int], portraits: list[Path] | None = None) -> Path:
    """A kiosk.yaml in `folder` like `original`, at `size`, reading the original's
    content files (and, with `portraits`, a people.yaml that shows those instead)."""
    import yaml

    from kiosk.config import load_config

    settings = yaml.safe_load(original.read_text(encoding="utf-8"))
    content = settings.setdefault("content", {})
    base = original.parent
    for key in ("texts", "people"):
        content[key] = os.path.abspath(base / content.get(key, f"{key}.yaml"))
    width, height = size
    settings.setdefault("screen", {}).update(
        resolution=f"{width}x{height}", orientation="landscape" if width >= height else "portrait"
    )
    folder.mkdir(parents=True, exist_ok=True)
    if portraits:
        people_file = Path(content["people"])
        people = yaml.safe_load(people_file.read_text(encoding="utf-8"))
        for number, person in enumerate(people["people"]):
            person["portrait"] = str(portraits[number % len(portraits)])
        content["people"] = str(folder / "people.yaml")
        (folder / "people.yaml").write_text(yaml.safe_dump(people, allow_unicode=True, sort_keys=False), "utf-8")
    path = folder / "kiosk.yaml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    load_config(path)  # a ConfigError here is a bug of this function, not of the staff's files
    return path


# --- start-up --------------------------------------------------------------


def _child_environment(state: Path) -> dict[str, str]:
    # Not systemd's variables: a bench child must not tell the service manager it is ready.
    env = {k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID")}
    return env | {"KIOSK_STATE_DIR": str(state)}


def start_once(config: Path, state: Path) -> dict[str, float]:
    """One fresh kiosk process on `state` as its state folder: seconds to
    first frame, to portraits and to every screen built, and its memory then."""
    lines: queue.Queue[tuple[float, str | None]] = queue.Queue()
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "bench", "--startup-child", "--config", str(config)],
        env=_child_environment(state),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    log: list[tuple[float, str]] = []  # every line so far, with when it arrived

    def read() -> None:
        for line in child.stderr:
            lines.put((time.perf_counter(), line))
        lines.put((time.perf_counter(), None))

    threading.Thread(target=read, daemon=True).start()

    def text() -> str:
        return "".join(line for _, line in log)

    def until(phrase: str) -> float:
        """Seconds from spawn to the line holding `phrase` (which may have come already)."""
        deadline = started + START_TIMEOUT_S
        while True:
            for moment, line in log:
                if phrase in line:
                    return moment - started
            try:
                moment, line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                raise BenchError(f"no {phrase!r} within {START_TIMEOUT_S} s:\n" + text()) from None
            if line is None:
                raise BenchError(f"the kiosk exited ({child.wait()}) before {phrase!r}:\n" + text())
            log.append((moment, line))

    try:
        result = {
            "first_frame_s": until(FIRST_FRAME),
            "portraits_s": until(PORTRAITS_SHOWN),
            "all_built_s": until(ALL_BUILT),
        }
        result |= memory_of(child.pid)  # what the kiosk holds from now on
        child.send_signal(signal.SIGTERM)
        code = child.wait(timeout=STOP_TIMEOUT_S)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    if code != 0:
        raise BenchError(f"the kiosk exited with {code} on SIGTERM:\n" + text())
    return result


class _StartWatch:
    """In the start-up child: prints FIRST_FRAME on the supervisor's first
    frame, PORTRAITS_SHOWN on the first frame whose first-screen portraits
    are all decoded, then ALL_BUILT once every screen (and every overlay) is
    built. Qt is imported here, not at the top, so the child loads what
    `kiosk run` loads and little more."""

    def __init__(self) -> None:
        self._window = None
        self._poll = None

    def watch(self, supervisor) -> None:
        supervisor.firstFrameShown.connect(self._first_frame)

    def _first_frame(self, window) -> None:
        if self._window is not None:
            return
        print(FIRST_FRAME, file=sys.stderr, flush=True)
        self._window = window
        # Checked now too: the software render loop syncs, renders and swaps on
        # this (the UI) thread, so an image ready now was in the frame just swapped.
        if not self._portraits_ready():
            self._window.frameSwapped.connect(self._on_frame)

    def _on_frame(self) -> None:
        if self._portraits_ready():
            self._window.frameSwapped.disconnect(self._on_frame)

    def _portraits_ready(self) -> bool:
        """True, once PORTRAITS_SHOWN is printed, if every visible image is decoded
        (one without a source yet waits for a display-size copy: kiosk/ui/portraits.py)."""
        from kiosk.tools.scene import visible_items

        images = [item for item in visible_items(self._window) if item.inherits("QQuickImage")]
        if not images or any(
            image.property("source").isEmpty() or image.property("progress") < 1.0 for image in images
        ):
            return False
        print(PORTRAITS_SHOWN, file=sys.stderr, flush=True)
        self._watch_building()
        return True

    def _watch_building(self) -> None:
        from PySide6.QtCore import QTimer

        self._poll = QTimer(interval=20)
        self._poll.timeout.connect(self._check_built)
        self._poll.start()

    def _check_built(self) -> None:
        from kiosk.tools.scene import every_screen_built

        if every_screen_built(self._window):
            self._poll.stop()
            print(ALL_BUILT, file=sys.stderr, flush=True)


def run_startup_child(config_path: Path) -> int:
    """`kiosk run --windowed` on `config_path`, announcing the first frame with portraits."""
    from kiosk.ui.shell.launcher import run

    # cli.main's basicConfig handler would print every line twice beside the launcher's own.
    logging.getLogger().handlers.clear()
    return run(config_path, windowed=True, watch=_StartWatch().watch)


# The least a Qt Quick program takes to show its first frame on this machine:
# PySide6 imported, one window with one line of text.
EMPTY_WINDOW = """
import sys
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
app = QGuiApplication(sys.argv[:1])
engine = QQmlApplicationEngine()
engine.loadData(b"import QtQuick; Window { width: 1920; height: 1080; visible: true; Text { text: 'Unbreakable' } }")
window = engine.rootObjects()[0]
window.frameSwapped.connect(lambda: (print("bench: empty window shown", flush=True), app.exit(0)))
sys.exit(app.exec())
"""


def empty_window_once() -> float:
    """Seconds from spawning a Python with EMPTY_WINDOW to its first frame."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", EMPTY_WINDOW], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    watchdog = threading.Timer(START_TIMEOUT_S, child.kill)  # a hung child ends the wait with ""
    watchdog.start()
    line = child.stdout.readline()  # its first frame, or "" if it failed
    shown = time.perf_counter() - started
    watchdog.cancel()
    _, errors = child.communicate(timeout=START_TIMEOUT_S)
    if "empty window shown" not in line:
        raise BenchError("an empty Qt Quick window did not start:\n" + errors)
    return shown


def measure_startup(config: Path, runs: int, label: str) -> tuple[dict[str, float], dict[str, float]]:
    """The first start, and the median of the restarts after it (at least one);
    with each, an empty Qt Quick window, so the machine's own pace shows.

    All on one state folder, as a kiosk restarts on its own: the first start
    finds it empty and makes what later starts find there (the copy of the
    good settings, display-size copies of oversized portraits)."""
    samples = []
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-state-") as state:
        for run in range(max(2, runs)):
            _progress(f"start-up{label} {run + 1}/{max(2, runs)}")
            samples.append(start_once(config, Path(state)) | {"empty_window_s": empty_window_once()})
    first, restarts = samples[0], samples[1:]
    return first, {key: statistics.median(sample[key] for sample in restarts) for key in first}


# --- the whole bench -----------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: a value that was really measured."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def _progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def measure(args: argparse.Namespace) -> dict[str, object]:
    """Every figure, the machine and the budgets, as `--json` prints them."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication

    from kiosk.config import load_config
    from kiosk.ui.shell.app import choose_scene_graph
    from kiosk.tools.bench_session import qt_versions, run_session, write_oversized_portraits

    original = args.config.resolve()
    size = bench_size(args)
    plan = Plan.of(args)
    app = QGuiApplication(sys.argv[:1])  # noqa: F841  (must exist while measuring)
    choose_scene_graph()  # as `kiosk run` does: on --display, the path the kiosk would take
    values: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as scratch:
        folder = Path(scratch)
        normal = write_config(original, folder / "normal", size)
        _, started = measure_startup(normal, plan.starts, "")
        values |= {
            "startup_empty_window_s": started["empty_window_s"],
            "startup_first_frame_s": started["first_frame_s"],
            "startup_portraits_s": started["portraits_s"],
            "startup_all_built_s": started["all_built_s"],
            "pss_after_start_mb": started["pss_mb"],
            "rss_after_start_mb": started["rss_mb"],
        }
        _progress("writing four 6000x4000 JPEG portraits")
        big = write_oversized_portraits(folder / "portraits")
        oversized = write_config(original, folder / "oversized", size, portraits=big)
        first, started = measure_startup(oversized, plan.starts, " with oversized portraits")
        values |= {
            "startup_oversized_new_portraits_s": first["portraits_s"],
            "startup_oversized_first_frame_s": started["first_frame_s"],
            "startup_oversized_portraits_s": started["portraits_s"],
            "startup_oversized_all_built_s": started["all_built_s"],
            "pss_oversized_after_start_mb": started["pss_mb"],
            "rss_oversized_after_start_mb": started["rss_mb"],
        }
        _progress(f"transitions, {plan.taps} taps, {plan.navigations} navigations")
        session = run_session(
            load_config(normal).config,
            QSize(*size),
            cycles=plan.cycles,
            breathing_s=plan.breathing_s,
            taps=plan.taps,
            navigations=plan.navigations,
        )
        rounds = QUICK_ROUNDS if args.quick else FULL_ROUNDS
        seen = measure_seen_from_outside(normal, size, rounds) if args.display else None
    # The first screen left alone is no transition: its motion is stepped ten
    # times a second by design (AttractScreen.qml), and is judged by breathing_fps.
    intervals = [
        interval for kind, times in session.intervals_ms.items() if kind != "breathing" for interval in times
    ]
    warm, soaked = session.memory_warm, session.memory_soaked
    values |= {
        "frame_interval_p50_ms": percentile(intervals, 0.50),
        "frame_interval_p95_ms": percentile(intervals, 0.95),
        "frame_interval_p99_ms": percentile(intervals, 0.99),
        "frame_interval_max_ms": max(intervals),
        "frame_intervals_over_33ms": sum(1 for interval in intervals if interval > 33),
        "frame_intervals": len(intervals),
        "frame_render_p95_ms": percentile(session.render_ms, 0.95),
        "breathing_fps": session.breathing_fps,
        "tap_to_frame_p50_ms": percentile(session.taps_ms, 0.50),
        "tap_to_frame_p95_ms": percentile(session.taps_ms, 0.95),
        "pss_warm_mb": warm["pss_mb"],
        "pss_after_navigations_mb": soaked["pss_mb"],
        "pss_growth_mb": soaked["pss_mb"] - warm["pss_mb"],
        "rss_growth_mb": soaked["rss_mb"] - warm["rss_mb"],
        "uss_growth_mb": soaked["uss_mb"] - warm["uss_mb"],
        "uss_growth_per_10k_mb": (soaked["uss_mb"] - warm["uss_mb"]) * 10_000 / plan.navigations,
    }
    figures = [
        {
            "key": key,
            "figure": label,
            "value": values[key],
            "unit": unit,
            "budget": BUDGETS.get(key),
            "ok": values[key] <= BUDGETS[key] if key in BUDGETS else None,
        }
        for key, (label, unit) in FIGURES.items()
    ]
    return {
        "machine": machine()
        | qt_versions()
        | {"platform_plugin": session.platform, "renderer": session.graphics_api},
        "settings": {
            "config": str(original),
            "size": f"{size[0]}x{size[1]}",
            "quick": args.quick,
            "starts": plan.starts,
            "transition_cycles": plan.cycles,
            "taps": plan.taps,
            "navigations": plan.navigations,
            "warmup_navigations": session.warmup_navigations,
        },
        "figures": figures,
        # Where the slow frames are: the intervals of each kind of transition.
        "frame_intervals_by_transition": {
            kind: {
                "count": len(times),
                "p50_ms": percentile(times, 0.50),
                "p95_ms": percentile(times, 0.95),
                "max_ms": max(times),
            }
            for kind, times in session.intervals_ms.items()
        },
        "budgets": BUDGETS,
        "all_within_budget": all(f["ok"] for f in figures if f["ok"] is not None),
    } | ({"seen_from_outside": seen} if seen else {})


def _shown(value: float, unit: str) -> str:
    if unit == "count":
        return str(round(value))
    return f"{value:.3f}" if unit == "s" else f"{value:.1f}"


def format_report(report: dict) -> str:
    rows = [("figure", "value", "budget", "ok?")]
    for figure in report["figures"]:
        unit = figure["unit"]
        suffix = "" if unit == "count" else f" {unit}"
        budget = "" if figure["budget"] is None else f"<= {_shown(figure['budget'], unit)}{suffix}"
        ok = "" if figure["ok"] is None else ("yes" if figure["ok"] else "NO")
        rows.append((figure["figure"], _shown(figure["value"], unit) + suffix, budget, ok))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append("")
    lines.append("frame intervals by transition: count, p50, p95, longest (ms)")
    for kind, times in report["frame_intervals_by_transition"].items():
        lines.append(f"  {kind}: {times['count']}, {times['p50_ms']:.1f}, {times['p95_ms']:.1f}, {times['max_ms']:.1f}")
    settings = report["settings"]
    lines.append("")
    lines.append(
        f"at {settings['size']}; {settings['starts']} starts each, {settings['taps']} taps, "
        f"{settings['navigations']} navigations after {settings['warmup_navigations']} to warm up"
    )
    lines += [f"{key}: {value}" for key, value in report["machine"].items()]
    if "seen_from_outside" in report:
        lines += format_seen_from_outside(report["seen_from_outside"])
    return "\n".join(lines)


# --- seen from outside, on an X display ------------------------------------------

# A program has shown its first content once this many pixels of the screen
# differ from the colour of its top left corner (a window's flat background
# is not content yet; a line of text is).
CONTENT_PIXELS = 50
SETTLE_S = 2.0  # after first content, before its memory is read
# Single starts vary by a third on a shared machine: three rounds gave 1.53x
# the bare window where nine, minutes later, gave 1.25x (docs/performance.md).
QUICK_ROUNDS, FULL_ROUNDS = 1, 9
GRAB_TIMINGS = 5  # grabs of the empty screen timed, for the median


class ScreenGrab:
    """The X screen as a passer-by sees it, grabbed from outside the programs on
    it with libX11's XGetImage (Debian's libx11-6, which Qt on X needs anyway):
    a grab of a 1920x1080 screen takes about 20 ms, the poll's resolution."""

    ZPIXMAP = 2
    pixel_bytes = 4

    class _Image(ctypes.Structure):  # the start of Xlib's XImage
        _fields_ = [
            ("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
            ("format", ctypes.c_int), ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int),
            ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int),
            ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int),
        ]  # fmt: skip

    def __init__(self, display: str):
        x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x11.XDisplayWidth.argtypes = x11.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x11.XGetImage.restype = ctypes.POINTER(self._Image)
        x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong] + [ctypes.c_int] * 2 + [ctypes.c_uint] * 2
        x11.XGetImage.argtypes += [ctypes.c_ulong, ctypes.c_int]
        x11.XFree.argtypes = [ctypes.c_void_p]
        x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self._x11 = x11
        self._display = x11.XOpenDisplay(display.encode())
        if not self._display:
            raise BenchError(f"cannot open the X display {display}")
        self._root = x11.XDefaultRootWindow(self._display)
        self.size = (x11.XDisplayWidth(self._display, 0), x11.XDisplayHeight(self._display, 0))

    def grab(self) -> bytes:
        image = self._x11.XGetImage(self._display, self._root, 0, 0, *self.size, 0xFFFFFFFF, self.ZPIXMAP)
        if not image:
            raise BenchError("XGetImage could not grab the screen")
        pixels = ctypes.string_at(image.contents.data, image.contents.bytes_per_line * image.contents.height)
        # XDestroyImage is a macro; the image's data and the structure are freed apart.
        self._x11.XFree(image.contents.data)
        self._x11.XFree(image)
        return pixels

    def close(self) -> None:
        self._x11.XCloseDisplay(self._display)


class WaylandGrab:
    """The Wayland screen as a passer-by sees it, grabbed by grim (Debian's
    package grim) through the compositor's screencopy protocol, which cage and
    other wlroots compositors offer. A grab is a process and a copy of the
    whole output: its time is measured and reported as the poll's resolution."""

    pixel_bytes = 3  # grim's PPM: 8-bit red, green, blue

    def __init__(self) -> None:
        if not shutil.which("grim"):
            raise BenchError("grim is not installed (Debian's package grim; `make test-tools` installs it)")

    def grab(self) -> bytes:
        shot = subprocess.run(["grim", "-t", "ppm", "-"], capture_output=True, timeout=STOP_TIMEOUT_S)
        if shot.returncode != 0:
            raise BenchError("grim could not grab the screen:\n" + shot.stderr.decode(errors="replace"))
        # After the header (P6, width, height, maximum value, each ended by one
        # whitespace byte); the pixels may begin with bytes that look like whitespace.
        header = re.match(rb"P6\s+\d+\s+\d+\s+\d+\s", shot.stdout)
        if not header:
            raise BenchError("grim's picture is not a PPM image")
        return shot.stdout[header.end() :]

    def close(self) -> None:
        pass


def on_wayland() -> bool:
    """Whether Qt here draws on a Wayland display (as set by display_for)."""
    return os.environ.get("QT_QPA_PLATFORM") == "wayland"


def screen_grab() -> ScreenGrab | WaylandGrab:
    return WaylandGrab() if on_wayland() else ScreenGrab(os.environ["DISPLAY"])


def shows_content(pixels: bytes, empty: bytes, pixel_bytes: int) -> bool:
    """Not the empty screen, and more than one flat colour."""
    first = pixels[:pixel_bytes]
    return pixels != empty and len(pixels) // pixel_bytes - pixels.count(first) >= CONTENT_PIXELS


def session_processes(session: int) -> list[int]:
    """Every process of a session (a program started in its own, with its children)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[3]) == session:
            pids.append(int(stat.parent.name))
    return pids


def first_content_once(
    command: list[str], env: dict[str, str], screen: ScreenGrab | WaylandGrab, empty: bytes
) -> dict[str, float]:
    """Seconds from spawning `command` until the screen shows content, polled from
    outside; then, SETTLE_S later, the memory of the program and all its children."""
    started = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip
    try:
        while not shows_content(screen.grab(), empty, screen.pixel_bytes):
            if child.poll() is not None:
                raise BenchError(f"{command[0]} exited ({child.returncode}) before it showed anything:\n"
                                 + child.stderr.read().decode(errors="replace"))  # fmt: skip
            if time.perf_counter() - started > START_TIMEOUT_S:
                raise BenchError(f"{command[0]} showed nothing within {START_TIMEOUT_S} s")
        shown = time.perf_counter() - started
        time.sleep(SETTLE_S)  # a fixed wait by design: memory once the start-up's work is done
        memory = [memory_of(pid) for pid in session_processes(child.pid)]
    finally:
        os.killpg(child.pid, signal.SIGTERM)
        try:
            child.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
        child.stderr.close()
    # The next program starts on an empty screen again, judged as content is:
    # under cage the screen a closed window leaves is flat but not byte for
    # byte the first empty grab, so waiting for an exact match took the whole
    # timeout after every program.
    deadline = time.perf_counter() + STOP_TIMEOUT_S
    while shows_content(screen.grab(), empty, screen.pixel_bytes) and time.perf_counter() < deadline:
        time.sleep(0.05)
    return {
        "first_content_s": shown,
        "pss_mb": sum(m["pss_mb"] for m in memory),
        "rss_mb": sum(m["rss_mb"] for m in memory),
        "processes": len(memory),
    }


# The bare Qt Quick window the kiosk is compared with: PySide6, one window
# filling the screen, one line of text at the kiosk's title size, as Qt picks
# its scene graph by itself.
BARE_WINDOW = """
import sys
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
app = QGuiApplication(sys.argv[:1])
engine = QQmlApplicationEngine()
engine.loadData(b"import QtQuick; Window { width: %d; height: %d; visible: true; color: '%s'; "
                b"Text { anchors.centerIn: parent; text: 'Unbreakable'; font.pixelSize: 112; color: '%s' } }")
sys.exit(app.exec())
"""


def static_page(config: KioskConfig, folder: Path) -> Path:
    """The first screen's words, colours and portraits as a static HTML page, for Chromium."""
    from kiosk.core.i18n import screen_texts
    from kiosk.core.theme import PALETTES

    colors = PALETTES[config.theme]
    texts = screen_texts(config, config.default_language)
    invitations = config.content.ui["touch_to_start"]
    portraits = "".join(
        f'<img src="{Path(person.portrait).resolve().as_uri()}" width="340" height="425">'
        for person in config.content.people if person.portrait
    )  # fmt: skip
    lines = "".join(f"<p>{html.escape(invitations[code])}</p>" for code in config.language_codes)
    page = folder / "first-screen.html"
    page.write_text(
        f"""<!doctype html><meta charset="utf-8"><title>Unbreakable</title>
<style>body {{ margin: 0; background: {colors['background']}; color: {colors['text']};
font-family: sans-serif; text-align: center; }} h1 {{ font-size: 112px; letter-spacing: 10px; margin: 70px 0 12px; }}
h2 {{ font-size: 44px; color: {colors['accent']}; font-weight: normal; }} img {{ margin: 18px; object-fit: cover; }}
p {{ font-size: 34px; color: {colors['muted']}; margin: 10px; }}</style>
<h1>{html.escape(texts['title'].upper())}</h1><h2>{html.escape(texts['subtitle'])}</h2>
<div>{portraits}</div>{lines}""",
        encoding="utf-8",
    )
    return page


# --- CPU at rest, on each display path ------------------------------------------

# How the kiosk draws, on the machine's own screen or a stand-in: name ->
# (platform, environment for the scene graph). None: as the kiosk picks by
# itself (kiosk/ui/shell/app.py choose_scene_graph). X paths run on an Xvfb.
DISPLAY_PATHS: dict[str, tuple[str, dict[str, str] | None]] = {
    "offscreen, software": ("offscreen", {"QT_QUICK_BACKEND": "software"}),
    "Xvfb, as the kiosk picks": ("xcb", None),
    "Xvfb, OpenGL (llvmpipe)": ("xcb", {"QSG_RHI_BACKEND": "opengl"}),
    "Xvfb, software": ("xcb", {"QT_QUICK_BACKEND": "software"}),
}
REST_SECONDS = {"quick": 1.5, "full": 5.0}
REST_ROUNDS = {"quick": 1, "full": 2}


@contextmanager
def xvfb(size: tuple[int, int]) -> Iterator[tuple[str, int]]:
    """An X server of our own at `size`, on the first free display number; yields
    its DISPLAY and process id."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{size[0]}x{size[1]}x24", "-br", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        # It writes its number once it accepts clients.
        ready, _, _ = select.select([read_end], [], [], START_TIMEOUT_S)
        number = os.read(read_end, 16).decode().strip() if ready else ""
        if not number:
            raise BenchError("Xvfb did not start (Debian's package xvfb; `make test-tools` installs it)")
        yield f":{number}", server.pid
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(timeout=STOP_TIMEOUT_S)


def path_environment(platform_name: str, scene_graph: dict[str, str] | None, display: str | None) -> dict[str, str]:
    from kiosk.ui.shell.app import SCENE_GRAPH_VARIABLES

    env = {k: v for k, v in os.environ.items() if k not in SCENE_GRAPH_VARIABLES}
    env |= {"QT_QPA_PLATFORM": platform_name, **(scene_graph or {})}
    if display:
        env["DISPLAY"] = display
    return env


def rest_once(config: Path, size: tuple[int, int], seconds: float, env: dict[str, str], server_pid: int | None) -> dict:
    """A fresh process measuring CPU at rest (`kiosk bench --rest-child`) in `env`."""
    command = [sys.executable, "-m", "kiosk", "bench", "--rest-child", "--config", str(config)]
    command += ["--size", f"{size[0]}x{size[1]}", "--rest-seconds", str(seconds)]
    if server_pid:
        command += ["--server-pid", str(server_pid)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=START_TIMEOUT_S + 8 * seconds)
    if result.returncode != 0:
        raise BenchError("CPU at rest could not be measured:\n" + result.stderr)
    return json.loads(result.stdout)


def measure_rest(args: argparse.Namespace) -> dict[str, object]:
    """CPU at rest per screen on each display path, the paths taken in turn
    (`rounds` times), so a change in the machine's pace touches them all alike."""
    size = bench_size(args)
    mode = "quick" if args.quick else "full"
    seconds, rounds = REST_SECONDS[mode], REST_ROUNDS[mode]
    samples: dict[str, list[dict]] = {name: [] for name in DISPLAY_PATHS}
    with xvfb(size) as (display, server_pid):
        for round_number in range(rounds):
            for name, (platform_name, scene_graph) in DISPLAY_PATHS.items():
                _progress(f"CPU at rest, {name}, round {round_number + 1}/{rounds}")
                on_x = platform_name == "xcb"
                env = path_environment(platform_name, scene_graph, display if on_x else None)
                samples[name].append(rest_once(args.config.resolve(), size, seconds, env, server_pid if on_x else None))
    paths = {}
    for name, runs in samples.items():
        screens = {
            screen: {key: statistics.median(run["screens"][screen][key] for run in runs) for key in figures}
            for screen, figures in runs[0]["screens"].items()
        }
        paths[name] = {
            "scene_graph": runs[0]["scene_graph"], "graphics_api": runs[0]["graphics_api"], "screens": screens
        }
    return {
        "machine": machine(),
        "settings": {"size": f"{size[0]}x{size[1]}", "seconds_per_screen": seconds, "rounds": rounds},
        "paths": paths,
    }


def contenders(
    config_path: Path, config: KioskConfig, size: tuple[int, int], folder: Path
) -> dict[str, tuple[list[str], dict[str, str]]]:
    """What is started in turn on the display: name -> (command, environment).
    Chromium only where it is installed (Debian's package chromium); on
    Wayland with its Wayland backend, as it would run under cage."""
    from kiosk.core.theme import PALETTES
    from kiosk.ui.shell.app import SCENE_GRAPH_VARIABLES

    # The command a kiosk PC runs, not the start-up child: that one imports this
    # module too (about 25 ms more before the first frame).
    kiosk = [sys.executable, "-m", "kiosk", "run", "--windowed", "--config", str(config_path)]
    as_picked = {k: v for k, v in _child_environment(folder / "state").items() if k not in SCENE_GRAPH_VARIABLES}
    colors = PALETTES[config.theme]
    bare = BARE_WINDOW % (size[0], size[1], colors["background"], colors["text"])
    chosen = {
        "kiosk": (kiosk, as_picked),
        "kiosk, OpenGL": (kiosk, as_picked | {"QSG_RHI_BACKEND": "opengl"}),
        "bare Qt Quick window": ([sys.executable, "-c", bare], as_picked),
    }
    chromium = shutil.which("chromium")
    if chromium:
        page = static_page(config, folder)
        command = [chromium, "--kiosk", "--no-first-run", f"--user-data-dir={folder / 'chromium'}"]
        command += [f"--window-size={size[0]},{size[1]}", "--window-position=0,0", "--password-store=basic"]
        command += ["--no-sandbox"] if os.geteuid() == 0 else []  # Chromium refuses root otherwise
        command += ["--ozone-platform=wayland"] if on_wayland() else []
        chosen["Chromium --kiosk"] = ([*command, page.as_uri()], as_picked)
    return chosen


def measure_seen_from_outside(config_path: Path, size: tuple[int, int], rounds: int) -> dict[str, object]:
    """First content and memory of each contender, started in turn on the
    display `rounds` times (after one start of each to warm the disk cache and
    Chromium's profile), and the kiosk's ratios to the others (the issue's
    goals); with how long one screen grab takes, the resolution of the times."""
    from kiosk.config import load_config

    config = load_config(config_path).config
    screen = screen_grab()
    samples: dict[str, list[dict]] = {}
    try:
        grab_times = []
        for _ in range(GRAB_TIMINGS):
            started = time.perf_counter()
            empty = screen.grab()
            grab_times.append(time.perf_counter() - started)
        with tempfile.TemporaryDirectory(prefix="kiosk-bench-display-") as scratch:
            programs = contenders(config_path, config, size, Path(scratch))
            for round_number in range(rounds + 1):
                for name, (command, env) in programs.items():
                    _progress(f"seen from outside: {name}, round {round_number}/{rounds}")
                    sample = first_content_once(command, env, screen, empty)
                    if round_number:  # round 0 warms up
                        samples.setdefault(name, []).append(sample)
    finally:
        screen.close()
    programs = {
        name: {key: statistics.median(run[key] for run in runs) for key in runs[0]} for name, runs in samples.items()
    }
    ratios = {}
    kiosk, opengl = programs["kiosk"], programs["kiosk, OpenGL"]
    bare = programs["bare Qt Quick window"]
    ratios["first_content_to_bare_window"] = kiosk["first_content_s"] / bare["first_content_s"]
    if "Chromium --kiosk" in programs:
        chromium = programs["Chromium --kiosk"]
        ratios["first_content_to_chromium"] = kiosk["first_content_s"] / chromium["first_content_s"]
        ratios["pss_to_chromium"] = kiosk["pss_mb"] / chromium["pss_mb"]
        ratios["pss_opengl_to_chromium"] = opengl["pss_mb"] / chromium["pss_mb"]
    return {
        "rounds": rounds,
        "grabbed_with": "grim" if isinstance(screen, WaylandGrab) else "XGetImage",
        "grab_ms": statistics.median(grab_times) * 1000,
        "programs": programs,
        "ratios": ratios,
        "goals": DISPLAY_GOALS,
    }


# The goals for the display path, as ratios measured in one run.
DISPLAY_GOALS = {
    "first_content_to_chromium": 0.8,
    "first_content_to_bare_window": 1.5,
    "pss_opengl_to_chromium": 0.45,
}
RATIO_LABELS = {
    "first_content_to_bare_window": "first content, kiosk / bare window",
    "first_content_to_chromium": "first content, kiosk / Chromium",
    "pss_to_chromium": "PSS, kiosk / Chromium's processes",
    "pss_opengl_to_chromium": "PSS, kiosk on OpenGL / Chromium's processes",
}


def format_seen_from_outside(seen: dict) -> list[str]:
    grabs = f"screen grabs by {seen['grabbed_with']}, {seen['grab_ms']:.0f} ms each"
    lines = ["", f"seen from outside ({grabs}), median of {seen['rounds']} starts each, in turn:"]
    for name, figures in seen["programs"].items():
        lines.append(
            f"  {name}: first content {figures['first_content_s']:.3f} s, "
            f"PSS {figures['pss_mb']:.1f} MB (RSS {figures['rss_mb']:.1f} MB) in {figures['processes']:.0f} processes"
        )
    for key, value in seen["ratios"].items():
        goal = DISPLAY_GOALS.get(key)
        judged = "" if goal is None else f" (goal <= {goal}: {'yes' if value <= goal else 'NO'})"
        lines.append(f"  {RATIO_LABELS[key]}: {value:.2f}x{judged}")
    return lines


@contextmanager
def display_for(args: argparse.Namespace, size: tuple[int, int]) -> Iterator[None]:
    """For --display: the Wayland display this runs in (as under `cage -- kiosk
    bench --display`, where $DISPLAY may name cage's Xwayland too), else this
    machine's X display ($DISPLAY), or an Xvfb of our own where there is
    neither (as in CI); nothing to do otherwise."""
    if args.display and os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "wayland"
    if not args.display or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY"):
        yield
        return
    with xvfb(size) as (display, _):
        os.environ |= {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        yield


def bench_size(args: argparse.Namespace) -> tuple[int, int]:
    """--size, or the screen's resolution from the (checked) config."""
    from kiosk.config import load_config

    if args.size:
        return args.size
    screen = load_config(args.config.resolve()).config.screen
    return (screen.width, screen.height)


def run_rest_child(args: argparse.Namespace) -> int:
    """In the display path's own process: CPU at rest per screen, as JSON."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication

    from kiosk.config import load_config
    from kiosk.ui.shell.app import choose_scene_graph
    from kiosk.tools.bench_session import cpu_at_rest

    config = load_config(args.config).config
    size = args.size or (config.screen.width, config.screen.height)
    app = QGuiApplication(sys.argv[:1])  # noqa: F841  (must exist while measuring)
    scene_graph = choose_scene_graph()
    rest = cpu_at_rest(config, QSize(*size), seconds=args.rest_seconds, server_pid=args.server_pid)
    print(json.dumps({"scene_graph": scene_graph} | rest))
    return 0


def format_rest(report: dict) -> str:
    lines = ["CPU at rest, % of one core (kiosk + display server), and frames per second"]
    for name, path in report["paths"].items():
        lines.append(f"{name} ({path['graphics_api']}): {path['scene_graph']}")
        for screen, figures in path["screens"].items():
            server = f" + {figures['server_cpu_pct']:.1f}" if "server_cpu_pct" in figures else ""
            lines.append(
                f"  {screen}: {figures['kiosk_cpu_pct']:.1f}{server} %, {figures['frames_per_s']:.1f} frames/s"
            )
    settings = report["settings"]
    lines.append("")
    lines.append(f"at {settings['size']}; {settings['seconds_per_screen']} s a screen, {settings['rounds']} rounds")
    lines += [f"{key}: {value}" for key, value in report["machine"].items()]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """`kiosk bench`; 0 when every figure was measured, whether or not within budget."""
    if args.startup_child:
        return run_startup_child(args.config)
    if args.rest_child:
        return run_rest_child(args)
    try:
        if args.rest:
            report = measure_rest(args)
            print(json.dumps(report, indent=2) if args.json else format_rest(report))
            return 0
        with display_for(args, bench_size(args)):
            report = measure(args)
    except BenchError as error:
        print(f"kiosk bench: {error}", file=sys.stderr)
        return 1
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0
