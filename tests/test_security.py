"""Security: login throttling (django-axes), a strict CSP with no inline script or style in any
template, security headers, session expiry, bandit over the project code."""

import datetime
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
LIMIT = settings.AXES_FAILURE_LIMIT


def _fail(client, username="t_curator", ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": "wrong"}, REMOTE_ADDR=ip)


def _login(client, username="t_curator", ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": "pass"}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_the_tenth_wrong_password_locks_that_username_from_that_address_with_a_russian_page(client, world):
    for _ in range(LIMIT - 1):
        assert _fail(client).status_code == 200
    response = _fail(client)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Вход временно заблокирован" in body
    assert f"неверно {LIMIT} раз" in body and "на 30 мин." in body
    # Even the right password is refused now…
    locked = _login(client)
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    # …but only for that pair: the same user from another address, another user from this one may log in.
    assert _login(client, ip="10.0.0.2").status_code == 302
    client.post(reverse("logout"))
    assert _login(client, username="t_director").status_code == 302


@pytest.mark.django_db
def test_a_successful_login_clears_the_failed_attempts(client, world):
    for _ in range(LIMIT - 1):
        _fail(client)
    assert _login(client).status_code == 302
    client.post(reverse("logout"))
    for _ in range(LIMIT - 1):
        assert _fail(client).status_code == 200
    assert _login(client).status_code == 302


@pytest.mark.django_db
def test_the_lock_ends_after_the_cool_off_time(client, world):
    for _ in range(LIMIT):
        _fail(client)
    assert _login(client).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(1))
    assert _login(client).status_code == 302


@pytest.mark.django_db
def test_behind_the_proxy_the_address_is_the_one_nginx_appended_not_the_one_the_client_forged(client, world, settings):
    # An attacker rotating a forged first X-Forwarded-For entry still counts as one address.
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(LIMIT):
        client.post(
            reverse("login"),
            {"username": "t_curator", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 203.0.113.7",
        )
    response = client.post(
        reverse("login"), {"username": "t_curator", "password": "pass"}, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.7"
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_test_client_and_shell_logins_are_not_throttled(client, world):
    # authenticate() without a request (client.login, the shell, commands) passes the axes gate.
    assert client.login(username="t_curator", password="pass")


@pytest.mark.django_db
def test_security_headers_on_every_kind_of_response(client, world):
    client.force_login(world.curator)
    for url in (reverse("home"), reverse("participants:people"), "/no-such-page/"):
        response = client.get(url, secure=True)
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp, url
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_the_session_cookie_is_http_only_and_expires_after_a_school_day(client, world):
    response = _login(client)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE == 8 * 3600
    assert client.get(reverse("home")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def test_no_template_has_an_inline_script_style_attribute_or_event_handler():
    """The CSP forbids them, so the browser would silently drop them: none may exist at all.
    PDF templates (WeasyPrint, no CSP) may style inline."""
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        relative = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        checks = [INLINE_SCRIPT, INLINE_HANDLER] + ([] if relative.startswith("templates/pdf/") else [INLINE_STYLE])
        for pattern in checks:
            for match in pattern.finditer(text):
                offenders.append(f"{relative}: {match.group(0)[:60]}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.skipif(
    shutil.which("bandit") is None and not (Path(sys.prefix) / "bin" / "bandit").exists(), reason="bandit not installed"
)
def test_bandit_finds_nothing_unjustified_in_the_project_code():
    """Every finding is fixed or justified inline with ``# nosec`` and a reason (pyproject [tool.bandit])."""
    bandit = shutil.which("bandit") or str(Path(sys.prefix) / "bin" / "bandit")
    result = subprocess.run(
        [
            bandit,
            "-q",
            "-c",
            "pyproject.toml",
            "-r",
            "mentoring",
            "participants",
            "programs",
            "roadmap",
            "monitoring",
            "bench",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_an_overlong_username_is_a_failed_login_not_a_server_error(client, world):
    for _ in range(2):
        response = client.post(reverse("login"), {"username": "я" * 5000, "password": "x"}, REMOTE_ADDR="10.0.0.9")
        assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "я" * 150


@pytest.mark.django_db
def test_without_a_declared_proxy_a_forged_forwarded_for_does_not_escape_the_lockout(client, world):
    # The portal reached directly (DJANGO_TRUSTED_PROXY_COUNT=0): every request invents a new address in
    # X-Forwarded-For, and still all of them count against the socket's address.
    for n in range(LIMIT):
        client.post(
            reverse("login"),
            {"username": "t_curator", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
            REMOTE_ADDR="10.0.0.9",
        )
    response = client.post(
        reverse("login"),
        {"username": "t_curator", "password": "pass"},
        HTTP_X_FORWARDED_FOR="198.51.100.200",
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 429
