"""The opt-in heartbeat: its timer and service as systemd reads them, and the
status really posted to an HTTP server (on 127.0.0.1, in this test)."""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from kiosk.runtime.service import HEARTBEAT_NAME, heartbeat_units
from tests import test_status as prepared
from tests.runtime import test_service as service_tests

URL = "https://hc-ping.example.org/5f0c-kiosk-1"


def write_units(folder: Path, **options) -> list[Path]:
    paths = []
    for name, text in heartbeat_units(python=sys.executable, user="kiosk", **options).items():
        (folder / name).write_text(text)
        paths.append(folder / name)
    return paths


NODE_EXPORTER = Path("/var/lib/prometheus/node-exporter")


@pytest.mark.parametrize(
    "options",
    [
        {"url": URL},
        {"url": "http://[2001:db8::1]/ping"},
        {"textfile_dir": NODE_EXPORTER},
        {"url": URL, "textfile_dir": NODE_EXPORTER},
    ],
)
def test_systemd_accepts_the_timer_and_its_service(tmp_path, options):
    for path in write_units(tmp_path, **options):
        service_tests.assert_systemd_accepts(path)


def test_systemd_rates_the_heartbeats_sandbox_at_most_2_5_of_10(tmp_path):
    service, _ = write_units(tmp_path, url=URL)
    assert service_tests.exposure(service) <= 2.5


def test_only_a_heartbeat_with_a_url_may_use_the_network(tmp_path):
    with_url = service_tests.sections(heartbeat_units(python=sys.executable, user="kiosk", url=URL)
                                      [f"{HEARTBEAT_NAME}.service"])["Service"]
    assert with_url["RestrictAddressFamilies"] == ["AF_UNIX AF_INET AF_INET6"]
    assert "IPAddressDeny" not in with_url
    assert URL in with_url["ExecStart"][0].split()
    pinned = service_tests.sections(heartbeat_units(python=sys.executable, user="kiosk", url="http://192.0.2.7:8000/ping")
                                    [f"{HEARTBEAT_NAME}.service"])["Service"]
    assert pinned["IPAddressDeny"] == ["any"] and pinned["IPAddressAllow"] == ["192.0.2.7"]
    textfile_only = service_tests.sections(
        heartbeat_units(python=sys.executable, user="kiosk", textfile_dir=Path("/srv/prom"))[
            f"{HEARTBEAT_NAME}.service"
        ]
    )["Service"]
    assert textfile_only["IPAddressDeny"] == ["any"]
    assert textfile_only["RestrictAddressFamilies"] == ["AF_UNIX"]
    assert textfile_only["ReadWritePaths"] == ["/srv/prom"]


def test_the_kiosk_unit_itself_stays_offline():
    unit = service_tests.sections(service_tests.systemd_unit(python=service_tests.PYTHON, config=service_tests.CONFIG,
                                                             user="kiosk"))
    assert unit["Service"]["IPAddressDeny"] == ["any"]


@pytest.mark.parametrize("options", [{}, {"url": "ftp://example.org/x"}, {"url": URL + "\nExecStartPre=/bin/evil"}])
def test_heartbeats_that_would_do_nothing_or_harm_are_refused(options):
    with pytest.raises(ValueError):
        heartbeat_units(python=sys.executable, user="kiosk", **options)


class Receiver(BaseHTTPRequestHandler):
    received: list[tuple[str, dict, bytes]] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.path, dict(self.headers), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.process
def test_the_status_is_posted_as_json(tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    prepared.kiosk_started(state, dt.datetime.now() - dt.timedelta(hours=1), heartbeat_at=None)
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    server.timeout = 60  # handle_request gives up by itself
    receiving = threading.Thread(target=server.handle_request)
    receiving.start()
    try:
        run = subprocess.run(
            [sys.executable, "-m", "kiosk", "status", "--state", str(state), "--json",
             "--post", f"http://127.0.0.1:{server.server_port}/ping/kiosk-1"],
            capture_output=True, text=True, timeout=60,
        )
    finally:
        receiving.join(timeout=90)
        server.server_close()
    ((path, headers, body),) = Receiver.received
    assert path == "/ping/kiosk-1"
    assert headers["Content-Type"] == "application/json"
    sent = json.loads(body)
    assert sent == json.loads(run.stdout)  # what --json printed
    assert sent["version"] == "1.4.2" and sent["screen"] == "kiosk"
    # This test process stands for the kiosk; its heartbeat was never written, so it is not well.
    assert headers["X-Kiosk-Healthy"] == "no" and run.returncode == 1


@pytest.mark.process
def test_a_post_that_fails_is_exit_2_with_the_reason(tmp_path):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "status", "--state", str(tmp_path), "--post", f"http://127.0.0.1:{port}/"],
        capture_output=True, text=True, timeout=60,
    )
    assert run.returncode == 2
    assert f"the status was not sent: could not reach http://127.0.0.1:{port}/" in run.stderr


@pytest.mark.process
def test_service_unit_writes_the_heartbeat_beside_printing_the_kiosks_unit(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "service-unit", "--heartbeat", URL, "--textfile", str(tmp_path / "prom"),
         "--unit-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "[Service]" in run.stdout and "IPAddressDeny=any" in run.stdout  # the kiosk's own unit, as before
    assert sorted(path.name for path in tmp_path.glob("*-heartbeat.*")) == [
        f"{HEARTBEAT_NAME}.service", f"{HEARTBEAT_NAME}.timer",
    ]
    command = service_tests.sections((tmp_path / f"{HEARTBEAT_NAME}.service").read_text())["Service"]["ExecStart"][0]
    assert command.split()[-4:] == ["--post", URL, "--prometheus", f"{tmp_path}/prom/unbreakable_kiosk.prom"]
    assert f"systemctl enable --now {HEARTBEAT_NAME}.timer" in run.stderr
