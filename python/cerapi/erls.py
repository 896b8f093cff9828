"""CER conventional ERLs (``/cerappservices/service/cerl``): ``client.erls`` and its async twin.

Cisco publishes only the ERL list (``GET /cerl``, CER 14). Writes have no
published operation, so there are no typed write methods. A ``ConventionalErl``
passed as ``body`` to ``client.request`` is encoded in the element names of
``GET /cerl``, with the XML root element ``ConventionalERL``. The simulator
accepts such a body on ``POST /cerl`` to add an ERL, which CER does not publish. The lookup tables
``/cerl/cos``, ``/cerl/tos`` and ``/cerl/timezone`` are not in Cisco's
reference. They were seen responding on CER 15.0.1, but their response shape
is not published, so each entry keeps the fields CER sent in ``extra``.
"""

from __future__ import annotations

from typing import List, cast

from . import _native
from ._args import name_args
from .models import ConventionalErl, LookupEntry

__all__ = ["AsyncErls", "Erls"]


class Erls:
    """ERL operations of a ``Client``, reached as ``client.erls``.

    An ERL (emergency response location) is the location CER assigns to a
    phone: the ELINs it sends to the PSAP, the onsite alert contacts and the
    ALI address record. The ``Default`` ERL exists on every CER.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    def list(self) -> List[ConventionalErl]:
        """List every conventional ERL (``GET /cerl``) with its ELINs and ALI record.

        ``GET /cerl`` has no documented filter or paging, so this reads every
        ERL in one response. An ERL without ELIN has ``elins == []``.
        """
        return cast(List[ConventionalErl], self._native.call("erls.list", {}))

    def get(self, name: str) -> ConventionalErl:
        """Get one conventional ERL by name.

        ``GET /cerl`` has no documented filter, so this reads the whole list and
        picks the ERL whose name matches exactly, else the first one whose name
        matches in any case.

        Raises:
            NotFoundError: no ERL has this name.
        """
        return cast(ConventionalErl, self._native.call("erls.get", name_args(name)))

    def classes_of_service(self) -> List[LookupEntry]:
        """List the ALI class-of-service codes CER accepts (``GET /cerl/cos``).

        ``value`` is the code stored in ``AliDetails.class_of_service``, such as
        ``"1"``, and ``description`` its text, such as ``"Residence"``.

        NOTE: the endpoint is not in Cisco's reference. It was seen on CER
        15.0.1, and the field names cerapi reads ``value`` and ``description``
        from are a guess. ``extra`` contains an entry that is an object as
        CER sent it, and an entry that is a plain string becomes ``value``.
        """
        return cast(List[LookupEntry], self._native.call("erls.lookup", {"table": "cos"}))

    def types_of_service(self) -> List[LookupEntry]:
        """List the ALI type-of-service codes CER accepts (``GET /cerl/tos``).

        ``value`` is the code stored in ``AliDetails.type_of_service``. The
        endpoint was seen on CER 15.0.1 but is not in Cisco's reference, as
        ``classes_of_service`` describes.
        """
        return cast(List[LookupEntry], self._native.call("erls.lookup", {"table": "tos"}))

    def time_zones(self) -> List[LookupEntry]:
        """List the time zones an ERL can have (``GET /cerl/timezone``).

        ``value`` is the name stored in ``ConventionalErl.time_zone``. The
        endpoint was seen on CER 15.0.1 but is not in Cisco's reference, as
        ``classes_of_service`` describes.
        """
        args = {"table": "timezone"}
        return cast(List[LookupEntry], self._native.call("erls.lookup", args))


class AsyncErls:
    """ERL operations of an ``AsyncClient``, reached as ``client.erls``.

    The methods match those of ``Erls`` and are coroutines.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    async def list(self) -> List[ConventionalErl]:
        """List every conventional ERL (``GET /cerl``) with its ELINs and ALI record."""
        return cast(List[ConventionalErl], await self._native.call_async("erls.list", {}))

    async def get(self, name: str) -> ConventionalErl:
        """Get one conventional ERL by name, reading the whole list as ``Erls.get`` does.

        Raises:
            NotFoundError: no ERL has this name.
        """
        erl = await self._native.call_async("erls.get", name_args(name))
        return cast(ConventionalErl, erl)

    async def classes_of_service(self) -> List[LookupEntry]:
        """List the ALI class-of-service codes (``GET /cerl/cos``), as ``Erls`` does."""
        entries = await self._native.call_async("erls.lookup", {"table": "cos"})
        return cast(List[LookupEntry], entries)

    async def types_of_service(self) -> List[LookupEntry]:
        """List the ALI type-of-service codes (``GET /cerl/tos``), as ``Erls`` does."""
        entries = await self._native.call_async("erls.lookup", {"table": "tos"})
        return cast(List[LookupEntry], entries)

    async def time_zones(self) -> List[LookupEntry]:
        """List the time zones an ERL can have (``GET /cerl/timezone``), as ``Erls`` does."""
        entries = await self._native.call_async("erls.lookup", {"table": "timezone"})
        return cast(List[LookupEntry], entries)
