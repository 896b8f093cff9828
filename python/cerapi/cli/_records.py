"""``cerapi calls`` and ``cerapi phones``: stream CER 15SU2's paged call history and phone lists.

Rows are printed as the pages arrive, so the first rows of a long list appear
after the first request and memory stays flat.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import sys
from typing import Any, Dict, Iterator

from .._paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from ..client import Client
from ._common import EXIT_OK
from ._output import Column, add_list_format, write_records

CALL_COLUMNS = [
    Column("TIME", "call_time", lambda call: call.call_time),
    Column("EXTENSION", "caller_extension", lambda call: call.caller_extension),
    Column("ERL", "erl_name", lambda call: call.erl_name),
    Column("ELIN", "elin", lambda call: call.elin),
    Column("ROUTE PATTERN", "route_pattern", lambda call: call.route_pattern),
    Column("ACKNOWLEDGED", "acknowledged", lambda call: call.acknowledged),
]

PHONE_COLUMNS = [
    Column("MAC ADDRESS", "mac_address", lambda phone: phone.mac_address),
    Column("IP ADDRESS", "ip_address", lambda phone: phone.ip_address),
    Column("EXTENSION", "extension", lambda phone: phone.extension),
    Column("DEVICE", "device_name", lambda phone: phone.device_name),
    Column("ERL", "erl_name", lambda phone: phone.erl_name),
    Column("SWITCH", "switch_ip_address", lambda phone: phone.switch_ip_address),
    Column("PORT", "switch_port", lambda phone: phone.switch_port),
]

# Command name, attribute of client.phones, and help text.
PHONE_LISTS = [
    ("tracked", "tracked", "list the phones CER tracks, with their ERL and switch port"),
    ("non-tracked", "non_tracked", "list the phones CER does not track"),
    ("unlocated", "unlocated", "list the phones CER could not locate"),
    ("manual", "manual", "list the phones whose ERL was configured by hand"),
]


def add_parser(
    areas: argparse._SubParsersAction[argparse.ArgumentParser], options: argparse.ArgumentParser
) -> None:
    """Add ``cerapi calls`` and ``cerapi phones`` and their commands to ``areas``."""
    calls = areas.add_parser(
        "calls", parents=[options], help="list emergency calls from CER's call history"
    )
    call_commands = calls.add_subparsers(dest="command", required=True, metavar="COMMAND")
    calls_list = call_commands.add_parser(
        "list",
        parents=[options],
        help="list emergency calls, oldest first, page by page (needs CER 15SU2)",
    )
    dates = calls_list.add_mutually_exclusive_group()
    dates.add_argument(
        "--since", type=_date, metavar="YYYY-MM-DD", help="only calls on or after this date"
    )
    dates.add_argument(
        "--before", type=_date, metavar="YYYY-MM-DD", help="only calls before this date"
    )
    dates.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help="only calls on this date")
    calls_list.add_argument("--erl", help="only calls whose ERL name contains this text")
    calls_list.add_argument(
        "--extension", help="only calls whose caller extension contains this text"
    )
    calls_list.add_argument(
        "--match-any",
        action="store_true",
        help="list calls that match any of the filters instead of all of them",
    )
    _add_paging_options(calls_list, "calls")
    calls_list.set_defaults(handler=_calls_list)

    phones = areas.add_parser(
        "phones",
        parents=[options],
        help="list tracked, non-tracked, unlocated and manually configured phones",
    )
    phone_commands = phones.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command, attribute, help_text in PHONE_LISTS:
        parser = phone_commands.add_parser(
            command, parents=[options], help=f"{help_text} (needs CER 15SU2)"
        )
        _add_paging_options(parser, "phones")
        parser.set_defaults(handler=_phones_list, phone_list=attribute)


def _add_paging_options(parser: argparse.ArgumentParser, records: str) -> None:
    parser.add_argument(
        "--limit", type=_positive, metavar="N", help=f"stop after N {records} (default: all)"
    )
    parser.add_argument(
        "--page-size",
        type=_positive,
        default=DEFAULT_PAGE_SIZE,
        metavar="N",
        help=f"{records} per request; CER sends at most {MAX_PAGE_SIZE}, so a larger number "
        f"is lowered to {MAX_PAGE_SIZE} (default: {DEFAULT_PAGE_SIZE})",
    )
    parser.add_argument(
        "--tracking-id",
        metavar="ID",
        help="TrackingID header for every request: six letters or digits, an underscore "
        "and a UUID (default: a new CERAPI_<uuid> per request)",
    )
    add_list_format(parser)


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid date {value!r}: use YYYY-MM-DD, such as 2024-10-01"
        ) from None


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(
            f"invalid number {value!r}: use a whole number of 1 or more"
        )
    return int(value)


def _call_filters(args: argparse.Namespace) -> Dict[str, Any]:
    filters: Dict[str, Any] = {"erl_name": args.erl, "extension": args.extension}
    if args.match_any:
        filters["filter_type"] = "Any"
    if args.on is not None:
        filters.update(call_date=args.on, date_filter="is")
    elif args.before is not None:
        filters.update(call_date=args.before, date_filter="isBefore")
    elif args.since is not None:
        # NOTE: Cisco does not document whether isAfter includes the date itself.
        # Like the simulator, cerapi takes it as strictly after, so --since sends
        # the day before to include the date.
        day_before = args.since - datetime.timedelta(days=1)
        filters.update(call_date=day_before, date_filter="isAfter")
    return filters


def _limited(records: Iterator[Any], args: argparse.Namespace) -> Iterator[Any]:
    if args.limit is None:
        return records
    return itertools.islice(records, args.limit)


def _page_size(args: argparse.Namespace) -> int:
    """Return the page size, no larger than --limit so that no record is read in vain."""
    if args.limit is None:
        return int(args.page_size)
    return min(int(args.page_size), int(args.limit))


def _calls_list(client: Client, args: argparse.Namespace) -> int:
    calls = client.call_history(
        page_size=_page_size(args), tracking_id=args.tracking_id, **_call_filters(args)
    )
    write_records(
        _limited(calls, args),
        CALL_COLUMNS,
        args.output_format,
        sys.stdout,
        flush_every=_page_size(args),
    )
    return EXIT_OK


def _phones_list(client: Client, args: argparse.Namespace) -> int:
    phone_list = getattr(client.phones, args.phone_list)
    phones = phone_list(page_size=_page_size(args), tracking_id=args.tracking_id)
    write_records(
        _limited(phones, args),
        PHONE_COLUMNS,
        args.output_format,
        sys.stdout,
        flush_every=_page_size(args),
    )
    return EXIT_OK
