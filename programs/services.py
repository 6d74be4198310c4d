"""Writes of programmes and pairs that span models: keyword-only, typed, atomic, validated.

The pair rules live here and in the database: never over a mentor's capacity (the mentor's row is
locked while pairs are counted, so two curators confirming at once cannot both take the last
place), never a mentee in two open pairs of one programme (a partial unique index), never a person
without a valid processing consent."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mentoring.models import User
from participants.models import MenteeProfile, MentorProfile
from participants.services import ensure_can_be_paired, mentee_set_status, mentor_add
from programs.models import (
    Feedback,
    InteractionVariant,
    MatchingProposal,
    Meeting,
    Mentorship,
    MentorshipMember,
    PlanGoal,
    Programme,
)
from programs.selectors import open_load, proposal_mentor

# Who may stand on each side of a form: «ученик – ученик» pairs students, and so on.
SIDE_KINDS = {
    "student": ("student",),
    "teacher": ("teacher", "staff"),
    "employer": ("external",),
}

PAIRABLE_MENTOR_STATUSES = (
    MentorProfile.Status.APPROVED,
    MentorProfile.Status.TRAINED,
    MentorProfile.Status.ACTIVE,
)


def check_hard_rules(*, programme: Programme, mentor: MentorProfile, mentee: MenteeProfile) -> None:
    """The form's rules, as Russian messages: «ученик – ученик» needs an older mentor, and so on."""
    form = programme.form
    rule = form.rule
    if mentor.person_id == mentee.person_id:
        raise ValidationError("Участник не может быть наставником самому себе.", code="self")
    for profile, side, role in ((mentor, form.mentor_side, "наставник"), (mentee, form.mentee_side, "наставляемый")):
        if profile.person.kind not in SIDE_KINDS.get(side, (profile.person.kind,)):
            expected = form.get_mentor_side_display() if role == "наставник" else form.get_mentee_side_display()
            raise ValidationError(
                f"В форме {form} {role} — {expected}; "
                f"{profile.person.short_name} — {profile.person.get_kind_display().lower()}.",
                code="form_side",
            )
    if rule == "higher_grade":
        mentor_grade, mentee_grade = mentor.person.grade, mentee.person.grade
        if mentor_grade is None or mentee_grade is None or mentor_grade <= mentee_grade:
            raise ValidationError(
                f"В форме {programme.form} наставник учится в более старшем классе, чем наставляемый "
                f"({mentor.person.short_name}: {mentor_grade or '—'}, "
                f"{mentee.person.short_name}: {mentee_grade or '—'}).",
                code="higher_grade",
            )
    if rule == "more_experience":
        mentor_years, mentee_years = mentor.person.teaching_years, mentee.person.teaching_years
        if mentor_years is None or (mentee_years or 0) >= mentor_years:
            raise ValidationError(
                f"В форме {programme.form} у наставника должен быть больший педагогический стаж, чем у наставляемого.",
                code="more_experience",
            )


def _check_mentor(mentor: MentorProfile, programme: Programme) -> None:
    if mentor.person.organization_id != programme.organization_id:
        raise ValidationError("Наставник из другой организации.", code="foreign")
    if mentor.status not in PAIRABLE_MENTOR_STATUSES:
        raise ValidationError(
            f"{mentor.person.short_name}: статус «{mentor.get_status_display()}». В пару включают наставников, "
            "утверждённых приказом.",
            code="mentor_status",
        )
    ensure_can_be_paired(mentor.person)


def _check_mentee(mentee: MenteeProfile, programme: Programme) -> None:
    if mentee.person.organization_id != programme.organization_id:
        raise ValidationError("Наставляемый из другой организации.", code="foreign")
    if mentee.status == MenteeProfile.Status.COMPLETED:
        raise ValidationError(f"{mentee.person.short_name} уже завершил(а) программу.", code="completed")
    ensure_can_be_paired(mentee.person)
    if MentorshipMember.objects.filter(programme=programme, mentee=mentee, is_active=True).exists():
        raise ValidationError(
            f"{mentee.person.short_name} уже в паре этой программы: "
            "наставляемый не может быть в двух парах одной программы.",
            code="already_paired",
        )


