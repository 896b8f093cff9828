"""Benchmark cerapi against the Python stacks a user would write instead.

Starts the built-in simulator in its own process on 127.0.0.1, runs each
workload for cerapi and for each peer in the same run, alternating, for several
rounds, prints medians and ratios, and writes them to ``bench/BENCHMARKS.md``.

Install the peers first: ``pip install .[bench]`` (requests, httpx, aiohttp,
xmltodict). ``--smoke`` runs every workload once on tiny data, to check that the
harness works; its numbers mean nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import peers  # noqa: E402

USER = "bench"
PASSWORD = "bench-password"
SERVICE = "/cerappservices/service"

SERVER_CODE = """
import sys
from cerapi import _native
sim = _native.Simulator(accounts={%r: %r})
sim.start()
sim.seed_synthetic(erls=%d, calls=%d)
print(sim.url, flush=True)
sys.stdin.read()
sim.stop()
"""


@dataclass
class Sizes:
    small_calls: int = 2000
    async_calls: int = 5000
    in_flight: int = 64
    erls: int = 50_000
    calls: int = 200_000
    rounds: int = 5
    large_rounds: int = 3
    startup_runs: int = 10


SMOKE = Sizes(
    small_calls=20,
    async_calls=50,
    in_flight=8,
    erls=50,
    calls=300,
    rounds=1,
    large_rounds=1,
    startup_runs=1,
)


@dataclass
class Result:
    workload: str
    name: str
    seconds: List[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def pin_to(cpu: int) -> None:
    """Keep a process on one core, so the client and the simulator do not compete."""
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {cpu})


def start_server(sizes: Sizes) -> Tuple[subprocess.Popen[str], str]:
    code = SERVER_CODE % (USER, PASSWORD, sizes.erls, sizes.calls)
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: pin_to(1),
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        process.kill()
        raise SystemExit("the simulator did not start; is cerapi installed?")
    return process, url


def timed(run: Callable[[], Any]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


# W1: small calls, sync.


def w1_cerapi(url: str, n: int) -> Callable[[], None]:
    import cerapi

    client = cerapi.Client(url, USER, PASSWORD)

    def run() -> None:
        for _ in range(n):
            client.users.get("admin")

    return run


def w1_requests(url: str, n: int) -> Callable[[], None]:
    import requests

    session = requests.Session()
    session.auth = (USER, PASSWORD)
    session.headers["Accept"] = "application/json"

    def run() -> None:
        for _ in range(n):
            response = session.get(url + SERVICE + "/user", params={"userName": "admin"})
            response.raise_for_status()
            peers.first(peers.users(json.loads(response.content)), "admin")

    return run


def w1_httpx(url: str, n: int) -> Callable[[], None]:
    import httpx

    client = httpx.Client(auth=(USER, PASSWORD), headers={"Accept": "application/json"})

    def run() -> None:
        for _ in range(n):
            response = client.get(url + SERVICE + "/user", params={"userName": "admin"})
            response.raise_for_status()
            peers.first(peers.users(json.loads(response.content)), "admin")

    return run


# W2: small calls, async, with a number in flight.


def w2_cerapi(url: str, n: int, in_flight: int) -> Callable[[], None]:
    import cerapi

    async def main() -> None:
        async with cerapi.AsyncClient(url, USER, PASSWORD, max_concurrency=in_flight) as client:
            await asyncio.gather(*(client.users.get("admin") for _ in range(n)))

    return lambda: asyncio.run(main())


def w2_aiohttp(url: str, n: int, in_flight: int) -> Callable[[], None]:
    import aiohttp

    async def main() -> None:
        connector = aiohttp.TCPConnector(limit=in_flight)
        auth = aiohttp.BasicAuth(USER, PASSWORD)
        headers = {"Accept": "application/json"}
        async with aiohttp.ClientSession(
            connector=connector, auth=auth, headers=headers
        ) as session:

            async def one() -> None:
                async with session.get(url + SERVICE + "/user", params={"userName": "admin"}) as r:
                    r.raise_for_status()
                    peers.first(peers.users(json.loads(await r.read())), "admin")

            await asyncio.gather(*(one() for _ in range(n)))

    return lambda: asyncio.run(main())


def w2_httpx(url: str, n: int, in_flight: int) -> Callable[[], None]:
    import httpx

    async def main() -> None:
        limits = httpx.Limits(max_connections=in_flight)
        headers = {"Accept": "application/json"}
        async with httpx.AsyncClient(
            auth=(USER, PASSWORD),
            limits=limits,
            headers=headers,
            timeout=httpx.Timeout(60, pool=None),
        ) as client:

            async def one() -> None:
                r = await client.get(url + SERVICE + "/user", params={"userName": "admin"})
                r.raise_for_status()
                peers.first(peers.users(json.loads(r.content)), "admin")

            await asyncio.gather(*(one() for _ in range(n)))

    return lambda: asyncio.run(main())


# W3 and W4: one large list.


def w3_cerapi(url: str, fmt: str = "json") -> Callable[[], None]:
    import cerapi

    client = cerapi.Client(url, USER, PASSWORD, format=fmt)
    return lambda: client.erls.list()


def w3_cerapi_raw(url: str) -> Callable[[], None]:
    import cerapi

    client = cerapi.Client(url, USER, PASSWORD)
    return lambda: client.request("GET", "cerl")


def fetch_bytes(url: str, accept: str) -> bytes:
    import httpx

    with httpx.Client(auth=(USER, PASSWORD), headers={"Accept": accept}, timeout=120) as client:
        response = client.get(url + SERVICE + "/cerl")
        response.raise_for_status()
        return response.content


def w3_json_loads(body: bytes) -> Callable[[], None]:
    return lambda: json.loads(body)


def w3_peer(url: str) -> Callable[[], None]:
    import httpx

    client = httpx.Client(
        auth=(USER, PASSWORD), headers={"Accept": "application/json"}, timeout=120
    )

    def run() -> None:
        response = client.get(url + SERVICE + "/cerl")
        response.raise_for_status()
        peers.erls(json.loads(response.content))

    return run


def w4_peer(url: str) -> Callable[[], None]:
    import httpx
    import xmltodict

    client = httpx.Client(auth=(USER, PASSWORD), headers={"Accept": "application/xml"}, timeout=300)

    def run() -> None:
        response = client.get(url + SERVICE + "/cerl")
        response.raise_for_status()
        peers.erls_from_xml(xmltodict.parse(response.content))

    return run


# W5: memory, measured in child processes.


def status_mb(field: str) -> float:
    """Reads a memory figure of this process from /proc/self/status, in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb() -> float:
    # VmHWM, not getrusage: ru_maxrss survives exec, so a child started by a large
    # parent would report the parent's peak.
    return status_mb("VmHWM")


