"""Access in one place. Every view reaches its objects through these helpers, so the organization
and role checks are never an inline ``if`` that one view forgets.

Rules: nobody sees another organization's data — such an object is a 404, never a 403 that would
confirm it exists; a page of one's own organization that one's role may not open is a 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from mentoring.models import Organization, Role, User

# One vocabulary of role groups for every app: the same name means the same roles everywhere.
LEADERS = (Role.DIRECTOR, Role.CURATOR)  # run the programme: orders, roadmap, bases, questionnaires
COORDINATORS = (*LEADERS, Role.FORM_CURATOR)  # work with every participant and pair of the organization
READERS = (*COORDINATORS, Role.PSYCHOLOGIST)  # read pairs, mentees and monitoring results
LIST_KEEPERS = (*COORDINATORS, Role.STAFF)  # keep the class and staff lists
PEOPLE_EDITORS = (*LEADERS, Role.STAFF)  # change people's cards and import lists
# Everyone who takes part in the organization's programme; a parent only follows their own child.
MEMBERS = tuple(role for role in Role if role not in (Role.REGION, Role.PARENT))


def user_organization(user: User) -> Organization:
    """The organization whose data the user works with; region coordinators and users without
    an organization have none, and no organization-scoped page exists for them."""
    if not user.is_authenticated or user.organization_id is None:
        raise Http404("Нет организации")
    return user.organization


def for_organization(user: User, queryset: QuerySet, field: str = "organization") -> QuerySet:
    """The part of a queryset that belongs to the user's organization."""
    return queryset.filter(**{field: user_organization(user)})


def get_for_organization(user: User, queryset: QuerySet | type[Model], field: str = "organization", **lookup) -> Model:
    """One object of the user's organization, or 404 — the same 404 whether it exists elsewhere or not."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    return get_object_or_404(for_organization(user, queryset, field), **lookup)


def require_roles(*roles: str) -> Callable:
    """A view open to users with any of the roles. Anonymous users go to the login page."""

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.has_role(*roles):
                raise PermissionDenied("Эта страница недоступна для вашей роли.")
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = frozenset(roles)
        return wrapper

    return decorator


def organizations_of_region(user: User) -> QuerySet:
    """Organizations a region coordinator oversees (aggregates only)."""
    if not user.has_role(Role.REGION) or user.region_id is None:
        raise PermissionDenied("Страница доступна только региональному координатору.")
    return Organization.objects.filter(region_id=user.region_id, is_active=True)
