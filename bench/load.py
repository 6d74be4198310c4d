"""Load test: gunicorn on 127.0.0.1 against the seeded database, wrk with 50 connections for 60 s
cycling over a few pages as logged-in demo personas of the first generated organization.

    python -m bench.load --tag region_postgres --out figures.json [--seconds 60 --connections 50]

Only the loopback address is targeted; wrk stops by itself after ``--seconds``."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_wrk() -> str:
    """Debian's wrk; installed with apt-get when missing and we are root."""
    path = shutil.which("wrk")
    if path:
        return path
    if os.geteuid() != 0:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)  # noqa: S607  # nosec B603 B607 # fixed argv
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)  # noqa: S607  # nosec B603 B607
    return shutil.which("wrk") or "wrk"


def sessions() -> list[tuple[str, str]]:
    """(path, session cookie) for every load page, each persona logged in once."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from bench.pages import LOAD_PAGES, Objects

    objects, cookies, requests = Objects(), {}, []
    for url_name, persona in LOAD_PAGES:
        try:
            path = reverse(url_name)
        except NoReverseMatch:
            print(f"  load: skipped {url_name} (not on this branch)")
            continue
        if persona not in cookies:
            client = Client()
            client.force_login(objects.user(persona))
            cookies[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
        requests.append((path, f"{settings.SESSION_COOKIE_NAME}={cookies[persona]}"))
    return requests


def _lua(requests: list[tuple[str, str]]) -> str:
    items = ",\n".join(f'  wrk.format("GET", "{path}", {{["Cookie"] = "{cookie}"}})' for path, cookie in requests)
    return (
        "local requests = {}\nlocal n = 0\n"
        f"init = function(args)\n requests = {{\n{items}\n }}\nend\n"
        "request = function()\n n = n + 1\n return requests[(n % #requests) + 1]\nend\n"
    )


def _latency_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return round(float(value) * UNITS[unit], 1)


def parse_wrk(output: str) -> dict[str, float]:
    figures: dict[str, float] = {}
    figures["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    figures["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
    for pct in ("50", "90", "99"):
        match = re.search(rf"^\s+{pct}%\s+(\S+)", output, re.M)
        if match:
            figures[f"p{pct}_ms"] = _latency_ms(match.group(1))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["errors"] = (sum(int(g) for g in socket_errors.groups()) if socket_errors else 0) + (
        int(non_2xx.group(1)) if non_2xx else 0
    )
    return figures


def run(*, seconds: int, connections: int, workers: int) -> dict[str, float]:
    wrk = ensure_wrk()
    requests = sessions()
    port = _free_port()
    env = {**os.environ, "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60")}
    server = subprocess.Popen(  # noqa: S603  # nosec B603 # our own app server on loopback
        [sys.executable, "-m", "gunicorn", "mentoring.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # noqa: S310  # nosec B310 # http on loopback
                    break
            except OSError:
                time.sleep(0.2)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(_lua(requests))
        threads = str(min(2, connections))
        print(f"  wrk: {connections} connections, {seconds} s, {len(requests)} pages, gunicorn × {workers}", flush=True)
        result = subprocess.run(  # noqa: S603  # nosec B603 # wrk against our own loopback server
            [wrk, "-t", threads, "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s", "--latency",
             "-s", script.name, f"http://127.0.0.1:{port}/"],
            capture_output=True, text=True, timeout=seconds + 60, check=True,
        )  # fmt: skip
        os.unlink(script.name)
        print(result.stdout, flush=True)
        figures = parse_wrk(result.stdout)
        figures.update(connections=connections, seconds=seconds, workers=workers)
        return figures
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tag", required=True)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    figures = run(seconds=args.seconds, connections=args.connections, workers=args.workers)
    flat = {f"load_{key}_{args.tag}": value for key, value in figures.items()}
    with open(args.out, "w", encoding="utf-8") as file:
        json.dump({"figures": flat, "notes": []}, file, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
