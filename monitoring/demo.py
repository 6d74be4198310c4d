"""Demo data of monitoring: the standard questionnaires filled in (entry, exit, satisfaction), a year
of efficiency assessments, KPI targets — so that the dashboards are alive. Idempotent.

Pairs and meetings come from the programmes' demo when it exists; without one, a small programme
with pairs and a year of meetings is made here so that every dashboard figure has data."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from mentoring.demo import DemoContext
from mentoring.models import AcademicYear, Organization
from monitoring import selectors, services
from monitoring.models import EfficiencyAssessment, Kpi, KpiTarget, Questionnaire, Response
from participants import membership
from participants.models import MenteeProfile, MentorProfile, Person
from programs.models import Feedback, Meeting, MentoringForm, Mentorship, MentorshipMember, Programme

SELF_CODES = ["motivation", "confidence", "communication", "involvement", "goals"]
PRACTICES = [
    "Наставляемый улучшил оценки по математике с «3» до «4», подготовил проект к школьной конференции.",
    "Пара провела 14 встреч; наставляемая вошла в совет обучающихся и ведёт школьный медиацентр.",
    "Совместный проект по робототехнике занял второе место на муниципальном конкурсе.",
]


def seed(context: DemoContext) -> None:
    rng = random.Random(6006)  # nosec B311 # demo data: reproducible, not secret
    org, year, previous = context.school, context.year, context.previous_year
    today = timezone.localdate()
    programme = _programme(org, year, Programme.Status.ACTIVE)
    last_programme = _programme(org, previous, Programme.Status.COMPLETED)
    _pairs(programme, rng, today, working=True)
    _pairs(last_programme, rng, today, working=False)
    for y in (previous, year):
        services.standard_questionnaires_seed(organization=org, academic_year=y)
    keep_pending = {context.users["mentee1"].pk}  # the demo mentee still has questionnaires to fill in
    _answers(org, previous, rng, keep_pending=set(), exit_share=1.0)
    _answers(org, year, rng, keep_pending=keep_pending, exit_share=0.5)
    _assessments(org, last_programme, programme, context)
    for organization in (org, context.college):
        _memberships(organization, previous, year)
    if not KpiTarget.objects.filter(organization=org).exists():
        services.kpi_apply_preset(organization=org, preset="seed004", first_year=previous.start_year)
        # The seed gives its first and fourth years only; the curator's own figures for this year.
        services.kpi_year_targets_set(organization=org, academic_year=year, percents=CURRENT_TARGETS)


CURRENT_TARGETS = {
    Kpi.STUDENTS: 10,
    Kpi.STUDENT_MENTEES: 5,
    Kpi.STUDENT_MENTORS: 2,
    Kpi.YOUNG_TEACHERS: 50,
    Kpi.TEACHERS: 35,
    Kpi.EMPLOYERS: 20,
    Kpi.MENTEE_SATISFACTION: 70,
    Kpi.MENTOR_SATISFACTION: 70,
}


def _memberships(org: Organization, previous: AcademicYear, year: AcademicYear) -> None:
    """This year's class and staff lists; last year's: everyone already entered then and in its pairs."""
    people = list(Person.objects.filter(organization=org).select_related("study_group"))
    membership.memberships_record(organization=org, year=year, people=people, source="Демо-данные")
    last_year_pairs = Mentorship.objects.filter(programme__academic_year=previous, organization=org)
    in_pairs = set(last_year_pairs.values_list("mentor__person_id", flat=True)) | set(
        MentorshipMember.objects.filter(mentorship__in=last_year_pairs).values_list("mentee__person_id", flat=True)
    )
    before = [p for p in people if p.pk in in_pairs or p.kind != Person.Kind.STUDENT or (p.grade or 0) > 1]
    membership.memberships_record(organization=org, year=previous, people=before, source="Демо-данные")


def _programme(org: Organization, year: AcademicYear, status: str) -> Programme:
    existing = Programme.objects.filter(organization=org, academic_year=year).order_by("pk").first()
    if existing:
        return existing
    form = MentoringForm.objects.filter(organization__isnull=True).order_by("order", "pk").first()
    return Programme.objects.create(
        organization=org,
        form=form,
        academic_year=year,
        title=f"Наставничество в форме {form}",
        start_date=year.start_date,
        end_date=year.end_date,
        status=status,
        goal="Разносторонняя поддержка обучающихся с особыми образовательными или социальными потребностями.",
    )


def _pairs(programme: Programme, rng: random.Random, today: datetime.date, *, working: bool) -> None:
    if Mentorship.objects.filter(programme=programme).exists():
        return
    org = programme.organization
    mentors = list(
        MentorProfile.objects.filter(person__organization=org, status=MentorProfile.Status.ACTIVE).order_by("pk")[:8]
    )
    mentees = list(
        MenteeProfile.objects.filter(person__organization=org, person__kind=Person.Kind.STUDENT)
        .order_by("-person__user", "pk")
        .select_related("person")[: len(mentors)]
    )
    start = programme.start_date + datetime.timedelta(days=45)
    end = min(today, programme.end_date) if working else programme.end_date - datetime.timedelta(days=60)
    for index, (mentor, mentee) in enumerate(zip(mentors, mentees, strict=False)):
        status = Mentorship.Status.ACTIVE if working else Mentorship.Status.COMPLETED
        if working and index == len(mentors) - 1:
            status = Mentorship.Status.FIXED
        pair = Mentorship.objects.create(
            organization=org,
            programme=programme,
            mentor=mentor,
            status=status,
            start_date=start,
            end_date=None if working else end,
            fixed_by="Приказ № 127-о",
            reflection="" if working else PRACTICES[index % len(PRACTICES)],
        )
        MentorshipMember.objects.create(mentorship=pair, mentee=mentee, is_active=working, joined_on=start)
        if working and mentee.status != MenteeProfile.Status.PAIRED:
            MenteeProfile.objects.filter(pk=mentee.pk).update(status=MenteeProfile.Status.PAIRED, status_date=start)
        if status == Mentorship.Status.FIXED:
            continue
        # Every 10–14 days; two working pairs stopped meeting a month ago (the dashboard flags them).
        stop = end - datetime.timedelta(days=30) if working and index in (2, 5) else end
        _meetings(pair, mentee, rng, start, stop)


def _meetings(pair, mentee, rng: random.Random, start: datetime.date, stop: datetime.date) -> None:
    day, number = start, 0
    kinds = [Meeting.Kind.INTRO, Meeting.Kind.TRIAL, Meeting.Kind.PLANNING]
    while day <= stop:
        when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14, 30)))
        kind = kinds[number] if number < len(kinds) else Meeting.Kind.WORKING
        meeting = Meeting.objects.create(mentorship=pair, kind=kind, starts_at=when, topic="Встреча по плану")
        Feedback.objects.create(meeting=meeting, author=Feedback.Author.MENTOR, rating=rng.choice([4, 5, 5]))
        if rng.random() > 0.1:  # about one meeting in ten still lacks the mentee's feedback
            Feedback.objects.create(
                meeting=meeting, author=Feedback.Author.MENTEE, mentee=mentee, rating=rng.choice([3, 4, 5, 5])
            )
        day += datetime.timedelta(days=rng.choice([10, 12, 14]))
        number += 1


def _answers(org, year: AcademicYear, rng: random.Random, *, keep_pending: set[int], exit_share: float) -> None:
    by_key = {q.standard_key: q for q in Questionnaire.objects.filter(organization=org, academic_year=year)}
    for key in ("entry-mentee", "satisfaction-mentee", "satisfaction-mentor", "exit-mentee"):
        questionnaire = by_key[key]
        people = list(selectors.respondents(questionnaire).order_by("pk"))
        if key == "exit-mentee":
            people = people[: round(len(people) * exit_share)]
        for person in people:
            if person.user_id in keep_pending:
                continue
            response = services.response_open(questionnaire=questionnaire, person=person)
            if response.status == Response.Status.SUBMITTED:
                continue
            values = _values(questionnaire, person, rng, by_key)
            services.response_save(response=response, values=values, submit=True)


def _values(questionnaire: Questionnaire, person: Person, rng: random.Random, by_key: dict) -> dict:
    values: dict[int, object] = {}
    entry = {}
    if questionnaire.standard_key == "exit-mentee":
        entry_response = Response.objects.filter(questionnaire=by_key["entry-mentee"], person=person).first()
        if entry_response:
            entry = {a.question.code: a.number for a in entry_response.answers.select_related("question")}
    for question in questionnaire.questions.all():
        if question.kind == "scale10":
            base = entry.get(question.code) or rng.randint(3, 6)
            values[question.pk] = min(10, base + rng.choice([0, 1, 2, 3])) if entry else base
        elif question.kind == "scale5":
            values[question.pk] = rng.choice([3, 4, 4, 5, 5, 5])
        elif question.kind == "single":
            values[question.pk] = question.option_list[rng.randrange(2)]
        elif question.kind == "multiple":
            values[question.pk] = rng.sample(question.option_list, 2)
        elif question.kind == "text" and rng.random() < 0.4:
            values[question.pk] = rng.choice(
                ["Больше совместных проектов", "Встречаться чаще", "Всё понравилось, спасибо наставнику"]
            )
    return values


def _assessments(org, last_programme: Programme, programme: Programme, context: DemoContext) -> None:
    curator = context.users["curator"]
    plans = [
        (last_programme, [2, 1, 1, 2, 1, 2, 1, 2, 1], "Программа реализована на допустимом уровне."),
        (programme, [2, 2, 2, 2, 1, 2, 1, 2, 2], "Рекомендовано шире привлекать организации-партнёров."),
    ]
    for target, points, conclusion in plans:
        if EfficiencyAssessment.objects.filter(programme=target, mentorship__isnull=True).exists():
            continue
        scores = {n: (p, "") for n, p in enumerate(points, start=1)}
        scores[7] = (scores[7][0], "Партнёры участвуют эпизодически.")
        services.assessment_save(
            organization=org,
            programme=target,
            academic_year=target.academic_year,
            scores=scores,
            date=min(target.academic_year.end_date, timezone.localdate()),
            conclusion=conclusion,
            user=curator,
        )
