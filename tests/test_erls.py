"""ERL reads, ERL lookups and access points against the simulator, sync and async, JSON and XML."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from cerapi import (
    AccessPoint,
    AliDetails,
    BadRequestError,
    ConventionalErl,
    ElinMapping,
    LookupEntry,
    NotFoundError,
)
from cerapi.testing import Simulator

SERVICE = "/cerappservices/service"
SAMPLE_ALI = AliDetails(
    house_number="3213",
    street_name="addsa",
    community_name="fsda",
    state="fd",
    customer_name="asdsd",
    class_of_service="5",
    type_of_service="4",
    company_id="dsads",
    customer_code="sds",
)


def _full_erl(name: str) -> ConventionalErl:
    """An ERL with every ALI field set, two ELINs and two onsite alert contacts."""
    ali_values = {field.name: f"{field.name}-value" for field in dataclasses.fields(AliDetails)}
    return ConventionalErl(
        erl_name=name,
        description="Building 7, floor 3 east",
        test_erl=True,
        time_zone="America/Chicago",
        elins=[
            ElinMapping(route_pattern="10911", elin="3125550101"),
            ElinMapping(route_pattern="10912", elin="3125550102"),
        ],
        onsite_alert_ids=["security-desk", "facilities"],
        ali=AliDetails(**ali_values),
    )


def test_list_returns_seeded_erls(client: Any) -> None:
    erls = client.erls.list()

    assert all(isinstance(erl, ConventionalErl) for erl in erls)
    assert [erl.erl_name for erl in erls] == ["Default", "erl1", "erl2"]
    assert [erl.description for erl in erls] == ["", "erldef", "Second floor"]
    assert [erl.test_erl for erl in erls] == [False, False, False]
    assert [erl.onsite_alert_ids for erl in erls] == [["lobby2"], ["lobby1"], ["lobby1"]]
    for erl in erls:
        assert erl.ali == SAMPLE_ALI
        assert erl.time_zone == ""


def test_erl_without_elin_has_empty_list(client: Any) -> None:
    default = client.erls.get("Default")

    assert default.elins == []


def test_erl_elins_are_mappings(client: Any) -> None:
    erl1 = client.erls.get("erl1")

    assert erl1.elins == [ElinMapping(route_pattern="10911", elin="6011621123")]
    assert isinstance(erl1.elins[0], ElinMapping)


def test_get_matches_list_entry(client: Any) -> None:
    listed = {erl.erl_name: erl for erl in client.erls.list()}

    assert client.erls.get("erl2") == listed["erl2"]


def test_get_ignores_case_when_no_exact_match(client: Any) -> None:
    assert client.erls.get("ERL1").erl_name == "erl1"
    assert client.erls.get("default").erl_name == "Default"


def test_get_unknown_erl_raises_not_found(client: Any) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.erls.get("Building 99")

    assert "Building 99" in caught.value.message


def test_get_empty_name_rejected(client: Any, cer_simulator: Simulator) -> None:
    with pytest.raises(ValueError):
        client.erls.get("  ")

    assert cer_simulator.requests() == []


def test_synthetic_erls_follow_stored_ones(client: Any, cer_simulator: Simulator) -> None:
    cer_simulator.seed_synthetic(erls=50)

    names = [erl.erl_name for erl in client.erls.list()]

    assert len(names) == 53
    assert names[:4] == ["Default", "erl1", "erl2", "ERL-000000"]
    assert names[-1] == "ERL-000049"
    synthetic = client.erls.get("ERL-000007")
    assert synthetic.description == "Synthetic ERL 7"
    assert synthetic.time_zone == "America/Chicago"
    assert len(synthetic.elins) == 1


def test_post_erl_round_trips(client: Any) -> None:
    erl = _full_erl("Building 7")

    response = client.request("POST", "cerl", body=erl)

    assert response["status"] == "Success"
    fetched = client.erls.get("Building 7")
    assert fetched.erl_name == erl.erl_name
    assert fetched.description == erl.description
    assert fetched.test_erl is True
    assert fetched.time_zone == erl.time_zone
    assert fetched.elins == erl.elins
    assert fetched.onsite_alert_ids == erl.onsite_alert_ids
    assert fetched.ali == erl.ali


def test_post_erl_without_elin_round_trips(client: Any) -> None:
    erl = ConventionalErl(erl_name="Parking", description="Car park", onsite_alert_ids=["gate"])

    client.request("POST", "cerl", body=erl)

    fetched = client.erls.get("Parking")
    assert fetched.elins == []
    assert fetched.onsite_alert_ids == ["gate"]
    assert fetched.ali == AliDetails()
    assert fetched.description == "Car park"


def test_post_existing_erl_rejected(client: Any) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.request("POST", "cerl", body=ConventionalErl(erl_name="erl1"))

    assert caught.value.status == 400
    assert "already exists" in caught.value.message


def test_classes_of_service(client: Any, cer_simulator: Simulator) -> None:
    entries = client.erls.classes_of_service()

    assert all(isinstance(entry, LookupEntry) for entry in entries)
    codes = {entry.value: entry.description for entry in entries}
    assert codes["1"] == "Residence"
    assert codes["2"] == "Business"
    assert codes["V"] == "VoIP Services Default"
    assert len(entries) == 11
    assert entries[0].extra == {"code": "1", "description": "Residence"}
    assert cer_simulator.requests() == [("GET", f"{SERVICE}/cerl/cos")]


def test_types_of_service(client: Any, cer_simulator: Simulator) -> None:
    entries = client.erls.types_of_service()

    codes = {entry.value: entry.description for entry in entries}
    assert codes["0"] == "Not FX nor Non-Published"
    assert codes["3"] == "Non-Published"
    assert len(entries) == 8
    assert cer_simulator.requests() == [("GET", f"{SERVICE}/cerl/tos")]


def test_time_zones(client: Any, cer_simulator: Simulator) -> None:
    entries = client.erls.time_zones()

    names = [entry.value for entry in entries]
    assert "America/Chicago" in names
    assert "UTC" in names
    assert all(entry.description == "" for entry in entries)
    assert cer_simulator.requests() == [("GET", f"{SERVICE}/cerl/timezone")]


def test_seeded_erl_codes_are_in_lookups(client: Any) -> None:
    erl = client.erls.get("Default")

    classes = [entry.value for entry in client.erls.classes_of_service()]
    types = [entry.value for entry in client.erls.types_of_service()]
    assert erl.ali.class_of_service in classes
    assert erl.ali.type_of_service in types


def test_access_points_list(client: Any) -> None:
    points = client.access_points.list()

    assert all(isinstance(point, AccessPoint) for point in points)
    assert [point.ap_name for point in points] == ["AP-Lobby-01", "AP-Floor2-07"]
    lobby = points[0]
    assert lobby.mac_address == "00:3a:7d:11:22:33"
    assert lobby.ip_address == "10.20.0.11"
    assert lobby.erl_name == "erl1"
    assert lobby.location == "Lobby"
    assert lobby.extra["apName"] == "AP-Lobby-01"


def test_access_point_get(client: Any, cer_simulator: Simulator) -> None:
    point = client.access_points.get("AP-Floor2-07")

    assert point.ap_name == "AP-Floor2-07"
    assert point.erl_name == "Default"
    assert point.location == "Floor 2 east"
    assert cer_simulator.requests() == [("GET", f"{SERVICE}/accesspoints?apname=AP-Floor2-07")]


def test_access_point_get_ignores_case(client: Any) -> None:
    assert client.access_points.get("ap-lobby-01").ap_name == "AP-Lobby-01"


def test_access_point_unknown_raises_not_found(client: Any) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.access_points.get("AP-Nowhere")

    assert "AP-Nowhere" in caught.value.message


def test_erl_to_dict_is_plain(sync_client: Any) -> None:
    erl = sync_client.erls.get("erl1")

    as_dict = erl.to_dict()

    assert as_dict["elins"] == [{"route_pattern": "10911", "elin": "6011621123"}]
    assert as_dict["ali"]["house_number"] == "3213"
