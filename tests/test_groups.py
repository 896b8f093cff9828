"""User group operations against the simulator, for Client and AsyncClient, in JSON and XML."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest

from cerapi import (
    BulkResult,
    ItemResult,
    NotFoundError,
    OperationFailedError,
    UserGroup,
    WriteResult,
)
from cerapi.testing import Simulator
from conftest import STANDARD_GROUPS

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SERVICE = "/cerappservices/service"
ROLES_KEPT = ", Default group roles assignment cannot be edited"
USER_889 = "TestUserCERTeamLocal_889"
USER_662 = "TestUserCERTeamLocal_662"


def test_list_returns_standard_groups(client: Any) -> None:
    groups = client.groups.list()

    assert all(isinstance(group, UserGroup) for group in groups)
    assert [group.group_name for group in groups] == STANDARD_GROUPS
    assert all(group.is_standard for group in groups)
    by_name = {group.group_name: group for group in groups}

    system = by_name["CER System Administrator"]
    assert system.users == ["admin"]
    assert system.roles == ["CER System Admin"]
    assert system.description == "ER Administrator for all system configurations"
    assert system.publisher_url is not None
    assert system.publisher_url.endswith("/usergroup/CER System Administrator")
    assert system.subscriber_url is None

    erl = by_name["CER ERL Administrator"]
    assert erl.users == []
    assert erl.roles == ["CER ERL Admin"]


def test_get_standard_group(client: Any) -> None:
    group = client.groups.get("CER User")

    assert group.group_name == "CER User"
    assert group.users == ["admin"]
    assert group.roles == ["CER User"]
    assert group.publisher_url is not None
    assert group.publisher_url.endswith("/usergroup?userGroupName=CER%20User")
    assert group.subscriber_url == group.publisher_url


def test_get_unknown_group_raises_not_found(client: Any) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.groups.get("No Such Group")

    assert caught.value.status == 404


def test_create_empty_group(client: Any) -> None:
    result = client.groups.create("Empty Group")

    assert isinstance(result, WriteResult)
    assert result.status == "AddSuccess"
    assert result.pkid is not None
    assert UUID.match(result.pkid)

    group = client.groups.get("Empty Group")
    assert group.pkid == result.pkid
    assert group.users == []
    assert group.roles == []
    assert group.description == ""
    assert group.is_standard is False

    listed = {listed.group_name: listed for listed in client.groups.list()}
    assert listed["Empty Group"].users == []
    assert listed["Empty Group"].roles == []


def test_create_with_users_and_roles(client: Any) -> None:
    client.groups.create(
        "Operators",
        description="ERL operators",
        users=[USER_889, USER_662],
        roles=["CER ERL Admin", "CER User"],
    )

    group = client.groups.get("Operators")

    assert group.description == "ERL operators"
    assert group.users == [USER_889, USER_662]
    assert group.roles == ["CER ERL Admin", "CER User"]
    assert client.users.get(USER_889).roles == ["CER ERL Admin", "CER User"]
    assert client.users.get(USER_889).groups == ["Operators"]


def test_role_group_user_chain(client: Any) -> None:
    client.roles.create("NOC Operator", permissions=["Access Point", "CPU & Memory Usage"])
    client.groups.create("NOC", roles=["NOC Operator"])
    client.users.create("noc_robot", "Noc-Robot-Pa55")

    group = client.groups.add_users("NOC", ["noc_robot"])

    assert group.users == ["noc_robot"]
    user = client.users.get("noc_robot")
    assert user.groups == ["NOC"]
    assert user.roles == ["NOC Operator"]


def test_update_replaces_description_users_and_roles(client: Any) -> None:
    client.groups.create("Shifts", description="old", users=[USER_889], roles=["CER User"])

    result = client.groups.update(
        "Shifts", description="new", users=[USER_662], roles=["CER ERL Admin"]
    )

    assert result.status == "Success"
    assert result.message == "Update of user group 'Shifts' was successful"
    group = client.groups.get("Shifts")
    assert group.description == "new"
    assert group.users == [USER_662]
    assert group.roles == ["CER ERL Admin"]
    assert client.users.get(USER_889).roles == []
    assert client.users.get(USER_662).roles == ["CER ERL Admin"]


def test_update_description_keeps_members(client: Any) -> None:
    client.groups.create("Steady", users=[USER_889], roles=["CER User"])

    client.groups.update("Steady", description="only this")

    group = client.groups.get("Steady")
    assert group.description == "only this"
    assert group.users == [USER_889]
    assert group.roles == ["CER User"]


def test_update_with_empty_lists_clears_members(client: Any) -> None:
    client.groups.create("Emptied", users=[USER_889], roles=["CER User"])

    client.groups.update("Emptied", users=[], roles=[])

    group = client.groups.get("Emptied")
    assert group.users == []
    assert group.roles == []


def test_update_standard_group_keeps_roles_and_warns(
    client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="cerapi")

    result = client.groups.update(
        "CER System Administrator", description="edited", roles=["CER User"]
    )

    assert result.status == "Success"
    assert result.message is not None
    assert result.message.endswith(ROLES_KEPT)
    group = client.groups.get("CER System Administrator")
    assert group.roles == ["CER System Admin"]
    assert group.description == "edited"

    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].name.startswith("cerapi")
    assert "CER System Administrator" in warnings[0].getMessage()
    assert "Default group roles assignment cannot be edited" in warnings[0].getMessage()


def test_update_unknown_group_raises_not_found(client: Any) -> None:
    with pytest.raises(NotFoundError):
        client.groups.update("No Such Group", description="x")


def test_add_and_remove_users(client: Any) -> None:
    client.roles.create("Watch", permissions=["Web Alert"])
    client.groups.create("Watchers", roles=["Watch"])

    added = client.groups.add_users("Watchers", [USER_889, USER_662])

    assert isinstance(added, UserGroup)
    assert added.users == [USER_889, USER_662]
    assert client.users.get(USER_662).roles == ["Watch"]

    again = client.groups.add_users("Watchers", [USER_889])
    assert again.users == [USER_889, USER_662]

    removed = client.groups.remove_users("Watchers", [USER_889])
    assert removed.users == [USER_662]
    assert client.users.get(USER_889).roles == []
    assert client.users.get(USER_889).groups == []

    last = client.groups.remove_users("Watchers", [USER_662])
    assert last.users == []
    assert client.groups.get("Watchers").users == []


def test_add_and_remove_roles(client: Any) -> None:
    client.groups.create("Auditors", users=[USER_889])

    added = client.groups.add_roles("Auditors", ["CER Audit Admin", "CER User"])

    assert added.roles == ["CER Audit Admin", "CER User"]
    assert client.users.get(USER_889).roles == ["CER Audit Admin", "CER User"]

    removed = client.groups.remove_roles("Auditors", ["CER Audit Admin"])
    assert removed.roles == ["CER User"]
    assert client.users.get(USER_889).roles == ["CER User"]

    emptied = client.groups.remove_roles("Auditors", ["CER User"])
    assert emptied.roles == []
    assert client.users.get(USER_889).roles == []


def test_add_users_to_standard_group(client: Any) -> None:
    group = client.groups.add_users("CER ERL Administrator", [USER_662])

    assert group.users == [USER_662]
    assert client.users.get(USER_662).roles == ["CER ERL Admin"]


def test_add_roles_to_standard_group_raises(client: Any) -> None:
    with pytest.raises(OperationFailedError) as caught:
        client.groups.add_roles("CER User", ["CER ERL Admin"])

    assert "CER ERL Admin" in caught.value.message
    assert "Default group roles assignment cannot be edited" in caught.value.message
    assert client.groups.get("CER User").roles == ["CER User"]


def test_remove_roles_from_standard_group_raises(client: Any) -> None:
    with pytest.raises(OperationFailedError):
        client.groups.remove_roles("CER User", ["CER User"])

    assert client.groups.get("CER User").roles == ["CER User"]


def test_add_unknown_user_raises_operation_failed(client: Any) -> None:
    client.groups.create("Strict")

    with pytest.raises(OperationFailedError) as caught:
        client.groups.add_users("Strict", ["nobody_here"])

    assert "nobody_here" in caught.value.message
    assert client.groups.get("Strict").users == []


def test_membership_change_of_unknown_group_raises_not_found(client: Any) -> None:
    with pytest.raises(NotFoundError):
        client.groups.add_users("No Such Group", [USER_889])


def test_delete_custom_group(client: Any) -> None:
    client.groups.create("Leaving", users=[USER_889], roles=["CER User"])

    result = client.groups.delete("Leaving")

    assert isinstance(result, ItemResult)
    assert result.ok is True
    assert result.name == "Leaving"
    with pytest.raises(NotFoundError):
        client.groups.get("Leaving")
    assert client.users.get(USER_889).roles == []


def test_delete_standard_group_raises_operation_failed(client: Any) -> None:
    with pytest.raises(OperationFailedError) as caught:
        client.groups.delete("CER User")

    assert "Cannot delete standard UserGroup 'CER User'" in caught.value.message
    assert client.groups.get("CER User").is_standard is True


def test_delete_missing_group_raises_operation_failed(client: Any) -> None:
    with pytest.raises(OperationFailedError) as caught:
        client.groups.delete("Ghost Group")

    assert "UserGroup is not present in DB 'Ghost Group'" in caught.value.message


def test_delete_many_reports_each_name(client: Any) -> None:
    client.groups.create("Disposable")

    names = ["Disposable", "Ghost Group", "CER System Administrator", ""]

    result = client.groups.delete_many(names)

    assert isinstance(result, BulkResult)
    assert result.ok is False
    assert result.status == "Some UserGroup(s) Deletion was not successful"
    outcomes = {item.name: item for item in result}
    assert list(outcomes) == names

    assert outcomes["Disposable"].ok is True
    assert outcomes["Ghost Group"].ok is False
    assert outcomes["Ghost Group"].message == "UserGroup is not present in DB 'Ghost Group'"
    standard = outcomes["CER System Administrator"]
    assert standard.ok is False
    assert standard.message == "Cannot delete standard UserGroup 'CER System Administrator'"
    assert outcomes[""].ok is False
    assert outcomes[""].status == "Failure"

    assert [group.group_name for group in client.groups.list()] == STANDARD_GROUPS


def test_request_paths_have_no_trailing_slash(cer_simulator: Simulator, client: Any) -> None:
    client.groups.list()
    client.groups.create("Paths")
    client.groups.update("Paths", description="d")
    client.groups.get("Paths")
    client.groups.delete("Paths")
    client.groups.delete_many(["Ghost Group"])

    assert cer_simulator.requests() == [
        ("GET", f"{SERVICE}/usergroup"),
        ("POST", f"{SERVICE}/usergroup"),
        ("PUT", f"{SERVICE}/usergroup"),
        ("GET", f"{SERVICE}/usergroup?userGroupName=Paths"),
        ("DELETE", f"{SERVICE}/usergroup?userGroupName=Paths"),
        ("DELETE", f"{SERVICE}/usergroup"),
    ]


def test_membership_change_reads_updates_and_reads_back(
    cer_simulator: Simulator, client: Any
) -> None:
    client.groups.create("Readback")
    before = len(cer_simulator.requests())

    client.groups.add_users("Readback", [USER_889])

    assert cer_simulator.requests()[before:] == [
        ("GET", f"{SERVICE}/usergroup?userGroupName=Readback"),
        ("PUT", f"{SERVICE}/usergroup"),
        ("GET", f"{SERVICE}/usergroup?userGroupName=Readback"),
    ]


@pytest.mark.parametrize(
    ("call", "error_type", "fragment"),
    [
        (lambda groups: groups.get(""), ValueError, "name"),
        (lambda groups: groups.get(None), TypeError, "name"),
        (lambda groups: groups.create(""), ValueError, "name"),
        (lambda groups: groups.create("g", users=USER_889), TypeError, "single str"),
        (lambda groups: groups.create("g", users=[""]), ValueError, "users"),
        (lambda groups: groups.create("g", roles=[1]), TypeError, "roles"),
        (lambda groups: groups.create("g", description=3), TypeError, "description"),
        (lambda groups: groups.update("g", roles="CER User"), TypeError, "single str"),
        (lambda groups: groups.add_users("g", []), ValueError, "users"),
        (lambda groups: groups.add_users("g", [" "]), ValueError, "users"),
        (lambda groups: groups.add_users("", [USER_889]), ValueError, "name"),
        (lambda groups: groups.remove_users("g", USER_889), TypeError, "single str"),
        (lambda groups: groups.add_roles("g", None), TypeError, "roles"),
        (lambda groups: groups.remove_roles("g", []), ValueError, "roles"),
        (lambda groups: groups.delete(""), ValueError, "name"),
        (lambda groups: groups.delete_many("CER User"), TypeError, "single str"),
        (lambda groups: groups.delete_many([]), ValueError, "names"),
    ],
)
def test_invalid_arguments_raise_before_request(
    cer_simulator: Simulator, client: Any, call: Any, error_type: type[Exception], fragment: str
) -> None:
    with pytest.raises(error_type, match=fragment):
        call(client.groups)

    assert cer_simulator.requests() == []


def test_create_reports_unknown_members(client: Any) -> None:
    with pytest.raises(OperationFailedError) as caught:
        client.groups.create("Ghosts", users=["ghost", "admin"], roles=["nope"])

    message = str(caught.value)
    assert '"ghost"' in message
    assert '"nope"' in message
    assert '"admin"' not in message
    group = client.groups.get("Ghosts")
    assert group.users == ["admin"]
    assert group.roles == []
