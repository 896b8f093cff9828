"""Client settings: timeouts, retries, the CER endpoint, TLS and the CER_* variables."""

from __future__ import annotations

import dataclasses
import ipaddress
import math
import os
import re
from typing import Any, Dict, Iterable, Mapping, NamedTuple, Optional, Tuple, Union
from urllib.parse import urlsplit

__all__ = ["RetryPolicy", "Timeout"]

DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 60.0
DEFAULT_MAX_CONCURRENCY = 8
DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024
DEFAULT_RETRY_STATUSES = (429, 500, 502, 503, 504)
# Bounds of the retry settings: more than 50 retries or waits over an hour
# between attempts are taken as typing mistakes, not settings.
MAX_RETRIES = 50
MAX_BACKOFF_SECONDS = 3600.0
FORMATS = ("json", "xml")

# Letters, digits, hyphens, underscores and dots: a DNS name or an IPv4 address.
_HOST_NAME = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$")

_FALSE_SPELLINGS = ("false", "0", "no", "off")
_TRUE_SPELLINGS = ("true", "1", "yes", "on")


@dataclasses.dataclass(frozen=True)
class Timeout:
    """Timeouts of one client, in seconds.

    ``connect`` limits opening the TCP connection and the TLS handshake.
    ``read`` limits each wait for data once connected: for the response to
    start, and then for each further part of the body. Pass a number as
    ``timeout=`` to set both to that value.

    NOTE: ``read`` is not a limit on the whole response, because the core
    sets reqwest's per-read timeout only. A server that keeps sending a little
    data within each ``read`` interval holds the request open.
    """

    connect: float = DEFAULT_CONNECT_TIMEOUT
    read: float = DEFAULT_READ_TIMEOUT

    def __post_init__(self) -> None:
        for field in ("connect", "read"):
            value = getattr(self, field)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(
                    f"Timeout.{field} must be a number of seconds, got {type(value).__name__}"
                )
            if not math.isfinite(value) or value <= 0:
                raise ValueError(
                    f"Timeout.{field} must be a positive number of seconds, got {value}"
                )
            object.__setattr__(self, field, float(value))


DEFAULT_TIMEOUT = Timeout()


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    """Settings that decide which failed requests a client sends again, and after what wait.

    A read (GET) is retried after a connect failure, a connection reset or
    broken body, a timeout, or an HTTP status in ``statuses``. A TLS failure
    is never retried, and neither is HTTP 401, even when ``statuses`` lists it,
    because repeated failed logins lock the CER account. Each retry logs a
    WARNING on the ``cerapi`` logger with the method, path, attempt and reason.

    Attributes:
        retries: retries after the first attempt; 0 sends each request once.
        backoff: seconds before the first retry. Each further retry waits twice
            as long as the one before, and every wait varies by up to 25 %.
        max_backoff: the maximum wait in seconds. When CER sends a
            ``Retry-After`` header, its value is the wait, capped at this.
        statuses: the HTTP statuses that are retried.
        retry_writes: also retry POST, PUT and DELETE. A write that failed after
            it was sent may have been applied, so a retry can apply it twice.
    """

    retries: int = 2
    backoff: float = 0.5
    max_backoff: float = 8.0
    statuses: Tuple[int, ...] = DEFAULT_RETRY_STATUSES
    retry_writes: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.retries, bool) or not isinstance(self.retries, int):
            raise TypeError(
                f"RetryPolicy.retries must be an int, got {type(self.retries).__name__}"
            )
        if not 0 <= self.retries <= MAX_RETRIES:
            raise ValueError(
                f"RetryPolicy.retries must be from 0 to {MAX_RETRIES}, got {self.retries}"
            )
        for field in ("backoff", "max_backoff"):
            value = getattr(self, field)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(
                    f"RetryPolicy.{field} must be a number of seconds, got {type(value).__name__}"
                )
            if not math.isfinite(value) or not 0 <= value <= MAX_BACKOFF_SECONDS:
                raise ValueError(
                    f"RetryPolicy.{field} must be from 0 to {MAX_BACKOFF_SECONDS:g} seconds, "
                    f"got {value}"
                )
            object.__setattr__(self, field, float(value))
        object.__setattr__(self, "statuses", _check_statuses(self.statuses))
        if not isinstance(self.retry_writes, bool):
            raise TypeError(
                f"RetryPolicy.retry_writes must be a bool, got {type(self.retry_writes).__name__}"
            )


def _check_statuses(statuses: Iterable[int]) -> Tuple[int, ...]:
    if isinstance(statuses, (str, bytes)) or not isinstance(statuses, Iterable):
        raise TypeError(
            f"RetryPolicy.statuses must be a sequence of ints, got {type(statuses).__name__}"
        )
    checked = []
    for status in statuses:
        if isinstance(status, bool) or not isinstance(status, int):
            raise TypeError(f"RetryPolicy.statuses must contain ints, got {type(status).__name__}")
        if not 100 <= status <= 599:
            raise ValueError(f"RetryPolicy.statuses: {status} is not an HTTP status code")
        checked.append(status)
    return tuple(checked)


