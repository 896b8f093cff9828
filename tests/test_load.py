"""Load and lifecycle: one client under many threads, tasks and forked workers, and its memory.

Every run is bounded in request count, and every wait has a timeout, so a
deadlock fails the test instead of hanging the suite.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Iterator, List, Optional, Tuple

import pytest

from cerapi import AsyncClient, Client, ClientClosedError, NotFoundError
from cerapi.testing import Simulator
from conftest import SEEDED_USERS

USER_PATH = "/cerappservices/service/user"
WAIT_SECONDS = 300.0
"""Upper bound on any one load run; reaching it means a deadlock, not a slow machine."""

THREADS = 16
THREAD_REQUESTS = 20_000

ASYNC_TASKS = 256
ASYNC_REQUESTS_PER_TASK = 16

RSS_WARMUP_REQUESTS = 10_000
RSS_REQUESTS = 100_000
RSS_BATCH = 10_000
RSS_MAX_GROWTH_BYTES = 30 * 1024 * 1024
"""Allowed RSS growth over RSS_REQUESTS after warm-up: a leak of 300 bytes a request exceeds it."""


@pytest.fixture(autouse=True)
def no_retries_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail a load test that only passed because requests were retried."""
    caplog.set_level(logging.WARNING, logger="cerapi")
    yield
    retries = [r.getMessage() for r in caplog.records if r.getMessage().startswith("retrying")]
    assert retries == []


def _name(index: int) -> str:
    return SEEDED_USERS[index % len(SEEDED_USERS)]


def test_threads_share_client_under_load(cer_simulator: Simulator) -> None:
    per_thread = THREAD_REQUESTS // THREADS

    def fetch(thread_index: int) -> List[Tuple[str, str]]:
        pairs = []
        for request_index in range(per_thread):
            name = _name(thread_index + request_index)
            pairs.append((name, client.users.get(name).user_name))
        return pairs

    with cer_simulator.client(max_concurrency=THREADS) as client:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            futures = [pool.submit(fetch, index) for index in range(THREADS)]
            results = [future.result(timeout=WAIT_SECONDS) for future in futures]

    received = [pair for pairs in results for pair in pairs]
    assert len(received) == THREAD_REQUESTS
    mismatched = [(requested, got) for requested, got in received if requested != got]
    assert mismatched == []
    assert len(cer_simulator.requests()) == THREAD_REQUESTS


def test_async_tasks_share_client_under_load(cer_simulator: Simulator) -> None:
    async def worker(client: AsyncClient, task_index: int) -> List[Tuple[str, str]]:
        pairs = []
        for request_index in range(ASYNC_REQUESTS_PER_TASK):
            name = _name(task_index + request_index)
            pairs.append((name, (await client.users.get(name)).user_name))
        return pairs

    async def run_all() -> List[List[Tuple[str, str]]]:
        async with cer_simulator.async_client(max_concurrency=ASYNC_TASKS) as client:
            tasks = [worker(client, index) for index in range(ASYNC_TASKS)]
            return await asyncio.wait_for(asyncio.gather(*tasks), WAIT_SECONDS)

    results = asyncio.run(run_all())

    received = [pair for pairs in results for pair in pairs]
    assert len(received) == ASYNC_TASKS * ASYNC_REQUESTS_PER_TASK
    mismatched = [(requested, got) for requested, got in received if requested != got]
    assert mismatched == []
    assert len(cer_simulator.requests()) == ASYNC_TASKS * ASYNC_REQUESTS_PER_TASK


def test_async_tasks_beyond_max_concurrency_wait(cer_simulator: Simulator) -> None:
    # 256 tasks share 4 slots: the rest wait for a slot instead of failing.
    async def run_all() -> List[str]:
        async with cer_simulator.async_client(max_concurrency=4) as client:
            calls = [client.users.get(_name(index)) for index in range(ASYNC_TASKS)]
            users = await asyncio.wait_for(asyncio.gather(*calls), WAIT_SECONDS)
            return [user.user_name for user in users]

    assert asyncio.run(run_all()) == [_name(index) for index in range(ASYNC_TASKS)]


# Set before the pool forks, so every worker inherits the parent's client.
_pool_client: Optional[Client] = None
POOL_WORKERS = 4
POOL_TASKS = 16
POOL_REQUESTS_PER_TASK = 250


