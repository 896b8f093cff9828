"""Each network fault and bad response raises its documented error, and is retried or not.

The rows of the fault table in docs/reliability.md map to FAULTS by name.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import pathlib
from typing import Any, Dict, Optional, Union

import pytest

from cerapi import (
    BadRequestError,
    CerError,
    ConnectError,
    DecodeError,
    OperationFailedError,
    RequestTimeoutError,
    RetryPolicy,
    ServerError,
    Timeout,
)
from cerapi.testing import Simulator
from conftest import BlockingFacade

USER_PATH = "/cerappservices/service/user"
USER_LIST_PATH = "/cerappservices/service/user/"
FIXTURES = pathlib.Path(__file__).parent / "fixtures"
USER_GET_JSON = (FIXTURES / "user-get.response.json").read_text(encoding="utf-8")
USER_GET_XML = (FIXTURES / "user-get.response.xml").read_text(encoding="utf-8")

READ_TIMEOUT = 0.5
CLIENT_TIMEOUT = Timeout(connect=5.0, read=READ_TIMEOUT)
"""Short enough that a delayed response times out, so no test waits long on a fault."""

FAST_RETRY = RetryPolicy(backoff=0.05, max_backoff=0.2)

# NOTE: the simulator sends nothing at all for "reset" and "truncate" while half
# the body fits its HTTP write buffer (about 400 KiB), so the client sees the
# same as "close". A 1 MiB body makes it send the headers and 512 KiB first.
LARGE_BODY = USER_GET_JSON + " " * (1024 * 1024 - len(USER_GET_JSON))

PUBLISHER_ACTIVE = "Publisher is active. Cannot fetch information from subscriber."
INVALID_UTF8_JSON = USER_GET_JSON.encode().replace(b'"admin"', b'"adm\xff\xfein"', 1)
INVALID_UTF8_XML = USER_GET_XML.encode().replace(b">admin<", b">adm\xff\xfein<", 1)


@dataclasses.dataclass(frozen=True)
class Fault:
    """One row of the fault table: the injected fault and the error the caller gets.

    ``body`` may map the client's wire format to the body to send.
    """

    inject: Dict[str, Any]
    error: type[CerError]
    message: str
    status: Optional[int]
    retried: bool
    call: str = "get"
    body: Union[str, bytes, Dict[str, Union[str, bytes]], None] = None
    content_type: Optional[str] = None
    keeps_body: bool = False


FAULTS: Dict[str, Fault] = {
    "delay_beyond_read_timeout": Fault(
        inject={"delay": 2.0},
        error=RequestTimeoutError,
        message=f"timed out after {READ_TIMEOUT} s waiting for a response",
        status=None,
        retried=True,
    ),
    "close_before_answer": Fault(
        inject={"action": "close"},
        error=ConnectError,
        message="connection closed before message completed",
        status=None,
        retried=True,
    ),
    "reset_mid_body": Fault(
        inject={"action": "reset"},
        body=LARGE_BODY,
        content_type="application/json",
        error=ConnectError,
        message="broke while reading the response",
        status=None,
        retried=True,
    ),
    "truncated_body": Fault(
        inject={"action": "truncate"},
        body=LARGE_BODY,
        content_type="application/json",
        error=ConnectError,
        message="broke while reading the response",
        status=None,
        retried=True,
    ),
    "malformed_json": Fault(
        inject={"status": 200},
        body='{"users": {"user": {"userName": ',
        content_type="application/json",
        error=DecodeError,
        message="invalid JSON",
        status=200,
        retried=False,
        keeps_body=True,
    ),
    "malformed_xml": Fault(
        inject={"status": 200},
        body="<userDetailsResponse><users><user><userName>admin</user>",
        content_type="application/xml",
        error=DecodeError,
        message="invalid XML",
        status=200,
        retried=False,
        keeps_body=True,
    ),
    "html_page_with_500": Fault(
        inject={"status": 500},
        body="<html><body><h1>HTTP Status 500 - Internal Server Error</h1></body></html>",
        content_type="text/html;charset=utf-8",
        error=ServerError,
        message="HTTP 500 Internal Server Error",
        status=500,
        retried=True,
        keeps_body=True,
    ),
    "html_page_with_200": Fault(
        inject={"status": 200},
        body="<!DOCTYPE html><html><body><form>CER login</form></body></html>",
        content_type="text/html;charset=utf-8",
        error=DecodeError,
        message="it is an HTML page",
        status=200,
        retried=False,
        keeps_body=True,
    ),
    "status_503_with_retry_after": Fault(
        inject={"status": 503, "headers": [("Retry-After", "0")]},
        body="Service Unavailable",
        content_type="text/plain",
        error=ServerError,
        message="HTTP 503 Service Unavailable",
        status=503,
        retried=True,
        keeps_body=True,
    ),
    "status_429": Fault(
        inject={"status": 429},
        body='{"status": "Too many requests"}',
        content_type="application/json",
        error=BadRequestError,
        message="HTTP 429 Too Many Requests (Too many requests)",
        status=429,
        retried=True,
        keeps_body=True,
    ),
    "empty_body_with_200": Fault(
        inject={"status": 200},
        body="",
        error=DecodeError,
        message="the body is empty",
        status=200,
        retried=False,
    ),
    "list_without_wrapper": Fault(
        inject={"status": 200},
        call="list",
        body={
            "json": "{}",
            "xml": "<userDetailsResponse><status>User Details Info</status></userDetailsResponse>",
        },
        error=DecodeError,
        message="the response has no users element",
        status=200,
        retried=False,
    ),
    "body_over_max_response_bytes": Fault(
        inject={"status": 200},
        body=USER_GET_JSON,
        content_type="application/json",
        error=DecodeError,
        message="raise max_response_bytes",
        status=None,
        retried=False,
    ),
    "invalid_utf8": Fault(
        inject={"status": 200},
        body={"json": INVALID_UTF8_JSON, "xml": INVALID_UTF8_XML},
        error=DecodeError,
        message="cannot read",
        status=200,
        retried=False,
        keeps_body=True,
    ),
    "failure_status_in_200": Fault(
        inject={"status": 200},
        call="list",
        body={
            "json": f'{{"status": "{PUBLISHER_ACTIVE}"}}',
            "xml": f"<userInfoResponse><status>{PUBLISHER_ACTIVE}</status></userInfoResponse>",
        },
        error=OperationFailedError,
        message=PUBLISHER_ACTIVE,
        status=200,
        retried=False,
        keeps_body=True,
    ),
}


def _body_for(fault: Fault, wire_format: str) -> Union[str, bytes, None]:
    if isinstance(fault.body, dict):
        return fault.body[wire_format]
    return fault.body


def _inject(simulator: Simulator, fault: Fault, wire_format: str, times: int) -> None:
    path = USER_LIST_PATH if fault.call == "list" else USER_PATH
    simulator.inject(
        "GET",
        path,
        body=_body_for(fault, wire_format),
        content_type=fault.content_type,
        times=times,
        **fault.inject,
    )


def _open(simulator: Simulator, mode: str, **settings: Any) -> Any:
    """Return a Client, or an AsyncClient wrapped so that tests call it like a Client."""
    settings.setdefault("timeout", CLIENT_TIMEOUT)
    if mode == "sync":
        return simulator.client(**settings)
    return BlockingFacade(simulator.async_client(**settings))


def _call(client: Any, fault: Fault) -> Any:
    if fault.call == "list":
        return client.users.list()
    return client.users.get("admin")


def _max_response_bytes(fault: Fault) -> int:
    if fault is FAULTS["body_over_max_response_bytes"]:
        return 100
    return 16 * 1024 * 1024


@pytest.mark.parametrize("name", list(FAULTS))
def test_fault_raises_documented_error(
    cer_simulator: Simulator, name: str, mode: str, wire_format: str
) -> None:
    fault = FAULTS[name]
    _inject(cer_simulator, fault, wire_format, times=1)
    client = _open(
        cer_simulator,
        mode,
        format=wire_format,
        retry=None,
        max_response_bytes=_max_response_bytes(fault),
    )

    with pytest.raises(fault.error) as caught:
        _call(client, fault)
    client.close()

    error = caught.value
    assert type(error) is fault.error
    assert fault.message in str(error)
    assert error.status == fault.status
    assert error.method == "GET"
    assert error.path is not None
    assert error.path.startswith(USER_PATH)
    assert len(cer_simulator.requests()) == 1
    if fault.keeps_body:
        assert error.body is not None
        assert error.body != ""


@pytest.mark.parametrize("name", list(FAULTS))
def test_fault_retried_as_documented(
    cer_simulator: Simulator, caplog: pytest.LogCaptureFixture, name: str, mode: str
) -> None:
    caplog.set_level(logging.WARNING, logger="cerapi")
    fault = FAULTS[name]
    _inject(cer_simulator, fault, "json", times=1)
    client = _open(
        cer_simulator, mode, retry=FAST_RETRY, max_response_bytes=_max_response_bytes(fault)
    )

    if fault.retried:
        result = _call(client, fault)
        names = [user.user_name for user in result] if fault.call == "list" else [result.user_name]
        assert "admin" in names
        assert len(cer_simulator.requests()) == 2
        assert len(caplog.records) == 1
        assert caplog.records[0].getMessage().startswith("retrying GET ")
    else:
        with pytest.raises(fault.error):
            _call(client, fault)
        assert len(cer_simulator.requests()) == 1
        assert caplog.records == []
    client.close()


def test_malformed_json_keeps_raw_body(cer_simulator: Simulator) -> None:
    body = '{"users": {"user": {"userName": '
    cer_simulator.inject("GET", USER_PATH, status=200, body=body, content_type="application/json")

    with cer_simulator.client(retry=None) as client, pytest.raises(DecodeError) as caught:
        client.users.get("admin")

    assert caught.value.body == body


def test_invalid_utf8_body_replaced_in_error(cer_simulator: Simulator, wire_format: str) -> None:
    body = INVALID_UTF8_JSON if wire_format == "json" else INVALID_UTF8_XML
    cer_simulator.inject("GET", USER_PATH, status=200, body=body)

    with cer_simulator.client(format=wire_format, retry=None) as client:
        with pytest.raises(DecodeError) as caught:
            client.users.get("admin")

    error_body = caught.value.body
    assert error_body is not None
    assert "adm\ufffd\ufffdin" in error_body
    assert error_body.startswith(body[:20].decode())


def test_invalid_utf8_xml_message(cer_simulator: Simulator) -> None:
    cer_simulator.inject(
        "GET", USER_PATH, status=200, body=INVALID_UTF8_XML, content_type="application/xml"
    )

    with cer_simulator.client(format="xml", retry=None) as client:
        with pytest.raises(DecodeError, match="not UTF-8"):
            client.users.get("admin")


def test_max_response_bytes_message_names_setting(cer_simulator: Simulator) -> None:
    cer_simulator.inject(
        "GET", USER_PATH, status=200, body=USER_GET_JSON, content_type="application/json"
    )

    with cer_simulator.client(max_response_bytes=100) as client:
        with pytest.raises(DecodeError) as caught:
            client.users.get("admin")

    message = str(caught.value)
    assert "100-byte limit" in message
    assert "max_response_bytes" in message


def test_max_response_bytes_allows_smaller_body(cer_simulator: Simulator) -> None:
    with cer_simulator.client(max_response_bytes=len(USER_GET_JSON.encode()) + 4096) as client:
        assert client.users.get("admin").user_name == "admin"


def test_failure_status_in_200_keeps_cer_status(cer_simulator: Simulator, wire_format: str) -> None:
    fault = FAULTS["failure_status_in_200"]
    _inject(cer_simulator, fault, wire_format, times=1)

    with cer_simulator.client(format=wire_format) as client:
        with pytest.raises(OperationFailedError) as caught:
            client.users.list()

    assert caught.value.cer_status == PUBLISHER_ACTIVE


def test_failure_status_in_200_on_write(cer_simulator: Simulator) -> None:
    cer_simulator.inject(
        "POST",
        USER_PATH,
        status=200,
        body=f'{{"status": "{PUBLISHER_ACTIVE}"}}',
        content_type="application/json",
    )

    with cer_simulator.client() as client, pytest.raises(OperationFailedError) as caught:
        client.users.create("robot", "Robot-Pa55")

    assert PUBLISHER_ACTIVE in str(caught.value)


def test_html_page_with_200_on_request(cer_simulator: Simulator) -> None:
    fault = FAULTS["html_page_with_200"]
    cer_simulator.inject(
        "GET", USER_LIST_PATH, status=200, body=fault.body, content_type=fault.content_type
    )

    with cer_simulator.client() as client, pytest.raises(DecodeError, match="HTML page"):
        client.request("GET", "user/")


def test_empty_body_on_request_returns_empty_dict(cer_simulator: Simulator) -> None:
    # request() returns CER's body as it is; only typed methods need the envelope.
    cer_simulator.inject("GET", USER_LIST_PATH, status=200, body="")

    with cer_simulator.client() as client:
        assert client.request("GET", "user/") == {}


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (USER_GET_JSON, "text/plain"),
        (USER_GET_JSON, "application/xml"),
        (USER_GET_XML, "application/json"),
        (USER_GET_XML, "text/plain"),
        (USER_GET_JSON, None),
    ],
    ids=["json-as-text", "json-as-xml", "xml-as-json", "xml-as-text", "json-unlabelled"],
)
def test_wrong_content_type_still_reads(
    cer_simulator: Simulator, client_without_retry: Any, body: str, content_type: Optional[str]
) -> None:
    cer_simulator.inject("GET", USER_PATH, status=200, body=body, content_type=content_type)

    admin = client_without_retry.users.get("admin")

    assert admin.user_name == "admin"
    assert admin.roles[0] == "CER System Admin"


def test_xml_labelled_html_is_rejected(cer_simulator: Simulator) -> None:
    cer_simulator.inject("GET", USER_PATH, status=200, body=USER_GET_XML, content_type="text/html")

    with cer_simulator.client(format="xml") as client, pytest.raises(DecodeError, match="HTML"):
        client.users.get("admin")


def test_async_timeout_leaves_client_usable(cer_simulator: Simulator) -> None:
    cer_simulator.inject("GET", USER_PATH, delay=2.0)

    async def time_out_then_get() -> str:
        async with cer_simulator.async_client(timeout=CLIENT_TIMEOUT, retry=None) as client:
            with pytest.raises(RequestTimeoutError):
                await client.users.get("admin")
            return (await client.users.get("admin")).user_name

    assert asyncio.run(time_out_then_get()) == "admin"


@pytest.mark.parametrize(
    ("action", "body"),
    [("close", None), ("reset", LARGE_BODY), ("truncate", LARGE_BODY)],
)
def test_broken_connection_leaves_client_usable(
    cer_simulator: Simulator, action: str, body: Optional[str]
) -> None:
    cer_simulator.inject("GET", USER_PATH, action=action, body=body)

    with cer_simulator.client(retry=None) as client:
        with pytest.raises(ConnectError):
            client.users.get("admin")
        assert client.users.get("admin").user_name == "admin"
