"""No password, CAPF auth string or Authorization header leaks into logs, errors or output.

A broad scenario runs with the ``cerapi`` logger at DEBUG: writes that carry
secrets, then a failure of every kind. Every log record, ``repr`` and ``str`` of
the errors and results, formatted traceback and line of CLI output is then
searched for each secret and for the Basic credentials that carry it.
"""

from __future__ import annotations

import asyncio
import base64
import io
import logging
import sys
import traceback
from typing import Any, Callable, Iterator, List

import pytest

from cerapi import (
    AccountLockedError,
    AuthenticationError,
    AxlSettings,
    BadRequestError,
    CerError,
    Client,
    ConnectError,
    CucmCluster,
    DecodeError,
    OperationFailedError,
    RequestTimeoutError,
    SecureConnection,
    ServerError,
    Timeout,
    TlsError,
)
from cerapi.cli import main
from cerapi.testing import Simulator

API_USER = "robot"
API_PASSWORD = "Api-Secret-7731"
WRONG_API_PASSWORD = "Wrong-Api-Secret-8842"
USER_PASSWORD = "User-Secret-1193"
USER_NEW_PASSWORD = "User-Secret-2204"
CTI_PASSWORD = "Cti-Secret-3315"
AXL_PASSWORD = "Axl-Secret-4426"
AUTH_STRING_PUBLISHER = "Capf-Pub-Secret-5537"
AUTH_STRING_SUBSCRIBER = "Capf-Sub-Secret-6648"

SECRETS = [
    API_PASSWORD,
    WRONG_API_PASSWORD,
    USER_PASSWORD,
    USER_NEW_PASSWORD,
    CTI_PASSWORD,
    AXL_PASSWORD,
    AUTH_STRING_PUBLISHER,
    AUTH_STRING_SUBSCRIBER,
]

USER_PATH = "/cerappservices/service/user"
CLUSTER_PATH = "/cerappservices/service/cluster"
PUBLISHER_ACTIVE = '{"status": "Publisher is active. Cannot fetch information from subscriber."}'


def _basic_credentials(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


FORBIDDEN = [
    *SECRETS,
    _basic_credentials(API_USER, API_PASSWORD),
    _basic_credentials(API_USER, WRONG_API_PASSWORD),
]


def _cluster(cucm: str) -> CucmCluster:
    return CucmCluster(
        cucm=cucm,
        cti_user="cer_cti",
        cti_password=CTI_PASSWORD,
        number_of_teleports=4,
        secure_connection=SecureConnection(
            enabled=True,
            tftp_address="10.77.34.224",
            capf_address="10.77.34.233",
            instance_id_publisher="10.77.34.230",
            auth_string_publisher=AUTH_STRING_PUBLISHER,
            instance_id_subscriber="10.77.34.207",
            auth_string_subscriber=AUTH_STRING_SUBSCRIBER,
        ),
        axl=AxlSettings(user="cer_axl", password=AXL_PASSWORD, port=8443),
    )


class Evidence:
    """Texts a user could see: error renderings, tracebacks, reprs and results."""

    def __init__(self) -> None:
        self.texts: List[str] = []
        self.errors: List[BaseException] = []

    def add(self, value: Any) -> None:
        self.texts.append(repr(value))
        self.texts.append(str(value))

    def expect(self, error_type: type[BaseException], call: Callable[[], Any]) -> None:
        """Run ``call``, require ``error_type``, and keep every rendering of the error."""
        with pytest.raises(error_type) as caught:
            call()
        self.add_error(caught.value)

    def add_error(self, error: BaseException) -> None:
        self.errors.append(error)
        self.add(error)
        self.texts.append(str(vars(error)))
        self.texts.append(
            "".join(traceback.format_exception(type(error), error, error.__traceback__))
        )


@pytest.fixture
def evidence() -> Evidence:
    return Evidence()


@pytest.fixture
def debug_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG, logger="cerapi")
    yield caplog


@pytest.fixture
def simulator() -> Iterator[Simulator]:
    with Simulator(accounts={API_USER: API_PASSWORD}) as running:
        yield running


def _log_texts(caplog: pytest.LogCaptureFixture) -> List[str]:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    texts = []
    for record in caplog.records:
        texts.append(formatter.format(record))
        texts.append(str(record.args))
    return texts


def _assert_no_secret(texts: List[str]) -> None:
    for text in texts:
        for secret in FORBIDDEN:
            assert secret not in text


