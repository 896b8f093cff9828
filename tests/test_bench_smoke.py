"""A short run of the benchmark harness on tiny data, so that it keeps working.

It checks that every workload runs and that the report lists them; the numbers of
such a run mean nothing and are not checked.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"

pytest.importorskip("httpx")
pytest.importorskip("requests")
pytest.importorskip("aiohttp")
pytest.importorskip("xmltodict")


def test_bench_smoke_run_reports_every_workload(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARKS.md"

    completed = subprocess.run(
        [sys.executable, str(BENCH), "--smoke", "--output", str(report)],
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert completed.returncode == 0, completed.stderr
    text = report.read_text(encoding="utf-8")
    for workload in ("W1", "W2", "W3", "W4", "W5", "W6"):
        assert f"| {workload} |" in text, workload
    for contender in ("requests.Session", "httpx.Client", "aiohttp", "xmltodict"):
        assert contender in text, contender
    assert "met" in text
