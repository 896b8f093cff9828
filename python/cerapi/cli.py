"""The ``cerapi`` command: manage CER users from a shell.

Connection options fall back to the CER_* environment variables. Exit status:
0 on success, 1 when CER or the connection reported an error or any item of a
bulk operation failed, 2 for invalid usage, 130 when interrupted by Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import logging
import os
import sys
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, TextIO

from . import __version__
from ._config import parse_endpoint, to_timeout, verify_from_env
from .client import Client
from .errors import CerError
from .models import User
from .testing import Simulator
from .users import AUTH_MODES

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """The command line or the environment is missing a setting or has an invalid one."""


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the ``cerapi`` command and return its exit status.

    ``argv`` defaults to ``sys.argv[1:]``.
    """
    parser = _build_parser()
    args = parser.parse_args(argv)
    verbose = bool(getattr(args, "verbose", False))
    logger = logging.getLogger("cerapi")
    previous_level = logger.level
    handler = _add_log_handler(logger, verbose)
    try:
        return _run(args, verbose)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)


def _run(args: argparse.Namespace, verbose: bool) -> int:
    try:
        command: Callable[[Client, argparse.Namespace], int] = args.handler
        with _connect(args) as client:
            return command(client, args)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of stdout went away, as with `cerapi users list | head -1`.
        # Point stdout at devnull so that flushing it at exit cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except (UsageError, ValueError) as error:
        _print_error(str(error))
        return EXIT_USAGE
    except CerError as error:
        _print_error(error.message)
        return EXIT_FAILED
    except OSError as error:
        _print_error(str(error))
        return EXIT_FAILED
    except Exception as error:
        if verbose:
            raise
        _print_error(f"unexpected {type(error).__name__}: {error} (run with -v for details)")
        return EXIT_FAILED


def _print_error(message: str) -> None:
    one_line = " ".join(message.split())
    print(f"cerapi: error: {one_line}", file=sys.stderr)


