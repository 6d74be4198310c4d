"""The client's address, the same for the login lockout (django-axes), the password-reset limit and
the personal-data log.

``X-Forwarded-For`` is trusted only as far as the deployment says (``DJANGO_TRUSTED_PROXY_COUNT``):
each of our proxies appends the address it received the request from, so with N proxies the client
is the N-th entry from the right, and anything to its left is whatever the client sent. With 0 (the
default, the portal reached directly) the header is ignored and the address is the socket's."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    entries = [entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if len(entries) < proxies:
        # Fewer entries than proxies: a proxy was bypassed or does not append; the socket is all we know.
        return remote
    return _valid(entries[-proxies]) or remote
