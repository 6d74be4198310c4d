"""The portal's URLs plus the floor of the benchmark: a view that does nothing, behind the same
middleware as every page (sessions, CSRF, CSP, the organization middleware)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from mentoring.urls import handler403, handler404  # noqa: F401 — the portal's error pages
from mentoring.urls import urlpatterns as portal_urlpatterns


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [*portal_urlpatterns, path("bench/floor/", floor, name="bench_floor")]
