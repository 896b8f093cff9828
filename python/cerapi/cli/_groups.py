"""``cerapi groups``: list, show, create, update and delete CER user groups and their members."""

from __future__ import annotations

import argparse
import sys
from typing import Callable, List, Optional, Tuple

from ..client import Client
from ..models import UserGroup
from ._common import (
    EXIT_OK,
    UsageError,
    add_output_format,
    print_deletions,
    print_fields,
    print_json,
    print_table,
    yes_no,
)

_MembershipChange = Callable[[Client, str, List[str]], UserGroup]
"""A function that changes the users or roles of a group, such as ``_add_users``."""


def add_parser(
    areas: argparse._SubParsersAction[argparse.ArgumentParser], options: argparse.ArgumentParser
) -> None:
    """Add ``cerapi groups`` and its commands to ``areas``."""
    groups = areas.add_parser(
        "groups",
        parents=[options],
        help="list, show, create, update and delete CER user groups and their members",
    )
    commands = groups.add_subparsers(dest="command", required=True, metavar="COMMAND")

    list_parser = commands.add_parser("list", parents=[options], help="list all user groups")
    add_output_format(list_parser)
    list_parser.set_defaults(handler=_groups_list)

    get_parser = commands.add_parser(
        "get", parents=[options], help="show one user group with its users and roles"
    )
    get_parser.add_argument("name", help="user group name")
    add_output_format(get_parser)
    get_parser.set_defaults(handler=_groups_get)

    create_parser = commands.add_parser("create", parents=[options], help="create a user group")
    create_parser.add_argument("name", help="name of the new user group")
    _add_group_settings(create_parser)
    create_parser.set_defaults(handler=_groups_create)

    update_parser = commands.add_parser(
        "update",
        parents=[options],
        help="change a user group's description, users or roles; given lists replace the "
        "group's (CER keeps the roles of a standard group)",
    )
    update_parser.add_argument("name", help="user group name")
    _add_group_settings(update_parser)
    update_parser.add_argument(
        "--clear-users", action="store_true", help="remove every user from the group"
    )
    update_parser.add_argument(
        "--clear-roles", action="store_true", help="remove every role from the group"
    )
    update_parser.set_defaults(handler=_groups_update)

    membership_commands: List[Tuple[str, str, str, _MembershipChange]] = [
        ("add-users", "USER", "add users to a user group", _add_users),
        ("remove-users", "USER", "remove users from a user group", _remove_users),
        ("add-roles", "ROLE", "assign roles to a user group", _add_roles),
        ("remove-roles", "ROLE", "remove roles from a user group", _remove_roles),
    ]
    for command, metavar, description, change in membership_commands:
        member_parser = commands.add_parser(
            command,
            parents=[options],
            help=f"{description}, then show the group as CER stores it",
        )
        member_parser.add_argument("name", help="user group name")
        member_parser.add_argument(
            "members", nargs="+", metavar=metavar, help=f"{metavar.lower()} name"
        )
        add_output_format(member_parser)
        member_parser.set_defaults(handler=_membership_handler(change))

    delete_parser = commands.add_parser(
        "delete", parents=[options], help="delete user groups; exits 1 if any was not deleted"
    )
    delete_parser.add_argument("names", nargs="+", metavar="NAME", help="user group name")
    delete_parser.set_defaults(handler=_groups_delete)


def _add_group_settings(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--description", help="the group's description")
    parser.add_argument(
        "--user",
        action="append",
        dest="users",
        metavar="USER",
        help="a CER user in the group; repeat for more",
    )
    parser.add_argument(
        "--role",
        action="append",
        dest="roles",
        metavar="ROLE",
        help="a role assigned to the group; repeat for more",
    )


def _groups_list(client: Client, args: argparse.Namespace) -> int:
    groups = client.groups.list()
    if args.output_format == "json":
        print_json([group.to_dict() for group in groups])
        return EXIT_OK

    rows = [
        [
            group.group_name,
            yes_no(group.is_standard),
            ", ".join(group.users),
            ", ".join(group.roles),
        ]
        for group in groups
    ]
    print_table(["NAME", "STANDARD", "USERS", "ROLES"], rows, sys.stdout)
    return EXIT_OK


def _groups_get(client: Client, args: argparse.Namespace) -> int:
    _print_group(client.groups.get(args.name), args.output_format)
    return EXIT_OK


def _groups_create(client: Client, args: argparse.Namespace) -> int:
    result = client.groups.create(
        args.name,
        description=args.description or "",
        users=args.users or [],
        roles=args.roles or [],
    )
    print(f"created user group {args.name} ({result.status})")
    return EXIT_OK


def _replacement_list(names: Optional[List[str]], clear: bool, option: str) -> Optional[List[str]]:
    if clear and names:
        raise UsageError(f"--clear-{option}s cannot be combined with --{option}")
    if clear:
        return []
    return names


def _groups_update(client: Client, args: argparse.Namespace) -> int:
    users = _replacement_list(args.users, args.clear_users, "user")
    roles = _replacement_list(args.roles, args.clear_roles, "role")
    if args.description is None and users is None and roles is None:
        raise UsageError(
            "nothing to update: pass --description, --user, --role, --clear-users or --clear-roles"
        )
    result = client.groups.update(args.name, description=args.description, users=users, roles=roles)
    print(f"updated user group {args.name} ({result.status})")
    if result.message:
        print(f"CER: {result.message}")
    return EXIT_OK


def _add_users(client: Client, name: str, members: List[str]) -> UserGroup:
    return client.groups.add_users(name, members)


def _remove_users(client: Client, name: str, members: List[str]) -> UserGroup:
    return client.groups.remove_users(name, members)


def _add_roles(client: Client, name: str, members: List[str]) -> UserGroup:
    return client.groups.add_roles(name, members)


def _remove_roles(client: Client, name: str, members: List[str]) -> UserGroup:
    return client.groups.remove_roles(name, members)


def _membership_handler(change: _MembershipChange) -> Callable[[Client, argparse.Namespace], int]:
    def run(client: Client, args: argparse.Namespace) -> int:
        _print_group(change(client, args.name, args.members), args.output_format)
        return EXIT_OK

    return run


def _groups_delete(client: Client, args: argparse.Namespace) -> int:
    return print_deletions(client.groups.delete_many(args.names))


def _print_group(group: UserGroup, output_format: str) -> None:
    if output_format == "json":
        print_json(group.to_dict())
        return
    print_fields(
        [
            ("name", group.group_name),
            ("pkid", group.pkid),
            ("standard", yes_no(group.is_standard)),
            ("description", group.description),
            ("users", ", ".join(group.users)),
            ("roles", ", ".join(group.roles)),
            ("publisher URL", group.publisher_url or ""),
            ("subscriber URL", group.subscriber_url or ""),
        ]
    )
