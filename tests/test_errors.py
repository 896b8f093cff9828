"""Each failure raises its own CerError subclass, with the request and response attached."""

from __future__ import annotations

import asyncio
import base64
import logging
from typing import Any

import pytest

from cerapi import (
    AsyncClient,
    AuthenticationError,
    BadRequestError,
    CerError,
    Client,
    ClientClosedError,
    ConnectError,
    DecodeError,
    NotFoundError,
    OperationFailedError,
    PermissionDeniedError,
    RequestTimeoutError,
    ServerError,
)
from cerapi.testing import Simulator

USER_PATH = "/cerappservices/service/user"


def test_wrong_password_raises_authentication_error(
    cer_simulator: Simulator, wire_format: str
) -> None:
    with cer_simulator.client(password="wrong-password", format=wire_format) as client:
        with pytest.raises(AuthenticationError) as caught:
            client.users.list()

    error = caught.value
    assert error.status == 401
    assert error.method == "GET"
    assert error.path is not None
    assert error.path.endswith("/user/")
    assert "CER System Admin" in str(error)


def test_unknown_user_name_raises_authentication_error(cer_simulator: Simulator) -> None:
    with cer_simulator.client(username="intruder") as client:
        with pytest.raises(AuthenticationError):
            client.users.get("admin")


def test_wrong_password_async(cer_simulator: Simulator) -> None:
    async def list_users() -> None:
        async with cer_simulator.async_client(password="wrong-password") as client:
            await client.users.list()

    with pytest.raises(AuthenticationError) as caught:
        asyncio.run(list_users())

    assert caught.value.status == 401


def test_connection_refused_raises_connect_error(unused_port: int) -> None:
    with Client(f"http://127.0.0.1:{unused_port}", "cerapi", "cerapi") as client:
        with pytest.raises(ConnectError) as caught:
            client.users.list()

    error = caught.value
    assert isinstance(error, ConnectionError)
    assert isinstance(error, CerError)
    assert error.status is None
    assert error.method == "GET"


def test_connection_refused_async(unused_port: int) -> None:
    async def list_users() -> None:
        async with AsyncClient(f"http://127.0.0.1:{unused_port}", "cerapi", "cerapi") as client:
            await client.users.list()

    with pytest.raises(ConnectError):
        asyncio.run(list_users())


def test_slow_answer_raises_timeout(cer_simulator: Simulator) -> None:
    cer_simulator.inject("GET", USER_PATH, delay=2.0)

    with cer_simulator.client(timeout=0.5, retry=None) as client:
        with pytest.raises(RequestTimeoutError) as caught:
            client.users.get("admin")

    error = caught.value
    assert isinstance(error, TimeoutError)
    assert error.status is None
    assert error.method == "GET"


def test_slow_answer_raises_timeout_async(cer_simulator: Simulator) -> None:
    cer_simulator.inject("GET", USER_PATH, delay=2.0)

    async def get_admin() -> None:
        async with cer_simulator.async_client(timeout=0.5, retry=None) as client:
            await client.users.get("admin")

    with pytest.raises(RequestTimeoutError):
        asyncio.run(get_admin())


def test_delay_within_timeout_succeeds(cer_simulator: Simulator) -> None:
    cer_simulator.inject("GET", USER_PATH, delay=0.2)

    with cer_simulator.client(timeout=5) as client:
        assert client.users.get("admin").user_name == "admin"


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (400, BadRequestError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (405, BadRequestError),
        (500, ServerError),
        (503, ServerError),
    ],
)
def test_status_maps_to_error_class(
    cer_simulator: Simulator, client_without_retry: Any, status: int, error_type: type[CerError]
) -> None:
    body = '{"status": "Injected failure"}'
    cer_simulator.inject(
        "GET", USER_PATH, status=status, body=body, content_type="application/json"
    )

    with pytest.raises(error_type) as caught:
        client_without_retry.users.get("admin")

    error = caught.value
    assert error.status == status
    assert error.body == body
    assert error.method == "GET"


def test_server_error_keeps_cer_status(cer_simulator: Simulator) -> None:
    cer_simulator.inject(
        "GET",
        USER_PATH,
        status=500,
        body='{"status": "Database is not reachable"}',
        content_type="application/json",
    )

    with cer_simulator.client(retry=None) as client, pytest.raises(ServerError) as caught:
        client.users.get("admin")

    assert caught.value.cer_status == "Database is not reachable"


def test_html_error_page_keeps_body(cer_simulator: Simulator) -> None:
    page = "<html><body><h1>HTTP Status 503</h1></body></html>"
    cer_simulator.inject("GET", USER_PATH, status=503, body=page, content_type="text/html")

    with cer_simulator.client(retry=None) as client, pytest.raises(ServerError) as caught:
        client.users.get("admin")

    assert caught.value.body == page


def test_garbage_body_raises_decode_error(cer_simulator: Simulator, client: Any) -> None:
    cer_simulator.inject(
        "GET", USER_PATH, status=200, body="this is not CER", content_type="text/plain"
    )

    with pytest.raises(DecodeError) as caught:
        client.users.get("admin")

    assert caught.value.status == 200
    assert caught.value.body == "this is not CER"


def test_injection_applies_only_times(cer_simulator: Simulator) -> None:
    cer_simulator.inject("GET", USER_PATH, status=500, body="", times=1)

    with cer_simulator.client(retry=None) as client:
        with pytest.raises(ServerError):
            client.users.get("admin")
        assert client.users.get("admin").user_name == "admin"


def test_closed_client_raises(cer_simulator: Simulator) -> None:
    client = cer_simulator.client()
    client.close()

    assert client.closed is True
    with pytest.raises(ClientClosedError):
        client.users.list()


def test_with_block_closes_client(cer_simulator: Simulator) -> None:
    with cer_simulator.client() as client:
        client.users.list()

    with pytest.raises(ClientClosedError):
        client.users.get("admin")


def test_async_with_block_closes_client(cer_simulator: Simulator) -> None:
    async def use_after_close() -> None:
        async with cer_simulator.async_client() as client:
            await client.users.list()
        await client.users.list()

    with pytest.raises(ClientClosedError):
        asyncio.run(use_after_close())


SECRET = "Sup3r-S3cret-Passw0rd"
WRONG_SECRET = "Wr0ng-S3cret-Passw0rd"


def _secret_forms(username: str, password: str) -> list[str]:
    credentials = f"{username}:{password}".encode()
    return [password, base64.b64encode(credentials).decode()]


def test_password_never_leaks(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="cerapi")
    texts: list[str] = []

    with Simulator(accounts={"robot": SECRET}) as simulator:
        with simulator.client() as client:
            texts.append(repr(client))
            texts.append(str(client.users.list()))
            try:
                client.users.delete("admin")
            except OperationFailedError as error:
                texts.extend([str(error), repr(error), str(error.body)])

        with simulator.client(password=WRONG_SECRET, format="xml") as wrong:
            texts.append(repr(wrong))
            with pytest.raises(AuthenticationError) as caught:
                wrong.users.list()
            error = caught.value
            texts.extend([str(error), repr(error), str(error.body), str(error.path)])
            texts.append(str(vars(error)))

    texts.extend(record.getMessage() for record in caplog.records)
    texts.extend(str(record.args) for record in caplog.records)

    assert caplog.records, "expected DEBUG records from the cerapi logger"
    forbidden = _secret_forms("robot", SECRET) + _secret_forms("robot", WRONG_SECRET)
    for text in texts:
        for secret in forbidden:
            assert secret not in text
