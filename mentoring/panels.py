"""Context of the core's home page panels."""

from django.http import HttpRequest

from mentoring.access import organizations_of_region, user_organization
from mentoring.models import AcademicYear, Role, UserRole
from mentoring.services import region_overview

TEAM_ROLES = (Role.DIRECTOR, Role.CURATOR, Role.FORM_CURATOR, Role.PSYCHOLOGIST, Role.STAFF)


def organization_panel(request: HttpRequest) -> dict:
    organization = user_organization(request.user)
    # One query: the team's role rows with their users; the director first, then curators.
    assignments = UserRole.objects.filter(
        user__organization=organization, user__is_active=True, role__in=TEAM_ROLES
    ).select_related("user")
    members: dict[int, dict] = {}
    for assignment in assignments:
        entry = members.setdefault(assignment.user_id, {"user": assignment.user, "roles": []})
        entry["roles"].append(assignment)
    team = sorted(members.values(), key=lambda e: min(TEAM_ROLES.index(r.role) for r in e["roles"]))
    return {"organization": organization, "team": team, "year": AcademicYear.current()}


def region_panel(request: HttpRequest) -> dict:
    return {"rows": region_overview(organizations=organizations_of_region(request.user))}
