"""Reads of the programs app that more than one view, panel, report or service uses; writes live in
services.py."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Case, Count, Exists, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce, NullIf, TruncDate
from django.utils import timezone

from programs.models import (
    Feedback,
    MatchingProposal,
    Meeting,
    Mentorship,
    MentorshipMember,
)


def open_load(mentor_ids: Iterable[int]) -> dict[int, int]:
    """How many mentees each mentor has in open pairs (draft, fixed, active) of any programme."""
    rows = (
        MentorshipMember.objects.filter(
            mentorship__mentor_id__in=list(mentor_ids), is_active=True, mentorship__status__in=Mentorship.OPEN
        )
        .values("mentorship__mentor_id")
        .annotate(n=Count("pk"))
    )
    return {row["mentorship__mentor_id"]: row["n"] for row in rows}


def suggested_meeting_kind(pair: Mentorship) -> str:
    """The sequence знакомство → пробная → планирование is suggested, never forced. A draft pair is
    offered its trial and planning meetings; once they took place before the order, the acquaintance
    is behind the pair and is not suggested again."""
    done = {m.kind for m in pair.meetings.all()}
    if pair.status == Mentorship.Status.DRAFT:
        return next((kind for kind in Meeting.DRAFT_KINDS if kind not in done), Meeting.Kind.PLANNING)
    for kind in Meeting.SEQUENCE:
        if kind == Meeting.Kind.INTRO and done & set(Meeting.DRAFT_KINDS):
            continue
        if kind not in done:
            return kind
    return Meeting.Kind.WORKING


def year_pairs(organization, *, today: datetime.date | None = None) -> QuerySet[Mentorship]:
    """The organization's pairs of the current academic year (what the home page panels count)."""
    from mentoring.models import AcademicYear

    start_year = AcademicYear.start_year_for(today or timezone.localdate())
    return Mentorship.objects.filter(organization=organization, programme__academic_year__start_year=start_year)


MENTOR_FEEDBACK_WEIGHT = 100_000


class _Count(Func):
    function = "COUNT"
    template = "%(function)s(*)"
    output_field = IntegerField()


def count_of(queryset: QuerySet, *, none_if_zero: bool = False) -> Subquery:
    """COUNT(*) of a correlated subquery, without the GROUP BY that ``Count`` brings (SQLite then sorts per
    row); ``none_if_zero`` lets a ``Coalesce`` fall through to the next count."""
    n = NullIf(_Count(), 0) if none_if_zero else _Count()
    return Subquery(queryset.order_by().annotate(n=n).values("n"), output_field=IntegerField())


def meetings_missing_feedback(meetings: QuerySet[Meeting], *, now: datetime.datetime | None = None):
    """Past meetings still missing the mentor's feedback or that of a mentee who attended (everyone of a pair
    whose attendance was not marked). The one definition behind every «встречи без обратной связи»."""
    # One probe of the feedback index per meeting, not two: the mentor's feedback (one at most, a unique
    # constraint) weighs MENTOR_FEEDBACK_WEIGHT, each mentee's 1; so «score < weight + expected» means «no
    # mentor's feedback, or fewer mentees' than expected» while a group has fewer mentees than the weight.
    mentor = When(author=Feedback.Author.MENTOR, then=MENTOR_FEEDBACK_WEIGHT)
    score = Subquery(
        Feedback.objects.filter(meeting=OuterRef("pk"))
        .order_by()
        .annotate(s=Func(Case(mentor, default=1), function="SUM"))
        .values("s"),
        output_field=IntegerField(),
    )
    marked = Meeting.attendees.through.objects.filter(meeting=OuterRef("pk"))
    members = MentorshipMember.objects.filter(mentorship=OuterRef("mentorship")).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=OuterRef("meeting_day"))
    )
    return (
        meetings.filter(starts_at__lt=now or timezone.now())
        .annotate(meeting_day=TruncDate("starts_at"))
        .annotate(
            feedback_score=Coalesce(score, 0),
            # No attendance marked (a pair, or a group meeting logged without it): everyone still in the pair.
            expected_n=Coalesce(count_of(marked, none_if_zero=True), count_of(members)),
        )
        .filter(feedback_score__lt=F("expected_n") + MENTOR_FEEDBACK_WEIGHT)
    )


