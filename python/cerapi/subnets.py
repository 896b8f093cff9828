"""IP subnets and their ERLs: ``client.subnets`` and its async twin.

An IP subnet entry makes CER assign an ERL to every phone whose address is in
the subnet, or marks the subnet as not tracked. Cisco publishes the whole
IPv4 add (``POST /ipsubnetphone``, CER 14SU3). For the other operations it
publishes only the method and the path, so cerapi builds their bodies from the
IPv4 add, as each method describes. The ``v1`` paths need CER 15SU1.

Addresses, masks and prefix lengths are checked before any request is sent,
and an invalid one raises ValueError.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, cast

from . import _native
from ._args import check_name, optional_str
from .models import Subnet, WriteResult

__all__ = ["AsyncSubnets", "Subnets"]


class Subnets:
    """IP subnet operations of a ``Client``, reached as ``client.subnets``.

    CER identifies an IPv4 subnet by its subnet id (an IPv4 address) and its
    dotted mask, such as ``"10.1.20.0"`` and ``"255.255.255.0"``.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    def add(
        self,
        subnet_id: str,
        subnet_mask: str,
        erl_name: str,
        *,
        location: Optional[str] = None,
        do_not_track: bool = False,
    ) -> WriteResult:
        """Add an IPv4 subnet (``POST /ipsubnetphone``, CER 14SU3) and return CER's result.

        CER returns status ``"SUCCESS"`` and a message such as ``"IpSubnet Data
        Added Successfully"``. ``do_not_track`` is always sent, as Cisco's
        sample does.

        Args:
            subnet_id: an IPv4 address in the subnet, such as ``"10.1.20.0"``.
            subnet_mask: the dotted mask, such as ``"255.255.255.0"``.
            erl_name: the ERL CER assigns to phones in the subnet. It must exist.
            location: the subnet's location, a free text (optional in CER).
            do_not_track: True makes CER track neither the subnet nor its phones.

        Raises:
            ValueError: ``subnet_id`` is not an IPv4 address, the mask is not a
                contiguous dotted mask, or ``erl_name`` is empty.
            BadRequestError: CER rejected the subnet, for example because the ERL
                does not exist or the subnet exists already (the simulator's
                answers; Cisco publishes no failure sample).
        """
        args = _subnet_args(subnet_id, subnet_mask, erl_name, location, do_not_track)
        args["erl_name"] = check_name(erl_name, "erl_name")
        return cast(WriteResult, self._native.call("subnets.add", args))

    def update(
        self,
        subnet_id: str,
        subnet_mask: str,
        *,
        erl_name: Optional[str] = None,
        location: Optional[str] = None,
        do_not_track: Optional[bool] = None,
    ) -> WriteResult:
        """Change the ERL, location or tracking of an IPv4 subnet (``PUT /ipsubnetphone``).

        The subnet is named by ``subnet_id`` and ``subnet_mask``. Only the
        other arguments that are not None are sent.

        NOTE: Cisco publishes only the method and path of this update (CER
        14SU3). cerapi sends the fields of the IPv4 add, under the root element
        ``updateIPSubnetPhoneRequest`` in XML, by analogy with the add's
        ``addIPSubnetPhoneRequest``. The response is read as the add's.

        Raises:
            ValueError: the address or the mask is invalid, or ``erl_name`` is empty.
            NotFoundError: the subnet does not exist (the simulator returns HTTP 404).
            BadRequestError: CER rejected the change, for example for an unknown ERL.
        """
        args = _subnet_args(subnet_id, subnet_mask, erl_name, location, do_not_track)
        return cast(WriteResult, self._native.call("subnets.update", args))

    def delete(self, subnet_id: str, subnet_mask: str) -> WriteResult:
        """Delete an IPv4 subnet (``DELETE /ipsubnetphone`` with a body).

        NOTE: Cisco publishes only that this DELETE carries a body (CER 14SU3).
        cerapi sends the subnet's ``SUBNETID`` and ``SUBNETMASK``, the key
        fields of the IPv4 add, under the root element
        ``deleteIPSubnetPhoneRequest`` in XML, by analogy with the add. The
        response is read as the add's.

        Raises:
            ValueError: the address or the mask is invalid.
            NotFoundError: the subnet does not exist (the simulator returns HTTP 404).
        """
        args = _subnet_args(subnet_id, subnet_mask, None, None, None)
        return cast(WriteResult, self._native.call("subnets.delete", args))

    def add_ipv6(
        self,
        subnet_id: str,
        prefix_length: int,
        erl_name: str,
        *,
        location: Optional[str] = None,
        do_not_track: bool = False,
    ) -> WriteResult:
        """Add an IPv6 subnet (``POST v1/ipsubnetv6``, CER 15SU1) and return CER's result.

        NOTE: Cisco publishes only the method and path. cerapi sends the fields
        of the IPv4 add (``POST /ipsubnetphone``), with the prefix length as a
        decimal string in ``SUBNETMASK`` and the XML root element
        ``addIPSubnetV6Request``, and reads the response as the add's.

        Args:
            subnet_id: an IPv6 address in the subnet, such as ``"2001:db8:10::"``.
            prefix_length: the prefix length, 0 to 128.
            erl_name: the ERL CER assigns to phones in the subnet.
            location: the subnet's location, a free text.
            do_not_track: True makes CER track neither the subnet nor its phones.

        Raises:
            ValueError: ``subnet_id`` is not an IPv6 address, the prefix length is
                outside 0 to 128, or ``erl_name`` is empty.
        """
        args = _ipv6_args(subnet_id, prefix_length, erl_name, location, do_not_track)
        return cast(WriteResult, self._native.call("subnets.add_ipv6", args))

    def list(self) -> List[Subnet]:
        """List the IPv4 and IPv6 subnets (``GET v1/ipsubnet``, CER 15SU1).

        NOTE: Cisco publishes only the method and path. cerapi reads each field
        under the names of the IPv4 add (``SUBNETID``, ``ERLNAME``) or of the
        export API's subnet records (``subnetID``, ``isIPv6Subnet``), and keeps
        every other field CER sends in ``extra``.
        """
        return cast(List[Subnet], self._native.call("subnets.list", {}))