def _add_log_handler(logger: logging.Logger, verbose: bool) -> logging.Handler:
    """Send the library's warnings (and with -v its DEBUG records) to stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("cerapi: %(levelname)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.WARNING)
    return handler


# ---------------------------------------------------------------- arguments


def _connection_options() -> argparse.ArgumentParser:
    """Return the parent parser of the options that may stand before or after a command.

    Their defaults are SUPPRESS so that a value given before the command is not
    overwritten by the subcommand's default.
    """
    options = argparse.ArgumentParser(add_help=False)
    group = options.add_argument_group("connection")
    suppress = argparse.SUPPRESS
    group.add_argument(
        "--host",
        default=suppress,
        help="CER publisher: host name, host:port or URL such as https://cer:8443 "
        "(default: $CER_HOST)",
    )
    group.add_argument(
        "--username", "-u", default=suppress, help="API user name (default: $CER_USERNAME)"
    )
    group.add_argument(
        "--password",
        default=suppress,
        help="API user's password (default: $CER_PASSWORD, else a prompt); "
        "other local users can see command-line arguments, so prefer $CER_PASSWORD",
    )
    group.add_argument(
        "--port",
        type=int,
        default=suppress,
        help="TCP port when --host names none (default: $CER_PORT, else 443)",
    )
    group.add_argument(
        "--ca-file",
        default=suppress,
        help="CA bundle (PEM) that verifies CER's certificate (default: $CER_CA_FILE)",
    )
    group.add_argument(
        "--insecure",
        action="store_true",
        default=suppress,
        help="do not verify CER's TLS certificate (also: CER_VERIFY=false)",
    )
    group.add_argument(
        "--xml", action="store_true", default=suppress, help="talk XML to CER instead of JSON"
    )
    group.add_argument(
        "--timeout",
        type=float,
        default=suppress,
        help="connect and read timeout in seconds (default: 10 s connect, 60 s read)",
    )
    group.add_argument(
        "--simulator",
        action="store_true",
        default=suppress,
        help="start a CER simulator on 127.0.0.1 for this command and connect to it",
    )
    group.add_argument(
        "--verbose", "-v", action="store_true", default=suppress, help="log each request"
    )
    return options


def _build_parser() -> argparse.ArgumentParser:
    options = _connection_options()
    parser = argparse.ArgumentParser(
        prog="cerapi",
        description="Manage Cisco Emergency Responder (CER) users through CER's REST API.",
        parents=[options],
    )
    parser.add_argument("--version", action="version", version=f"cerapi {__version__}")
    areas = parser.add_subparsers(dest="area", required=True, metavar="AREA")

    users = areas.add_parser(
        "users", parents=[options], help="list, show, create, update and delete CER users"
    )
    commands = users.add_subparsers(dest="command", required=True, metavar="COMMAND")

    list_parser = commands.add_parser("list", parents=[options], help="list all users")
    _add_output_format(list_parser)
    list_parser.set_defaults(handler=_users_list)

    get_parser = commands.add_parser("get", parents=[options], help="show one user")
    get_parser.add_argument("name", help="user name")
    _add_output_format(get_parser)
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
    return parser


def _add_output_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        dest="output_format",
        help="output format (default: table)",
    )


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


# ---------------------------------------------------------------- connection


@contextlib.contextmanager
def _connect(args: argparse.Namespace) -> Iterator[Client]:
    """Yield a client for the options and environment, or for a new simulator with --simulator."""
    settings: Dict[str, Any] = {"format": "xml" if getattr(args, "xml", False) else "json"}
    timeout = getattr(args, "timeout", None)
    if timeout is not None:
        settings["timeout"] = to_timeout(timeout)

    if getattr(args, "simulator", False):
        for option in ("host", "username", "password", "port", "ca_file", "insecure"):
            if hasattr(args, option):
                flag = "--" + option.replace("_", "-")
                raise UsageError(f"{flag} cannot be combined with --simulator")
        with Simulator() as simulator, simulator.client(**settings) as client:
            yield client
        return

    settings.update(_server_settings(args))
    with Client(**settings) as client:
        yield client


def _server_settings(args: argparse.Namespace) -> Dict[str, Any]:
    environ = os.environ
    host = getattr(args, "host", None) or environ.get("CER_HOST", "")
    if not host:
        raise UsageError("missing CER host: pass --host or set CER_HOST (or use --simulator)")
    username = getattr(args, "username", None) or environ.get("CER_USERNAME", "")
    if not username:
        raise UsageError("missing user name: pass --username or set CER_USERNAME")

    port: Optional[int] = getattr(args, "port", None)
    if port is None and environ.get("CER_PORT", "").strip():
        port_text = environ["CER_PORT"].strip()
        if not port_text.isdigit():
            raise UsageError(f"invalid CER_PORT {port_text!r}: use a number from 1 to 65535")
        port = int(port_text)
    # Check the host before asking for a password, so a typo fails at once.
    parse_endpoint(host, port)

    verify: Any
    if getattr(args, "insecure", False):
        verify = False
    elif getattr(args, "ca_file", None):
        verify = args.ca_file
    else:
        verify = verify_from_env(environ)
        if verify is None:
            verify = True

    password = getattr(args, "password", None) or environ.get("CER_PASSWORD", "")
    if not password:
        password = _prompt_secret(f"Password for {username}: ", "--password or CER_PASSWORD")

    return {
        "host": host,
        "port": port,
        "username": username,
        "password": password,
        "verify": verify,
    }


def _prompt_secret(prompt: str, alternative: str) -> str:
    if not sys.stdin.isatty():
        raise UsageError(
            f"missing password, and standard input is no terminal to prompt on: use {alternative}"
        )
    secret = getpass.getpass(prompt)
    if not secret:
        raise UsageError("the password is empty")
    return secret


def _read_new_password(args: argparse.Namespace, user_name: str, confirm: bool) -> str:
    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise UsageError("missing password: standard input is empty")
        return line
    alternative = "--password-stdin"
    password = _prompt_secret(f"New password for {user_name}: ", alternative)
    if confirm and _prompt_secret("Repeat the password: ", alternative) != password:
        raise UsageError("the passwords do not match")
    return password


# ---------------------------------------------------------------- commands


def _users_list(client: Client, args: argparse.Namespace) -> int:
    users = client.users.list()
    if args.output_format == "json":
        _print_json([user.to_dict() for user in users])
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
    _print_table(["NAME", "AUTH", "STANDARD", "GROUPS"], rows, sys.stdout)
    return EXIT_OK


def _users_get(client: Client, args: argparse.Namespace) -> int:
    user = client.users.get(args.name)
    if args.output_format == "json":
        _print_json(user.to_dict())
        return EXIT_OK
    for label, value in _user_fields(user):
        print(f"{label:<16}{value}")
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
    result = client.users.delete_many(args.names)
    for item in result:
        if item.ok:
            print(f"deleted {item.name}")
        else:
            reason = item.message.strip() or item.status or "no reason given"
            print(f"not deleted {item.name}: {reason}")
    return EXIT_OK if result.ok else EXIT_FAILED


# ---------------------------------------------------------------- output


def _user_fields(user: User) -> List[tuple[str, str]]:
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


def _print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False))


def _print_table(header: List[str], rows: List[List[str]], out: TextIO) -> None:
    widths = [len(title) for title in header]
    for row in rows:
        for column, cell in enumerate(row):
            widths[column] = max(widths[column], len(cell))
    for row in [header, *rows]:
        cells = [cell.ljust(widths[column]) for column, cell in enumerate(row)]
        print("  ".join(cells).rstrip(), file=out)
