"""A region-sized data set for the benchmark (``seed_demo --scale school|region``).

Each generated organization is a large school: 1,200 students in 44 classes, 100 teachers, a mentor
base of 150 (80 teachers, 70 senior students), 500 mentees, 300 pairs in two programmes, 6,000
meetings with feedback, development plans, a roadmap and a registry of orders. Rows are written with
``bulk_create`` in batches, one transaction per organization, so an interrupted run leaves whole
organizations only; a second run skips the organizations that exist (idempotent).

Each app adds its part of an organization as a step (``register_step`` from its AppConfig.ready()):
people and consents (participants), pairs and meetings (programs), the roadmap; the core adds the
organization, the region coordinator and the registry of orders. ``bulk_create`` skips ``save()``:
the denormalized columns (``Person.name_key``/``search_text``, ``MentorshipMember.programme``,
``User.search_text``) are filled by the steps exactly as ``save()`` would."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from mentoring.demo import DEMO_PASSWORD
from mentoring.models import AcademicYear, Organization, Region, Role, User, UserRole
from mentoring.orders.models import Order, OrderKind
from mentoring.text import normalize_search

BATCH = 2000
REGION_NAME = "Нагрузочный муниципальный округ"
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
    context = ScaleContext(index=index, organization=org, year=year, scale=scale, today=today, password=password)
    for step in sorted(_STEPS, key=lambda s: s.order):
        step.run(context)
    return org


@dataclass
class ScaleContext:
    """One generated organization, handed to every app's step in turn; ``users`` are the personas
    by role (made by the participants step), ``shared`` what one step leaves for the next."""

    index: int
    organization: Organization
    year: AcademicYear
    scale: Scale
    today: datetime.date
    password: str
    users: dict[str, User] = field(default_factory=dict)
    shared: dict[str, list] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    name: str
    order: int
    run: Callable[[ScaleContext], None]


_STEPS: list[Step] = []


def register_step(name: str, run: Callable[[ScaleContext], None], *, order: int) -> None:
    _STEPS[:] = [s for s in _STEPS if s.name != name] + [Step(name, order, run)]


def personas(context: ScaleContext, *, mentor, mentee) -> dict[str, User]:
    """The demo users of a generated organization, the mentor and the mentee linked to their people
    by the caller: «<slug>-<role>», password «demo»."""
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
        username = persona_username(context.index, role)
        users[role] = User(
            username=username,
            email=f"{username}@example.org",
            last_name=last,
            first_name=first,
            middle_name=middle,
            position=position,
            organization=context.organization,
            is_demo=True,
            password=context.password,
            search_text=normalize_search(f"{last} {first} {middle} {username} {username}@example.org"),
        )
    User.objects.bulk_create(users.values())
    UserRole.objects.bulk_create(UserRole(user=user, role=role) for role, user in users.items())
    context.users = users
    return users


def orders(context: ScaleContext) -> None:
    """The core's step: a registry of 24 orders of the year."""
    org, year, director = context.organization, context.year, context.users[Role.DIRECTOR]
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
