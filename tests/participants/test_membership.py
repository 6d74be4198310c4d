"""Membership by academic year: the imports record it, the curator records leaving and graduation,
teachers are carried over to the next year."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from mentoring.models import AcademicYear
from participants import membership
from participants.importing import import_people
from participants.models import Membership, Person
from tests.participants.xlsx import workbook_bytes

pytestmark = pytest.mark.django_db


def _year(start: int) -> AcademicYear:
    return AcademicYear.for_date(datetime.date(start, 9, 1))


def _class_list(rows):
    return workbook_bytes({"Список": [["ФИО", "Дата рождения", "Класс"], *rows]})


def test_class_lists_of_two_years_give_each_student_their_class_of_each_year(world):
    ivanov, petrova = ["Иванов Иван Иванович", "01.02.2014"], ["Петрова Мария Андреевна", "03.04.2014"]
    first = import_people(
        content=_class_list([[*ivanov, "5А"], [*petrova, "5А"]]),
        filename="a.xlsx",
        organization=world.org,
        kind="students",
        dry_run=False,
        year=_year(2024),
    )
    assert first.applied
    second = import_people(
        content=_class_list([[*ivanov, "6А"], ["Сидоров Пётр Ильич", "05.06.2013", "6А"]]),
        filename="b.xlsx",
        organization=world.org,
        kind="students",
        dry_run=False,
        year=_year(2025),
    )
    assert second.applied
    rows = set(Membership.objects.values_list("person__last_name", "academic_year__start_year", "class_label"))
    assert rows == {("Иванов", 2024, "5А"), ("Петрова", 2024, "5А"), ("Иванов", 2025, "6А"), ("Сидоров", 2025, "6А")}


def test_a_dry_run_or_a_file_with_errors_records_no_membership(world):
    content = _class_list([["Иванов Иван Иванович", "01.02.2014", "5А"], ["Петров Пётр", "31.02.2014", "5А"]])
    report = import_people(content=content, filename="a.xlsx", organization=world.org, kind="students", dry_run=False)
    assert report.errors and not Membership.objects.exists()
    content = _class_list([["Иванов Иван Иванович", "01.02.2014", "5А"]])
    import_people(content=content, filename="a.xlsx", organization=world.org, kind="students", dry_run=True)
    assert not Membership.objects.exists()


def test_a_staff_list_records_teachers_and_their_young_specialist_status_of_that_year(world):
    content = workbook_bytes(
        {
            "Педагоги": [
                ["ФИО", "Должность", "Предмет", "Год начала педагогической деятельности"],
                ["Крылова Дарья Олеговна", "учитель математики", "математика", "2022"],
                ["Жуков Олег Петрович", "заведующий хозяйством", "", ""],
            ]
        }
    )
    report = import_people(
        content=content, filename="s.xlsx", organization=world.org, kind="staff", dry_run=False, year=_year(2024)
    )
    assert report.applied, report.errors
    rows = {m.person.last_name: m for m in Membership.objects.select_related("person")}
    assert (rows["Крылова"].role, rows["Крылова"].is_young_specialist) == ("teacher", True)
    assert rows["Жуков"].role == "staff"
    created = membership.memberships_carry_over(organization=world.org, from_year=_year(2024), to_year=_year(2027))
    assert created == 2
    later = Membership.objects.get(person__last_name="Крылова", academic_year__start_year=2027)
    assert later.is_young_specialist is False  # 5 years of teaching in 2027/2028


def test_graduation_marks_the_class_and_a_second_graduation_is_refused(world):
    year = _year(2024)
    people = [
        Person.objects.create(organization=world.org, kind="student", last_name=f"Выпускник{i}", first_name="А")
        for i in range(2)
    ]
    membership.memberships_record(organization=world.org, year=year, people=people, source="тест")
    Membership.objects.update(class_label="11А")
    assert (
        membership.memberships_graduate(
            organization=world.org, year=year, class_label="11А", left_on=datetime.date(2025, 6, 25)
        )
        == 2
    )
    assert set(Membership.objects.values_list("leave_reason", flat=True)) == {"graduated"}
    with pytest.raises(ValidationError, match="нет обучающихся"):
        membership.memberships_graduate(
            organization=world.org, year=year, class_label="11А", left_on=datetime.date(2025, 6, 26)
        )
    with pytest.raises(ValidationError, match="в будущем"):
        membership.memberships_graduate(
            organization=world.org, year=AcademicYear.current(), class_label="11А", left_on=datetime.date(2099, 6, 1)
        )


def _two_years(world):
    from tests.participants.factories import PersonFactory, TeacherFactory

    last, this = _year(2024), _year(2025)
    kids = [PersonFactory(organization=world.org, study_group=None, last_name=f"Ученик{i}") for i in range(3)]
    teacher = TeacherFactory(organization=world.org, teaching_start_year=2022)
    membership.memberships_record(organization=world.org, year=last, people=[*kids, teacher], source="тест")
    Membership.objects.filter(role="student").update(class_label="11А", grade=11)
    return last, this, kids, teacher


def test_the_curator_records_a_graduation_a_leaving_and_carries_teachers_over(world, login):
    from django.urls import reverse

    last, this, kids, teacher = _two_years(world)
    client = login(world.curator)
    page = client.get(reverse("participants:memberships"), {"year": "2024/2025"})
    assert page.status_code == 200 and "11А" in page.content.decode()
    leaving = Membership.objects.get(person=kids[0])
    client.post(
        reverse("participants:membership_leave"),
        {"year": "2024/2025", "membership": leaving.pk, "left_on": "2025-01-20", "reason": "transferred"},
    )
    leaving.refresh_from_db()
    assert (leaving.left_on, leaving.leave_reason) == (datetime.date(2025, 1, 20), "transferred")
    client.post(
        reverse("participants:memberships_graduate"),
        {"year": "2024/2025", "class_label": "11А", "left_on": "2025-06-25"},
    )
    assert Membership.objects.filter(leave_reason="graduated").count() == 2  # the transferred one stays transferred
    client.post(reverse("participants:memberships_carry_over"), {"year": "2025/2026"})
    assert list(Membership.objects.filter(academic_year=this).values_list("person_id", flat=True)) == [teacher.pk]
    assert Membership.objects.get(academic_year=this).is_young_specialist  # 3 years in 2025/2026


def test_bad_leaving_input_changes_nothing_and_says_why(world, login):
    from django.urls import reverse

    from tests.participants.factories import PersonFactory

    last, _this, kids, _teacher = _two_years(world)
    client = login(world.curator)
    row = Membership.objects.get(person=kids[0])
    response = client.post(
        reverse("participants:membership_leave"),
        {"year": "2024/2025", "membership": row.pk, "left_on": "2023-01-20", "reason": "transferred"},
        follow=True,
    )
    assert "должна входить в 2024/2025" in response.content.decode()
    foreign = PersonFactory(organization=world.other_org, study_group=None)
    membership.memberships_record(organization=world.other_org, year=last, people=[foreign], source="тест")
    other_row = Membership.objects.get(person=foreign)
    response = client.post(
        reverse("participants:membership_leave"),
        {"year": "2024/2025", "membership": other_row.pk, "left_on": "2025-01-20", "reason": "transferred"},
        follow=True,
    )
    assert "Выбытие не записано" in response.content.decode()
    for bad in ("abc", "2090/2091"):
        client.post(
            reverse("participants:memberships_graduate"), {"year": bad, "class_label": "11А", "left_on": "2025-06-25"}
        )
    assert not Membership.objects.filter(left_on__isnull=False).exists()
    assert client.get(reverse("participants:memberships"), {"year": "abc"}).status_code == 200
    assert client.get(reverse("participants:memberships"), {"year": "2090/2091"}).status_code == 200
    assert not AcademicYear.objects.filter(start_year=2090).exists()
