"""cerapi.testing: the Simulator wrapper, the pytest fixture and ``serve``."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
from typing import IO, Iterator, List

import pytest

from cerapi import AuthenticationError, Client
from cerapi.testing import Simulator

SERVE_START_LINES = 8


def test_fixture_runs_http_simulator(cer_simulator: Simulator) -> None:
    assert cer_simulator.running is True
    assert cer_simulator.tls is False
    assert cer_simulator.url == f"http://127.0.0.1:{cer_simulator.port}"
    assert cer_simulator.username == "cerapi"
    assert cer_simulator.password == "cerapi"
    assert cer_simulator.ca_pem is None
    assert cer_simulator.ca_file is None


def test_simulator_stops_after_with_block(unused_port: int) -> None:
    with Simulator(port=unused_port) as simulator:
        assert simulator.port == unused_port
        with simulator.client() as client:
            assert client.users.get("admin").user_name == "admin"

    assert simulator.running is False


def test_custom_accounts() -> None:
    accounts = {"ops": "Ops-Pa55", "audit": "Audit-Pa55"}

    with Simulator(accounts=accounts) as simulator:
        assert simulator.username == "ops"
        assert simulator.password == "Ops-Pa55"
        assert simulator.accounts == accounts
        with simulator.client(username="audit", password="Audit-Pa55") as client:
            assert len(client.users.list()) == 3
        with simulator.client(username="cerapi", password="cerapi") as client:
            with pytest.raises(AuthenticationError):
                client.users.list()


def test_unseeded_simulator_has_no_users() -> None:
    with Simulator(seed=False) as simulator, simulator.client() as client:
        assert client.users.list() == []


def test_requests_log_and_reset(cer_simulator: Simulator, sync_client: Client) -> None:
    sync_client.users.list()
    sync_client.users.get("admin")
    sync_client.users.delete("TestUserCERTeamLocal_662")

    assert cer_simulator.requests() == [
        ("GET", "/cerappservices/service/user/"),
        ("GET", "/cerappservices/service/user?userName=admin"),
        ("DELETE", "/cerappservices/service/user?userName=TestUserCERTeamLocal_662"),
    ]

    cer_simulator.reset()

    assert cer_simulator.requests() == []
    assert sync_client.users.get("TestUserCERTeamLocal_662").is_standard is False


def test_reset_clears_injections(cer_simulator: Simulator, sync_client: Client) -> None:
    cer_simulator.inject("GET", "/cerappservices/service/user/", status=500, body="", times=5)

    cer_simulator.reset()

    assert len(sync_client.users.list()) == 3


def test_tls_ca_file_removed_on_stop() -> None:
    simulator = Simulator(tls=True).start()
    ca_file = simulator.ca_file
    assert ca_file is not None
    assert pathlib.Path(ca_file).is_file()

    simulator.stop()

    assert not pathlib.Path(ca_file).exists()
    assert simulator.ca_file is None


def test_client_requires_running_simulator() -> None:
    simulator = Simulator()

    with pytest.raises(RuntimeError, match="not running"):
        simulator.client()


def test_empty_accounts_rejected() -> None:
    with pytest.raises(ValueError, match="accounts"):
        Simulator(accounts={})


def _read_lines_until(stream: IO[str], marker: str) -> List[str]:
    lines: List[str] = []
    for _ in range(SERVE_START_LINES):
        line = stream.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if marker in line:
            break
    return lines


@pytest.fixture
def serve_process(unused_port: int) -> Iterator[subprocess.Popen[str]]:
    """``python -m cerapi.testing serve`` with TLS and one account, terminated afterwards."""
    command = [
        sys.executable,
        "-m",
        "cerapi.testing",
        "serve",
        "--port",
        str(unused_port),
        "--tls",
        "--account",
        "tester:Serve-Pa55",
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ)
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
        process.communicate(timeout=30)


def test_serve_command_serves(serve_process: subprocess.Popen[str], unused_port: int) -> None:
    assert serve_process.stdout is not None
    lines = _read_lines_until(serve_process.stdout, "Ctrl-C")
    output = "\n".join(lines)

    assert f"https://127.0.0.1:{unused_port}" in output
    assert "tester" in output
    assert "Serve-Pa55" not in output
    ca_lines = [line for line in lines if line.startswith("CA file: ")]
    assert len(ca_lines) == 1
    ca_file = ca_lines[0].removeprefix("CA file: ")
    assert pathlib.Path(ca_file).is_file()

    url = f"https://127.0.0.1:{unused_port}"
    with Client(url, "tester", "Serve-Pa55", verify=ca_file) as client:
        assert client.users.list()[0].user_name == "admin"

    serve_process.terminate()
    serve_process.communicate(timeout=30)
    assert serve_process.returncode == 0
    assert not pathlib.Path(ca_file).exists()


def test_serve_rejects_bad_account() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "cerapi.testing", "serve", "--account", "no-colon"],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert completed.returncode == 2
    assert "USER:PASSWORD" in completed.stderr
