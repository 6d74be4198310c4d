"""Home page panels of monitoring."""

from django.http import HttpRequest
from django.utils import timezone

from mentoring.access import organizations_of_region, user_organization
from mentoring.models import AcademicYear
from monitoring import dashboards
from monitoring.access import person_of
from monitoring.services import pending_for
from programs.services import pairs_without_recent_meeting


def summary_panel(request: HttpRequest) -> dict:
    """Curator, director, psychologist: what needs attention now (five queries plus one per open questionnaire)."""
    organization, today = user_organization(request.user), timezone.localdate()
    year = AcademicYear.for_date(today)
    pairs = dashboards.year_pairs(organization, year)
    pending = dashboards.pending_questionnaires(organization, year)
    return {
        "year": year,
        "stale": pairs_without_recent_meeting(pairs, today=today).count(),
        "missing_feedback": dashboards.missing_feedback(organization, year, timezone.now()),
        "pending": sum(row["pending"] for row in pending),
    }


def pending_panel(request: HttpRequest) -> dict:
    person = person_of(request.user)
    return {"pending": pending_for(person) if person else []}


def region_panel(request: HttpRequest) -> dict:
    year = AcademicYear.current()
    return {"year": year, "rows": dashboards.region_rows(list(organizations_of_region(request.user)), year)}
