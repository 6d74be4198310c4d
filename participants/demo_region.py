"""The participants' step of the region-scale data set (mentoring.demo_region): 1,200 students in
44 classes, 100 teachers with their consents, a mentor base of 150 (80 teachers, 70 senior
students) and 500 mentees; the mentor and mentee personas get their people."""

from __future__ import annotations

import datetime
import random

from mentoring.demo_region import BATCH, Scale, ScaleContext, personas
from mentoring.models import Organization, Role
from mentoring.text import normalize_search
from participants import membership
from participants.demo import FEMALE_FIRST, INDECLINABLE, MALE_FIRST, PATRONYMICS, SURNAMES, _feminine
from participants.models import (
    Consent,
    MenteeCategory,
    MenteeProfile,
    MentorProfile,
    MentorStatusChange,
    Person,
    StudyGroup,
    name_key,
    person_sort_key,
)

LETTERS = "АБВГ"
SUBJECTS = [
    ("учитель математики", "математика"),
    ("учитель русского языка и литературы", "русский язык, литература"),
    ("учитель физики", "физика"),
    ("учитель истории и обществознания", "история, обществознание"),
    ("учитель информатики", "информатика"),
    ("учитель начальных классов", ""),
    ("учитель английского языка", "английский язык"),
    ("учитель биологии", "биология"),
    ("учитель химии", "химия"),
    ("учитель географии", "география"),
    ("учитель физической культуры", "физическая культура"),
    ("учитель технологии", "технология"),
]


def seed_people(context: ScaleContext) -> None:
    org, year, scale, today = context.organization, context.year, context.scale, context.today
    names = _Names(seed=context.index)
    students, _groups = _students(org, year, scale, names)
    teachers = _teachers(org, scale, names, today)
    membership.memberships_record(organization=org, year=year, people=[*students, *teachers], source="Демо-данные")
    _consents([*students, *teachers], year.start_date)
    mentors = _mentors(teachers, students, scale, year.start_date)
    mentees = _mentees(students, teachers, scale, today)
    mentor, mentee = mentors[0].person, mentees[0].person
    users = personas(context, mentor=mentor, mentee=mentee)
    Person.objects.filter(pk=mentor.pk).update(user=users[Role.MENTOR])
    Person.objects.filter(pk=mentee.pk).update(user=users[Role.MENTEE])
    context.shared.update(mentors=mentors, mentees=mentees)


