"""Home page panels of monitoring: cheap (one or two queries), the details are on the dashboard."""

from django.http import HttpRequest
from django.utils import timezone

from mentoring.access import organizations_of_region, user_organization
from mentoring.models import AcademicYear
from monitoring import dashboards
from monitoring.selectors import pending_for_user
from programs.selectors import pairs_without_recent_meeting, year_pairs


def summary_panel(request: HttpRequest) -> dict:
    """Curator, director, psychologist: what needs attention now (two queries)."""
    organization, today = user_organization(request.user), timezone.localdate()
    start_year = AcademicYear.start_year_for(today)
    pairs = year_pairs(organization, today=today)
    return {
        "year_name": f"{start_year}/{start_year + 1}",
        "stale": pairs_without_recent_meeting(pairs, today=today).count(),
        "missing_feedback": dashboards.missing_feedback_of(pairs, timezone.now()),
    }


def pending_panel(request: HttpRequest) -> dict:
    return {"pending": pending_for_user(request.user)}


def region_panel(request: HttpRequest) -> dict:
    year = AcademicYear.current()
    return {"year": year, "rows": dashboards.region_rows(list(organizations_of_region(request.user)), year)}
