"""``cerapi roles`` and ``cerapi groups``, run in-process through main() against the simulator."""

from __future__ import annotations

import json
from typing import Dict

import pytest

from cerapi import PERMISSIONS
from cerapi.cli import main
from cerapi.testing import Simulator
from conftest import CER_VARIABLES, STANDARD_GROUPS, STANDARD_ROLES

USER_889 = "TestUserCERTeamLocal_889"
USER_662 = "TestUserCERTeamLocal_662"


def _fields(text: str) -> Dict[str, str]:
    """Parse the ``label  value`` lines of a get command, whose labels are padded to 16."""
    return {line[:16].strip(): line[16:] for line in text.splitlines()}


def test_roles_list_table(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["roles", "list"])

    output = capsys.readouterr()
    assert exit_code == 0
    lines = output.out.splitlines()
    assert lines[0].split() == ["NAME", "STANDARD", "PERMISSIONS", "DESCRIPTION"]
    assert len(lines) == 1 + len(STANDARD_ROLES)
    system_line = next(line for line in lines if line.startswith("CER System Admin "))
    assert system_line.split()[3:6] == ["yes", "38", "All"]
    assert output.err == ""


def test_roles_list_json_over_xml(capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["--simulator", "--xml", "roles", "list", "--format", "json"])

    output = capsys.readouterr()
    assert exit_code == 0
    roles = json.loads(output.out)
    assert [role["role_name"] for role in roles] == STANDARD_ROLES
    assert roles[-1]["permissions"] == ["Audit Log Configuration"]


def test_roles_get_table(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["roles", "get", "CER User"])

    output = capsys.readouterr()
    assert exit_code == 0
    fields = _fields(output.out)
    assert fields["name"] == "CER User"
    assert fields["standard"] == "yes"
    assert fields["description"] == "Security User Pages"
    assert fields["permissions"] == "Phone Search, User Call History, Web Alert"


def test_roles_permissions_needs_no_cer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in CER_VARIABLES:
        monkeypatch.delenv(name, raising=False)

    exit_code = main(["roles", "permissions"])

    assert exit_code == 0
    assert capsys.readouterr().out.splitlines() == list(PERMISSIONS)


def test_roles_create_with_permissions(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(
        [
            "roles",
            "create",
            "NOC Operator",
            "--description",
            "Network operations centre",
            "--permission",
            "Access Point",
            "--permission",
            "cpu_memory_usage",
        ]
    )

    assert exit_code == 0
    assert capsys.readouterr().out == "created role NOC Operator (Success)\n"
    with simulator_env.client() as client:
        role = client.roles.get("NOC Operator")
    assert sorted(role.permissions) == ["Access Point", "CPU & Memory Usage"]
    assert role.description == "Network operations centre"


def test_roles_create_all(simulator_env: Simulator) -> None:
    exit_code = main(["roles", "create", "Everything", "--all"])

    assert exit_code == 0
    with simulator_env.client() as client:
        assert sorted(client.roles.get("Everything").permissions) == sorted(PERMISSIONS)


def test_roles_create_unknown_permission_fails(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["roles", "create", "Ops", "--permission", "Coffee Machine"])

    output = capsys.readouterr()
    assert exit_code == 2
    assert output.out == ""
    assert output.err.startswith("cerapi: error: ")
    assert "Coffee Machine" in output.err
    assert simulator_env.requests() == []


def test_roles_update_replaces_permissions(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    with simulator_env.client() as client:
        client.roles.create("Ops", permissions=["Purge", "Server"])

    exit_code = main(["roles", "update", "Ops", "--permission", "ERL", "--description", "new"])

    assert exit_code == 0
    assert capsys.readouterr().out == "updated role Ops (Success)\n"
    with simulator_env.client() as client:
        role = client.roles.get("Ops")
    assert role.permissions == ["ERL"]
    assert role.description == "new"


def test_roles_update_clear_permissions(simulator_env: Simulator) -> None:
    with simulator_env.client() as client:
        client.roles.create("Ops", permissions=["Purge"])

    exit_code = main(["roles", "update", "Ops", "--clear-permissions"])

    assert exit_code == 0
    with simulator_env.client() as client:
        assert client.roles.get("Ops").permissions == []


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        (["roles", "update", "Ops"], "nothing to update"),
        (
            ["roles", "update", "Ops", "--clear-permissions", "--permission", "ERL"],
            "--clear-permissions cannot be combined with --permission",
        ),
    ],
)
def test_roles_update_usage_errors(
    simulator_env: Simulator,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    fragment: str,
) -> None:
    exit_code = main(arguments)

    assert exit_code == 2
    assert fragment in capsys.readouterr().err
    assert simulator_env.requests() == []


def test_roles_update_standard_role_fails(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["roles", "update", "CER User", "--description", "changed"])

    output = capsys.readouterr()
    assert exit_code == 1
    assert output.out == ""
    assert len(output.err.splitlines()) == 1
    assert "Cannot modify standard UserRole 'CER User'" in output.err


