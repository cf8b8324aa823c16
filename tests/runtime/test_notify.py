"""systemd notifications over a real AF_UNIX datagram socket."""

from __future__ import annotations

import logging
import os
import socket
import uuid

import pytest

from kiosk.runtime.notify import SystemdNotifier, watchdog_interval_s


@pytest.fixture
def systemd_socket(tmp_path):
    """A datagram socket standing in for systemd's, bound to a path in tmp_path."""
    path = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(str(path))
        listener.settimeout(5)
        yield path, listener


def received(listener: socket.socket) -> str:
    return listener.recv(4096).decode("utf-8")


def test_no_socket_in_the_environment_means_no_notifier():
    assert SystemdNotifier.from_environment({}) is None
    assert SystemdNotifier.from_environment({"NOTIFY_SOCKET": ""}) is None


def test_each_message_is_one_datagram_on_a_path_socket(systemd_socket):
    path, listener = systemd_socket
    notifier = SystemdNotifier.from_environment({"NOTIFY_SOCKET": str(path)})
    notifier.ready()
    notifier.watchdog()
    notifier.status("showing the overview\nin Swedish")
    notifier.stopping()
    notifier.close()
    assert [received(listener) for _ in range(4)] == [
        "READY=1",
        "WATCHDOG=1",
        "STATUS=showing the overview in Swedish",
        "STOPPING=1",
    ]


def test_an_at_sign_names_an_abstract_socket():
    name = f"kiosk-test-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind("\0" + name)
        listener.settimeout(5)
        notifier = SystemdNotifier.from_environment({"NOTIFY_SOCKET": "@" + name})
        notifier.status("Språk: svenska")
        notifier.close()
        assert received(listener) == "STATUS=Språk: svenska"


def test_a_missing_systemd_is_logged_once_and_never_raises(tmp_path, caplog):
    notifier = SystemdNotifier.from_environment({"NOTIFY_SOCKET": str(tmp_path / "gone.sock")})
    with caplog.at_level(logging.WARNING, logger="kiosk.runtime.notify"):
        notifier.ready()
        notifier.watchdog()
        notifier.watchdog()
    notifier.close()
    assert len(caplog.records) == 1
    assert caplog.records[0].getMessage().startswith("cannot notify systemd (No such file or directory)")


def test_a_socket_that_is_neither_path_nor_abstract_is_refused_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.runtime.notify"):
        assert SystemdNotifier.from_environment({"NOTIFY_SOCKET": "vsock:2:1234"}) is None
    assert "vsock:2:1234" in caplog.text


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({"WATCHDOG_USEC": "30000000"}, 15.0),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}, 15.0),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid() + 1)}, None),
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "soon"}, None),
        ({"WATCHDOG_USEC": "-5"}, None),
        ({"WATCHDOG_USEC": "500000"}, 0.25),
    ],
)
def test_watchdog_interval_is_half_the_timeout_when_it_is_ours(environ, expected):
    assert watchdog_interval_s(environ) == expected
