"""IP subnet operations against the simulator, for Client and AsyncClient, in JSON and XML."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from cerapi import BadRequestError, NotFoundError, Subnet, WriteResult
from cerapi.testing import Simulator

SERVICE = "/cerappservices/service"


def test_add_then_list(client: Any, cer_simulator: Simulator) -> None:
    result = client.subnets.add("10.1.20.0", "255.255.255.0", "erl1", location="Building 7")

    assert isinstance(result, WriteResult)
    assert result.status == "SUCCESS"
    assert result.message == "IpSubnet Data Added Successfully"
    subnets = client.subnets.list()
    assert subnets == [
        Subnet(
            subnet_id="10.1.20.0",
            subnet_mask="255.255.255.0",
            erl_name="erl1",
            location="Building 7",
            do_not_track=False,
            is_ipv6=False,
        )
    ]
    assert cer_simulator.requests() == [
        ("POST", f"{SERVICE}/ipsubnetphone"),
        ("GET", f"{SERVICE}/v1/ipsubnet"),
    ]


def test_list_empty_at_start(client: Any) -> None:
    assert client.subnets.list() == []


def test_add_do_not_track(client: Any) -> None:
    client.subnets.add("172.16.0.0", "255.255.0.0", "Default", do_not_track=True)

    (subnet,) = client.subnets.list()
    assert subnet.do_not_track is True
    assert subnet.location == ""


def test_add_with_unknown_erl_rejected(client: Any) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.subnets.add("10.1.20.0", "255.255.255.0", "Building 99")

    assert caught.value.status == 400
    assert "Building 99" in caught.value.message
    assert client.subnets.list() == []


def test_add_for_synthetic_erl(client: Any, cer_simulator: Simulator) -> None:
    cer_simulator.seed_synthetic(erls=10)

    client.subnets.add("10.9.0.0", "255.255.255.128", "ERL-000009")

    assert [subnet.erl_name for subnet in client.subnets.list()] == ["ERL-000009"]


def test_add_twice_rejected(client: Any) -> None:
    client.subnets.add("10.1.20.0", "255.255.255.0", "erl1")

    with pytest.raises(BadRequestError) as caught:
        client.subnets.add("10.1.20.0", "255.255.255.0", "erl2")

    assert "already exists" in caught.value.message
    assert [subnet.erl_name for subnet in client.subnets.list()] == ["erl1"]


def test_update_changes_erl_and_location(client: Any, cer_simulator: Simulator) -> None:
    client.subnets.add("10.1.20.0", "255.255.255.0", "erl1", location="Old wing")

    result = client.subnets.update(
        "10.1.20.0", "255.255.255.0", erl_name="erl2", location="New wing", do_not_track=True
    )

    assert result.status == "SUCCESS"
    assert result.message == "IpSubnet Data Updated Successfully"
    (subnet,) = client.subnets.list()
    assert subnet.erl_name == "erl2"
    assert subnet.location == "New wing"
    assert subnet.do_not_track is True
    assert ("PUT", f"{SERVICE}/ipsubnetphone") in cer_simulator.requests()


def test_update_sends_only_given_fields(client: Any) -> None:
    client.subnets.add("10.1.20.0", "255.255.255.0", "erl1", location="Lobby")

    client.subnets.update("10.1.20.0", "255.255.255.0", do_not_track=True)

    (subnet,) = client.subnets.list()
    assert subnet.erl_name == "erl1"
    assert subnet.location == "Lobby"
    assert subnet.do_not_track is True


def test_update_unknown_subnet_raises_not_found(client: Any) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.subnets.update("10.99.0.0", "255.255.0.0", location="Nowhere")

    assert caught.value.status == 404


def test_update_to_unknown_erl_rejected(client: Any) -> None:
    client.subnets.add("10.1.20.0", "255.255.255.0", "erl1")

    with pytest.raises(BadRequestError):
        client.subnets.update("10.1.20.0", "255.255.255.0", erl_name="Building 99")

    assert client.subnets.list()[0].erl_name == "erl1"


def test_delete_removes_subnet(client: Any, cer_simulator: Simulator) -> None:
    client.subnets.add("10.1.20.0", "255.255.255.0", "erl1")
    client.subnets.add("10.1.21.0", "255.255.255.0", "erl2")

    result = client.subnets.delete("10.1.20.0", "255.255.255.0")

    assert result.status == "SUCCESS"
    assert result.message == "IpSubnet Data Deleted Successfully"
    assert [subnet.subnet_id for subnet in client.subnets.list()] == ["10.1.21.0"]
    assert ("DELETE", f"{SERVICE}/ipsubnetphone") in cer_simulator.requests()


def test_delete_unknown_subnet_raises_not_found(client: Any) -> None:
    with pytest.raises(NotFoundError):
        client.subnets.delete("10.1.20.0", "255.255.255.0")


def test_add_ipv6_then_list(client: Any, cer_simulator: Simulator) -> None:
    result = client.subnets.add_ipv6("2001:db8:10::", 64, "erl2", location="Lab")

    assert result.status == "SUCCESS"
    (subnet,) = client.subnets.list()
    assert subnet.subnet_id == "2001:db8:10::"
    assert subnet.subnet_mask == "64"
    assert subnet.erl_name == "erl2"
    assert subnet.location == "Lab"
    assert subnet.is_ipv6 is True
    assert subnet.do_not_track is False
    assert cer_simulator.requests()[0] == ("POST", f"{SERVICE}/v1/ipsubnetv6")


def test_add_ipv6_sends_canonical_address(client: Any) -> None:
    client.subnets.add_ipv6("2001:DB8:0010:0000::", 48, "erl1")

    assert client.subnets.list()[0].subnet_id == "2001:db8:10::"


def test_ipv4_and_ipv6_listed_together(client: Any) -> None:
    client.subnets.add("10.1.20.0", "255.255.255.0", "erl1")
    client.subnets.add_ipv6("2001:db8:10::", 64, "erl1", do_not_track=True)

    subnets = client.subnets.list()

    assert [subnet.is_ipv6 for subnet in subnets] == [False, True]
    assert [subnet.do_not_track for subnet in subnets] == [False, True]


INVALID_IPV4: Dict[str, Dict[str, Any]] = {
    "mask with a gap": {"subnet_id": "10.1.0.0", "subnet_mask": "255.0.255.0"},
    "prefix length as mask": {"subnet_id": "10.1.0.0", "subnet_mask": "24"},
    "octet above 255": {"subnet_id": "10.1.0.300", "subnet_mask": "255.255.255.0"},
    "IPv6 address": {"subnet_id": "2001:db8::", "subnet_mask": "255.255.255.0"},
    "host name": {"subnet_id": "cer.example.com", "subnet_mask": "255.255.255.0"},
    "empty address": {"subnet_id": "", "subnet_mask": "255.255.255.0"},
}


@pytest.mark.parametrize("case", list(INVALID_IPV4), ids=list(INVALID_IPV4))
def test_invalid_ipv4_rejected_before_sending(
    client: Any, cer_simulator: Simulator, case: str
) -> None:
    arguments = INVALID_IPV4[case]

    with pytest.raises(ValueError):
        client.subnets.add(arguments["subnet_id"], arguments["subnet_mask"], "erl1")
    with pytest.raises(ValueError):
        client.subnets.update(arguments["subnet_id"], arguments["subnet_mask"], location="x")
    with pytest.raises(ValueError):
        client.subnets.delete(arguments["subnet_id"], arguments["subnet_mask"])

    assert cer_simulator.requests() == []


INVALID_IPV6: Dict[str, Dict[str, Any]] = {
    "prefix 129": {"subnet_id": "2001:db8::", "prefix_length": 129},
    "negative prefix": {"subnet_id": "2001:db8::", "prefix_length": -1},
    "IPv4 address": {"subnet_id": "10.1.0.0", "prefix_length": 64},
    "too many groups": {"subnet_id": "2001:db8:1:2:3:4:5:6:7", "prefix_length": 64},
}


@pytest.mark.parametrize("case", list(INVALID_IPV6), ids=list(INVALID_IPV6))
def test_invalid_ipv6_rejected_before_sending(
    client: Any, cer_simulator: Simulator, case: str
) -> None:
    arguments = INVALID_IPV6[case]

    with pytest.raises(ValueError):
        client.subnets.add_ipv6(arguments["subnet_id"], arguments["prefix_length"], "erl1")

    assert cer_simulator.requests() == []


def test_empty_erl_name_rejected(client: Any, cer_simulator: Simulator) -> None:
    with pytest.raises(ValueError):
        client.subnets.add("10.1.20.0", "255.255.255.0", " ")
    with pytest.raises(ValueError):
        client.subnets.add_ipv6("2001:db8::", 64, "")
    with pytest.raises(ValueError):
        client.subnets.update("10.1.20.0", "255.255.255.0", erl_name="")

    assert cer_simulator.requests() == []


def test_wrong_argument_types_rejected(client: Any, cer_simulator: Simulator) -> None:
    with pytest.raises(TypeError):
        client.subnets.add_ipv6("2001:db8::", "64", "erl1")
    with pytest.raises(TypeError):
        client.subnets.add_ipv6("2001:db8::", True, "erl1")
    with pytest.raises(TypeError):
        client.subnets.add("10.1.20.0", "255.255.255.0", "erl1", do_not_track="yes")
    with pytest.raises(TypeError):
        client.subnets.add("10.1.20.0", "255.255.255.0", "erl1", location=7)

    assert cer_simulator.requests() == []


@pytest.mark.parametrize(
    ("args", "network"),
    [
        (("10.1.40.5", "255.255.255.0", "erl1"), "10.1.40.0"),
        (("10.1.0.128", "255.255.255.128", "erl1"), "10.1.0.128"),
    ],
)
def test_add_rejects_host_bits(
    client: Any, cer_simulator: Simulator, args: Any, network: str
) -> None:
    subnet_id, mask, erl = args
    if subnet_id == network:
        client.subnets.add(subnet_id, mask, erl)
        assert [s.subnet_id for s in client.subnets.list()] == [network]
        return

    with pytest.raises(ValueError, match=network):
        client.subnets.add(subnet_id, mask, erl)
    assert not any(method == "POST" for method, _ in cer_simulator.requests())


def test_add_ipv6_rejects_host_bits(client: Any, cer_simulator: Simulator) -> None:
    with pytest.raises(ValueError, match="2001:db8:10::"):
        client.subnets.add_ipv6("2001:db8:10::1", 64, "erl1")
    assert not any(method == "POST" for method, _ in cer_simulator.requests())
