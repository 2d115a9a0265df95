"""Load on the what-if endpoint: N concurrent clients on loopback for a bounded time.

Starts its own dashboard (``detente serve`` in a subprocess on a free 127.0.0.1 port,
10,000 runs per what-if), waits until the baseline is warm, then runs ``--clients``
httpx clients that each POST slider settings in a loop for ``--seconds``.

By default every request is a setting never asked before (one or two sliders of the
scenario, each at a random point of its own range and step), so no answer can come
from the cache: the worst case a reviewer measures. The server answers a fresh setting
from a quick paired run first (``complete`` false; 500 runs, or 250 or 125 when the
queue ahead would make it wait over 1 s) and refines it when idle; the report counts
the quick answers by their run count. ``--repeat`` instead moves one slider per
client through four positions, so repeats are answered from the cache.

    python benchmarks/bench_web_load.py [--seconds 60] [--clients 20] [--runs 10000]

Prints p50 / p95 / max latency, requests and errors, and the CPU the server and its
what-if workers spent per answer (on a shared machine latency measures the other
load too). Target: no errors, p95 under 2 s.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import numpy as np

SCENARIO = "ukraine-2025-12"
SLIDERS = (
    "positions.RUS.territory.position",
    "positions.UKR.territory.position",
    "positions.US.territory.position",
    "positions.RUS.security_guarantees.position",
    "positions.UKR.security_guarantees.salience",
)
STEPS = (-20, -10, 10, 20)


def cpu_of_tree(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and its live children (the
    what-if workers), from /proc: what the answers cost, whatever else loads the machine."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int, runs: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "detente.cli.main",
        "serve",
        SCENARIO,
        "--port",
        str(port),
        "--runs",
        str(runs),
    ]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(base: str, process: subprocess.Popen, timeout: float = 180.0) -> float:
    """Wait until the what-if baseline and the pages answer; return the seconds it took."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if process.poll() is not None:
            raise SystemExit(f"server exited: {process.stderr.read().decode()[-2000:]}")
        try:
            response = httpx.post(
                f"{base}/api/scenarios/{SCENARIO}/whatif", json={"settings": {}}, timeout=120
            )
            if response.status_code == 200:
                # the server warms forecast and charts in the background: wait for them too
                for page in ("/forecast", ""):
                    httpx.get(f"{base}/scenarios/{SCENARIO}{page}", timeout=300)
                return time.monotonic() - start
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not become ready")


def fresh_setting(
    rng: np.random.Generator, sliders: list[dict], asked: set, lock: threading.Lock
) -> dict[str, float]:
    """One or two sliders at random points of their grids; never a setting asked before."""
    while True:
        chosen = rng.choice(len(sliders), size=int(rng.integers(1, 3)), replace=False)
        setting = {}
        for index in chosen:
            s = sliders[int(index)]
            steps = round((s["high"] - s["low"]) / s["step"])
            value = s["low"] + int(rng.integers(0, steps + 1)) * s["step"]
            setting[s["path"]] = round(float(value), 6)
        key = tuple(sorted(setting.items()))
        with lock:
            if key not in asked:
                asked.add(key)
                return setting


def client(
    base: str,
    k: int,
    sliders: list[dict],
    stop_at: float,
    results: list,
    lock: threading.Lock,
    repeat: bool,
    asked: set,
) -> None:
    modes = {s["path"]: s["value"] for s in sliders}
    path = SLIDERS[k % len(SLIDERS)]
    values = [min(100.0, max(0.0, modes[path] + step)) for step in STEPS]
    rng = np.random.default_rng(k)
    seen: set = set()
    with httpx.Client(base_url=base, timeout=60) as http:
        i = k  # clients start at different positions of their slider
        while time.monotonic() < stop_at:
            if repeat:
                setting = {path: values[i % len(values)]}
            else:
                setting = fresh_setting(rng, sliders, asked, lock)
            i += 1
            key = tuple(sorted(setting.items()))
            t0 = time.monotonic()
            complete, runs = True, 0
            try:
                response = http.post(
                    f"/api/scenarios/{SCENARIO}/whatif", json={"settings": setting}
                )
                ok = response.status_code == 200
                if ok:
                    answer = response.json()
                    complete, runs = answer.get("complete", True), answer.get("runs", 0)
            except httpx.HTTPError:
                ok = False
            elapsed = time.monotonic() - t0
            with lock:
                results.append((elapsed, ok, key not in seen, complete, runs))
            seen.add(key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument(
        "--repeat",
        action="store_true",
        help="one slider per client through 4 positions (repeats answered from the cache)",
    )
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start_server(port, args.runs)
    try:
        warm = wait_ready(base, process)
        sliders = httpx.get(f"{base}/api/scenarios/{SCENARIO}/whatif", timeout=30).json()
        results: list[tuple[float, bool, bool, bool, int]] = []
        lock = threading.Lock()
        asked: set = set()
        stop_at = time.monotonic() + args.seconds
        cpu_start = cpu_of_tree(process.pid)
        threads = [
            threading.Thread(
                target=client,
                args=(base, k, sliders["sliders"], stop_at, results, lock, args.repeat, asked),
            )
            for k in range(args.clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        server_cpu = cpu_of_tree(process.pid) - cpu_start
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
    latencies = np.array([r[0] for r in results])
    errors = sum(1 for r in results if not r[1])
    cold = np.array([r[0] for r in results if r[2]])
    mode = "4 positions per slider, repeats cached" if args.repeat else "every setting new"
    print(
        f"what-if load: {args.clients} clients x {args.seconds:.0f} s, {args.runs} runs per "
        f"what-if ({mode})"
    )
    print(f"server ready (forecast + baseline) after {warm:.1f} s; cpus {os.cpu_count()}")
    # Latency under a closed loop of clients is CPU-bound: say how busy the machine was.
    print(f"load average at the end (1/5/15 min): {os.getloadavg()}")
    print(f"requests {len(results)}, errors {errors}, {len(results) / args.seconds:.1f} req/s")
    if results:
        per_answer = server_cpu / len(results)
        print(
            f"server + workers CPU {server_cpu:.1f} s, {per_answer:.3f} s per answer: on "
            f"{os.cpu_count()} idle cores {args.clients} clients would wait about "
            f"{args.clients * per_answer / (os.cpu_count() or 1):.2f} s each on average"
        )
    quick = Counter(r[4] for r in results if r[1] and not r[3])
    sizes = ", ".join(f"{n} from {runs} runs" for runs, n in sorted(quick.items(), reverse=True))
    print(
        f"answers from a quick first run (refined later): {quick.total()} of {len(results)}"
        f" ({sizes or 'none'}; fewer runs when the queue is long)"
    )
    if latencies.size:
        p50, p95 = np.percentile(latencies, [50, 95])
        print(f"latency p50 {p50:.3f} s, p95 {p95:.3f} s, max {latencies.max():.3f} s")
    if cold.size:
        c50, c95 = np.percentile(cold, [50, 95])
        print(
            f"first request per client and setting: n {cold.size}, p50 {c50:.3f} s, p95 {c95:.3f} s"
        )
    target = errors == 0 and latencies.size and np.percentile(latencies, 95) < 2.0
    print("target (no errors, p95 < 2 s):", "met" if target else "NOT met")


if __name__ == "__main__":
    main()