DEFAULT_RETRY = RetryPolicy()


def retry_settings(retry: Optional[RetryPolicy]) -> Dict[str, Any]:
    """Convert a ``retry=`` argument to the native client's keyword arguments.

    None sends each request once.
    """
    if retry is None:
        return {"retries": 0}
    if not isinstance(retry, RetryPolicy):
        raise TypeError(f"retry must be a RetryPolicy or None, got {type(retry).__name__}")
    return {
        "retries": retry.retries,
        "backoff": retry.backoff,
        "max_backoff": retry.max_backoff,
        "retry_statuses": list(retry.statuses),
        "retry_writes": retry.retry_writes,
    }


def check_max_response_bytes(max_response_bytes: int) -> int:
    """Return ``max_response_bytes``, raising unless it is an int of at least 1."""
    if isinstance(max_response_bytes, bool) or not isinstance(max_response_bytes, int):
        raise TypeError(
            f"max_response_bytes must be an int, got {type(max_response_bytes).__name__}"
        )
    if not 1 <= max_response_bytes < 2**64:
        raise ValueError(
            f"max_response_bytes must be from 1 to 2**64 - 1, got {max_response_bytes}"
        )
    return max_response_bytes


def to_timeout(timeout: Union[Timeout, float]) -> Timeout:
    """Convert a ``timeout=`` argument to a ``Timeout``: a number sets both limits."""
    if isinstance(timeout, Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError(
            f"timeout must be a Timeout or a number of seconds, got {type(timeout).__name__}"
        )
    return Timeout(connect=timeout, read=timeout)


class Endpoint(NamedTuple):
    """The scheme, host and port of a CER publisher."""

    scheme: str
    host: str
    port: int

    @property
    def base_url(self) -> str:
        """The URL the native client sends requests below, such as ``https://cer:443``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"


def parse_endpoint(host: str, port: Optional[int] = None) -> Endpoint:
    """Parse ``host`` (a host name or IP, ``host:port``, or a base URL) into an Endpoint.

    The port is the one in ``host`` if it has one, else ``port``, else 443 for
    https and 80 for http. A bare host name or ``host:port`` means https. Raises
    ValueError for an empty host, a scheme other than http or https, a URL with
    a path, query or user name, a port outside 1-65535, or two different ports.
    """
    if not isinstance(host, str):
        raise TypeError(f"host must be a str, got {type(host).__name__}")
    if port is not None:
        port = _check_port(port, "port")

    text = host.strip()
    if not text:
        raise ValueError("host is empty: pass the CER publisher's host name, IP address or URL")

    if "://" in text:
        scheme, name, host_port = _split_url(text)
    else:
        scheme = "https"
        name, host_port = _split_host_port(text)

    _check_host_name(name, host)

    if host_port is not None and port is not None and host_port != port:
        raise ValueError(
            f"host {host!r} names port {host_port} but port={port} was also given: pass one of them"
        )
    if host_port is not None:
        final_port = host_port
    elif port is not None:
        final_port = port
    else:
        final_port = 443 if scheme == "https" else 80
    return Endpoint(scheme, name, final_port)


def _split_url(text: str) -> tuple[str, str, Optional[int]]:
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ValueError(
            f"unsupported URL scheme {parts.scheme!r} in host {text!r}: use https:// or http://"
        )
    if parts.username is not None or parts.password is not None:
        raise ValueError(
            "host must not contain a user name or password: pass username= and password= instead"
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(
            f"host URL {text!r} must not have a path, query or fragment: pass only "
            "scheme, host and port (cerapi adds /cerappservices/service itself)"
        )
    name = parts.hostname or ""
    if not name:
        raise ValueError(f"host URL {text!r} has no host name")
    try:
        url_port = parts.port
    except ValueError:
        raise ValueError(
            f"invalid port in host URL {text!r}: use a number from 1 to 65535"
        ) from None
    if url_port is not None:
        url_port = _check_port(url_port, "port in host")
    return scheme, name, url_port


def _split_host_port(text: str) -> tuple[str, Optional[int]]:
    if text.startswith("["):
        # A bracketed IPv6 address, optionally followed by :port.
        closing = text.find("]")
        if closing < 0:
            raise ValueError(f"invalid host {text!r}: missing ']' after the IPv6 address")
        name = text[1:closing]
        rest = text[closing + 1 :]
        if not rest:
            return name, None
        if not rest.startswith(":"):
            raise ValueError(f"invalid host {text!r}: expected ':port' after ']'")
        return name, _parse_port_text(rest[1:], text)

    if text.count(":") > 1:
        # An unbracketed IPv6 address cannot carry a port.
        return text, None
    if ":" in text:
        name, _, port_text = text.partition(":")
        return name, _parse_port_text(port_text, text)
    return text, None


def _parse_port_text(port_text: str, host: str) -> int:
    if not port_text.isdigit():
        raise ValueError(f"invalid port in host {host!r}: use a number from 1 to 65535")
    return _check_port(int(port_text), "port in host")


def _check_port(port: object, name: str) -> int:
    if isinstance(port, bool) or not isinstance(port, int):
        raise TypeError(f"{name} must be an int, got {type(port).__name__}")
    if not 1 <= port <= 65535:
        raise ValueError(f"invalid {name} {port}: use a number from 1 to 65535")
    return port


def _check_host_name(name: str, host: str) -> None:
    if ":" in name:
        try:
            ipaddress.IPv6Address(name)
        except ValueError:
            raise ValueError(f"invalid host {host!r}: {name!r} is not an IPv6 address") from None
        return
    if not _HOST_NAME.match(name):
        raise ValueError(
            f"invalid host {host!r}: expected a host name, an IP address, host:port "
            "or a URL such as https://cer-pub.example.com:8443"
        )


def check_format(format: str) -> str:
    """Return the wire format in lower case, raising ValueError unless it is json or xml."""
    if not isinstance(format, str):
        raise TypeError(f"format must be a str, got {type(format).__name__}")
    normalized = format.strip().lower()
    if normalized not in FORMATS:
        raise ValueError(f"invalid format {format!r}: use 'json' or 'xml'")
    return normalized


def check_verify(verify: Union[bool, str, os.PathLike[str]]) -> Union[bool, str]:
    """Return ``verify`` as a bool or a CA bundle path, raising ValueError for a missing file."""
    if isinstance(verify, bool):
        return verify
    if isinstance(verify, (str, os.PathLike)):
        path = os.fspath(verify)
        if not path:
            raise ValueError("verify is an empty path: pass True, False or a CA bundle file")
        if not os.path.isfile(path):
            raise ValueError(f"CA bundle file not found: {path}")
        return path
    raise TypeError(f"verify must be a bool or a CA bundle path, got {type(verify).__name__}")


def check_max_concurrency(max_concurrency: int) -> int:
    """Return ``max_concurrency``, raising unless it is an int of at least 1."""
    if isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int):
        raise TypeError(f"max_concurrency must be an int, got {type(max_concurrency).__name__}")
    if max_concurrency < 1:
        raise ValueError(f"max_concurrency must be at least 1, got {max_concurrency}")
    return max_concurrency


def check_credential(value: Any, name: str) -> str:
    """Return a user name or password, raising if it is not a non-empty str.

    The message never contains the value, because it may be a password.
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} is empty")
    return value


