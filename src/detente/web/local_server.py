"""Run the dashboard on a free loopback port in a background thread (tests, benchmarks).

Why a helper: the browser tests and the load benchmark need the real server (uvicorn,
real sockets, real middleware), started and stopped cleanly around them.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from detente.web.settings import WebSettings


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(
    settings: WebSettings, *, warm: bool = True, timeout: float = 120.0
) -> Iterator[str]:
    """Yield the base URL of a dashboard served on 127.0.0.1; stop it on exit."""
    import uvicorn

    from detente.web.app import create_app

    app = create_app(settings)
    if warm:
        app.state.dashboard.warm_up()
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="detente-dashboard", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the dashboard did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.dashboard.close()
