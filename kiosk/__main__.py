"""`kiosk` and `python -m kiosk`: where the process starts."""

import sys

from kiosk.runtime.heap import pause_collection


def main() -> int:
    pause_collection()  # until the kiosk is up, or the command turns out to be another
    from kiosk.cli import main as run_command

    return run_command()


if __name__ == "__main__":
    sys.exit(main())
