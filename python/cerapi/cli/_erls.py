"""``cerapi erls`` and ``cerapi access-points``: read ERLs, ERL lookup tables and access points."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import List, Tuple

from ..client import Client
from ..models import AccessPoint, AliDetails, ConventionalErl
from ._common import EXIT_OK, add_output_format, print_json
from ._output import Column, add_list_format, print_labelled, text, write_records

LOOKUP_TABLES = {
    "cos": "ALI class-of-service codes",
    "tos": "ALI type-of-service codes",
    "timezone": "time zones an ERL can have",
}


def add_parser(
    areas: argparse._SubParsersAction[argparse.ArgumentParser], options: argparse.ArgumentParser
) -> None:
    """Add ``cerapi erls`` and ``cerapi access-points`` and their commands to ``areas``."""
    erls = areas.add_parser(
        "erls", parents=[options], help="list and show conventional ERLs and their lookup tables"
    )
    commands = erls.add_subparsers(dest="command", required=True, metavar="COMMAND")

    list_parser = commands.add_parser("list", parents=[options], help="list all conventional ERLs")
    add_list_format(list_parser)
    list_parser.set_defaults(handler=_erls_list)

    get_parser = commands.add_parser(
        "get", parents=[options], help="show one ERL with its ELINs and ALI record"
    )
    get_parser.add_argument("name", help="ERL name (matched in any case when no name is exact)")
    add_output_format(get_parser)
    get_parser.set_defaults(handler=_erls_get)

    lookups_parser = commands.add_parser(
        "lookups",
        parents=[options],
        help="list the values of an ERL lookup table: "
        + ", ".join(f"{name} ({meaning})" for name, meaning in LOOKUP_TABLES.items()),
    )
    lookups_parser.add_argument("table", choices=list(LOOKUP_TABLES), help="lookup table")
    add_list_format(lookups_parser)
    lookups_parser.set_defaults(handler=_erls_lookups)

    points = areas.add_parser(
        "access-points", parents=[options], help="list and show wireless access points"
    )
    point_commands = points.add_subparsers(dest="command", required=True, metavar="COMMAND")

    points_list = point_commands.add_parser(
        "list", parents=[options], help="list all access points"
    )
    add_list_format(points_list)
    points_list.set_defaults(handler=_access_points_list)

    points_get = point_commands.add_parser("get", parents=[options], help="show one access point")
    points_get.add_argument("name", help="access point name")
    add_output_format(points_get)
    points_get.set_defaults(handler=_access_points_get)


def _elins_text(erl: ConventionalErl) -> str:
    """Return the ELINs as ``route pattern:ELIN`` pairs, such as ``10911:6011621123``."""
    return " ".join(f"{mapping.route_pattern}:{mapping.elin}" for mapping in erl.elins)


ERL_COLUMNS = [
    Column("NAME", "erl_name", lambda erl: erl.erl_name),
    Column("TEST", "test_erl", lambda erl: erl.test_erl),
    Column("TIME ZONE", "time_zone", lambda erl: erl.time_zone),
    Column("ELINS", "elins", _elins_text),
    Column("ONSITE ALERTS", "onsite_alert_ids", lambda erl: " ".join(erl.onsite_alert_ids)),
    Column("DESCRIPTION", "description", lambda erl: erl.description),
]


def _ali_column(field: str) -> Column:
    return Column(field, f"ali_{field}", lambda erl: str(getattr(erl.ali, field)))


ALI_FIELDS = [field.name for field in dataclasses.fields(AliDetails)]

# CSV adds one column per ALI field, so a spreadsheet gets the whole address.
ERL_CSV_COLUMNS = ERL_COLUMNS + [_ali_column(field) for field in ALI_FIELDS]

LOOKUP_COLUMNS = [
    Column("VALUE", "value", lambda entry: entry.value),
    Column("DESCRIPTION", "description", lambda entry: entry.description),
]

ACCESS_POINT_COLUMNS = [
    Column("NAME", "ap_name", lambda point: point.ap_name),
    Column("MAC ADDRESS", "mac_address", lambda point: point.mac_address),
    Column("IP ADDRESS", "ip_address", lambda point: point.ip_address),
    Column("ERL", "erl_name", lambda point: point.erl_name),
    Column("LOCATION", "location", lambda point: point.location),
]


def _erls_list(client: Client, args: argparse.Namespace) -> int:
    erls = client.erls.list()
    write_records(erls, ERL_COLUMNS, args.output_format, sys.stdout, csv_columns=ERL_CSV_COLUMNS)
    return EXIT_OK


def _erls_get(client: Client, args: argparse.Namespace) -> int:
    erl = client.erls.get(args.name)
    if args.output_format == "json":
        print_json(erl.to_dict())
        return EXIT_OK
    print_labelled(_erl_fields(erl), sys.stdout)
    return EXIT_OK


def _erls_lookups(client: Client, args: argparse.Namespace) -> int:
    if args.table == "cos":
        entries = client.erls.classes_of_service()
    elif args.table == "tos":
        entries = client.erls.types_of_service()
    else:
        entries = client.erls.time_zones()
    write_records(entries, LOOKUP_COLUMNS, args.output_format, sys.stdout)
    return EXIT_OK


def _access_points_list(client: Client, args: argparse.Namespace) -> int:
    points = client.access_points.list()
    write_records(points, ACCESS_POINT_COLUMNS, args.output_format, sys.stdout)
    return EXIT_OK


def _access_points_get(client: Client, args: argparse.Namespace) -> int:
    point = client.access_points.get(args.name)
    if args.output_format == "json":
        print_json(point.to_dict())
        return EXIT_OK
    print_labelled(_access_point_fields(point), sys.stdout)
    return EXIT_OK


def _erl_fields(erl: ConventionalErl) -> List[Tuple[str, str]]:
    fields = [
        ("name", erl.erl_name),
        ("description", erl.description),
        ("test ERL", text(erl.test_erl)),
        ("time zone", erl.time_zone),
        ("ELINs", _elins_text(erl)),
        ("onsite alerts", ", ".join(erl.onsite_alert_ids)),
    ]
    # The ALI record has 27 fields and most are empty, so only the set ones are shown.
    for field in ALI_FIELDS:
        value = str(getattr(erl.ali, field))
        if value:
            fields.append((f"ALI {field.replace('_', ' ')}", value))
    fields.append(("publisher URL", erl.publisher_url or ""))
    fields.append(("subscriber URL", erl.subscriber_url or ""))
    return fields


def _access_point_fields(point: AccessPoint) -> List[Tuple[str, str]]:
    return [
        ("name", point.ap_name),
        ("MAC address", text(point.mac_address)),
        ("IP address", text(point.ip_address)),
        ("ERL", text(point.erl_name)),
        ("location", text(point.location)),
    ]
