"""Home page panels of the roadmap."""

from django.http import HttpRequest
from django.utils import timezone

from mentoring.access import user_organization
from roadmap.models import Activity
from roadmap.selectors import current_roadmaps, deadlines_overview

MY_TASKS_LIMIT = 6


def deadlines_panel(request: HttpRequest) -> dict:
    return deadlines_overview(user_organization(request.user), timezone.localdate(), limit=6)


def my_tasks_panel(request: HttpRequest) -> dict:
    today = timezone.localdate()
    tasks = (
        Activity.objects.filter(roadmap__in=current_roadmaps(user_organization(request.user), today))
        .assigned_to(request.user)
        .open()
        .order_by("due_date", "position")
    )
    return {"tasks": list(tasks[:MY_TASKS_LIMIT]), "count": tasks.count(), "today": today}
