import datetime
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from participants.importing import ImportFileError, import_people
from participants.models import Person, StudyGroup
from tests.participants.factories import PersonFactory, StudyGroupFactory
from tests.participants.xlsx import messy_class_lists, workbook_bytes

pytestmark = pytest.mark.django_db


def run(world, content, *, dry_run=False, kind="students", filename="list.xlsx"):
    return import_people(content=content, filename=filename, organization=world.org, kind=kind, dry_run=dry_run)


def test_a_messy_class_list_imports_every_sheet_layout_correctly(world):
    report = run(world, messy_class_lists())
    assert report.summary == "created=6 updated=0 skipped=0 errors=0"
    people = {p.full_name: p for p in Person.objects.filter(organization=world.org)}
    assert set(people) == {
        "Иванов Иван Иванович",
        "Фёдорова Алёна Сергеевна",
        "Мамедов Али Гасан оглы",
        "Петрова Мария Андреевна",
        "Сидоров Пётр",
        "Кузнецова Дарья Олеговна",
    }
    ivanov = people["Иванов Иван Иванович"]  # «  ИВАНОВ  Иван Иванович » with an Excel date
    assert (ivanov.birth_date, ivanov.study_group.name, ivanov.sex) == (datetime.date(2014, 3, 15), "5А", "m")
    assert people["Фёдорова Алёна Сергеевна"].birth_date == datetime.date(2014, 9, 1)  # text «01.09.2014»
    assert people["Мамедов Али Гасан оглы"].sex == "m"  # «оглы» patronymic
    assert people["Петрова Мария Андреевна"].birth_date == datetime.date(2014, 1, 1)  # an Excel serial number
    assert people["Петрова Мария Андреевна"].study_group.name == "6Б"  # «6-б»
    assert people["Сидоров Пётр"].study_group.name == "6Б"  # «6 «Б»»
    assert people["Кузнецова Дарья Олеговна"].study_group.name == "7В"  # only in the title «Список 7в класса»
    groups = StudyGroup.objects.filter(organization=world.org)
    assert {(g.name, g.grade, g.letter) for g in groups} == {("5А", 5, "А"), ("6Б", 6, "Б"), ("7В", 7, "В")}


def test_the_same_file_imported_twice_updates_and_never_duplicates(world):
    run(world, messy_class_lists())
    again = run(world, messy_class_lists())
    assert again.summary == "created=0 updated=0 skipped=6 errors=0"
    assert Person.objects.filter(organization=world.org).count() == 6


def test_yo_and_case_do_not_make_a_new_person_and_the_spelling_in_the_base_is_kept(world):
    group = StudyGroupFactory(organization=world.org, grade=5, letter="А")
    PersonFactory(
        organization=world.org,
        last_name="Фёдорова",
        first_name="Алёна",
        middle_name="Сергеевна",
        birth_date=datetime.date(2014, 9, 1),
        study_group=group,
        sex="f",
    )
    content = workbook_bytes({"5А": [["ФИО", "Дата рождения"], ["ФЕДОРОВА АЛЕНА СЕРГЕЕВНА", "01.09.2014"]]})
    report = run(world, content)
    assert report.summary == "created=0 updated=0 skipped=1 errors=0"
    assert Person.objects.get(organization=world.org).full_name == "Фёдорова Алёна Сергеевна"


def test_a_student_moved_to_another_class_is_updated(world):
    run(world, workbook_bytes({"5А": [["ФИО", "Дата рождения"], ["Орлов Глеб Ильич", "02.02.2014"]]}))
    report = run(world, workbook_bytes({"6А": [["ФИО", "Дата рождения"], ["Орлов Глеб Ильич", "02.02.2014"]]}))
    assert report.summary == "created=0 updated=1 skipped=0 errors=0"
    assert Person.objects.get(last_name="Орлов").study_group.name == "6А"


