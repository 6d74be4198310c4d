"""Small roadmaps for tests that do not need a whole seed template."""

from __future__ import annotations

import datetime

from mentoring.models import AcademicYear, Organization
from roadmap.models import Activity, ActivityRole, Roadmap, RoadmapEvent, Section


def make_roadmap(
    organization: Organization, *, title: str = "Дорожная карта", year: AcademicYear | None = None
) -> Roadmap:
    year = year or AcademicYear.current()
    roadmap = Roadmap.objects.create(organization=organization, title=title, academic_year=year)
    RoadmapEvent.objects.create(roadmap=roadmap, key="order", title="Издание приказа о внедрении целевой модели")
    Section.objects.create(roadmap=roadmap, number="1", title="Подготовка условий", stage=1, position=1)
    return roadmap


def make_activity(
    roadmap: Roadmap,
    number: str,
    *,
    due: datetime.date | None = None,
    status: str = Activity.Status.PLANNED,
    roles: tuple[str, ...] = (),
    users=(),
    title: str | None = None,
    deadline_text: str = "",
    stage: int | None = 1,
) -> Activity:
    section = roadmap.sections.first()
    position = roadmap.activities.count() + 1
    activity = Activity.objects.create(
        roadmap=roadmap,
        section=section,
        number=number,
        position=position,
        title=title or f"Мероприятие {number}",
        stage=stage,
        deadline_text=deadline_text or (due.strftime("до %d.%m.%Y") if due else ""),
        deadline_kind="date" if due else "unparsed",
        window_start=due,
        due_date=due,
        status=status,
        completed_on=datetime.date.today() if status == Activity.Status.DONE else None,
    )
    ActivityRole.objects.bulk_create([ActivityRole(activity=activity, role=r) for r in roles])
    activity.responsible_users.set(users)
    return activity
