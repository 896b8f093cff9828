"""Result types of cerapi: dataclasses with snake_case fields.

The native core builds these objects from CER's JSON or XML, so list fields are
always lists and flags are always bools, whatever spelling CER sent.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, TypeVar

__all__ = [
    "AxlSettings",
    "BulkResult",
    "CucmCluster",
    "ItemResult",
    "Role",
    "SecureConnection",
    "User",
    "UserGroup",
    "WriteResult",
]

_T = TypeVar("_T")


if TYPE_CHECKING:
    # Type checkers see the plain decorator, so they know the fields and the
    # constructor's keyword arguments, such as CucmCluster(cucm=...).
    from dataclasses import dataclass as _model
else:

    def _model(cls: type[_T]) -> type[_T]:
        # slots=True needs Python 3.10; on 3.9 the classes are plain dataclasses.
        if sys.version_info >= (3, 10):
            return dataclasses.dataclass(slots=True)(cls)
        return dataclasses.dataclass(cls)


class _Model:
    __slots__ = ()

    def to_dict(self) -> Dict[str, Any]:
        """Return the fields as a plain dict, nested results included."""
        return dataclasses.asdict(self)  # type: ignore[call-overload,no-any-return]


@_model
class User(_Model):
    """A CER user as returned by ``GET /user``.

    ``auth_mode`` is ``"Local"``, ``"Remote"`` or ``"IdP"`` (CER's
    ``isRemoteAuth`` 0, 1 or 2). ``groups`` and ``roles`` name the user groups
    the user is in and the roles those groups give. ``extra`` keeps every
    field CER sent that cerapi does not model, under CER's own name.
    """

    user_name: str
    pkid: str = ""
    is_standard: bool = False
    auth_mode: str = "Local"
    groups: List[str] = dataclasses.field(default_factory=list)
    roles: List[str] = dataclasses.field(default_factory=list)
    publisher_url: Optional[str] = None
    subscriber_url: Optional[str] = None
    extra: Dict[str, Any] = dataclasses.field(default_factory=dict)


@_model
class WriteResult(_Model):
    """CER's answer to a create or update.

    ``status`` is CER's status text (``"AddSuccess"``, ``"UpdateSuccess"``,
    ``"Success"``); ``links`` lists the object's URLs on the publisher and the
    subscriber as CER sent them.
    """

    status: str
    pkid: Optional[str] = None
    message: Optional[str] = None
    links: List[str] = dataclasses.field(default_factory=list)
    extra: Dict[str, Any] = dataclasses.field(default_factory=dict)


@_model
class ItemResult(_Model):
    """The outcome of one name in a bulk operation."""

    name: str
    ok: bool
    status: str = ""
    message: str = ""

    def __str__(self) -> str:
        outcome = "ok" if self.ok else "failed"
        detail = f": {self.message}" if self.message else ""
        return f"{self.name}: {outcome}{detail}"


@_model
class BulkResult(_Model):
    """The outcome of a bulk operation, one ``ItemResult`` per requested name.

    CER reports per-item failures inside an HTTP 200 answer, so a
    ``BulkResult`` is returned even when some items failed: check ``ok``.
    """

    status: str
    items: List[ItemResult] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every item succeeded."""
        return all(item.ok for item in self.items)

    @property
    def succeeded(self) -> List[ItemResult]:
        """The items that succeeded."""
        return [item for item in self.items if item.ok]

    @property
    def failed(self) -> List[ItemResult]:
        """The items that failed."""
        return [item for item in self.items if not item.ok]

    def __iter__(self) -> Iterator[ItemResult]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __str__(self) -> str:
        lines = [f"{len(self.succeeded)} of {len(self.items)} succeeded ({self.status})"]
        lines.extend(f"  {item}" for item in self.items)
        return "\n".join(lines)


@_model
class Role(_Model):
    """A CER role as returned by ``GET /userrole``.

    ``permissions`` lists the display names of the resource permissions the
    role grants, such as ``"ERL"`` or ``"CPU & Memory Usage"``; ``PERMISSIONS``
    lists every name. Standard roles (``is_standard``) cannot be changed or
    deleted.
    """

    role_name: str
    pkid: str = ""
    description: str = ""
    is_standard: bool = False
    permissions: List[str] = dataclasses.field(default_factory=list)
    publisher_url: Optional[str] = None
    subscriber_url: Optional[str] = None
    extra: Dict[str, Any] = dataclasses.field(default_factory=dict)


@_model
class UserGroup(_Model):
    """A CER user group as returned by ``GET /usergroup``.

    ``users`` and ``roles`` are the user names and role names in the group,
    empty lists for an empty group. CER gives path-style URLs with raw spaces
    when it lists groups and query-style ones when it returns one group;
    ``publisher_url`` and ``subscriber_url`` keep them as sent.
    """

    group_name: str
    pkid: str = ""
    description: str = ""
    is_standard: bool = False
    users: List[str] = dataclasses.field(default_factory=list)
    roles: List[str] = dataclasses.field(default_factory=list)
    publisher_url: Optional[str] = None
    subscriber_url: Optional[str] = None
    extra: Dict[str, Any] = dataclasses.field(default_factory=dict)


@_model
class SecureConnection(_Model):
    """TLS settings CER uses towards a CUCM cluster: TFTP and CAPF servers.

    The CAPF auth strings are secrets: they are left out of ``repr``.
    """

    enabled: bool = False
    tftp_address: str = ""
    tftp_port: Optional[int] = 69
    backup_tftp_address: str = ""
    capf_address: str = ""
    capf_port: Optional[int] = 3804
    instance_id_publisher: str = ""
    auth_string_publisher: str = dataclasses.field(default="", repr=False)
    instance_id_subscriber: str = ""
    auth_string_subscriber: str = dataclasses.field(default="", repr=False)


@_model
class AxlSettings(_Model):
    """The AXL account CER uses on a CUCM cluster. The password is left out of ``repr``."""

    user: str = ""
    password: str = dataclasses.field(default="", repr=False)
    port: Optional[int] = None


@_model
class CucmCluster(_Model):
    """Settings of a CUCM cluster for ``client.clusters.add``.

    ``cucm`` is the CUCM publisher's host name or IP address; ``cti_user`` and
    ``cti_password`` are the CTI application user CER registers its ports with.
    CER's wire names keep their spelling (``CTIManger``, ``BackupCTIMngr1``,
    ``TelePortAddr``, ``NumbrOfTelePorts``); these names are the corrected ones.
    Passwords and CAPF auth strings are left out of ``repr``.
    """

    cucm: str
    cti_user: str
    cti_password: str = dataclasses.field(repr=False)
    cti_manager: str = ""
    backup_cti_manager_1: str = ""
    backup_cti_manager_2: str = ""
    teleport_address: str = ""
    number_of_teleports: Optional[int] = None
    secure_connection: SecureConnection = dataclasses.field(default_factory=SecureConnection)
    axl: AxlSettings = dataclasses.field(default_factory=AxlSettings)
    use_snmp_v3: bool = False
