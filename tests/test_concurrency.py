"""Sharing one client between threads, tasks and forked processes."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Optional

import pytest

from cerapi import Client, User
from cerapi.testing import Simulator
from conftest import SEEDED_USERS

FORK_WAIT_SECONDS = 60.0


def test_threads_share_one_client(cer_simulator: Simulator, wire_format: str) -> None:
    requests_per_thread = 40

    def fetch_many(thread_index: int) -> list[tuple[str, str]]:
        pairs = []
        for request_index in range(requests_per_thread):
            name = SEEDED_USERS[(thread_index + request_index) % len(SEEDED_USERS)]
            pairs.append((name, client.users.get(name).user_name))
        return pairs

    with cer_simulator.client(format=wire_format) as client:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(fetch_many, range(8)))

    assert len(results) == 8
    for pairs in results:
        assert len(pairs) == requests_per_thread
        for requested, received in pairs:
            assert received == requested


def test_async_gather_shares_one_client(cer_simulator: Simulator) -> None:
    async def fetch_all() -> list[User]:
        async with cer_simulator.async_client(max_concurrency=4) as client:
            names = SEEDED_USERS * 20
            return await asyncio.gather(*(client.users.get(name) for name in names))

    users = asyncio.run(fetch_all())

    assert [user.user_name for user in users] == SEEDED_USERS * 20


def test_async_cancel_leaves_client_usable(cer_simulator: Simulator) -> None:
    cer_simulator.inject("GET", "/cerappservices/service/user", delay=3.0)

    async def cancel_then_get() -> str:
        async with cer_simulator.async_client() as client:
            slow = asyncio.ensure_future(client.users.get("admin"))
            await asyncio.sleep(0.2)
            slow.cancel()
            with pytest.raises(asyncio.CancelledError):
                await slow
            listed = await client.users.list()
            return listed[0].user_name

    assert asyncio.run(cancel_then_get()) == "admin"


def _wait_for_child(pid: int) -> Optional[int]:
    """Return the child's exit status, or None after killing a child that did not finish."""
    deadline = time.monotonic() + FORK_WAIT_SECONDS
    while time.monotonic() < deadline:
        finished, status = os.waitpid(pid, os.WNOHANG)
        if finished:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_forked_child_uses_parent_client(cer_simulator: Simulator) -> None:
    with cer_simulator.client() as client:
        assert client.users.get("admin").user_name == "admin"

        pid = os.fork()
        if pid == 0:
            exit_code = 3
            try:
                user = client.users.get("TestUserCERTeamLocal_662")
                listed = client.users.list()
                if user.user_name == "TestUserCERTeamLocal_662" and len(listed) == 3:
                    exit_code = 0
                else:
                    exit_code = 2
            finally:
                os._exit(exit_code)

        child_exit = _wait_for_child(pid)
        assert child_exit == 0
        assert client.users.get("TestUserCERTeamLocal_889").user_name == (
            "TestUserCERTeamLocal_889"
        )
        assert len(client.users.list()) == 3


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_forked_child_async_request(cer_simulator: Simulator) -> None:
    client = cer_simulator.async_client()

    async def get_name(name: str) -> str:
        return (await client.users.get(name)).user_name

    assert asyncio.run(get_name("admin")) == "admin"

    pid = os.fork()
    if pid == 0:
        exit_code = 3
        try:
            exit_code = 0 if asyncio.run(get_name("admin")) == "admin" else 2
        finally:
            os._exit(exit_code)

    assert _wait_for_child(pid) == 0
    assert asyncio.run(get_name("TestUserCERTeamLocal_662")) == "TestUserCERTeamLocal_662"
    asyncio.run(client.aclose())


# Set before the pool forks, so every worker inherits the parent's client.
_pool_client: Optional[Client] = None


def _pool_get(name: str) -> tuple[int, str]:
    assert _pool_client is not None
    return os.getpid(), _pool_client.users.get(name).user_name


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_fork_pool_uses_client_created_before_fork(cer_simulator: Simulator) -> None:
    global _pool_client
    with cer_simulator.client() as client:
        assert client.users.get("admin").user_name == "admin"
        _pool_client = client
        names = SEEDED_USERS * 10
        try:
            context = multiprocessing.get_context("fork")
            with context.Pool(4) as pool:
                results = pool.map_async(_pool_get, names).get(timeout=FORK_WAIT_SECONDS)
        finally:
            _pool_client = None

        assert [name for _, name in results] == names
        assert all(pid != os.getpid() for pid, _ in results)
        assert len(client.users.list()) == 3