def _lock_capacity(mentor: MentorProfile, adding: int) -> None:
    # The lock serializes concurrent confirmations for one mentor (PostgreSQL row lock; SQLite
    # serializes writers anyway), so the count below cannot go stale before the insert.
    MentorProfile.objects.select_for_update().filter(pk=mentor.pk).first()
    taken = open_load([mentor.pk]).get(mentor.pk, 0)
    if taken + adding > mentor.capacity:
        raise ValidationError(
            f"У наставника {mentor.person.short_name} {mentor.capacity} мест, занято {taken}: "
            f"добавить ещё {adding} нельзя.",
            code="capacity",
        )


@transaction.atomic
def mentorship_create(
    *,
    programme: Programme,
    mentor: MentorProfile,
    mentees: list[MenteeProfile],
    user: User | None,
    variant: InteractionVariant | None = None,
    score: int | None = None,
) -> Mentorship:
    """A draft pair (one mentee) or group (several) with every rule checked."""
    if programme.status == Programme.Status.COMPLETED:
        raise ValidationError("Программа завершена: новые пары не создаются.", code="programme_completed")
    if not mentees:
        raise ValidationError("Выберите хотя бы одного наставляемого.", code="empty")
    if len({m.pk for m in mentees}) != len(mentees):
        raise ValidationError("Наставляемый указан дважды.", code="duplicate")
    if variant is not None and variant.form_id != programme.form_id:
        raise ValidationError("Вариант взаимодействия не относится к форме программы.", code="variant")
    _check_mentor(mentor, programme)
    if len(mentees) > 1 and not programme.form.allows_groups:
        raise ValidationError(
            f"В форме {programme.form} наставник работает с одним наставляемым: группы не формируются.",
            code="no_groups",
        )
    for mentee in mentees:
        _check_mentee(mentee, programme)
        check_hard_rules(programme=programme, mentor=mentor, mentee=mentee)
    _lock_capacity(mentor, len(mentees))
    pair = Mentorship.objects.create(
        organization=programme.organization,
        programme=programme,
        mentor=mentor,
        variant=variant,
        created_by=user,
        score=score,
        start_date=timezone.localdate(),
    )
    try:
        with transaction.atomic():
            for mentee in mentees:
                MentorshipMember.objects.create(mentorship=pair, mentee=mentee)
    except IntegrityError as exc:
        raise ValidationError(
            "Наставляемый уже включён в пару этой программы (возможно, одновременно с другим куратором).",
            code="already_paired",
        ) from exc
    for mentee in mentees:
        mentee_set_status(mentee=mentee, status=MenteeProfile.Status.MATCHED)
    return pair


@transaction.atomic
def mentorship_add_mentee(*, pair: Mentorship, mentee: MenteeProfile) -> Mentorship:
    """Turns a draft pair into a group (or grows a group). A fixed pair changes only by a new order, so
    only drafts take new members."""
    if pair.status != Mentorship.Status.DRAFT:
        raise ValidationError(
            "Пара (группа) уже закреплена приказом: новый участник включается в новую группу "
            "и закрепляется следующим приказом.",
            code="not_draft",
        )
    if not pair.programme.form.allows_groups:
        raise ValidationError(
            f"В форме {pair.programme.form} наставник работает с одним наставляемым: группы не формируются.",
            code="no_groups",
        )
    _check_mentor(pair.mentor, pair.programme)
    _check_mentee(mentee, pair.programme)
    check_hard_rules(programme=pair.programme, mentor=pair.mentor, mentee=mentee)
    _lock_capacity(pair.mentor, 1)
    try:
        with transaction.atomic():
            MentorshipMember.objects.create(mentorship=pair, mentee=mentee)
    except IntegrityError as exc:
        raise ValidationError("Наставляемый уже включён в пару этой программы.", code="already_paired") from exc
    mentee_set_status(mentee=mentee, status=MenteeProfile.Status.MATCHED)
    return pair


