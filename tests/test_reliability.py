"""Retries: the RetryPolicy settings, what is retried, the WARNING per retry, and lockout."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import re
from typing import Any, Iterator, List

import pytest

import cerapi
from cerapi import (
    AccountLockedError,
    AuthenticationError,
    Client,
    ConnectError,
    RequestTimeoutError,
    RetryPolicy,
    ServerError,
)
from cerapi.testing import Simulator
from conftest import BlockingFacade

USER_PATH = "/cerappservices/service/user"
USER_LIST_PATH = "/cerappservices/service/user/"
WRITE_MAY_HAVE_APPLIED = (
    "the request may have reached CER, so the change may have been applied: "
    "check CER before sending it again"
)

FAST_RETRY = RetryPolicy(backoff=0.05, max_backoff=0.2)
"""The default policy with short waits, so tests of retrying stay fast."""

# "retrying GET /cerappservices/service/user/ (attempt 2 of 3) in 0.4 s: <reason>"
RETRY_WARNING = re.compile(
    r"^retrying (?P<method>[A-Z]+) (?P<path>\S+) \(attempt (?P<attempt>\d+) of (?P<total>\d+)\) "
    r"in (?P<wait>[0-9.]+) s: (?P<reason>.+)$"
)


@pytest.fixture
def retry_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Capture the WARNING records of the cerapi loggers."""
    caplog.set_level(logging.WARNING, logger="cerapi")
    yield caplog


def _retry_warnings(caplog: pytest.LogCaptureFixture) -> List[re.Match[str]]:
    matches = []
    for record in caplog.records:
        if record.name.startswith("cerapi") and record.levelno == logging.WARNING:
            match = RETRY_WARNING.match(record.getMessage())
            if match:
                matches.append(match)
    return matches


def _open(simulator: Simulator, mode: str, **settings: Any) -> Any:
    """Return a Client, or an AsyncClient wrapped so that tests call it like a Client."""
    if mode == "sync":
        return simulator.client(**settings)
    return BlockingFacade(simulator.async_client(**settings))


# RetryPolicy and the client settings


def test_retry_policy_defaults() -> None:
    policy = RetryPolicy()

    assert policy.retries == 2
    assert policy.backoff == 0.5
    assert policy.max_backoff == 8.0
    assert policy.statuses == (429, 500, 502, 503, 504)
    assert policy.retry_writes is False


def test_retry_policy_is_frozen() -> None:
    policy = RetryPolicy()

    with pytest.raises(AttributeError):
        policy.retries = 5  # type: ignore[misc]


def test_retry_policy_statuses_become_tuple() -> None:
    policy = RetryPolicy(statuses=[503, 502])

    assert policy.statuses == (503, 502)
    assert hash(policy) == hash(RetryPolicy(statuses=(503, 502)))


@pytest.mark.parametrize(
    ("settings", "error_type", "fragment"),
    [
        ({"retries": -1}, ValueError, "retries"),
        ({"retries": 51}, ValueError, "retries"),
        ({"retries": 1.5}, TypeError, "retries"),
        ({"retries": True}, TypeError, "retries"),
        ({"backoff": -0.1}, ValueError, "backoff"),
        ({"backoff": float("nan")}, ValueError, "backoff"),
        ({"backoff": 1e20}, ValueError, "backoff"),
        ({"backoff": "1"}, TypeError, "backoff"),
        ({"max_backoff": float("inf")}, ValueError, "max_backoff"),
        ({"statuses": 503}, TypeError, "statuses"),
        ({"statuses": "503"}, TypeError, "statuses"),
        ({"statuses": [503, "502"]}, TypeError, "statuses"),
        ({"statuses": [99]}, ValueError, "statuses"),
        ({"statuses": [600]}, ValueError, "statuses"),
        ({"retry_writes": 1}, TypeError, "retry_writes"),
    ],
)
def test_retry_policy_rejects_invalid(
    settings: dict[str, Any], error_type: type[Exception], fragment: str
) -> None:
    with pytest.raises(error_type, match=fragment):
        RetryPolicy(**settings)


