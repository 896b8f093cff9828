"""``cerapi roles``: list, show, create, update and delete CER roles."""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional, Tuple

from ..client import Client
from ..models import Role
from ..roles import PERMISSIONS
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


def add_parser(
    areas: argparse._SubParsersAction[argparse.ArgumentParser], options: argparse.ArgumentParser
) -> None:
    """Add ``cerapi roles`` and its commands to ``areas``."""
    roles = areas.add_parser(
        "roles", parents=[options], help="list, show, create, update and delete CER roles"
    )
    commands = roles.add_subparsers(dest="command", required=True, metavar="COMMAND")

    list_parser = commands.add_parser("list", parents=[options], help="list all roles")
    add_output_format(list_parser)
    list_parser.set_defaults(handler=_roles_list)

    get_parser = commands.add_parser(
        "get", parents=[options], help="show one role with its permissions"
    )
    get_parser.add_argument("name", help="role name")
    add_output_format(get_parser)
    get_parser.set_defaults(handler=_roles_get)

    permissions_parser = commands.add_parser(
        "permissions", help="print the name of every permission a role can grant; needs no CER"
    )
    permissions_parser.set_defaults(local_handler=_roles_permissions)

    create_parser = commands.add_parser("create", parents=[options], help="create a role")
    create_parser.add_argument("name", help="name of the new role")
    _add_role_settings(create_parser)
    create_parser.set_defaults(handler=_roles_create)

    update_parser = commands.add_parser(
        "update",
        parents=[options],
        help="change a custom role's description or permissions",
    )
    update_parser.add_argument("name", help="role name")
    _add_role_settings(update_parser)
    update_parser.add_argument(
        "--clear-permissions",
        action="store_true",
        help="remove every permission from the role (cannot be combined with --permission)",
    )
    update_parser.set_defaults(handler=_roles_update)

    delete_parser = commands.add_parser(
        "delete", parents=[options], help="delete roles; exits 1 if any was not deleted"
    )
    delete_parser.add_argument("names", nargs="+", metavar="NAME", help="role name")
    delete_parser.set_defaults(handler=_roles_delete)


def _add_role_settings(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--description", help="the role's description")
    parser.add_argument(
        "--permission",
        action="append",
        dest="permissions",
        metavar="NAME",
        help="grant a permission, such as 'Access Point' or access_point; repeat for more. "
        "On update the given permissions replace the role's. "
        "`cerapi roles permissions` prints every name",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        dest="select_all",
        help="grant every permission",
    )


def _roles_list(client: Client, args: argparse.Namespace) -> int:
    roles = client.roles.list()
    if args.output_format == "json":
        print_json([role.to_dict() for role in roles])
        return EXIT_OK

    rows = [
        [role.role_name, yes_no(role.is_standard), str(len(role.permissions)), role.description]
        for role in roles
    ]
    print_table(["NAME", "STANDARD", "PERMISSIONS", "DESCRIPTION"], rows, sys.stdout)
    return EXIT_OK


def _roles_get(client: Client, args: argparse.Namespace) -> int:
    role = client.roles.get(args.name)
    if args.output_format == "json":
        print_json(role.to_dict())
        return EXIT_OK
    print_fields(_role_fields(role))
    return EXIT_OK


def _roles_permissions(args: argparse.Namespace) -> int:
    for name in PERMISSIONS:
        print(name)
    return EXIT_OK


def _roles_create(client: Client, args: argparse.Namespace) -> int:
    result = client.roles.create(
        args.name,
        description=args.description or "",
        permissions=args.permissions or [],
        select_all=args.select_all,
    )
    print(f"created role {args.name} ({result.status})")
    return EXIT_OK


def _roles_update(client: Client, args: argparse.Namespace) -> int:
    if args.clear_permissions and args.permissions:
        raise UsageError("--clear-permissions cannot be combined with --permission")
    permissions: Optional[List[str]] = args.permissions
    if args.clear_permissions:
        permissions = []
    if args.description is None and permissions is None and not args.select_all:
        raise UsageError(
            "nothing to update: pass --description, --permission, --clear-permissions or --all"
        )
    result = client.roles.update(
        args.name,
        description=args.description,
        permissions=permissions,
        select_all=args.select_all,
    )
    print(f"updated role {args.name} ({result.status})")
    return EXIT_OK


def _roles_delete(client: Client, args: argparse.Namespace) -> int:
    return print_deletions(client.roles.delete_many(args.names))


def _role_fields(role: Role) -> List[Tuple[str, str]]:
    return [
        ("name", role.role_name),
        ("pkid", role.pkid),
        ("standard", yes_no(role.is_standard)),
        ("description", role.description),
        ("permissions", ", ".join(role.permissions)),
        ("publisher URL", role.publisher_url or ""),
        ("subscriber URL", role.subscriber_url or ""),
    ]
