"""Wireless access points (``/cerappservices/service/accesspoints``): ``client.access_points``.

NOTE: ``/accesspoints`` is not in Cisco's reference. It was seen responding
on CER 15.0.1, with ``?apname=NAME`` to read one access point. The response shape
is not published: cerapi reads each field under the names CER uses elsewhere,
such as ``apName`` and ``erlName``, and keeps every field as sent in ``extra``.
"""

from __future__ import annotations

from typing import List, cast

from . import _native
from ._args import name_args
from .models import AccessPoint

__all__ = ["AccessPoints", "AsyncAccessPoints"]


class AccessPoints:
    """Access point operations of a ``Client``, reached as ``client.access_points``.

    CER assigns the ERL of an access point to the wireless phones it locates
    behind that access point.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    def list(self) -> List[AccessPoint]:
        """List every wireless access point configured in CER (``GET /accesspoints``)."""
        return cast(List[AccessPoint], self._native.call("access_points.list", {}))

    def get(self, name: str) -> AccessPoint:
        """Get one access point by name (``GET /accesspoints?apname=...``).

        The name is matched in any case. When CER returns a single access point
        under another name, that one is returned.

        Raises:
            NotFoundError: no access point has this name.
        """
        return cast(AccessPoint, self._native.call("access_points.get", name_args(name)))


class AsyncAccessPoints:
    """Access point operations of an ``AsyncClient``, reached as ``client.access_points``.

    The methods match those of ``AccessPoints`` and are coroutines.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    async def list(self) -> List[AccessPoint]:
        """List every wireless access point configured in CER (``GET /accesspoints``)."""
        points = await self._native.call_async("access_points.list", {})
        return cast(List[AccessPoint], points)

    async def get(self, name: str) -> AccessPoint:
        """Get one access point by name (``GET /accesspoints?apname=...``).

        Raises:
            NotFoundError: no access point has this name.
        """
        point = await self._native.call_async("access_points.get", name_args(name))
        return cast(AccessPoint, point)