class AsyncSubnets:
    """IP subnet operations of an ``AsyncClient``, reached as ``client.subnets``.

    The methods match those of ``Subnets`` and are coroutines.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    async def add(
        self,
        subnet_id: str,
        subnet_mask: str,
        erl_name: str,
        *,
        location: Optional[str] = None,
        do_not_track: bool = False,
    ) -> WriteResult:
        """Add an IPv4 subnet (``POST /ipsubnetphone``), as ``Subnets.add`` describes."""
        args = _subnet_args(subnet_id, subnet_mask, erl_name, location, do_not_track)
        args["erl_name"] = check_name(erl_name, "erl_name")
        return cast(WriteResult, await self._native.call_async("subnets.add", args))

    async def update(
        self,
        subnet_id: str,
        subnet_mask: str,
        *,
        erl_name: Optional[str] = None,
        location: Optional[str] = None,
        do_not_track: Optional[bool] = None,
    ) -> WriteResult:
        """Update an IPv4 subnet (``PUT /ipsubnetphone``), as ``Subnets.update`` describes.

        The request body is inferred from the IPv4 add.
        """
        args = _subnet_args(subnet_id, subnet_mask, erl_name, location, do_not_track)
        return cast(WriteResult, await self._native.call_async("subnets.update", args))

    async def delete(self, subnet_id: str, subnet_mask: str) -> WriteResult:
        """Delete an IPv4 subnet (``DELETE /ipsubnetphone``), as ``Subnets.delete`` describes.

        The request body is inferred from the IPv4 add.
        """
        args = _subnet_args(subnet_id, subnet_mask, None, None, None)
        return cast(WriteResult, await self._native.call_async("subnets.delete", args))

    async def add_ipv6(
        self,
        subnet_id: str,
        prefix_length: int,
        erl_name: str,
        *,
        location: Optional[str] = None,
        do_not_track: bool = False,
    ) -> WriteResult:
        """Add an IPv6 subnet (``POST v1/ipsubnetv6``), as ``Subnets.add_ipv6`` describes.

        The request body is inferred from the IPv4 add.
        """
        args = _ipv6_args(subnet_id, prefix_length, erl_name, location, do_not_track)
        return cast(WriteResult, await self._native.call_async("subnets.add_ipv6", args))

    async def list(self) -> List[Subnet]:
        """List the IPv4 and IPv6 subnets (``GET v1/ipsubnet``), as ``Subnets.list`` describes."""
        return cast(List[Subnet], await self._native.call_async("subnets.list", {}))


def _optional_bool(value: object, field: str) -> Optional[bool]:
    if value is None or isinstance(value, bool):
        return value
    raise TypeError(f"{field} must be a bool, got {type(value).__name__}")


def _subnet_args(
    subnet_id: str,
    subnet_mask: str,
    erl_name: Optional[str],
    location: Optional[str],
    do_not_track: Optional[bool],
) -> Dict[str, Any]:
    # The native core parses the address and the mask and raises ValueError.
    if erl_name is not None:
        check_name(erl_name, "erl_name")
    return {
        "subnet_id": check_name(subnet_id, "subnet_id"),
        "subnet_mask": check_name(subnet_mask, "subnet_mask"),
        "erl_name": erl_name,
        "location": optional_str(location, "location"),
        "do_not_track": _optional_bool(do_not_track, "do_not_track"),
    }


def _ipv6_args(
    subnet_id: str,
    prefix_length: int,
    erl_name: str,
    location: Optional[str],
    do_not_track: bool,
) -> Dict[str, Any]:
    if isinstance(prefix_length, bool) or not isinstance(prefix_length, int):
        raise TypeError(f"prefix_length must be an int, got {type(prefix_length).__name__}")
    if not isinstance(do_not_track, bool):
        raise TypeError(f"do_not_track must be a bool, got {type(do_not_track).__name__}")
    return {
        "subnet_id": check_name(subnet_id, "subnet_id"),
        "prefix_length": prefix_length,
        "erl_name": check_name(erl_name, "erl_name"),
        "location": optional_str(location, "location"),
        "do_not_track": do_not_track,
    }
