"""Client settings: host and URL parsing, Timeout, verify, from_env and repr.

Creating a client opens no connection, so these tests use example host names
and never send a request to them.
"""

from __future__ import annotations

import dataclasses
import pathlib
from typing import Any

import pytest

import cerapi
from cerapi import AsyncClient, Client, Timeout
from cerapi.testing import Simulator


@pytest.mark.parametrize(
    ("host", "port", "base_url"),
    [
        ("cer-pub.example.com", None, "https://cer-pub.example.com:443"),
        ("cer-pub.example.com", 8443, "https://cer-pub.example.com:8443"),
        ("cer-pub.example.com:8443", None, "https://cer-pub.example.com:8443"),
        ("  cer-pub.example.com  ", None, "https://cer-pub.example.com:443"),
        ("10.77.34.169", None, "https://10.77.34.169:443"),
        ("10.77.34.169:9443", None, "https://10.77.34.169:9443"),
        ("https://cer-pub.example.com", None, "https://cer-pub.example.com:443"),
        ("https://cer-pub.example.com/", None, "https://cer-pub.example.com:443"),
        ("https://cer-pub.example.com:8443", None, "https://cer-pub.example.com:8443"),
        ("https://cer-pub.example.com", 8443, "https://cer-pub.example.com:8443"),
        ("HTTPS://cer-pub.example.com", None, "https://cer-pub.example.com:443"),
        ("http://127.0.0.1:5000", None, "http://127.0.0.1:5000"),
        ("http://127.0.0.1", None, "http://127.0.0.1:80"),
        ("2001:db8::10", None, "https://[2001:db8::10]:443"),
        ("[2001:db8::10]:8443", None, "https://[2001:db8::10]:8443"),
        ("https://[2001:db8::10]:8443", None, "https://[2001:db8::10]:8443"),
    ],
)
def test_host_forms(host: str, port: Any, base_url: str) -> None:
    client = Client(host, "api", "pw", port=port)

    assert client.base_url == base_url
    assert client.port == int(base_url.rsplit(":", 1)[1])
    client.close()


def test_host_and_port_properties() -> None:
    with Client("https://cer-pub.example.com:8443", "api", "pw") as client:
        assert client.host == "cer-pub.example.com"
        assert client.port == 8443
        assert client.username == "api"
        assert client.format == "json"


@pytest.mark.parametrize(
    ("host", "port", "fragment"),
    [
        ("", None, "host is empty"),
        ("   ", None, "host is empty"),
        ("ftp://cer-pub.example.com", None, "scheme"),
        ("https://cer-pub.example.com/cerappservices/service", None, "path"),
        ("https://cer-pub.example.com?x=1", None, "path, query"),
        ("https://api:secret@cer-pub.example.com", None, "user name or password"),
        ("https://", None, "no host name"),
        ("cer-pub.example.com:0", None, "1 to 65535"),
        ("cer-pub.example.com:70000", None, "1 to 65535"),
        ("cer-pub.example.com:https", None, "invalid port"),
        ("https://cer-pub.example.com:99999", None, "port"),
        ("cer-pub.example.com", 0, "1 to 65535"),
        ("cer-pub.example.com", 65536, "1 to 65535"),
        ("cer-pub.example.com:8443", 9443, "port"),
        ("cer pub.example.com", None, "invalid host"),
        ("cer-pub.example.com/user", None, "invalid host"),
        ("[2001:db8::10", None, "']'"),
        ("2001:db8::zz", None, "IPv6"),
    ],
)
def test_invalid_host_raises(host: str, port: Any, fragment: str) -> None:
    with pytest.raises(ValueError) as caught:
        Client(host, "api", "pw", port=port)

    assert fragment in str(caught.value)


def test_url_password_is_not_echoed() -> None:
    with pytest.raises(ValueError) as caught:
        Client("https://api:Hidden-Pa55@cer-pub.example.com", "api", "pw")

    assert "Hidden-Pa55" not in str(caught.value)