def test_client_rejects_retry_of_wrong_type() -> None:
    with pytest.raises(TypeError, match="retry must be a RetryPolicy or None"):
        Client("cer-pub.example.com", "api", "pw", retry=3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "error_type"),
    [(0, ValueError), (-5, ValueError), (2**64, ValueError), (1.5, TypeError), (True, TypeError)],
)
def test_client_rejects_invalid_max_response_bytes(value: Any, error_type: type[Exception]) -> None:
    with pytest.raises(error_type, match="max_response_bytes"):
        Client("cer-pub.example.com", "api", "pw", max_response_bytes=value)


def test_client_settings_are_visible() -> None:
    policy = RetryPolicy(retries=4, retry_writes=True)

    with Client("cer-pub.example.com", "api", "pw", retry=policy, max_response_bytes=1024) as cer:
        assert cer.retry == policy
        assert cer.max_response_bytes == 1024
    with Client("cer-pub.example.com", "api", "pw", retry=None) as cer:
        assert cer.retry is None
        assert cer.max_response_bytes == 256 * 1024 * 1024


def test_from_env_accepts_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CER_HOST", "cer-pub.example.com")
    monkeypatch.setenv("CER_USERNAME", "api")
    monkeypatch.setenv("CER_PASSWORD", "pw")
    for name in ("CER_PORT", "CER_CA_FILE", "CER_VERIFY"):
        monkeypatch.delenv(name, raising=False)

    with cerapi.Client.from_env(retry=None, max_response_bytes=4096) as cer:
        assert cer.retry is None
        assert cer.max_response_bytes == 4096
    async_client = cerapi.AsyncClient.from_env()
    assert async_client.retry == RetryPolicy()
    asyncio.run(async_client.aclose())


# Reads are retried


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_get_retried_until_success(
    cer_simulator: Simulator, retry_log: pytest.LogCaptureFixture, mode: str
) -> None:
    cer_simulator.inject("GET", USER_PATH, status=503, body="busy", times=2)
    client = _open(cer_simulator, mode, retry=FAST_RETRY)

    assert client.users.get("admin").user_name == "admin"
    client.close()

    assert len(cer_simulator.requests()) == 3
    warnings = _retry_warnings(retry_log)
    assert [match["attempt"] for match in warnings] == ["2", "3"]
    for match in warnings:
        assert match["method"] == "GET"
        assert match["path"] == "/cerappservices/service/user?userName=admin"
        assert match["total"] == "3"
        assert "HTTP 503" in match["reason"]


def test_default_policy_retries_twice(
    cer_simulator: Simulator, retry_log: pytest.LogCaptureFixture
) -> None:
    cer_simulator.inject("GET", USER_LIST_PATH, status=500, body="", times=3)

    with cer_simulator.client() as client, pytest.raises(ServerError) as caught:
        client.users.list()

    assert caught.value.status == 500
    assert len(cer_simulator.requests()) == 3
    warnings = _retry_warnings(retry_log)
    assert len(warnings) == 2
    # The announced waits follow the default backoff: 0.5 s, then 1 s, each within 25 %.
    first_wait = float(warnings[0]["wait"])
    second_wait = float(warnings[1]["wait"])
    assert 0.3 <= first_wait <= 0.7
    assert 0.7 <= second_wait <= 1.3


def test_exhausted_retries_raise_last_error(
    cer_simulator: Simulator, retry_log: pytest.LogCaptureFixture
) -> None:
    policy = RetryPolicy(retries=3, backoff=0.05)
    cer_simulator.inject("GET", USER_PATH, status=502, body="", times=4)

    with cer_simulator.client(retry=policy) as client, pytest.raises(ServerError) as caught:
        client.users.get("admin")

    assert caught.value.status == 502
    assert len(cer_simulator.requests()) == 4
    assert [match["total"] for match in _retry_warnings(retry_log)] == ["4", "4", "4"]


