"""The CER clients: ``Client`` blocks the calling thread, ``AsyncClient`` returns coroutines."""

from __future__ import annotations

import dataclasses
import os
from types import TracebackType
from typing import Any, Dict, Mapping, Optional, Type, TypeVar, Union, cast

from . import _native
from ._config import (
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_RETRY,
    DEFAULT_TIMEOUT,
    Endpoint,
    RetryPolicy,
    Timeout,
    check_credential,
    check_format,
    check_max_concurrency,
    check_max_response_bytes,
    check_verify,
    parse_endpoint,
    retry_settings,
    settings_from_env,
    to_timeout,
)
from .access_points import AccessPoints, AsyncAccessPoints
from .calls import AsyncCallHistory, CallHistory
from .clusters import AsyncClusters, Clusters
from .erls import AsyncErls, Erls
from .groups import AsyncGroups, Groups
from .models import _Model
from .phones import AsyncPhones, Phones
from .roles import AsyncRoles, Roles
from .subnets import AsyncSubnets, Subnets
from .users import AsyncUsers, Users

__all__ = ["AsyncClient", "Client", "RetryPolicy", "Timeout"]

_ClientT = TypeVar("_ClientT", bound="_BaseClient")

VerifySetting = Union[bool, str, "os.PathLike[str]"]


class _BaseClient:
    """Settings, properties and argument checks shared by Client and AsyncClient."""

    def __init__(
        self,
        host: str,
        username: str,
        password: str,
        *,
        port: Optional[int] = None,
        verify: VerifySetting = True,
        timeout: Union[Timeout, float] = DEFAULT_TIMEOUT,
        format: str = "json",
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        retry: Optional[RetryPolicy] = DEFAULT_RETRY,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        release: Optional[str] = None,
    ) -> None:
        self._endpoint: Endpoint = parse_endpoint(host, port)
        self._timeout = to_timeout(timeout)
        self._verify = check_verify(verify)
        native_retry = retry_settings(retry)
        self._retry = retry
        self._max_response_bytes = check_max_response_bytes(max_response_bytes)
        self._native = _native.Client(
            self._endpoint.base_url,
            check_credential(username, "username"),
            check_credential(password, "password"),
            verify=self._verify,
            connect_timeout=self._timeout.connect,
            read_timeout=self._timeout.read,
            max_concurrency=check_max_concurrency(max_concurrency),
            format=check_format(format),
            max_response_bytes=self._max_response_bytes,
            release=_check_release(release),
            **native_retry,
        )
        self._attach_families()

    def _attach_families(self) -> None:
        """Attach the resource families, sync or async, as attributes."""
        raise NotImplementedError

    @classmethod
    def from_env(cls: Type[_ClientT], **overrides: Any) -> _ClientT:
        """Create a client from the CER_* environment variables.

        ========================  ==========================================
        ``CER_HOST``              host name, ``host:port`` or base URL (required)
        ``CER_USERNAME``          API user name (required)
        ``CER_PASSWORD``          API user's password (required)
        ``CER_PORT``              port, when ``CER_HOST`` names none
        ``CER_CA_FILE``           CA bundle (PEM) that signed CER's certificate
        ``CER_VERIFY``            ``false``, ``0`` or ``no`` disables TLS verification
        ========================  ==========================================

        Keyword arguments override the variables and take the constructor's
        names, such as ``from_env(timeout=5, format="xml")``.

        Raises:
            ValueError: a required variable is missing or a value is invalid;
                the message names the variable.
        """
        return cls(**settings_from_env(os.environ, overrides))

    @property
    def host(self) -> str:
        """The CER publisher's host name or IP address."""
        return self._endpoint.host

    @property
    def port(self) -> int:
        """The TCP port of the CER publisher."""
        return self._endpoint.port

    @property
    def base_url(self) -> str:
        """Scheme, host and port, such as ``https://cer-pub.example.com:443``."""
        return self._endpoint.base_url

    @property
    def username(self) -> str:
        """The API user name."""
        return self._native.username

    @property
    def format(self) -> str:
        """The wire format, ``"json"`` or ``"xml"``."""
        return self._native.format

    @property
    def timeout(self) -> Timeout:
        """The connect and read timeouts."""
        return self._timeout

    @property
    def verify(self) -> Union[bool, str]:
        """True, False or the path of the CA bundle that verifies CER's certificate."""
        return self._verify

    @property
    def retry(self) -> Optional[RetryPolicy]:
        """The retry policy, or None when each request is sent once."""
        return self._retry

    @property
    def max_response_bytes(self) -> int:
        """The largest response body the client reads, in bytes."""
        return self._max_response_bytes

    @property
    def release(self) -> Optional[str]:
        """The CER release set with ``release=``, such as ``"15SU1"``, or None."""
        return self._native.release

    @property
    def closed(self) -> bool:
        """True after ``close()``. A closed client raises ClientClosedError."""
        return self._native.closed

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(host={self.host!r}, port={self.port}, "
            f"username={self.username!r}, format={self.format!r}, closed={self.closed})"
        )


