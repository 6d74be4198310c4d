"""A region-sized data set for the benchmark (``seed_demo --scale school|region``).

Each generated organization is a large school: 1,200 students in 44 classes, 100 teachers, a mentor
base of 150 (80 teachers, 70 senior students), 500 mentees, 300 pairs in two programmes, 6,000
meetings with feedback, development plans, a roadmap and a registry of orders. Rows are written with
``bulk_create`` in batches, one transaction per organization, so an interrupted run leaves whole
organizations only; a second run skips the organizations that exist (idempotent).

``bulk_create`` skips ``save()``: the denormalized columns (``Person.name_key``/``search_text``,
``MentorshipMember.programme``, ``User.search_text``) are filled here exactly as ``save()`` would."""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from mentoring.demo import DEMO_PASSWORD
from mentoring.models import AcademicYear, Order, OrderKind, Organization, Region, Role, User, UserRole
from mentoring.text import normalize_search
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
)
from programs.models import Feedback, Meeting, MentoringForm, Mentorship, MentorshipMember, PlanGoal, Programme

BATCH = 2000
REGION_NAME = "Нагрузочный муниципальный округ"
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
# A demo persona per role in every generated organization: «<slug>-<role>», password «demo».
PERSONA_ROLES = [Role.DIRECTOR, Role.CURATOR, Role.PSYCHOLOGIST, Role.STAFF, Role.MENTOR, Role.MENTEE]


