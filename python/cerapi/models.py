"""Result types of cerapi: dataclasses with snake_case fields.

The native core builds these objects from CER's JSON or XML, so list fields are
always lists and flags are always bools, whatever spelling CER sent.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, TypeVar

__all__ = [
    "AccessPoint",
    "AliDetails",
    "AxlSettings",
    "BulkResult",
    "CallRecord",
    "ConventionalErl",
    "CucmCluster",
    "ElinMapping",
    "ItemResult",
    "LookupEntry",
    "Page",
    "Phone",
    "Role",
    "SecureConnection",
    "Subnet",
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
    """CER's response to a create or update.

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

    CER reports per-item failures inside an HTTP 200 response, so a
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


@_model
class AliDetails(_Model):
    """The ALI record of an ERL: the address the PSAP receives.

    Every field is a str, empty when unset. ``class_of_service`` and
    ``type_of_service`` are CER's ``COS`` and ``TOS``.
    """

    house_number: str = ""
    house_number_suffix: str = ""
    street_name: str = ""
    prefix_directional: str = ""
    street_suffix: str = ""
    post_directional: str = ""
    community_name: str = ""
    state: str = ""
    main_npa: str = ""
    customer_name: str = ""
    class_of_service: str = ""
    type_of_service: str = ""
    exchange: str = ""
    main_tel_num: str = ""
    order_number: str = ""
    county_id: str = ""
    company_id: str = ""
    zip_code: str = ""
    zip_code_ext: str = ""
    customer_code: str = ""
    comments: str = ""
    longitude: str = ""
    latitude: str = ""
    elevation: str = ""
    tar_code: str = ""
    location: str = ""
    prov_reserved: str = ""


@_model
class ElinMapping(_Model):
    """A route pattern and the ELIN CER sends to the PSAP with calls through it."""

    route_pattern: str
    elin: str


@_model
class ConventionalErl(_Model):
    """A conventional ERL as returned by ``GET /cerl``.

    ``elins`` is empty for an ERL without ELIN, whatever form CER used for it.
    ``onsite_alert_ids`` names the onsite alert contacts. ``extra`` keeps fields
    CER sent that cerapi does not model, under CER's own names.
    """

    erl_name: str
    description: str = ""
    test_erl: bool = False
    time_zone: str = ""
    elins: List[ElinMapping] = dataclasses.field(default_factory=list)
    onsite_alert_ids: List[str] = dataclasses.field(default_factory=list)
    ali: AliDetails = dataclasses.field(default_factory=AliDetails)
    publisher_url: Optional[str] = None
    subscriber_url: Optional[str] = None
    extra: Dict[str, Any] = dataclasses.field(default_factory=dict)


@_model
class LookupEntry(_Model):
    """One entry of an ERL lookup table: class of service, type of service or time zone.

    ``value`` is the entry's code or name and ``description`` its text when CER
    sends one; ``extra`` contains every field as CER sent it.
    """

    value: str
    description: str = ""
    extra: Dict[str, Any] = dataclasses.field(default_factory=dict)


@_model
class AccessPoint(_Model):
    """A wireless access point and the ERL assigned to phones behind it.

    ``extra`` contains every field as CER sent it, because the response shape is
    not published.
    """

    ap_name: str
    mac_address: Optional[str] = None
    ip_address: Optional[str] = None
    erl_name: Optional[str] = None
    location: Optional[str] = None
    extra: Dict[str, Any] = dataclasses.field(default_factory=dict)


@_model
class Subnet(_Model):
    """An IP subnet and the ERL CER assigns to phones in it.

    ``subnet_mask`` is a dotted mask for IPv4 and a prefix length for IPv6, as
    CER sent it. With ``do_not_track`` CER tracks neither the subnet nor its phones.
    """

    subnet_id: str
    subnet_mask: str = ""
    erl_name: str = ""
    location: str = ""
    do_not_track: bool = False
    is_ipv6: bool = False
    extra: Dict[str, Any] = dataclasses.field(default_factory=dict)


@_model
class Phone(_Model):
    """A phone from the tracked, non-tracked, unlocated or manually configured lists.

    ``mac_address`` is normalised to ``aa:bb:cc:dd:ee:ff`` (``None`` when CER
    sent none that parses); ``mac_address_raw`` is the value as CER sent it.
    ``extra`` contains every field as CER sent it.
    """

    mac_address: Optional[str] = None
    mac_address_raw: Optional[str] = None
    ip_address: Optional[str] = None
    extension: Optional[str] = None
    device_name: Optional[str] = None
    erl_name: Optional[str] = None
    switch_ip_address: Optional[str] = None
    switch_port: Optional[str] = None
    extra: Dict[str, Any] = dataclasses.field(default_factory=dict)


@_model
class CallRecord(_Model):
    """One emergency call from CER's call history.

    ``call_time`` is the text CER sent; its format is not published. ``extra``
    contains every field as CER sent it.
    """

    erl_name: Optional[str] = None
    caller_extension: Optional[str] = None
    call_time: Optional[str] = None
    route_pattern: Optional[str] = None
    elin: Optional[str] = None
    acknowledged: Optional[bool] = None
    extra: Dict[str, Any] = dataclasses.field(default_factory=dict)


@_model
class Page(_Model):
    """One page of a paged read: its records and the request that produced it.

    ``tracking_id`` is the ``TrackingID`` header sent with the request.
    ``message`` is CER's text, such as the one it sends instead of records when
    nothing matches.
    """

    records: List[Any] = dataclasses.field(default_factory=list)
    offset: int = 0
    limit: int = 500
    tracking_id: str = ""
    message: Optional[str] = None
