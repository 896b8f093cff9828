"""HTTPS against the simulator's own CA: default trust, CA file, SSL_CERT_FILE, verify=False."""

from __future__ import annotations

import asyncio
import logging
import os
import pathlib
import subprocess
import sys
import textwrap
from typing import Iterator

import pytest

from cerapi import Client, TlsError
from cerapi.testing import Simulator


@pytest.fixture
def tls_simulator() -> Iterator[Simulator]:
    """A running HTTPS simulator whose certificate no system root trusts."""
    with Simulator(tls=True) as simulator:
        yield simulator


def test_simulator_serves_https(tls_simulator: Simulator) -> None:
    assert tls_simulator.url.startswith("https://127.0.0.1:")
    assert tls_simulator.ca_pem is not None
    assert tls_simulator.ca_pem.startswith("-----BEGIN CERTIFICATE-----")
    assert tls_simulator.ca_file is not None
    assert pathlib.Path(tls_simulator.ca_file).read_text() == tls_simulator.ca_pem


def test_default_verify_rejects_unknown_ca(
    tls_simulator: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    client = Client(tls_simulator.url, tls_simulator.username, tls_simulator.password)

    with client, pytest.raises(TlsError) as caught:
        client.users.list()

    error = caught.value
    assert error.status is None
    assert error.method == "GET"


def test_ca_file_verifies(tls_simulator: Simulator) -> None:
    assert tls_simulator.ca_file is not None
    client = Client(
        tls_simulator.url,
        tls_simulator.username,
        tls_simulator.password,
        verify=tls_simulator.ca_file,
    )

    with client:
        names = [user.user_name for user in client.users.list()]

    assert names[0] == "admin"


def test_ca_file_as_path_object(tls_simulator: Simulator) -> None:
    assert tls_simulator.ca_file is not None
    ca_path = pathlib.Path(tls_simulator.ca_file)

    with tls_simulator.client(verify=ca_path, format="xml") as client:
        assert client.users.get("admin").is_standard is True


def test_simulator_client_trusts_its_ca(tls_simulator: Simulator) -> None:
    async def list_names() -> list[str]:
        async with tls_simulator.async_client() as client:
            return [user.user_name for user in await client.users.list()]

    with tls_simulator.client() as client:
        assert client.users.get("admin").user_name == "admin"
    assert "admin" in asyncio.run(list_names())


def test_ssl_cert_file_verifies(tls_simulator: Simulator) -> None:
    assert tls_simulator.ca_file is not None
    script = textwrap.dedent(
        """
        import sys
        import cerapi

        url, username, password = sys.argv[1:4]
        with cerapi.Client(url, username, password) as client:
            print(client.users.get("admin").user_name)
        """
    )
    environment = dict(os.environ, SSL_CERT_FILE=tls_simulator.ca_file)
    arguments = [tls_simulator.url, tls_simulator.username, tls_simulator.password]

    completed = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "admin"


def test_verify_false_connects_and_warns_once(
    tls_simulator: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="cerapi")

    with tls_simulator.client(verify=False) as client:
        client.users.list()
        admin = client.users.get("admin")

    assert admin.user_name == "admin"
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].name.startswith("cerapi")
    assert "verif" in warnings[0].getMessage().lower()


def test_https_url_without_port_defaults_to_443() -> None:
    client = Client("https://cer-pub.example.com", "api", "pw")

    assert client.port == 443
    assert client.base_url == "https://cer-pub.example.com:443"
    client.close()


# Certificates that fail verification, the message of each error, and the documented fix.

CERTIFICATE_FAULTS = {
    "no_san": ["not valid for name", "subjectAltName", "does not name this host"],
    "wrong_host": ["not valid for name", "cer.example.invalid", "does not name this host"],
    "expired": ["certificate expired"],
}


def _retry_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.getMessage().startswith("retrying ")
    ]


@pytest.mark.parametrize("certificate", list(CERTIFICATE_FAULTS))
def test_bad_certificate_raises_tls_error(
    certificate: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="cerapi")

    with Simulator(tls=True, certificate=certificate) as simulator:  # type: ignore[arg-type]
        with simulator.client() as client, pytest.raises(TlsError) as caught:
            client.users.list()

    error = caught.value
    message = str(error)
    for fragment in CERTIFICATE_FAULTS[certificate]:
        assert fragment in message
    assert "verify=False skips the check" in message
    assert error.status is None
    assert error.method == "GET"
    assert _retry_warnings(caplog) == []


@pytest.mark.parametrize("certificate", list(CERTIFICATE_FAULTS))
def test_bad_certificate_raises_tls_error_async(certificate: str) -> None:
    async def list_users(simulator: Simulator) -> None:
        async with simulator.async_client() as client:
            await client.users.list()

    with Simulator(tls=True, certificate=certificate) as simulator:  # type: ignore[arg-type]
        with pytest.raises(TlsError):
            asyncio.run(list_users(simulator))


def test_expired_certificate_says_renew() -> None:
    with Simulator(tls=True, certificate="expired") as simulator:
        with simulator.client() as client, pytest.raises(TlsError) as caught:
            client.users.list()

    assert "renew" in str(caught.value)


@pytest.mark.parametrize("certificate", list(CERTIFICATE_FAULTS))
def test_verify_false_accepts_bad_certificate(
    certificate: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="cerapi")

    with Simulator(tls=True, certificate=certificate) as simulator:  # type: ignore[arg-type]
        with simulator.client(verify=False) as client:
            names = [user.user_name for user in client.users.list()]

    assert names[0] == "admin"
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "verification is off" in warnings[0].getMessage()


def test_unknown_ca_message_names_fix(
    tls_simulator: Simulator, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    caplog.set_level(logging.WARNING, logger="cerapi")
    client = Client(tls_simulator.url, tls_simulator.username, tls_simulator.password)

    with client, pytest.raises(TlsError) as caught:
        client.users.list()

    message = str(caught.value)
    assert "UnknownIssuer" in message
    assert "signed by a CA this machine does not trust" in message
    assert 'pass verify="/path/to/ca.pem"' in message
    assert _retry_warnings(caplog) == []
    assert tls_simulator.requests() == []


def test_unknown_ca_fixed_by_ca_file(
    tls_simulator: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    assert tls_simulator.ca_file is not None

    with Client(
        tls_simulator.url,
        tls_simulator.username,
        tls_simulator.password,
        verify=tls_simulator.ca_file,
    ) as client:
        assert client.users.get("admin").user_name == "admin"


def test_certificate_needs_tls() -> None:
    with pytest.raises(ValueError, match="needs tls=True"):
        Simulator(certificate="expired")


def test_unknown_certificate_kind_rejected() -> None:
    with pytest.raises(ValueError, match="unknown certificate"):
        Simulator(tls=True, certificate="self_signed")  # type: ignore[arg-type]
