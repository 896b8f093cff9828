"""``cerapi erls``, ``access-points``, ``subnets``, ``calls`` and ``phones``, run in-process
through main() against the simulator."""

from __future__ import annotations

import csv
import io
import json
from typing import Dict, List, Tuple
from urllib.parse import parse_qs, urlsplit

import pytest

from cerapi.cli import main
from cerapi.testing import Simulator

SERVICE = "/cerappservices/service"
CUSTOM_ID = "NOCOPS_3f2b9c7e-0d1a-4c55-9a0e-5b7d2f6e8a11"


def _fields(text: str) -> Dict[str, str]:
    """Parse the ``label  value`` lines of a get command: the value starts after two spaces."""
    fields = {}
    for line in text.splitlines():
        label, _, value = line.partition("  ")
        fields[label] = value.strip()
    return fields


def _csv_rows(text: str) -> List[Dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _queries(simulator: Simulator) -> List[Dict[str, str]]:
    """Return the query parameters of each logged request, one value each."""
    return [
        {name: values[0] for name, values in parse_qs(urlsplit(path).query).items()}
        for _, path in simulator.requests()
    ]


def test_erls_list_table(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["erls", "list"])

    output = capsys.readouterr()
    assert exit_code == 0
    lines = output.out.splitlines()
    header = ["NAME", "TEST", "TIME", "ZONE", "ELINS", "ONSITE", "ALERTS", "DESCRIPTION"]
    assert lines[0].split() == header
    assert len(lines) == 4
    assert lines[1].split() == ["Default", "no", "lobby2"]
    assert lines[2].split() == ["erl1", "no", "10911:6011621123", "lobby1", "erldef"]
    assert output.err == ""


def test_erls_list_csv(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["erls", "list", "--format", "csv"])

    output = capsys.readouterr()
    assert exit_code == 0
    rows = _csv_rows(output.out)
    assert [row["erl_name"] for row in rows] == ["Default", "erl1", "erl2"]
    assert rows[0]["elins"] == ""
    assert rows[1]["elins"] == "10911:6011621123"
    assert rows[1]["test_erl"] == "false"
    assert rows[1]["onsite_alert_ids"] == "lobby1"
    assert rows[1]["ali_house_number"] == "3213"
    assert rows[1]["ali_class_of_service"] == "5"
    assert rows[1]["ali_zip_code"] == ""
    assert len(rows[0]) == 6 + 27


def test_erls_list_json_over_xml(capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["--simulator", "--xml", "erls", "list", "--format", "json"])

    output = capsys.readouterr()
    assert exit_code == 0
    erls = json.loads(output.out)
    assert [erl["erl_name"] for erl in erls] == ["Default", "erl1", "erl2"]
    assert erls[0]["elins"] == []
    assert erls[2]["elins"] == [{"route_pattern": "10911", "elin": "6011621124"}]
    assert erls[0]["ali"]["street_name"] == "addsa"


def test_erls_get_table(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["erls", "get", "ERL2"])

    output = capsys.readouterr()
    assert exit_code == 0
    fields = _fields(output.out)
    assert fields["name"] == "erl2"
    assert fields["description"] == "Second floor"
    assert fields["ELINs"] == "10911:6011621124"
    assert fields["onsite alerts"] == "lobby1"
    assert fields["ALI house number"] == "3213"
    assert fields["ALI class of service"] == "5"
    assert "ALI zip code" not in fields


def test_erls_get_unknown_fails(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["erls", "get", "Building 99"])

    output = capsys.readouterr()
    assert exit_code == 1
    assert output.out == ""
    assert output.err.startswith("cerapi: error: ")
    assert "Building 99" in output.err
    assert len(output.err.splitlines()) == 1


@pytest.mark.parametrize(
    ("table", "path", "first_row"),
    [
        ("cos", "cerl/cos", ["1", "Residence"]),
        ("tos", "cerl/tos", ["0", "Not FX nor Non-Published"]),
        ("timezone", "cerl/timezone", ["America/New_York", ""]),
    ],
)
def test_erls_lookups_csv(
    simulator_env: Simulator,
    capsys: pytest.CaptureFixture[str],
    table: str,
    path: str,
    first_row: List[str],
) -> None:
    exit_code = main(["erls", "lookups", table, "--format", "csv"])

    output = capsys.readouterr()
    assert exit_code == 0
    rows = _csv_rows(output.out)
    assert [rows[0]["value"], rows[0]["description"]] == first_row
    assert simulator_env.requests() == [("GET", f"{SERVICE}/{path}")]


def test_erls_lookups_table(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["erls", "lookups", "cos"])

    lines = capsys.readouterr().out.splitlines()
    assert exit_code == 0
    assert lines[0].split() == ["VALUE", "DESCRIPTION"]
    assert lines[1].split() == ["1", "Residence"]
    assert len(lines) == 12


def test_erls_lookups_unknown_table_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--simulator", "erls", "lookups", "zip"])

    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_access_points_list(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["access-points", "list"])

    lines = capsys.readouterr().out.splitlines()
    assert exit_code == 0
    assert lines[0].split() == ["NAME", "MAC", "ADDRESS", "IP", "ADDRESS", "ERL", "LOCATION"]
    assert lines[1].split() == ["AP-Lobby-01", "00:3a:7d:11:22:33", "10.20.0.11", "erl1", "Lobby"]
    assert len(lines) == 3


def test_access_points_get_json(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["access-points", "get", "AP-Floor2-07", "--format", "json"])

    point = json.loads(capsys.readouterr().out)
    assert exit_code == 0
    assert point["ap_name"] == "AP-Floor2-07"
    assert point["erl_name"] == "Default"
    assert point["location"] == "Floor 2 east"


def test_access_points_get_table(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["access-points", "get", "ap-lobby-01"])

    fields = _fields(capsys.readouterr().out)
    assert exit_code == 0
    assert fields["name"] == "AP-Lobby-01"
    assert fields["MAC address"] == "00:3a:7d:11:22:33"
    assert fields["ERL"] == "erl1"


def test_subnets_add_then_list(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    first = main(["subnets", "add", "10.1.20.0/24", "--erl", "erl1", "--location", "Building 7"])
    second = main(["subnets", "add", "172.16.0.0", "255.255.0.0", "--erl", "erl2"])
    third = main(["subnets", "add", "2001:db8:10::/64", "--erl", "Default", "--do-not-track"])
    added = capsys.readouterr().out.splitlines()

    exit_code = main(["subnets", "list", "--format", "csv"])

    assert [first, second, third, exit_code] == [0, 0, 0, 0]
    assert added[0] == "added subnet 10.1.20.0 255.255.255.0 with ERL erl1 (SUCCESS)"
    assert added[2] == "added subnet 2001:db8:10:: 64 with ERL Default (SUCCESS)"
    rows = _csv_rows(capsys.readouterr().out)
    assert rows == [
        {
            "subnet_id": "10.1.20.0",
            "subnet_mask": "255.255.255.0",
            "is_ipv6": "false",
            "erl_name": "erl1",
            "tracked": "true",
            "location": "Building 7",
        },
        {
            "subnet_id": "172.16.0.0",
            "subnet_mask": "255.255.0.0",
            "is_ipv6": "false",
            "erl_name": "erl2",
            "tracked": "true",
            "location": "",
        },
        {
            "subnet_id": "2001:db8:10::",
            "subnet_mask": "64",
            "is_ipv6": "true",
            "erl_name": "Default",
            "tracked": "false",
            "location": "",
        },
    ]
    assert ("POST", f"{SERVICE}/v1/ipsubnetv6") in simulator_env.requests()


def test_subnets_list_table(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    main(["subnets", "add", "10.1.20.0/24", "--erl", "erl1"])
    capsys.readouterr()

    exit_code = main(["subnets", "list"])

    lines = capsys.readouterr().out.splitlines()
    assert exit_code == 0
    assert lines[0].split() == ["SUBNET", "MASK", "IPV6", "ERL", "TRACKED", "LOCATION"]
    assert lines[1].split() == ["10.1.20.0", "255.255.255.0", "no", "erl1", "yes"]


def test_subnets_update_and_delete(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["subnets", "add", "10.1.20.0/24", "--erl", "erl1"])

    updated = main(["subnets", "update", "10.1.20.0/24", "--erl", "erl2", "--no-track"])
    listed = main(["subnets", "list", "--format", "json"])
    output = capsys.readouterr().out
    deleted = main(["subnets", "delete", "10.1.20.0", "255.255.255.0"])
    after = main(["subnets", "list", "--format", "json"])

    assert [updated, listed, deleted, after] == [0, 0, 0, 0]
    assert "updated subnet 10.1.20.0 255.255.255.0 (SUCCESS)" in output
    subnets = json.loads(output[output.index("[") :])
    assert subnets[0]["erl_name"] == "erl2"
    assert subnets[0]["do_not_track"] is True
    final = capsys.readouterr().out
    assert "deleted subnet 10.1.20.0 255.255.255.0 (SUCCESS)" in final
    assert json.loads(final[final.index("[") :]) == []


def test_subnets_add_unknown_erl_fails(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["subnets", "add", "10.1.20.0/24", "--erl", "Building 99"])

    output = capsys.readouterr()
    assert exit_code == 1
    assert "Building 99" in output.err
    assert len(output.err.splitlines()) == 1


@pytest.mark.parametrize(
    "arguments",
    [
        ["subnets", "add", "10.1.20.0", "--erl", "erl1"],
        ["subnets", "add", "10.1.20.0/33", "--erl", "erl1"],
        ["subnets", "add", "10.1.20.0/24", "255.255.255.0", "--erl", "erl1"],
        ["subnets", "add", "10.1.20.0", "255.0.255.0", "--erl", "erl1"],
        ["subnets", "add", "cer.example.com/24", "--erl", "erl1"],
        ["subnets", "add", "2001:db8::", "64", "--erl", "erl1"],
        ["subnets", "add", "2001:db8::/129", "--erl", "erl1"],
        ["subnets", "update", "10.1.20.0/24"],
        ["subnets", "update", "2001:db8::/64", "--erl", "erl1"],
        ["subnets", "delete", "2001:db8::/64"],
    ],
    ids=[
        "missing mask",
        "prefix 33",
        "prefix and mask",
        "mask with a gap",
        "host name",
        "IPv6 with mask",
        "IPv6 prefix 129",
        "update without change",
        "update IPv6",
        "delete IPv6",
    ],
)
def test_subnets_invalid_input_is_usage_error(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str], arguments: List[str]
) -> None:
    exit_code = main(arguments)

    output = capsys.readouterr()
    assert exit_code == 2
    assert output.err.startswith("cerapi: error: ")
    assert simulator_env.requests() == []


def test_release_option_rejects_before_sending(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["--release", "14", "subnets", "add", "10.1.20.0/24", "--erl", "erl1"])

    output = capsys.readouterr()
    assert exit_code == 1
    assert "14SU3" in output.err
    assert simulator_env.requests() == []


def test_release_option_after_command(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["phones", "tracked", "--release", "15SU1"])

    output = capsys.readouterr()
    assert exit_code == 1
    assert "15SU2" in output.err
    assert simulator_env.requests() == []


def test_invalid_release_is_usage_error(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["--release", "fifteen", "erls", "list"])

    assert exit_code == 2
    assert "fifteen" in capsys.readouterr().err


def test_server_without_endpoint_fails(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    simulator_env.set_release("15")

    exit_code = main(["calls", "list"])

    output = capsys.readouterr()
    assert exit_code == 1
    assert "415" in output.err
    assert "15SU2" in output.err


def test_calls_list_table(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["calls", "list"])

    lines = capsys.readouterr().out.splitlines()
    assert exit_code == 0
    assert lines[0].split() == [
        "TIME",
        "EXTENSION",
        "ERL",
        "ELIN",
        "ROUTE",
        "PATTERN",
        "ACKNOWLEDGED",
    ]
    first_call = ["2024-10-01", "00:00:00", "4000", "Default", "2175550000", "10911", "yes"]
    assert lines[1].split() == first_call
    assert len(lines) == 6


def test_calls_list_limit_stops_early(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    simulator_env.seed_synthetic(calls=5000)

    exit_code = main(["calls", "list", "--limit", "700", "--format", "csv"])

    rows = _csv_rows(capsys.readouterr().out)
    assert exit_code == 0
    assert len(rows) == 700
    assert len({row["call_time"] for row in rows}) == 700
    queries = _queries(simulator_env)
    assert [query["offset"] for query in queries] == ["0", "500"]
    assert [query["limit"] for query in queries] == ["500", "500"]


def test_calls_list_limit_shrinks_page(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["calls", "list", "--limit", "2", "--page-size", "1000"])

    assert exit_code == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert _queries(simulator_env) == [{"offset": "0", "limit": "2"}]


def test_calls_list_filters(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["calls", "list", "--erl", "erl1", "--format", "json"])

    calls = json.loads(capsys.readouterr().out)
    assert exit_code == 0
    assert [call["caller_extension"] for call in calls] == ["4001", "4004"]
    assert _queries(simulator_env)[0]["erlname"] == "erl1"


def test_calls_list_match_any(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(
        ["calls", "list", "--erl", "erl2", "--extension", "4000", "--match-any", "--format", "csv"]
    )

    rows = _csv_rows(capsys.readouterr().out)
    assert exit_code == 0
    assert [row["caller_extension"] for row in rows] == ["4000", "4002"]
    query = _queries(simulator_env)[0]
    assert query["FilterType"] == "Any"
    assert query["Extension"] == "4000"


@pytest.mark.parametrize(
    ("option", "count", "sent_date", "date_filter"),
    [
        ("--since", 1560, "2024-10-01", "isAfter"),
        ("--on", 1440, "2024-10-02", "is"),
        ("--before", 1440, "2024-10-02", "isBefore"),
    ],
)
def test_calls_list_dates(
    simulator_env: Simulator,
    capsys: pytest.CaptureFixture[str],
    option: str,
    count: int,
    sent_date: str,
    date_filter: str,
) -> None:
    # 3000 calls, one a minute: 1440 on 2024-10-01, 1440 on 10-02 and 120 on 10-03.
    simulator_env.seed_synthetic(calls=3000)

    exit_code = main(["calls", "list", option, "2024-10-02", "--format", "csv"])

    rows = _csv_rows(capsys.readouterr().out)
    assert exit_code == 0
    assert len(rows) == count
    query = _queries(simulator_env)[0]
    assert query["CallDate"] == sent_date
    assert query["DateFilter"] == date_filter


def test_calls_list_since_includes_date(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    simulator_env.seed_synthetic(calls=3000)

    exit_code = main(["calls", "list", "--since", "2024-10-03", "--format", "csv"])

    rows = _csv_rows(capsys.readouterr().out)
    assert exit_code == 0
    assert len(rows) == 120
    assert rows[0]["call_time"] == "2024-10-03 00:00:00"


def test_calls_list_two_dates_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--simulator", "calls", "list", "--on", "2024-10-01", "--before", "2024-10-02"])

    assert caught.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


@pytest.mark.parametrize(
    "arguments",
    [
        ["calls", "list", "--since", "10/01/2024"],
        ["calls", "list", "--limit", "0"],
        ["phones", "tracked", "--page-size", "-5"],
    ],
)
def test_invalid_option_value_is_usage_error(
    capsys: pytest.CaptureFixture[str], arguments: List[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--simulator", *arguments])

    assert caught.value.code == 2
    assert "invalid" in capsys.readouterr().err


def test_invalid_tracking_id_is_usage_error(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["phones", "unlocated", "--tracking-id", "CERAPP_not-a-uuid"])

    output = capsys.readouterr()
    assert exit_code == 2
    assert "tracking_id" in output.err
    assert simulator_env.requests() == []


def test_tracking_id_option_sent(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    simulator_env.inject(
        "GET",
        f"{SERVICE}/v2/trackedphones",
        status=400,
        body='{"status": "Failure", "message": "bad request"}',
        content_type="application/json",
    )

    exit_code = main(["-v", "phones", "tracked", "--tracking-id", CUSTOM_ID])

    output = capsys.readouterr()
    assert exit_code == 1
    assert f"[TrackingID {CUSTOM_ID}]" in output.err


@pytest.mark.parametrize(
    ("command", "count"),
    [("tracked", 5), ("non-tracked", 2), ("unlocated", 2), ("manual", 0)],
)
def test_phones_lists_csv(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str], command: str, count: int
) -> None:
    exit_code = main(["phones", command, "--format", "csv"])

    output = capsys.readouterr().out
    rows = _csv_rows(output)
    assert exit_code == 0
    assert output.splitlines()[0] == (
        "mac_address,ip_address,extension,device_name,erl_name,switch_ip_address,switch_port"
    )
    assert len(rows) == count
    assert len({row["mac_address"] for row in rows}) == count


def test_phones_tracked_table(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["phones", "tracked"])

    lines = capsys.readouterr().out.splitlines()
    assert exit_code == 0
    assert lines[1].split() == [
        "00:1a:00:00:00:00",
        "10.10.0.1",
        "20000",
        "SEP001A00000000",
        "Default",
        "10.250.0.1",
        "Gi1/0/1",
    ]


def test_phones_manual_empty(simulator_env: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    table_exit = main(["phones", "manual"])
    table = capsys.readouterr().out
    json_exit = main(["phones", "manual", "--format", "json"])

    assert [table_exit, json_exit] == [0, 0]
    assert table.splitlines() == ["MAC ADDRESS  IP ADDRESS  EXTENSION  DEVICE  ERL  SWITCH  PORT"]
    assert json.loads(capsys.readouterr().out) == []


def test_phones_json_matches_library(
    simulator_env: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    simulator_env.seed_synthetic(unlocated=1200)

    exit_code = main(["phones", "unlocated", "--format", "json", "--page-size", "1000"])

    phones = json.loads(capsys.readouterr().out)
    assert exit_code == 0
    with simulator_env.client() as cer:
        expected = [phone.to_dict() for phone in cer.phones.unlocated()]
    assert phones == expected


class _RequestCountingOutput(io.StringIO):
    """Standard output that notes how many requests the simulator had seen at each write."""

    def __init__(self, simulator: Simulator) -> None:
        super().__init__()
        self._simulator = simulator
        self.writes: List[Tuple[int, str]] = []

    def write(self, text: str) -> int:
        self.writes.append((len(self._simulator.requests()), text))
        return super().write(text)

    def requests_before(self, marker: str) -> int:
        """Return how many requests had been served when ``marker`` was first written."""
        return next(count for count, text in self.writes if marker in text)


@pytest.mark.parametrize("output_format", ["csv", "json"])
def test_rows_stream_as_pages_arrive(
    simulator_env: Simulator, monkeypatch: pytest.MonkeyPatch, output_format: str
) -> None:
    simulator_env.seed_synthetic(calls=1000)
    output = _RequestCountingOutput(simulator_env)
    monkeypatch.setattr("sys.stdout", output)

    exit_code = main(["calls", "list", "--page-size", "100", "--format", output_format])

    assert exit_code == 0
    assert output.requests_before("2024-10-01 00:00:00") == 1
    assert output.requests_before("2024-10-01 01:39:00") == 1
    assert output.requests_before("2024-10-01 01:40:00") == 2
    assert output.requests_before("2024-10-01 16:39:00") == 10
    assert len(simulator_env.requests()) == 11


def test_table_prints_after_sample_rows(
    simulator_env: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    simulator_env.seed_synthetic(tracked=2000)
    output = _RequestCountingOutput(simulator_env)
    monkeypatch.setattr("sys.stdout", output)

    exit_code = main(["phones", "tracked", "--page-size", "100"])

    assert exit_code == 0
    # The table fixes its column widths after 500 rows, the fifth page of 100.
    assert output.requests_before("MAC ADDRESS") == 5
    assert output.requests_before("00:1a:00:00:00:00") == 5
    assert output.requests_before("00:1a:00:00:07:cf") == 20
    assert len(simulator_env.requests()) == 21
    assert len(output.getvalue().splitlines()) == 2001