@pytest.mark.parametrize(
    ("settings", "error_type", "fragment"),
    [
        ({"port": "443"}, TypeError, "port"),
        ({"port": True}, TypeError, "port"),
        ({"format": "yaml"}, ValueError, "format"),
        ({"timeout": 0}, ValueError, "Timeout.connect"),
        ({"timeout": -1.5}, ValueError, "positive"),
        ({"timeout": "10"}, TypeError, "timeout"),
        ({"max_concurrency": 0}, ValueError, "max_concurrency"),
        ({"verify": "/no/such/ca.pem"}, ValueError, "CA bundle file not found"),
        ({"verify": ""}, ValueError, "verify"),
        ({"verify": 1}, TypeError, "verify"),
    ],
)
def test_invalid_setting_raises(
    settings: dict[str, Any], error_type: type[Exception], fragment: str
) -> None:
    with pytest.raises(error_type, match=fragment):
        Client("cer-pub.example.com", "api", "pw", **settings)


@pytest.mark.parametrize(
    ("username", "password", "fragment"),
    [("", "pw", "username"), ("api", "", "password"), (None, "pw", "username")],
)
def test_invalid_credentials_raise(username: Any, password: Any, fragment: str) -> None:
    with pytest.raises((ValueError, TypeError), match=fragment):
        Client("cer-pub.example.com", username, password)


def test_format_is_case_insensitive() -> None:
    with Client("cer-pub.example.com", "api", "pw", format="XML") as client:
        assert client.format == "xml"


def test_timeout_defaults() -> None:
    timeout = Timeout()

    assert timeout.connect == 10.0
    assert timeout.read == 60.0


def test_timeout_is_frozen() -> None:
    timeout = Timeout(connect=2, read=30)

    assert timeout == Timeout(2.0, 30.0)
    assert isinstance(timeout.connect, float)
    with pytest.raises(dataclasses.FrozenInstanceError):
        timeout.read = 5.0  # type: ignore[misc]


def test_number_timeout_sets_both() -> None:
    with Client("cer-pub.example.com", "api", "pw", timeout=7.5) as client:
        assert client.timeout == Timeout(connect=7.5, read=7.5)


def test_timeout_object_is_kept() -> None:
    with Client("cer-pub.example.com", "api", "pw", timeout=Timeout(read=120)) as client:
        assert client.timeout == Timeout(connect=10.0, read=120.0)


def test_repr_shows_host_port_user_not_password() -> None:
    client = Client("cer-pub.example.com", "apiuser", "Repr-Secret-42", port=8443)

    text = repr(client)

    assert "cer-pub.example.com" in text
    assert "8443" in text
    assert "apiuser" in text
    assert "Repr-Secret-42" not in text
    assert "Repr-Secret-42" not in str(vars(client))
    client.close()


def test_async_client_repr() -> None:
    client = AsyncClient("cer-pub.example.com", "apiuser", "Repr-Secret-42")

    assert repr(client).startswith("AsyncClient(host='cer-pub.example.com', port=443")
    assert "Repr-Secret-42" not in repr(client)


def test_verify_setting_is_kept() -> None:
    assert Client("cer-pub.example.com", "api", "pw", verify=False).verify is False
    assert Client("cer-pub.example.com", "api", "pw").verify is True


def _clear_cer_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CER_HOST", "CER_USERNAME", "CER_PASSWORD", "CER_PORT", "CER_CA_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("CER_VERIFY", raising=False)


def test_from_env_reads_variables(
    monkeypatch: pytest.MonkeyPatch, cer_simulator: Simulator
) -> None:
    _clear_cer_environment(monkeypatch)
    monkeypatch.setenv("CER_HOST", cer_simulator.url)
    monkeypatch.setenv("CER_USERNAME", cer_simulator.username)
    monkeypatch.setenv("CER_PASSWORD", cer_simulator.password)

    with Client.from_env() as client:
        assert client.base_url == cer_simulator.url
        assert client.users.get("admin").user_name == "admin"


