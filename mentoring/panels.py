"""Context of the core's home page panels."""

from django.http import HttpRequest

from mentoring.access import organizations_of_region, user_organization
from mentoring.models import AcademicYear, Role, User
from mentoring.services import region_overview

TEAM_ROLES = (Role.DIRECTOR, Role.CURATOR, Role.FORM_CURATOR, Role.PSYCHOLOGIST, Role.STAFF)


def organization_panel(request: HttpRequest) -> dict:
    organization = user_organization(request.user)
    team = list(
        User.objects.filter(organization=organization, is_active=True, roles__role__in=TEAM_ROLES)
        .distinct()
        .prefetch_related("roles")
    )
    # The director first, then curators, as the team is listed in an order.
    team.sort(key=lambda user: min(TEAM_ROLES.index(r.role) for r in user.roles.all() if r.role in TEAM_ROLES))
    return {"organization": organization, "team": team, "year": AcademicYear.current()}


def region_panel(request: HttpRequest) -> dict:
    return {"rows": region_overview(organizations=organizations_of_region(request.user))}