@transaction.atomic
def mentorships_fix(*, pairs: Iterable[Mentorship], order_reference: str) -> int:
    """Draft pairs are fixed by the director's order («приказ о закреплении наставнических пар»)."""
    count = 0
    for pair in pairs:
        pair = Mentorship.objects.select_for_update().get(pk=pair.pk)
        if pair.status != Mentorship.Status.DRAFT:
            raise ValidationError(
                f"Пара «{pair.mentor.person.short_name}» уже не черновик ({pair.get_status_display()}).",
                code="not_draft",
            )
        pair.status = Mentorship.Status.FIXED
        pair.fixed_by = order_reference[:200]
        pair.save(update_fields=["status", "fixed_by"])
        for member in pair.members.filter(is_active=True).select_related("mentee"):
            mentee_set_status(mentee=member.mentee, status=MenteeProfile.Status.PAIRED)
        mentor = pair.mentor
        if mentor.status in (MentorProfile.Status.APPROVED, MentorProfile.Status.TRAINED):
            mentor.status, mentor.status_date = MentorProfile.Status.ACTIVE, timezone.localdate()
            mentor.save(update_fields=["status", "status_date"])
        count += 1
    return count


def fix_snapshot(pairs: Iterable[Mentorship]) -> dict:
    """The statuses ``mentorships_fix`` is about to change, to be put back if the order is cancelled:
    ``{"mentees": {id: [status, date]}, "mentors": {id: [status, date]}}`` (JSON-ready)."""
    pairs = list(pairs)
    members = MenteeProfile.objects.filter(memberships__mentorship__in=pairs, memberships__is_active=True).values_list(
        "pk", "status", "status_date"
    )
    mentors = MentorProfile.objects.filter(pairs__in=pairs).values_list("pk", "status", "status_date")
    return {
        "mentees": {str(pk): [status, day.isoformat()] for pk, status, day in members},
        "mentors": {str(pk): [status, day.isoformat()] for pk, status, day in mentors},
    }


@transaction.atomic
def mentorships_unfix(*, pairs: Iterable[Mentorship], before: dict | None = None) -> int:
    """The pairs order is cancelled by a new order: pairs that have not met yet become drafts again
    (out of the order); pairs already working stay as they are. ``before`` (``fix_snapshot``) puts
    back the statuses the fixing changed — a mentee «Подобран», a mentor «Утверждён» — unless the
    person has moved on since or works in another pair. Returns how many went back."""
    before = before or {"mentees": {}, "mentors": {}}
    returned = []
    for pair in pairs:
        pair = Mentorship.objects.select_for_update().get(pk=pair.pk)
        if pair.status != Mentorship.Status.FIXED:
            continue
        pair.status, pair.fixed_by, pair.order = Mentorship.Status.DRAFT, "", None
        pair.save(update_fields=["status", "fixed_by", "order"])
        returned.append(pair)
    working = Mentorship.objects.filter(status__in=Mentorship.WORKING)
    for pair in returned:
        for member in pair.members.filter(is_active=True).select_related("mentee"):
            mentee, previous = member.mentee, before["mentees"].get(str(member.mentee_id))
            in_other = working.filter(members__mentee=mentee, members__is_active=True).exists()
            if previous and mentee.status == MenteeProfile.Status.PAIRED and not in_other:
                mentee_set_status(mentee=mentee, status=previous[0], date=datetime.date.fromisoformat(previous[1]))
        mentor, previous = pair.mentor, before["mentors"].get(str(pair.mentor_id))
        mentor.refresh_from_db(fields=["status", "status_date"])
        moved_by_order = previous and mentor.status != previous[0] and mentor.status == MentorProfile.Status.ACTIVE
        if moved_by_order and not working.filter(mentor=mentor).exists():
            mentor.status, mentor.status_date = previous[0], datetime.date.fromisoformat(previous[1])
            mentor.save(update_fields=["status", "status_date"])
    return len(returned)


