"""Shared fixtures: clients of both kinds and both wire formats against the simulator."""

from __future__ import annotations

import asyncio
import inspect
import socket
from typing import Any, Iterator

import pytest

from cerapi import AsyncClient, Client
from cerapi.testing import Simulator

ADMIN_GROUPS = [
    "CER Admin Utility",
    "CER Audit Administrator",
    "CER Serviceability",
    "CER System Administrator",
    "CER User",
]
ADMIN_ROLES = [
    "CER System Admin",
    "CER Serviceability",
    "CER Admin Utility",
    "CER User",
    "CER Audit Admin",
]
SEEDED_USERS = ["admin", "TestUserCERTeamLocal_889", "TestUserCERTeamLocal_662"]
STANDARD_ROLES = [
    "CER System Admin",
    "CER ERL Admin",
    "CER Network Admin",
    "CER Serviceability",
    "CER Admin Utility",
    "CER User",
    "CER Audit Admin",
]
STANDARD_GROUPS = [
    "CER System Administrator",
    "CER ERL Administrator",
    "CER Network Administrator",
    "CER Serviceability",
    "CER Admin Utility",
    "CER User",
    "CER Audit Administrator",
]
CER_VARIABLES = (
    "CER_HOST",
    "CER_USERNAME",
    "CER_PASSWORD",
    "CER_PORT",
    "CER_CA_FILE",
    "CER_VERIFY",
)
OPERATION_GROUPS = ("users", "roles", "groups", "clusters", "erls", "access_points", "subnets")
"""The client attributes that hold operation objects, such as ``client.roles``."""


class BlockingFacade:
    """Runs each coroutine method of an AsyncClient (or of its operation groups) with asyncio.run.

    Tests written against the synchronous surface then exercise the async
    client too. Each call gets its own event loop, as a script would.
    """

    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._target, name)
        if name in OPERATION_GROUPS:
            return BlockingFacade(attribute)
        if inspect.iscoroutinefunction(attribute):

            def run(*args: Any, **kwargs: Any) -> Any:
                return asyncio.run(attribute(*args, **kwargs))

            return run
        return attribute

    def close(self) -> None:
        asyncio.run(self._target.aclose())


@pytest.fixture(params=["json", "xml"])
def wire_format(request: pytest.FixtureRequest) -> str:
    """The wire format of the client under test."""
    return str(request.param)


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    """Whether the client under test is a Client or an AsyncClient."""
    return str(request.param)


@pytest.fixture
def client(cer_simulator: Simulator, wire_format: str, mode: str) -> Iterator[Any]:
    """A client of the simulator, parametrized over sync/async and JSON/XML.

    An AsyncClient is wrapped in BlockingFacade, so tests call it like a Client.
    """
    if mode == "sync":
        sync_client = cer_simulator.client(format=wire_format)
        yield sync_client
        sync_client.close()
        return

    async_client: AsyncClient = cer_simulator.async_client(format=wire_format)
    facade = BlockingFacade(async_client)
    yield facade
    facade.close()


@pytest.fixture
def client_without_retry(cer_simulator: Simulator, wire_format: str, mode: str) -> Iterator[Any]:
    """Like ``client``, but with ``retry=None``, so every failure reaches the caller at once."""
    if mode == "sync":
        sync_client = cer_simulator.client(format=wire_format, retry=None)
        yield sync_client
        sync_client.close()
        return

    facade = BlockingFacade(cer_simulator.async_client(format=wire_format, retry=None))
    yield facade
    facade.close()


@pytest.fixture
def sync_client(cer_simulator: Simulator) -> Iterator[Client]:
    """A JSON Client of the simulator."""
    with cer_simulator.client() as sync_client:
        yield sync_client


@pytest.fixture
def simulator_env(cer_simulator: Simulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[Simulator]:
    """The simulator, with CER_HOST, CER_USERNAME and CER_PASSWORD pointing at it.

    The other CER_* variables are removed, so the cerapi command reads only these three.
    """
    for name in CER_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CER_HOST", cer_simulator.url)
    monkeypatch.setenv("CER_USERNAME", cer_simulator.username)
    monkeypatch.setenv("CER_PASSWORD", cer_simulator.password)
    yield cer_simulator


@pytest.fixture
def unused_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (bound once, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
