"""Home page panels of monitoring: cheap (one or two queries), the details are on the dashboard."""

from django.http import HttpRequest
from django.utils import timezone

from mentoring.access import organizations_of_region
from mentoring.models import AcademicYear
from monitoring import dashboards
from monitoring.selectors import pending_for_user
from programs import panels as program_panels


def summary_panel(request: HttpRequest) -> dict:
    """Curator, director, psychologist: what needs attention now — the figures of the programs attention
    panel beside it, computed once for both (no query when that panel is on the page too)."""
    start_year = AcademicYear.start_year_for(timezone.localdate())
    return {
        "year_name": f"{start_year}/{start_year + 1}",
        "stale": len(program_panels.quiet_pairs(request)),
        "missing_feedback": program_panels.missing_feedback_count(request),
    }


def pending_panel(request: HttpRequest) -> dict:
    return {"pending": pending_for_user(request.user)}


def region_panel(request: HttpRequest) -> dict:
    year = AcademicYear.current()
    return {"year": year, "rows": dashboards.region_rows(list(organizations_of_region(request.user)), year)}