def test_timeout_retried_then_succeeds(
    cer_simulator: Simulator, retry_log: pytest.LogCaptureFixture
) -> None:
    cer_simulator.inject("GET", USER_PATH, delay=2.0)

    with cer_simulator.client(timeout=0.5, retry=FAST_RETRY) as client:
        assert client.users.get("admin").user_name == "admin"

    warnings = _retry_warnings(retry_log)
    assert len(warnings) == 1
    assert "timed out after 0.5 s" in warnings[0]["reason"]


def test_timeouts_exhaust_retries(cer_simulator: Simulator) -> None:
    cer_simulator.inject("GET", USER_PATH, delay=2.0, times=3)

    with cer_simulator.client(timeout=0.5, retry=FAST_RETRY) as client:
        with pytest.raises(RequestTimeoutError):
            client.users.get("admin")

    assert len(cer_simulator.requests()) == 3


def test_connection_refused_retried(unused_port: int, retry_log: pytest.LogCaptureFixture) -> None:
    with Client(f"http://127.0.0.1:{unused_port}", "cerapi", "cerapi", retry=FAST_RETRY) as cer:
        with pytest.raises(ConnectError):
            cer.users.list()

    warnings = _retry_warnings(retry_log)
    assert len(warnings) == 2
    assert "cannot connect" in warnings[0]["reason"]


def test_skip_targets_later_request(cer_simulator: Simulator) -> None:
    # The third GET /user fails, so the first two calls succeed and the third is retried.
    cer_simulator.inject("GET", USER_PATH, status=503, body="", skip=2)

    with cer_simulator.client(retry=FAST_RETRY) as client:
        for _ in range(3):
            assert client.users.get("admin").user_name == "admin"

    assert len(cer_simulator.requests()) == 4


def test_retry_none_sends_once(
    cer_simulator: Simulator, retry_log: pytest.LogCaptureFixture
) -> None:
    cer_simulator.inject("GET", USER_PATH, status=503, body="")

    with cer_simulator.client(retry=None) as client, pytest.raises(ServerError):
        client.users.get("admin")

    assert len(cer_simulator.requests()) == 1
    assert _retry_warnings(retry_log) == []


def test_statuses_limit_what_is_retried(cer_simulator: Simulator) -> None:
    policy = RetryPolicy(backoff=0.05, statuses=(503,))
    cer_simulator.inject("GET", USER_PATH, status=500, body="")

    with cer_simulator.client(retry=policy) as client, pytest.raises(ServerError):
        client.users.get("admin")

    assert len(cer_simulator.requests()) == 1


def test_not_found_not_retried(cer_simulator: Simulator) -> None:
    with cer_simulator.client(retry=FAST_RETRY) as client, pytest.raises(cerapi.NotFoundError):
        client.users.get("nobody")

    assert len(cer_simulator.requests()) == 1


# Retry-After


def test_retry_after_sets_wait(
    cer_simulator: Simulator, retry_log: pytest.LogCaptureFixture
) -> None:
    cer_simulator.inject("GET", USER_PATH, status=503, body="", headers=[("Retry-After", "1")])

    with cer_simulator.client(retry=dataclasses.replace(FAST_RETRY, max_backoff=5.0)) as client:
        assert client.users.get("admin").user_name == "admin"

    warnings = _retry_warnings(retry_log)
    assert len(warnings) == 1
    assert warnings[0]["wait"] == "1.0"


def test_retry_after_capped_by_max_backoff(
    cer_simulator: Simulator, retry_log: pytest.LogCaptureFixture
) -> None:
    cer_simulator.inject("GET", USER_PATH, status=429, body="", headers=[("Retry-After", "120")])

    with cer_simulator.client(retry=RetryPolicy(max_backoff=0.2)) as client:
        assert client.users.get("admin").user_name == "admin"

    warnings = _retry_warnings(retry_log)
    assert len(warnings) == 1
    assert warnings[0]["wait"] == "0.2"
    assert "HTTP 429" in warnings[0]["reason"]


