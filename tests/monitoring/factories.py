"""Programmes, pairs, meetings and answers for monitoring tests, made directly (the pair rules
are tested in programs; here only the figures matter)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from mentoring.models import AcademicYear, Organization
from monitoring import services
from monitoring.models import Questionnaire
from participants import membership
from participants.models import MenteeProfile, MentorProfile, Person
from programs.models import Feedback, Meeting, MentoringForm, Mentorship, MentorshipMember, Programme
from tests.participants.factories import MenteeProfileFactory, MentorProfileFactory, PersonFactory, TeacherFactory


def make_programme(org: Organization, year: AcademicYear | None = None, title: str = "Ученик – ученик") -> Programme:
    year = year or AcademicYear.current()
    form, _ = MentoringForm.objects.get_or_create(organization=None, name="ученик – ученик")
    return Programme.objects.create(
        organization=org,
        form=form,
        academic_year=year,
        title=title,
        start_date=year.start_date,
        end_date=year.end_date,
        status=Programme.Status.ACTIVE,
    )


def member(person: Person, year: AcademicYear | None = None) -> Person:
    """The person is on the organization's class or staff list of the year (the current one by default)."""
    membership.memberships_record(
        organization=person.organization, year=year or AcademicYear.current(), people=[person], source="тест"
    )
    return person


def student(org: Organization, year: AcademicYear | None = None, **fields) -> Person:
    return member(PersonFactory(organization=org, **fields), year)


def teacher(org: Organization, year: AcademicYear | None = None, **fields) -> Person:
    return member(TeacherFactory(organization=org, **fields), year)


def mentor_of(person: Person, **fields) -> MentorProfile:
    existing = MentorProfile.objects.filter(person=person).first()
    fields.setdefault("status", MentorProfile.Status.ACTIVE)
    return existing or MentorProfileFactory(person=person, **fields)


def mentee_of(person: Person, **fields) -> MenteeProfile:
    existing = MenteeProfile.objects.filter(person=person).first()
    return existing or MenteeProfileFactory(person=person, **fields)


def make_pair(
    programme: Programme, mentor: Person, mentees: list[Person], status: str = Mentorship.Status.ACTIVE, **fields
) -> Mentorship:
    fields.setdefault("start_date", programme.start_date)
    pair = Mentorship.objects.create(
        organization=programme.organization, programme=programme, mentor=mentor_of(mentor), status=status, **fields
    )
    for person in mentees:
        MentorshipMember.objects.create(mentorship=pair, mentee=mentee_of(person))
    return pair


def meet(pair: Mentorship, when: datetime.datetime, *, mentor_fb: bool = True, mentee_fb: bool = True) -> Meeting:
    meeting = Meeting.objects.create(mentorship=pair, starts_at=when, topic="Встреча")
    if mentor_fb:
        Feedback.objects.create(meeting=meeting, author=Feedback.Author.MENTOR, rating=5)
    if mentee_fb:
        member = pair.members.first()
        Feedback.objects.create(meeting=meeting, author=Feedback.Author.MENTEE, mentee=member.mentee, rating=4)
    return meeting


def at(day: datetime.date, hour: int = 15) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def standard(org: Organization, key: str, year: AcademicYear | None = None) -> Questionnaire:
    services.standard_questionnaires_seed(organization=org, academic_year=year or AcademicYear.current())
    return Questionnaire.objects.get(organization=org, standard_key=key, academic_year=year or AcademicYear.current())


def answer(questionnaire: Questionnaire, person: Person, by_code: dict, *, submit: bool = True):
    """Answers by question code; scale questions missing from by_code are left unanswered."""
    response = services.response_open(questionnaire=questionnaire, person=person)
    values = {q.pk: by_code[q.code] for q in questionnaire.questions.all() if q.code in by_code}
    return services.response_save(response=response, values=values, submit=submit)


def satisfaction_answers(questionnaire: Questionnaire, scores: list[int]) -> dict:
    """The four scale questions of a standard satisfaction questionnaire answered with ``scores``."""
    codes = [q.code for q in questionnaire.questions.all() if q.kind == "scale5"]
    values = dict(zip(codes, scores, strict=True))
    for q in questionnaire.questions.all():
        if q.required and q.code not in values:
            values[q.code] = q.option_list[0]
    return values
