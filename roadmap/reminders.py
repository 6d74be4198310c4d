"""Reminders of the roadmap's deadlines; registered with mentoring.notifications in RoadmapConfig.ready()."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.urls import reverse

from mentoring.models import NotificationKind as Kind
from mentoring.models import User
from mentoring.notifications import Due, register_source
from roadmap.models import Activity

ACTIVITY_NOTICE_DAYS = 7


def roadmap_activities(today: datetime.date) -> Iterator[Due]:
    """An open activity due within 7 days or overdue, to its named people and mapped roles."""
    activities = list(
        Activity.objects.open()
        .filter(due_date__isnull=False, due_date__lte=today + datetime.timedelta(days=ACTIVITY_NOTICE_DAYS))
        .filter(roadmap__organization__is_active=True)
        .select_related("roadmap")
        .prefetch_related("responsible_users", "responsible_roles")
    )
    org_ids = {a.roadmap.organization_id for a in activities}
    by_role: dict[tuple[int, str], list[User]] = defaultdict(list)
    for user in User.objects.filter(organization_id__in=org_ids, is_active=True).prefetch_related("roles"):
        for role in user.roles.all():
            by_role[(user.organization_id, role.role)].append(user)
    for activity in activities:
        overdue = activity.due_date < today
        people = {u.pk: u for u in activity.responsible_users.all()}
        for mapped in activity.responsible_roles.all():
            people.update({u.pk: u for u in by_role[(activity.roadmap.organization_id, mapped.role)]})
        short = activity.title if len(activity.title) <= 120 else activity.title[:117] + "…"
        for user in people.values():
            yield Due(
                user=user,
                kind=Kind.ACTIVITY_OVERDUE if overdue else Kind.ACTIVITY_DUE,
                object_key=f"activity:{activity.pk}",
                period=activity.due_date.isoformat(),
                title=(
                    f"Просрочено с {activity.due_date:%d.%m.%Y}" if overdue else f"Срок {activity.due_date:%d.%m.%Y}"
                )
                + f": {activity.number} {short}",
                text=f"Дорожная карта «{activity.roadmap}», мероприятие {activity.number}. "
                + ("Срок выполнения истёк." if overdue else "До срока выполнения осталось не более семи дней."),
                url=reverse("roadmap:activity", kwargs={"pk": activity.pk}),
            )


def register() -> None:
    register_source("roadmap", roadmap_activities)