def current_rss_mb() -> float:
    return status_mb("VmRSS")


def child(task: str, url: str) -> None:
    """Runs one memory task in this process and prints its figures as JSON."""
    if task == "w3-cerapi":
        run = w3_cerapi(url)
    elif task == "w3-peer":
        run = w3_peer(url)
    elif task == "paged":
        import cerapi

        client = cerapi.Client(url, USER, PASSWORD)
        pages = client.call_history.page(limit=1)
        del pages
        start = current_rss_mb()
        highest = start
        count = 0
        for count, _record in enumerate(client.call_history(page_size=2000), start=1):
            if count % 2000 == 0:
                highest = max(highest, current_rss_mb())
        print(json.dumps({"records": count, "start_mb": start, "max_mb": highest}))
        return
    else:
        raise SystemExit(f"unknown task {task}")
    before = current_rss_mb()
    run()
    print(json.dumps({"before_mb": before, "peak_mb": peak_rss_mb()}))


def run_child(task: str, url: str) -> Dict[str, float]:
    output = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", task, "--url", url],
        check=True,
        capture_output=True,
        text=True,
        preexec_fn=lambda: pin_to(0),
    ).stdout
    figures: Dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return figures


# W6: start-up.


def startup_seconds(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - started


STARTUP_CERAPI = "import cerapi; cerapi.Client('127.0.0.1', 'user', 'password')"
STARTUP_REQUESTS = "import requests; requests.Session()"


def alternate(
    workload: str, contenders: List[Tuple[str, Callable[[], None]]], rounds: int
) -> List[Result]:
    results = [Result(workload, name) for name, _ in contenders]
    for _name, run in contenders:
        run()  # warm-up: connections, caches, the simulator's rendered answers
    for _ in range(rounds):
        for result, (_name, run) in zip(results, contenders):
            result.seconds.append(timed(run))
    return results


@dataclass
class Target:
    workload: str
    description: str
    measured: float
    goal: float
    higher_is_better: bool = True

    @property
    def met(self) -> bool:
        return self.measured >= self.goal if self.higher_is_better else self.measured <= self.goal


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, {platform.system()}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one round")
    parser.add_argument("--output", type=Path, default=HERE / "BENCHMARKS.md")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.url)
        return 0

    try:
        import aiohttp  # noqa: F401
        import httpx  # noqa: F401
        import requests  # noqa: F401
        import xmltodict  # noqa: F401
    except ImportError as missing:
        print(f"bench: {missing.name} is missing: install the peers with pip install .[bench]")
        return 2

    sizes = SMOKE if args.smoke else Sizes()
    pin_to(0)
    server, url = start_server(sizes)
    try:
        results, targets, memory = run_all(url, sizes)
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=30)

    report = render(results, targets, memory, sizes, args.smoke)
    print(report)
    args.output.write_text(report, encoding="utf-8")
    return 0


