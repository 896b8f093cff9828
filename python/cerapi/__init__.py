"""Automate Cisco Emergency Responder (CER) administration through its REST APIs.

``Client`` and ``AsyncClient`` talk to a CER publisher, and ``cerapi.testing``
contains a CER simulator for tests. Errors are subclasses of ``CerError``.
"""

from __future__ import annotations

import logging

from . import _native
from ._config import RetryPolicy, Timeout
from .client import AsyncClient, Client
from .errors import (
    AccountLockedError,
    AuthenticationError,
    BadRequestError,
    CerError,
    ClientClosedError,
    ConnectError,
    DecodeError,
    NotFoundError,
    OperationFailedError,
    PermissionDeniedError,
    RequestTimeoutError,
    ServerError,
    TlsError,
    UnsupportedEndpointError,
)
from .models import (
    AxlSettings,
    BulkResult,
    CucmCluster,
    ItemResult,
    Role,
    SecureConnection,
    User,
    UserGroup,
    WriteResult,
)
from .roles import PERMISSIONS

__version__: str = _native.__version__

__all__ = [
    "PERMISSIONS",
    "AccountLockedError",
    "AsyncClient",
    "AuthenticationError",
    "AxlSettings",
    "BadRequestError",
    "BulkResult",
    "CerError",
    "Client",
    "ClientClosedError",
    "ConnectError",
    "CucmCluster",
    "DecodeError",
    "ItemResult",
    "NotFoundError",
    "OperationFailedError",
    "PermissionDeniedError",
    "RequestTimeoutError",
    "RetryPolicy",
    "Role",
    "SecureConnection",
    "ServerError",
    "Timeout",
    "TlsError",
    "UnsupportedEndpointError",
    "User",
    "UserGroup",
    "WriteResult",
    "__version__",
]

# A library adds no output of its own: the application configures handlers.
logging.getLogger("cerapi").addHandler(logging.NullHandler())
