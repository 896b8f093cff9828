"""CUCM clusters (``/cerappservices/service/cluster``): ``client.clusters`` and its async twin."""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, cast

from . import _native
from .models import AxlSettings, CucmCluster, SecureConnection, WriteResult

__all__ = ["AsyncClusters", "Clusters"]


class Clusters:
    """CUCM cluster operations of a ``Client``, reached as ``client.clusters``.

    Cisco publishes one operation on CUCM clusters: adding one
    (``POST /cluster``). Listing, reading, updating and deleting clusters have
    no published method or path, so cerapi has no typed method for them. On a
    CER that has them, ``client.request(method, path, ...)`` reaches them with
    the path that CER documents.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    def add(self, cluster: CucmCluster) -> WriteResult:
        """Add a CUCM cluster (``POST /cluster``) and return CER's result.

        CER returns status ``"Success"`` and the message ``"CUCM cluster added
        successfully"``. Every field of ``cluster`` is sent, with CER's
        field names and every value as a string. cerapi puts passwords and CAPF
        auth strings only into the request body: its log records, ``repr`` and
        error messages leave them out.

        Raises:
            TypeError: ``cluster`` is not a ``CucmCluster`` or a field has the wrong type.
            ValueError: ``cucm`` or ``cti_user`` is empty, a port is not 1 to 65535
                or ``number_of_teleports`` is negative.
            BadRequestError: CER rejected the cluster; the simulator does so for a
                CUCM host that was added before (CER's response is not published).
        """
        args = _cluster_args(cluster)
        return cast(WriteResult, self._native.call("clusters.add", args))


class AsyncClusters:
    """CUCM cluster operations of an ``AsyncClient``, reached as ``client.clusters``.

    The method matches ``Clusters.add`` and is a coroutine.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    async def add(self, cluster: CucmCluster) -> WriteResult:
        """Add a CUCM cluster (``POST /cluster``), as ``Clusters.add`` describes."""
        args = _cluster_args(cluster)
        return cast(WriteResult, await self._native.call_async("clusters.add", args))


# Fields that take something other than a str. The messages name the field and
# its type, never its value, because the value may be a password.
_PORT_FIELDS = frozenset({"tftp_port", "capf_port", "port"})
_INT_FIELDS = _PORT_FIELDS | {"number_of_teleports"}
_BOOL_FIELDS = frozenset({"enabled", "use_snmp_v3"})
_NESTED_FIELDS = {"secure_connection": SecureConnection, "axl": AxlSettings}


def _check_number(value: Any, path: str, is_port: bool) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{path} must be an int or None, got {type(value).__name__}")
    if is_port and not 1 <= value <= 65535:
        raise ValueError(f"{path} must be a port number from 1 to 65535, got {value}")
    if value < 0:
        raise ValueError(f"{path} must not be negative, got {value}")


def _check_fields(settings: Any, prefix: str) -> None:
    for field in dataclasses.fields(settings):
        value = getattr(settings, field.name)
        path = prefix + field.name
        if field.name in _NESTED_FIELDS:
            expected_class = _NESTED_FIELDS[field.name]
            if not isinstance(value, expected_class):
                raise TypeError(
                    f"{path} must be a cerapi.{expected_class.__name__}, got {type(value).__name__}"
                )
            _check_fields(value, path + ".")
        elif field.name in _INT_FIELDS:
            _check_number(value, path, field.name in _PORT_FIELDS)
        elif field.name in _BOOL_FIELDS:
            if not isinstance(value, bool):
                raise TypeError(f"{path} must be a bool, got {type(value).__name__}")
        elif not isinstance(value, str):
            raise TypeError(f"{path} must be a str, got {type(value).__name__}")


def _cluster_args(cluster: CucmCluster) -> Dict[str, Any]:
    if not isinstance(cluster, CucmCluster):
        raise TypeError(f"cluster must be a cerapi.CucmCluster, got {type(cluster).__name__}")
    _check_fields(cluster, "cluster.")
    return {"cluster": cluster}
