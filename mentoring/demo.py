"""Demo data of the core: a region, a school and a college, the fixed demo users (password «demo»).

Every app adds its own demo data in ``<app>/demo.py`` with a ``seed(context)`` function that
``seed_demo`` calls in the order of INSTALLED_APPS; each must be idempotent."""

from __future__ import annotations

from dataclasses import dataclass, field

from mentoring.models import AcademicYear, Organization, Region, Role, User
from mentoring.services import user_set_roles

DEMO_PASSWORD = "demo"  # noqa: S105  # nosec B105 # the documented demo password; check --deploy refuses demo users


@dataclass
class DemoContext:
    region: Region
    school: Organization
    college: Organization
    year: AcademicYear
    previous_year: AcademicYear
    users: dict[str, User] = field(default_factory=dict)


SCHOOL = {
    "slug": "demo-school",
    "name": "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»",
    "short_name": "МБОУ «СОШ № 7»",
    "kind": Organization.Kind.SCHOOL,
    "address": "162000, Вологодская область, г. Демонстрационный, ул. Школьная, д. 7",
    "inn": "3525012345",
    "ogrn": "1023500871234",
    "phone": "+7 (8172) 55-07-07",
    "email": "school7@example.org",
}
COLLEGE = {
    "slug": "demo-college",
    "name": (
        "Государственное бюджетное профессиональное образовательное учреждение "
        "«Демонстрационный политехнический техникум»"
    ),
    "short_name": "ГБПОУ «ДПТ»",
    "kind": Organization.Kind.COLLEGE,
    "address": "162001, Вологодская область, г. Демонстрационный, пр. Строителей, д. 21",
    "inn": "3525067890",
    "ogrn": "1023500875678",
    "phone": "+7 (8172) 55-21-21",
    "email": "college@example.org",
}

# username: (organization key, last, first, middle, position, roles)
DEMO_USERS = {
    "director": ("school", "Смирнова", "Елена", "Викторовна", "директор", [Role.DIRECTOR]),
    "curator": ("school", "Кузнецова", "Ольга", "Николаевна", "заместитель директора по УВР", [Role.CURATOR]),
    "psychologist": ("school", "Морозова", "Анна", "Сергеевна", "педагог-психолог", [Role.PSYCHOLOGIST]),
    "staff": ("school", "Васильев", "Дмитрий", "Андреевич", "секретарь учебной части", [Role.STAFF]),
    "mentor1": ("school", "Петров", "Алексей", "Игоревич", "учитель математики", [Role.MENTOR]),
    "mentor2": ("school", "Соколова", "Марина", "Владимировна", "учитель русского языка и литературы", [Role.MENTOR]),
    "mentee1": ("school", "Новиков", "Артём", "Сергеевич", "обучающийся 7 «А» класса", [Role.MENTEE]),
    "mentee2": ("school", "Фёдорова", "Софья", "Алексеевна", "обучающаяся 6 «Б» класса", [Role.MENTEE]),
    "director_b": ("college", "Лебедев", "Сергей", "Петрович", "директор", [Role.DIRECTOR]),
    "curator_b": (
        "college",
        "Егорова",
        "Наталья",
        "Ивановна",
        "заместитель директора по учебно-воспитательной работе",
        [Role.CURATOR],
    ),
    "mentor_b1": ("college", "Волков", "Игорь", "Евгеньевич", "мастер производственного обучения", [Role.MENTOR]),
    "region": (None, "Григорьева", "Татьяна", "Михайловна", "главный специалист управления образования", [Role.REGION]),
}


def seed_core(*, today) -> DemoContext:
    region, _ = Region.objects.get_or_create(name="Демонстрационный муниципальный округ")
    school = _organization(SCHOOL, region)
    college = _organization(COLLEGE, region)
    year = AcademicYear.for_date(today)
    previous_year = AcademicYear.for_date(year.start_date.replace(year=year.start_year - 1))
    context = DemoContext(region=region, school=school, college=college, year=year, previous_year=previous_year)
    orgs = {"school": school, "college": college}
    for username, (org_key, last, first, middle, position, roles) in DEMO_USERS.items():
        context.users[username] = _demo_user(
            username,
            organization=orgs.get(org_key),
            region=region if org_key is None else None,
            last_name=last,
            first_name=first,
            middle_name=middle,
            position=position,
            roles=roles,
        )
    seed_orders(context)
    return context


# (organization key, number, days after 1 September, kind, signed, [(role, username or full name, note)])
DEMO_ORDERS = [
    ("school", "112-о", 0, "curators", True, [
        ("curator", "curator", ""),
        ("form_curator", "Ильина Наталья Ильинична", "форма «учитель – учитель»"),
        ("form_curator", "Шевченко Тарас Григорьевич", "форма «ученик – ученик»"),
    ]),
    ("school", "113-о", 1, "regulations", True, []),
    ("school", "120-о", 9, "mentor_base", True, [("acquainted", "mentor1", ""), ("acquainted", "mentor2", "")]),
    ("school", "127-о", 14, "pairs", False, [("mentor", "mentor1", ""), ("mentee", "mentee1", "")]),
    ("college", "86-о", 0, "curators", True, [
        ("curator", "curator_b", ""),
        ("form_curator", "Долгих Анна Сергеевна", "форма «работодатель – студент»"),
    ]),
]  # fmt: skip


def seed_orders(context: DemoContext) -> None:
    """A few orders per organization, most signed; an existing number is left as it is (idempotent).
    Form curators are named without accounts so that signing does not change the demo users' roles."""
    import datetime

    from mentoring.orders import services as order_services
    from mentoring.orders.documents import annex_is_empty, order_document
    from mentoring.orders.models import Order

    orgs = {"school": (context.school, "director"), "college": (context.college, "director_b")}
    for org_key, number, days, kind, signed, people in DEMO_ORDERS:
        organization, director = orgs[org_key][0], context.users[orgs[org_key][1]]
        date = context.year.start_date + datetime.timedelta(days=days)
        if Order.objects.filter(organization=organization, year=date.year, number=number).exists():
            continue
        order = order_services.order_create(
            organization=organization, kind=kind, user=director, date=date, number=number
        )
        for role, who, note in people:
            user = context.users.get(who)
            order_services.order_subject_add(
                order=order, role=role, user=user, full_name="" if user else who, note=note
            )
        if signed:
            # An empty annex is never signed: a demo order without its data goes without it.
            filled = [a["key"] for a in order_document(order)["annexes"] if not annex_is_empty(a)]
            if filled != order.annexes:
                order = order_services.order_update(order=order, annexes=filled)
            order_services.order_sign(order=order, user=director)


def _organization(data: dict, region: Region) -> Organization:
    values = {k: v for k, v in data.items() if k != "slug"}
    organization, _ = Organization.objects.update_or_create(slug=data["slug"], defaults={**values, "region": region})
    return organization


def _demo_user(username: str, *, roles: list[str], **fields) -> User:
    """Demo users keep their password «demo» and their roles on every run; other edits stay."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=f"{username}@example.org", is_demo=True, **fields)
        user.set_password(DEMO_PASSWORD)
        user.full_clean()
        user.save()
    user_set_roles(user=user, roles=roles)
    return user


def delete_demo_users() -> int:
    count, _ = User.objects.filter(is_demo=True).delete()
    return count
