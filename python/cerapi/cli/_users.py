"""``cerapi users``: list, show, create, update and delete CER users."""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional, Tuple

from ..client import Client
from ..models import User
from ..users import AUTH_MODES
from ._common import (
    EXIT_OK,
    UsageError,
    add_output_format,
    print_deletions,
    print_fields,
    print_json,
    print_table,
    prompt_secret,
)


def add_parser(
    areas: argparse._SubParsersAction[argparse.ArgumentParser], options: argparse.ArgumentParser
) -> None:
    """Add ``cerapi users`` and its commands to ``areas``."""
    users = areas.add_parser(
        "users", parents=[options], help="list, show, create, update and delete CER users"
    )
    commands = users.add_subparsers(dest="command", required=True, metavar="COMMAND")

    list_parser = commands.add_parser("list", parents=[options], help="list all users")
    add_output_format(list_parser)
    list_parser.set_defaults(handler=_users_list)

    get_parser = commands.add_parser("get", parents=[options], help="show one user")
    get_parser.add_argument("name", help="user name")
    add_output_format(get_parser)
    get_parser.set_defaults(handler=_users_get)

    create_parser = commands.add_parser("create", parents=[options], help="create a user")
    create_parser.add_argument("name", help="name of the new user")
    _add_password_input(create_parser, "the new user's password")
    _add_user_settings(create_parser)
    create_parser.set_defaults(handler=_users_create)

    update_parser = commands.add_parser(
        "update", parents=[options], help="change a user's password or settings"
    )
    update_parser.add_argument("name", help="user name")
    _add_password_input(update_parser, "a new password")
    update_parser.add_argument(
        "--change-password", action="store_true", help="prompt for a new password"
    )
    _add_user_settings(update_parser)
    update_parser.set_defaults(handler=_users_update)

    delete_parser = commands.add_parser(
        "delete", parents=[options], help="delete users; exits 1 if any was not deleted"
    )
    delete_parser.add_argument("names", nargs="+", metavar="NAME", help="user name")
    delete_parser.set_defaults(handler=_users_delete)


def _add_password_input(parser: argparse.ArgumentParser, description: str) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help=f"read {description} from the first line of standard input",
    )


def _add_user_settings(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--auth-mode",
        type=_auth_mode,
        metavar="{Local,Remote,IdP}",
        help="how CER authenticates the user",
    )
    parser.add_argument(
        "--cucm-cluster", help="CUCM cluster (IP or host name) that authenticates a Remote user"
    )
    parser.add_argument(
        "--reset-on-logon",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="require a password change at the next login",
    )


def _auth_mode(text: str) -> str:
    for mode in AUTH_MODES:
        if text.lower() == mode.lower():
            return mode
    raise argparse.ArgumentTypeError(f"invalid auth mode {text!r}: use Local, Remote or IdP")


def _read_new_password(args: argparse.Namespace, user_name: str, confirm: bool) -> str:
    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise UsageError("missing password: standard input is empty")
        return line
    alternative = "--password-stdin"
    password = prompt_secret(f"New password for {user_name}: ", alternative)
    if confirm and prompt_secret("Repeat the password: ", alternative) != password:
        raise UsageError("the passwords do not match")
    return password


def _users_list(client: Client, args: argparse.Namespace) -> int:
    users = client.users.list()
    if args.output_format == "json":
        print_json([user.to_dict() for user in users])
        return EXIT_OK

    rows = [
        [
            user.user_name,
            user.auth_mode,
            "yes" if user.is_standard else "no",
            ", ".join(user.groups),
        ]
        for user in users
    ]
    print_table(["NAME", "AUTH", "STANDARD", "GROUPS"], rows, sys.stdout)
    return EXIT_OK


def _users_get(client: Client, args: argparse.Namespace) -> int:
    user = client.users.get(args.name)
    if args.output_format == "json":
        print_json(user.to_dict())
        return EXIT_OK
    print_fields(_user_fields(user))
    return EXIT_OK


def _users_create(client: Client, args: argparse.Namespace) -> int:
    password = _read_new_password(args, args.name, confirm=True)
    result = client.users.create(
        args.name,
        password,
        auth_mode=args.auth_mode or "Local",
        cucm_cluster=args.cucm_cluster,
        reset_on_logon=bool(args.reset_on_logon),
    )
    print(f"created user {args.name} ({result.status})")
    return EXIT_OK


def _users_update(client: Client, args: argparse.Namespace) -> int:
    password: Optional[str] = None
    if args.password_stdin or args.change_password:
        password = _read_new_password(args, args.name, confirm=True)
    changes = (password, args.auth_mode, args.cucm_cluster, args.reset_on_logon)
    if all(change is None for change in changes):
        raise UsageError(
            "nothing to update: pass --change-password, --password-stdin, --auth-mode, "
            "--cucm-cluster or --[no-]reset-on-logon"
        )
    result = client.users.update(
        args.name,
        password=password,
        auth_mode=args.auth_mode,
        cucm_cluster=args.cucm_cluster,
        reset_on_logon=args.reset_on_logon,
    )
    print(f"updated user {args.name} ({result.status})")
    return EXIT_OK


def _users_delete(client: Client, args: argparse.Namespace) -> int:
    return print_deletions(client.users.delete_many(args.names))


def _user_fields(user: User) -> List[Tuple[str, str]]:
    return [
        ("name", user.user_name),
        ("pkid", user.pkid),
        ("standard", "yes" if user.is_standard else "no"),
        ("auth mode", user.auth_mode),
        ("groups", ", ".join(user.groups)),
        ("roles", ", ".join(user.roles)),
        ("publisher URL", user.publisher_url or ""),
        ("subscriber URL", user.subscriber_url or ""),
    ]
