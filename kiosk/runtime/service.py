"""The systemd unit that starts the kiosk at boot, full screen inside cage.

cage is a Wayland compositor that shows one program full screen and nothing
else: no desktop, no task bar, and no switching to a text console with
Ctrl+Alt+F2 (cage allows that only with -s, which is never passed). The unit
starts `kiosk cage`, which starts cage with the picture turned as kiosk.yaml's
screen.panel_turned says (kiosk.runtime.display.cage_command), the kiosk inside it."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from urllib.parse import urlsplit

SERVICE_NAME = "unbreakable-kiosk"
CAGE = "/usr/bin/cage"
TTY = "tty1"
STATE_DIR = Path("/var/lib") / SERVICE_NAME
WATCHDOG_S = 30
RESTART_DELAY_S = 2
# The kiosk exits with this when staff choose "exit to the desktop"; the unit
# tells systemd not to restart it then. (64 is EX_USAGE in sysexits.h, but no
# other part of the kiosk exits with it.)
STAFF_EXIT_CODE = 64
# Both units: no kernel settings, modules, kernel log, control groups, clock or host name.
_NO_KERNEL_OR_CLOCK = """\
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes"""


def systemd_unit(*, python: str, config: Path, user: str) -> str:
    """The text of unbreakable-kiosk.service for this install.

    python and config must be absolute: systemd starts the kiosk from /.
    The state folder is systemd's StateDirectory, STATE_DIR, the one place the
    kiosk may write."""
    _require_absolute(python=Path(python), config=config)
    if not user or any(c.isspace() for c in user):
        raise ValueError(f"the user name {user!r} is not a valid user name")
    command = " ".join(_quote(arg) for arg in [python, "-m", "kiosk", "cage", "--config", str(config)])
    return f"""\
# {SERVICE_NAME}.service: the Unbreakable kiosk, full screen on {TTY} at boot.
#
# Installed by scripts/install-kiosk-pc, or by hand, as root:
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
#
# Sandbox: the kiosk needs no network and writes only {STATE_DIR}, so the
# settings below take everything else away; check with
#   systemd-analyze security {SERVICE_NAME}
# cage needs three things from the machine, and each setting says which of them
# it would break if changed: the seat (a login session and D-Bus to logind,
# which opens the screen and input devices for cage and hands it their file
# descriptors), the devices' names and events (/dev, /sys, /run/udev, netlink),
# and the GPU's render node for the kiosk's own drawing.

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
# cage is the main process (`kiosk cage` becomes cage); the kiosk, its child,
# sends the notifications.
NotifyAccess=all
# systemd names cage in $WATCHDOG_PID; the kiosk inherits it and would think
# the watchdog is not its own. Without it the kiosk sends the keep-alives.
UnsetEnvironment=WATCHDOG_PID
# Not root, and not the owner of its code (installed by root): a kiosk that
# misbehaves cannot change what runs at the next start.
User={user}
# A login session on {TTY} gives cage the seat: screen, touch and keyboard.
# Without PAMName logind gives cage no seat and cage exits at once.
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
# The state folder: logs, statistics, the last good config. systemd creates it
# for {user} ({STATE_DIR}) and keeps it across upgrades.
StateDirectory={SERVICE_NAME}
StateDirectoryMode=0700
Environment=KIOSK_STATE_DIR={STATE_DIR}
# Qt's and fontconfig's caches would go to the home folder, which is read-only
# here: they go into the state folder instead.
Environment=XDG_CACHE_HOME={STATE_DIR}/cache
ExecStart={command}
Restart=always
RestartSec={RESTART_DELAY_S}
RestartPreventExitStatus={STAFF_EXIT_CODE}
WatchdogSec={WATCHDOG_S}

# --- Files ---
# The whole system read-only: /usr, /etc (the content folder too: the kiosk
# only reads it) and everything else; only the state folder is writable.
ProtectSystem=strict
# Home folders hidden. Not ProtectHome=: it hides /run/user too, where cage
# makes its Wayland socket, and cage would exit.
InaccessiblePaths=-/home -/root
# cage's runtime folder (/run/user/<uid>, made by the login session) stays
# writable: its Wayland socket goes there.
ReadWritePaths=/run/user
# Mounts made inside stay inside.
PrivateMounts=yes
# Its own empty /tmp and /var/tmp, gone when it stops.
PrivateTmp=yes
# Files it makes are its own only.
UMask=0077
# Other users' processes are invisible in /proc.
ProtectProc=invisible
# No kernel settings, modules, kernel log, control groups, clock or host name.
{_NO_KERNEL_OR_CLOCK}

# --- Devices ---
# Only the devices named here: the console, the screens (DRM: cage's outputs,
# and the GPU's render node the kiosk draws with) and input (touch, keys).
# Not PrivateDevices=yes: it hides /dev/dri and /dev/input, and cage could not
# name the devices it asks logind to open.
DevicePolicy=closed
DeviceAllow=/dev/{TTY} rw
DeviceAllow=char-drm rw
DeviceAllow=char-input rw

# --- Network ---
# The kiosk promises to work offline and sends nothing anywhere; the OS holds
# it to that: no IP traffic at all, and only Unix sockets (cage's Wayland
# socket, D-Bus to logind) and netlink (udev's device announcements: without
# them a touchscreen plugged in again is not seen, and cage does not start).
# Not PrivateNetwork=yes: a private network namespace hides udev's
# announcements too.
IPAddressDeny=any
RestrictAddressFamilies=AF_UNIX AF_NETLINK

