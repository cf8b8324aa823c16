"""`kiosk` and `python -m kiosk`: where the process starts."""

import sys

from kiosk.runtime.heap import pause_collection
from kiosk.runtime.stop_signals import exit_now, stop_at_any_moment


def main() -> int:
    kiosk_run = sys.argv[1:2] == ["run"]
    if kiosk_run:
        stop_at_any_moment()  # systemd may stop the kiosk while it is still importing
    pause_collection()  # until the kiosk is up, or the command turns out to be another
    from kiosk.cli import main as run_command

    code = run_command()
    if kiosk_run:
        exit_now(code)  # everything is written and released: a late SIGTERM must not end it "killed"
    return code


if __name__ == "__main__":
    sys.exit(main())
