"""Adding CUCM clusters against the simulator, for Client and AsyncClient, in JSON and XML."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any, Callable, List

import pytest

from cerapi import (
    AxlSettings,
    BadRequestError,
    CucmCluster,
    SecureConnection,
    ServerError,
    WriteResult,
)
from cerapi.testing import Simulator

CLUSTER_PATH = "/cerappservices/service/cluster"
CTI_PASSWORD = "Cti-Secret-4711"
AXL_PASSWORD = "Axl-Secret-0815"
AUTH_STRING_PUBLISHER = "Capf-Pub-Secret-93"
AUTH_STRING_SUBSCRIBER = "Capf-Sub-Secret-57"
SECRETS = [CTI_PASSWORD, AXL_PASSWORD, AUTH_STRING_PUBLISHER, AUTH_STRING_SUBSCRIBER]


def full_cluster(cucm: str = "cucm-pub.example.com") -> CucmCluster:
    """A cluster with every setting filled in, secrets included."""
    return CucmCluster(
        cucm=cucm,
        cti_user="cer_cti",
        cti_password=CTI_PASSWORD,
        cti_manager="10.77.23.24",
        backup_cti_manager_1="cucm-sub1.example.com",
        backup_cti_manager_2="cucm-sub2.example.com",
        teleport_address="+12",
        number_of_teleports=4,
        secure_connection=SecureConnection(
            enabled=True,
            tftp_address="10.77.34.224",
            tftp_port=69,
            backup_tftp_address="10.77.34.225",
            capf_address="10.77.34.233",
            capf_port=3804,
            instance_id_publisher="10.77.34.230",
            auth_string_publisher=AUTH_STRING_PUBLISHER,
            instance_id_subscriber="10.77.34.207",
            auth_string_subscriber=AUTH_STRING_SUBSCRIBER,
        ),
        axl=AxlSettings(user="cer_axl", password=AXL_PASSWORD, port=8443),
        use_snmp_v3=True,
    )


def assert_no_secret(texts: List[str]) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text


def test_add_full_cluster(cer_simulator: Simulator, client: Any) -> None:
    result = client.clusters.add(full_cluster())

    assert isinstance(result, WriteResult)
    assert result.status == "Success"
    assert result.message == "CUCM cluster added successfully"
    assert cer_simulator.requests() == [("POST", CLUSTER_PATH)]


def test_add_minimal_cluster(client: Any) -> None:
    cluster = CucmCluster(cucm="10.1.1.1", cti_user="cer_cti", cti_password=CTI_PASSWORD)

    result = client.clusters.add(cluster)

    assert result.status == "Success"


def test_add_same_cucm_twice_raises_bad_request(client: Any) -> None:
    client.clusters.add(full_cluster("cucm-a.example.com"))

    with pytest.raises(BadRequestError) as caught:
        client.clusters.add(full_cluster("CUCM-A.example.com"))

    assert caught.value.status == 400
    assert caught.value.method == "POST"
    assert caught.value.path == CLUSTER_PATH
    assert "already exists" in caught.value.message
    assert client.clusters.add(full_cluster("cucm-b.example.com")).status == "Success"


def test_reset_forgets_added_clusters(cer_simulator: Simulator, client: Any) -> None:
    client.clusters.add(full_cluster())

    cer_simulator.reset()

    assert client.clusters.add(full_cluster()).status == "Success"


def test_repr_leaves_out_secrets() -> None:
    cluster = full_cluster()

    texts = [repr(cluster), str(cluster), repr(cluster.secure_connection), repr(cluster.axl)]

    assert_no_secret(texts)
    assert "cucm-pub.example.com" in texts[0]
    assert "cer_axl" in texts[0]


def test_secrets_stay_out_of_logs_and_errors(
    cer_simulator: Simulator, client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="cerapi")
    texts: List[str] = []

    client.clusters.add(full_cluster())
    with pytest.raises(BadRequestError) as duplicate:
        client.clusters.add(full_cluster())
    cer_simulator.inject("POST", CLUSTER_PATH, status=500, body="internal error")
    with pytest.raises(ServerError) as server_error:
        client.clusters.add(full_cluster("cucm-other.example.com"))

    for error in (duplicate.value, server_error.value):
        texts.extend([str(error), repr(error), str(error.body), str(vars(error))])
    texts.extend(record.getMessage() for record in caplog.records)
    texts.extend(str(record.args) for record in caplog.records)

    assert any(record.levelno == logging.DEBUG for record in caplog.records)
    assert_no_secret(texts)


def test_invalid_cluster_errors_leave_out_secrets(cer_simulator: Simulator, client: Any) -> None:
    invalid = [
        dataclasses.replace(full_cluster(), cucm=""),
        dataclasses.replace(full_cluster(), axl=AxlSettings("u", AXL_PASSWORD, 70000)),
        dataclasses.replace(full_cluster(), cti_password=12345),
    ]
    texts: List[str] = []

    for cluster in invalid:
        with pytest.raises((TypeError, ValueError)) as caught:
            client.clusters.add(cluster)
        texts.extend([str(caught.value), repr(caught.value)])

    assert_no_secret(texts)
    assert cer_simulator.requests() == []


def _replace(**changes: Any) -> Callable[[], CucmCluster]:
    return lambda: dataclasses.replace(full_cluster(), **changes)


@pytest.mark.parametrize(
    ("make_cluster", "error_type", "fragment"),
    [
        (lambda: None, TypeError, "CucmCluster"),
        (lambda: {"cucm": "x", "cti_user": "y"}, TypeError, "CucmCluster"),
        (_replace(cucm=""), ValueError, "cucm"),
        (_replace(cucm="   "), ValueError, "cucm"),
        (_replace(cti_user=""), ValueError, "cti_user"),
        (_replace(cucm=None), TypeError, "cluster.cucm"),
        (_replace(number_of_teleports="4"), TypeError, "number_of_teleports"),
        (_replace(number_of_teleports=-1), ValueError, "number_of_teleports"),
        (_replace(use_snmp_v3="true"), TypeError, "use_snmp_v3"),
        (_replace(axl=AxlSettings(port=70000)), ValueError, "cluster.axl.port"),
        (_replace(axl=AxlSettings(port="8443")), TypeError, "cluster.axl.port"),
        (_replace(axl=AxlSettings(port=True)), TypeError, "cluster.axl.port"),
        (_replace(axl={"user": "u"}), TypeError, "cluster.axl"),
        (_replace(secure_connection=SecureConnection(tftp_port=0)), ValueError, "tftp_port"),
        (_replace(secure_connection=SecureConnection(capf_port=65536)), ValueError, "capf_port"),
        (_replace(secure_connection=SecureConnection(enabled="yes")), TypeError, "enabled"),
    ],
)
def test_invalid_cluster_raises_before_request(
    cer_simulator: Simulator,
    client: Any,
    make_cluster: Callable[[], Any],
    error_type: type[Exception],
    fragment: str,
) -> None:
    with pytest.raises(error_type, match=fragment):
        client.clusters.add(make_cluster())

    assert cer_simulator.requests() == []
