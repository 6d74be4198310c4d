"""A school's own roadmap imported from Word or Excel: columns found by their headers, merged stage
rows, a preview with each deadline as understood and the rows it could not read, then confirm; all
or nothing."""

import datetime
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from roadmap.importing import RoadmapFileError, read_roadmap
from roadmap.models import Activity, Roadmap

pytestmark = pytest.mark.django_db
D = datetime.date

# Laid out unlike any seed: the deadline first, then the responsible, the title, the number last;
# stage rows are one cell merged across the table; an empty row and a «1 2 3 4 5» row.
HEADERS = ["Срок исполнения", "Ответственный исполнитель", "Содержание деятельности", "Ожидаемый результат", "№ п/п"]
ROWS = [
    ("stage", "1. Подготовка условий для запуска программы наставничества"),
    (
        "row",
        [
            "до 15 сентября",
            "Директор",
            "Издание приказа о внедрении целевой модели наставничества",
            "Приказ о внедрении",
            "1.1",
        ],
    ),
    (
        "row",
        [
            "не позднее 30 сентября",
            "Заместитель директора по УВР",
            "Назначение куратора",
            "Приказ о назначении куратора",
            "1.2",
        ],
    ),
    ("row", ["", "", "", "", ""]),
    ("stage", "2. Формирование базы наставляемых"),
    ("row", ["1 раз в полугодие", "Педагог-психолог", "Анкетирование обучающихся", "Анкеты", "2.1"]),
    ("row", ["В течение 10 дней после закрепления пар", "Куратор", "Встреча-знакомство", "", "2.2"]),
    ("stage", "7. Завершение наставничества"),
    ("row", ["IV четверть", "Куратор, наставники", "Итоговая встреча наставников и наставляемых", "Протокол", "7.1"]),
    ("row", ["Постоянно", "Куратор", "Освещение на сайте", "Публикации", "7.2"]),
    ("row", ["по согласованию с партнёрами", "Куратор", "Встреча с партнёрами", "", "7.3"]),
]


