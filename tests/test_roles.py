"""Role operations against the simulator, for Client and AsyncClient, in JSON and XML."""

from __future__ import annotations

import re
from typing import Any

import pytest

from cerapi import (
    PERMISSIONS,
    BadRequestError,
    BulkResult,
    ItemResult,
    NotFoundError,
    OperationFailedError,
    Role,
    WriteResult,
)
from cerapi.testing import Simulator
from conftest import STANDARD_ROLES

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SERVICE = "/cerappservices/service"


def test_permissions_lists_every_display_name() -> None:
    assert len(PERMISSIONS) == 53
    assert len(set(PERMISSIONS)) == 53
    assert PERMISSIONS[0] == "Cluster DB Host setting"
    assert "Access Point" in PERMISSIONS
    assert "CPU & Memory Usage" in PERMISSIONS
    assert PERMISSIONS[-1] == "Web Alert"


def test_list_returns_standard_roles(client: Any) -> None:
    roles = client.roles.list()

    assert all(isinstance(role, Role) for role in roles)
    assert [role.role_name for role in roles] == STANDARD_ROLES
    assert all(role.is_standard for role in roles)
    by_name = {role.role_name: role for role in roles}
    assert len(by_name["CER System Admin"].permissions) == 38
    assert by_name["CER Audit Admin"].permissions == ["Audit Log Configuration"]
    assert by_name["CER User"].permissions == ["Phone Search", "User Call History", "Web Alert"]


def test_get_standard_role(client: Any) -> None:
    role = client.roles.get("CER ERL Admin")

    assert role.role_name == "CER ERL Admin"
    assert role.description == "ERL Configurations"
    assert role.is_standard is True
    assert "IP Subnet" in role.permissions
    assert len(role.permissions) == 7
    assert role.publisher_url is not None
    assert role.publisher_url.endswith("/userrole?userRoleName=CER%20ERL%20Admin")


def test_get_unknown_role_raises_not_found(client: Any) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.roles.get("No Such Role")

    assert caught.value.status == 404
    assert caught.value.method == "GET"


def test_create_with_two_permissions(client: Any) -> None:
    result = client.roles.create(
        "NOC Operator",
        description="Network operations centre",
        permissions=["Access Point", "CPU & Memory Usage"],
    )

    assert isinstance(result, WriteResult)
    assert result.status == "Success"
    assert result.message is not None
    assert result.message.startswith("Added role 'NOC Operator'")

    role = client.roles.get("NOC Operator")
    assert sorted(role.permissions) == ["Access Point", "CPU & Memory Usage"]
    assert role.description == "Network operations centre"
    assert role.is_standard is False
    assert UUID.match(role.pkid)
    assert "NOC Operator" in [listed.role_name for listed in client.roles.list()]


def test_create_accepts_flag_and_snake_case_names(client: Any) -> None:
    client.roles.create("Spellings", permissions=["access_point", "CPUMemoryUsage", "ERL"])

    role = client.roles.get("Spellings")

    assert sorted(role.permissions) == ["Access Point", "CPU & Memory Usage", "ERL"]


def test_create_with_permission_mapping(client: Any) -> None:
    client.roles.create("Mapped", permissions={"ERL": True, "IP Subnet": True, "Purge": False})

    assert sorted(client.roles.get("Mapped").permissions) == ["ERL", "IP Subnet"]


def test_create_select_all_grants_everything(client: Any) -> None:
    client.roles.create("Everything", select_all=True)

    assert sorted(client.roles.get("Everything").permissions) == sorted(PERMISSIONS)


def test_create_without_permissions(client: Any) -> None:
    client.roles.create("Nothing")

    role = client.roles.get("Nothing")

    assert role.permissions == []
    assert role.description == ""


def test_create_existing_name_raises_bad_request(client: Any) -> None:
    client.roles.create("Twice", permissions=["ERL"])

    with pytest.raises(BadRequestError):
        client.roles.create("Twice", permissions=["ERL"])
    with pytest.raises(BadRequestError):
        client.roles.create("CER User")


def test_update_changes_description_and_permissions(client: Any) -> None:
    client.roles.create("Editable", description="before", permissions=["Access Point", "Purge"])

    result = client.roles.update("Editable", description="after", permissions=["ERL", "Telephony"])

    assert result.status == "Success"
    assert result.message == "Update Successful for role Editable"
    change = result.extra["changeRequested"]
    assert change["from"]["description"] == "before"
    assert change["to"]["description"] == "after"
    role = client.roles.get("Editable")
    assert role.description == "after"
    assert sorted(role.permissions) == ["ERL", "Telephony"]


def test_update_without_permissions_keeps_them(client: Any) -> None:
    client.roles.create("Kept", description="one", permissions=["Purge", "Server"])

    client.roles.update("Kept", description="two")

    role = client.roles.get("Kept")
    assert role.description == "two"
    assert sorted(role.permissions) == ["Purge", "Server"]


def test_update_with_empty_permissions_clears_them(client: Any) -> None:
    client.roles.create("Cleared", permissions=["Purge"])

    client.roles.update("Cleared", permissions=[])

    assert client.roles.get("Cleared").permissions == []


def test_update_standard_role_raises_bad_request(client: Any) -> None:
    before = client.roles.get("CER User")

    with pytest.raises(BadRequestError) as caught:
        client.roles.update("CER User", description="changed", permissions=["ERL"])

    assert caught.value.status == 400
    assert caught.value.method == "PUT"
    assert client.roles.get("CER User") == before


def test_update_unknown_role_raises_not_found(client: Any) -> None:
    with pytest.raises(NotFoundError):
        client.roles.update("No Such Role", description="x")