@dataclass(frozen=True)
class Scale:
    organizations: int
    students: int
    teachers: int
    pairs: int
    meetings: int  # per organization, spread over the pairs

    @property
    def teacher_mentors(self) -> int:
        return max(1, self.teachers * 4 // 5)

    @property
    def student_mentors(self) -> int:
        return max(1, self.pairs * 7 // 30)


SCALES = {
    "tiny": Scale(organizations=2, students=120, teachers=12, pairs=20, meetings=200),  # tests and the CI smoke run
    "school": Scale(organizations=1, students=1200, teachers=100, pairs=300, meetings=6000),
    "region": Scale(organizations=50, students=1200, teachers=100, pairs=300, meetings=6000),
}


def organization_slug(index: int) -> str:
    return f"region-{index:02d}"


def persona_username(index: int, role: str) -> str:
    return f"{organization_slug(index)}-{role}"


REGION_USERNAME = "region-coordinator"


def seed_region(*, scale: Scale, today: datetime.date | None = None, log: Callable[[str], None] = print) -> dict:
    """Creates the missing organizations of the scale; returns counts and the seconds it took."""
    today = today or timezone.localdate()
    started = time.perf_counter()
    region, _ = Region.objects.get_or_create(name=REGION_NAME)
    year = AcademicYear.for_date(today)
    password = make_password(DEMO_PASSWORD)  # hashed once: PBKDF2 per user would dominate the run
    _region_user(region, password)
    created = 0
    for index in range(1, scale.organizations + 1):
        if Organization.objects.filter(slug=organization_slug(index)).exists():
            continue
        org_started = time.perf_counter()
        with transaction.atomic():
            _organization(index, region=region, year=year, scale=scale, today=today, password=password)
        created += 1
        log(f"  {organization_slug(index)}: {time.perf_counter() - org_started:.1f} с")
    return {"organizations_created": created, "seconds": round(time.perf_counter() - started, 1)}


def _region_user(region: Region, password: str) -> None:
    if User.objects.filter(username=REGION_USERNAME).exists():
        return
    user = User(
        username=REGION_USERNAME,
        last_name="Белова",
        first_name="Ирина",
        middle_name="Олеговна",
        position="главный специалист управления образования",
        email=f"{REGION_USERNAME}@example.org",
        region=region,
        is_demo=True,
        password=password,
    )
    user.save()
    UserRole.objects.create(user=user, role=Role.REGION)


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
    group = fields.get("study_group")
    person.search_text = normalize_search(
        " ".join([person.full_name, group.name if group else "", person.position, person.subject, person.email])
    )
    return person


def _organization(
    index: int, *, region: Region, year: AcademicYear, scale: Scale, today: datetime.date, password: str
) -> Organization:
    number = 100 + index
    org = Organization.objects.create(
        slug=organization_slug(index),
        name=f"Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № {number}»",
        short_name=f"МБОУ «СОШ № {number}»",
        region=region,
        address=f"162{index:03d}, Вологодская область, г. Нагрузочный, ул. Школьная, д. {index}",
        inn=f"35250{index:05d}",
        phone=f"+7 (8172) 55-{index:02d}-00",
        email=f"school{number}@example.org",
    )
    names = _Names(seed=index)
    students, groups = _students(org, year, scale, names)
    teachers = _teachers(org, scale, names, today)
    _consents([*students, *teachers], year.start_date)
    mentors = _mentors(teachers, students, scale, year.start_date)
    mentees = _mentees(students, teachers, scale, today)
    users = _personas(index, org, password, mentor=mentors[0].person, mentee=mentees[0].person)
    pairs = _pairs(org, year, mentors, mentees, scale, today, creator=users[Role.CURATOR])
    _meetings(pairs, scale, today, creator=users[Role.MENTOR])
    _goals(pairs, today)
    _orders(org, year, users[Role.DIRECTOR])
    _roadmap(org, year, today)
    return org


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


def _personas(index: int, org: Organization, password: str, *, mentor: Person, mentee: Person) -> dict[str, User]:
    names = {
        Role.DIRECTOR: ("Смирнова", "Елена", "Викторовна", "директор"),
        Role.CURATOR: ("Кузнецова", "Ольга", "Николаевна", "заместитель директора по УВР"),
        Role.PSYCHOLOGIST: ("Морозова", "Анна", "Сергеевна", "педагог-психолог"),
        Role.STAFF: ("Васильев", "Дмитрий", "Андреевич", "секретарь учебной части"),
        Role.MENTOR: (mentor.last_name, mentor.first_name, mentor.middle_name, mentor.position or "наставник"),
        Role.MENTEE: (mentee.last_name, mentee.first_name, mentee.middle_name, "обучающийся"),
    }
    users = {}
    for role in PERSONA_ROLES:
        last, first, middle, position = names[role]
        username = persona_username(index, role)
        users[role] = User(
            username=username,
            email=f"{username}@example.org",
            last_name=last,
            first_name=first,
            middle_name=middle,
            position=position,
            organization=org,
            is_demo=True,
            password=password,
            search_text=normalize_search(f"{last} {first} {middle} {username} {username}@example.org"),
        )
    User.objects.bulk_create(users.values())
    UserRole.objects.bulk_create(UserRole(user=user, role=role) for role, user in users.items())
    Person.objects.filter(pk=mentor.pk).update(user=users[Role.MENTOR])
    Person.objects.filter(pk=mentee.pk).update(user=users[Role.MENTEE])
    return users


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
                is_active=pair.status != Mentorship.Status.COMPLETED,
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


def _orders(org: Organization, year: AcademicYear, director: User) -> None:
    kinds = list(OrderKind)
    Order.objects.bulk_create(
        Order(
            organization=org,
            kind=kinds[n % len(kinds)],
            number=f"{40 + n}-о",
            year=(year.start_date + datetime.timedelta(days=7 * n)).year,
            date=year.start_date + datetime.timedelta(days=7 * n),
            title=kinds[n % len(kinds)].label,
            points="Утвердить прилагаемый документ.\nКонтроль исполнения приказа оставляю за собой.",
            signer=director,
            created_by=director,
        )
        for n in range(24)
    )


def _roadmap(org: Organization, year: AcademicYear, today: datetime.date) -> None:
    from roadmap.services import roadmap_load_template

    roadmap_load_template(organization=org, template_key="sosh-59", academic_year=year, today=today)
