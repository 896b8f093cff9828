"""Release awareness: the client rejects calls to endpoints its release lacks, and maps a
server's 404 or 415 for a missing endpoint to UnsupportedEndpointError naming the release that
added it."""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Dict, List

import pytest

from cerapi import Client, NotFoundError, UnsupportedEndpointError
from cerapi.testing import Simulator

SERVICE = "/cerappservices/service"

# Calls to endpoints that CER 14 lacks. ADDED_IN names the release that added each endpoint.
GATED_CALLS: Dict[str, Callable[[Client], Any]] = {
    "subnets.add": lambda cer: cer.subnets.add("10.1.20.0", "255.255.255.0", "erl1"),
    "subnets.update": lambda cer: cer.subnets.update("10.1.20.0", "255.255.255.0", location="x"),
    "subnets.delete": lambda cer: cer.subnets.delete("10.1.20.0", "255.255.255.0"),
    "subnets.add_ipv6": lambda cer: cer.subnets.add_ipv6("2001:db8::", 64, "erl1"),
    "subnets.list": lambda cer: cer.subnets.list(),
    "call_history": lambda cer: list(cer.call_history()),
    "call_history.page": lambda cer: cer.call_history.page(),
    "phones.tracked": lambda cer: list(cer.phones.tracked()),
    "phones.manual.page": lambda cer: cer.phones.manual.page(),
}
ADDED_IN = {
    "subnets.add": "14SU3",
    "subnets.update": "14SU3",
    "subnets.delete": "14SU3",
    "subnets.add_ipv6": "15SU1",
    "subnets.list": "15SU1",
    "call_history": "15SU2",
    "call_history.page": "15SU2",
    "phones.tracked": "15SU2",
    "phones.manual.page": "15SU2",
}
RELEASE_ORDER = ["14", "14SU3", "15", "15SU1", "15SU2"]


def _older(release: str, than: str) -> bool:
    return RELEASE_ORDER.index(release) < RELEASE_ORDER.index(than)


def test_release_defaults_to_none(sync_client: Client) -> None:
    assert sync_client.release is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [("14", "14"), ("14su3", "14SU3"), ("15.0", "15"), (" 15SU2 ", "15SU2")],
)
def test_release_is_normalised(cer_simulator: Simulator, given: str, expected: str) -> None:
    with cer_simulator.client(release=given) as cer:
        assert cer.release == expected


def test_invalid_release_rejected(cer_simulator: Simulator) -> None:
    with pytest.raises(ValueError) as caught:
        cer_simulator.client(release="fifteen")
    assert "fifteen" in str(caught.value)

    with pytest.raises(TypeError):
        cer_simulator.client(release=15)


OLDER_RELEASES = [
    (release, call)
    for call in GATED_CALLS
    for release in RELEASE_ORDER
    if _older(release, ADDED_IN[call])
]


@pytest.mark.parametrize(("release", "call"), OLDER_RELEASES)
def test_older_release_rejects_before_sending(
    cer_simulator: Simulator, release: str, call: str
) -> None:
    with cer_simulator.client(release=release) as cer:
        with pytest.raises(UnsupportedEndpointError) as caught:
            GATED_CALLS[call](cer)

    error = caught.value
    assert isinstance(error, NotFoundError)
    assert ADDED_IN[call] in error.message
    assert release in error.message
    assert error.status is None
    assert cer_simulator.requests() == []


@pytest.mark.parametrize("call", list(GATED_CALLS))
def test_current_release_sends_everything(cer_simulator: Simulator, call: str) -> None:
    with cer_simulator.client(release="15SU2") as cer:
        try:
            GATED_CALLS[call](cer)
        except NotFoundError as error:
            # Updating or deleting a subnet that does not exist is a plain 404.
            assert not isinstance(error, UnsupportedEndpointError)

    assert len(cer_simulator.requests()) >= 1


def test_release_independent_reads_always_sent(cer_simulator: Simulator) -> None:
    with cer_simulator.client(release="14") as cer:
        assert cer.erls.list()[0].erl_name == "Default"
        assert cer.access_points.list()
        assert cer.erls.time_zones()
        assert cer.users.get("admin").user_name == "admin"

    assert len(cer_simulator.requests()) == 4


def test_async_client_rejects_before_sending(cer_simulator: Simulator) -> None:
    async def run() -> List[str]:
        messages = []
        async with cer_simulator.async_client(release="15") as cer:
            with pytest.raises(UnsupportedEndpointError) as caught:
                await cer.subnets.list()
            messages.append(caught.value.message)
            with pytest.raises(UnsupportedEndpointError) as caught:
                async for _ in cer.phones.unlocated():
                    pass
            messages.append(caught.value.message)
        return messages

    messages = asyncio.run(run())

    assert "15SU1" in messages[0]
    assert "15SU2" in messages[1]
    assert cer_simulator.requests() == []