def make_docx(rows=ROWS, headers=HEADERS) -> bytes:
    document = docx.Document()
    document.add_paragraph("УТВЕРЖДАЮ Директор школы")
    table = document.add_table(rows=0, cols=len(headers))
    table.add_row().cells  # noqa: B018 — the header row below
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    numbers = table.add_row().cells
    for index, cell in enumerate(numbers, start=1):
        cell.text = str(index)
    for kind, value in rows:
        cells = table.add_row().cells
        if kind == "stage":
            merged = cells[0].merge(cells[-1])
            merged.text = value
        else:
            for cell, text in zip(cells, value, strict=True):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["План мероприятий"])
    sheet.append(["№", "Мероприятие", "Ответственные", "Сроки", "Результат"])
    sheet.append(["1.", "Подготовка условий для запуска программы наставничества"])
    sheet.append(["1.1", "Разработка положения", "Куратор", "01.09.2025–31.10.2025", "Положение"])
    sheet.append(["1.2", "Ознакомление педагогов", "Куратор", "первая неделя ноября", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_docx_laid_out_differently_from_the_seeds_is_read_by_its_headers():
    plan = read_roadmap(make_docx(), "карта.docx")
    assert plan.errors == []
    assert [s.title for s in plan.sections] == [
        "Подготовка условий для запуска программы наставничества",
        "Формирование базы наставляемых",
        "Завершение наставничества",
    ]
    assert [s.stage for s in plan.sections] == [1, 2, 7]
    numbers = [a.number for a in plan.activities]
    assert numbers == ["1.1", "1.2", "2.1", "2.2", "7.1", "7.2", "7.3"]
    first = plan.activities[0]
    assert (first.title, first.deadline_text, first.responsible, first.result) == (
        "Издание приказа о внедрении целевой модели наставничества",
        "до 15 сентября",
        "Директор",
        "Приказ о внедрении",
    )
    understood = {a.number: a.understood for a in plan.activities}
    assert understood["2.1"] == "раз в полугодие"
    assert understood["7.1"] == "IV четверть"
    assert understood["7.2"] == "без срока"
    assert understood["7.3"] == "срок не распознан"
    assert [a.number for a in plan.unparsed] == ["7.3"]


def test_the_curator_previews_then_confirms_and_the_roadmap_is_the_school_s(world, login):
    client = login(world.curator)
    upload = SimpleUploadedFile("Дорожная карта школы.docx", make_docx())
    response = client.post(reverse("roadmap:import"), {"file": upload, "year": "2025/2026", "years": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Как понят срок" in page and "до 15.09.2025" in page and "срок не распознан" in page
    assert "до 26.05.2026" in page  # «IV четверть» in the federal calendar
    assert not Roadmap.objects.exists()  # the preview writes nothing
    token = response.context["token"]
    response = client.post(
        reverse("roadmap:import_confirm"), {"token": token, "year": "2025/2026", "years": "1", "title": ""}
    )
    roadmap = Roadmap.objects.get()
    assert response.status_code == 302 and response["Location"] == roadmap.get_absolute_url()
    assert roadmap.title == "Дорожная карта внедрения целевой модели наставничества в МБОУ «Тестовая школа»"
    get = roadmap.activities.get
    assert get(number="1.1").due_date == D(2025, 9, 15)
    assert get(number="1.2").result_order_kind == "curators"
    assert get(number="2.2").anchor_event.key == "pairs"
    assert get(number="7.2").deadline_kind == "none"
    assert get(number="7.3").deadline_flagged
    # confirming twice finds no file and adds nothing
    again = client.post(reverse("roadmap:import_confirm"), {"token": token, "year": "2025/2026", "years": "1"})
    assert again.status_code == 302 and Roadmap.objects.count() == 1


def test_an_xlsx_roadmap_with_a_stage_row_in_the_title_column_is_read():
    plan = read_roadmap(make_xlsx(), "карта.xlsx")
    assert plan.errors == []
    assert [s.title for s in plan.sections] == ["Подготовка условий для запуска программы наставничества"]
    assert [a.number for a in plan.activities] == ["1.1", "1.2"]
    assert plan.activities[1].deadline.part == "w1"


def test_a_file_with_unreadable_rows_is_shown_with_them_and_imports_nothing(world, login):
    rows = [*ROWS, ("row", ["май", "Куратор", "", "Отчёт", "7.4"]), ("row", ["май", "Куратор", "Повтор", "", "7.1"])]
    client = login(world.curator)
    upload = SimpleUploadedFile("карта.docx", make_docx(rows))
    response = client.post(reverse("roadmap:import"), {"file": upload, "year": "2025/2026", "years": "1"})
    page = response.content.decode()
    assert "нет наименования мероприятия" in page and "номер 7.1 уже есть выше" in page
    assert "Подтвердить загрузку" not in page and response.context["token"] == ""
    assert not Roadmap.objects.exists() and not Activity.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"not a zip", "карта.docx", "не открывается как документ Word"),
        (make_xlsx(), "карта.pdf", "Загрузите файл .docx"),
        (
            make_docx(headers=["Первый", "Второй", "Третий", "Четвёртый", "Пятый"]),
            "карта.docx",
            "нет таблицы дорожной карты",
        ),
    ],
)
def test_a_file_that_is_not_a_roadmap_is_explained_in_russian(world, login, content, name, message):
    response = login(world.curator).post(
        reverse("roadmap:import"), {"file": SimpleUploadedFile(name, content), "year": "2025/2026", "years": "1"}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Roadmap.objects.exists()


def test_reading_never_raises_anything_but_the_russian_error():
    with pytest.raises(RoadmapFileError):
        read_roadmap(make_docx(), "карта.txt")


def test_a_mentor_cannot_import(world, login):
    assert login(world.mentor_a).get(reverse("roadmap:import")).status_code == 403
