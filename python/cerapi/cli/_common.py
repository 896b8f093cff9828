"""Pieces every ``cerapi`` command uses: exit statuses, connection options, output."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
from typing import Any, Dict, Iterator, List, Optional, Sequence, TextIO, Tuple

from .._config import parse_endpoint, to_timeout, verify_from_env
from ..client import Client
from ..models import BulkResult
from ..testing import Simulator

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """The command line or the environment is missing a setting or has an invalid one."""


def connection_options() -> argparse.ArgumentParser:
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
        "--release",
        default=suppress,
        help="CER release the server runs, such as 14SU3 or 15SU2; a command that needs a "
        "later release then fails without sending a request (default: not checked)",
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


def add_output_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        dest="output_format",
        help="output format (default: table)",
    )


@contextlib.contextmanager
def connect(args: argparse.Namespace) -> Iterator[Client]:
    """Yield a client for the options and environment, or for a new simulator with --simulator."""
    settings: Dict[str, Any] = {"format": "xml" if getattr(args, "xml", False) else "json"}
    timeout = getattr(args, "timeout", None)
    if timeout is not None:
        settings["timeout"] = to_timeout(timeout)
    release = getattr(args, "release", None)
    if release is not None:
        settings["release"] = release

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
        password = prompt_secret(f"Password for {username}: ", "--password or CER_PASSWORD")

    return {
        "host": host,
        "port": port,
        "username": username,
        "password": password,
        "verify": verify,
    }


def prompt_secret(prompt: str, alternative: str, secret_name: str = "password") -> str:
    """Prompt for a secret on the terminal without echo; ``secret_name`` names it in errors."""
    if not sys.stdin.isatty():
        raise UsageError(
            f"missing {secret_name}, and standard input is no terminal to prompt on: "
            f"use {alternative}"
        )
    secret = getpass.getpass(prompt)
    if not secret:
        raise UsageError(f"the {secret_name} is empty")
    return secret


def print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False))


def print_table(header: List[str], rows: List[List[str]], out: TextIO) -> None:
    widths = [len(title) for title in header]
    for row in rows:
        for column, cell in enumerate(row):
            widths[column] = max(widths[column], len(cell))
    for row in [header, *rows]:
        cells = [cell.ljust(widths[column]) for column, cell in enumerate(row)]
        print("  ".join(cells).rstrip(), file=out)


def print_fields(fields: Sequence[Tuple[str, str]]) -> None:
    """Print one line per field: the label, then the value in an aligned column."""
    for label, value in fields:
        print(f"{label:<16}{value}")


def print_deletions(result: BulkResult) -> int:
    """Print one line per name of a bulk delete and return 1 if any name was not deleted."""
    for item in result:
        if item.ok:
            print(f"deleted {item.name}")
        else:
            reason = item.message.strip() or item.status or "no reason given"
            print(f"not deleted {item.name}: {reason}")
    return EXIT_OK if result.ok else EXIT_FAILED


def yes_no(flag: bool) -> str:
    return "yes" if flag else "no"
