"""gunicorn instances for the load tests: on 127.0.0.1 only, with the repository's gunicorn.conf.py (the
deployment the README recommends), stopped with their process group."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(base: str, *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:  # noqa: S310  # nosec B310 # loopback
                if answer.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn at {base} did not answer /healthz in {seconds:.0f} s") from None
        time.sleep(0.2)


@contextlib.contextmanager
def gunicorns(count: int = 1, *, env: dict | None = None, workers: int | None = None, threads: int | None = None,
              worker_class: str | None = None) -> Iterator[list[str]]:  # fmt: skip
    """``count`` independent gunicorn instances (separate masters, separate ports) of the same code,
    database and media directory — what two machines behind a balancer are; yields their base URLs."""
    env = {**os.environ, **(env or {})}
    args = [sys.executable, "-m", "gunicorn", "mentoring.wsgi", "-c", str(ROOT / "gunicorn.conf.py"),
            "--log-level", "warning"]  # fmt: skip
    if workers:
        args += ["--workers", str(workers)]
    if threads:
        args += ["--threads", str(threads)]
    if worker_class:
        args += ["--worker-class", worker_class]
    servers, bases = [], []
    try:
        for _ in range(count):
            port = free_port()
            servers.append(
                subprocess.Popen(  # noqa: S603  # nosec B603 # our own app server on loopback
                    [*args, "--bind", f"127.0.0.1:{port}"], cwd=ROOT, env=env, start_new_session=True
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            wait_healthy(base)
        yield bases
    finally:
        for server in servers:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
        for server in servers:
            try:
                server.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
