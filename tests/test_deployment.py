"""The README's deployment section, run for real: collectstatic, migrate, gunicorn behind a proxy
header, WhiteNoise serving hashed static files, /healthz answering."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.test_system import PRODUCTION_ENV, ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    # The reverse proxy tells Django the original request was HTTPS.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", "Host": "mentoring.school.example"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 — loopback only
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_production_stack_serves_pages_static_files_and_health(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update(PRODUCTION_ENV)
    env.update(
        {"DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}", "DJANGO_STATIC_ROOT": str(tmp_path / "static")}
    )
    bin_dir = Path(sys.executable).parent
    for args in (["collectstatic", "--noinput", "-v0"], ["migrate", "--noinput", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=180)  # noqa: S603
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "css/app.css" in manifest

    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [str(bin_dir / "gunicorn"), "mentoring.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                status, body = _get(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.1)
        assert status == 200 and b'"ok"' in body
        status, body = _get(f"{base}/accounts/login/")
        assert status == 200
        assert "Вход в портал" in body.decode()
        assert "demo" not in body.decode()  # the demo hint is shown only in a DEBUG installation
        hashed_css = next(
            line for line in body.decode().split('"') if line.startswith("/static/css/app.") and line.endswith(".css")
        )
        status, css = _get(f"{base}{hashed_css}")
        assert status == 200 and b".stat" in css
        status, _ = _get(f"{base}/no-such-page/")
        assert status == 404
    finally:
        server.terminate()
        server.wait(timeout=10)
