"""Class lists as schools really send them, and workbooks that are broken or hostile."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from participants import importing
from participants.importing import ImportFileError, import_people
from participants.models import Person
from tests.participants.factories import PersonFactory, StudyGroupFactory
from tests.participants.xlsx import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    class_of_22_with_signatures,
    with_part,
    workbook_bytes,
)

pytestmark = pytest.mark.django_db


def run(world, content, *, dry_run=False, kind="students", filename="list.xlsx"):
    return import_people(content=content, filename=filename, organization=world.org, kind=kind, dry_run=dry_run)


def test_signature_lines_and_totals_under_the_table_are_skipped_and_listed(world):
    report = run(world, class_of_22_with_signatures())
    assert report.summary == "created=22 updated=0 skipped=0 errors=0"
    assert [n.where for n in report.notes] == [
        "лист «8Б», строка 28",
        "лист «8Б», строка 29",
        "лист «8Б», строка 30",
        "лист «8Б», строка 31",
    ]
    assert "«Классный руководитель: ____________ /Петрова А. А./» — пропущена" in report.notes[1].message
    people = Person.objects.filter(organization=world.org)
    assert people.count() == 22 and {p.study_group.name for p in people} == {"8Б"}


def test_a_list_without_birth_dates_imports_with_a_warning_per_row(world):
    report = run(world, class_of_22_with_signatures())
    assert not report.errors and len(report.warnings) == 22
    assert report.warnings[0].message == "дата рождения не указана — обучающийся сопоставлен по ФИО"
    assert Person.objects.get(last_name="Ёлкин").birth_date is None
    assert Person.objects.get(last_name="Белов").sex == "m"  # from the patronymic


def test_without_a_birth_date_the_student_already_known_is_updated_and_keeps_the_date(world):
    group = StudyGroupFactory(organization=world.org, grade=7, letter="Б")
    known = PersonFactory(
        organization=world.org, last_name="Белов", first_name="Артём", middle_name="Игоревич", study_group=group,
        birth_date=datetime.date(2011, 5, 5),
    )  # fmt: skip
    report = run(world, class_of_22_with_signatures())
    assert report.summary == "created=21 updated=1 skipped=0 errors=0"
    known.refresh_from_db()
    assert (known.study_group.name, known.birth_date) == ("8Б", datetime.date(2011, 5, 5))
    assert run(world, class_of_22_with_signatures()).summary == "created=0 updated=0 skipped=22 errors=0"


def test_namesakes_without_a_birth_date_are_an_error_that_says_what_to_add(world):
    for day in (1, 2):
        PersonFactory(
            organization=world.org, last_name="Белов", first_name="Артём", middle_name="Игоревич",
            birth_date=datetime.date(2011, 5, day), study_group=StudyGroupFactory(organization=world.org, grade=9),
        )  # fmt: skip
    report = run(world, class_of_22_with_signatures())
    assert [e.message for e in report.errors] == [
        "в базе 2 обучающихся «Белов Артём Игоревич» — укажите дату рождения, чтобы понять, о ком строка"
    ]
    assert not report.applied


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31.02.2012", "«31.02.2012» — такой даты нет (в феврале 2012 года 29 дней)"),
        ("31.04.2012", "«31.04.2012» — такой даты нет (в апреле 2012 года 30 дней)"),
        ("12.13.2012", "«12.13.2012» — такой даты нет (месяца с номером 13 нет)"),
        ("весна 2012", "«весна 2012» не похожа на дату (нужно ДД.ММ.ГГГГ, например 01.09.2014)"),
        ("01.01.1890", "01.01.1890 невозможна (раньше 1900 года)"),
    ],
)
def test_a_bad_birth_date_says_what_is_wrong_with_the_value(world, value, message):
    report = run(world, workbook_bytes({"5А": [["ФИО", "Дата рождения"], ["Белов Илья Андреевич", value]]}))
    assert [e.message for e in report.errors] == [f"дата рождения {message}"]


def test_the_preview_shows_every_field_the_import_will_write(world, login):
    content = workbook_bytes(
        {"5А": [["ФИО", "Дата рождения", "Пол"], ["Носова Ева Игоревна", "01.03.2014", "ж"], ["Орлов Глеб", "", "м"]]}
    )
    upload = io.BytesIO(content)
    upload.name = "5А.xlsx"
    response = login(world.staff).post(reverse("participants:import"), {"kind": "students", "file": upload})
    body = response.content.decode()
    for header in ("Класс", "Дата рождения", "Пол", "Что произойдёт"):
        assert f'<th scope="col">{header}</th>' in body
    assert '<td class="small">5А</td><td class="small">01.03.2014</td><td class="small">женский</td>' in body
    assert "Дата рождения не указана — обучающийся сопоставлен по ФИО — строк: 1" in body
    assert "Подтвердить загрузку" in body


def test_every_student_of_the_list_passes_the_one_hook_for_membership_by_year(world, monkeypatch):
    seen = []
    monkeypatch.setattr(importing, "on_student_listed", lambda *, person, year: seen.append(person.last_name))
    run(world, class_of_22_with_signatures())
    run(world, class_of_22_with_signatures())  # unchanged rows are listed too
    assert len(seen) == 44 and seen[:2] == ["Абрамова", "Белов"]


def test_openpyxl_reads_workbooks_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def _truncated() -> bytes:
    content = workbook_bytes({"5А": [["ФИО", "Дата рождения"], ["Белов Илья Андреевич", "03.03.2013"]]})
    return content[: len(content) // 2]


def _good() -> bytes:
    return workbook_bytes({"5А": [["ФИО", "Дата рождения"], ["Белов Илья Андреевич", "03.03.2013"]]})


def _ole() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096


BAD_FILES = {
    "password-protected": (_ole, "Книга защищена паролем"),
    "truncated": (_truncated, "не является книгой Excel"),
    "damaged-sheet-xml": (
        lambda: with_part(_good(), "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row><c r="),
        "файл повреждён",
    ),
    "damaged-workbook-xml": (lambda: with_part(_good(), "xl/workbook.xml", b"\x00\x01garbage"), "файл повреждён"),
    "billion-laughs": (lambda: with_part(_good(), "xl/worksheets/sheet1.xml", BILLION_LAUGHS), "XML-конструкции"),
    "external-entity": (lambda: with_part(_good(), "xl/worksheets/sheet1.xml", EXTERNAL_ENTITY), "XML-конструкции"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_broken_or_hostile_workbook_gets_a_russian_message_and_changes_nothing(world, kind):
    make, message = BAD_FILES[kind]
    with pytest.raises(ImportFileError, match=message):
        run(world, make())
    assert not Person.objects.exists()


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_the_upload_page_answers_a_bad_workbook_with_the_message_not_a_500(world, login, kind):
    make, message = BAD_FILES[kind]
    upload = io.BytesIO(make())
    upload.name = "список.xlsx"
    response = login(world.staff).post(reverse("participants:import"), {"kind": "students", "file": upload})
    assert response.status_code == 200 and message in response.content.decode()