def test_one_bad_row_stops_the_whole_file_and_says_where_in_russian(world):
    content = workbook_bytes(
        {
            "7А": [
                ["ФИО", "Дата рождения", "Пол"],
                ["Белов Илья Андреевич", "03.03.2013", "м"],
                ["Носова Ева Игоревна", "31.02.2013", "ж"],
                ["Крылов", "01.01.2013", ""],
                ["Титов Лев Павлович", "01.01.2013", "неизвестно"],
                ["Юдин Марк Олегович", "01.01.2099", "м"],
            ]
        }
    )
    report = run(world, content)
    assert report.error_count == 4
    messages = [f"{e.where}: {e.message}" for e in report.errors]
    assert "лист «7А», строка 3: дата рождения «31.02.2013» — такой даты нет (в феврале 2013 года 28 дней)" in messages
    assert "лист «7А», строка 4: не указаны фамилия и имя" in messages
    assert "лист «7А», строка 5: пол «неизвестно» не распознан (м или ж)" in messages
    assert "лист «7А», строка 6: дата рождения 01.01.2099 невозможна (в будущем)" in messages
    assert not report.applied
    assert not Person.objects.exists() and not StudyGroup.objects.exists()


def test_a_row_without_a_class_anywhere_is_an_error(world):
    content = workbook_bytes({"Лист1": [["ФИО", "Дата рождения"], ["Белов Илья Андреевич", "03.03.2013"]]})
    report = run(world, content)
    assert [e.message for e in report.errors] == ["не указан класс: ни в столбце «Класс», ни в названии листа"]


def test_dry_run_reports_and_changes_nothing(world):
    report = run(world, messy_class_lists(), dry_run=True)
    assert report.created == 6 and not report.applied
    assert not Person.objects.exists() and not StudyGroup.objects.exists()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * (200 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "list.xlsx", "Файл пустой."),
        (b"name;birth\nIvanov;2012", "list.xlsx", "не является книгой Excel"),
        (b"%PDF-1.7 fake", "list.xlsx", "не является книгой Excel"),
        (workbook_bytes({"A": [["a"]]}), "list.xls", "Нужен файл Excel в формате .xlsx"),
        (b"0" * (10 * 1024 * 1024 + 1), "list.xlsx", "Файл больше 10 МБ"),
        (workbook_bytes({"Лист1": [["Название", "Сумма"], ["x", 1]]}), "list.xlsx", "Не найдена строка заголовков"),
        (workbook_bytes({"Лист1": []}), "list.xlsx", "Не найдена строка заголовков"),
        (workbook_bytes({"5А": [["ФИО", "Дата рождения"]]}), "list.xlsx", "нет ни одной строки"),
    ],
    ids=["empty", "csv-renamed", "pdf-renamed", "xls", "too-big", "wrong-headers", "empty-sheet", "header-only"],
)
def test_a_broken_file_is_refused_with_a_clear_message_and_changes_nothing(world, content, filename, message):
    with pytest.raises(ImportFileError, match=message):
        run(world, content, filename=filename)
    assert not Person.objects.exists()


def test_a_zip_bomb_is_refused_before_it_is_inflated(world):
    content = _zip_bomb()
    assert len(content) < 1024 * 1024
    with pytest.raises(ImportFileError, match="слишком велик"):
        run(world, content)


def test_formulas_are_read_as_their_values_and_never_executed(world):
    content = workbook_bytes(
        {
            "8А": [
                ["ФИО", "Дата рождения", "Комментарий"],
                ['=HYPERLINK("http://x","Иванов Иван")', "01.01.2012", "=1+1"],
            ]
        }
    )
    report = run(world, content)
    # A formula cell written by openpyxl has no cached value: the row has no name and is refused.
    assert report.error_count == 1 and not Person.objects.exists()