def test_from_env_port_and_verify(monkeypatch: pytest.MonkeyPatch) -> None:
    _clear_cer_environment(monkeypatch)
    monkeypatch.setenv("CER_HOST", "cer-pub.example.com")
    monkeypatch.setenv("CER_USERNAME", "api")
    monkeypatch.setenv("CER_PASSWORD", "pw")
    monkeypatch.setenv("CER_PORT", "8443")
    monkeypatch.setenv("CER_VERIFY", "no")

    with Client.from_env() as client:
        assert client.base_url == "https://cer-pub.example.com:8443"
        assert client.verify is False


def test_from_env_ca_file(monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path) -> None:
    _clear_cer_environment(monkeypatch)
    ca_file = tmp_path / "cer-ca.pem"
    with Simulator(tls=True) as simulator:
        assert simulator.ca_pem is not None
        ca_file.write_text(simulator.ca_pem)
        monkeypatch.setenv("CER_HOST", simulator.url)
        monkeypatch.setenv("CER_USERNAME", simulator.username)
        monkeypatch.setenv("CER_PASSWORD", simulator.password)
        monkeypatch.setenv("CER_CA_FILE", str(ca_file))

        with Client.from_env() as client:
            assert client.verify == str(ca_file)
            assert client.users.get("admin").user_name == "admin"


def test_from_env_overrides_win(monkeypatch: pytest.MonkeyPatch) -> None:
    _clear_cer_environment(monkeypatch)
    monkeypatch.setenv("CER_HOST", "cer-pub.example.com")
    monkeypatch.setenv("CER_USERNAME", "api")
    monkeypatch.setenv("CER_PASSWORD", "pw")

    with Client.from_env(host="cer-sub.example.com", format="xml", timeout=3) as client:
        assert client.host == "cer-sub.example.com"
        assert client.format == "xml"
        assert client.timeout == Timeout(3, 3)


def test_async_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    _clear_cer_environment(monkeypatch)
    monkeypatch.setenv("CER_HOST", "cer-pub.example.com")
    monkeypatch.setenv("CER_USERNAME", "api")
    monkeypatch.setenv("CER_PASSWORD", "pw")

    client = AsyncClient.from_env()

    assert isinstance(client, AsyncClient)
    assert client.host == "cer-pub.example.com"


@pytest.mark.parametrize("missing", ["CER_HOST", "CER_USERNAME", "CER_PASSWORD"])
def test_from_env_names_missing_variable(monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    _clear_cer_environment(monkeypatch)
    for name in ("CER_HOST", "CER_USERNAME", "CER_PASSWORD"):
        if name != missing:
            monkeypatch.setenv(name, "cer-pub.example.com" if name == "CER_HOST" else "x")

    with pytest.raises(ValueError, match=missing):
        Client.from_env()


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("CER_PORT", "https", "CER_PORT"),
        ("CER_PORT", "0", "1 to 65535"),
        ("CER_VERIFY", "maybe", "CER_VERIFY"),
    ],
)
def test_from_env_invalid_value(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, fragment: str
) -> None:
    _clear_cer_environment(monkeypatch)
    monkeypatch.setenv("CER_HOST", "cer-pub.example.com")
    monkeypatch.setenv("CER_USERNAME", "api")
    monkeypatch.setenv("CER_PASSWORD", "pw")
    monkeypatch.setenv(name, value)

    with pytest.raises(ValueError, match=fragment):
        Client.from_env()


def test_public_names() -> None:
    for name in cerapi.__all__:
        assert hasattr(cerapi, name), name
    assert isinstance(cerapi.__version__, str)
    assert cerapi.__version__


def test_error_classes_subclass_builtins() -> None:
    assert issubclass(cerapi.RequestTimeoutError, TimeoutError)
    assert issubclass(cerapi.ConnectError, ConnectionError)
    for name in cerapi.errors.__all__:
        assert issubclass(getattr(cerapi, name), cerapi.CerError)
