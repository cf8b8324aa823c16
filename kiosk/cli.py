"""The `kiosk` command: run the kiosk, check the staff's files, preview screens."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import os
import re
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from kiosk.runtime.heap import settle_after_start

if TYPE_CHECKING:
    from kiosk.config import LoadedConfig

# The bundled config of this checkout; staff point elsewhere with --config.
DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "config" / "kiosk.yaml"


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{3,5})\s*[xX]\s*(\d{3,5})\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1920x1080")
    return int(match[1]), int(match[2])


def _date(text: str) -> dt.date:
    from kiosk.runtime.stats_report import parse_date  # the one reading of YYYY-MM-DD

    try:
        return parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _load(path: Path, today: dt.date | None = None) -> LoadedConfig | None:
    """Load and validate; print the problems the way `kiosk check` does."""
    # Here, not at the top: `kiosk run` often starts without it (kiosk/runtime/remembered.py).
    from kiosk.config import ConfigError, load_config

    try:
        loaded = load_config(path, today=today)
    except ConfigError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        _print_warnings(error.warnings)
        count = len(error.problems)
        print(
            f"{count} problem{'s' if count != 1 else ''} found; the kiosk cannot start "
            "until they are fixed.",
            file=sys.stderr,
        )
        return None
    _print_warnings(loaded.warnings)
    return loaded


def _print_warnings(warnings) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    loaded = _load(args.config, args.today)
    if loaded is None:
        return 1
    people = len(loaded.config.content.people)
    languages = ", ".join(loaded.config.language_codes)
    print(f"{args.config}: valid ({people} people, languages: {languages}).")
    pin_set = loaded.config.staff.pin_hash is not None
    print("staff PIN: set" if pin_set else "staff PIN: not set (the staff menu is off)")
    from kiosk.config.file_lines import file_lines
    from kiosk.config.portrait_fit import portrait_lines

    lines = file_lines(loaded.config)
    shown, small = portrait_lines(loaded.config, lines)
    print("\n".join(shown))
    _print_warnings(small)
    warnings = [*loaded.warnings, *small]
    if args.layout:
        from kiosk.tools.preview import check_layout

        config = loaded.config
        app = _offscreen_app()  # noqa: F841  (must exist while rendering)
        broken = _print_layout_report(lines, check_layout(config, _screen_size(config, None)), "kiosk check --layout")
        if broken:
            return 1
    if args.strict and warnings:
        count = len(warnings)
        print(f"{count} warning{'s' if count != 1 else ''}: --strict counts them as problems.", file=sys.stderr)
        return 1
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    # A broken config does not stop the kiosk: it runs on the last good copy
    # (or shows "out of order") and logs the problems, as `kiosk check` would.
    from kiosk.ui.shell.launcher import run

    return run(args.config, windowed=args.windowed)


def cmd_cage(args: argparse.Namespace) -> int:
    """The unit's command: becomes cage, the picture turned as kiosk.yaml's
    screen.panel_turned says, with `kiosk run` inside it."""
    import subprocess

    from kiosk.runtime.display import cage_command
    from kiosk.runtime.service import CAGE

    usage = subprocess.run([CAGE, "-h"], capture_output=True, text=True)
    command, extra = cage_command(
        cage=CAGE, cage_help=usage.stdout + usage.stderr, turn=_panel_turned(args.config),
        kiosk=[sys.executable, "-m", "kiosk", "run", "--config", str(args.config)],
    )
    os.execve(command[0], command, os.environ | extra)


def _panel_turned(config: Path) -> str:
    """screen.panel_turned as written, else "none": a broken kiosk.yaml is the
    kiosk's to report (it then runs on its last good copy)."""
    import yaml

    from kiosk.core.model import PANEL_TURNS

    try:
        # libyaml's parser where there is one: it is read at every start, before cage.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        turn = yaml.load(config.read_text(encoding="utf-8"), Loader=loader)["screen"].get("panel_turned", "none")
    except (OSError, UnicodeDecodeError, yaml.YAMLError, TypeError, KeyError, AttributeError):
        return "none"
    return turn if turn in PANEL_TURNS else "none"


def cmd_touch_rule(args: argparse.Namespace) -> int:
    """The udev rule that turns the touches with screen.panel_turned (installed
    by scripts/install-kiosk-pc, which must run again after a change)."""
    from kiosk.runtime.display import connected_outputs, touch_rule

    loaded = _load(args.config)
    if loaded is None:
        return 1
    screen = loaded.config.screen
    outputs = connected_outputs()
    output = args.output or (outputs[min(screen.index, len(outputs) - 1)] if outputs else None)
    try:
        rule = touch_rule(screen.panel_turned, output)
    except ValueError as error:
        print(f"kiosk touch-rule: {error}", file=sys.stderr)
        return 2
    if args.write is None:
        print(rule, end="")
        return 0
    try:
        args.write.write_text(rule, encoding="utf-8")
    except OSError as error:
        print(f"kiosk touch-rule: cannot write {args.write} ({error.strerror or error})", file=sys.stderr)
        return 1
    return 0


