"""Writes of the roadmap that span rows, and the reads the pages and panels share.

Interface for other apps (the orders feature):
    anchor_event_happened(event=..., date=..., reference="Приказ от 01.09.2025 № 112-ОД")
sets the date of a roadmap event and dates every activity counted from it."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, QuerySet, Value
from django.utils import timezone

from mentoring.models import AcademicYear, Organization, User
from roadmap import catalog, deadlines, importing, localize
from roadmap.academic_calendar import calendars_for
from roadmap.models import (
    AcademicCalendar,
    Activity,
    ActivityComment,
    ActivityRole,
    CalendarPeriod,
    Roadmap,
    RoadmapEvent,
    Section,
)
from roadmap.responsible import roles_for
from roadmap.selectors import EVENT_FOR_ORDER_KIND, MAIN_EVENT_TITLE, event_for, main_event


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
    roadmap made by the first (``created`` False) and adds nothing.

    The template becomes the school's own: its title names the loading organization, the seed's
    years are moved into the loaded year (the seed's wording kept as a note), the source school's
    named staff are dropped to roles, and a template that counts from its order keeps its sequence
    relative to that order (calendar dates become months after it)."""
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
        title=f"{template.school_title} в {organization.short_name or organization.name}",
        template_key=template.key,
        academic_year=academic_year,
        years=template.years,
    )
    roadmap.full_clean()
    roadmap.save()
    shift = academic_year.start_year - template.base_year if template.base_year else 0
    seed_years = (template.base_year or 0, (template.base_year or 0) + template.years)

    def own(text: str) -> str:
        text = localize.as_own(
            text, source_names=list(template.source_names), organization_name=organization.short_name
        )
        return localize.shift_years_in_text(text, shift=shift, first=seed_years[0], last=seed_years[1])

    events = {}
    for spec in template.data.get("events") or [{"key": RoadmapEvent.MAIN, "title": MAIN_EVENT_TITLE}]:
        events[spec["key"]] = RoadmapEvent.objects.create(roadmap=roadmap, key=spec["key"], title=own(spec["title"]))
    main = events.get(RoadmapEvent.MAIN) or next(iter(events.values()))

    created: list[tuple[Activity, dict]] = []
    position = 0
    for section_position, spec in enumerate(template.data["sections"], start=1):
        section = Section(
            roadmap=roadmap,
            number=spec.get("number", ""),
            title=own(spec["title"]),
            description=own(spec.get("description", "")),
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
                title=own(item["title"]),
                stage=item.get("stage"),
                responsible_text=localize.drop_named_people(own(item.get("responsible", ""))),
                result=own(item.get("result", "")),
                result_order_kind=localize.order_kind_in(item.get("result", "")),
            )
            _template_deadline(activity, item.get("deadline", ""), template, shift, seed_years)
            activity.full_clean(exclude=["roadmap", "section"])
            activity.save()
            created.append((activity, item))

    by_number = {activity.number: activity for activity, _ in created}
    roles = []
    calendars = calendars_for(organization.pk)
    for activity, item in created:
        parsed = activity.deadline
        if parsed.kind == deadlines.Kind.RELATIVE:
            anchor_number = item.get("anchor") or parsed.anchor_activity
            if anchor_number and anchor_number in by_number and by_number[anchor_number] != activity:
                activity.anchor_activity = by_number[anchor_number]
            else:
                key = item.get("event") or parsed.event
                if key and key not in events:
                    events[key] = event_for(roadmap, key)
                activity.anchor_event = events.get(key, main)
        activity.roadmap = roadmap
        activity.resolve_deadline(today, calendars)
        activity.save()
        roles += [ActivityRole(activity=activity, role=role) for role in sorted(roles_for(activity.responsible_text))]
    ActivityRole.objects.bulk_create(roles)
    return roadmap, True


def _template_deadline(
    activity: Activity, wording: str, template: catalog.Template, shift: int, seed_years: tuple[int, int]
) -> None:
    """The deadline of a template's activity in the loaded year: the seed's years rewritten into it,
    or, in a template counting from its order, a calendar date turned into the month after the order."""
    parsed = deadlines.parse(wording)
    if template.anchor_date and template.base_year:
        relative = localize.months_after_anchor(
            parsed, seed_first_year=template.base_year, seed_anchor=template.anchor_date
        )
        if relative is not None:
            activity.deadline_text = relative.text
            activity.deadline_data = relative.to_data()
            activity.deadline_note = wording
            return
    moved = localize.shift_years_in_text(wording, shift=shift, first=seed_years[0], last=seed_years[1])
    activity.deadline_text = moved
    activity.deadline_note = wording if moved != wording else ""
    # Years without a number in the wording («Сентябрь») need no shift; the ones written were rewritten.
    activity.year_shift = 0


