"""What programmes and pairs contribute to documents: the orders' annexes and effects (the pairs
order fixes the pairs, the mentor-base order approves the mentors), the ИПР PDF, iCalendar."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentoring.models import User
from mentoring.orders import registry as order_registry
from mentoring.orders import services as order_services
from mentoring.orders.models import Order, OrderKind, OrderSubject
from participants.models import MentorProfile
from participants.services import mentor_set_status
from programs.models import Meeting, Mentorship, Programme
from programs.services import mentorships_fix

# ---------------------------------------------------------------- orders


def _order_reference(order: Order) -> str:
    return f"Приказ от {order.date:%d.%m.%Y} № {order.number}"


def pairs_annex(order: Order) -> order_registry.AnnexTable:
    pairs = (
        Mentorship.objects.filter(order=order)
        .select_related("programme__form", "mentor__person", "variant")
        .prefetch_related("members__mentee__person__study_group")
        .order_by("programme__title", "mentor__person__last_name")
    )
    rows = []
    for number, pair in enumerate(pairs, start=1):
        mentees = "; ".join(
            f"{m.mentee.person.full_name}"
            + (f" ({m.mentee.person.study_group.label})" if m.mentee.person.study_group else "")
            for m in pair.members.all()
            if m.is_active
        )
        rows.append(
            [
                str(number),
                pair.mentor.person.full_name,
                mentees,
                str(pair.programme.form),
                str(pair.variant or "—"),
                f"{pair.start_date:%d.%m.%Y}",
            ]
        )
    columns = ["№", "Наставник", "Наставляемые", "Форма наставничества", "Вариант взаимодействия", "Дата начала"]
    return order_registry.AnnexTable(columns=columns, rows=rows, landscape=True)


def fix_pairs_effect(order: Order) -> None:
    pairs = list(Mentorship.objects.filter(order=order).select_related("mentor__person"))
    if not pairs:
        return  # an order typed by hand names its pairs in the text; nothing to move here
    mentorships_fix(pairs=pairs, order_reference=_order_reference(order))


def mentor_registry_annex(order: Order) -> order_registry.AnnexTable:
    mentors = (
        MentorProfile.objects.filter(
            person__organization=order.organization,
            person__is_anonymized=False,
            status__in=[
                MentorProfile.Status.INTERVIEWED,
                MentorProfile.Status.APPROVED,
                MentorProfile.Status.TRAINED,
                MentorProfile.Status.ACTIVE,
            ],
        )
        .select_related("person__study_group", "person__partner")
        .order_by("person__last_name", "person__first_name")
    )
    rows = [
        [
            str(n),
            m.person.full_name,
            m.get_category_display(),
            m.person.position or (m.person.study_group.label if m.person.study_group else ""),
            m.competencies[:200],
        ]
        for n, m in enumerate(mentors, start=1)
    ]
    return order_registry.AnnexTable(
        columns=["№", "ФИО наставника", "Категория", "Должность / класс", "Компетенции"], rows=rows
    )


def approve_mentors_effect(order: Order) -> None:
    """Signing the mentor-base order approves every interviewed candidate."""
    today = order.date if order.date <= timezone.localdate() else timezone.localdate()
    for mentor in MentorProfile.objects.filter(
        person__organization=order.organization, status=MentorProfile.Status.INTERVIEWED
    ).select_for_update():
        if mentor.status_date > today:
            today = mentor.status_date
        mentor_set_status(
            mentor=mentor,
            status=MentorProfile.Status.APPROVED,
            date=max(today, mentor.status_date),
            user=order.signed_by,
            note=_order_reference(order),
        )


def register() -> None:
    order_registry.register_annex(
        "pairs", title="Состав наставнических пар (групп)", kinds=[OrderKind.PAIRS], provider=pairs_annex
    )
    order_registry.register_effect(OrderKind.PAIRS, fix_pairs_effect)
    order_registry.register_annex(
        "mentor_registry",
        title="База (реестр) наставников",
        kinds=[OrderKind.MENTOR_BASE],
        provider=mentor_registry_annex,
    )
    order_registry.register_effect(OrderKind.MENTOR_BASE, approve_mentors_effect)


@transaction.atomic
def pairs_order_prepare(*, programme: Programme, user: User) -> Order:
    """A draft «О закреплении наставнических пар» with every draft pair of the programme not yet in
    an order; the mentors are listed under «С приказом ознакомлены»."""
    pairs = list(
        Mentorship.objects.select_for_update(of=("self",))
        .filter(programme=programme, status=Mentorship.Status.DRAFT, order__isnull=True)
        .select_related("mentor__person__user")
    )
    if not pairs:
        raise ValidationError("Нет пар-черновиков, которые ещё не включены в приказ.", code="no_drafts")
    order = order_services.order_create(organization=programme.organization, kind=OrderKind.PAIRS, user=user)
    Mentorship.objects.filter(pk__in=[p.pk for p in pairs]).update(order=order)
    seen = set()
    for pair in pairs:
        person = pair.mentor.person
        if person.pk in seen:
            continue
        seen.add(person.pk)
        order_services.order_subject_add(
            order=order,
            role=OrderSubject.Role.ACQUAINTED,
            user=person.user,
            full_name="" if person.user_id else person.full_name,
            gender={"m": "male", "f": "female"}.get(person.sex, ""),
        )
    return order


# ---------------------------------------------------------------- iCalendar


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """RFC 5545: lines of at most 75 octets, continued with a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def ics(meetings: list[Meeting], *, name: str, host: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Nastavnichestvo//RU",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
        "X-WR-TIMEZONE:Europe/Moscow",
    ]
    now = _stamp(timezone.now())
    for meeting in meetings:
        pair = meeting.mentorship
        mentees = ", ".join(m.mentee.person.short_name for m in pair.members.all() if m.is_active)
        description = (
            f"{meeting.get_kind_display()} ({meeting.get_format_display()}). Наставник: "
            f"{pair.mentor.person.short_name}; наставляемые: {mentees}."
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(meeting.starts_at)}",
            f"DTEND:{_stamp(meeting.ends_at)}",
            f"SUMMARY:{_escape('Наставничество: ' + meeting.topic)}",
            f"DESCRIPTION:{_escape(description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode()
