"""``cerapi clusters add``, run in-process through main() against the simulator."""

from __future__ import annotations

import getpass
import io
import sys
from typing import List

import pytest

from cerapi.cli import main
from cerapi.testing import Simulator

CLUSTER_PATH = "/cerappservices/service/cluster"
CTI_PASSWORD = "Cli-Cti-Secret-31"
AXL_PASSWORD = "Cli-Axl-Secret-42"
AUTH_STRING_PUBLISHER = "Cli-Capf-Pub-53"
AUTH_STRING_SUBSCRIBER = "Cli-Capf-Sub-64"
SECRETS = [CTI_PASSWORD, AXL_PASSWORD, AUTH_STRING_PUBLISHER, AUTH_STRING_SUBSCRIBER]

FULL_ADD = [
    "clusters",
    "add",
    "--cucm",
    "cucm-pub.example.com",
    "--cti-user",
    "cer_cti",
    "--cti-manager",
    "10.77.23.24",
    "--teleport-address",
    "+12",
    "--number-of-teleports",
    "4",
    "--axl-user",
    "cer_axl",
    "--axl-port",
    "8443",
    "--snmp-v3",
    "--secure",
    "--tftp",
    "10.77.34.224",
    "--capf",
    "10.77.34.233",
    "--instance-id-publisher",
    "10.77.34.230",
    "--instance-id-subscriber",
    "10.77.34.207",
    "--secrets-stdin",
]


class TerminalInput(io.StringIO):
    """Standard input that claims to be a terminal, so the command prompts."""

    def isatty(self) -> bool:
        return True


def _stdin(monkeypatch: pytest.MonkeyPatch, lines: List[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def test_add_reads_cti_password_from_stdin(
    simulator_env: Simulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _stdin(monkeypatch, [CTI_PASSWORD])

    exit_code = main(
        ["clusters", "add", "--cucm", "10.1.1.1", "--cti-user", "cer_cti", "--secrets-stdin"]
    )

    output = capsys.readouterr()
    assert exit_code == 0
    assert output.out == (
        "added CUCM cluster 10.1.1.1 (Success: CUCM cluster added successfully)\n"
    )
    assert CTI_PASSWORD not in output.out + output.err
    assert simulator_env.requests() == [("POST", CLUSTER_PATH)]


def test_add_full_cluster_keeps_secrets_out_of_output(
    simulator_env: Simulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _stdin(monkeypatch, SECRETS)

    exit_code = main(["--verbose", *FULL_ADD])

    output = capsys.readouterr()
    assert exit_code == 0
    assert "Success" in output.out
    assert "POST" in output.err, "expected the DEBUG record of the request with --verbose"
    for secret in SECRETS:
        assert secret not in output.out
        assert secret not in output.err


def test_add_twice_fails_without_secrets(
    simulator_env: Simulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _stdin(monkeypatch, SECRETS + SECRETS)

    first = main(FULL_ADD)
    second = main(["-v", *FULL_ADD])

    output = capsys.readouterr()
    assert first == 0
    assert second == 1
    error_lines = [line for line in output.err.splitlines() if line.startswith("cerapi: error: ")]
    assert len(error_lines) == 1
    assert "already exists" in error_lines[0]
    for secret in SECRETS:
        assert secret not in output.out
        assert secret not in output.err


def test_add_with_missing_secret_line_fails(
    simulator_env: Simulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _stdin(monkeypatch, [CTI_PASSWORD])

    exit_code = main(
        [
            "clusters",
            "add",
            "--cucm",
            "10.1.1.1",
            "--cti-user",
            "cer_cti",
            "--axl-user",
            "cer_axl",
            "--secrets-stdin",
        ]
    )

    output = capsys.readouterr()
    assert exit_code == 2
    assert "missing AXL password of cer_axl: line 2 of standard input" in output.err
    assert CTI_PASSWORD not in output.err
    assert simulator_env.requests() == []


def test_add_without_terminal_or_stdin_option_fails(
    simulator_env: Simulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _stdin(monkeypatch, [])

    exit_code = main(["clusters", "add", "--cucm", "10.1.1.1", "--cti-user", "cer_cti"])

    assert exit_code == 2
    assert "--secrets-stdin" in capsys.readouterr().err
    assert simulator_env.requests() == []


def test_add_prompts_for_each_secret(
    simulator_env: Simulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = {
        "CTI password of cer_cti: ": CTI_PASSWORD,
        "AXL password of cer_axl: ": AXL_PASSWORD,
        "CAPF auth string of the publisher: ": AUTH_STRING_PUBLISHER,
        "CAPF auth string of the subscriber: ": AUTH_STRING_SUBSCRIBER,
    }
    prompts: List[str] = []

    def fake_getpass(prompt: str = "Password: ", stream: object = None) -> str:
        prompts.append(prompt)
        return answers[prompt]

    monkeypatch.setattr(sys, "stdin", TerminalInput(""))
    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    arguments = [argument for argument in FULL_ADD if argument != "--secrets-stdin"]

    exit_code = main(arguments)

    output = capsys.readouterr()
    assert exit_code == 0
    assert prompts == list(answers)
    for secret in SECRETS:
        assert secret not in output.out + output.err


def test_add_invalid_port_fails_before_request(
    simulator_env: Simulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _stdin(monkeypatch, [CTI_PASSWORD])
    arguments = ["clusters", "add", "--cucm", "h", "--cti-user", "u", "--axl-port", "70000"]

    exit_code = main([*arguments, "--secrets-stdin"])

    output = capsys.readouterr()
    assert exit_code == 2
    assert "axl.port" in output.err
    assert simulator_env.requests() == []


def test_add_requires_cucm_and_cti_user(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--simulator", "clusters", "add", "--cti-user", "u"])

    assert caught.value.code == 2
    assert "--cucm" in capsys.readouterr().err


def test_add_help_names_secret_order(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["clusters", "add", "--help"])

    text = " ".join(capsys.readouterr().out.split())
    assert "one per line: the CTI password, then the AXL password" in text
    assert "--password " in text, "the API password option of the connection group"
    assert "--cti-password" not in text
    assert "--axl-password" not in text
