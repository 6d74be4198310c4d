"""The organization's academic calendar of a year: quarters, trimesters or semesters and holidays,
prefilled with the federal recommendation; the curator enters the region's dates."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from mentoring.access import LEADERS, require_roles, user_organization
from mentoring.models import AcademicYear
from roadmap import academic_calendar, services
from roadmap.forms import CalendarForm, CalendarPeriodFormSet
from roadmap.models import AcademicCalendar


def _year(request: HttpRequest) -> AcademicYear:
    try:
        start_year = AcademicYear.parse_name(request.GET.get("year", ""))
    except ValueError:
        return AcademicYear.current()
    start_year = min(max(start_year, 2000), 2100)
    return AcademicYear.for_date(datetime.date(start_year, 9, 1))


@require_roles(*LEADERS)
def calendar_edit(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    year = _year(request)
    current = AcademicCalendar.objects.filter(organization=organization, academic_year=year).first()
    school = academic_calendar.school_calendar(organization.pk, year.start_year)
    if request.method == "POST":
        form, formset = CalendarForm(request.POST), CalendarPeriodFormSet(request.POST)
        if form.is_valid() and formset.is_valid():
            fields = ("kind", "number", "holidays", "name", "start", "end")
            periods = [
                {key: f.cleaned_data[key] for key in fields}
                for f in formset
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            try:
                services.calendar_save(
                    organization=organization, academic_year=year, system=form.cleaned_data["system"], periods=periods
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, f"Календарный учебный график на {year.name} учебный год сохранён; сроки пересчитаны."
                )
                return redirect(f"{request.path}?year={year.name}")
    else:
        form = CalendarForm(initial={"system": school.system})
        formset = CalendarPeriodFormSet(initial=academic_calendar.default_periods_of(school))
    context = {"form": form, "formset": formset, "year": year, "own": current is not None, "calendar": school}
    return render(request, "roadmap/calendar.html", context, status=400 if request.method == "POST" else 200)