def settings_from_env(environ: Mapping[str, str], overrides: Mapping[str, Any]) -> Dict[str, Any]:
    """Build client keyword arguments from the CER_* variables, then apply ``overrides``.

    CER_HOST, CER_USERNAME and CER_PASSWORD are required unless overridden.
    CER_PORT is optional. CER_CA_FILE sets ``verify`` to a CA bundle path, and
    CER_VERIFY set to false, 0, no or off disables verification even when
    CER_CA_FILE is set. Empty variables count as unset.
    """
    settings: Dict[str, Any] = {}

    for key, variable in (
        ("host", "CER_HOST"),
        ("username", "CER_USERNAME"),
        ("password", "CER_PASSWORD"),
    ):
        if key in overrides:
            continue
        value = environ.get(variable, "")
        if not value:
            raise ValueError(f"{variable} is not set: set it or pass {key}= to from_env()")
        settings[key] = value

    port_text = environ.get("CER_PORT", "").strip()
    if port_text and "port" not in overrides:
        if not port_text.isdigit():
            raise ValueError(f"invalid CER_PORT {port_text!r}: use a number from 1 to 65535")
        settings["port"] = int(port_text)

    if "verify" not in overrides:
        verify = verify_from_env(environ)
        if verify is not None:
            settings["verify"] = verify

    settings.update(overrides)
    return settings


def verify_from_env(environ: Mapping[str, str]) -> Union[bool, str, None]:
    """Return the ``verify`` setting that CER_VERIFY and CER_CA_FILE give, or None if unset."""
    verify_text = environ.get("CER_VERIFY", "").strip().lower()
    ca_file = environ.get("CER_CA_FILE", "")
    if verify_text in _FALSE_SPELLINGS:
        return False
    if verify_text and verify_text not in _TRUE_SPELLINGS:
        raise ValueError(f"invalid CER_VERIFY {environ['CER_VERIFY']!r}: use true or false")
    if ca_file:
        return ca_file
    if verify_text:
        return True
    return None
