"""Builders of messy workbooks, the way schools really send them."""

import datetime
import io

from openpyxl import Workbook


def workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def messy_class_lists() -> bytes:
    """Three sheets, three layouts: title rows, split names, class only in the title or sheet name."""
    return workbook_bytes(
        {
            "5А": [
                ["МБОУ «Тестовая школа»"],
                ["Список обучающихся 5 «А» класса на 2025/2026 учебный год"],
                [],
                ["№ п/п", "  фио обучающегося  ", "Дата рождения", "Примечание"],
                [1, "  ИВАНОВ  Иван Иванович ", datetime.datetime(2014, 3, 15), ""],
                [2, "Фёдорова Алёна Сергеевна", "01.09.2014", "староста"],
                [None, None, None, None],
                [3, "Мамедов Али Гасан оглы", "7.11.2013", ""],
            ],
            "6 б": [
                ["Класс", "Фамилия", "Имя", "Отчество", "Пол", "Дата рождения"],
                ["6-б", "Петрова", "Мария", "Андреевна", "ж", 41640],  # an Excel serial: 2014-01-01
                ["6 «Б»", "Сидоров", "Пётр", "", "М", "2013-05-20"],
            ],
            "Лист3": [
                ["Список 7в класса"],
                ["Дата рождения", "ФИО"],
                ["12.12.2012", "Кузнецова Дарья Олеговна"],
            ],
        }
    )


def class_of_22_with_signatures() -> bytes:
    """A real class list: a title, no birth dates, the signature and the total under the table."""
    names = [
        "Абрамова Алина Сергеевна", "Белов Артём Игоревич", "Васильева Вера Олеговна", "Григорьев Глеб Петрович",
        "Дмитриева Дарья Андреевна", "Егоров Егор Ильич", "Ёлкин Семён Павлович", "Жукова Жанна Олеговна",
        "Зайцев Захар Романович", "Иванова Ирина Сергеевна", "Ковалёв Кирилл Денисович", "Лебедева Лада Игоревна",
        "Морозов Максим Юрьевич", "Новикова Нина Андреевна", "Орлов Олег Петрович", "Павлова Полина Сергеевна",
        "Романов Роман Ильич", "Соколова Софья Максимовна", "Тихонов Тимур Олегович", "Уварова Ульяна Денисовна",
        "Фролов Фёдор Артёмович", "Яковлева Яна Игоревна",
    ]  # fmt: skip
    rows = [
        ["МБОУ «Тестовая школа»"],
        ["Список обучающихся 8 «Б» класса на 2025/2026 учебный год"],
        [],
        ["№", "ФИО обучающегося", "Пол", "Примечание"],
    ]
    rows += [[i, name, "", ""] for i, name in enumerate(names, start=1)]
    rows += [
        [],
        ["", "Итого: 22 человека"],
        ["Классный руководитель: ____________ /Петрова А. А./"],
        ["", "Директор школы", "", "Смирнова Е. В."],
        ["М. П."],
    ]
    return workbook_bytes({"8Б": rows})


def with_part(content: bytes, name: str, data: bytes) -> bytes:
    """The same workbook with one of its XML parts replaced (a damaged or a hostile file)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, data if info.filename == name else source.read(info.filename))
    return buffer.getvalue()


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>ФИО</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>
</sheetData></worksheet>""".encode()

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row>
</sheetData></worksheet>"""