def _run_sync_scenario(simulator: Simulator, wire_format: str, evidence: Evidence) -> None:
    with simulator.client(format=wire_format, timeout=Timeout(connect=5.0, read=0.5)) as client:
        evidence.add(client)
        evidence.add(client.users.create("robot_user", USER_PASSWORD, reset_on_logon=True))
        evidence.add(client.users.update("robot_user", password=USER_NEW_PASSWORD))
        evidence.add(client.clusters.add(_cluster("cucm-a.example.com")))
        evidence.add(client.users.get("robot_user"))

        # Failures of every kind, each on a request that carries a secret.
        evidence.expect(
            BadRequestError, lambda: client.clusters.add(_cluster("cucm-a.example.com"))
        )
        simulator.inject("POST", USER_PATH, status=500, body="internal error")
        evidence.expect(ServerError, lambda: client.users.create("robot_b", USER_PASSWORD))
        simulator.inject("POST", USER_PATH, delay=2.0)
        evidence.expect(RequestTimeoutError, lambda: client.users.create("robot_c", USER_PASSWORD))
        simulator.inject("PUT", USER_PATH, action="close")
        evidence.expect(
            ConnectError, lambda: client.users.update("robot_user", password=USER_PASSWORD)
        )
        simulator.inject("POST", CLUSTER_PATH, status=200, body="<html><body>login</body></html>")
        evidence.expect(DecodeError, lambda: client.clusters.add(_cluster("cucm-b.example.com")))
        simulator.inject("POST", USER_PATH, status=200, body=PUBLISHER_ACTIVE)
        evidence.expect(OperationFailedError, lambda: client.users.create("robot_d", USER_PASSWORD))
        simulator.inject("GET", USER_PATH, status=503, body="busy")
        evidence.add(client.users.get("robot_user"))

        # Invalid arguments are rejected before sending, without echoing a secret.
        evidence.expect(ValueError, lambda: client.users.create("", USER_PASSWORD))
        evidence.expect(
            TypeError, lambda: client.users.create("robot_e", USER_PASSWORD, auth_mode=3)
        )
        bad_port = _cluster("cucm-c.example.com")
        bad_port.axl.port = 70000
        evidence.expect(ValueError, lambda: client.clusters.add(bad_port))
        evidence.add(_cluster("cucm-d.example.com"))


def test_sync_scenario_leaks_no_secret(
    simulator: Simulator, debug_log: pytest.LogCaptureFixture, evidence: Evidence, wire_format: str
) -> None:
    _run_sync_scenario(simulator, wire_format, evidence)

    assert len(evidence.errors) == 9
    assert any(record.levelno == logging.DEBUG for record in debug_log.records)
    assert any("retrying" in record.getMessage() for record in debug_log.records)
    _assert_no_secret(evidence.texts)
    _assert_no_secret(_log_texts(debug_log))


def test_async_scenario_leaks_no_secret(
    simulator: Simulator, debug_log: pytest.LogCaptureFixture, evidence: Evidence
) -> None:
    async def scenario() -> None:
        async with simulator.async_client(timeout=Timeout(connect=5.0, read=0.5)) as client:
            evidence.add(client)
            evidence.add(await client.users.create("robot_user", USER_PASSWORD))
            evidence.add(await client.users.update("robot_user", password=USER_NEW_PASSWORD))
            evidence.add(await client.clusters.add(_cluster("cucm-a.example.com")))
            for error_type, inject in [
                (ServerError, {"status": 500, "body": "internal error"}),
                (RequestTimeoutError, {"delay": 2.0}),
                (ConnectError, {"action": "close"}),
            ]:
                simulator.inject("POST", USER_PATH, **inject)
                try:
                    await client.users.create("robot_b", USER_PASSWORD)
                except error_type as error:
                    evidence.add_error(error)
            try:
                await client.clusters.add(_cluster("cucm-a.example.com"))
            except BadRequestError as error:
                evidence.add_error(error)

    asyncio.run(scenario())

    assert [type(error) for error in evidence.errors] == [
        ServerError,
        RequestTimeoutError,
        ConnectError,
        BadRequestError,
    ]
    _assert_no_secret(evidence.texts)
    _assert_no_secret(_log_texts(debug_log))


def test_login_failures_leak_no_secret(
    simulator: Simulator, debug_log: pytest.LogCaptureFixture, evidence: Evidence
) -> None:
    simulator.set_lockout(2)
    with simulator.client(password=WRONG_API_PASSWORD, format="xml") as wrong:
        evidence.add(wrong)
        evidence.expect(AuthenticationError, wrong.users.list)
        evidence.expect(AuthenticationError, lambda: wrong.users.create("x", USER_PASSWORD))
    with simulator.client() as right:
        evidence.expect(AccountLockedError, right.users.list)

    _assert_no_secret(evidence.texts)
    _assert_no_secret(_log_texts(debug_log))


