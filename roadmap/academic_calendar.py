"""The organization's academic calendar («календарный учебный график») as the deadline reader sees it.

Regions publish their own dates every year, so the calendar belongs to the organization and the year;
a year the curator has not entered is the federal recommendation (``deadlines.federal_calendar``)."""

from __future__ import annotations

from functools import lru_cache

from roadmap import deadlines
from roadmap.models import AcademicCalendar


def _from_rows(start_year: int, calendar: AcademicCalendar) -> deadlines.SchoolCalendar:
    periods = tuple(
        deadlines.Period(p.kind, p.number, p.name, p.start, p.end, p.holidays)
        for p in sorted(calendar.periods.all(), key=lambda p: (p.start, p.kind))
    )
    return deadlines.SchoolCalendar(start_year=start_year, system=calendar.system, periods=periods)


def school_calendar(organization_id: int | None, start_year: int) -> deadlines.SchoolCalendar:
    """The organization's calendar of the academic year starting in ``start_year``."""
    calendar = (
        AcademicCalendar.objects.filter(organization_id=organization_id, academic_year__start_year=start_year)
        .prefetch_related("periods")
        .first()
        if organization_id
        else None
    )
    if calendar is None or not calendar.periods.all():
        system = calendar.system if calendar else _default_system(organization_id)
        return deadlines.federal_calendar(start_year, system)
    return _from_rows(start_year, calendar)


def _default_system(organization_id: int | None) -> str:
    """A college divides its year into semesters, a school into quarters — until the curator says otherwise."""
    latest = (
        AcademicCalendar.objects.filter(organization_id=organization_id).order_by("-academic_year__start_year").first()
    )
    return latest.system if latest else AcademicCalendar.System.QUARTERS


def calendars_for(organization_id: int | None) -> deadlines.CalendarSource:
    """A calendar source for one pass over many activities: each year is read from the database once."""

    @lru_cache(maxsize=16)
    def source(start_year: int) -> deadlines.SchoolCalendar:
        return school_calendar(organization_id, start_year)

    return source


def default_periods(start_year: int, system: str) -> list[dict]:
    """The federal calendar as rows of the form the curator edits."""
    return default_periods_of(deadlines.federal_calendar(start_year, system))


def default_periods_of(calendar: deadlines.SchoolCalendar) -> list[dict]:
    return [
        {
            "kind": p.kind,
            "number": p.number,
            "holidays": p.holidays,
            "name": p.name,
            "start": p.start,
            "end": p.end,
        }
        for p in calendar.periods
    ]
