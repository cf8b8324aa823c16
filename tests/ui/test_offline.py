"""The kiosk opens no network connection: not from QML, not from Qt's C++ side,
not from Python, during a whole visitor's session."""

from __future__ import annotations

import os
import re
import socket
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QtMsgType, QUrl
from PySide6.QtNetwork import QNetworkRequest
from PySide6.QtQml import QQmlComponent

from kiosk.ui.shell.offline import RefusingNetworkAccessManager

from tests.ui.helpers import find, is_shown, tap

REFUSAL = r'Protocol "kiosk-offline" is unknown'
QUIET_PERIOD_MS = 2000  # long enough for a connection to 127.0.0.1 to arrive

# --------------------------------------------------------------------------
# A listening server that counts who connects


class CountingServer:
    """A TCP server on 127.0.0.1 (an ephemeral port) that accepts and counts."""

    def __init__(self):
        self.connections = 0
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.05)
        self.port = self._socket.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="counting-server", daemon=True)

    def __enter__(self) -> CountingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()
        self._socket.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()


# --------------------------------------------------------------------------
# Who opens an internet socket: Python's audit events and the kernel's tables


class SocketAudit:
    """Records every socket.* audit event on an IPv4/IPv6 socket while
    `recording`. An audit hook cannot be removed, so it is added once and
    does nothing while not recording."""

    INET_FAMILIES = (socket.AF_INET, socket.AF_INET6)

    def __init__(self):
        self.recording = False
        self.events: list[tuple[str, tuple]] = []
        sys.addaudithook(self._hook)

    def _hook(self, event: str, args: tuple) -> None:
        if not self.recording or not event.startswith("socket."):
            return
        if event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"):
            self.events.append((event, args))  # a name lookup is network traffic already
            return
        family = args[1] if event == "socket.__new__" else getattr(args[0] if args else None, "family", None)
        if family in self.INET_FAMILIES:
            self.events.append((event, args))


_audit: SocketAudit | None = None


@pytest.fixture
def socket_audit() -> SocketAudit:
    global _audit
    if _audit is None:
        _audit = SocketAudit()
    _audit.events.clear()
    return _audit


def _table_inodes(name: str) -> set[str]:
    table = Path("/proc/self/net") / name
    if not table.exists():  # no IPv6 in this kernel, say
        return set()
    rows = table.read_text().splitlines()[1:]
    return {row.split()[9] for row in rows}  # the 10th column is the socket's inode


def open_inet_sockets() -> set[str]:
    """Inodes of this process's open TCP/UDP sockets (IPv4 and IPv6), whoever
    opened them: Python, Qt's C++ code or a library."""
    inet = set().union(*(_table_inodes(name) for name in ("tcp", "tcp6", "udp", "udp6")))
    ours = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # closed meanwhile
            continue
        match = re.fullmatch(r"socket:\[(\d+)\]", target)
        if match:
            ours.add(match.group(1))
    return ours & inet


# --------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.qt_log_ignore(REFUSAL)
def test_a_qml_image_from_the_network_fails_without_connecting(qtbot, kiosk, qtlog, caplog):
    with CountingServer() as server:
        url = f"http://127.0.0.1:{server.port}/x.png"
        component = QQmlComponent(kiosk.engine)
        component.setData(
            b"import QtQuick\n"
            b"Image { property bool failed: status === Image.Error; source: '%s' }" % url.encode(),
            QUrl(),
        )
        image = component.create()
        assert image is not None, component.errorString()
        qtbot.waitUntil(lambda: image.property("failed"))
        qtbot.wait(QUIET_PERIOD_MS)
        assert image.property("progress") == 0.0
        image.deleteLater()
    assert server.connections == 0

    qml_warnings = [r.message for r in qtlog.records if r.type == QtMsgType.QtWarningMsg]
    assert qml_warnings, "the failed image must say why"
    assert all(re.search(REFUSAL, message) for message in qml_warnings), qml_warnings
    assert [r.getMessage() for r in caplog.records if r.name == "kiosk.ui.shell.offline"] == [
        f"refused network request to {url}: the kiosk works offline"
    ]


def test_a_file_on_another_computer_is_network_too(kiosk_app, caplog):
    """file://fileserver/share/... is a network share, not this disk: refused
    like http, while a file on this computer is read."""
    manager = RefusingNetworkAccessManager()
    local = QUrl.fromLocalFile(str(Path(__file__)))
    for url in (QUrl("file://fileserver/share/portrait.jpg"), local, QUrl("file://localhost" + local.path())):
        manager.get(QNetworkRequest(url)).deleteLater()
    assert [r.getMessage() for r in caplog.records if r.name == "kiosk.ui.shell.offline"] == [
        "refused network request to file://fileserver/share/portrait.jpg: the kiosk works offline"
    ]


def test_the_detectors_see_a_real_connection(socket_audit):
    """The checks below can fail: a socket to the local server is seen by both."""
    before = open_inet_sockets()
    with CountingServer() as server:
        during_server = open_inet_sockets()
        socket_audit.recording = True
        try:
            with socket.create_connection(("127.0.0.1", server.port)):
                connected = open_inet_sockets()
        finally:
            socket_audit.recording = False
    assert len(during_server - before) == 1  # the listening socket
    assert len(connected - during_server) >= 1
    assert "socket.connect" in [event for event, _ in socket_audit.events]


@pytest.mark.slow
def test_a_whole_visitor_session_opens_no_network_socket(qtbot, kiosk, socket_audit):
    window = kiosk.window
    before = open_inet_sockets()
    seen: set[str] = set()

    def step(name: str) -> None:
        tap(qtbot, window, find(window, name))
        qtbot.wait(50)
        seen.update(open_inet_sockets())

    socket_audit.recording = True
    try:
        step("attractScreen")
        qtbot.waitUntil(lambda: is_shown(window, "overviewScreen"))
        for index in range(kiosk.state.personCount):
            step(f"personCard{index}")
            qtbot.waitUntil(lambda: is_shown(window, "personScreen"))
            step("nextButton")
            step("previousButton")
            step("language_en")
            step("language_sv")
            step("backButton")
            qtbot.waitUntil(lambda: is_shown(window, "overviewScreen"))
        step("language_en")
    finally:
        socket_audit.recording = False

    assert kiosk.state.language == "en"
    assert socket_audit.events == []
    assert seen <= before, f"internet sockets opened during the session: {seen - before}"
    assert open_inet_sockets() == before