def test_roles_delete_reports_each_name(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    with simulator_env.client() as client:
        client.roles.create("Ops", permissions=["ERL"])

    exit_code = main(["roles", "delete", "Ops", "Ghost Role", "CER User"])

    assert exit_code == 1
    assert capsys.readouterr().out.splitlines() == [
        "deleted Ops",
        "not deleted Ghost Role: UserRole is not present in DB 'Ghost Role'",
        "not deleted CER User: Cannot delete standard UserRole 'CER User'",
    ]


def test_groups_list_table(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["groups", "list"])

    output = capsys.readouterr()
    assert exit_code == 0
    lines = output.out.splitlines()
    assert lines[0].split() == ["NAME", "STANDARD", "USERS", "ROLES"]
    assert len(lines) == 1 + len(STANDARD_GROUPS)
    erl_line = next(line for line in lines if line.startswith("CER ERL Administrator "))
    assert erl_line.split()[3:] == ["yes", "CER", "ERL", "Admin"]


def test_groups_get_json(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["groups", "get", "CER User", "--format", "json"])

    assert exit_code == 0
    group = json.loads(capsys.readouterr().out)
    assert group["group_name"] == "CER User"
    assert group["users"] == ["admin"]
    assert group["roles"] == ["CER User"]


def test_groups_create_and_get(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(
        [
            "groups",
            "create",
            "Operators",
            "--description",
            "ERL operators",
            "--user",
            USER_889,
            "--role",
            "CER ERL Admin",
        ]
    )

    assert exit_code == 0
    assert capsys.readouterr().out == "created user group Operators (AddSuccess)\n"

    exit_code = main(["groups", "get", "Operators"])

    assert exit_code == 0
    fields = _fields(capsys.readouterr().out)
    assert fields["description"] == "ERL operators"
    assert fields["users"] == USER_889
    assert fields["roles"] == "CER ERL Admin"
    assert fields["standard"] == "no"


def test_role_group_user_chain(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["roles", "create", "NOC Operator", "--permission", "ERL"]) == 0
    assert main(["groups", "create", "NOC", "--role", "NOC Operator", "--user", USER_662]) == 0
    capsys.readouterr()

    exit_code = main(["users", "get", USER_662])

    assert exit_code == 0
    fields = _fields(capsys.readouterr().out)
    assert fields["groups"] == "NOC"
    assert fields["roles"] == "NOC Operator"


def test_groups_update_standard_group_warns(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["groups", "update", "CER User", "--role", "CER ERL Admin"])

    output = capsys.readouterr()
    assert exit_code == 0
    lines = output.out.splitlines()
    assert lines[0] == "updated user group CER User (Success)"
    assert lines[1].endswith("Default group roles assignment cannot be edited")
    assert output.err.startswith("cerapi: WARNING: ")
    assert "CER User" in output.err
    with simulator_env.client() as client:
        assert client.groups.get("CER User").roles == ["CER User"]


def test_groups_update_clear_users(simulator_env: Simulator) -> None:
    with simulator_env.client() as client:
        client.groups.create("Shift", users=[USER_889, USER_662])

    exit_code = main(["groups", "update", "Shift", "--clear-users"])

    assert exit_code == 0
    with simulator_env.client() as client:
        assert client.groups.get("Shift").users == []


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        (["groups", "update", "Shift"], "nothing to update"),
        (
            ["groups", "update", "Shift", "--clear-roles", "--role", "CER User"],
            "--clear-roles cannot be combined with --role",
        ),
    ],
)
def test_groups_update_usage_errors(
    simulator_env: Simulator,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    fragment: str,
) -> None:
    exit_code = main(arguments)

    assert exit_code == 2
    assert fragment in capsys.readouterr().err
    assert simulator_env.requests() == []


def test_groups_membership_commands(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    with simulator_env.client() as client:
        client.groups.create("Shift")

    assert main(["groups", "add-users", "Shift", USER_889, USER_662]) == 0
    assert _fields(capsys.readouterr().out)["users"] == f"{USER_889}, {USER_662}"

    assert main(["groups", "remove-users", "Shift", USER_889]) == 0
    assert _fields(capsys.readouterr().out)["users"] == USER_662

    assert main(["groups", "add-roles", "Shift", "CER User", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["roles"] == ["CER User"]

    assert main(["groups", "remove-roles", "Shift", "CER User"]) == 0
    assert _fields(capsys.readouterr().out)["roles"] == ""

    with simulator_env.client() as client:
        group = client.groups.get("Shift")
    assert group.users == [USER_662]
    assert group.roles == []


def test_groups_add_roles_to_standard_group_fails(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["groups", "add-roles", "CER User", "CER ERL Admin"])

    output = capsys.readouterr()
    assert exit_code == 1
    assert output.out == ""
    error_lines = [line for line in output.err.splitlines() if "error" in line]
    assert len(error_lines) == 1
    assert "did not add the roles" in error_lines[0]


def test_groups_delete_reports_each_name(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    with simulator_env.client() as client:
        client.groups.create("Shift")

    exit_code = main(["groups", "delete", "Shift", "Ghost Group", "CER User"])

    assert exit_code == 1
    assert capsys.readouterr().out.splitlines() == [
        "deleted Shift",
        "not deleted Ghost Group: UserGroup is not present in DB 'Ghost Group'",
        "not deleted CER User: Cannot delete standard UserGroup 'CER User'",
    ]


def test_groups_delete_success_exits_zero(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    with simulator_env.client() as client:
        client.groups.create("Shift")

    exit_code = main(["groups", "delete", "Shift"])

    assert exit_code == 0
    assert capsys.readouterr().out == "deleted Shift\n"
