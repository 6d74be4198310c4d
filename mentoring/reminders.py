"""What is due today, per kind of reminder. Each source returns Due items; delivery and dedup are
in mentoring.notifications. Imports of the apps are local: the core must load before them."""

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

NO_MEETING_DAYS = 14
ACTIVITY_NOTICE_DAYS = 7
FEEDBACK_WINDOW_DAYS = 30  # older meetings are not worth a reminder any more


def no_meeting(today: datetime.date) -> Iterator[Due]:
    """A mentor of a working pair with no meeting for 14 days; keyed by the last meeting's date."""
    from programs.models import Mentorship
    from programs.services import pairs_without_recent_meeting

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
    from programs.models import Feedback, Meeting, MentorshipMember

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


def questionnaires_pending(today: datetime.date) -> Iterator[Due]:
    """Every user with a Person and an open questionnaire they have not submitted."""
    from monitoring.models import Questionnaire
    from monitoring.services import pending_for_user

    organizations = Questionnaire.objects.filter(is_open=True, organization__is_active=True).values("organization_id")
    users = User.objects.filter(is_active=True, organization_id__in=organizations, person__isnull=False)
    for user in users:
        for questionnaire in pending_for_user(user):
            yield Due(
                user=user,
                kind=Kind.QUESTIONNAIRE,
                object_key=f"questionnaire:{questionnaire.pk}",
                period="",
                title=f"Заполните анкету «{questionnaire.title}»",
                text="Анкета открыта для вас; ответы помогают оценить программу наставничества.",
                url=reverse("monitoring:fill", kwargs={"pk": questionnaire.pk}),
            )


def roadmap_activities(today: datetime.date) -> Iterator[Due]:
    """An open activity due within 7 days or overdue, to its named people and mapped roles."""
    from roadmap.models import Activity

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


def pairs_to_fix(today: datetime.date) -> Iterator[Due]:
    """The director of an organization with draft pairs not yet in a signed order; once a week."""
    from programs.models import Mentorship

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


def register_all() -> None:
    for name, source in (
        ("no_meeting", no_meeting),
        ("feedback", feedback_pending),
        ("questionnaire", questionnaires_pending),
        ("roadmap", roadmap_activities),
        ("pairs_to_fix", pairs_to_fix),
    ):
        register_source(name, source)