class _Names:
    """Realistic Russian names from the demo pools, reproducible for a seed."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)  # nosec B311 # reproducible demo names, not a secret

    def person(self) -> tuple[str, str, str, str]:
        sex = self.rng.choice("mf")
        surname = self.rng.choice(SURNAMES + INDECLINABLE)
        male, female = self.rng.choice(PATRONYMICS)
        if sex == "m":
            return surname, self.rng.choice(MALE_FIRST), male, sex
        return _feminine(surname), self.rng.choice(FEMALE_FIRST), female, sex


def _person(org: Organization, **fields) -> Person:
    person = Person(organization=org, **fields)
    person.name_key = name_key(person.last_name, person.first_name, person.middle_name)
    person.sort_key = person_sort_key(person.last_name, person.first_name, person.middle_name)
    group = fields.get("study_group")
    person.search_text = normalize_search(
        " ".join([person.full_name, group.name if group else "", person.position, person.subject, person.email])
    )
    return person


def _students(org, year, scale: Scale, names: _Names) -> tuple[list[Person], list[StudyGroup]]:
    groups = StudyGroup.objects.bulk_create(
        StudyGroup(organization=org, academic_year=year, grade=grade, letter=letter, name=f"{grade}{letter}")
        for grade in range(1, 12)
        for letter in LETTERS
    )
    people, seen = [], set()
    for i in range(scale.students):
        group = groups[i % len(groups)]
        while True:  # full name + birth date identify a student: draw again on a clash
            last, first, middle, sex = names.person()
            birth = datetime.date(year.start_year - group.grade - 7, names.rng.randint(1, 12), names.rng.randint(1, 28))
            key = (name_key(last, first, middle), birth)
            if key not in seen:
                seen.add(key)
                break
        people.append(
            _person(
                org,
                kind=Person.Kind.STUDENT,
                last_name=last,
                first_name=first,
                middle_name=middle,
                sex=sex,
                birth_date=birth,
                study_group=group,
            )
        )
    return Person.objects.bulk_create(people, batch_size=BATCH), groups


def _teachers(org, scale: Scale, names: _Names, today: datetime.date) -> list[Person]:
    people = []
    for i in range(scale.teachers):
        last, first, middle, sex = names.person()
        position, subject = SUBJECTS[i % len(SUBJECTS)]
        people.append(
            _person(
                org,
                kind=Person.Kind.TEACHER,
                last_name=last,
                first_name=first,
                middle_name=middle,
                sex=sex,
                position=position,
                subject=subject,
                teaching_start_year=today.year - (i * 7) % 38,
                email=f"t{i}.{org.slug}@example.org",
            )
        )
    return Person.objects.bulk_create(people, batch_size=BATCH)


def _consents(people: list[Person], start: datetime.date) -> None:
    rows = []
    for person in people:
        minor = person.kind == Person.Kind.STUDENT
        rows.append(
            Consent(
                person=person,
                kind=Consent.Kind.PROCESSING,
                signed_on=start + datetime.timedelta(days=3 + person.pk % 20),
                signed_by=Consent.SignedBy.REPRESENTATIVE if minor else Consent.SignedBy.SELF,
                representative_name=f"{person.last_name if person.sex == 'f' else _feminine(person.last_name)} "
                "Елена Викторовна"
                if minor
                else "",
                representative_relation="мать" if minor else "",
                representative_document=f"паспорт 19 0{person.pk % 10} № {400000 + person.pk % 600000}"
                if minor
                else "",
            )
        )
    Consent.objects.bulk_create(rows, batch_size=BATCH)


def _mentors(teachers, students, scale: Scale, start: datetime.date) -> list[MentorProfile]:
    since = start + datetime.timedelta(days=20)
    seniors = [s for s in students if s.study_group.grade >= 10][: scale.student_mentors]
    profiles = [
        MentorProfile(
            person=teacher,
            category=MentorProfile.Category.TEACHER,
            status=MentorProfile.Status.ACTIVE,
            status_date=since,
            entry_date=since - datetime.timedelta(days=14),
            capacity=3,
            competencies=f"{teacher.subject or 'начальная школа'}; классное руководство",
            useful_for="Помогу с учёбой, проектами и подготовкой к экзаменам",
        )
        for teacher in teachers[: scale.teacher_mentors]
    ] + [
        MentorProfile(
            person=student,
            category=MentorProfile.Category.STUDENT,
            status=MentorProfile.Status.ACTIVE,
            status_date=since,
            entry_date=since - datetime.timedelta(days=14),
            capacity=1,
            competencies="математика, русский язык",
            useful_for="Помогу с учёбой и адаптацией в школе",
            preferred_grade_min=5,
            preferred_grade_max=9,
        )
        for student in seniors
    ]
    profiles = MentorProfile.objects.bulk_create(profiles, batch_size=BATCH)
    MentorStatusChange.objects.bulk_create(
        (MentorStatusChange(mentor=p, status=p.status, date=p.status_date, note="Приказ") for p in profiles),
        batch_size=BATCH,
    )
    return profiles


def _mentees(students, teachers, scale: Scale, today: datetime.date) -> list[MenteeProfile]:
    """``pairs`` mentees in pairs first (grades 5–9, for the student mentors' higher-grade rule),
    then as many again waiting or candidates."""
    juniors = [s for s in students if 5 <= s.study_group.grade <= 9]
    chosen = juniors[: scale.pairs + scale.pairs * 2 // 3]
    profiles = MenteeProfile.objects.bulk_create(
        (
            MenteeProfile(
                person=person,
                status=MenteeProfile.Status.PAIRED
                if i < scale.pairs
                else (MenteeProfile.Status.WAITING if i % 3 else MenteeProfile.Status.CANDIDATE),
                status_date=today - datetime.timedelta(days=5 + i % 60),
                entry_date=today - datetime.timedelta(days=70 + i % 30),
                request="Подтянуть математику и подготовиться к контрольным",
                nominated_by=MenteeProfile.NominatedBy.CLASS_TEACHER,
            )
            for i, person in enumerate(chosen)
        ),
        batch_size=BATCH,
    )
    categories = list(MenteeCategory.objects.filter(audience=MenteeCategory.Audience.STUDENT))
    if categories:
        through = MenteeProfile.categories.through
        through.objects.bulk_create(
            (through(menteeprofile=p, menteecategory=categories[i % len(categories)]) for i, p in enumerate(profiles)),
            batch_size=BATCH,
        )
    return profiles
