"""What programmes and pairs contribute to documents: the orders' annexes and effects (the pairs
order fixes the pairs, the mentor-base order approves the mentors), the ИПР PDF, iCalendar."""

from __future__ import annotations

import datetime

import icalendar
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from mentoring.models import User
from mentoring.orders import registry as order_registry
from mentoring.orders import services as order_services
from mentoring.orders.models import Order, OrderKind, OrderSubject
from participants.models import MentorProfile, Person
from participants.services import mentor_set_status, mentor_status_revert
from programs.models import Meeting, Mentorship, Programme
from programs.services import (
    completion_snapshot,
    fix_snapshot,
    mentorship_complete,
    mentorships_fix,
    mentorships_reopen,
    mentorships_unfix,
    programme_complete,
    programmes_reopen,
)

# ---------------------------------------------------------------- orders


def _order_reference(order: Order) -> str:
    return f"Приказ от {order.date:%d.%m.%Y} № {order.number}"


def _mentees(pair: Mentorship, *, active_only: bool = True) -> str:
    return "; ".join(
        m.mentee.person.full_name + (f" ({m.mentee.person.study_group.name})" if m.mentee.person.study_group else "")
        for m in pair.members.all()
        if m.is_active or not active_only
    )


def pairs_annex(order: Order) -> order_registry.AnnexTable:
    pairs = (
        Mentorship.objects.filter(order=order)
        .select_related("programme__form", "mentor__person", "variant")
        .prefetch_related("members__mentee__person__study_group")
        .order_by("programme__title", "mentor__person__sort_key", "pk")
    )
    # The print numbers the rows; a variant column no pair fills is dropped by the print as well.
    rows = [
        [
            pair.mentor.person.full_name,
            _mentees(pair),
            str(pair.programme.form),
            str(pair.variant or ""),
            f"{pair.start_date:%d.%m.%Y}",
        ]
        for pair in pairs
    ]
    columns = ["Наставник", "Наставляемые", "Форма наставничества", "Вариант взаимодействия", "Дата начала"]
    return order_registry.AnnexTable(columns=columns, rows=rows, landscape=True)


def pairs_row_filter(order: Order, row: list[str], user: User) -> bool:
    """Whether a row of a pairs annex (mentor; mentees) concerns the user, a mentor or mentee of it
    (for the «выписка из приказа»): by the user's person records, whose names the annex prints."""
    names = {user.full_name, *(person.full_name for person in Person.objects.filter(user=user))}
    mentor, mentees = row[0], [m.split(" (")[0] for m in row[1].split("; ")] if len(row) > 1 else []
    return mentor in names or any(m in names for m in mentees)


def pairs_audience(user: User):
    """Mentors and mentees of the pairs an order fixed: they receive its «выписка»."""
    return (
        Mentorship.objects.filter(order__isnull=False)
        .filter(Q(mentor__person__user=user) | Q(members__mentee__person__user=user))
        .values("order_id")
    )


def pairs_effect_describe(order: Order) -> list[str]:
    pairs = Mentorship.objects.filter(order=order, status=Mentorship.Status.DRAFT).count()
    if not pairs:
        return ["Пары в портале не меняются: приказ называет их только в тексте."]
    return [
        f"{pairs} пар(ы, групп) из приложения будут закреплены приказом: наставники и наставляемые начнут "
        "записывать встречи; черновики пар станут недоступны для изменения."
    ]


def unfix_pairs_undo(order: Order) -> None:
    mentorships_unfix(
        pairs=list(Mentorship.objects.filter(order=order)), before=order_registry.remembered(order, "pairs")
    )


def fix_pairs_effect(order: Order) -> None:
    pairs = list(Mentorship.objects.filter(order=order).select_related("mentor__person"))
    if not pairs:
        return  # an order typed by hand names its pairs in the text; nothing to move here
    order_registry.remember(order, "pairs", fix_snapshot(pairs))
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
        .order_by("person__sort_key", "pk")
    )
    rows = [
        [
            m.person.full_name,
            m.get_category_display(),
            m.person.position or (m.person.study_group.label if m.person.study_group else ""),
            m.competencies[:200],
        ]
        for m in mentors
    ]
    return order_registry.AnnexTable(
        columns=["ФИО наставника", "Категория", "Должность / класс", "Компетенции"], rows=rows
    )


