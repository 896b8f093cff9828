"""The ``cerapi`` command, run in-process through main() and as a subprocess."""

from __future__ import annotations

import io
import json
import os
import pathlib
import signal
import subprocess
import sys
import time
from typing import List

import pytest

from cerapi import NotFoundError
from cerapi.cli import main
from cerapi.testing import Simulator
from conftest import ADMIN_GROUPS, CER_VARIABLES, SEEDED_USERS


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove the CER_* variables, so the tests see only what they set."""
    for name in CER_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def _run_cli(*arguments: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cerapi", *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_simulator_users_list(capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["--simulator", "users", "list"])

    output = capsys.readouterr()
    assert exit_code == 0
    lines = output.out.splitlines()
    assert lines[0].split() == ["NAME", "AUTH", "STANDARD", "GROUPS"]
    for name in SEEDED_USERS:
        assert name in output.out
    admin_line = next(line for line in lines if line.startswith("admin "))
    assert admin_line.split()[1:3] == ["Local", "yes"]
    assert ", ".join(ADMIN_GROUPS) in admin_line
    assert output.err == ""


def test_simulator_users_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["--simulator", "--xml", "users", "list", "--format", "json"])

    output = capsys.readouterr()
    assert exit_code == 0
    users = json.loads(output.out)
    assert [user["user_name"] for user in users] == SEEDED_USERS
    assert users[0]["groups"] == ADMIN_GROUPS
    assert users[0]["is_standard"] is True


def test_options_after_command(capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["users", "get", "admin", "--simulator", "--format", "json"])

    output = capsys.readouterr()
    assert exit_code == 0
    assert json.loads(output.out)["user_name"] == "admin"


def test_users_get_table(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["users", "get", "admin"])

    output = capsys.readouterr()
    assert exit_code == 0
    fields = dict(line.split(None, 1) for line in output.out.splitlines() if " " in line)
    assert fields["name"].strip() == "admin"
    assert fields["standard"].strip() == "yes"
    assert "CER System Admin" in fields["roles"]


def test_users_get_unknown_fails(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["users", "get", "nobody"])

    output = capsys.readouterr()
    assert exit_code == 1
    assert output.out == ""
    assert output.err.startswith("cerapi: error: ")
    assert len(output.err.splitlines()) == 1


def test_users_create_password_stdin(
    simulator_env: Simulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("New-User-Pa55\n"))

    exit_code = main(
        [
            "users",
            "create",
            "cli_user",
            "--password-stdin",
            "--auth-mode",
            "remote",
            "--cucm-cluster",
            "10.77.34.169",
        ]
    )

    output = capsys.readouterr()
    assert exit_code == 0
    assert "cli_user" in output.out
    assert "AddSuccess" in output.out
    assert "New-User-Pa55" not in output.out + output.err
    with simulator_env.client() as client:
        assert client.users.get("cli_user").auth_mode == "Remote"


def test_users_create_without_password_source_fails(
    simulator_env: Simulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    exit_code = main(["users", "create", "cli_user"])

    output = capsys.readouterr()
    assert exit_code == 2
    assert "--password-stdin" in output.err
    with simulator_env.client() as client, pytest.raises(NotFoundError):
        client.users.get("cli_user")


def test_users_update(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["users", "update", "TestUserCERTeamLocal_889", "--auth-mode", "IdP"])

    output = capsys.readouterr()
    assert exit_code == 0
    assert "UpdateSuccess" in output.out
    with simulator_env.client() as client:
        assert client.users.get("TestUserCERTeamLocal_889").auth_mode == "IdP"


def test_users_update_without_changes_fails(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["users", "update", "TestUserCERTeamLocal_889"])

    assert exit_code == 2
    assert "nothing to update" in capsys.readouterr().err


def test_users_delete_reports_each_name(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["users", "delete", "TestUserCERTeamLocal_662", "ghost", "admin"])

    output = capsys.readouterr()
    assert exit_code == 1
    lines = output.out.splitlines()
    assert lines[0] == "deleted TestUserCERTeamLocal_662"
    assert lines[1].startswith("not deleted ghost: ")
    assert lines[2] == "not deleted admin: Cannot delete standard user admin"


def test_users_delete_success_exits_zero(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["users", "delete", "TestUserCERTeamLocal_662"])

    assert exit_code == 0
    assert capsys.readouterr().out == "deleted TestUserCERTeamLocal_662\n"


def test_missing_host_fails(capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["users", "list"])

    output = capsys.readouterr()
    assert exit_code == 2
    assert "CER_HOST" in output.err


def test_missing_password_without_terminal_fails(
    cer_simulator: Simulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    exit_code = main(["--host", cer_simulator.url, "--username", "cerapi", "users", "list"])

    output = capsys.readouterr()
    assert exit_code == 2
    assert "CER_PASSWORD" in output.err


def test_simulator_with_host_is_rejected(capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["--simulator", "--host", "cer-pub.example.com", "users", "list"])

    assert exit_code == 2
    assert "--host cannot be combined with --simulator" in capsys.readouterr().err


def test_invalid_host_fails(capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["--host", "ftp://cer", "--username", "u", "--password", "p", "users", "list"])

    assert exit_code == 2
    assert "scheme" in capsys.readouterr().err


def test_wrong_password_prints_one_line(cer_simulator: Simulator) -> None:
    secret = "Wrong-Cli-Pa55"

    completed = _run_cli(
        "--host", cer_simulator.url, "--username", "cerapi", "--password", secret, "users", "list"
    )

    assert completed.returncode == 1
    assert completed.stdout == ""
    assert "Traceback" not in completed.stderr
    lines = completed.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("cerapi: error: ")
    assert "CER System Admin" in lines[0]
    assert secret not in completed.stderr


def test_connection_refused_prints_one_error(unused_port: int) -> None:
    completed = _run_cli(
        "--host",
        f"http://127.0.0.1:{unused_port}",
        "-u",
        "cerapi",
        "--password",
        "x",
        "users",
        "list",
    )

    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    lines = completed.stderr.splitlines()
    errors = [line for line in lines if line.startswith("cerapi: error: ")]
    assert len(errors) == 1
    assert lines[-1] == errors[0]
    assert "cannot connect" in errors[0]
    # The default retry policy retries the refused read twice and logs each retry on stderr.
    retries = lines[:-1]
    assert len(retries) == 2
    for attempt, line in enumerate(retries, start=2):
        assert line.startswith("cerapi: WARNING: retrying GET /cerappservices/service/user/")
        assert f"(attempt {attempt} of 3)" in line


def test_interrupt_exits_130(cer_simulator: Simulator) -> None:
    cer_simulator.inject("GET", "/cerappservices/service/user/", delay=30.0)
    command = [
        sys.executable,
        "-m",
        "cerapi",
        "--host",
        cer_simulator.url,
        "-u",
        cer_simulator.username,
        "--password",
        cer_simulator.password,
        "users",
        "list",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # Interrupt only once the request is waiting on the server.
        deadline = time.monotonic() + 60
        while not cer_simulator.requests() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert cer_simulator.requests(), "the command sent no request"
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()

    assert process.returncode == 130
    assert "Traceback" not in stderr
    assert stdout == ""


def test_tls_with_ca_file_and_insecure() -> None:
    with Simulator(tls=True) as simulator:
        assert simulator.ca_file is not None
        common = ["--host", simulator.url, "-u", simulator.username, "--password", "cerapi"]

        trusted = _run_cli(*common, "--ca-file", simulator.ca_file, "users", "get", "admin")
        insecure = _run_cli(*common, "--insecure", "users", "get", "admin")
        untrusted = _run_cli(*common, "users", "get", "admin")

    assert trusted.returncode == 0, trusted.stderr
    assert "admin" in trusted.stdout
    assert insecure.returncode == 0, insecure.stderr
    assert "cerapi: WARNING" in insecure.stderr
    assert untrusted.returncode == 1
    assert "Traceback" not in untrusted.stderr


def test_console_script_runs() -> None:
    script = pathlib.Path(sys.executable).parent / "cerapi"
    if not script.exists():
        pytest.skip("the cerapi console script is not installed next to this Python")

    completed = subprocess.run(
        [str(script), "--simulator", "users", "list"],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )

    assert completed.returncode == 0, completed.stderr
    for name in SEEDED_USERS:
        assert name in completed.stdout


def test_version_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])

    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("cerapi ")


def test_usage_error_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["users", "frobnicate"])

    assert caught.value.code == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("cerapi: error: ")
    assert "'cerapi users --help'" in lines[0]


def _help_text(arguments: List[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        main([*arguments, "--help"])
    return capsys.readouterr().out


def test_help_mentions_environment(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help_text(["users", "list"], capsys)

    assert "$CER_HOST" in text
    assert "--simulator" in text
