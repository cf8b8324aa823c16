"""systemd's notification protocol (sd_notify), without the systemd package.

Each message is one datagram to the socket named in $NOTIFY_SOCKET. The kiosk
must keep showing its screens even if systemd is gone, so a failed send is
logged once and never raised."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)


class SystemdNotifier:
    """Sends READY, WATCHDOG, STOPPING and STATUS messages to systemd."""

    def __init__(self, address: str) -> None:
        self.address = address
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        # Never block the screen's thread if systemd stops reading.
        self._socket.setblocking(False)
        self._failure_logged = False

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> SystemdNotifier | None:
        """A notifier for $NOTIFY_SOCKET, or None when systemd did not ask for one."""
        value = environ.get("NOTIFY_SOCKET", "")
        if not value:
            return None
        if value.startswith("@"):
            # An abstract socket: no file, the name starts with a NUL byte.
            return cls("\0" + value[1:])
        if value.startswith("/"):
            return cls(value)
        log.warning("NOTIFY_SOCKET=%s is neither a path nor an abstract socket; not notifying systemd", value)
        return None

    def ready(self) -> None:
        """The first screen is showing: systemd counts the service as started."""
        self._send("READY=1")

    def watchdog(self) -> None:
        """Still alive: resets systemd's WatchdogSec= timer."""
        self._send("WATCHDOG=1")

    def stopping(self) -> None:
        self._send("STOPPING=1")

    def status(self, text: str) -> None:
        """One line for `systemctl status`."""
        self._send("STATUS=" + " ".join(text.split()))

    def close(self) -> None:
        self._socket.close()

    def _send(self, message: str) -> None:
        try:
            self._socket.sendto(message.encode("utf-8"), self.address)
        except OSError as error:
            if not self._failure_logged:
                self._failure_logged = True
                log.warning(
                    "cannot notify systemd (%s); the kiosk goes on, later failures are not logged",
                    error.strerror or error,
                )


def watchdog_interval_s(environ: Mapping[str, str] = os.environ) -> float | None:
    """How often to send WATCHDOG=1 (half of systemd's timeout), or None.

    None when no watchdog is set, or when $WATCHDOG_PID names another
    process (the variable was inherited, the watchdog is not ours)."""
    pid = environ.get("WATCHDOG_PID", "")
    if pid and pid != str(os.getpid()):
        return None
    usec = environ.get("WATCHDOG_USEC", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    return int(usec) / 2 / 1_000_000