def approve_mentors_effect(order: Order) -> None:
    """Signing the mentor-base order approves every interviewed candidate."""
    today = order.date if order.date <= timezone.localdate() else timezone.localdate()
    approved = {}
    for mentor in MentorProfile.objects.filter(
        person__organization=order.organization, status=MentorProfile.Status.INTERVIEWED
    ).select_for_update():
        if mentor.status_date > today:
            today = mentor.status_date
        approved[str(mentor.pk)] = [mentor.status, mentor.status_date.isoformat()]
        mentor_set_status(
            mentor=mentor,
            status=MentorProfile.Status.APPROVED,
            date=max(today, mentor.status_date),
            user=order.signed_by,
            note=_order_reference(order),
        )
    order_registry.remember(order, "mentor_base", approved)


def unapprove_mentors_undo(order: Order) -> None:
    """Mentors this order approved and who have not moved on (trained, in a pair) are candidates
    after the interview again; mentors approved before it, or by another order, stay approved."""
    approved = order_registry.remembered(order, "mentor_base") or {}
    note = f"{_order_reference(order)} отменён"
    for mentor in MentorProfile.objects.filter(pk__in=approved, status=MentorProfile.Status.APPROVED):
        status, day = approved[str(mentor.pk)]
        mentor_status_revert(mentor=mentor, status=status, date=datetime.date.fromisoformat(day), user=None, note=note)


def _year_programmes(order: Order):
    return Programme.objects.filter(
        organization=order.organization,
        academic_year__start_date__lte=order.date,
        academic_year__end_date__gte=order.date,
    )


def _year_pairs(order: Order):
    return (
        Mentorship.objects.filter(programme__in=_year_programmes(order))
        .exclude(status=Mentorship.Status.DRAFT)
        .select_related("programme__form", "mentor__person")
        .prefetch_related("members__mentee__person__study_group", "goals")
        .annotate(meeting_count=Count("meetings", distinct=True))
        .order_by("programme__title", "mentor__person__sort_key", "pk")
    )


def _result(pair: Mentorship) -> str:
    if pair.status == Mentorship.Status.ENDED_EARLY:
        return f"Прекращена досрочно: {pair.end_reason}"
    goals = list(pair.goals.all())
    done = sum(1 for g in goals if g.status == g.Status.DONE)
    parts = [f"целей достигнуто {done} из {len(goals)}" if goals else "цели не ставились"]
    if pair.reflection:
        parts.append(pair.reflection[:300])
    return "; ".join(parts)


def pair_results_annex(order: Order) -> order_registry.AnnexTable:
    rows = []
    for pair in _year_pairs(order):
        period = (
            f"{pair.start_date:%d.%m.%Y} – {pair.end_date:%d.%m.%Y}"
            if pair.end_date
            else f"с {pair.start_date:%d.%m.%Y}"
        )
        rows.append(
            [
                pair.mentor.person.full_name,
                _mentees(
                    pair, active_only=pair.status not in (Mentorship.Status.COMPLETED, Mentorship.Status.ENDED_EARLY)
                ),
                str(pair.programme.form),
                period,
                str(pair.meeting_count),
                _result(pair),
            ]
        )
    columns = ["Наставник", "Наставляемые", "Форма наставничества", "Период работы", "Встреч", "Итоги работы"]
    return order_registry.AnnexTable(columns=columns, rows=rows, landscape=True)


def _unfinished(order: Order) -> tuple[list[Mentorship], list[Mentorship]]:
    """Working pairs of the year: those the order completes (the final meeting held) and those it cannot."""
    working = list(
        Mentorship.objects.filter(programme__in=_year_programmes(order), status__in=Mentorship.WORKING)
        .select_related("mentor__person")
        .annotate(finals=Count("meetings", filter=Q(meetings__kind=Meeting.Kind.FINAL)))
    )
    return [p for p in working if p.finals], [p for p in working if not p.finals]


def complete_programmes_effect(order: Order) -> None:
    """Signing the completion order completes the working pairs of the year that held their final
    meeting and the programmes of the year; a pair without the final meeting stops the signing."""
    ready, blocked = _unfinished(order)
    if blocked:
        names = ", ".join(p.mentor.person.short_name for p in blocked[:5]) + (" и др." if len(blocked) > 5 else "")
        raise ValidationError(
            f"Не проведена итоговая встреча у {len(blocked)} пар(ы, групп) (наставники: {names}). Проведите её "
            "или прекратите работу пары досрочно, затем подпишите приказ.",
            code="pairs_not_final",
        )
    day = min(order.date, timezone.localdate())
    programmes = list(_year_programmes(order).exclude(status=Programme.Status.COMPLETED))
    order_registry.remember(
        order,
        "completion",
        {"pairs": completion_snapshot(ready), "programmes": {str(p.pk): p.status for p in programmes}},
    )
    for pair in ready:
        reflection = pair.reflection or f"Работа завершена по итогам учебного года ({_order_reference(order)})."
        mentorship_complete(pair=pair, reflection=reflection, day=max(day, pair.start_date))
    for programme in programmes:
        programme_complete(programme=programme)


