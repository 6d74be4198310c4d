"""Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from
one address, that pair is locked for AXES_COOLOFF_TIME and sees a Russian page (429)."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_username
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mentoring import client_address


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' gate before the ModelBackend. A login without a request is not a web login (the test
    client's ``login()``, the shell, management commands): nothing to throttle there, while axes
    itself would raise."""

    def authenticate(self, request: HttpRequest | None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


# The longest username a user can have: axes stores what was typed in a 255-character column, and a
# longer string there is an error on PostgreSQL (the login form itself does not limit its length).
USERNAME_MAX_LENGTH = 150


def client_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The username a failed attempt is counted under, as typed, cut to the longest possible one."""
    field = settings.AXES_USERNAME_FORM_FIELD
    username = (credentials or {}).get(field) if credentials else request.POST.get(field)
    return username[:USERNAME_MAX_LENGTH] if isinstance(username, str) else username


def client_ip(request: HttpRequest) -> str | None:
    """The address a failed attempt is counted under: mentoring.client_address (trusted proxies only)."""
    return client_address.client_ip(request)


def lockout_response(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """The Russian lockout page, 429 Too Many Requests."""
    context = {
        "username": get_client_username(request, credentials) or "",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/lockout.html", context, status=429)
