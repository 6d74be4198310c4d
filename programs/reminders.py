"""Reminders of the pairs: a pair without meetings, a meeting waiting for feedback, pairs waiting
for the order. Registered with mentoring.notifications in ProgramsConfig.ready()."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from mentoring.models import NotificationKind as Kind
from mentoring.models import Role, User
from mentoring.notifications import Due, register_source
from programs.models import Feedback, Meeting, Mentorship, MentorshipMember
from programs.selectors import pairs_without_recent_meeting

FEEDBACK_WINDOW_DAYS = 30  # older meetings are not worth a reminder any more


def no_meeting(today: datetime.date) -> Iterator[Due]:
    """A mentor of a working pair with no meeting for 14 days; keyed by the last meeting's date."""
    pairs = pairs_without_recent_meeting(Mentorship.objects.all(), today=today).filter(
        mentor__person__user__isnull=False, organization__is_active=True
    )
    for pair in pairs.select_related("mentor__person__user", "programme"):
        last = timezone.localdate(pair.last_meeting) if pair.last_meeting else None
        days = (today - (last or pair.start_date)).days
        yield Due(
            user=pair.mentor.person.user,
            kind=Kind.NO_MEETING,
            object_key=f"mentorship:{pair.pk}",
            period=last.isoformat() if last else "start",
            title=f"Нет встреч {days} дн.: {pair.programme.title}",
            text=(
                "Встречи наставника с наставляемым проводятся не реже одного раза в две недели. "
                + (f"Последняя встреча записана {last:%d.%m.%Y}." if last else "Встреч пока не записано.")
                + " Запишите проведённую встречу или запланируйте следующую."
            ),
            url=reverse("programs:pair", kwargs={"pk": pair.pk}),
        )


def feedback_pending(today: datetime.date) -> Iterator[Due]:
    """A mentee of a meeting of the last 30 days who has not left feedback on it."""
    since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=FEEDBACK_WINDOW_DAYS), datetime.time.min)
    )
    meetings = Meeting.objects.filter(
        starts_at__gte=since, starts_at__lte=timezone.now(), mentorship__organization__is_active=True
    )
    meetings = list(meetings.only("pk", "mentorship_id", "starts_at", "topic"))
    members = defaultdict(list)
    rows = MentorshipMember.objects.filter(
        is_active=True, mentorship_id__in={m.mentorship_id for m in meetings}, mentee__person__user__isnull=False
    ).values_list("mentorship_id", "mentee_id", "mentee__person__user_id")
    for mentorship_id, mentee_id, user_id in rows:
        members[mentorship_id].append((mentee_id, user_id))
    given = set(
        Feedback.objects.filter(meeting__in=[m.pk for m in meetings], author=Feedback.Author.MENTEE).values_list(
            "meeting_id", "mentee_id"
        )
    )
    wanted = [
        (meeting, user_id)
        for meeting in meetings
        for mentee_id, user_id in members[meeting.mentorship_id]
        if (meeting.pk, mentee_id) not in given
    ]
    users = User.objects.in_bulk({user_id for _, user_id in wanted}) if wanted else {}
    for meeting, user_id in wanted:
        yield Due(
            user=users[user_id],
            kind=Kind.FEEDBACK,
            object_key=f"meeting:{meeting.pk}",
            period="",
            title=f"Оцените встречу {timezone.localtime(meeting.starts_at):%d.%m.%Y}",
            text=f"Расскажите, как прошла встреча «{meeting.topic}»: оценка и пара слов помогают наставнику.",
            url=reverse("programs:feedback", kwargs={"pk": meeting.pk}),
        )


def pairs_to_fix(today: datetime.date) -> Iterator[Due]:
    """The director of an organization with draft pairs not yet in a signed order; once a week."""
    counts = (
        Mentorship.objects.filter(status=Mentorship.Status.DRAFT, organization__is_active=True)
        .filter(Q(order__isnull=True) | ~Q(order__status="signed"))
        .values("organization_id")
        .annotate(n=Count("pk"), oldest=Max("created_at"))
    )
    counts = {row["organization_id"]: row["n"] for row in counts}
    if not counts:
        return
    week = "{}-W{:02d}".format(*today.isocalendar()[:2])
    directors = User.objects.filter(organization_id__in=counts, roles__role=Role.DIRECTOR, is_active=True)
    for director in directors:
        n = counts[director.organization_id]
        yield Due(
            user=director,
            kind=Kind.PAIRS_TO_FIX,
            object_key=f"organization:{director.organization_id}",
            period=week,
            title=f"Пар, ожидающих закрепления приказом: {n}",
            text="Наставнические пары сформированы, но ещё не закреплены приказом директора.",
            url=reverse("programs:pairs") + "?status=draft",
        )


def register() -> None:
    register_source("no_meeting", no_meeting)
    register_source("feedback", feedback_pending)
    register_source("pairs_to_fix", pairs_to_fix)
