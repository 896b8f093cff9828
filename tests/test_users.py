"""User operations against the simulator, for Client and AsyncClient, in JSON and XML."""

from __future__ import annotations

import re
from typing import Any

import pytest

from cerapi import (
    BulkResult,
    ItemResult,
    NotFoundError,
    OperationFailedError,
    User,
    WriteResult,
)
from conftest import ADMIN_GROUPS, ADMIN_ROLES, SEEDED_USERS

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def test_list_returns_seeded_users(client: Any) -> None:
    users = client.users.list()

    assert all(isinstance(user, User) for user in users)
    assert [user.user_name for user in users] == SEEDED_USERS

    admin = users[0]
    assert admin.is_standard is True
    assert admin.auth_mode == "Local"
    assert admin.groups == ADMIN_GROUPS
    assert admin.roles == ADMIN_ROLES
    assert UUID.match(admin.pkid)

    for user in users[1:]:
        assert user.is_standard is False
        assert user.auth_mode == "Local"
        assert user.groups == []
        assert user.roles == []


def test_get_admin(client: Any) -> None:
    admin = client.users.get("admin")

    assert isinstance(admin, User)
    assert admin.user_name == "admin"
    assert admin.is_standard is True
    assert admin.groups == ADMIN_GROUPS
    assert admin.roles == ADMIN_ROLES
    assert admin.publisher_url is not None
    assert admin.publisher_url.endswith("/cerappservices/service/user?userName=admin")


def test_get_matches_list_entry(client: Any) -> None:
    listed = {user.user_name: user for user in client.users.list()}

    fetched = client.users.get("TestUserCERTeamLocal_662")

    assert fetched == listed["TestUserCERTeamLocal_662"]


def test_get_unknown_user_raises_not_found(client: Any) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.users.get("no-such-user")

    error = caught.value
    assert error.status == 404
    assert error.method == "GET"
    assert error.path is not None
    assert "no-such-user" in error.path


def test_create_then_get(client: Any) -> None:
    result = client.users.create("api_robot", "Robot-Pa55!")

    assert isinstance(result, WriteResult)
    assert result.status == "AddSuccess"
    assert result.pkid is not None
    assert UUID.match(result.pkid)

    created = client.users.get("api_robot")
    assert created.user_name == "api_robot"
    assert created.pkid == result.pkid
    assert created.auth_mode == "Local"
    assert created.is_standard is False
    assert "api_robot" in [user.user_name for user in client.users.list()]


def test_create_remote_user(client: Any) -> None:
    result = client.users.create(
        "remote_op",
        "Remote-Pa55!",
        auth_mode="Remote",
        cucm_cluster="10.77.34.169",
        reset_on_logon=True,
    )

    assert result.status == "AddSuccess"
    assert client.users.get("remote_op").auth_mode == "Remote"


def test_create_idp_user_with_lowercase_mode(client: Any) -> None:
    client.users.create("sso_op", "Sso-Pa55!", auth_mode="idp", cucm_cluster="cucm.example.com")

    assert client.users.get("sso_op").auth_mode == "IdP"


def test_update_changes_auth_mode(client: Any) -> None:
    client.users.create("to_update", "First-Pa55!")

    result = client.users.update(
        "to_update", password="Second-Pa55!", auth_mode="Remote", cucm_cluster="10.1.1.1"
    )

    assert isinstance(result, WriteResult)
    assert result.status == "UpdateSuccess"
    assert result.links
    assert client.users.get("to_update").auth_mode == "Remote"


def test_update_sends_only_given_fields(client: Any) -> None:
    result = client.users.update("TestUserCERTeamLocal_889", reset_on_logon=True)

    assert result.status == "UpdateSuccess"
    assert client.users.get("TestUserCERTeamLocal_889").auth_mode == "Local"


def test_delete_then_get_raises_not_found(client: Any) -> None:
    result = client.users.delete("TestUserCERTeamLocal_889")

    assert isinstance(result, ItemResult)
    assert result.ok is True
    assert result.name == "TestUserCERTeamLocal_889"
    with pytest.raises(NotFoundError):
        client.users.get("TestUserCERTeamLocal_889")
    remaining = [user.user_name for user in client.users.list()]
    assert remaining == ["admin", "TestUserCERTeamLocal_662"]


def test_delete_admin_raises_operation_failed(client: Any) -> None:
    with pytest.raises(OperationFailedError) as caught:
        client.users.delete("admin")

    error = caught.value
    assert "Cannot delete standard user admin" in error.message
    assert error.status == 200
    assert error.method == "DELETE"
    assert client.users.get("admin").is_standard is True


def test_delete_missing_user_raises_operation_failed(client: Any) -> None:
    with pytest.raises(OperationFailedError) as caught:
        client.users.delete("TestUserCERTeamLocal_301")

    assert "TestUserCERTeamLocal_301" in caught.value.message


def test_delete_many_reports_each_name(client: Any) -> None:
    names = ["TestUserCERTeamLocal_662", "TestUserCERTeamLocal_301", "AdMiN"]

    result = client.users.delete_many(names)

    assert isinstance(result, BulkResult)
    assert result.ok is False
    assert len(result) == 3
    outcomes = {item.name: item for item in result}
    assert set(outcomes) == set(names)

    assert outcomes["TestUserCERTeamLocal_662"].ok is True

    missing = outcomes["TestUserCERTeamLocal_301"]
    assert missing.ok is False
    assert missing.status == "Failure"
    assert "TestUserCERTeamLocal_301" in missing.message

    standard = outcomes["AdMiN"]
    assert standard.ok is False
    assert standard.message.strip() == "Cannot delete standard user AdMiN"

    assert [item.name for item in result.succeeded] == ["TestUserCERTeamLocal_662"]
    assert len(result.failed) == 2
    remaining = [user.user_name for user in client.users.list()]
    assert remaining == ["admin", "TestUserCERTeamLocal_889"]


def test_delete_many_all_succeed(client: Any) -> None:
    result = client.users.delete_many(["TestUserCERTeamLocal_662", "TestUserCERTeamLocal_889"])

    assert result.ok is True
    assert len(result.succeeded) == 2
    assert [user.user_name for user in client.users.list()] == ["admin"]


def test_result_to_dict(client: Any) -> None:
    result = client.users.delete_many(["TestUserCERTeamLocal_662"])

    as_dict = result.to_dict()

    assert as_dict["items"][0]["name"] == "TestUserCERTeamLocal_662"
    assert as_dict["items"][0]["ok"] is True


@pytest.mark.parametrize(
    ("call", "error_type", "fragment"),
    [
        (lambda users: users.get(""), ValueError, "name"),
        (lambda users: users.get(42), TypeError, "name"),
        (lambda users: users.create("x", "pw", auth_mode="Kerberos"), ValueError, "auth_mode"),
        (lambda users: users.create("x", ""), ValueError, "password"),
        (lambda users: users.create("", "pw"), ValueError, "user_name"),
        (lambda users: users.update("x", reset_on_logon="yes"), TypeError, "reset_on_logon"),
        (lambda users: users.delete_many("admin"), TypeError, "names"),
        (lambda users: users.delete_many([]), ValueError, "names"),
    ],
)
def test_invalid_arguments_raise(
    client: Any, call: Any, error_type: type[Exception], fragment: str
) -> None:
    with pytest.raises(error_type, match=fragment):
        call(client.users)
