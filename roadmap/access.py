"""Who may do what with a roadmap, in one place, on top of mentoring.access.

- everyone of the organization (except the region coordinator, who sees no organization's data)
  reads its roadmaps;
- the director and the curator edit everything;
- a responsible person (named, or holding a mapped role) updates the progress of their activity."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from mentoring.access import LEADERS, get_for_organization
from mentoring.models import User
from roadmap.models import Activity, Roadmap, RoadmapEvent


def can_edit(user: User) -> bool:
    return user.has_role(*LEADERS)


def get_roadmap_for(user: User, pk: int) -> Roadmap:
    return get_for_organization(user, Roadmap.objects.select_related("academic_year", "organization"), pk=pk)


def get_activity_for(user: User, pk: int) -> Activity:
    queryset = Activity.objects.select_related(
        "roadmap__academic_year", "roadmap__organization", "section", "anchor_event", "anchor_activity"
    )
    return get_for_organization(user, queryset, field="roadmap__organization", pk=pk)


def get_event_for(user: User, pk: int) -> RoadmapEvent:
    return get_for_organization(
        user, RoadmapEvent.objects.select_related("roadmap"), field="roadmap__organization", pk=pk
    )


def is_responsible(user: User, activity: Activity) -> bool:
    if activity.responsible_users.filter(pk=user.pk).exists():
        return True
    return activity.responsible_roles.filter(role__in=user.role_names).exists()


def can_update_progress(user: User, activity: Activity) -> bool:
    return can_edit(user) or is_responsible(user, activity)


def require_edit(user: User) -> None:
    if not can_edit(user):
        raise PermissionDenied("Изменять дорожную карту могут директор и куратор.")


def require_progress_update(user: User, activity: Activity) -> None:
    if not can_update_progress(user, activity):
        raise PermissionDenied("Отмечать выполнение может ответственный за мероприятие, куратор или директор.")
