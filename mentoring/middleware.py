from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject


class OrganizationMiddleware:
    """Puts the user's organization on the request, loaded once and only when a view asks for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.organization = SimpleLazyObject(lambda: getattr(request.user, "organization", None))
        return self.get_response(request)