@pytest.mark.parametrize("feed", ["call_history", "unlocated"])
def test_server_on_15_returns_415(cer_simulator: Simulator, wire_format: str, feed: str) -> None:
    cer_simulator.set_release("15")

    with cer_simulator.client(format=wire_format) as cer:
        source = cer.call_history if feed == "call_history" else cer.phones.unlocated
        with pytest.raises(UnsupportedEndpointError) as caught:
            source.page()

    error = caught.value
    assert error.status == 415
    assert "15SU2" in error.message
    assert error.tracking_id is not None
    assert error.tracking_id.startswith("CERAPI_")
    assert len(cer_simulator.requests()) == 1


def test_server_on_15_serves_other_v2_reads(cer_simulator: Simulator) -> None:
    cer_simulator.set_release("15")

    with cer_simulator.client() as cer:
        tracked = list(cer.phones.tracked())
        non_tracked = list(cer.phones.non_tracked())
        manual = cer.phones.manual.page()

    assert len(tracked) == 5
    assert len(non_tracked) == 2
    assert manual.message == "No Manual Config Phone Record Available"


def test_server_on_15_returns_404_for_v1(cer_simulator: Simulator, wire_format: str) -> None:
    cer_simulator.set_release("15")

    with cer_simulator.client(format=wire_format) as cer:
        with pytest.raises(UnsupportedEndpointError) as caught:
            cer.subnets.list()
        with pytest.raises(UnsupportedEndpointError) as caught_ipv6:
            cer.subnets.add_ipv6("2001:db8::", 64, "erl1")
        cer.subnets.add("10.1.20.0", "255.255.255.0", "erl1")

    assert caught.value.status == 404
    assert "15SU1" in caught.value.message
    assert caught_ipv6.value.status == 404
    assert "15SU1" in caught_ipv6.value.message


def test_server_on_14_returns_404_for_subnets(cer_simulator: Simulator) -> None:
    cer_simulator.set_release("14")

    with cer_simulator.client() as cer:
        with pytest.raises(UnsupportedEndpointError) as caught:
            cer.subnets.add("10.1.20.0", "255.255.255.0", "erl1")
        with pytest.raises(UnsupportedEndpointError) as caught_v2:
            list(cer.call_history())
        erls = cer.erls.list()

    assert caught.value.status == 404
    assert "14SU3" in caught.value.message
    assert caught_v2.value.status == 404
    assert "15SU2" in caught_v2.value.message
    assert len(erls) == 3


def test_server_rejection_in_async_iteration(cer_simulator: Simulator) -> None:
    cer_simulator.set_release("15")

    async def run() -> UnsupportedEndpointError:
        async with cer_simulator.async_client() as cer:
            with pytest.raises(UnsupportedEndpointError) as caught:
                async for _ in cer.call_history():
                    pass
            return caught.value

    error = asyncio.run(run())

    assert error.status == 415
    assert "15SU2" in error.message


def test_unknown_object_is_not_unsupported(sync_client: Client) -> None:
    with pytest.raises(NotFoundError) as caught:
        sync_client.subnets.delete("10.1.20.0", "255.255.255.0")

    assert not isinstance(caught.value, UnsupportedEndpointError)
    assert caught.value.status == 404


def test_set_release_changes_and_restores(cer_simulator: Simulator) -> None:
    assert cer_simulator.release is None

    cer_simulator.set_release("15su1")
    assert cer_simulator.release == "15SU1"
    with cer_simulator.client() as cer:
        assert cer.subnets.list() == []
        with pytest.raises(UnsupportedEndpointError):
            cer.phones.tracked.page()

    cer_simulator.reset()
    assert cer_simulator.release == "15SU1"

    cer_simulator.set_release(None)
    with cer_simulator.client() as cer:
        assert len(cer.phones.tracked.page().records) == 5


def test_set_release_rejects_unknown_form(cer_simulator: Simulator) -> None:
    with pytest.raises(ValueError):
        cer_simulator.set_release("SU2")


def test_simulator_plays_release_from_start() -> None:
    with Simulator(release="15SU1") as simulator, simulator.client() as cer:
        assert simulator.release == "15SU1"
        assert cer.subnets.list() == []
        with pytest.raises(UnsupportedEndpointError) as caught:
            cer.phones.manual.page()

    assert caught.value.status == 404
    assert "15SU2" in caught.value.message