class Client(_BaseClient):
    """A connection to one CER publisher's configuration API.

    Each method sends one request and blocks until the response arrives, with
    the GIL released, so other threads run meanwhile and Ctrl-C interrupts
    the wait. A client is safe to share between threads and across ``os.fork()``:
    each thread that calls it keeps its own connection pool, and
    ``max_concurrency`` bounds the requests of all threads together. Close it,
    or use it in a ``with`` block.

    Args:
        host: the publisher's host name or IP address, ``host:port``, or a base
            URL such as ``https://cer-pub.example.com:8443``. A bare host means
            https. Only the publisher serves the configuration API.
        username: an API user with the CER System Admin role.
        password: that user's password.
        port: the port when ``host`` names none; the default is 443 for https
            and 80 for http.
        verify: True verifies CER's certificate against the system roots and
            ``SSL_CERT_FILE``; a path verifies it against that CA bundle (PEM);
            False disables verification and logs a warning.
        timeout: a ``Timeout``, or a number of seconds for both the connect and
            the read timeout (defaults: 10 s connect, 60 s read).
        format: ``"json"`` (default) or ``"xml"``, the format on the wire.
            Results are the same objects either way.
        max_concurrency: maximum number of requests this client has in flight
            at once; more wait for a free slot. CER has no rate limiting and
            Cisco asks callers to avoid bursts.
        retry: a ``RetryPolicy`` saying which failed requests are sent again;
            None sends each request once. The default retries a read (GET)
            twice, after 0.5 s and about 1 s, on connect failures, broken
            connections, timeouts and HTTP 429, 500, 502, 503 and 504, and
            retries no write. Each retry logs a WARNING on the ``cerapi`` logger.
        max_response_bytes: the largest response body to read (default
            256 MiB); a larger one raises DecodeError.
        release: the CER release the server runs, such as ``"14SU3"`` or
            ``"15SU2"``. A call to an endpoint added in a later release then
            raises UnsupportedEndpointError without sending anything. None
            (the default) sends every call.

    Raises:
        ValueError: a setting is invalid; the message names it.

    Example::

        with cerapi.Client("cer-pub.example.com", "apiuser", password) as cer:
            for user in cer.users.list():
                print(user.user_name, user.roles)
    """

    def _attach_families(self) -> None:
        self.users = Users(self._native)
        """User operations: list, get, create, update, delete, delete_many."""
        self.roles = Roles(self._native)
        """Role operations: list, get, create, update, delete, delete_many."""
        self.groups = Groups(self._native)
        """User group operations: list, get, create, update, membership changes, deletes."""
        self.clusters = Clusters(self._native)
        """CUCM cluster operations: add."""
        self.erls = Erls(self._native)
        """Conventional ERL reads: list, get and the ALI and time zone lookup tables."""
        self.access_points = AccessPoints(self._native)
        """Wireless access point reads: list, get."""
        self.subnets = Subnets(self._native)
        """IP subnet operations: add, update, delete, add_ipv6, list."""
        self.phones = Phones(self._native)
        """Paged phone lists: tracked, non_tracked, unlocated, manual."""
        self.call_history = CallHistory(self._native)
        """Paged call history: call it to iterate, or use ``call_history.page()``."""

    def request(
        self,
        method: str,
        path: str,
        params: Optional[Mapping[str, Any]] = None,
        body: Any = None,
        *,
        xml_root: Optional[str] = None,
    ) -> Dict[str, Any]:
        """Send any request to the configuration API and return the body as a dict.

        Use it for endpoints that have no typed method yet. The result has the
        JSON shape even in XML mode: the XML root element is dropped, and every
        value is a str, dict or list as CER sent it. An empty body gives ``{}``.

        Args:
            method: the HTTP method, such as ``"GET"`` or ``"DELETE"``.
            path: the path below ``/cerappservices/service``, such as ``"user/"``
                or ``"v2/trackedphones"``. Keep CER's trailing slash where its
                documentation shows one.
            params: query parameters, percent-encoded by cerapi.
            body: a dict, or a dataclass instance whose field names are CER's
                field names, sent as JSON or XML. A cerapi model such as ``User``
                is sent with CER's field names.
            xml_root: the root element of an XML body, such as ``"newUserRequest"``;
                required for a body in XML mode.

        Raises:
            CerError: a subclass for each kind of failure, as for typed methods.
        """
        args = _request_args(method, path, params, body, xml_root)
        return cast(Dict[str, Any], self._native.call("request", args))

    def close(self) -> None:
        """Close the connection pool. Later calls raise ClientClosedError."""
        self._native.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()


