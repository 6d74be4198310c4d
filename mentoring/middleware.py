from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject


class OrganizationMiddleware:
    """Puts the user's organization on the request, loaded once and only when a view asks for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.organization = SimpleLazyObject(lambda: getattr(request.user, "organization", None))
        return self.get_response(request)


def mark_private(response: HttpResponse) -> HttpResponse:
    """A response with personal data: no browser, proxy or shared computer keeps a copy
    (a PDF of a child's consent, an export, a calendar feed)."""
    patch_cache_control(response, no_store=True, private=True)
    return response


class PrivateResponseMiddleware:
    """Every response to a signed-in user may carry personal data (each page shows names): none is
    cached. Downloads reached without a session (the calendar feed, the one-time questionnaire link)
    call ``mark_private`` themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            mark_private(response)
        return response
