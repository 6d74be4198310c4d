"""Demo bases: a school with classes 5–11 of about 25 students, teachers, mentors and mentees with
requests and consents; a college with groups and partners. Idempotent: people are found by name."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from mentoring.demo import DemoContext
from mentoring.models import Organization, User
from participants.models import (
    Consent,
    MenteeCategory,
    MenteeProfile,
    MentorProfile,
    MentorStatusChange,
    MentorTraining,
    Partner,
    Person,
    StudyGroup,
    name_key,
)

MALE_FIRST = [
    "Александр",
    "Максим",
    "Иван",
    "Артём",
    "Дмитрий",
    "Никита",
    "Михаил",
    "Даниил",
    "Егор",
    "Андрей",
    "Кирилл",
    "Илья",
    "Матвей",
    "Роман",
    "Тимофей",
    "Глеб",
    "Степан",
    "Фёдор",
    "Лев",
    "Павел",
]
FEMALE_FIRST = [
    "Анастасия",
    "Мария",
    "Анна",
    "Виктория",
    "Полина",
    "Елизавета",
    "Дарья",
    "Алёна",
    "Ксения",
    "Софья",
    "Варвара",
    "Вероника",
    "Алиса",
    "Екатерина",
    "Ульяна",
    "Арина",
    "Милана",
    "Таисия",
]
SURNAMES = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Белов",
]
INDECLINABLE = ["Шевченко", "Долгих", "Черных", "Цой", "Гурко"]
# father's name: (male patronymic, female patronymic)
PATRONYMICS = [
    ("Александрович", "Александровна"),
    ("Сергеевич", "Сергеевна"),
    ("Андреевич", "Андреевна"),
    ("Дмитриевич", "Дмитриевна"),
    ("Алексеевич", "Алексеевна"),
    ("Михайлович", "Михайловна"),
    ("Игоревич", "Игоревна"),
    ("Владимирович", "Владимировна"),
    ("Евгеньевич", "Евгеньевна"),
    ("Николаевич", "Николаевна"),
    ("Олегович", "Олеговна"),
    ("Павлович", "Павловна"),
    ("Юрьевич", "Юрьевна"),
    ("Викторович", "Викторовна"),
    ("Ильич", "Ильинична"),
]

SCHOOL_TEACHERS = [
    # last, first, middle, sex, position, subject, start year offset (years of teaching)
    ("Петров", "Алексей", "Игоревич", "m", "учитель математики", "математика", 17),
    ("Соколова", "Марина", "Владимировна", "f", "учитель русского языка и литературы", "русский язык, литература", 22),
    ("Зайцева", "Ирина", "Павловна", "f", "учитель физики", "физика", 28),
    ("Беляева", "Ольга", "Геннадьевна", "f", "учитель истории и обществознания", "история, обществознание", 12),
    ("Громов", "Виталий", "Сергеевич", "m", "учитель информатики", "информатика", 9),
    ("Кириллова", "Наталья", "Юрьевна", "f", "учитель начальных классов", "", 31),
    ("Шевченко", "Елена", "Андреевна", "f", "учитель английского языка", "английский язык", 6),
    ("Долгих", "Анна", "Сергеевна", "f", "учитель биологии", "биология", 2),
    ("Мельников", "Артур", "Рустамович", "m", "учитель физической культуры", "физическая культура", 1),
    ("Крылова", "Дарья", "Олеговна", "f", "учитель математики", "математика", 0),
    ("Тихонова", "Светлана", "Викторовна", "f", "учитель химии", "химия", 3),
    ("Абрамова", "Людмила", "Петровна", "f", "учитель географии", "география", 35),
    ("Цой", "Виктор", "Робертович", "m", "учитель технологии", "технология", 14),
    ("Ёлкина", "Татьяна", "Ивановна", "f", "социальный педагог", "", 11),
]

MENTEE_REQUESTS = {
    "low_results": [
        "Подтянуть математику, не понимаю дроби",
        "Трудности с русским языком, много ошибок в диктантах",
        "Боюсь ОГЭ по математике",
        "Не успеваю по физике, нужна помощь с задачами",
    ],
    "gifted": [
        "Хочу готовиться к олимпиаде по информатике",
        "Нужен наставник для проекта по биологии",
        "Интересуюсь робототехникой, хочу участвовать в соревнованиях",
    ],
    "not_involved": ["Хочу найти друзей и занятие по душе", "Трудно общаться с одноклассниками"],
    "behaviour": ["Часто конфликтую с учителями, хочу научиться спокойнее реагировать"],
    "hard_situation": ["Переехали в новый город, всё незнакомо"],
    "disabilities": ["Нужна помощь с организацией учёбы и домашних заданий"],
}


def seed(context: DemoContext) -> None:
    rng = random.Random(20251)  # nosec B311 # the same demo names on every machine and every run
    today = timezone.localdate()
    _school(context, rng, today)
    _college(context, rng, today)


def _person(organization: Organization, **fields) -> Person:
    key = name_key(fields["last_name"], fields["first_name"], fields.get("middle_name", ""))
    lookup = {"organization": organization, "name_key": key, "kind": fields["kind"]}
    if fields["kind"] == Person.Kind.STUDENT:
        lookup["birth_date"] = fields["birth_date"]
    person = Person.objects.filter(**lookup).first()
    if person is None:
        person = Person(organization=organization, **fields)
        person.save()
    return person


def _feminine(surname: str) -> str:
    if surname in INDECLINABLE:
        return surname
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    if surname.endswith("ий"):
        return surname[:-2] + "ая"
    return surname


def _student(rng: random.Random, organization, group, grade: int, year_start: int) -> Person:
    sex = rng.choice("mf")
    surname = rng.choice(SURNAMES + INDECLINABLE[:2])
    male_patronymic, female_patronymic = rng.choice(PATRONYMICS)
    if sex == "m":
        first, last, middle = rng.choice(MALE_FIRST), surname, male_patronymic
    else:
        first, last, middle = rng.choice(FEMALE_FIRST), _feminine(surname), female_patronymic
    birth_year = year_start - grade - 6
    birth = datetime.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
    return _person(
        organization,
        kind=Person.Kind.STUDENT,
        last_name=last,
        first_name=first,
        middle_name=middle,
        sex=sex,
        birth_date=birth,
        study_group=group,
    )


def _consent(person: Person, signed_on: datetime.date, *, publication: bool = False) -> None:
    if person.consents.exists():
        return
    minor = person.is_minor
    fields = {
        "signed_on": signed_on,
        "signed_by": Consent.SignedBy.REPRESENTATIVE if minor else Consent.SignedBy.SELF,
    }
    if minor:
        parent_first = "Елена" if person.pk % 2 else "Ольга"
        fields.update(
            representative_name=f"{_feminine(person.last_name) if person.sex == 'm' else person.last_name} "
            f"{parent_first} {'Викторовна' if person.pk % 3 else 'Сергеевна'}",
            representative_relation="мать",
            representative_document=f"паспорт 19 0{person.pk % 10} № {400000 + person.pk}",
        )
    Consent.objects.create(person=person, kind=Consent.Kind.PROCESSING, **fields)
    if publication:
        Consent.objects.create(person=person, kind=Consent.Kind.PUBLICATION, **fields)


def _mentor(
    person: Person, *, status: str, since: datetime.date, category: str, capacity: int, **texts
) -> MentorProfile:
    profile = MentorProfile.objects.filter(person=person).first()
    if profile is not None:
        return profile
    profile = MentorProfile.objects.create(
        person=person,
        category=category,
        status=status,
        status_date=since,
        capacity=capacity,
        entry_date=since - datetime.timedelta(days=30),
        **texts,
    )
    flow = [s.value for s in MentorProfile.Status]
    for i, step in enumerate(flow[: flow.index(status) + 1]):
        MentorStatusChange.objects.create(
            mentor=profile,
            status=step,
            date=profile.entry_date + datetime.timedelta(days=7 * i),
            note="Приказ об утверждении базы наставников" if step == "approved" else "",
        )
    if flow.index(status) >= flow.index("trained"):
        MentorTraining.objects.create(
            mentor=profile,
            title="Школа наставников",
            hours=16,
            completed_on=profile.entry_date + datetime.timedelta(days=21),
            certificate_number=f"ШН-{person.pk:04d}",
        )
    return profile


def _mentee(person: Person, *, status: str, since: datetime.date, codes: list[str], request: str, nominated: str):
    profile = MenteeProfile.objects.filter(person=person).first()
    if profile is not None:
        return profile
    profile = MenteeProfile.objects.create(
        person=person,
        status=status,
        status_date=since,
        request=request,
        nominated_by=nominated,
        entry_date=since - datetime.timedelta(days=10),
    )
    profile.categories.set(MenteeCategory.objects.filter(code__in=codes))
    return profile


def _link(person: Person, user: User) -> None:
    if person.user_id is None and not Person.objects.filter(user=user).exists():
        person.user = user
        person.email = person.email or user.email
        person.save()


def _school(context: DemoContext, rng: random.Random, today: datetime.date) -> None:
    org, year = context.school, context.year
    start = year.start_date
    students_by_grade: dict[int, list[Person]] = {}
    for grade in range(5, 12):
        letters = "АБ" if grade in (6, 7) else "А"
        for letter in letters:
            group, _ = StudyGroup.objects.get_or_create(
                organization=org,
                academic_year=year,
                name=f"{grade}{letter}",
                defaults={"grade": grade, "letter": letter},
            )
            size = 25 if len(letters) == 1 else 13
            students_by_grade.setdefault(grade, []).extend(
                _student(rng, org, group, grade, year.start_year) for _ in range(size)
            )
    teachers = []
    for last, first, middle, sex, position, subject, years in SCHOOL_TEACHERS:
        teachers.append(
            _person(
                org,
                kind=Person.Kind.TEACHER,
                last_name=last,
                first_name=first,
                middle_name=middle,
                sex=sex,
                position=position,
                subject=subject,
                teaching_start_year=today.year - years,
                email=f"{name_key(last, '', '').strip().replace(' ', '')}.school7@example.org".replace("ё", "е"),
            )
        )
    for teacher in teachers:
        _consent(teacher, start + datetime.timedelta(days=3), publication=teacher.last_name in ("Петров", "Соколова"))

    # Demo accounts: mentor1, mentor2 are teachers; mentee1 (7А) and mentee2 (6Б) are students.
    users = context.users
    _link(teachers[0], users["mentor1"])
    _link(teachers[1], users["mentor2"])
    group_7a = StudyGroup.objects.get(organization=org, academic_year=year, name="7А")
    group_6b = StudyGroup.objects.get(organization=org, academic_year=year, name="6Б")
    mentee1 = _person(
        org,
        kind=Person.Kind.STUDENT,
        last_name="Новиков",
        first_name="Артём",
        middle_name="Сергеевич",
        sex="m",
        birth_date=datetime.date(year.start_year - 13, 4, 12),
        study_group=group_7a,
    )
    mentee2 = _person(
        org,
        kind=Person.Kind.STUDENT,
        last_name="Фёдорова",
        first_name="Софья",
        middle_name="Алексеевна",
        sex="f",
        birth_date=datetime.date(year.start_year - 12, 10, 3),
        study_group=group_6b,
    )
    _link(mentee1, users["mentee1"])
    _link(mentee2, users["mentee2"])

    # Consents: almost every student; a few are still missing, as in any real school in September.
    for grade, students in students_by_grade.items():
        for i, student in enumerate(students):
            if i % 11 != 5:
                _consent(student, start + datetime.timedelta(days=5 + grade), publication=i % 4 == 0)
    for student in (mentee1, mentee2):
        _consent(student, start + datetime.timedelta(days=6))

    # Mentors: teachers, senior students (peer mentoring), a parent, a partner's employee.
    since = start + datetime.timedelta(days=40)
    texts = {
        0: {
            "competencies": "Алгебра и геометрия, подготовка к ОГЭ и ЕГЭ, олимпиадная математика",
            "interests": "шахматы, походы",
            "useful_for": "Помогу разобраться в математике и подготовиться к экзаменам",
        },
        1: {
            "competencies": "Русский язык, литература, подготовка к итоговому сочинению",
            "interests": "театр, чтение",
            "useful_for": "Научу писать грамотно и выступать публично",
        },
        2: {
            "competencies": "Физика, астрономия, исследовательские проекты",
            "interests": "астрономия",
            "useful_for": "Проектная и исследовательская работа",
        },
        4: {
            "competencies": "Информатика, программирование на Python, робототехника",
            "interests": "робототехника, компьютерные игры",
            "useful_for": "Олимпиады по информатике, проекты",
        },
        5: {
            "competencies": "Методика начального обучения, классное руководство",
            "interests": "краеведение",
            "useful_for": "Помогу молодому педагогу освоиться в классе",
        },
        11: {
            "competencies": "Методика преподавания географии, классное руководство, работа с родителями",
            "interests": "туризм",
            "useful_for": "Опыт 35 лет: адаптация молодых специалистов",
        },
    }
    for index, extra in texts.items():
        status = "active" if index in (0, 1, 4, 11) else "trained"
        capacity = 3 if index in (0, 1) else 2
        _mentor(
            teachers[index],
            status=status,
            since=since,
            category=MentorProfile.Category.TEACHER,
            capacity=capacity,
            **extra,
        )
    peer_mentors = students_by_grade[10][:4] + students_by_grade[11][:4]
    for i, student in enumerate(peer_mentors):
        _consent(student, start + datetime.timedelta(days=8))
        _mentor(
            student,
            status="active" if i < 5 else "interviewed",
            since=since,
            category="student",
            capacity=1,
            competencies=["математика", "английский язык", "биология", "русский язык"][i % 4],
            interests=["волейбол", "музыка", "программирование", "волонтёрство"][i % 4],
            useful_for="Помогу с учёбой и адаптацией в школе",
            preferred_grade_min=5,
            preferred_grade_max=8,
        )
    parent = _person(
        org,
        kind=Person.Kind.PARENT,
        last_name="Орлова",
        first_name="Вера",
        middle_name="Николаевна",
        sex="f",
        email="orlova.parent@example.org",
        phone="+7 921 555-12-34",
    )
    _consent(parent, start + datetime.timedelta(days=12))
    _mentor(
        parent,
        status="candidate",
        since=since,
        category="parent",
        capacity=2,
        competencies="Юрист; профориентация",
        useful_for="Расскажу о профессии юриста",
    )
    partner, _ = Partner.objects.get_or_create(
        organization=org,
        name="ООО «Северный машиностроительный завод»",
        defaults={
            "kind": Partner.Kind.EMPLOYER,
            "contact_person": "Смирнов Павел Андреевич",
            "phone": "+7 (8172) 21-45-67",
            "agreement_number": "12/2025",
            "agreement_date": start - datetime.timedelta(days=20),
        },
    )
    Partner.objects.get_or_create(
        organization=org,
        name="Центр детского творчества «Радуга»",
        defaults={"kind": Partner.Kind.CULTURE, "contact_person": "Лукина Ольга Петровна", "agreement_number": "3"},
    )
    engineer = _person(
        org,
        kind=Person.Kind.EXTERNAL,
        last_name="Гурко",
        first_name="Андрей",
        middle_name="Викторович",
        sex="m",
        partner=partner,
        position="инженер-конструктор",
    )
    _consent(engineer, start + datetime.timedelta(days=15))
    _mentor(
        engineer,
        status="approved",
        since=since,
        category="employer",
        capacity=2,
        competencies="Инженерное черчение, 3D-моделирование",
        useful_for="Профориентация, инженерные проекты",
    )

    # Mentees: students with requests and categories; two young teachers.
    candidates = [s for g in (5, 6, 7, 8, 9) for s in students_by_grade[g][:5]]
    codes = list(MENTEE_REQUESTS)
    for i, student in enumerate(candidates):
        code = codes[i % len(codes)]
        status = "waiting" if i % 3 else "candidate"
        _mentee(
            student,
            status=status,
            since=today - datetime.timedelta(days=3 + 2 * i),
            codes=[code],
            request=MENTEE_REQUESTS[code][i % len(MENTEE_REQUESTS[code])],
            nominated=["class_teacher", "psychologist", "parent", "self"][i % 4],
        )
    _mentee(
        mentee1,
        status="waiting",
        since=today - datetime.timedelta(days=20),
        codes=["low_results"],
        request="Подтянуть алгебру и геометрию, готовиться к контрольным",
        nominated="class_teacher",
    )
    _mentee(
        mentee2,
        status="waiting",
        since=today - datetime.timedelta(days=12),
        codes=["not_involved"],
        request="Хочу участвовать в школьных проектах и найти друзей",
        nominated="self",
    )
    for teacher, code, request in (
        (teachers[7], "young_specialist", "Освоить классное руководство и работу с родителями"),
        (teachers[9], "young_specialist", "Методика подготовки к ОГЭ по математике"),
        (teachers[8], "adaptation", "Адаптация в коллективе, оформление документации"),
    ):
        _mentee(
            teacher,
            status="waiting",
            since=today - datetime.timedelta(days=25),
            codes=[code],
            request=request,
            nominated="administration",
        )


def _college(context: DemoContext, rng: random.Random, today: datetime.date) -> None:
    org, year = context.college, context.year
    start = year.start_date
    for name, course in (("ГД-21", 3), ("ГД-22", 2), ("СЭЗ-23", 1), ("ТЭО-22", 2)):
        group, _ = StudyGroup.objects.get_or_create(
            organization=org, academic_year=year, name=name, defaults={"grade": course}
        )
        for _ in range(15):
            student = _student(rng, org, group, course + 9, year.start_year)
            _consent(student, start + datetime.timedelta(days=10))
    partners = [
        ("АО «Демонстрационная угольная компания»", Partner.Kind.EMPLOYER, "Ковалёв Дмитрий Ильич", "7-П"),
        ("ООО «Стройинвест»", Partner.Kind.EMPLOYER, "Жукова Марина Олеговна", "15-П"),
        ("Центр занятости населения г. Демонстрационный", Partner.Kind.AGENCY, "Рябова Ирина Васильевна", "2-П"),
        ("Региональное отделение «Движение первых»", Partner.Kind.NGO, "Соболев Никита Андреевич", ""),
    ]
    partner_objects = []
    for name, kind, contact, number in partners:
        partner, _ = Partner.objects.get_or_create(
            organization=org,
            name=name,
            defaults={
                "kind": kind,
                "contact_person": contact,
                "agreement_number": number,
                "agreement_date": start - datetime.timedelta(days=60) if number else None,
            },
        )
        partner_objects.append(partner)
    master = _person(
        org,
        kind=Person.Kind.TEACHER,
        last_name="Волков",
        first_name="Игорь",
        middle_name="Евгеньевич",
        sex="m",
        position="мастер производственного обучения",
        subject="горное дело",
        teaching_start_year=today.year - 19,
    )
    _link(master, context.users["mentor_b1"])
    _consent(master, start + datetime.timedelta(days=4))
    _mentor(
        master,
        status="active",
        since=start + datetime.timedelta(days=30),
        category="teacher",
        capacity=3,
        competencies="Горное дело, охрана труда, практика на предприятии",
        useful_for="Подготовка к практике",
    )
    miner = _person(
        org,
        kind=Person.Kind.EXTERNAL,
        last_name="Ковалёв",
        first_name="Дмитрий",
        middle_name="Ильич",
        sex="m",
        partner=partner_objects[0],
        position="горный мастер участка",
    )
    _consent(miner, start + datetime.timedelta(days=9))
    _mentor(
        miner,
        status="trained",
        since=start + datetime.timedelta(days=30),
        category="employer",
        capacity=2,
        competencies="Открытые горные работы",
        useful_for="Наставничество на производственной практике",
    )
    for i, student in enumerate(Person.objects.filter(organization=org, kind=Person.Kind.STUDENT)[:6]):
        _mentee(
            student,
            status="waiting",
            since=today - datetime.timedelta(days=5 + i),
            codes=["not_involved"],
            request="Адаптация к учёбе в техникуме и выбор места практики",
            nominated="class_teacher",
        )