@transaction.atomic
def roadmap_import(
    *,
    organization: Organization,
    academic_year: AcademicYear,
    plan: importing.RoadmapPlan,
    title: str = "",
    years: int = 1,
    today: datetime.date | None = None,
) -> Roadmap:
    """The school's own roadmap from a read file (roadmap.importing): all or nothing — a plan with
    errors writes nothing. Relative deadlines count from the order of the kind they name, or from
    the activity «(п.N)» they point to; the result that is an order completes the activity when signed."""
    if plan.errors:
        raise ValidationError(
            "В файле есть строки, которые не удалось прочитать; ничего не загружено.", code="plan_errors"
        )
    if not plan.activities:
        raise ValidationError("В файле нет мероприятий.", code="plan_empty")
    today = _today(today)
    roadmap = Roadmap(
        organization=organization,
        title=title or f"Дорожная карта внедрения целевой модели наставничества в {organization.short_name}",
        academic_year=academic_year,
        years=years,
    )
    roadmap.full_clean()
    roadmap.save()
    main = main_event(roadmap)
    position = 0
    created: list[Activity] = []
    for section_position, planned in enumerate(plan.sections, start=1):
        section = Section(
            roadmap=roadmap,
            number=planned.number[:10],
            title=planned.title,
            stage=planned.stage,
            position=section_position,
        )
        section.full_clean()
        section.save()
        for item in planned.activities:
            position += 1
            activity = Activity(
                roadmap=roadmap,
                section=section,
                number=item.number,
                position=position,
                title=item.title,
                stage=item.stage,
                deadline_text=item.deadline_text,
                responsible_text=item.responsible,
                result=item.result,
                result_order_kind=importing.result_order_kind(item),
            )
            activity.full_clean(exclude=["roadmap", "section"])
            activity.save()
            created.append(activity)
    by_number = {a.number: a for a in created}
    calendars = calendars_for(organization.pk)
    roles = []
    for activity in created:
        parsed = activity.deadline
        if parsed.kind == deadlines.Kind.RELATIVE:
            anchor = by_number.get(parsed.anchor_activity)
            if anchor is not None and anchor != activity:
                activity.anchor_activity = anchor
            else:
                activity.anchor_event = event_for(roadmap, parsed.event) if parsed.event else main
        activity.resolve_deadline(today, calendars)
        activity.save()
        roles += [ActivityRole(activity=activity, role=role) for role in sorted(roles_for(activity.responsible_text))]
    ActivityRole.objects.bulk_create(roles)
    return roadmap


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
    sources: dict[int, deadlines.CalendarSource] = {}
    for activity in activities:
        organization_id = activity.roadmap.organization_id
        if organization_id not in sources:
            sources[organization_id] = calendars_for(organization_id)
        activity.resolve_deadline(today, sources[organization_id])
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


# ---------------------------------------------------------------- orders and the roadmap: one timeline


def roadmaps_at(organization_id: int, day: datetime.date) -> QuerySet:
    """The organization's roadmaps an order of that day belongs to: those whose years contain it,
    and the next year's (an order of August prepares the coming year)."""
    start_year = AcademicYear.start_year_for(day)
    return Roadmap.objects.filter(
        organization_id=organization_id,
        academic_year__start_year__lte=start_year + 1,
        academic_year__start_year__gt=Value(start_year) - F("years"),
    ).select_related("academic_year")


@transaction.atomic
def roadmap_order_signed(
    *,
    organization_id: int,
    kind: str,
    number: str,
    date: datetime.date,
    today: datetime.date | None = None,
    record: dict | None = None,
) -> int:
    """An order of ``kind`` was signed: the roadmap's event of that kind happened on its date (the
    relative deadlines counted from it get their dates) and every open activity whose result is
    this order is done. The approval order («об утверждении положения …, программы и дорожной
    карты») also becomes the roadmap's approval requisites. Returns how many activities changed.
    ``record`` (a dict) receives what changed and what was there before, for ``roadmap_order_undo``."""
    key = EVENT_FOR_ORDER_KIND.get(kind)
    if key is None:
        return 0
    today = _today(today)
    reference = f"Приказ от {date:%d.%m.%Y} № {number}"
    changed = 0
    log = {"events": [], "activities": [], "approvals": []}
    for roadmap in roadmaps_at(organization_id, date):
        event = event_for(roadmap, key)
        if event.happened_on is None:  # a second order of the kind (another programme's pairs) keeps the first
            log["events"].append([event.pk, event.reference])
            changed += anchor_event_happened(event=event, date=date, reference=reference, today=today)
        done = list(roadmap.activities.open().filter(result_order_kind=kind))
        for activity in done:
            log["activities"].append([activity.pk, activity.status, activity.evidence_note])
            activity.status = Activity.Status.DONE
            activity.completed_on = date
            activity.evidence_note = activity.evidence_note or reference
        Activity.objects.bulk_update(done, ["status", "completed_on", "evidence_note"])
        changed += len(done)
        changed += _resolve_dependents(Activity.objects.filter(anchor_activity__in=done), today) if done else 0
        if kind == "regulations" and not roadmap.approval_order_number:
            log["approvals"].append(roadmap.pk)
            roadmap.approval_order_number, roadmap.approval_order_date = number, date
            roadmap.save(update_fields=["approval_order_number", "approval_order_date"])
    if record is not None:
        record.update(log)
    return changed


