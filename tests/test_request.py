"""client.request: raw access to any endpoint, with dict results in both wire formats."""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import parse_qs

import pytest

from cerapi import NotFoundError
from cerapi.testing import Simulator
from conftest import ADMIN_GROUPS


@dataclasses.dataclass
class NewUserRequest:
    """A POST /user body with CER's own field names."""

    userName: str
    userPassword: str
    authenticationMode: str = "Local"
    resetOnLogon: str = "f"


def test_request_get_user_returns_dict(client: Any) -> None:
    body = client.request("GET", "user", params={"userName": "admin"})

    assert isinstance(body, dict)
    assert body["status"] == "User Details Info"
    user = body["users"]["user"]
    assert user["userName"] == "admin"
    assert user["isStandard"] == "true"
    assert user["userGroups"]["userGroup"] == ADMIN_GROUPS


def test_request_list_path_with_slashes(client: Any) -> None:
    body = client.request("GET", "/user/")

    users = body["users"]["user"]
    assert isinstance(users, list)
    assert users[0]["userName"] == "admin"


def test_request_method_is_case_insensitive(client: Any) -> None:
    body = client.request("get", "user", params={"userName": "TestUserCERTeamLocal_662"})

    assert body["users"]["user"]["userName"] == "TestUserCERTeamLocal_662"


def test_request_dataclass_body(client: Any) -> None:
    new_user = NewUserRequest(userName="raw_user", userPassword="Raw-Pa55!")

    body = client.request("POST", "user", body=new_user, xml_root="newUserRequest")

    assert body["status"] == "AddSuccess"
    assert client.users.get("raw_user").user_name == "raw_user"


def test_request_dict_body_on_delete(client: Any) -> None:
    delete_list = {"users": {"name": ["TestUserCERTeamLocal_889", "TestUserCERTeamLocal_49"]}}

    body = client.request("DELETE", "user/", body=delete_list, xml_root="deleteAppUserRequest")

    items = body["users"]["user"]
    assert [item["name"] for item in items] == [
        "TestUserCERTeamLocal_889",
        "TestUserCERTeamLocal_49",
    ]
    assert items[1]["status"] == "Failure"
    with pytest.raises(NotFoundError):
        client.users.get("TestUserCERTeamLocal_889")


def test_request_unknown_user_raises_not_found(client: Any) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.request("GET", "user", params={"userName": "nobody"})

    assert caught.value.status == 404


def test_request_empty_body_returns_empty_dict(
    cer_simulator: Simulator, client: Any, wire_format: str
) -> None:
    content_type = "application/json" if wire_format == "json" else "application/xml"
    cer_simulator.inject(
        "GET", "/cerappservices/service/user", status=200, body="", content_type=content_type
    )

    assert client.request("GET", "user", params={"userName": "admin"}) == {}


def test_xml_body_without_root_raises(cer_simulator: Simulator) -> None:
    with cer_simulator.client(format="xml") as xml_client:
        with pytest.raises(ValueError, match="xml_root"):
            xml_client.request("POST", "user", body={"userName": "x"})


def test_request_rejects_bad_body_type(client: Any) -> None:
    with pytest.raises(TypeError, match="body"):
        client.request("POST", "user", body="userName=x")


def test_request_query_reaches_server(cer_simulator: Simulator, client: Any) -> None:
    with pytest.raises(NotFoundError):
        client.request("GET", "user", params={"userName": "CER System Admin & co"})

    method, target = cer_simulator.requests()[-1]
    path, _, query = target.partition("?")
    assert method == "GET"
    assert path == "/cerappservices/service/user"
    assert parse_qs(query) == {"userName": ["CER System Admin & co"]}
