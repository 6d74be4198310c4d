"""The programmes' step of the region-scale data set (mentoring.demo_region): 300 pairs in two
programmes, 6,000 meetings with feedback, development plans."""

from __future__ import annotations

import datetime

from django.utils import timezone

from mentoring.demo_region import BATCH, Scale, ScaleContext
from mentoring.models import Role, User
from participants.models import MenteeProfile, MentorProfile
from programs.models import Feedback, Meeting, MentoringForm, Mentorship, MentorshipMember, PlanGoal, Programme

TOPICS = [
    "Разбор домашнего задания по математике",
    "Подготовка к контрольной работе",
    "Обсуждение прочитанной книги",
    "Проект для научно-практической конференции",
    "Планирование подготовки к ОГЭ",
    "Тайм-менеджмент: как всё успевать",
    "Подготовка выступления на классном часе",
    "Разбор олимпиадных задач",
    "Экскурсия в школьный музей",
    "Итоги четверти: что получилось",
]
GOALS = [
    "Повысить четвертную отметку по математике до «4»",
    "Подготовить проект к школьной конференции",
    "Научиться планировать неделю",
    "Выступить на классном часе",
]


def seed_pairs(context: ScaleContext) -> None:
    org, year, scale, today = context.organization, context.year, context.scale, context.today
    mentors, mentees = context.shared["mentors"], context.shared["mentees"]
    pairs = _pairs(org, year, mentors, mentees, scale, today, creator=context.users[Role.CURATOR])
    _meetings(pairs, scale, today, creator=context.users[Role.MENTOR])
    _goals(pairs, today)


def _pairs(org, year, mentors, mentees, scale: Scale, today: datetime.date, *, creator: User) -> list[Mentorship]:
    start = year.start_date + datetime.timedelta(days=30)
    programmes = {}
    for key, form_name, rule in (("teacher", "Учитель – ученик", ""), ("student", "Ученик – ученик", "higher_grade")):
        # The standard forms come with a migration; a flushed test database may lack them.
        form, _ = MentoringForm.objects.get_or_create(
            organization=None, name=form_name, defaults={"mentor_side": key, "mentee_side": "student", "rule": rule}
        )
        programmes[key] = Programme.objects.create(
            organization=org,
            form=form,
            academic_year=year,
            title=f"Программа наставничества «{form.name}» на {year.name} учебный год",
            curator=creator,
            start_date=year.start_date,
            end_date=year.end_date,
            goal=form.goal,
            status=Programme.Status.ACTIVE,
        )
    # Each mentor takes up to their capacity, so no mentor is ever over capacity.
    slots = [m for m in mentors for _ in range(m.capacity)]
    statuses = [Mentorship.Status.ACTIVE] * 8 + [Mentorship.Status.FIXED, Mentorship.Status.COMPLETED]
    pairs = []
    for i in range(scale.pairs):
        mentor = slots[i % len(slots)]
        key = "student" if mentor.category == MentorProfile.Category.STUDENT else "teacher"
        status = statuses[i % len(statuses)] if i else Mentorship.Status.ACTIVE
        pairs.append(
            Mentorship(
                organization=org,
                programme=programmes[key],
                mentor=mentor,
                status=status,
                start_date=start,
                end_date=today if status == Mentorship.Status.COMPLETED else None,
                fixed_by=f"приказ от {start:%d.%m.%Y} № 45-о",
                score=60 + i % 40,
                created_by=creator,
                reflection="Цели плана достигнуты." if status == Mentorship.Status.COMPLETED else "",
            )
        )
    pairs = Mentorship.objects.bulk_create(pairs, batch_size=BATCH)
    MentorshipMember.objects.bulk_create(
        (
            MentorshipMember(
                mentorship=pair,
                programme=pair.programme,  # save() copies it; bulk_create does not call save()
                mentee=mentees[i],
                is_active=True,  # a completed pair keeps its mentees
                joined_on=start,
                left_on=today if pair.status == Mentorship.Status.COMPLETED else None,
            )
            for i, pair in enumerate(pairs)
        ),
        batch_size=BATCH,
    )
    for i, pair in enumerate(pairs):
        pair.mentee = mentees[i]  # for the feedback rows below
    done = [pair.mentee.pk for pair in pairs if pair.status == Mentorship.Status.COMPLETED]
    MenteeProfile.objects.filter(pk__in=done).update(status=MenteeProfile.Status.COMPLETED, status_date=today)
    return pairs


def _meetings(pairs, scale: Scale, today: datetime.date, *, creator: User) -> None:
    working = [p for p in pairs if p.status != Mentorship.Status.FIXED]
    per_pair = scale.meetings // max(1, len(working))
    extra = scale.meetings - per_pair * len(working)
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(15, 0)))
    rows = []
    for i, pair in enumerate(working):
        count = per_pair + (1 if i < extra else 0)
        for n in range(count):
            if n < len(Meeting.SEQUENCE):
                kind = Meeting.SEQUENCE[n]
            elif n == count - 1 and pair.status == Mentorship.Status.COMPLETED:
                kind = Meeting.Kind.FINAL
            else:
                kind = Meeting.Kind.WORKING
            rows.append(
                Meeting(
                    mentorship=pair,
                    kind=kind,
                    starts_at=now - datetime.timedelta(days=7 * (count - n) + i % 5, hours=i % 3),
                    duration_minutes=45,
                    format=Meeting.Format.ONLINE if n % 4 == 3 else Meeting.Format.OFFLINE,
                    topic=TOPICS[(i + n) % len(TOPICS)],
                    summary="Разобрали задания, наметили следующий шаг.",
                    created_by=creator,
                )
            )
    meetings = Meeting.objects.bulk_create(rows, batch_size=BATCH)
    feedback = []
    for j, meeting in enumerate(meetings):
        feedback.append(
            Feedback(meeting=meeting, author=Feedback.Author.MENTOR, rating=4 + j % 2, comment="Хорошая встреча")
        )
        if j % 3:
            feedback.append(
                Feedback(meeting=meeting, author=Feedback.Author.MENTEE, mentee=meeting.mentorship.mentee, rating=5)
            )
    Feedback.objects.bulk_create(feedback, batch_size=BATCH)


def _goals(pairs, today: datetime.date) -> None:
    PlanGoal.objects.bulk_create(
        (
            PlanGoal(
                mentorship=pair,
                title=GOALS[(i + n) % len(GOALS)],
                deadline=today + datetime.timedelta(days=30 * n - 20),
                status=PlanGoal.Status.DONE if n == 0 else PlanGoal.Status.IN_PROGRESS,
                progress=100 if n == 0 else 40,
                order=n,
            )
            for i, pair in enumerate(pairs)
            for n in range(3)
        ),
        batch_size=BATCH,
    )
