"""Writes of the roadmap that span rows, and the reads the pages and panels share.

Interface for other apps (the orders feature):
    anchor_event_happened(event=..., date=..., reference="Приказ от 01.09.2025 № 112-ОД")
sets the date of a roadmap event and dates every activity counted from it."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from mentoring.models import AcademicYear, Organization, User
from roadmap import catalog, deadlines
from roadmap.models import Activity, ActivityComment, ActivityRole, Roadmap, RoadmapEvent, Section
from roadmap.responsible import roles_for
from roadmap.selectors import MAIN_EVENT_TITLE, main_event


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


# ---------------------------------------------------------------- templates


@transaction.atomic
def roadmap_load_template(
    *,
    organization: Organization,
    template_key: str,
    academic_year: AcademicYear,
    today: datetime.date | None = None,
) -> tuple[Roadmap, bool]:
    """The organization's roadmap made from a template for the year; a second call returns the
    roadmap made by the first (``created`` False) and adds nothing."""
    template = catalog.get(template_key)
    if template is None:
        raise ValidationError(f"Шаблон «{template_key}» не найден.", code="unknown_template")
    existing = Roadmap.objects.filter(
        organization=organization, template_key=template_key, academic_year=academic_year
    ).first()
    if existing:
        return existing, False
    today = _today(today)
    roadmap = Roadmap(
        organization=organization,
        title=template.title,
        template_key=template.key,
        academic_year=academic_year,
        years=template.years,
    )
    roadmap.full_clean()
    roadmap.save()
    events = {}
    for spec in template.data.get("events") or [{"key": RoadmapEvent.MAIN, "title": MAIN_EVENT_TITLE}]:
        events[spec["key"]] = RoadmapEvent.objects.create(roadmap=roadmap, key=spec["key"], title=spec["title"])
    main_event = events.get(RoadmapEvent.MAIN) or next(iter(events.values()))
    shift = academic_year.start_year - template.base_year if template.base_year else 0

    created: list[tuple[Activity, dict]] = []
    position = 0
    for section_position, spec in enumerate(template.data["sections"], start=1):
        section = Section(
            roadmap=roadmap,
            number=spec.get("number", ""),
            title=spec["title"],
            description=spec.get("description", ""),
            stage=spec.get("stage"),
            position=section_position,
        )
        section.full_clean()
        section.save()
        for item in spec["activities"]:
            position += 1
            activity = Activity(
                roadmap=roadmap,
                section=section,
                number=item["number"],
                position=position,
                title=item["title"],
                stage=item.get("stage"),
                deadline_text=item.get("deadline", ""),
                responsible_text=item.get("responsible", ""),
                result=item.get("result", ""),
                year_shift=shift,
            )
            activity.full_clean(exclude=["roadmap", "section"])
            activity.save()
            created.append((activity, item))

    by_number = {activity.number: activity for activity, _ in created}
    roles = []
    for activity, item in created:
        parsed = activity.deadline
        if parsed.kind == deadlines.Kind.RELATIVE:
            anchor_number = item.get("anchor") or parsed.anchor_activity
            if anchor_number and anchor_number in by_number and by_number[anchor_number] != activity:
                activity.anchor_activity = by_number[anchor_number]
            else:
                activity.anchor_event = events.get(item.get("event", ""), main_event)
        activity.roadmap = roadmap
        activity.resolve_deadline(today)
        activity.save()
        roles += [ActivityRole(activity=activity, role=role) for role in sorted(roles_for(activity.responsible_text))]
    ActivityRole.objects.bulk_create(roles)
    return roadmap, True


# ---------------------------------------------------------------- events and anchors


@transaction.atomic
def anchor_event_happened(
    *, event: RoadmapEvent, date: datetime.date | None, reference: str = "", today: datetime.date | None = None
) -> int:
    """The event happened on ``date`` (None: the date is withdrawn). Every activity counted from it
    gets its concrete due date. Returns how many activities were dated."""
    event.happened_on = date
    if reference:
        event.reference = reference
    event.full_clean()
    event.save()
    return _resolve_dependents(Activity.objects.filter(anchor_event=event), _today(today))


def _resolve_dependents(queryset: QuerySet, today: datetime.date) -> int:
    activities = list(queryset.select_related("roadmap__academic_year", "anchor_event", "anchor_activity"))
    for activity in activities:
        activity.resolve_deadline(today)
    Activity.objects.bulk_update(activities, ["deadline_kind", "window_start", "due_date"])
    return len(activities)


@transaction.atomic
def roadmap_refresh_deadlines(*, roadmaps: QuerySet | None = None, today: datetime.date | None = None) -> int:
    """Recurring and year-long deadlines move with the calendar: run daily (manage.py
    refresh_roadmap_deadlines) so «Один раз в квартал» is due at the end of the current quarter."""
    queryset = Activity.objects.filter(deadline_kind__in=[deadlines.Kind.RECURRING, deadlines.Kind.THROUGHOUT])
    if roadmaps is not None:
        queryset = queryset.filter(roadmap__in=roadmaps)
    return _resolve_dependents(queryset, _today(today))


# ---------------------------------------------------------------- activities


@transaction.atomic
def activity_update_progress(
    *,
    activity: Activity,
    by: User,
    status: str,
    completed_on: datetime.date | None = None,
    evidence_file: UploadedFile | None = None,
    evidence_url: str = "",
    evidence_note: str = "",
    comment: str = "",
    today: datetime.date | None = None,
) -> Activity:
    """Status, completion date and evidence — what a responsible person reports."""
    today = _today(today)
    was_done = activity.status == Activity.Status.DONE
    previous_completed_on = activity.completed_on
    activity.status = status
    if status == Activity.Status.DONE:
        activity.completed_on = completed_on or activity.completed_on or today
        if activity.completed_on > today:
            raise ValidationError(
                {"completed_on": ValidationError("Дата выполнения не может быть в будущем.", code="future_completion")}
            )
    else:
        activity.completed_on = None
    if evidence_file is not None:
        activity.evidence_file = evidence_file
    activity.evidence_url = evidence_url
    activity.evidence_note = evidence_note
    activity.full_clean()
    activity.save()
    if comment.strip():
        comment_add(activity=activity, author=by, text=comment)
    is_done = activity.status == Activity.Status.DONE
    if was_done != is_done or previous_completed_on != activity.completed_on:
        _resolve_dependents(Activity.objects.filter(anchor_activity=activity), today)
    return activity


@transaction.atomic
def activity_save_plan(
    *,
    activity: Activity,
    section: Section,
    number: str,
    title: str,
    deadline_text: str,
    responsible_text: str = "",
    result: str = "",
    stage: int | None = None,
    roles: list[str] | None = None,
    users: list[User] | None = None,
    anchor_activity: Activity | None = None,
    anchor_event: RoadmapEvent | None = None,
    today: datetime.date | None = None,
) -> Activity:
    """Creates (``activity`` unsaved) or edits the plan of an activity: wording, deadline, responsible."""
    roadmap = activity.roadmap
    if activity.pk is None:
        last = roadmap.activities.order_by("-position").values_list("position", flat=True).first() or 0
        activity.position = last + 1
    if activity.deadline_text != deadline_text:
        activity.year_shift = 0  # the curator writes real years; only a template's years are shifted
    activity.section = section
    activity.number = number
    activity.title = title
    activity.deadline_text = deadline_text
    activity.responsible_text = responsible_text
    activity.result = result
    activity.stage = stage
    parsed = deadlines.parse(deadline_text)
    activity.anchor_activity = anchor_activity if parsed.kind == deadlines.Kind.RELATIVE else None
    activity.anchor_event = None
    if parsed.kind == deadlines.Kind.RELATIVE and anchor_activity is None:
        activity.anchor_event = anchor_event or main_event(roadmap)
    activity.resolve_deadline(_today(today))
    activity.full_clean()
    activity.save()
    if roles is not None:
        activity.responsible_roles.all().delete()
        ActivityRole.objects.bulk_create([ActivityRole(activity=activity, role=role) for role in sorted(set(roles))])
    if users is not None:
        activity.responsible_users.set(users)
    return activity


def comment_add(*, activity: Activity, author: User, text: str) -> ActivityComment:
    comment = ActivityComment(activity=activity, author=author, text=text.strip())
    comment.full_clean()
    comment.save()
    return comment


def roadmap_update(
    *, roadmap: Roadmap, title: str, approval_order_number: str, approval_order_date: datetime.date | None
) -> Roadmap:
    roadmap.title = title
    roadmap.approval_order_number = approval_order_number
    roadmap.approval_order_date = approval_order_date
    roadmap.full_clean()
    roadmap.save()
    return roadmap
