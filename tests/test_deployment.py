"""The README's deployment section, run for real: collectstatic, migrate, gunicorn behind a proxy
header, WhiteNoise serving hashed static files, /healthz answering."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_system import PRODUCTION_ENV, ROOT

# These run their own production stack on their own SQLite file, whatever DATABASE_URL says.
pytestmark = pytest.mark.stack


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


# --- Every page and document the demo users reach, under production settings ---

HOST = "mentoring.school.example"
DEMO_USERS = ["director", "curator", "psychologist", "staff", "mentor1", "mentee1", "curator_b", "region"]
PAGES_PER_USER = 140
SKIP = ("/accounts/logout", "/admin/", "/static/", "/healthz")


class _Session:
    """A browser of sorts: cookies, the proxy's headers, the CSRF token for the login form."""

    def __init__(self, base: str):
        import http.cookiejar

        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def request(self, path: str, data: dict | None = None):
        import urllib.parse

        headers = {"X-Forwarded-Proto": "https", "Host": HOST, "Origin": f"https://{HOST}"}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def login(self, username: str) -> None:
        import re

        _, _, page = self.request("/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        status, headers, _ = self.request(
            "/accounts/login/", {"csrfmiddlewaretoken": token, "username": username, "password": "demo"}
        )
        assert status == 302, f"{username} could not log in ({status})"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer of its own; its target is crawled like any link


def _links(html: str) -> list[str]:
    import re

    return [href.replace("&amp;", "&") for href in re.findall(r'href="(/[^"#]*)"', html)]


def _crawl(session: _Session, start: str = "/") -> tuple[dict[str, int], dict[str, bytes]]:
    from urllib.parse import urlsplit

    seen, queue, statuses, pdfs = set(), [start], {}, {}
    while queue and len(statuses) < PAGES_PER_USER:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIP):
            continue
        seen.add(path)
        status, headers, body = session.request(path)
        statuses[path] = status
        kind = headers.get("Content-Type", "")
        if status in (301, 302) and headers.get("Location", "").startswith("/"):
            queue.append(headers["Location"])
        elif kind.startswith("application/pdf"):
            pdfs[urlsplit(path).path] = body
        elif kind.startswith("text/html"):
            queue.extend(link for link in _links(body.decode()) if link not in seen)
    return statuses, pdfs


def test_under_production_settings_every_page_and_document_of_the_demo_users_answers(tmp_path):
    """DEBUG=0, the hashed manifest of collectstatic, gunicorn: each demo user walks every link they can
    reach from the home page; nothing answers 5xx, and every PDF on the way prints its Russian text."""
    from tests.pdf import pdf_text

    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update(PRODUCTION_ENV)
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
            "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
            # The test speaks plain HTTP to gunicorn (the proxy's X-Forwarded-Proto says HTTPS): a Secure
            # cookie would never be sent back over it.
            "DJANGO_SECURE_COOKIES": "0",
        }
    )
    bin_dir = Path(sys.executable).parent
    for args in (["collectstatic", "--noinput", "-v0"], ["migrate", "--noinput", "-v0"], ["seed_demo"]):
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=300, capture_output=True
        )
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [str(bin_dir / "gunicorn"), "mentoring.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if _get(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        failures, documents = {}, {}
        for username in DEMO_USERS:
            session = _Session(base)
            session.login(username)
            statuses, pdfs = _crawl(session)
            failures.update({f"{username} {path}": s for path, s in statuses.items() if s >= 500})
            documents.update(pdfs)
        assert not failures, failures
        assert len(documents) >= 5, sorted(documents)  # orders, consents, the ИПР, reports, the roadmap…
        for path, content in documents.items():
            text = pdf_text(content)
            assert len(text) > 100 and any("а" <= ch <= "я" for ch in text.lower()), path
            assert "{{" not in text and "{%" not in text, path
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