def test_delete_custom_role(client: Any) -> None:
    client.roles.create("Temporary", permissions=["ERL"])

    result = client.roles.delete("Temporary")

    assert isinstance(result, ItemResult)
    assert result.ok is True
    assert result.name == "Temporary"
    with pytest.raises(NotFoundError):
        client.roles.get("Temporary")


def test_delete_standard_role_raises_operation_failed(client: Any) -> None:
    with pytest.raises(OperationFailedError) as caught:
        client.roles.delete("CER User")

    assert "Cannot delete standard UserRole 'CER User'" in caught.value.message
    assert caught.value.status == 200
    assert client.roles.get("CER User").is_standard is True


def test_delete_missing_role_raises_operation_failed(client: Any) -> None:
    with pytest.raises(OperationFailedError) as caught:
        client.roles.delete("Ghost Role")

    assert "Ghost Role" in caught.value.message


def test_delete_many_reports_each_name(client: Any) -> None:
    client.roles.create("Disposable", permissions=["ERL"])

    result = client.roles.delete_many(["Disposable", "Ghost Role", "CER System Admin", ""])

    assert isinstance(result, BulkResult)
    assert result.ok is False
    assert result.status == "Some UserRole(s) Deletion was not successful"
    assert [item.name for item in result] == ["Disposable", "Ghost Role", "CER System Admin", ""]
    outcomes = {item.name: item for item in result}

    assert outcomes["Disposable"].ok is True

    missing = outcomes["Ghost Role"]
    assert missing.ok is False
    assert missing.status == "Failure"
    assert "Ghost Role" in missing.message

    standard = outcomes["CER System Admin"]
    assert standard.ok is False
    assert standard.message == "Cannot delete standard UserRole 'CER System Admin'"

    empty = outcomes[""]
    assert empty.ok is False
    assert empty.message == "Failed as UserRole cannot be empty or null ''"

    assert [item.name for item in result.succeeded] == ["Disposable"]
    assert [role.role_name for role in client.roles.list()] == STANDARD_ROLES


def test_delete_many_all_succeed(client: Any) -> None:
    client.roles.create("First", permissions=["ERL"])
    client.roles.create("Second", permissions=["ERL"])

    result = client.roles.delete_many(["First", "Second"])

    assert result.ok is True
    assert len(result.succeeded) == 2
    assert [role.role_name for role in client.roles.list()] == STANDARD_ROLES


def test_deleted_role_leaves_groups(client: Any) -> None:
    client.roles.create("Short Lived", permissions=["ERL"])
    client.groups.create("Holders", roles=["Short Lived", "CER User"])

    client.roles.delete("Short Lived")

    assert client.groups.get("Holders").roles == ["CER User"]


def test_request_paths_keep_trailing_slashes(cer_simulator: Simulator, client: Any) -> None:
    client.roles.list()
    client.roles.get("CER User")
    client.roles.create("Paths", permissions=["ERL"])
    client.roles.update("Paths", description="d")
    client.roles.delete_many(["Paths"])
    client.roles.create("Paths", permissions=["ERL"])
    client.roles.delete("Paths")

    assert cer_simulator.requests() == [
        ("GET", f"{SERVICE}/userrole"),
        ("GET", f"{SERVICE}/userrole?userRoleName=CER%20User"),
        ("POST", f"{SERVICE}/userrole/"),
        ("PUT", f"{SERVICE}/userrole/"),
        ("DELETE", f"{SERVICE}/userrole/"),
        ("POST", f"{SERVICE}/userrole/"),
        ("DELETE", f"{SERVICE}/userrole?userRoleName=Paths"),
    ]


@pytest.mark.parametrize(
    ("call", "error_type", "fragment"),
    [
        (lambda roles: roles.get(""), ValueError, "name"),
        (lambda roles: roles.get(7), TypeError, "name"),
        (lambda roles: roles.create("  "), ValueError, "name"),
        (lambda roles: roles.create("x", permissions=["Coffee"]), ValueError, "Coffee"),
        (lambda roles: roles.create("x", permissions={"Coffee": False}), ValueError, "Coffee"),
        (lambda roles: roles.create("x", permissions={"ERL": "yes"}), TypeError, "ERL"),
        (lambda roles: roles.create("x", permissions={7: True}), TypeError, "permissions"),
        (lambda roles: roles.create("x", permissions="ERL"), TypeError, "single str"),
        (lambda roles: roles.create("x", permissions=[""]), ValueError, "permissions"),
        (lambda roles: roles.create("x", permissions=[3]), TypeError, "permissions"),
        (lambda roles: roles.create("x", permissions=5), TypeError, "permissions"),
        (lambda roles: roles.create("x", select_all="Y"), TypeError, "select_all"),
        (lambda roles: roles.create("x", description=5), TypeError, "description"),
        (lambda roles: roles.update("x", permissions=["Coffee"]), ValueError, "Coffee"),
        (lambda roles: roles.update("", description="d"), ValueError, "name"),
        (lambda roles: roles.delete(""), ValueError, "name"),
        (lambda roles: roles.delete_many("CER User"), TypeError, "single str"),
        (lambda roles: roles.delete_many([]), ValueError, "names"),
        (lambda roles: roles.delete_many([None]), TypeError, "names"),
    ],
)
def test_invalid_arguments_raise_before_request(
    cer_simulator: Simulator, client: Any, call: Any, error_type: type[Exception], fragment: str
) -> None:
    with pytest.raises(error_type, match=fragment):
        call(client.roles)

    assert cer_simulator.requests() == []