def run_all(url: str, sizes: Sizes) -> Tuple[List[Result], List[Target], Dict[str, Any]]:
    results: List[Result] = []
    targets: List[Target] = []

    w1 = alternate(
        "W1",
        [
            ("cerapi Client", w1_cerapi(url, sizes.small_calls)),
            ("requests.Session", w1_requests(url, sizes.small_calls)),
            ("httpx.Client", w1_httpx(url, sizes.small_calls)),
        ],
        sizes.rounds,
    )
    results += w1
    targets.append(Target("W1", "vs requests.Session", w1[1].median / w1[0].median, 4.0))
    targets.append(Target("W1", "vs httpx.Client", w1[2].median / w1[0].median, 2.5))

    w2 = alternate(
        "W2",
        [
            ("cerapi AsyncClient", w2_cerapi(url, sizes.async_calls, sizes.in_flight)),
            ("aiohttp", w2_aiohttp(url, sizes.async_calls, sizes.in_flight)),
        ],
        sizes.rounds,
    )
    # httpx.AsyncClient slows down sharply with many requests in flight (a run of
    # 5,000 took minutes here), so it runs a tenth of the calls, once, and its time
    # is scaled up by ten.
    tenth = max(1, sizes.async_calls // 10)
    httpx_async = Result(
        "W2", f"httpx.AsyncClient ({tenth:,} calls, time x{sizes.async_calls / tenth:g})"
    )
    httpx_async.seconds.append(
        timed(w2_httpx(url, tenth, sizes.in_flight)) * sizes.async_calls / tenth
    )
    w2.append(httpx_async)
    results += w2
    targets.append(Target("W2", "vs aiohttp", w2[1].median / w2[0].median, 1.2))

    body = fetch_bytes(url, "application/json")
    w3 = alternate(
        "W3",
        [
            ("cerapi erls.list()", w3_cerapi(url)),
            ("httpx + json + dataclasses", w3_peer(url)),
            ("cerapi request() dict", w3_cerapi_raw(url)),
            ("json.loads on the bytes", w3_json_loads(body)),
        ],
        sizes.large_rounds,
    )
    results += w3
    targets.append(Target("W3", "vs httpx + json + dataclasses", w3[1].median / w3[0].median, 3.0))
    targets.append(
        Target(
            "W3",
            "request() time / json.loads time",
            w3[2].median / w3[3].median,
            1.3,
            higher_is_better=False,
        )
    )

    w4 = alternate(
        "W4",
        [
            ("cerapi erls.list() XML", w3_cerapi(url, "xml")),
            ("httpx + xmltodict + dataclasses", w4_peer(url)),
        ],
        sizes.large_rounds,
    )
    results += w4
    targets.append(
        Target("W4", "vs httpx + xmltodict + dataclasses", w4[1].median / w4[0].median, 5.0)
    )

    ours = run_child("w3-cerapi", url)
    theirs = run_child("w3-peer", url)
    paged = run_child("paged", url)
    memory = {"w3_cerapi": ours, "w3_peer": theirs, "paged": paged}
    targets.append(
        Target(
            "W5",
            "peak RSS of W3, cerapi / peer",
            ours["peak_mb"] / theirs["peak_mb"],
            1.3,
            higher_is_better=False,
        )
    )
    targets.append(
        Target(
            "W5",
            f"RSS growth over {paged['records']:,} paged call records, MB",
            paged["max_mb"] - paged["start_mb"],
            50.0,
            higher_is_better=False,
        )
    )

    w6 = [Result("W6", "import cerapi + Client"), Result("W6", "import requests + Session")]
    for _ in range(sizes.startup_runs):
        w6[0].seconds.append(startup_seconds(STARTUP_CERAPI))
        w6[1].seconds.append(startup_seconds(STARTUP_REQUESTS))
    results += w6
    targets.append(
        Target("W6", "start-up, requests time / cerapi time", w6[1].median / w6[0].median, 1.0)
    )
    return results, targets, memory


NOTES = """## Notes on the targets

- W1, sync small calls: each calling thread drives the whole call, connection task
  included, on a runtime of its own, so a call does not cross threads. About 60 us of
  each call is the simulator's own CPU time, which every contender pays.
- W2, async small calls: a finished call queues its result and wakes the event loop
  through a socket the loop watches; the loop's thread then builds the results of every
  call finished meanwhile and completes their futures in one pass, so the I/O thread
  never waits for the GIL.
- W3, one large list: cerapi reads the JSON without an intermediate tree, builds the
  dataclasses with `object.__new__` and pauses the garbage collector meanwhile; most of
  the remaining time is creating about 2.5 million Python objects. The ratio moves by
  about 0.3 between runs on this machine, so it stays close to the 3x target.
- Against a real CER, the server's own time per answer is added to every contender's
  time, so the longer CER takes to answer, the closer these ratios get to 1 for small
  calls.
"""


def render(
    results: List[Result], targets: List[Target], memory: Dict[str, Any], sizes: Sizes, smoke: bool
) -> str:
    today = datetime.date.today().isoformat()
    lines = [
        "# Benchmarks",
        "",
        f"Run of `python bench/run.py{' --smoke' if smoke else ''}` on {today}: {machine()}.",
        "",
        "Method: the simulator runs in its own process pinned to core 1 and the clients in",
        "this process pinned to core 0, both on 127.0.0.1. Each workload runs once to warm",
        "up, then every contender runs in turn, round after round; the tables show medians.",
        "Ratios are the peer's time over cerapi's, so above 1 means cerapi is faster, except",
        "where a row says otherwise. Peers decode with `json` or `xmltodict`, apply the same",
        "normalisation rules and build the same dataclasses (`bench/peers.py`).",
        "",
        f"Sizes: W1 {sizes.small_calls:,} sequential `users.get`; W2 {sizes.async_calls:,} with "
        f"{sizes.in_flight} in flight; W3/W4 {sizes.erls:,} ERLs; W5 {sizes.calls:,} call records; "
        f"rounds {sizes.rounds} (W1, W2) and {sizes.large_rounds} (W3, W4).",
        "",
        "| workload | contender | median s | runs |",
        "|---|---|---|---|",
    ]
    for result in results:
        runs = ", ".join(f"{s:.3f}" for s in result.seconds)
        lines.append(f"| {result.workload} | {result.name} | {result.median:.3f} | {runs} |")
    lines += [
        "",
        "| workload | target | measured | goal | met |",
        "|---|---|---|---|---|",
    ]
    for target in targets:
        sign = ">=" if target.higher_is_better else "<="
        verdict = "met" if target.met else "missed"
        lines.append(
            f"| {target.workload} | {target.description} | {target.measured:.2f} | {sign} {target.goal} | {verdict} |"
        )
    ours, theirs, paged = memory["w3_cerapi"], memory["w3_peer"], memory["paged"]
    lines += [
        "",
        f"W5 peak RSS: cerapi {ours['peak_mb']:.0f} MB, peer {theirs['peak_mb']:.0f} MB "
        f"(each in a fresh process, one W3 run). Paged iteration of {paged['records']:,} call "
        f"records: RSS {paged['start_mb']:.0f} MB at the start, {paged['max_mb']:.0f} MB at most.",
        "",
        NOTES,
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
