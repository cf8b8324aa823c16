"""The systemd unit that starts the kiosk at boot, full screen inside cage.

cage is a Wayland compositor that shows one program full screen and nothing
else: no desktop, no task bar, and no switching to a text console with
Ctrl+Alt+F2 (cage allows that only with -s, which the unit does not pass)."""

from __future__ import annotations

from pathlib import Path

SERVICE_NAME = "unbreakable-kiosk"
CAGE = "/usr/bin/cage"
TTY = "tty1"
WATCHDOG_S = 30
RESTART_DELAY_S = 2
# The kiosk exits with this when staff choose "exit to the desktop"; the unit
# tells systemd not to restart it then. (64 is EX_USAGE in sysexits.h, but no
# other part of the kiosk exits with it.)
STAFF_EXIT_CODE = 64


def systemd_unit(*, python: str, config: Path, user: str, state_dir: Path | None = None) -> str:
    """The text of unbreakable-kiosk.service for this install.

    python and config must be absolute: systemd starts the kiosk from /.
    state_dir, if given, is passed as $KIOSK_STATE_DIR; otherwise the kiosk
    uses the user's state folder (~/.local/state/unbreakable-kiosk)."""
    _require_absolute(python=Path(python), config=config, **({"state_dir": state_dir} if state_dir else {}))
    if not user or any(c.isspace() for c in user):
        raise ValueError(f"the user name {user!r} is not a valid user name")
    command = " ".join(_quote(arg) for arg in [CAGE, "-d", "--", python, "-m", "kiosk", "run", "--config", str(config)])
    state = f"Environment={_quote(f'KIOSK_STATE_DIR={state_dir}')}\n" if state_dir else ""
    return f"""\
# {SERVICE_NAME}.service: the Unbreakable kiosk, full screen on {TTY} at boot.
#
# Install, as root:
#   kiosk service-unit > /etc/systemd/system/{SERVICE_NAME}.service
#   systemctl daemon-reload
#   systemctl set-default graphical.target
#   systemctl enable --now {SERVICE_NAME}
#
# The kiosk tells systemd when its first screen shows (Type=notify) and then
# every {WATCHDOG_S // 2} seconds that it is alive; if it freezes or crashes, systemd
# restarts it after {RESTART_DELAY_S} seconds. When staff choose "exit to the desktop" it
# exits with code {STAFF_EXIT_CODE} and stays stopped until the next boot or
# `systemctl start {SERVICE_NAME}`. Logs: journalctl -u {SERVICE_NAME}

[Unit]
Description=Unbreakable kiosk, full screen in cage
After=systemd-user-sessions.service systemd-logind.service plymouth-quit-wait.service getty@{TTY}.service
Wants=systemd-logind.service
# The kiosk takes the first console's screen instead of the login prompt.
Conflicts=getty@{TTY}.service
ConditionPathExists=/dev/{TTY}
# Never give up restarting: an unattended kiosk has no one to start it by hand.
StartLimitIntervalSec=0

[Service]
Type=notify
# cage is the main process; the kiosk, its child, sends the notifications.
NotifyAccess=all
# systemd names cage in $WATCHDOG_PID; the kiosk inherits it and would think
# the watchdog is not its own. Without it the kiosk sends the keep-alives.
UnsetEnvironment=WATCHDOG_PID
User={user}
# A login session on {TTY} gives cage the seat: screen, touch and keyboard.
PAMName=login
TTYPath=/dev/{TTY}
TTYReset=yes
TTYVHangup=yes
TTYVTDisallocate=yes
StandardInput=tty-fail
StandardOutput=journal
StandardError=journal
UtmpIdentifier={TTY}
UtmpMode=user
Environment=QT_QPA_PLATFORM=wayland
{state}ExecStart={command}
Restart=always
RestartSec={RESTART_DELAY_S}
RestartPreventExitStatus={STAFF_EXIT_CODE}
WatchdogSec={WATCHDOG_S}

[Install]
WantedBy=graphical.target
"""


def _require_absolute(**paths: Path) -> None:
    for name, path in paths.items():
        if not path.is_absolute():
            raise ValueError(f"{name} must be an absolute path, not {str(path)!r}")


def _quote(arg: str) -> str:
    """One command-line word as systemd reads it: % and $ are special there."""
    if "\n" in arg:
        raise ValueError(f"{arg!r}: a line break cannot appear in a systemd unit")
    escaped = arg.replace("%", "%%").replace("$", "$$")
    if any(c.isspace() or c in "\"'\\;" for c in escaped):
        return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return escaped
