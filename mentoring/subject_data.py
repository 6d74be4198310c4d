"""A participant's personal data on request (152-ФЗ, ст. 14) as JSON and as an xlsx workbook with
one sheet per section. The apps register the sections: the card and consents, pairs, meetings and
feedback, questionnaire answers."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.styles import Font

from mentoring.xlsx import safe_cell


def _value(value: object) -> object:
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


Section = Callable[[object], dict[str, list[dict]]]
_SECTIONS: list[Section] = []


def register_section(section: Section) -> None:
    """``section(person) -> {title: rows}``; each app adds what it keeps about a person, in the
    order of INSTALLED_APPS (the card first, answers last)."""
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def collect(person) -> dict[str, list[dict]]:
    """Sections of the person's data; each a list of rows with Russian column names."""
    data: dict[str, list[dict]] = {}
    for section in _SECTIONS:
        data.update(section(person))
    return data


def as_json(data: dict[str, list[dict]]) -> dict:
    return {section: [{k: _value(v) for k, v in row.items()} for row in rows] for section, rows in data.items()}


def as_xlsx(data: dict[str, list[dict]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for section, rows in data.items():
        sheet = book.create_sheet(section[:31])
        headers = list(rows[0]) if rows else ["Сведений нет"]
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([safe_cell(_value(v)) for v in row.values()])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# Withdrawal of the processing consent (152-ФЗ, ст. 21): each app erases what it keeps about the person —
# free text, files — and leaves the figures (dates, ratings, statuses) the programme's reports count.
Eraser = Callable[[object], None]
_ERASERS: list[Eraser] = []


def register_eraser(eraser: Eraser) -> None:
    """``eraser(person)`` runs inside the anonymization's transaction, before the card's own fields
    are wiped (so it can still follow the person's profiles and account)."""
    if eraser not in _ERASERS:
        _ERASERS.append(eraser)


def erase(person) -> None:
    for eraser in _ERASERS:
        eraser(person)