def meetings_to_rate(user) -> QuerySet[Meeting]:
    """Past meetings of the user's pairs (as a mentee) that they attended and have not rated: the count on
    the home page and the list behind it."""
    through = Meeting.attendees.through.objects
    return (
        Meeting.objects.filter(
            mentorship__members__mentee__person__user=user,
            starts_at__lte=timezone.now(),
        )
        .filter(
            ~Exists(through.filter(meeting=OuterRef("pk")))
            | Exists(through.filter(meeting=OuterRef("pk"), menteeprofile__person__user=user))
        )
        .exclude(
            Exists(
                Feedback.objects.filter(
                    meeting=OuterRef("pk"), author=Feedback.Author.MENTEE, mentee__person__user=user
                )
            )
        )
        .distinct()
    )


def annotate_meeting(meeting: Meeting, members: list[MentorshipMember]) -> Meeting:
    """Puts on a meeting (its feedback and attendees prefetched) what its page shows: the mentor's and
    the mentees' feedback, who attended a group meeting, and whose feedback is still awaited."""
    feedback = list(meeting.feedback.all())
    meeting.mentor_feedback = next((f for f in feedback if f.author == Feedback.Author.MENTOR), None)
    meeting.mentee_feedback = [f for f in feedback if f.author == Feedback.Author.MENTEE]
    # Members who had not left the pair by the day of the meeting (join dates of older records are unreliable).
    day = timezone.localtime(meeting.starts_at).date()
    present = [m for m in members if m.left_on is None or m.left_on >= day]
    attendee_ids = {a.pk for a in meeting.attendees.all()}
    if attendee_ids:
        meeting.attendance = {
            "present": [m.mentee.person.short_name for m in present if m.mentee_id in attendee_ids],
            "absent": [m.mentee.person.short_name for m in present if m.mentee_id not in attendee_ids],
        }
        expected = [m for m in present if m.mentee_id in attendee_ids]
    else:
        meeting.attendance = None
        expected = present
    given = {f.mentee_id for f in meeting.mentee_feedback}
    past = meeting.starts_at <= timezone.now()
    meeting.feedback_expected_ids = {m.mentee_id for m in expected if m.mentee_id not in given} if past else set()
    meeting.feedback_missing = (
        [m.mentee.person.short_name for m in expected if m.mentee_id in meeting.feedback_expected_ids]
        if len(members) > 1
        else []
    )
    return meeting


def programmes_for_mentee(mentee):
    """Programmes of the mentee's organization, not completed, whose form takes them as a mentee."""
    from programs.models import Programme
    from programs.services import SIDE_KINDS

    programmes = Programme.objects.filter(organization_id=mentee.person.organization_id).exclude(
        status=Programme.Status.COMPLETED
    )
    kind = mentee.person.kind
    sides = [side for side, kinds in SIDE_KINDS.items() if kind in kinds] + ["any"]
    return (
        programmes.filter(form__mentee_side__in=sides)
        .select_related("form", "academic_year")
        .order_by("-academic_year__start_year", "title")
    )


def proposal_mentor(proposal: MatchingProposal, mentee_id: int) -> int | None:
    return next((row["mentor"] for row in proposal.assignments if row["mentee"] == mentee_id), None)


def gap_days(pair: Mentorship, *, today: datetime.date | None = None) -> int | None:
    """Days since a working pair last met (or started); None for pairs that do not meet now.
    Reads the ``last_meeting`` annotation the lists put on each pair."""
    if pair.status not in Mentorship.WORKING:
        return None
    since = timezone.localtime(pair.last_meeting).date() if pair.last_meeting else pair.start_date
    return ((today or timezone.localdate()) - since).days


def last_meeting() -> Subquery:
    """A pair's last meeting, one probe of the (pair, date) index per pair; ``Max`` over a join grouped every
    meeting of the organization's year first."""
    return Subquery(Meeting.objects.filter(mentorship=OuterRef("pk")).order_by("-starts_at").values("starts_at")[:1])


def pairs_without_recent_meeting(queryset, *, today: datetime.date | None = None):
    """Working pairs whose last meeting (or start) is more than 14 days ago."""
    today = today or timezone.localdate()
    limit = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=14), datetime.time.min))
    return (
        queryset.filter(status__in=Mentorship.WORKING)
        .annotate(last_meeting=last_meeting())
        .filter(
            Q(last_meeting__lt=limit) | Q(last_meeting__isnull=True, start_date__lt=today - datetime.timedelta(days=14))
        )
    )
