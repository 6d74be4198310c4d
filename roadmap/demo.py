"""Demo roadmaps: the school runs seed 001 (a dated list) in the current year, the college seed 004
(deadlines counted from the order, signed five months ago). Progress is a realistic mix: most past
activities done with evidence, some overdue, the current ones in progress. Idempotent."""

from __future__ import annotations

import datetime

from django.utils import timezone

from mentoring.demo import DemoContext
from roadmap.models import Activity, Roadmap
from roadmap.services import activity_update_progress, anchor_event_happened, roadmap_load_template

EVIDENCE = [
    "Протокол педагогического совета № 1",
    "Приказ директора",
    "Публикация на сайте школы",
    "Анкеты участников (папка куратора)",
]


def seed(context: DemoContext) -> None:
    today = timezone.localdate()
    school, created = roadmap_load_template(
        organization=context.school, template_key="sosh-59", academic_year=context.year, today=today
    )
    if created:
        teacher = context.users["mentor2"]
        for activity in school.activities.filter(responsible_text__icontains="Классные руководители"):
            activity.responsible_users.add(teacher)  # a named person besides the mapped roles
        _progress(school, context, today)
    college, created = roadmap_load_template(
        organization=context.college, template_key="chernogorsk-college", academic_year=context.year, today=today
    )
    if created:
        order = college.events.get(key="order")
        anchor_event_happened(
            event=order, date=today - datetime.timedelta(days=150), reference="Приказ о внедрении целевой модели"
        )
        _progress(college, context, today, curator="curator_b")


def _progress(roadmap: Roadmap, context: DemoContext, today: datetime.date, curator: str = "curator") -> None:
    by = context.users[curator]
    for index, activity in enumerate(roadmap.activities.order_by("position")):
        activity.refresh_from_db()  # a done anchor re-dates the activities after it
        if activity.due_date is None:
            continue
        if activity.due_date < today:
            if index % 4 == 1:
                status = Activity.Status.IN_PROGRESS if index % 8 == 1 else Activity.Status.PLANNED
                activity_update_progress(activity=activity, by=by, status=status, today=today)
                continue
            completed = min(activity.due_date - datetime.timedelta(days=index % 6), today)
            activity_update_progress(
                activity=activity,
                by=by,
                status=Activity.Status.DONE,
                completed_on=completed,
                evidence_note=EVIDENCE[index % len(EVIDENCE)],
                today=today,
            )
        elif activity.window_start and activity.window_start <= today:
            activity_update_progress(activity=activity, by=by, status=Activity.Status.IN_PROGRESS, today=today)


def seed_scale(context) -> None:
    """The roadmap's step of the region-scale data set (mentoring.demo_region): seed 001's roadmap."""
    roadmap_load_template(
        organization=context.organization, template_key="sosh-59", academic_year=context.year, today=context.today
    )
