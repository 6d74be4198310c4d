"""Load test: gunicorn on 127.0.0.1 (gunicorn.conf.py, the deployment the README recommends) against the
seeded database, wrk with 50 connections for 60 s cycling over a few pages as logged-in demo personas of
the first generated organization.

    python -m bench.load --tag region_postgres --out figures.json [--seconds 60 --connections 50]
                         [--instances 2] [--workers N --threads N --worker-class sync]

``--instances 2``: two gunicorn instances (two masters, two ports) sharing the database, the connections
split between them, the sessions of one login valid on both.

Only the loopback address is targeted; wrk stops by itself after ``--seconds``."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


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


def _wrk(wrk: str, script: str, base: str, *, seconds: int, connections: int) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603  # nosec B603 # wrk against our own loopback server
        [wrk, "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
         "--latency", "-s", script, f"{base}/"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def run(*, seconds: int, connections: int, instances: int = 1, workers: int | None = None,
        threads: int | None = None, worker_class: str | None = None) -> dict[str, float]:  # fmt: skip
    """wrk for ``seconds`` at ``connections`` connections in all; with several instances the connections
    are split between them (a balancer's round robin) and the figures added up: requests per second and
    errors summed, the worst instance's latency percentiles."""
    from bench.server import gunicorns

    wrk = ensure_wrk()
    requests = sessions()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua(requests))
    config = f"{workers or 'conf'} workers × {threads or 'conf'} threads"
    try:
        with gunicorns(instances, workers=workers, threads=threads, worker_class=worker_class) as bases:
            print(f"  wrk: {connections} connections, {seconds} s, {len(requests)} pages, "
                  f"{instances} instance(s) of gunicorn ({config})", flush=True)  # fmt: skip
            shares = [connections // instances + (i < connections % instances) for i in range(instances)]
            runs = [
                _wrk(wrk, script.name, base, seconds=seconds, connections=n)
                for base, n in zip(bases, shares, strict=True)
            ]
            outputs = []
            for process in runs:
                stdout, stderr = process.communicate(timeout=seconds + 60)
                if process.returncode:
                    raise RuntimeError(f"wrk failed: {stderr}")
                outputs.append(stdout)
    finally:
        os.unlink(script.name)
    for output in outputs:
        print(output, flush=True)
    parsed = [parse_wrk(output) for output in outputs]
    figures = {
        "rps": round(sum(p["rps"] for p in parsed), 1),
        "requests": sum(p["requests"] for p in parsed),
        "errors": sum(p["errors"] for p in parsed),
        **{key: max(p[key] for p in parsed) for key in ("p50_ms", "p90_ms", "p99_ms") if key in parsed[0]},
    }
    figures.update(connections=connections, seconds=seconds, instances=instances)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tag", required=True)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--instances", type=int, default=1)
    parser.add_argument("--workers", type=int, help="default: gunicorn.conf.py")
    parser.add_argument("--threads", type=int, help="default: gunicorn.conf.py")
    parser.add_argument("--worker-class", help="default: gunicorn.conf.py (gthread)")
    parser.add_argument("--suffix", default="", help="appended to the figure names (e.g. _2instances)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    figures = run(
        seconds=args.seconds,
        connections=args.connections,
        instances=args.instances,
        workers=args.workers,
        threads=args.threads,
        worker_class=args.worker_class,
    )
    flat = {f"load_{key}_{args.tag}{args.suffix}": value for key, value in figures.items()}
    with open(args.out, "w", encoding="utf-8") as file:
        json.dump({"figures": flat, "notes": []}, file, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