@transaction.atomic
def programme_complete(*, programme: Programme) -> Programme:
    """The completion order closes the programme of the year; its pairs are closed first."""
    if programme.pairs.filter(status__in=Mentorship.OPEN).exclude(status=Mentorship.Status.DRAFT).exists():
        raise ValidationError(f"В программе «{programme.title}» есть незавершённые пары.", code="open_pairs")
    programme.status = Programme.Status.COMPLETED
    programme.save(update_fields=["status"])
    return programme


def completion_snapshot(pairs: Iterable[Mentorship]) -> dict:
    """What ``mentorship_complete`` is about to change for each pair, to put back if the completion
    order is cancelled (JSON-ready)."""
    snapshot = {}
    for pair in pairs:
        members = pair.members.filter(is_active=True).select_related("mentee")
        snapshot[str(pair.pk)] = {
            "reflection": pair.reflection,
            "mentees": {str(m.mentee_id): [m.mentee.status, m.mentee.status_date.isoformat()] for m in members},
        }
    return snapshot


@transaction.atomic
def mentorships_reopen(*, before: dict) -> int:
    """The completion order is cancelled: the pairs it completed (still completed) work again, their
    mentees back in the statuses they had. A pair completed otherwise is not in ``before``."""
    count = 0
    for pair in Mentorship.objects.select_for_update().filter(pk__in=before, status=Mentorship.Status.COMPLETED):
        previous = before[str(pair.pk)]
        pair.status, pair.end_date, pair.reflection = Mentorship.Status.ACTIVE, None, previous["reflection"]
        pair.save(update_fields=["status", "end_date", "reflection"])
        for member in pair.members.filter(is_active=True).select_related("mentee"):
            member.left_on = None
            member.save(update_fields=["left_on"])
            status = previous["mentees"].get(str(member.mentee_id))
            if status and member.mentee.status == MenteeProfile.Status.COMPLETED:
                mentee_set_status(mentee=member.mentee, status=status[0], date=datetime.date.fromisoformat(status[1]))
        count += 1
    return count


@transaction.atomic
def programmes_reopen(*, before: dict) -> int:
    """The programmes the cancelled completion order closed get back the status they had."""
    programmes = list(Programme.objects.filter(pk__in=before, status=Programme.Status.COMPLETED))
    for programme in programmes:
        programme.status = before[str(programme.pk)]
        programme.save(update_fields=["status"])
    return len(programmes)


def _release_members(pair: Mentorship, status: str, day: datetime.date, *, keep: bool = False) -> None:
    """``keep``: a completed pair keeps its mentees (they were in it to the end; lists, the calendar and
    reports still show them); an ended pair releases them to the waiting list."""
    for member in pair.members.filter(is_active=True).select_related("mentee"):
        member.is_active, member.left_on = keep, day
        member.save(update_fields=["is_active", "left_on"])
        mentee_set_status(mentee=member.mentee, status=status, date=day)


@transaction.atomic
def mentorship_complete(*, pair: Mentorship, reflection: str, day: datetime.date | None = None) -> Mentorship:
    """Completion: the final meeting has taken place and the pair has reflected on the results."""
    day = day or timezone.localdate()
    if pair.status != Mentorship.Status.ACTIVE:
        raise ValidationError("Завершить можно только работающую пару.", code="not_active")
    if not pair.meetings.filter(kind=Meeting.Kind.FINAL).exists():
        raise ValidationError("Сначала проведите и запишите итоговую встречу.", code="no_final")
    if not reflection.strip():
        raise ValidationError("Опишите итоги работы (рефлексия).", code="no_reflection")
    pair.status, pair.end_date, pair.reflection = Mentorship.Status.COMPLETED, day, reflection.strip()
    pair.save(update_fields=["status", "end_date", "reflection"])
    _release_members(pair, MenteeProfile.Status.COMPLETED, day, keep=True)
    return pair