def test_staff_list_derives_teaching_years_and_young_specialists(world):
    this_year = datetime.date.today().year
    content = workbook_bytes(
        {
            "Педагоги": [
                ["Список педагогических работников"],
                ["ФИО", "Должность", "Преподаваемый предмет", "Стаж", "E-mail"],
                ["Крылова Дарья Олеговна", "учитель математики", "математика", "1", "KRYLOVA@school.ru "],
                ["Абрамова Людмила Петровна", "учитель географии", "география", "35 лет", ""],
                ["Жуков Олег Петрович", "заведующий хозяйством", "", "", ""],
            ]
        }
    )
    report = run(world, content, kind="staff")
    assert report.summary == "created=3 updated=0 skipped=0 errors=0"
    krylova = Person.objects.get(last_name="Крылова")
    assert (krylova.kind, krylova.teaching_start_year, krylova.email) == ("teacher", this_year - 1, "krylova@school.ru")
    assert krylova.is_young_specialist
    assert not Person.objects.get(last_name="Абрамова").is_young_specialist
    assert Person.objects.get(last_name="Жуков").kind == "staff"
    assert run(world, content, kind="staff").summary == "created=0 updated=0 skipped=3 errors=0"


def test_the_command_prints_the_summary_last_and_fails_on_errors(world, tmp_path, capsys):
    good = tmp_path / "good.xlsx"
    good.write_bytes(messy_class_lists())
    call_command("import_class_list", str(good), "--organization", "test-school", "--dry-run")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "created=6 updated=0 skipped=0 errors=0"
    assert not Person.objects.exists()
    call_command("import_class_list", str(good), "--organization", "test-school")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "created=6 updated=0 skipped=0 errors=0"
    call_command("import_class_list", str(good), "--organization", "test-school")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "created=0 updated=0 skipped=6 errors=0"
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook_bytes({"9А": [["ФИО", "Дата рождения"], ["Новый Ученик Иванович", "когда-то"]]}))
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_class_list", str(bad), "--organization", "test-school")
    assert exit_info.value.code == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == "created=0 updated=0 skipped=0 errors=1"
    assert any("«когда-то» не похожа на дату" in line for line in out)
    assert Person.objects.count() == 6


def test_the_command_names_an_unknown_organization(world, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(messy_class_lists())
    with pytest.raises(CommandError, match="Организация «nowhere» не найдена"):
        call_command("import_class_list", str(path), "--organization", "nowhere")


def test_staff_imports_through_the_browser_with_preview_and_confirmation(world, login, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world.staff)
    upload = SimpleUploadedFile("5a.xlsx", messy_class_lists())
    preview = client.post(reverse("participants:import"), {"kind": "students", "file": upload})
    body = preview.content.decode()
    assert "будет добавлено" in body and "Подтвердить загрузку" in body
    assert not Person.objects.exists()  # the preview changes nothing
    token = preview.context["token"]
    done = client.post(reverse("participants:import_confirm"), {"token": token, "kind": "students"})
    assert done.status_code == 302 and done["Location"] == reverse("participants:groups")
    assert Person.objects.count() == 6
    # A double-submitted confirmation finds the file gone and adds nothing.
    again = client.post(reverse("participants:import_confirm"), {"token": token, "kind": "students"}, follow=True)
    assert "уже загружен или устарел" in again.content.decode()
    assert Person.objects.count() == 6


def test_a_file_with_errors_shows_them_and_offers_no_confirmation(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = workbook_bytes({"7А": [["ФИО", "Дата рождения"], ["Белов Илья Андреевич", "31.02.2013"]]})
    response = login(world.staff).post(
        reverse("participants:import"), {"kind": "students", "file": SimpleUploadedFile("x.xlsx", content)}
    )
    body = response.content.decode()
    assert "Файл не загружен" in body and "лист «7А», строка 2" in body
    assert "Подтвердить загрузку" not in body


def test_an_upload_that_is_not_excel_keeps_the_form_with_a_russian_error(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = login(world.curator).post(
        reverse("participants:import"), {"kind": "students", "file": SimpleUploadedFile("x.xlsx", b"not excel")}
    )
    assert response.status_code == 200
    assert "не является книгой Excel" in response.content.decode()


def test_a_forged_confirmation_token_is_refused(world, login):
    response = login(world.staff).post(
        reverse("participants:import_confirm"), {"token": "../../etc/passwd", "kind": "students"}, follow=True
    )
    assert "уже загружен или устарел" in response.content.decode()
