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
