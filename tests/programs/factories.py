"""Builders of mentors and mentees ready to be paired (consent given, approved by order)."""

import datetime

from participants.models import MenteeProfile, MentorProfile
from tests.participants.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    PersonFactory,
    StudyGroupFactory,
    TeacherFactory,
)


def student_mentor(org, *, grade: int = 10, capacity: int = 1, **fields) -> MentorProfile:
    person = PersonFactory(
        organization=org,
        study_group=StudyGroupFactory(organization=org, grade=grade, letter="А"),
        birth_date=datetime.date(2010, 1, 1),
        **fields,
    )
    ConsentFactory(person=person)
    return MentorProfileFactory(person=person, category="student", status="active", capacity=capacity)


def teacher_mentor(org, *, years: int = 20, capacity: int = 2, competencies: str = "математика", **fields):
    person = TeacherFactory(organization=org, teaching_start_year=datetime.date.today().year - years, **fields)
    ConsentFactory(person=person)
    return MentorProfileFactory(person=person, status="active", capacity=capacity, competencies=competencies)


def student_mentee(org, *, grade: int = 6, consent: bool = True, request: str = "", **fields) -> MenteeProfile:
    person = PersonFactory(
        organization=org, study_group=StudyGroupFactory(organization=org, grade=grade, letter="Б"), **fields
    )
    if consent:
        ConsentFactory(person=person)
    return MenteeProfileFactory(person=person, request=request)


def teacher_mentee(org, *, years: int = 1, **fields) -> MenteeProfile:
    person = TeacherFactory(organization=org, teaching_start_year=datetime.date.today().year - years, **fields)
    ConsentFactory(person=person)
    return MenteeProfileFactory(person=person)