def test_retry_after_http_date(
    cer_simulator: Simulator, retry_log: pytest.LogCaptureFixture
) -> None:
    # A date in the past means "retry now".
    past = "Wed, 21 Oct 2015 07:28:00 GMT"
    cer_simulator.inject("GET", USER_PATH, status=503, body="", headers=[("Retry-After", past)])

    with cer_simulator.client(retry=FAST_RETRY) as client:
        assert client.users.get("admin").user_name == "admin"

    warnings = _retry_warnings(retry_log)
    assert len(warnings) == 1
    assert warnings[0]["wait"] == "0.0"


# Writes


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_post_not_retried_by_default(
    cer_simulator: Simulator, retry_log: pytest.LogCaptureFixture, mode: str
) -> None:
    cer_simulator.inject("POST", USER_PATH, status=503, body="")
    client = _open(cer_simulator, mode, retry=FAST_RETRY)

    with pytest.raises(ServerError):
        client.users.create("robot", "Robot-Pa55")
    client.close()

    assert [method for method, _ in cer_simulator.requests()] == ["POST"]
    assert _retry_warnings(retry_log) == []


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_post_retried_with_retry_writes(
    cer_simulator: Simulator, retry_log: pytest.LogCaptureFixture, mode: str
) -> None:
    policy = RetryPolicy(backoff=0.05, retry_writes=True)
    cer_simulator.inject("POST", USER_PATH, status=503, body="")
    client = _open(cer_simulator, mode, retry=policy)

    assert client.users.create("robot", "Robot-Pa55").status == "AddSuccess"
    assert client.users.get("robot").user_name == "robot"
    client.close()

    assert [method for method, _ in cer_simulator.requests()] == ["POST", "POST", "GET"]
    warnings = _retry_warnings(retry_log)
    assert len(warnings) == 1
    assert warnings[0]["method"] == "POST"


@pytest.mark.parametrize(
    ("method", "path", "call"),
    [
        ("PUT", USER_PATH, lambda cer: cer.users.update("TestUserCERTeamLocal_889", password="x")),
        ("DELETE", USER_PATH, lambda cer: cer.users.delete("TestUserCERTeamLocal_889")),
        ("DELETE", USER_LIST_PATH, lambda cer: cer.users.delete_many(["TestUserCERTeamLocal_889"])),
    ],
)
def test_put_and_delete_not_retried(
    cer_simulator: Simulator, method: str, path: str, call: Any
) -> None:
    cer_simulator.inject(method, path, status=500, body="")

    with cer_simulator.client(retry=FAST_RETRY) as client, pytest.raises(ServerError):
        call(client)

    assert [sent for sent, _ in cer_simulator.requests()] == [method]


@pytest.mark.parametrize(
    ("fault", "error_type"),
    [
        ({"delay": 2.0}, RequestTimeoutError),
        ({"action": "close"}, ConnectError),
        # 1 MiB, because the simulator sends nothing for a reset while half the body fits
        # its write buffer.
        ({"action": "reset", "body": "{" + " " * 1024 * 1024 + "}"}, ConnectError),
        ({"action": "truncate", "body": "{" + " " * 1024 * 1024 + "}"}, ConnectError),
    ],
    ids=["timeout", "close", "reset", "truncate"],
)
def test_write_failing_after_send_may_have_applied(
    cer_simulator: Simulator, fault: dict[str, Any], error_type: type[Exception]
) -> None:
    cer_simulator.inject("POST", USER_PATH, **fault)

    with cer_simulator.client(timeout=0.5, retry=FAST_RETRY) as client:
        with pytest.raises(error_type) as caught:
            client.users.create("robot", "Robot-Pa55")

    assert str(caught.value).endswith(WRITE_MAY_HAVE_APPLIED)
    assert [method for method, _ in cer_simulator.requests()] == ["POST"]


def test_write_not_sent_is_not_flagged(unused_port: int) -> None:
    with Client(f"http://127.0.0.1:{unused_port}", "cerapi", "cerapi", retry=None) as cer:
        with pytest.raises(ConnectError) as caught:
            cer.users.create("robot", "Robot-Pa55")

    assert "may have been applied" not in str(caught.value)


