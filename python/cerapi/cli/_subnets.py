"""``cerapi subnets``: list, add, update and delete the IP subnets that assign ERLs."""

from __future__ import annotations

import argparse
import ipaddress
import sys
from typing import Optional, Tuple, Union

from ..client import Client
from ._common import EXIT_OK, UsageError
from ._output import Column, add_list_format, write_records

SUBNET_COLUMNS = [
    Column("SUBNET", "subnet_id", lambda subnet: subnet.subnet_id),
    Column("MASK", "subnet_mask", lambda subnet: subnet.subnet_mask),
    Column("IPV6", "is_ipv6", lambda subnet: subnet.is_ipv6),
    Column("ERL", "erl_name", lambda subnet: subnet.erl_name),
    Column("TRACKED", "tracked", lambda subnet: not subnet.do_not_track),
    Column("LOCATION", "location", lambda subnet: subnet.location),
]

_SUBNET_HELP = (
    "the subnet as ADDRESS/PREFIX, such as 10.1.20.0/24 or 2001:db8:10::/64, "
    "or an IPv4 address followed by MASK"
)


def add_parser(
    areas: argparse._SubParsersAction[argparse.ArgumentParser], options: argparse.ArgumentParser
) -> None:
    """Add ``cerapi subnets`` and its commands to ``areas``."""
    subnets = areas.add_parser(
        "subnets",
        parents=[options],
        help="list, add, update and delete the IP subnets that assign ERLs to phones",
    )
    commands = subnets.add_subparsers(dest="command", required=True, metavar="COMMAND")

    list_parser = commands.add_parser(
        "list", parents=[options], help="list IPv4 and IPv6 subnets (needs CER 15SU1)"
    )
    add_list_format(list_parser)
    list_parser.set_defaults(handler=_subnets_list)

    add = commands.add_parser(
        "add",
        parents=[options],
        help="add a subnet: IPv4 needs CER 14SU3, IPv6 needs CER 15SU1",
    )
    _add_subnet_arguments(add)
    add.add_argument("--erl", required=True, help="the ERL CER assigns to phones in the subnet")
    add.add_argument("--location", help="the subnet's location, a free text")
    add.add_argument(
        "--do-not-track",
        action="store_true",
        help="track neither the subnet nor its phones",
    )
    add.set_defaults(handler=_subnets_add)

    update = commands.add_parser(
        "update", parents=[options], help="change the ERL, location or tracking of an IPv4 subnet"
    )
    _add_subnet_arguments(update)
    update.add_argument("--erl", help="the new ERL")
    update.add_argument("--location", help="the new location")
    update.add_argument(
        "--track",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="track the subnet and its phones (--no-track stops tracking)",
    )
    update.set_defaults(handler=_subnets_update)

    delete = commands.add_parser("delete", parents=[options], help="delete an IPv4 subnet")
    _add_subnet_arguments(delete)
    delete.set_defaults(handler=_subnets_delete)


def _add_subnet_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("subnet", metavar="SUBNET", help=_SUBNET_HELP)
    parser.add_argument(
        "mask", metavar="MASK", nargs="?", help="dotted IPv4 mask, such as 255.255.255.0"
    )


Address = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]


def _parse_subnet(subnet: str, mask: Optional[str]) -> Tuple[Address, str]:
    """Return the subnet's address and its mask: dotted for IPv4, a prefix length for IPv6."""
    address_text, slash, prefix_text = subnet.partition("/")
    try:
        address = ipaddress.ip_address(address_text.strip())
    except ValueError:
        raise UsageError(f"invalid subnet {subnet!r}: {_SUBNET_HELP}") from None

    if slash:
        if mask is not None:
            raise UsageError(f"give either {subnet!r} with a prefix or a MASK, not both")
        if not prefix_text.isdigit() or int(prefix_text) > address.max_prefixlen:
            raise UsageError(
                f"invalid prefix length in {subnet!r}: use 0 to {address.max_prefixlen}"
            )
        if address.version == 6:
            return address, prefix_text
        network = ipaddress.IPv4Network(f"0.0.0.0/{prefix_text}")
        return address, str(network.netmask)

    if mask is None:
        raise UsageError(f"missing mask for {subnet!r}: {_SUBNET_HELP}")
    if address.version == 6:
        raise UsageError(f"give the IPv6 subnet as ADDRESS/PREFIX, such as {address}/64")
    return address, mask


def _subnets_list(client: Client, args: argparse.Namespace) -> int:
    subnets = client.subnets.list()
    write_records(subnets, SUBNET_COLUMNS, args.output_format, sys.stdout)
    return EXIT_OK


def _subnets_add(client: Client, args: argparse.Namespace) -> int:
    address, mask = _parse_subnet(args.subnet, args.mask)
    if address.version == 6:
        result = client.subnets.add_ipv6(
            str(address),
            int(mask),
            args.erl,
            location=args.location,
            do_not_track=args.do_not_track,
        )
    else:
        result = client.subnets.add(
            str(address),
            mask,
            args.erl,
            location=args.location,
            do_not_track=args.do_not_track,
        )
    print(f"added subnet {address} {mask} with ERL {args.erl} ({result.status})")
    return EXIT_OK


def _ipv4_subnet(args: argparse.Namespace, action: str) -> Tuple[str, str]:
    address, mask = _parse_subnet(args.subnet, args.mask)
    if address.version == 6:
        raise UsageError(f"CER has no known operation to {action} an IPv6 subnet")
    return str(address), mask


def _subnets_update(client: Client, args: argparse.Namespace) -> int:
    subnet_id, mask = _ipv4_subnet(args, "update")
    if args.erl is None and args.location is None and args.track is None:
        raise UsageError("nothing to update: pass --erl, --location or --[no-]track")
    do_not_track = None if args.track is None else not args.track
    result = client.subnets.update(
        subnet_id, mask, erl_name=args.erl, location=args.location, do_not_track=do_not_track
    )
    print(f"updated subnet {subnet_id} {mask} ({result.status})")
    return EXIT_OK


def _subnets_delete(client: Client, args: argparse.Namespace) -> int:
    subnet_id, mask = _ipv4_subnet(args, "delete")
    result = client.subnets.delete(subnet_id, mask)
    print(f"deleted subnet {subnet_id} {mask} ({result.status})")
    return EXIT_OK
