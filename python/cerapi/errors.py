"""Exception hierarchy of cerapi. The native core raises these classes."""

from __future__ import annotations

from typing import Optional

__all__ = [
    "CerError",
    "AuthenticationError",
    "AccountLockedError",
    "PermissionDeniedError",
    "NotFoundError",
    "UnsupportedEndpointError",
    "BadRequestError",
    "ServerError",
    "RequestTimeoutError",
    "ConnectError",
    "TlsError",
    "DecodeError",
    "OperationFailedError",
    "ClientClosedError",
]


class CerError(Exception):
    """Base class of every error cerapi raises for a request.

    Attributes:
        message: what failed, in one sentence, with a hint where one helps.
        method: HTTP method of the request, such as ``"GET"``.
        path: request path with its query, such as
            ``/cerappservices/service/user?userName=admin``.
        status: HTTP status code, or ``None`` when no response arrived.
        cer_status: CER's own ``status`` text from the response body, if any.
        body: the raw response body, if any.
        tracking_id: the ``TrackingID`` header sent with the request, for the
            paged reads of CER 15SU2.
    """

    def __init__(
        self,
        message: str,
        *,
        method: Optional[str] = None,
        path: Optional[str] = None,
        status: Optional[int] = None,
        cer_status: Optional[str] = None,
        body: Optional[str] = None,
        tracking_id: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.path = path
        self.status = status
        self.cer_status = cer_status
        self.body = body
        self.tracking_id = tracking_id

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.message!r}, method={self.method!r}, "
            f"path={self.path!r}, status={self.status!r})"
        )


class AuthenticationError(CerError):
    """CER rejected the credentials (HTTP 401).

    The API user needs the CER System Admin role, and a remote user must also
    exist in CUCM. cerapi never retries a 401, because repeated failed logins
    lock the CER account.
    """


class AccountLockedError(AuthenticationError):
    """CER locked the API user's account, usually after repeated failed logins.

    CER rejects every request of a locked account with HTTP 401 and "Account is
    locked", even with the right password, so retrying cannot help. An
    administrator must unlock the user in the CER web UI.
    """


class PermissionDeniedError(CerError):
    """CER understood the request but does not allow it (HTTP 403)."""


class NotFoundError(CerError):
    """The named object or the endpoint does not exist (HTTP 404)."""


class UnsupportedEndpointError(NotFoundError):
    """The endpoint does not exist on the CER release being called.

    CER responds to such a call with HTTP 404, or on some releases with HTTP 415 and
    an HTML error page. The message names the release that added the endpoint.
    With ``release=`` set on the client, cerapi raises this before sending.
    """


class BadRequestError(CerError):
    """CER rejected the request as invalid (HTTP 400 and other 4xx codes)."""


class ServerError(CerError):
    """CER failed to process the request (HTTP 5xx)."""


class RequestTimeoutError(CerError, TimeoutError):
    """The connection or the response did not arrive within the timeout."""


class ConnectError(CerError, ConnectionError):
    """No connection to CER could be made: unknown host, refused or unreachable."""


class TlsError(CerError):
    """The TLS handshake failed, usually because the certificate was not trusted."""


class DecodeError(CerError):
    """The response body is not the JSON or XML that the operation returns."""


class OperationFailedError(CerError):
    """CER returned HTTP 200 but reported in its body that the change failed."""


class ClientClosedError(CerError):
    """The client was used after ``close()`` or after its ``with`` block ended."""