def test_write_rejected_by_status_is_not_flagged(cer_simulator: Simulator) -> None:
    cer_simulator.inject("POST", USER_PATH, status=500, body="")

    with cer_simulator.client() as client, pytest.raises(ServerError) as caught:
        client.users.create("robot", "Robot-Pa55")

    assert "may have been applied" not in str(caught.value)


def test_read_failure_is_not_flagged(cer_simulator: Simulator) -> None:
    cer_simulator.inject("GET", USER_PATH, action="close")

    with cer_simulator.client(retry=None) as client, pytest.raises(ConnectError) as caught:
        client.users.get("admin")

    assert "may have been applied" not in str(caught.value)


# 401 and lockout


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_unauthorized_never_retried(
    cer_simulator: Simulator, retry_log: pytest.LogCaptureFixture, mode: str
) -> None:
    policy = RetryPolicy(backoff=0.05, statuses=(401, 503), retry_writes=True)
    client = _open(cer_simulator, mode, password="wrong-password", retry=policy)

    with pytest.raises(AuthenticationError):
        client.users.list()
    with pytest.raises(AuthenticationError):
        client.users.create("robot", "Robot-Pa55")
    client.close()

    assert [method for method, _ in cer_simulator.requests()] == ["GET", "POST"]
    assert _retry_warnings(retry_log) == []


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_lockout_raises_account_locked(cer_simulator: Simulator, mode: str) -> None:
    cer_simulator.set_lockout(3)
    wrong = _open(cer_simulator, mode, password="wrong-password")
    for attempt in range(1, 4):
        with pytest.raises(AuthenticationError) as caught:
            wrong.users.list()
        assert type(caught.value) is AuthenticationError
        assert len(cer_simulator.requests()) == attempt
    wrong.close()

    right = _open(cer_simulator, mode)
    with pytest.raises(AccountLockedError) as locked:
        right.users.list()

    assert len(cer_simulator.requests()) == 4
    error = locked.value
    assert isinstance(error, AuthenticationError)
    assert error.status == 401
    assert "locked" in str(error)
    assert "an administrator must unlock it in the CER web UI" in str(error)
    assert error.body is not None
    assert "Account is locked" in error.body

    cer_simulator.unlock(cer_simulator.username)
    assert right.users.list()[0].user_name == "admin"
    right.close()


def test_lockout_not_reached_by_retries(cer_simulator: Simulator) -> None:
    # Two failed calls stay below a lockout after three, whatever the retry policy.
    cer_simulator.set_lockout(3)
    policy = RetryPolicy(retries=5, backoff=0.05, statuses=(401,))

    with cer_simulator.client(password="wrong-password", retry=policy) as wrong:
        for _ in range(2):
            with pytest.raises(AuthenticationError):
                wrong.users.list()

    with cer_simulator.client() as client:
        assert len(client.users.list()) == 3


def test_set_lockout_rejects_invalid(cer_simulator: Simulator) -> None:
    with pytest.raises(ValueError, match="after"):
        cer_simulator.set_lockout(0)
    with pytest.raises(TypeError, match="after"):
        cer_simulator.set_lockout("3")  # type: ignore[arg-type]


# Cancelling and closing while retrying


def test_cancel_during_retry_wait(cer_simulator: Simulator) -> None:
    cer_simulator.inject("GET", USER_PATH, status=503, body="", headers=[("Retry-After", "30")])
    policy = RetryPolicy(max_backoff=30.0)

    async def cancel_then_list() -> int:
        async with cer_simulator.async_client(retry=policy) as client:
            waiting = asyncio.ensure_future(client.users.get("admin"))
            while not cer_simulator.requests():
                await asyncio.sleep(0.05)
            waiting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiting
            return len(await client.users.list())

    assert asyncio.run(cancel_then_list()) == 3
    assert [method for method, _ in cer_simulator.requests()] == ["GET", "GET"]