def reopen_programmes_undo(order: Order) -> None:
    record = order_registry.remembered(order, "completion") or {}
    programmes_reopen(before=record.get("programmes", {}))
    mentorships_reopen(before=record.get("pairs", {}))


def complete_programmes_describe(order: Order) -> list[str]:
    ready, blocked = _unfinished(order)
    programmes = _year_programmes(order).exclude(status=Programme.Status.COMPLETED).count()
    lines = [
        f"Будут завершены {len(ready)} работающих пар(ы, групп), проведших итоговую встречу.",
        f"Программы учебного года ({programmes}) получат статус «Завершена»: новые пары и встречи в них "
        "не записываются.",
    ]
    if blocked:
        lines.append(f"Подписать нельзя: у {len(blocked)} пар(ы, групп) нет итоговой встречи.")
    return lines


def approve_mentors_describe(order: Order) -> list[str]:
    count = MentorProfile.objects.filter(
        person__organization=order.organization, status=MentorProfile.Status.INTERVIEWED
    ).count()
    return [f"Кандидаты в наставники, прошедшие собеседование ({count}), получат статус «Утверждён»."]


def register() -> None:
    order_registry.register_annex(
        "pairs", title="Состав наставнических пар (групп)", kinds=[OrderKind.PAIRS], provider=pairs_annex
    )
    order_registry.register_row_filter("pairs", pairs_row_filter)
    order_registry.register_audience(pairs_audience)
    order_registry.register_effect(
        OrderKind.PAIRS,
        fix_pairs_effect,
        describe=pairs_effect_describe,
        undo=unfix_pairs_undo,
        undo_text="пары, ещё не начавшие встречи, вернутся в черновики, а их участники — в прежние статусы; "
        "работающие пары останутся",
    )
    order_registry.register_annex(
        "mentor_registry",
        title="База (реестр) наставников",
        kinds=[OrderKind.MENTOR_BASE],
        provider=mentor_registry_annex,
    )
    order_registry.register_row_filter(
        "mentor_registry", lambda order, row, user: pairs_row_filter(order, row[:1], user)
    )
    order_registry.register_effect(
        OrderKind.MENTOR_BASE,
        approve_mentors_effect,
        describe=approve_mentors_describe,
        undo=unapprove_mentors_undo,
        undo_text="наставники, утверждённые этим приказом и ещё не прошедшие обучение и не работающие в парах, "
        "вернутся в статус «Собеседование пройдено»",
    )
    order_registry.register_annex(
        "pair_results",
        title="Итоги работы наставнических пар (групп)",
        kinds=[OrderKind.COMPLETION],
        provider=pair_results_annex,
    )
    order_registry.register_row_filter("pair_results", pairs_row_filter)
    order_registry.register_effect(
        OrderKind.COMPLETION,
        complete_programmes_effect,
        describe=complete_programmes_describe,
        undo=reopen_programmes_undo,
        undo_text="пары и программы, завершённые этим приказом, снова станут работающими",
    )


@transaction.atomic
def pairs_order_prepare(*, programme: Programme, user: User) -> Order:
    """A draft «О закреплении наставнических пар» with every draft pair of the programme not yet in
    an order; the mentors are listed under «С приказом ознакомлены»."""
    pairs = list(
        Mentorship.objects.select_for_update(of=("self",))
        .filter(programme=programme, status=Mentorship.Status.DRAFT, order__isnull=True)
        .select_related("mentor__person__user")
        .order_by("mentor__person__sort_key", "pk")
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
# Built by the icalendar library: it escapes text and folds lines per RFC 5545, so a topic typed with
# bare CR or LF stays inside its SUMMARY and cannot start a property or an event of its own.


def ics(meetings: list[Meeting], *, name: str, host: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Nastavnichestvo//RU")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Moscow")
    now = timezone.now().astimezone(datetime.UTC)
    for meeting in meetings:
        pair = meeting.mentorship
        mentees = ", ".join(m.mentee.person.short_name for m in pair.members.all() if m.is_active)
        description = (
            f"{meeting.get_kind_display()} ({meeting.get_format_display()}). Наставник: "
            f"{pair.mentor.person.short_name}; наставляемые: {mentees}."
        )
        event = icalendar.Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
        event.add("dtend", meeting.ends_at.astimezone(datetime.UTC))
        event.add("summary", "Наставничество: " + _one_line(meeting.topic))
        event.add("description", description)
        calendar.add_component(event)
    return calendar.to_ical()


def _one_line(text: str) -> str:
    # A title is one line in every calendar app; a pasted line break becomes a space.
    return " ".join(text.split())