@transaction.atomic
def mentorship_end_early(*, pair: Mentorship, reason: str, day: datetime.date | None = None) -> Mentorship:
    """Ended early (with a reason): the mentees go back to the waiting list and get support."""
    day = day or timezone.localdate()
    if not pair.is_open:
        raise ValidationError("Пара уже завершена.", code="closed")
    if not reason.strip():
        raise ValidationError("Укажите причину досрочного прекращения.", code="no_reason")
    pair.status, pair.end_date, pair.end_reason = Mentorship.Status.ENDED_EARLY, day, reason.strip()
    pair.save(update_fields=["status", "end_date", "end_reason"])
    _release_members(pair, MenteeProfile.Status.WAITING, day)
    return pair


@transaction.atomic
def meeting_log(
    *,
    pair: Mentorship,
    user: User | None,
    mentor_rating: int | None = None,
    mentor_comment: str = "",
    attendees: list[MenteeProfile] | None = None,
    **fields,
) -> Meeting:
    """Logs a meeting, with the mentor's own feedback and (in a group) who attended in the same step; the
    first meeting of a fixed pair makes it active. A draft pair holds only its trial and planning
    meetings: they come before the order that fixes it."""
    if pair.status == Mentorship.Status.DRAFT:
        if fields.get("kind") not in Meeting.DRAFT_KINDS:
            raise ValidationError(
                "До приказа о закреплении пара (группа) проводит только пробную рабочую встречу и "
                "встречу-планирование; встреча-знакомство, рабочие и итоговая встречи записываются "
                "после закрепления приказом.",
                code="draft_kind",
            )
    elif pair.status not in Mentorship.WORKING:
        raise ValidationError("Пара завершена: новые встречи не записываются.", code="not_working")
    members = {m.mentee_id: m.mentee for m in pair.members.filter(is_active=True).select_related("mentee")}
    if attendees is not None:
        strangers = [m for m in attendees if m.pk not in members]
        if strangers:
            raise ValidationError("Отмечен участник не из этой группы.", code="attendee_not_member")
        if not attendees:
            raise ValidationError("Отметьте, кто из наставляемых был на встрече.", code="no_attendees")
    meeting = Meeting(mentorship=pair, created_by=user, **fields)
    if meeting.starts_at and meeting.starts_at > timezone.now() + datetime.timedelta(days=366):
        raise ValidationError("Дата встречи слишком далеко в будущем.", code="far_future")
    if meeting.starts_at and timezone.localtime(meeting.starts_at).date() < pair.programme.start_date:
        raise ValidationError("Встреча раньше начала программы.", code="before_programme")
    meeting.full_clean()
    meeting.save()
    if attendees is not None and len(members) > 1:
        meeting.attendees.set(attendees)
    if mentor_rating:
        feedback = Feedback(
            meeting=meeting, author=Feedback.Author.MENTOR, rating=mentor_rating, comment=mentor_comment
        )
        feedback.full_clean(validate_constraints=False)
        feedback.save()
    if pair.status == Mentorship.Status.FIXED:
        pair.status = Mentorship.Status.ACTIVE
        pair.save(update_fields=["status"])
    return meeting


@transaction.atomic
def feedback_give(
    *, meeting: Meeting, author: str, rating: int, comment: str = "", mentee: MenteeProfile | None = None
) -> Feedback:
    if meeting.starts_at > timezone.now():
        raise ValidationError("Отзыв оставляют после встречи.", code="future_meeting")
    if author == Feedback.Author.MENTEE and not meeting.mentorship.members.filter(mentee=mentee).exists():
        raise ValidationError("Отзыв может оставить только участник пары.", code="not_member")
    if author == Feedback.Author.MENTEE and not meeting.was_attended_by(mentee):
        raise ValidationError("Отзыв оставляют участники встречи: вы отмечены как отсутствовавший.", code="absent")
    exists = Feedback.objects.filter(meeting=meeting, author=author)
    if author == Feedback.Author.MENTEE:
        exists = exists.filter(mentee=mentee)
    if exists.exists():
        raise ValidationError("Отзыв об этой встрече уже оставлен.", code="duplicate")
    feedback = Feedback(meeting=meeting, author=author, rating=rating, comment=comment, mentee=mentee)
    feedback.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError as exc:
        raise ValidationError("Отзыв об этой встрече уже оставлен.", code="duplicate") from exc
    return feedback


