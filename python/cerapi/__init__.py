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
    AccessPoint,
    AliDetails,
    AxlSettings,
    BulkResult,
    CallRecord,
    ConventionalErl,
    CucmCluster,
    ElinMapping,
    ItemResult,
    LookupEntry,
    Page,
    Phone,
    Role,
    SecureConnection,
    Subnet,
    User,
    UserGroup,
    WriteResult,
)
from .roles import PERMISSIONS

__version__: str = _native.__version__

__all__ = [
    "PERMISSIONS",
    "AccessPoint",
    "AccountLockedError",
    "AliDetails",
    "AsyncClient",
    "AuthenticationError",
    "AxlSettings",
    "BadRequestError",
    "BulkResult",
    "CallRecord",
    "CerError",
    "Client",
    "ClientClosedError",
    "ConnectError",
    "ConventionalErl",
    "CucmCluster",
    "DecodeError",
    "ElinMapping",
    "ItemResult",
    "LookupEntry",
    "NotFoundError",
    "OperationFailedError",
    "Page",
    "PermissionDeniedError",
    "Phone",
    "RequestTimeoutError",
    "RetryPolicy",
    "Role",
    "SecureConnection",
    "ServerError",
    "Subnet",
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