class AsyncClient(_BaseClient):
    """An asyncio connection to one CER publisher's configuration API.

    The settings and methods are those of ``Client``; each method is a
    coroutine and must be awaited inside a running event loop. Cancelling
    the awaiting task cancels the request. Close it with ``await
    client.aclose()`` or use it in an ``async with`` block.

    Example::

        async with cerapi.AsyncClient("cer-pub.example.com", "apiuser", password) as cer:
            admin, users = await asyncio.gather(cer.users.get("admin"), cer.users.list())
    """

    def _attach_families(self) -> None:
        self.users = AsyncUsers(self._native)
        """User operations: list, get, create, update, delete, delete_many."""
        self.roles = AsyncRoles(self._native)
        """Role operations: list, get, create, update, delete, delete_many."""
        self.groups = AsyncGroups(self._native)
        """User group operations: list, get, create, update, membership changes, deletes."""
        self.clusters = AsyncClusters(self._native)
        """CUCM cluster operations: add."""
        self.erls = AsyncErls(self._native)
        """Conventional ERL reads: list, get and the ALI and time zone lookup tables."""
        self.access_points = AsyncAccessPoints(self._native)
        """Wireless access point reads: list, get."""
        self.subnets = AsyncSubnets(self._native)
        """IP subnet operations: add, update, delete, add_ipv6, list."""
        self.phones = AsyncPhones(self._native)
        """Paged phone lists: tracked, non_tracked, unlocated, manual (``async for``)."""
        self.call_history = AsyncCallHistory(self._native)
        """Paged call history: call it for ``async for``, or await ``call_history.page()``."""

    async def request(
        self,
        method: str,
        path: str,
        params: Optional[Mapping[str, Any]] = None,
        body: Any = None,
        *,
        xml_root: Optional[str] = None,
    ) -> Dict[str, Any]:
        """Send any request to the configuration API and return the body as a dict.

        The arguments and the result are those of ``Client.request``.
        """
        args = _request_args(method, path, params, body, xml_root)
        return cast(Dict[str, Any], await self._native.call_async("request", args))

    async def aclose(self) -> None:
        """Close the connection pool. Later calls raise ClientClosedError."""
        self._native.close()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        await self.aclose()


def _check_release(release: Optional[str]) -> Optional[str]:
    # The native core parses the release and raises ValueError for an unknown form.
    if release is not None and not isinstance(release, str):
        raise TypeError(f"release must be a str such as '15SU2', got {type(release).__name__}")
    return release


def _request_args(
    method: str,
    path: str,
    params: Optional[Mapping[str, Any]],
    body: Any,
    xml_root: Optional[str],
) -> Dict[str, Any]:
    if not isinstance(method, str) or not method.strip():
        raise TypeError("method must be a non-empty str such as 'GET'")
    if not isinstance(path, str):
        raise TypeError(f"path must be a str, got {type(path).__name__}")
    if params is not None and not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict or None, got {type(params).__name__}")
    if xml_root is not None and not isinstance(xml_root, str):
        raise TypeError(f"xml_root must be a str or None, got {type(xml_root).__name__}")
    return {
        "method": method.strip().upper(),
        "path": path,
        "params": dict(params) if params is not None else None,
        "body": _request_body(body),
        "xml_root": xml_root,
    }


def _request_body(body: Any) -> Any:
    """Return ``body`` in a form the native core sends: a dict, or a cerapi model.

    The core maps cerapi models such as ``User`` to CER's field names itself.
    Any other dataclass becomes a dict of its fields, so its field names must
    be CER's.
    """
    if body is None or isinstance(body, _Model):
        return body
    if isinstance(body, Mapping):
        return dict(body)
    if dataclasses.is_dataclass(body) and not isinstance(body, type):
        return dataclasses.asdict(body)
    raise TypeError(f"body must be a dict, a dataclass instance or None, got {type(body).__name__}")
