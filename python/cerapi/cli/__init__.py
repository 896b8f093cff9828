"""The ``cerapi`` command: manage CER users, roles, groups, clusters, ERLs and subnets from a shell.

Connection options fall back to the CER_* environment variables. Exit status:
0 on success, 1 when CER or the connection reported an error or any item of a
bulk operation failed, 2 for invalid usage, 130 when interrupted by Ctrl-C.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Callable, NoReturn, Optional, Sequence

from .. import __version__
from ..client import Client
from ..errors import CerError
from . import _clusters, _erls, _groups, _records, _roles, _subnets, _users
from ._common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    connect,
    connection_options,
)

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "UsageError", "main"]


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
        # A command that needs no CER, such as `cerapi roles permissions`.
        local_command: Optional[Callable[[argparse.Namespace], int]] = getattr(
            args, "local_handler", None
        )
        if local_command is not None:
            return local_command(args)

        command: Callable[[Client, argparse.Namespace], int] = args.handler
        with connect(args) as client:
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


class _Parser(argparse.ArgumentParser):
    """Reports a usage error in one line, like every other error of the command."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"cerapi: error: {message} (see '{self.prog} --help')\n")


def _build_parser() -> argparse.ArgumentParser:
    options = connection_options()
    parser = _Parser(
        prog="cerapi",
        description="Manage Cisco Emergency Responder (CER) users, roles, user groups, "
        "CUCM clusters and IP subnets, and read ERLs, access points, phones and call history "
        "through CER's REST API.",
        parents=[options],
    )
    parser.add_argument("--version", action="version", version=f"cerapi {__version__}")
    areas = parser.add_subparsers(dest="area", required=True, metavar="AREA")
    for family in (_users, _roles, _groups, _clusters, _erls, _subnets, _records):
        family.add_parser(areas, options)
    return parser