@transaction.atomic
def roadmap_order_undo(*, organization_id: int, record: dict, today: datetime.date | None = None) -> int:
    """The order that ``roadmap_order_signed`` recorded is cancelled: the events it dated lose the date
    (their relative deadlines go back to waiting), the activities it completed reopen, the roadmap it
    approved loses those requisites. An event or activity dated by another order stays as it is."""
    today = _today(today)
    changed = 0
    for event in RoadmapEvent.objects.filter(
        roadmap__organization_id=organization_id, pk__in=[pk for pk, _ref in record.get("events", [])]
    ):
        previous = dict(record["events"]).get(event.pk, "")
        event.reference = previous
        changed += anchor_event_happened(event=event, date=None, today=today)
    previous = {pk: (status, note) for pk, status, note in record.get("activities", [])}
    reopened = list(
        Activity.objects.filter(roadmap__organization_id=organization_id, pk__in=previous, status=Activity.Status.DONE)
    )
    for activity in reopened:
        activity.status, activity.evidence_note = previous[activity.pk]
        activity.completed_on = None
    Activity.objects.bulk_update(reopened, ["status", "completed_on", "evidence_note"])
    changed += len(reopened)
    if reopened:
        changed += _resolve_dependents(Activity.objects.filter(anchor_activity__in=reopened), today)
    Roadmap.objects.filter(organization_id=organization_id, pk__in=record.get("approvals", [])).update(
        approval_order_number="", approval_order_date=None
    )
    return changed


# ---------------------------------------------------------------- the academic calendar


@transaction.atomic
def calendar_save(
    *,
    organization: Organization,
    academic_year: AcademicYear,
    system: str,
    periods: list[dict],
) -> AcademicCalendar:
    """Replaces the organization's calendar of the year; every period must lie within the year and
    terms must not overlap. Deadlines that depend on the calendar are recomputed."""
    if system not in AcademicCalendar.System.values:
        raise ValidationError("Выберите деление учебного года.", code="calendar_system")
    year_start = datetime.date(academic_year.start_year, 9, 1) - datetime.timedelta(days=31)
    year_end = datetime.date(academic_year.start_year + 1, 8, 31)
    terms = sorted((p for p in periods if p["kind"] == CalendarPeriod.Kind.TERM), key=lambda p: p["start"])
    if not terms:
        raise ValidationError("Укажите хотя бы один учебный период.", code="calendar_no_terms")
    for period in periods:
        if period["end"] < period["start"]:
            raise ValidationError(f"«{period['name']}»: окончание раньше начала.", code="calendar_period_order")
        if period["start"] < year_start or period["end"] > year_end:
            raise ValidationError(
                f"«{period['name']}»: даты вне {academic_year.name} учебного года.", code="calendar_period_outside"
            )
    for previous, following in zip(terms, terms[1:], strict=False):
        if following["start"] <= previous["end"]:
            raise ValidationError(
                f"«{previous['name']}» и «{following['name']}» пересекаются.", code="calendar_terms_overlap"
            )
    calendar, _ = AcademicCalendar.objects.update_or_create(
        organization=organization, academic_year=academic_year, defaults={"system": system}
    )
    calendar.periods.all().delete()
    rows = []
    for period in periods:
        row = CalendarPeriod(calendar=calendar, **period)
        row.full_clean(exclude=["calendar"])
        rows.append(row)
    CalendarPeriod.objects.bulk_create(rows)
    _resolve_dependents(
        Activity.objects.filter(roadmap__organization=organization).exclude(
            deadline_kind__in=[deadlines.Kind.UNPARSED, deadlines.Kind.NONE]
        ),
        _today(None),
    )
    return calendar


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
    deadline_data: dict | None = None,
    result_order_kind: str = "",
    today: datetime.date | None = None,
) -> Activity:
    """Creates (``activity`` unsaved) or edits the plan of an activity: wording, deadline (read from
    the wording, or entered as structure in ``deadline_data``), responsible, the order that completes it."""
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
    activity.result_order_kind = result_order_kind
    activity.deadline_data = deadline_data or None
    parsed = activity.deadline
    activity.anchor_activity = anchor_activity if parsed.kind == deadlines.Kind.RELATIVE else None
    activity.anchor_event = None
    if parsed.kind == deadlines.Kind.RELATIVE and anchor_activity is None:
        activity.anchor_event = anchor_event or event_for(roadmap, parsed.event)
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
