"""Unusual and invalid arguments: each one round-trips through CER or is rejected before sending.

A name that CER can store comes back unchanged from the simulator, in both
clients and both wire formats. An argument that cannot be sent raises
ValueError or TypeError naming the argument, and the simulator receives no request.
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Dict

import pytest

from cerapi import (
    Client,
    CucmCluster,
    RetryPolicy,
    Timeout,
)
from cerapi.testing import Simulator

TRICKY_NAMES = {
    "xml-and-quote-characters": "José O'Brien & <Co>",
    "inner-spaces": "noc robot  2",
    "double-quotes": '"quoted" user',
    "apostrophe": "it's",
    "markup": "<user><name>x</name></user>",
    "url-characters": "a/b?c=d&e#f%20+g;h",
    "non-ascii": "日本語ユーザー Ünïcödé",
    "combining-accent": "e\u0301",
    "emoji": "ambulance \U0001f691",
    "tab": "tab\there",
    "long-255": "n" * 255,
    "long-2000": "m" * 2_000,
}

PASSWORD = "Robot-Pa55 & <'\">"


@pytest.mark.parametrize("name", list(TRICKY_NAMES.values()), ids=list(TRICKY_NAMES))
def test_user_name_round_trips(cer_simulator: Simulator, client: Any, name: str) -> None:
    assert client.users.create(name, PASSWORD).status == "AddSuccess"

    assert client.users.get(name).user_name == name
    assert name in [user.user_name for user in client.users.list()]
    assert client.users.update(name, password=PASSWORD + "2").status == "UpdateSuccess"
    assert client.users.delete(name).ok
    assert name not in [user.user_name for user in client.users.list()]


@pytest.mark.parametrize(
    "name",
    [TRICKY_NAMES["xml-and-quote-characters"], TRICKY_NAMES["non-ascii"]],
    ids=["xml-and-quote-characters", "non-ascii"],
)
def test_role_and_group_names_round_trip(client: Any, name: str) -> None:
    description = "Night shift & <NOC> \"ops\" 'team'"
    client.roles.create(name, description=description, permissions=["ERL"])
    client.groups.create(name, description=description, users=["admin"], roles=[name])

    role = client.roles.get(name)
    group = client.groups.get(name)
    assert role.role_name == name
    assert role.description == description
    assert role.permissions == ["ERL"]
    assert group.group_name == name
    assert group.description == description
    assert group.roles == [name]
    assert group.users == ["admin"]


def test_tricky_name_in_bulk_delete(client: Any) -> None:
    name = TRICKY_NAMES["xml-and-quote-characters"]
    client.users.create(name, PASSWORD)

    result = client.users.delete_many([name, "admin"])

    items = {item.name: item for item in result.items}
    assert items[name].ok
    assert not items["admin"].ok


def test_tricky_values_in_request(client: Any, wire_format: str) -> None:
    name = TRICKY_NAMES["xml-and-quote-characters"]
    client.users.create(name, PASSWORD, cucm_cluster="cucm & <pub>")

    body = client.request("GET", "user", params={"userName": name})

    assert body["users"]["user"]["userName"] == name


# Rejected before sending: the check names the argument, and nothing reaches CER.


def _rejections() -> Dict[str, Callable[[Any], Any]]:
    return {
        "users.create empty name": lambda cer: cer.users.create("", PASSWORD),
        "users.create blank name": lambda cer: cer.users.create("   ", PASSWORD),
        "users.create None name": lambda cer: cer.users.create(None, PASSWORD),
        "users.create int name": lambda cer: cer.users.create(42, PASSWORD),
        "users.create bytes name": lambda cer: cer.users.create(b"robot", PASSWORD),
        "users.create None password": lambda cer: cer.users.create("robot", None),
        "users.create empty password": lambda cer: cer.users.create("robot", ""),
        "users.create int password": lambda cer: cer.users.create("robot", 1234),
        "users.create str flag": lambda cer: cer.users.create(
            "robot", PASSWORD, reset_on_logon="yes"
        ),
        "users.create unknown auth_mode": lambda cer: cer.users.create(
            "robot", PASSWORD, auth_mode="Kerberos"
        ),
        "users.create int auth_mode": lambda cer: cer.users.create("robot", PASSWORD, auth_mode=3),
        "users.create int cucm_cluster": lambda cer: cer.users.create(
            "robot", PASSWORD, cucm_cluster=10
        ),
        "users.get None": lambda cer: cer.users.get(None),
        "users.get empty": lambda cer: cer.users.get(""),
        "users.get list": lambda cer: cer.users.get(["admin"]),
        "users.delete None": lambda cer: cer.users.delete(None),
        "users.delete_many str": lambda cer: cer.users.delete_many("admin"),
        "users.delete_many empty": lambda cer: cer.users.delete_many([]),
        "users.delete_many None item": lambda cer: cer.users.delete_many(["admin", None]),
        "users.delete_many int": lambda cer: cer.users.delete_many(5),
        "roles.create None": lambda cer: cer.roles.create(None),
        "roles.create unknown permission": lambda cer: cer.roles.create(
            "ops", permissions=["Make coffee"]
        ),
        "groups.create users str": lambda cer: cer.groups.create("ops", users="admin"),
        "clusters.add None": lambda cer: cer.clusters.add(None),
        "clusters.add dict": lambda cer: cer.clusters.add({"cucm": "10.1.1.1"}),
        "clusters.add None cucm": lambda cer: cer.clusters.add(
            CucmCluster(cucm=None, cti_user="cti", cti_password="pw")
        ),
        "clusters.add empty cucm": lambda cer: cer.clusters.add(
            CucmCluster(cucm="", cti_user="cti", cti_password="pw")
        ),
        "clusters.add negative teleports": lambda cer: cer.clusters.add(
            CucmCluster(cucm="10.1.1.1", cti_user="cti", cti_password="pw", number_of_teleports=-1)
        ),
        "request int method": lambda cer: cer.request(1, "user/"),
        "request None path": lambda cer: cer.request("GET", None),
        "request str params": lambda cer: cer.request("GET", "user", params="userName=admin"),
        "request int body": lambda cer: cer.request("POST", "user", body=5),
    }


REJECTIONS = _rejections()
EXPECTED_FIELD = {
    "users.create empty name": "user_name",
    "users.create blank name": "user_name",
    "users.create None name": "user_name",
    "users.create int name": "user_name",
    "users.create bytes name": "user_name",
    "users.create None password": "password",
    "users.create empty password": "password",
    "users.create int password": "password",
    "users.create str flag": "reset_on_logon",
    "users.create unknown auth_mode": "auth_mode",
    "users.create int auth_mode": "auth_mode",
    "users.create int cucm_cluster": "cucm_cluster",
    "users.get None": "name",
    "users.get empty": "name",
    "users.get list": "name",
    "users.delete None": "name",
    "users.delete_many str": "names",
    "users.delete_many empty": "names",
    "users.delete_many None item": "names",
    "users.delete_many int": "names",
    "roles.create None": "name",
    "roles.create unknown permission": "Make coffee",
    "groups.create users str": "users",
    "clusters.add None": "cluster",
    "clusters.add dict": "cluster",
    "clusters.add None cucm": "cucm",
    "clusters.add empty cucm": "cucm",
    "clusters.add negative teleports": "number_of_teleports",
    "request int method": "method",
    "request None path": "path",
    "request str params": "params",
    "request int body": "body",
}


@pytest.mark.parametrize("case", list(REJECTIONS))
def test_invalid_argument_rejected_before_sending(
    cer_simulator: Simulator, client: Any, case: str
) -> None:
    with pytest.raises((ValueError, TypeError)) as caught:
        REJECTIONS[case](client)

    assert EXPECTED_FIELD[case] in str(caught.value)
    assert cer_simulator.requests() == []


def test_rejection_table_names_every_case() -> None:
    assert set(EXPECTED_FIELD) == set(REJECTIONS)


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"host": None}, "host"),
        ({"host": ""}, "host"),
        ({"host": "cer pub.example.com"}, "host"),
        ({"host": "ftp://cer-pub.example.com"}, "scheme"),
        ({"username": None}, "username"),
        ({"username": ""}, "username"),
        ({"password": None}, "password"),
        ({"password": ""}, "password"),
        ({"port": "443"}, "port"),
        ({"port": 0}, "port"),
        ({"timeout": "5"}, "timeout"),
        ({"timeout": 0}, "Timeout.connect"),
        ({"timeout": float("nan")}, "Timeout.connect"),
        ({"format": "yaml"}, "format"),
        ({"format": None}, "format"),
        ({"max_concurrency": 0}, "max_concurrency"),
        ({"max_concurrency": "8"}, "max_concurrency"),
        ({"verify": "/nonexistent/ca.pem"}, "CA bundle"),
        ({"verify": 1}, "verify"),
        ({"retry": 2}, "retry"),
        ({"retry": RetryPolicy}, "retry"),
        ({"max_response_bytes": None}, "max_response_bytes"),
    ],
)
def test_invalid_client_setting_rejected(settings: Dict[str, Any], field: str) -> None:
    arguments: Dict[str, Any] = {
        "host": "cer-pub.example.com",
        "username": "api",
        "password": "pw",
    }
    arguments.update(settings)

    with pytest.raises((ValueError, TypeError)) as caught:
        Client(**arguments)

    assert field in str(caught.value)


def test_timeout_rejects_negative_read() -> None:
    with pytest.raises(ValueError, match=r"Timeout\.read"):
        Timeout(read=-1)


def test_async_rejects_before_sending(cer_simulator: Simulator) -> None:
    async def call_with_bad_name() -> None:
        async with cer_simulator.async_client() as client:
            await client.users.create(None, PASSWORD)  # type: ignore[arg-type]

    with pytest.raises(TypeError, match="user_name"):
        asyncio.run(call_with_bad_name())
    assert cer_simulator.requests() == []


@pytest.mark.parametrize("name", ["  leading", "trailing  "])
def test_name_with_outer_spaces_round_trips(sync_client: Client, name: str) -> None:
    sync_client.users.create(name, PASSWORD)

    assert sync_client.users.get(name).user_name == name


HUGE_NAME = "h" * 9_000
"""Makes a URL longer than the 8 KiB request line Apache Tomcat, CER's web server, accepts."""


@pytest.mark.parametrize("size", [9_000, 70_000])
def test_name_beyond_url_limit_rejected(cer_simulator: Simulator, size: int) -> None:
    with cer_simulator.client(retry=RetryPolicy(backoff=0.05)) as client:
        with pytest.raises(ValueError, match="8192 bytes"):
            client.users.get("h" * size)

    assert cer_simulator.requests() == []


def test_unsent_delete_not_reported_as_applied(cer_simulator: Simulator) -> None:
    with cer_simulator.client() as client:
        with pytest.raises(ValueError) as caught:
            client.users.delete(HUGE_NAME)

    assert cer_simulator.requests() == []
    assert "may have been applied" not in str(caught.value)
