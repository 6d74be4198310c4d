import datetime

import factory

from mentoring.models import AcademicYear
from participants.models import Consent, MenteeProfile, MentorProfile, Partner, Person, StudyGroup


class StudyGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudyGroup
        django_get_or_create = ["organization", "academic_year", "name"]

    academic_year = factory.LazyFunction(AcademicYear.current)
    grade = 7
    letter = "А"
    name = factory.LazyAttribute(lambda g: f"{g.grade}{g.letter}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    kind = Person.Kind.STUDENT
    last_name = factory.Sequence(lambda n: f"Ученик{n}")
    first_name = "Иван"
    middle_name = "Петрович"
    sex = "m"
    birth_date = factory.Sequence(lambda n: datetime.date(2012, 1, 1) + datetime.timedelta(days=n))
    study_group = factory.LazyAttribute(
        lambda p: StudyGroupFactory(organization=p.organization) if p.kind == Person.Kind.STUDENT else None
    )


class TeacherFactory(PersonFactory):
    kind = Person.Kind.TEACHER
    birth_date = None
    position = "учитель математики"
    subject = "математика"
    teaching_start_year = 2010


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    kind = Consent.Kind.PROCESSING
    signed_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    signed_by = factory.LazyAttribute(
        lambda c: Consent.SignedBy.REPRESENTATIVE if c.person.is_minor else Consent.SignedBy.SELF
    )
    representative_name = factory.LazyAttribute(lambda c: "Иванова Ольга Петровна" if c.person.is_minor else "")
    representative_relation = factory.LazyAttribute(lambda c: "мать" if c.person.is_minor else "")
    representative_document = factory.LazyAttribute(lambda c: "паспорт 1901 № 123456" if c.person.is_minor else "")


class MentorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorProfile

    category = MentorProfile.Category.TEACHER
    capacity = 2
    competencies = "математика"


class MenteeProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenteeProfile

    status = MenteeProfile.Status.WAITING
    request = "Подтянуть математику"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"ООО «Партнёр {n}»")
