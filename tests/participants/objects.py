"""Participants' objects of the test school, shared by the permission matrix and the tests."""

from dataclasses import dataclass

from participants.models import Consent, Guardian, MenteeProfile, MentorProfile, Partner, Person, StudyGroup
from tests.participants.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    PartnerFactory,
    PersonFactory,
    TeacherFactory,
)


@dataclass
class Bases:
    student: Person  # in no base yet
    mentee_person: Person  # the mentee persona's card
    mentor_person: Person  # mentor_a's card
    mentor: MentorProfile
    mentee: MenteeProfile
    consent: Consent
    group: StudyGroup
    partner: Partner


def bases(world) -> Bases:
    if "bases" not in world.__dict__:
        org = world.org
        student = PersonFactory(organization=org, last_name="Смирнов", first_name="Олег")
        mentee_person = PersonFactory(organization=org, last_name="Новиков", first_name="Артём", user=world.mentee)
        mentor_person = TeacherFactory(organization=org, last_name="Петров", first_name="Алексей", user=world.mentor_a)
        TeacherFactory(organization=org, last_name="Соколова", first_name="Марина", user=world.mentor_b)
        Guardian.objects.create(person=mentee_person, user=world.parent, relation="мать")
        world.__dict__["bases"] = Bases(
            student=student,
            mentee_person=mentee_person,
            mentor_person=mentor_person,
            mentor=MentorProfileFactory(person=mentor_person),
            mentee=MenteeProfileFactory(person=mentee_person),
            consent=ConsentFactory(person=student),
            group=student.study_group,
            partner=PartnerFactory(organization=org),
        )
    return world.__dict__["bases"]
