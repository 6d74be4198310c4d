"""The roadmap across the twelve months of an academic year: which activities run in which month."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from roadmap.deadlines import last_day

MONTH_NAMES = ["сен", "окт", "ноя", "дек", "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг"]


@dataclass
class Cell:
    active: bool
    due: bool
    current: bool


def academic_months(year: int) -> list[tuple[datetime.date, datetime.date]]:
    months = []
    for index in range(12):
        month = (8 + index) % 12 + 1
        calendar_year = year if month >= 9 else year + 1
        months.append((datetime.date(calendar_year, month, 1), last_day(calendar_year, month)))
    return months


def timeline_rows(activities, year: int, today: datetime.date) -> tuple[list[dict], list[dict]]:
    months = academic_months(year)
    header = [{"label": MONTH_NAMES[i], "current": start <= today <= end} for i, (start, end) in enumerate(months)]
    rows = []
    for activity in activities:
        due = activity.due_date
        start = activity.window_start or due
        cells = []
        for month_start, month_end in months:
            active = bool(due and start <= month_end and due >= month_start)
            cells.append(
                Cell(
                    active=active,
                    due=bool(due and month_start <= due <= month_end),
                    current=month_start <= today <= month_end,
                )
            )
        rows.append({"activity": activity, "cells": cells, "in_year": any(c.active for c in cells)})
    return header, rows
