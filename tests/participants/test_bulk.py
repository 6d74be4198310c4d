"""Bulk actions on the lists that hold people: one POST for a whole class, all or nothing."""

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from participants.models import Consent, MenteeCategory, MenteeProfile, MentorProfile, Person
from participants.services import ensure_can_be_paired
from tests.participants.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    PersonFactory,
    StudyGroupFactory,
    TeacherFactory,
)
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db
URL = reverse("participants:bulk")


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _class_of(world, size):
    group = StudyGroupFactory(organization=world.org, grade=6, letter="В")
    return group, [PersonFactory(organization=world.org, study_group=group) for _ in range(size)]


def test_a_whole_class_enters_the_mentee_base_with_a_category_in_one_action(world, login):
    group, students = _class_of(world, 22)
    category = MenteeCategory.objects.get(code="gifted")
    day = timezone.localdate() - datetime.timedelta(days=2)
    response = login(world.curator).post(
        URL,
        {
            "scope": "group",
            "group": group.pk,
            "all_matching": "on",
            "action": "mentee_base",
            "mentee_category": category.pk,
            "date": day.isoformat(),
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("participants:group", args=[group.pk])
    assert _messages(response) == ["Внесено в базу наставляемых: 22."]
    mentees = MenteeProfile.objects.filter(person__in=students)
    assert mentees.count() == 22
    assert {(m.status, m.entry_date) for m in mentees} == {(MenteeProfile.Status.WAITING, day)}
    assert all(list(m.categories.all()) == [category] for m in mentees)
    again = login(world.curator).post(
        URL, {"scope": "group", "group": group.pk, "all_matching": "on", "action": "mentee_base", "date": day}
    )
    assert _messages(again) == ["Внесено в базу наставляемых: 0; уже были в базе: 22."]


def test_paper_consents_received_on_a_date_let_the_class_be_paired(world, login):
    group, students = _class_of(world, 3)
    adult = PersonFactory(organization=world.org, study_group=group, birth_date=datetime.date(2000, 1, 1))
    ConsentFactory(person=students[0])
    day = timezone.localdate()
    response = login(world.staff).post(
        URL, {"scope": "group", "group": group.pk, "all_matching": "on", "action": "consents", "date": day}
    )
    assert _messages(response) == [f"Внесены согласия на обработку ПДн от {day:%d.%m.%Y}: 3; согласие уже было: 1."]
    minor = Consent.objects.get(person=students[1])
    assert (minor.signed_by, minor.details_on_paper, minor.signed_on) == ("representative", True, day)
    assert Consent.objects.get(person=adult).signed_by == "self"
    for person in Person.objects.filter(study_group=group):
        ensure_can_be_paired(person)  # no error: every child has a valid consent


def test_one_refusal_rolls_the_whole_action_back_and_names_the_person(world, login):
    ready = [MentorProfileFactory(person=TeacherFactory(organization=world.org)) for _ in range(2)]
    stuck = MentorProfileFactory(
        person=TeacherFactory(organization=world.org, last_name="Зайцева", first_name="Нина", middle_name="Ивановна"),
        status=MentorProfile.Status.ACTIVE,
    )
    ids = [m.person_id for m in [*ready, stuck]]
    response = login(world.curator).post(
        URL,
        {
            "scope": "mentors",
            "ids": ids,
            "action": "mentor_status",
            "mentor_status": "interviewed",
            "date": timezone.localdate(),
        },
    )
    (message,) = _messages(response)
    assert message.startswith("Ничего не изменено: Зайцева Н. И. — Статус меняется по порядку")
    assert set(MentorProfile.objects.filter(pk__in=[m.pk for m in ready]).values_list("status", flat=True)) == {
        "candidate"
    }
    ok = login(world.curator).post(
        URL,
        {
            "scope": "mentors",
            "ids": ids[:2],
            "action": "mentor_status",
            "mentor_status": "interviewed",
            "date": timezone.localdate(),
        },
    )
    assert _messages(ok) == ["Статус «Собеседование пройдено» у наставников: 2."]


def test_a_ticked_person_of_another_organization_changes_nothing(world, login):
    mine = PersonFactory(organization=world.org)
    foreign = PersonFactory(organization=world.other_org)
    response = login(world.curator).post(
        URL, {"scope": "people", "ids": [mine.pk, foreign.pk], "action": "mentee_base", "date": timezone.localdate()}
    )
    assert "недоступна" in _messages(response)[0]
    assert not MenteeProfile.objects.exists()


def test_staff_cannot_run_a_curators_action_and_gets_a_message(world, login):
    person = PersonFactory(organization=world.org)
    response = login(world.staff).post(
        URL, {"scope": "people", "ids": [person.pk], "action": "mentee_base", "date": timezone.localdate()}
    )
    assert response.status_code == 302 and "Действие не выполнено" in _messages(response)[0]
    assert not MenteeProfile.objects.exists()
    assert login(world.mentee).post(URL, {"scope": "people", "ids": [person.pk], "action": "export"}).status_code == 403


def test_all_matching_the_filter_takes_exactly_what_the_list_shows(world, login):
    teachers = [TeacherFactory(organization=world.org) for _ in range(3)]
    PersonFactory(organization=world.org)
    response = login(world.curator).post(
        URL,
        {
            "scope": "people",
            "all_matching": "on",
            "query": "kind=teacher",
            "action": "mentor_base",
            "date": timezone.localdate(),
        },
    )
    assert _messages(response) == ["Внесено в базу наставников: 3."]
    assert response["Location"] == reverse("participants:people") + "?kind=teacher"
    assert set(MentorProfile.objects.values_list("person_id", flat=True)) == {t.pk for t in teachers}
    assert set(MentorProfile.objects.values_list("category", flat=True)) == {"teacher"}


def test_nothing_ticked_or_a_future_date_is_a_message_not_a_change(world, login):
    PersonFactory(organization=world.org)
    nothing = login(world.curator).post(URL, {"scope": "people", "action": "export"})
    assert "Отметьте участников" in _messages(nothing)[0]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    person = PersonFactory(organization=world.org)
    future = login(world.curator).post(
        URL, {"scope": "people", "ids": [person.pk], "action": "consents", "date": tomorrow}
    )
    assert "в будущем" in _messages(future)[0] and not Consent.objects.exists()


def test_the_paired_status_is_never_set_by_list(world, login):
    mentee = MenteeProfileFactory(person=PersonFactory(organization=world.org))
    response = login(world.curator).post(
        URL,
        {"scope": "mentees", "ids": [mentee.person_id], "action": "mentee_status", "mentee_status": "paired"},
    )
    assert "Действие не выполнено" in _messages(response)[0]
    done = login(world.curator).post(
        URL,
        {
            "scope": "mentees",
            "ids": [mentee.person_id],
            "action": "mentee_status",
            "mentee_status": "candidate",
            "date": timezone.localdate(),
        },
    )
    assert _messages(done) == ["Статус «Кандидат» у наставляемых: 1."]


def test_consent_forms_of_the_selection_print_in_one_pdf(world, login):
    people = [PersonFactory(organization=world.org, last_name=name) for name in ("Белов", "Ёлкин")]
    response = login(world.staff).post(
        URL, {"scope": "people", "ids": [p.pk for p in people], "action": "consent_forms"}
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content).replace("\u2010\n", "")  # words hyphenated at the line end
    # The child is named in the genitive («…несовершеннолетнего Белова Ивана …»), as the form says it.
    assert "Белова Ивана" in text and "Ёлкина Ивана" in text


def test_export_of_the_ticked_mentees_is_an_xlsx_of_just_them(world, login):
    wanted = MenteeProfileFactory(person=PersonFactory(organization=world.org, last_name="Абрамова"))
    MenteeProfileFactory(person=PersonFactory(organization=world.org, last_name="Другой"))
    response = login(world.psychologist).post(URL, {"scope": "mentees", "ids": [wanted.person_id], "action": "export"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "ФИО" and len(rows) == 2 and rows[1][0].startswith("Абрамова")


def test_every_list_that_holds_people_has_the_selection_bar(world, login):
    group, _ = _class_of(world, 2)
    MentorProfileFactory(person=TeacherFactory(organization=world.org))
    MenteeProfileFactory(person=PersonFactory(organization=world.org))
    client = login(world.curator)
    for url in (
        reverse("participants:people"),
        reverse("participants:mentors"),
        reverse("participants:mentees"),
        reverse("participants:group", args=[group.pk]),
    ):
        content = client.get(url).content.decode()
        assert 'id="bulk-form"' in content and 'form="bulk-form"' in content, url
        assert ("весь класс" if "classes" in url else "все по фильтру") in content, url
        assert "js/bulk.js" in content
    assert 'id="bulk-form"' not in login(world.mentee).get(reverse("participants:me"), follow=True).content.decode()


def test_people_lists_sort_in_russian_alphabetical_order(world, login):
    for last in ("Ёлкин", "Жуков", "Абрамова", "Егоров", "Елкина", "Яковлев"):
        PersonFactory(organization=world.org, last_name=last, first_name="Иван", middle_name="")
    names = [p.last_name for p in Person.objects.filter(organization=world.org)]
    assert names == ["Абрамова", "Егоров", "Ёлкин", "Елкина", "Жуков", "Яковлев"]
    content = login(world.curator).get(reverse("participants:people")).content.decode()
    positions = [content.index(name) for name in ("Абрамова", "Егоров", "Ёлкин", "Елкина", "Жуков", "Яковлев")]
    assert positions == sorted(positions)
    backwards = login(world.curator).get(reverse("participants:people") + "?sort=-name").content.decode()
    assert backwards.index("Яковлев") < backwards.index("Ёлкин") < backwards.index("Абрамова")


def test_a_surname_alone_sorts_before_a_longer_one(world):
    for last, first in (("Иванова", "Анна"), ("Иванов", "Пётр"), ("Иванов", "Борис")):
        PersonFactory(organization=world.org, last_name=last, first_name=first, middle_name="")
    assert [p.full_name for p in Person.objects.filter(organization=world.org)] == [
        "Иванов Борис",
        "Иванов Пётр",
        "Иванова Анна",
    ]


def test_on_postgresql_the_sort_key_compares_code_points_whatever_the_database_locale():
    """Under an ICU «ru-RU» database the separator would be ignored and «Елкина» would come
    before «Ёлкин»; the column's own "C" collation keeps the order SQLite gives."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite compares bytes anyway")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collation_name FROM information_schema.columns"
            " WHERE table_name = 'participants_person' AND column_name = 'sort_key'"
        )
        assert cursor.fetchone() == ("C",)


def test_the_class_page_with_its_bar_runs_the_same_queries_for_5_or_30_students(world, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from participants.accounts import accounts_create

    def queries(size):
        group, students = _class_of(world, size)
        for student in students:
            MenteeProfileFactory(person=student)
            ConsentFactory(person=student)
        accounts_create(people=students, created_by=world.curator, base_url="http://x")
        client = login(world.curator)
        url = reverse("participants:group", args=[group.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        Person.objects.filter(study_group=group).update(study_group=None)
        return len(captured)

    assert queries(5) == queries(30)