def test_tls_failures_leak_no_secret(
    debug_log: pytest.LogCaptureFixture, evidence: Evidence, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    with Simulator(accounts={API_USER: API_PASSWORD}, tls=True) as simulator:
        with Client(simulator.url, API_USER, API_PASSWORD) as untrusted:
            evidence.expect(TlsError, untrusted.users.list)
        with simulator.client(verify=False) as insecure:
            evidence.add(insecure.users.create("robot_user", USER_PASSWORD))

    assert any("verification is off" in record.getMessage() for record in debug_log.records)
    _assert_no_secret(evidence.texts)
    _assert_no_secret(_log_texts(debug_log))


def test_invalid_credentials_not_echoed(evidence: Evidence) -> None:
    evidence.expect(TypeError, lambda: Client("http://127.0.0.1:9", API_USER, 7731))  # type: ignore[arg-type]
    evidence.expect(TypeError, lambda: Client("http://127.0.0.1:9", 7731, API_PASSWORD))  # type: ignore[arg-type]
    evidence.expect(ValueError, lambda: Client("http://127.0.0.1:9", "", API_PASSWORD))

    _assert_no_secret(evidence.texts)


def test_cli_leaks_no_secret(
    simulator: Simulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    connection = ["--host", simulator.url, "-u", API_USER, "--verbose"]
    monkeypatch.setenv("CER_PASSWORD", API_PASSWORD)
    for name in ("CER_HOST", "CER_USERNAME", "CER_PORT", "CER_CA_FILE", "CER_VERIFY"):
        monkeypatch.delenv(name, raising=False)

    def run(arguments: List[str], stdin_lines: List[str]) -> int:
        text = "".join(f"{line}\n" for line in stdin_lines)
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))
        return main([*connection, *arguments])

    cluster_arguments = [
        "clusters",
        "add",
        "--cucm",
        "cucm-a.example.com",
        "--cti-user",
        "cer_cti",
        "--axl-user",
        "cer_axl",
        "--secure",
        "--capf",
        "10.77.34.233",
        "--secrets-stdin",
    ]
    cluster_secrets = [CTI_PASSWORD, AXL_PASSWORD, AUTH_STRING_PUBLISHER, AUTH_STRING_SUBSCRIBER]

    exit_codes = [
        run(["users", "create", "cli_user", "--password-stdin"], [USER_PASSWORD]),
        run(["users", "update", "cli_user", "--password-stdin"], [USER_NEW_PASSWORD]),
        run(cluster_arguments, cluster_secrets),
        # The same cluster again: CER rejects it, and the error is printed.
        run(cluster_arguments, cluster_secrets),
    ]
    simulator.inject("POST", USER_PATH, status=500, body="internal error")
    exit_codes.append(run(["users", "create", "cli_user_2", "--password-stdin"], [USER_PASSWORD]))
    simulator.inject("GET", "/cerappservices/service/user/", status=503, body="busy")
    exit_codes.append(run(["users", "list"], []))
    monkeypatch.setenv("CER_PASSWORD", WRONG_API_PASSWORD)
    exit_codes.append(run(["users", "list"], []))

    output = capsys.readouterr()
    assert exit_codes == [0, 0, 0, 1, 1, 0, 1]
    assert "cerapi: error:" in output.err
    assert "retrying GET" in output.err
    _assert_no_secret([output.out, output.err])


def test_secret_fields_left_out_of_repr() -> None:
    cluster = _cluster("cucm-a.example.com")

    _assert_no_secret([repr(cluster), str(cluster)])
    _assert_no_secret([repr(cluster.axl), repr(cluster.secure_connection)])


def test_error_attributes_carry_no_secret(
    simulator: Simulator, evidence: Evidence, debug_log: pytest.LogCaptureFixture
) -> None:
    # Every CerError attribute is checked, so an Authorization header kept in
    # any of them would show up here.
    simulator.inject("GET", USER_PATH, status=400, body='{"status": "Bad request"}')
    with simulator.client() as client:
        evidence.expect(CerError, lambda: client.users.get("admin"))

    error = evidence.errors[0]
    assert isinstance(error, CerError)
    for value in (error.message, error.method, error.path, error.body, error.cer_status):
        _assert_no_secret([str(value)])
    _assert_no_secret(_log_texts(debug_log))
