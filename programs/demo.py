"""Demo programmes and pairs with months of meetings: some pairs meet every week, one has not met
for three weeks, some meetings still wait for feedback — so every flag of the portal shows."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from mentoring.demo import DemoContext
from participants.models import MenteeProfile, MentorProfile, Person
from participants.services import mentee_set_status
from programs import services
from programs.awards import nominations_for
from programs.models import (
    Feedback,
    InteractionVariant,
    Meeting,
    MentoringForm,
    Mentorship,
    OrganizationForm,
    PlanGoal,
    Preference,
    Programme,
)
from programs.models_awards import Award
from programs.models_practices import Practice
from programs.practices import practice_publish

TOPICS = {
    "intro": ["Знакомство: интересы, ожидания, правила работы"],
    "trial": ["Пробная встреча: разбор домашнего задания", "Пробная встреча: что получается, что нет"],
    "planning": ["Составляем план развития: цели на полугодие"],
    "working": [
        "Решение задач на дроби",
        "Подготовка к контрольной работе",
        "Разбор ошибок диктанта",
        "Проект: выбор темы и план",
        "Работа с текстом: главная мысль",
        "Как готовиться к олимпиаде",
        "Разбор урока: организация групповой работы",
        "Как говорить с родителями о неуспеваемости",
        "Электронный журнал и отчётность",
        "Подготовка открытого урока",
    ],
}
COMMENTS = ["Было полезно", "Разобрались с трудной темой", "Хорошо поработали", "Интересно", "Надо больше практики", ""]


def _form(name: str) -> MentoringForm:
    return MentoringForm.objects.get(organization=None, name=name)


def _programme(organization, year, form_name: str, title: str, curator) -> Programme:
    form = _form(form_name)
    OrganizationForm.objects.get_or_create(organization=organization, form=form)
    programme, _ = Programme.objects.get_or_create(
        organization=organization,
        academic_year=year,
        title=title,
        defaults={
            "form": form,
            "curator": curator,
            "start_date": year.start_date + datetime.timedelta(days=14),
            "end_date": year.end_date - datetime.timedelta(days=62),
            "goal": form.goal,
            "tasks": form.tasks,
            "expected_results": form.expected_results,
            "status": Programme.Status.ACTIVE,
        },
    )
    return programme


def _mentor(organization, last_name: str) -> MentorProfile:
    return MentorProfile.objects.select_related("person").get(
        person__organization=organization, person__last_name=last_name
    )


def _mentee(organization, last_name: str, first_name: str | None = None, kind: str = "student") -> MenteeProfile:
    lookup = {"person__organization": organization, "person__last_name": last_name, "person__kind": kind}
    if first_name:
        lookup["person__first_name"] = first_name
    return MenteeProfile.objects.select_related("person").filter(**lookup).first()


def _pair(programme, mentor, mentees, *, variant: str | None, started: datetime.date, status: str) -> Mentorship | None:
    mentees = [m for m in mentees if m is not None]
    if not mentees:
        return None
    existing = Mentorship.objects.filter(programme=programme, mentor=mentor, members__mentee=mentees[0]).first()
    if existing:
        return existing
    pair = services.mentorship_create(
        programme=programme,
        mentor=mentor,
        mentees=mentees,
        user=None,
        variant=InteractionVariant.objects.filter(form=programme.form, name=variant).first() if variant else None,
    )
    pair.start_date = started
    if status != Mentorship.Status.DRAFT:
        pair.status = status
        pair.fixed_by = f"Приказ от {started - datetime.timedelta(days=3):%d.%m.%Y} № 14-о"
        for mentee in mentees:
            mentee_set_status(mentee=mentee, status=MenteeProfile.Status.PAIRED, date=started)
    pair.save()
    return pair


def _meetings(pair: Mentorship, rng: random.Random, *, until: datetime.date, every_days: int, skip_feedback: int = 0):
    """Meetings from the pair's start to ``until``, in the suggested sequence, with feedback; the
    last ``skip_feedback`` meetings have none yet."""
    if pair is None or pair.meetings.exists() or pair.status == Mentorship.Status.DRAFT:
        return
    day, kinds, meetings = pair.start_date + datetime.timedelta(days=2), ["intro", "trial", "planning"], []
    while day <= until:
        kind = kinds.pop(0) if kinds else "working"
        starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 30)))
        meetings.append(
            Meeting(
                mentorship=pair,
                kind=kind,
                starts_at=starts,
                duration_minutes=rng.choice([30, 40, 45, 60]),
                format=rng.choice(["offline", "offline", "online"]),
                topic=rng.choice(TOPICS[kind]),
                summary="Обсудили план на следующую неделю." if kind == "working" else "",
            )
        )
        day += datetime.timedelta(days=every_days + rng.choice([-1, 0, 0, 1]))
    Meeting.objects.bulk_create(meetings)
    members = [m.mentee for m in pair.members.all()]
    feedback = []
    for meeting in meetings[: len(meetings) - skip_feedback]:
        feedback.append(
            Feedback(meeting=meeting, author="mentor", rating=rng.choice([4, 5, 5]), comment=rng.choice(COMMENTS))
        )
        for mentee in members:
            if rng.random() < 0.9:
                feedback.append(
                    Feedback(
                        meeting=meeting,
                        author="mentee",
                        mentee=mentee,
                        rating=rng.choice([3, 4, 5, 5]),
                        comment=rng.choice(COMMENTS),
                    )
                )
    Feedback.objects.bulk_create(feedback)
    if pair.status == Mentorship.Status.FIXED:
        pair.status = Mentorship.Status.ACTIVE
        pair.save(update_fields=["status"])


def _goals(pair: Mentorship | None, goals: list[tuple[str, int, int]]) -> None:
    if pair is None or pair.goals.exists():
        return
    for order, (title, days, progress) in enumerate(goals, start=1):
        PlanGoal.objects.create(
            mentorship=pair,
            title=title,
            order=order,
            deadline=pair.start_date + datetime.timedelta(days=days),
            progress=progress,
            status="done" if progress == 100 else ("in_progress" if progress else "planned"),
        )


def seed(context: DemoContext) -> None:
    _seed_pairs(context)
    _seed_practices_and_awards(context)


def _seed_pairs(context: DemoContext) -> None:
    rng = random.Random(7)  # nosec B311 # demo data: reproducible, not secret
    today = timezone.localdate()
    org, year = context.school, context.year
    curator = context.users["curator"]
    teacher_student = _programme(org, year, "Учитель – ученик", "«Учитель – ученик»: учебная поддержка", curator)
    peer = _programme(org, year, "Ученик – ученик", "«Ученик – ученик»: помощь младшим", curator)
    teachers = _programme(org, year, "Учитель – учитель", "«Учитель – учитель»: адаптация молодых педагогов", curator)
    start = max(teacher_student.start_date, today - datetime.timedelta(days=75))
    if Mentorship.objects.filter(organization=org).exists():
        return  # pairs are formed once; a second run must not pair the next waiting mentees

    # mentor1 (Петров) — a pair with mentee1 and a group; mentor2 (Соколова) — a pair with mentee2.
    petrov, sokolova = _mentor(org, "Петров"), _mentor(org, "Соколова")
    pair1 = _pair(
        teacher_student,
        petrov,
        [_mentee(org, "Новиков", "Артём")],
        variant="Успевающий – неуспевающий",
        started=start,
        status="fixed",
    )
    _meetings(pair1, rng, until=today - datetime.timedelta(days=3), every_days=7, skip_feedback=1)
    _goals(
        pair1,
        [
            ("Закрыть пробелы по теме «Дроби»", 30, 100),
            ("Контрольная по алгебре не ниже «4»", 60, 60),
            ("Подготовка к олимпиаде школьного этапа", 120, 10),
        ],
    )
    pair2 = _pair(
        teacher_student,
        sokolova,
        [_mentee(org, "Фёдорова", "Софья")],
        variant="Лидер – пассивный",
        started=start + datetime.timedelta(days=7),
        status="fixed",
    )
    # This pair has not met for three weeks: the curator's page flags it.
    _meetings(pair2, rng, until=today - datetime.timedelta(days=21), every_days=8)
    _goals(pair2, [("Подготовить выступление на школьной конференции", 90, 30)])

    waiting_students = list(
        MenteeProfile.objects.filter(person__organization=org, status="waiting", person__kind=Person.Kind.STUDENT)
        .select_related("person__study_group")
        .order_by("pk")
    )
    young = [m for m in waiting_students if m.person.grade and m.person.grade <= 8]
    group = [m for m in young if m.person.has_processing_consent][:2]
    has_group = Mentorship.objects.filter(programme=teacher_student, mentor=petrov).count() > 1
    if len(group) == 2 and not has_group:
        pair3 = _pair(
            teacher_student,
            petrov,
            group,
            variant="Равный – равному",
            started=start + datetime.timedelta(days=10),
            status="fixed",
        )
        _meetings(pair3, rng, until=today - datetime.timedelta(days=2), every_days=10, skip_feedback=2)

    # Peer mentoring: senior students with younger ones.
    peers = list(
        MentorProfile.objects.filter(person__organization=org, category="student", status="active")
        .select_related("person__study_group")
        .order_by("pk")
    )
    candidates = [m for m in young if m.status == "waiting" and m.person.has_processing_consent]
    for index, mentor in enumerate(peers[:3]):
        if Mentorship.objects.filter(programme=peer, mentor=mentor).exists():
            continue
        mentee = next((m for m in candidates if m.person.grade < mentor.person.grade), None)
        if mentee is None:
            continue
        candidates.remove(mentee)
        status = "draft" if index == 2 else "fixed"
        pair = _pair(
            peer,
            mentor,
            [mentee],
            variant="Успевающий – неуспевающий",
            started=start + datetime.timedelta(days=14),
            status=status,
        )
        _meetings(pair, rng, until=today - datetime.timedelta(days=4), every_days=9)

    # Teacher–teacher: experienced teachers with young specialists.
    for mentor_name, mentee_name, variant in (
        ("Абрамова", "Долгих", "Опытный педагог – молодой специалист"),
        ("Кириллова", "Крылова", "Опытный предметник – неопытный предметник"),
    ):
        mentor, mentee = _mentor(org, mentor_name), _mentee(org, mentee_name, kind=Person.Kind.TEACHER)
        if mentee is None or mentee.status != "waiting":
            continue
        pair = _pair(teachers, mentor, [mentee], variant=variant, started=start, status="fixed")
        _meetings(pair, rng, until=today - datetime.timedelta(days=5), every_days=14)
        _goals(pair, [("Освоить ведение электронного журнала", 20, 100), ("Провести открытый урок", 100, 40)])

    # Preferences named after the group meeting: mutual choices weigh most in matching.
    for mentee in candidates[:4]:
        mentor = peers[(mentee.pk % max(1, len(peers)))] if peers else None
        if mentor is None:
            continue
        Preference.objects.get_or_create(organization=org, mentee=mentee, mentor=mentor, direction="mentee")
        if mentee.pk % 2:
            Preference.objects.get_or_create(organization=org, mentee=mentee, mentor=mentor, direction="mentor")

    # The college: one programme «Студент – студент» with a master's pair.
    college = context.college
    college_programme = _programme(
        college, year, "Работодатель – студент", "«Работодатель – студент»: практика", context.users["curator_b"]
    )
    miner = MentorProfile.objects.filter(person__organization=college, person__last_name="Ковалёв").first()
    students = list(MenteeProfile.objects.filter(person__organization=college, status="waiting").order_by("pk")[:2])
    if miner and students and miner.status in services.PAIRABLE_MENTOR_STATUSES:
        pair = _pair(college_programme, miner, students[:1], variant=None, started=start, status="fixed")
        _meetings(pair, rng, until=today - datetime.timedelta(days=6), every_days=14)


PRACTICES = [
    (
        "«Дроби без страха»: наставник-учитель и шестиклассник",
        "Ученик 6 класса получал неудовлетворительные отметки по математике и избегал устных ответов.",
        "Еженедельные встречи по 45 минут; игровые задания на доли; совместный план из трёх целей; "
        "обратная связь после каждой встречи.",
        "Отметка за четверть «4»; ученик выступил на школьном математическом турнире.",
        True,
    ),
    (
        "Адаптация молодого педагога в первый год работы",
        "Молодой специалист испытывал трудности с дисциплиной в 7 классе и с ведением документации.",
        "Взаимопосещение уроков раз в две недели, разбор конфликтных ситуаций, шаблоны рабочих программ.",
        "Педагог провёл открытый урок; жалоб родителей во втором полугодии не поступало.",
        True,
    ),
    ("Проект «Старшие — младшим» (черновик)", "Набросок.", "Набросок.", "Набросок.", False),
]


def _seed_practices_and_awards(context: DemoContext) -> None:
    """Published practices from the completed pair and last year's awards; idempotent."""
    org = context.school
    curator = context.users["curator"]
    completed = Mentorship.objects.filter(organization=org, status=Mentorship.Status.COMPLETED).first()
    for title, problem, actions, result, published in PRACTICES:
        practice, created = Practice.objects.get_or_create(
            organization=org,
            title=title,
            defaults={
                "problem": problem,
                "actions": actions,
                "result": result,
                "mentorship": completed,
                "created_by": curator,
            },
        )
        if created and published:
            practice_publish(practice=practice)
    nominations = {n.name: n for n in nominations_for(org)}
    for last_name, nomination in (("Петров", "Наставник года"), ("Соколова", "Наставник+")):
        mentor = MentorProfile.objects.filter(person__organization=org, person__last_name=last_name).first()
        if mentor:
            Award.objects.get_or_create(
                organization=org,
                nomination=nominations[nomination],
                academic_year=context.previous_year,
                mentor=mentor,
                defaults={
                    "citation": "за высокие результаты наставнической деятельности",
                    "date": timezone.localdate(),
                },
            )