def _pool_fetch(task_index: int) -> Tuple[int, int]:
    """Return the worker's pid and how many of its responses named the requested user."""
    assert _pool_client is not None
    correct = 0
    for request_index in range(POOL_REQUESTS_PER_TASK):
        name = _name(task_index + request_index)
        if _pool_client.users.get(name).user_name == name:
            correct += 1
    return os.getpid(), correct


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_fork_pool_under_load(cer_simulator: Simulator) -> None:
    global _pool_client
    with cer_simulator.client() as client:
        # The parent uses the client first, so the workers inherit open connections.
        assert client.users.get("admin").user_name == "admin"
        _pool_client = client
        try:
            context = multiprocessing.get_context("fork")
            with context.Pool(POOL_WORKERS) as pool:
                pending = pool.map_async(_pool_fetch, range(POOL_TASKS), chunksize=1)
                results = pending.get(timeout=WAIT_SECONDS)
        finally:
            _pool_client = None

        assert [correct for _, correct in results] == [POOL_REQUESTS_PER_TASK] * POOL_TASKS
        assert all(pid != os.getpid() for pid, _ in results)
        assert len(client.users.list()) == len(SEEDED_USERS)

    assert len(cer_simulator.requests()) == 1 + POOL_TASKS * POOL_REQUESTS_PER_TASK + 1


def _rss_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("VmRSS missing from /proc/self/status")


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux /proc")
def test_rss_stable_over_many_requests(cer_simulator: Simulator) -> None:
    # 110,000 requests took about 10 s on 2 x86_64 cores with the release build that
    # `pip install .` makes, and about 55 s with the debug build of `maturin develop`.
    # Each batch mixes successes and NotFoundError, so leaks on either path show.
    # The simulator keeps a log of every request, so reset() empties it between batches.
    def run_batch(client: Client, count: int) -> None:
        def fetch(worker_index: int) -> int:
            found = 0
            for request_index in range(worker_index, count, THREADS):
                if request_index % 10 == 0:
                    try:
                        client.users.get("nobody")
                    except NotFoundError:
                        continue
                    raise AssertionError("users.get('nobody') returned a user")
                if client.users.get(_name(request_index)).user_name == _name(request_index):
                    found += 1
            return found

        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            futures = [pool.submit(fetch, index) for index in range(THREADS)]
            found = sum(future.result(timeout=WAIT_SECONDS) for future in futures)
        assert found == count - len(range(0, count, 10))
        cer_simulator.reset()

    with cer_simulator.client(max_concurrency=THREADS) as client:
        run_batch(client, RSS_WARMUP_REQUESTS)
        before = _rss_bytes()
        for _ in range(RSS_REQUESTS // RSS_BATCH):
            run_batch(client, RSS_BATCH)
        after = _rss_bytes()

    growth = after - before
    assert growth < RSS_MAX_GROWTH_BYTES, f"RSS grew by {growth / 2**20:.1f} MiB"


def test_cancelled_tasks_leave_client_usable(cer_simulator: Simulator) -> None:
    cancelled_count = 50
    cer_simulator.inject("GET", USER_PATH, delay=5.0, times=cancelled_count)

    async def cancel_then_use() -> List[str]:
        async with cer_simulator.async_client(max_concurrency=cancelled_count) as client:
            slow = [
                asyncio.ensure_future(client.users.get("admin")) for _ in range(cancelled_count)
            ]
            while len(cer_simulator.requests()) < cancelled_count:
                await asyncio.sleep(0.05)
            for task in slow:
                task.cancel()
            outcomes = await asyncio.gather(*slow, return_exceptions=True)
            assert all(isinstance(outcome, asyncio.CancelledError) for outcome in outcomes)

            calls = [client.users.get(_name(index)) for index in range(200)]
            users = await asyncio.wait_for(asyncio.gather(*calls), WAIT_SECONDS)
            return [user.user_name for user in users]

    assert asyncio.run(cancel_then_use()) == [_name(index) for index in range(200)]


def test_close_lets_requests_in_flight_finish(cer_simulator: Simulator) -> None:
    cer_simulator.inject("GET", USER_PATH, delay=0.5, times=5)

    async def close_while_busy() -> List[str]:
        client = cer_simulator.async_client()
        in_flight = [asyncio.ensure_future(client.users.get("admin")) for _ in range(5)]
        while len(cer_simulator.requests()) < 5:
            await asyncio.sleep(0.05)
        await client.aclose()
        users = await asyncio.wait_for(asyncio.gather(*in_flight), WAIT_SECONDS)
        with pytest.raises(ClientClosedError):
            await client.users.get("admin")
        return [user.user_name for user in users]

    assert asyncio.run(close_while_busy()) == ["admin"] * 5
