"""``cerapi clusters``: add a CUCM cluster to CER."""

from __future__ import annotations

import argparse
import sys
from typing import Dict, List, Tuple

from ..client import Client
from ..models import AxlSettings, CucmCluster, SecureConnection
from ._common import EXIT_OK, UsageError, prompt_secret

SECRETS_HELP = (
    "read the secrets from standard input, one per line: the CTI password, then the AXL "
    "password if --axl-user is given, then the CAPF auth strings of the publisher and the "
    "subscriber if --secure is given (default: prompt for each on the terminal)"
)


def add_parser(
    areas: argparse._SubParsersAction[argparse.ArgumentParser], options: argparse.ArgumentParser
) -> None:
    """Add ``cerapi clusters`` and its command to ``areas``."""
    clusters = areas.add_parser(
        "clusters", parents=[options], help="add a CUCM cluster (CER publishes only adding one)"
    )
    commands = clusters.add_subparsers(dest="command", required=True, metavar="COMMAND")

    add = commands.add_parser(
        "add",
        parents=[options],
        help="add a CUCM cluster; passwords are prompted for or read with --secrets-stdin",
        description="Add a CUCM cluster to CER. Passwords and CAPF auth strings are never "
        "options, so that they stay out of the shell history and the process list.",
    )
    add.add_argument(
        "--cucm", required=True, metavar="HOST", help="CUCM publisher: host name or IP address"
    )
    add.add_argument(
        "--cti-user", required=True, metavar="USER", help="CUCM application user for CTI"
    )
    add.add_argument("--cti-manager", default="", metavar="HOST", help="CTI Manager address")
    add.add_argument(
        "--backup-cti-manager-1", default="", metavar="HOST", help="first backup CTI Manager"
    )
    add.add_argument(
        "--backup-cti-manager-2", default="", metavar="HOST", help="second backup CTI Manager"
    )
    add.add_argument(
        "--teleport-address",
        default="",
        metavar="NUMBER",
        help="first directory number of CER's telephony ports, such as +12",
    )
    add.add_argument(
        "--number-of-teleports", type=int, metavar="N", help="number of telephony ports"
    )
    add.add_argument("--axl-user", default="", metavar="USER", help="CUCM application user for AXL")
    add.add_argument("--axl-port", type=int, metavar="PORT", help="AXL port on CUCM")
    add.add_argument(
        "--snmp-v3", action="store_true", help="use SNMPv3 towards CUCM (CER's UseSnmpV3)"
    )

    secure = add.add_argument_group("secure connection (TFTP and CAPF)")
    secure.add_argument("--secure", action="store_true", help="enable the secure connection")
    secure.add_argument("--tftp", default="", metavar="HOST", help="TFTP server")
    secure.add_argument(
        "--tftp-port", type=int, default=69, metavar="PORT", help="TFTP port (default: 69)"
    )
    secure.add_argument("--backup-tftp", default="", metavar="HOST", help="backup TFTP server")
    secure.add_argument("--capf", default="", metavar="HOST", help="CAPF server")
    secure.add_argument(
        "--capf-port", type=int, default=3804, metavar="PORT", help="CAPF port (default: 3804)"
    )
    secure.add_argument(
        "--instance-id-publisher",
        default="",
        metavar="ID",
        help="CAPF instance ID of the publisher",
    )
    secure.add_argument(
        "--instance-id-subscriber",
        default="",
        metavar="ID",
        help="CAPF instance ID of the subscriber",
    )

    add.add_argument("--secrets-stdin", action="store_true", help=SECRETS_HELP)
    add.set_defaults(handler=_clusters_add)


def _secret_labels(args: argparse.Namespace) -> List[Tuple[str, str]]:
    """Return (key, label) of each secret the command needs, in the order they are read."""
    labels = [("cti_password", f"CTI password of {args.cti_user}")]
    if args.axl_user:
        labels.append(("axl_password", f"AXL password of {args.axl_user}"))
    if args.secure:
        labels.append(("auth_string_publisher", "CAPF auth string of the publisher"))
        labels.append(("auth_string_subscriber", "CAPF auth string of the subscriber"))
    return labels


def _read_secrets(args: argparse.Namespace) -> Dict[str, str]:
    secrets: Dict[str, str] = {}
    for line_number, (key, label) in enumerate(_secret_labels(args), start=1):
        if not args.secrets_stdin:
            secrets[key] = prompt_secret(f"{label}: ", "--secrets-stdin", secret_name=label)
            continue
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise UsageError(
                f"missing {label}: line {line_number} of standard input is empty or absent "
                "(--secrets-stdin reads one secret per line, see --help)"
            )
        secrets[key] = line
    return secrets


def _clusters_add(client: Client, args: argparse.Namespace) -> int:
    secrets = _read_secrets(args)
    cluster = CucmCluster(
        cucm=args.cucm,
        cti_user=args.cti_user,
        cti_password=secrets["cti_password"],
        cti_manager=args.cti_manager,
        backup_cti_manager_1=args.backup_cti_manager_1,
        backup_cti_manager_2=args.backup_cti_manager_2,
        teleport_address=args.teleport_address,
        number_of_teleports=args.number_of_teleports,
        secure_connection=SecureConnection(
            enabled=args.secure,
            tftp_address=args.tftp,
            tftp_port=args.tftp_port,
            backup_tftp_address=args.backup_tftp,
            capf_address=args.capf,
            capf_port=args.capf_port,
            instance_id_publisher=args.instance_id_publisher,
            auth_string_publisher=secrets.get("auth_string_publisher", ""),
            instance_id_subscriber=args.instance_id_subscriber,
            auth_string_subscriber=secrets.get("auth_string_subscriber", ""),
        ),
        axl=AxlSettings(
            user=args.axl_user,
            password=secrets.get("axl_password", ""),
            port=args.axl_port,
        ),
        use_snmp_v3=args.snmp_v3,
    )
    result = client.clusters.add(cluster)
    detail = f"{result.status}: {result.message}" if result.message else result.status
    print(f"added CUCM cluster {args.cucm} ({detail})")
    return EXIT_OK