# --- Privileges ---
# No capabilities at all, and none to gain (no set-uid programs).
CapabilityBoundingSet=
AmbientCapabilities=
NoNewPrivileges=yes
RestrictSUIDSGID=yes
# No new namespaces, real-time scheduling, personality changes, own keyrings.
RestrictNamespaces=yes
RestrictRealtime=yes
LockPersonality=yes
KeyringMode=private
RemoveIPC=yes
# Only the system calls an ordinary service makes, for this machine's
# architecture, less those that need a capability (it has none, so they would
# fail anyway). A refused call fails with EPERM instead of killing the kiosk.
# Not MemoryDenyWriteExecute=yes: Qt's QML engine and Mesa's software renderer
# make machine code at run time, and the kiosk would crash.
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallFilter=~@privileged
SystemCallErrorNumber=EPERM

[Install]
WantedBy=graphical.target
"""


def _ip_literal(url: str) -> str | None:
    """The IP address a URL names its server by, or None for a host name."""
    try:
        return str(ipaddress.ip_address(urlsplit(url).hostname or ""))
    except ValueError:
        return None


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


HEARTBEAT_NAME = f"{SERVICE_NAME}-heartbeat"
HEARTBEAT_EVERY = "5min"
PROMETHEUS_FILE = "unbreakable_kiosk.prom"  # node_exporter's textfile collector reads *.prom


def heartbeat_units(
    *, python: str, user: str, url: str | None = None, textfile_dir: Path | None = None
) -> dict[str, str]:
    """The opt-in timer and the service it starts: `kiosk status` every
    HEARTBEAT_EVERY, its JSON posted to `url` and/or its figures written for
    Prometheus into `textfile_dir`. File name -> text.

    The kiosk's own unit keeps IPAddressDeny=any; only this small service,
    which reads the state folder and nothing else, may reach the network, and
    only when a URL is given."""
    _require_absolute(python=Path(python), **({"textfile_dir": textfile_dir} if textfile_dir else {}))
    if url is None and textfile_dir is None:
        raise ValueError("a heartbeat needs a URL to post to, a folder for Prometheus, or both")
    if url is not None and not url.startswith(("http://", "https://")):
        raise ValueError(f"{url!r} is not an http:// or https:// address")
    arguments = [python, "-m", "kiosk", "status", "--state", str(STATE_DIR), "--json"]
    if url is not None:
        arguments += ["--post", url]
    if textfile_dir is not None:
        arguments += ["--prometheus", str(textfile_dir / PROMETHEUS_FILE)]
    what = " and ".join(
        part for part in (f"posts it to {url}" if url else "", f"writes it for Prometheus into {textfile_dir}"
                          if textfile_dir else "") if part
    )
    if url is not None and (address := _ip_literal(url)):
        network = f"""\
# --- Network ---
# Only this service may reach the network, and only {address}, to post the status.
IPAddressDeny=any
IPAddressAllow={address}
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6"""
    elif url is not None:
        network = """\
# --- Network ---
# Only this service may reach the network, to post the status. The server's
# name is looked up at each post (its address may change), so no address is
# pinned here; write the URL with an IP address to pin it.
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6"""
    else:
        network = """\
# --- Network ---
# No URL was given: no network at all.
IPAddressDeny=any
RestrictAddressFamilies=AF_UNIX"""
    writable = f"ReadWritePaths={_quote(str(textfile_dir))}" if textfile_dir else "# Nothing is written."
    service = f"""\
# {HEARTBEAT_NAME}.service: reads how the kiosk is (kiosk status) and {what}.
# Started by {HEARTBEAT_NAME}.timer; opt-in (kiosk service-unit --heartbeat URL).
# Journal: journalctl -u {HEARTBEAT_NAME}

[Unit]
Description=Unbreakable kiosk: send its status ({HEARTBEAT_EVERY})
After=network-online.target
Wants=network-online.target

[Service]
Type=oneshot
User={user}
ExecStart={" ".join(_quote(arg) for arg in arguments)}
# kiosk status exits 1 when the kiosk is not well (said in the status it
# sends); only 2, the status not sent or written, is this service's failure.
SuccessExitStatus=1
# What it sent is not repeated in the journal every few minutes; errors are.
StandardOutput=null
TimeoutStartSec=60
Nice=10

# --- Files ---
# Everything read-only: it only reads the kiosk's state folder.
ProtectSystem=strict
{writable}
InaccessiblePaths=-/home -/root
PrivateTmp=yes
PrivateDevices=yes
ProtectProc=invisible
{_NO_KERNEL_OR_CLOCK}

{network}

# --- Privileges ---
CapabilityBoundingSet=
NoNewPrivileges=yes
RestrictSUIDSGID=yes
RestrictNamespaces=yes
RestrictRealtime=yes
LockPersonality=yes
MemoryDenyWriteExecute=yes
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallFilter=~@privileged
SystemCallErrorNumber=EPERM
"""
    timer = f"""\
# {HEARTBEAT_NAME}.timer: runs {HEARTBEAT_NAME}.service every {HEARTBEAT_EVERY}.
# Off unless enabled: systemctl enable --now {HEARTBEAT_NAME}.timer

[Unit]
Description=Unbreakable kiosk: send its status every {HEARTBEAT_EVERY}

[Timer]
OnBootSec=2min
OnUnitActiveSec={HEARTBEAT_EVERY}
# Not all kiosks of a fleet at the same second.
RandomizedDelaySec=30s

[Install]
WantedBy=timers.target
"""
    return {f"{HEARTBEAT_NAME}.service": service, f"{HEARTBEAT_NAME}.timer": timer}