@transaction.atomic
def goal_save(*, goal: PlanGoal) -> PlanGoal:
    if goal.status == PlanGoal.Status.DONE:
        goal.progress = 100
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def proposal_confirm(
    *,
    proposal: MatchingProposal,
    choices: dict[int, int | None],
    user: User,
    groups: set[int] | frozenset[int] = frozenset(),
) -> tuple[list[Mentorship], list[str]]:
    """Creates the draft pairs of a reviewed proposal. ``choices`` maps mentee → mentor (or None
    to leave the mentee waiting); the mentees of a mentor in ``groups`` form one group instead of
    several pairs. All or nothing: one broken rule and no pair is created."""
    proposal = MatchingProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != MatchingProposal.Status.DRAFT:
        raise ValidationError("Это распределение уже подтверждено или отклонено.", code="not_draft")
    scores = {row["mentee"]: row.get("score") for row in proposal.assignments}
    mentees = {
        m.pk: m for m in MenteeProfile.objects.select_related("person", "person__study_group").filter(pk__in=choices)
    }
    mentors = {
        m.pk: m
        for m in MentorProfile.objects.select_related("person", "person__study_group").filter(
            pk__in=[v for v in choices.values() if v]
        )
    }
    created, errors = [], []
    grouped: dict[int, list[int]] = {}
    for mentee_id, mentor_id in choices.items():
        if mentor_id in groups:
            grouped.setdefault(mentor_id, []).append(mentee_id)
    for mentor_id, mentee_ids in grouped.items():
        try:
            with transaction.atomic():
                created.append(
                    mentorship_create(
                        programme=proposal.programme,
                        mentor=mentors[mentor_id],
                        mentees=[mentees[pk] for pk in mentee_ids],
                        user=user,
                    )
                )
        except (ValidationError, KeyError) as exc:
            name = mentors[mentor_id].person.short_name if mentor_id in mentors else str(mentor_id)
            detail = " ".join(exc.messages) if isinstance(exc, ValidationError) else "нет данных"
            errors.append(f"Группа наставника {name}: {detail}")
    for mentee_id, mentor_id in choices.items():
        if not mentor_id or mentor_id in grouped:
            continue
        try:
            with transaction.atomic():
                created.append(
                    mentorship_create(
                        programme=proposal.programme,
                        mentor=mentors[mentor_id],
                        mentees=[mentees[mentee_id]],
                        user=user,
                        score=scores.get(mentee_id) if proposal_mentor(proposal, mentee_id) == mentor_id else None,
                    )
                )
        except (ValidationError, KeyError) as exc:
            person = mentees[mentee_id].person.short_name if mentee_id in mentees else str(mentee_id)
            errors.append(f"{person}: {' '.join(exc.messages) if isinstance(exc, ValidationError) else 'нет данных'}")
    if errors:
        transaction.set_rollback(True)
        return [], errors
    proposal.status = MatchingProposal.Status.CONFIRMED
    proposal.save(update_fields=["status"])
    return created, []


def offer_mentor_role(*, mentee: MenteeProfile, user: User) -> MentorProfile:
    """A mentee who completed the programme is invited into the mentor base as a candidate."""
    if mentee.status != MenteeProfile.Status.COMPLETED:
        raise ValidationError("Стать наставником предлагают после завершения программы.", code="not_completed")
    return mentor_add(person=mentee.person, user=user, note="Бывший наставляемый, завершил программу")
