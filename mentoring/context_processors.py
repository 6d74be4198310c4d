from django.conf import settings
from django.http import HttpRequest

from mentoring import navigation


def portal(request: HttpRequest) -> dict:
    match = getattr(request, "resolver_match", None)
    return {
        "nav_items": navigation.items_for(request.user, match.url_name if match else None),
        "portal_debug": settings.DEBUG,
    }
