"""The roadmap printed as an annex to an order (PDF) and as a spreadsheet (xlsx)."""

from __future__ import annotations

import io

from django.db.models import Prefetch
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from mentoring.xlsx import safe_cell
from roadmap.models import Activity, Roadmap


def sections_with_activities(roadmap: Roadmap) -> list:
    activities = Activity.objects.order_by("position").prefetch_related("responsible_users")
    return list(roadmap.sections.order_by("position").prefetch_related(Prefetch("activities", queryset=activities)))


def responsible_line(activity: Activity) -> str:
    """The responsible as written, plus the people the curator named in the portal."""
    names = [user.short_name for user in activity.responsible_users.all()]
    parts = [activity.responsible_text] if activity.responsible_text else []
    if names:
        parts.append(", ".join(names))
    return "; ".join(parts)


def annex_rows(roadmap: Roadmap) -> tuple[list[list[str]], tuple[int, ...]]:
    """The roadmap as the rows of an order's annex, and which of them head a section (a row of its own,
    printed across the table)."""
    rows, headings = [], []
    for section in sections_with_activities(roadmap):
        headings.append(len(rows))
        rows.append([section.number, section.title, "", "", ""])
        for activity in section.activities.all():
            rows.append(
                [activity.number, activity.title, activity.deadline_text, responsible_line(activity), activity.result]
            )
    return rows, tuple(headings)


def xlsx_bytes(roadmap: Roadmap) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Дорожная карта"
    sheet.append([safe_cell(roadmap.title)])
    sheet.append([f"{roadmap.organization.name}, {roadmap.period_name}"])
    sheet.append([])
    headers = [
        "№",
        "Мероприятие",
        "Сроки (как в документе)",
        "Срок (дата)",
        "Ответственные",
        "Результат / вид документа",
        "Статус",
        "Дата выполнения",
        "Подтверждение",
    ]
    sheet.append(headers)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    sheet["A1"].font = Font(bold=True, size=13)
    for section in sections_with_activities(roadmap):
        sheet.append([safe_cell(section.number), safe_cell(section.title)])
        sheet.cell(row=sheet.max_row, column=2).font = Font(bold=True)
        for activity in section.activities.all():
            evidence = "; ".join(
                part for part in (activity.evidence_note, activity.evidence_url, activity.evidence_filename) if part
            )
            sheet.append(
                [
                    safe_cell(activity.number),
                    safe_cell(activity.title),
                    safe_cell(activity.deadline_text),
                    activity.due_date,
                    safe_cell(responsible_line(activity)),
                    safe_cell(activity.result),
                    activity.state_label,
                    activity.completed_on,
                    safe_cell(evidence),
                ]
            )
    for column, width in zip(range(1, 10), [7, 60, 24, 12, 34, 40, 14, 12, 30], strict=True):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.column in (4, 8) and cell.value:
                cell.number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "A5"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
