"""Load on the what-if endpoint: N concurrent clients on loopback for a bounded time.

Starts its own dashboard (``detente serve`` in a subprocess on a free 127.0.0.1 port,
10,000 runs per what-if), waits until the baseline is warm, then runs ``--clients``
httpx clients that each POST slider settings in a loop for ``--seconds``. Each client
moves one slider of its own through a few positions (what people dragging sliders do),
so requests mix fresh simulations with repeats that the server answers from its cache;
the first pass over each setting is reported separately as "cold".

    python benchmarks/bench_web_load.py [--seconds 60] [--clients 20] [--runs 10000]

Prints p50 / p95 / max latency, requests and errors. Target: no errors, p95 under 2 s.
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


def client(
    base: str,
    k: int,
    modes: dict[str, float],
    stop_at: float,
    results: list,
    lock: threading.Lock,
    fresh: bool,
) -> None:
    path = SLIDERS[k % len(SLIDERS)]
    values = [min(100.0, max(0.0, modes[path] + step)) for step in STEPS]
    rng = np.random.default_rng(k)
    seen: set[tuple[str, float]] = set()
    with httpx.Client(base_url=base, timeout=60) as http:
        i = k  # clients start at different positions of their slider
        while time.monotonic() < stop_at:
            # --fresh: a new value every time (no cache hit possible): the worst case
            value = round(float(rng.uniform(0, 100)), 6) if fresh else values[i % len(values)]
            i += 1
            t0 = time.monotonic()
            try:
                response = http.post(
                    f"/api/scenarios/{SCENARIO}/whatif", json={"settings": {path: value}}
                )
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            elapsed = time.monotonic() - t0
            with lock:
                results.append((elapsed, ok, (path, value) not in seen))
            seen.add((path, value))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument(
        "--fresh", action="store_true", help="never repeat a setting (every request simulates)"
    )
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start_server(port, args.runs)
    try:
        warm = wait_ready(base, process)
        sliders = httpx.get(f"{base}/api/scenarios/{SCENARIO}/whatif", timeout=30).json()
        modes = {s["path"]: s["value"] for s in sliders["sliders"]}
        results: list[tuple[float, bool, bool]] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds
        threads = [
            threading.Thread(
                target=client, args=(base, k, modes, stop_at, results, lock, args.fresh)
            )
            for k in range(args.clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
    latencies = np.array([r[0] for r in results])
    errors = sum(1 for r in results if not r[1])
    cold = np.array([r[0] for r in results if r[2]])
    mode = "every setting new" if args.fresh else "4 positions per slider, repeats cached"
    print(
        f"what-if load: {args.clients} clients x {args.seconds:.0f} s, {args.runs} runs per "
        f"what-if ({mode})"
    )
    print(f"server ready (forecast + baseline) after {warm:.1f} s; cpus {os.cpu_count()}")
    print(f"requests {len(results)}, errors {errors}, {len(results) / args.seconds:.1f} req/s")
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