def _offscreen_app():
    """The Qt application the screens are drawn in, offscreen and in software:
    the same on a laptop, a server or CI."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])


def _screen_size(config, size: tuple[int, int] | None):
    from PySide6.QtCore import QSize

    width, height = size or (config.screen.width, config.screen.height)
    return QSize(width, height)


def _print_layout_report(lines, problems: dict[str, list], command: str) -> int:
    """Print what the layout rules found (with the lines of the texts); the number of problems."""
    from kiosk.tools.layout_rules import can_read_qr_codes
    from kiosk.tools.preview import layout_report

    report = layout_report(problems, lines)
    for line in report:
        print(line, file=sys.stderr)
    if not can_read_qr_codes():
        print(f"note: {command} did not read the QR codes (zxing-cpp is not installed; `make setup` installs it)",
              file=sys.stderr)
    if report:
        count = len(report)
        print(f"{count} layout problem{'s' if count != 1 else ''}: a visitor would see "
              f"{'these' if count != 1 else 'this'} on the screens named.", file=sys.stderr)
    else:
        print(f"layout: nothing clipped, overlapping or off the screen on {len(problems)} screens.")
    return len(report)


def cmd_preview(args: argparse.Namespace) -> int:
    loaded = _load(args.config)
    if loaded is None:
        return 1
    from kiosk.tools.preview import PORTRAIT_SHEET, render_preview

    config = loaded.config
    app = _offscreen_app()  # noqa: F841  (must exist while rendering)
    size = _screen_size(config, args.size)
    result = render_preview(config, args.out, size)
    print(f"wrote {len(result.written)} screens at {size.width()}x{size.height()}, controls.json and "
          f"{PORTRAIT_SHEET} (every portrait in every frame) to {args.out}")
    from kiosk.config.file_lines import file_lines

    broken = _print_layout_report(file_lines(config), result.problems, "kiosk preview")
    return 1 if broken and not args.report_only else 0


def cmd_hash_pin(args: argparse.Namespace) -> int:
    from kiosk.core.pin import hash_pin, new_pin_problem

    if args.stdin:
        # One line, for a setup script: `printf '%s\n' "$PIN" | kiosk hash-pin --stdin`.
        pin = sys.stdin.readline().rstrip("\n")
    elif not sys.stdin.isatty():
        print("kiosk hash-pin asks for the PIN twice at a terminal, and this is not one (input is piped or "
              "redirected). Run it in a terminal, or pass --stdin to read one PIN from the first line of input.",
              file=sys.stderr)
        return 2
    else:
        pin = getpass.getpass("New staff PIN: ")
    problem = new_pin_problem(pin)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    if not args.stdin and getpass.getpass("The same PIN again: ") != pin:
        print("The two PINs differ; nothing was changed. Run kiosk hash-pin again.", file=sys.stderr)
        return 1
    print("Paste this line into the staff: section of kiosk.yaml, replacing any pin_hash line there:", file=sys.stderr)
    print(f"  pin_hash: {hash_pin(pin)}")
    return 0


def cmd_service_unit(args: argparse.Namespace) -> int:
    from kiosk.runtime.service import systemd_unit

    print(systemd_unit(python=sys.executable, config=args.config.resolve(), user=args.user), end="")
    if args.heartbeat or args.textfile:
        from kiosk.runtime.service import heartbeat_units

        units = heartbeat_units(python=sys.executable, user=args.user, url=args.heartbeat,
                                textfile_dir=args.textfile.resolve() if args.textfile else None)
        try:
            for name, text in units.items():
                (args.unit_dir / name).write_text(text, encoding="utf-8")
        except OSError as error:
            print(f"kiosk service-unit: cannot write {args.unit_dir / name} ({error.strerror or error})",
                  file=sys.stderr)
            return 1
        print(f"Wrote {', '.join(str(args.unit_dir / name) for name in units)}; start the heartbeat with: "
              f"systemctl daemon-reload && systemctl enable --now {name}", file=sys.stderr)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    # The start-up child is timed: it loads the config once, as `kiosk run` does.
    if not args.startup_child and _load(args.config) is None:
        return 1
    # --rest sets each display path's own; the children get theirs from the parent.
    if not (args.display or args.rest or args.rest_child or args.startup_child):
        # Offscreen and software rendering, as cmd_preview: the same on any machine.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ.setdefault("QT_QUICK_BACKEND", "software")
    from kiosk.tools.bench import run

    return run(args)


def cmd_system_packages(args: argparse.Namespace) -> int:
    from kiosk.ui.shell.system import missing_debian_packages

    print(" ".join(missing_debian_packages()))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    # args.config is accepted like everywhere else; the statistics live in the
    # state folder, which the config does not name (yet).
    from kiosk.runtime.paths import StateDirError, state_dir
    from kiosk.runtime.stats import DATABASE_NAME
    from kiosk.runtime.stats_report import ReportError, format_table, merge, parse_date, read_database, to_csv

    try:
        since = parse_date(args.since) if args.since else None
        until = parse_date(args.until) if args.until else None
    except ValueError as error:
        print(f"kiosk stats: {error}", file=sys.stderr)
        return 2
    try:
        if args.merge:
            summaries = merge(args.merge, since, until)
        else:
            database = state_dir() / DATABASE_NAME
            if database.exists():
                summaries = read_database(database, since, until)
            else:
                print(f"No statistics recorded yet ({database} does not exist).", file=sys.stderr)
                summaries = []
    except (ReportError, StateDirError) as error:
        print(error, file=sys.stderr)
        return 1
    print(to_csv(summaries) if args.csv else format_table(summaries), end="")
    return 0


class _VersionAction(argparse.Action):
    """`kiosk --version`: the version pip installed (pyproject.toml's). Looked
    up only when asked: importing importlib.metadata slows every start
    (docs/performance.md)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        from kiosk.runtime.health import kiosk_version

        print(f"{parser.prog} {kiosk_version()}")
        parser.exit()


def cmd_status(args: argparse.Namespace) -> int:
    from kiosk.runtime.paths import state_dir_path
    from kiosk.tools.status import status_command

    state = args.state or state_dir_path()
    try:
        text, code = status_command(state, as_json=args.json, now=dt.datetime.now(), prometheus=args.prometheus)
    except OSError as error:
        print(f"kiosk status: cannot write {args.prometheus} ({error.strerror or error})", file=sys.stderr)
        return 2
    print(text, end="")
    if args.post:
        from kiosk.tools.heartbeat import PostError, post_status

        body = text if args.json and not args.prometheus == "-" else status_command(
            state, as_json=True, now=dt.datetime.now())[0]
        try:
            post_status(args.post, body, healthy=code == 0)
        except PostError as error:
            print(f"kiosk status: the status was not sent: {error}", file=sys.stderr)
            return 2
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="The touchscreen kiosk beside the 'Unbreakable' installation."
    )
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def with_config(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument(
            "--config",
            type=Path,
            default=DEFAULT_CONFIG,
            metavar="PATH",
            help="the kiosk.yaml to use (default: config/kiosk.yaml of this checkout)",
        )
        return sub

    run = with_config(commands.add_parser("run", help="show the kiosk full-screen"))
    run.add_argument(
        "--windowed", action="store_true", help="in a normal window, for development"
    )
    run.set_defaults(handler=cmd_run)

    cage = with_config(commands.add_parser("cage", help="start cage with the kiosk in it, as the unit does"))
    cage.set_defaults(handler=cmd_cage)

    touch = with_config(commands.add_parser(
        "touch-rule", help="print the udev rule that turns the touchscreen with screen.panel_turned"))
    touch.add_argument("--output", metavar="NAME",
                       help="the screen's connector, e.g. HDMI-A-1 (default: the connected one screen.index names)")
    touch.add_argument("--write", type=Path, metavar="FILE", help="write the rule to FILE instead of printing it")
    touch.set_defaults(handler=cmd_touch_rule)

    check = with_config(commands.add_parser("check", help="check the config and content files"))
    check.add_argument(
        "--strict",
        action="store_true",
        help="exit with 1 on warnings too (e.g. a fact due for review), for a content repository's own checks",
    )
    check.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD",
        help="check as on that day (default: today), e.g. the opening day of a showing: will the facts still be fresh?",
    )
    check.add_argument(
        "--layout",
        action="store_true",
        help="also draw every screen (offscreen, no files written) and check that nothing is clipped, "
        "overlaps or is off the screen and every QR code reads (as kiosk preview does)",
    )
    check.set_defaults(handler=cmd_check)

    preview = with_config(
        commands.add_parser("preview", help="draw every screen in every language to PNG files")
    )
    preview.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the PNGs")
    preview.add_argument(
        "--size", type=_size, metavar="WxH", help="window size, e.g. 1080x1920 (default: from the config)"
    )
    preview.add_argument(
        "--report-only",
        action="store_true",
        help="exit with 0 even when a screen has a layout problem (they are still listed)",
    )
    preview.set_defaults(handler=cmd_preview)

    hash_pin = commands.add_parser(
        "hash-pin", help="ask for a staff PIN and print the line for kiosk.yaml (only a salted hash of it)"
    )
    hash_pin.add_argument(
        "--stdin", action="store_true",
        help="read one PIN (at least 6 digits) from the first line of input instead of asking twice at a terminal",
    )
    hash_pin.set_defaults(handler=cmd_hash_pin)

    unit = with_config(
        commands.add_parser("service-unit", help="print the systemd unit that starts this kiosk at boot")
    )
    unit.add_argument("--user", default="kiosk", help="the user the kiosk runs as (default: kiosk)")
    unit.add_argument("--heartbeat", metavar="URL",
                      help="also write an opt-in timer that posts `kiosk status --json` to URL every 5 minutes")
    unit.add_argument("--textfile", type=Path, metavar="DIR",
                      help="also write a timer that keeps the figures for node_exporter's textfile collector in DIR")
    unit.add_argument("--unit-dir", type=Path, default=Path("/etc/systemd/system"), metavar="DIR",
                      help="where the timer and its service are written (default: /etc/systemd/system)")
    unit.set_defaults(handler=cmd_service_unit)

    stats = with_config(
        commands.add_parser("stats", help="print the visitor counts per day (counts only, nothing about one visitor)")
    )
    stats.add_argument("--since", metavar="YYYY-MM-DD", help="from this day on")
    stats.add_argument("--until", metavar="YYYY-MM-DD", help="up to and including this day")
    stats.add_argument("--csv", action="store_true", help="one CSV row per day, for a spreadsheet")
    stats.add_argument(
        "--merge",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="add up these --csv exports or stats.db files (several kiosks) instead of this kiosk's",
    )
    stats.set_defaults(handler=cmd_stats)

    status = commands.add_parser(
        "status", help="say whether the kiosk is well and what it shows (exit 1 if not well), from its state folder"
    )
    status.add_argument(
        "--state", type=Path, metavar="DIR",
        help="the state folder to read, e.g. a copy (default: the kiosk's own, as `kiosk run` uses)",
    )
    status.add_argument("--json", action="store_true", help="the figures as JSON, for a monitoring system")
    status.add_argument(
        "--prometheus", metavar="FILE",
        help="the figures in Prometheus' text format, written whole to FILE (for node_exporter's textfile "
        "collector), or printed instead with -",
    )
    status.add_argument(
        "--post",
        metavar="URL",
        help="also send the JSON to URL (what the opt-in heartbeat timer runs); exit 2 if not sent",
    )
    status.set_defaults(handler=cmd_status)

    bench = with_config(
        commands.add_parser("bench", help="measure start-up, frame times, taps and memory on this machine")
    )
    bench.add_argument(
        "--size", type=_size, metavar="WxH", help="window size, e.g. 1080x1920 (default: from the config)"
    )
    bench.add_argument(
        "--soak", type=int, metavar="N", help="navigations for the memory growth (default 2000; --quick 200)"
    )
    bench.add_argument("--json", action="store_true", help="print the figures as JSON")
    bench.add_argument("--quick", action="store_true", help="fewer runs, for CI (a minute, not several)")
    bench.add_argument(
        "--display", action="store_true", help="on this machine's display and renderer, not offscreen software"
    )
    bench.add_argument(
        "--rest",
        action="store_true",
        help="only CPU at rest per screen, offscreen and on an Xvfb (OpenGL and software)",
    )
    # A fresh `kiosk run --windowed` that also says when its portraits show: bench's start-up runs.
    bench.add_argument("--startup-child", action="store_true", help=argparse.SUPPRESS)
    # One display path's CPU at rest, in the environment --rest gives it.
    bench.add_argument("--rest-child", action="store_true", help=argparse.SUPPRESS)
    bench.add_argument("--rest-seconds", type=float, default=5.0, help=argparse.SUPPRESS)
    bench.add_argument("--server-pid", type=int, help=argparse.SUPPRESS)
    bench.set_defaults(handler=cmd_bench)

    packages = commands.add_parser(
        "system-packages",
        help="print the Debian packages Qt still needs to open a window on this machine",
    )
    packages.set_defaults(handler=cmd_system_packages)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        args = build_parser().parse_args(["run", *(argv or sys.argv[1:])])
    if not (args.handler is cmd_run or args.command == "bench" and args.startup_child):
        # A kiosk turns the garbage collector back on at its first frame; any other command now.
        settle_after_start()
    if args.handler is not cmd_run:  # the running kiosk sets up its own logs
        logging.basicConfig(level=logging.INFO, format="kiosk: %(message)s")
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
