"""Membership by academic year: who was in the organization in each year (the KPIs of a year count
from it), with the curator's leaving, graduation and carrying staff over to the next year."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentoring.access import LIST_KEEPERS, PEOPLE_EDITORS, require_roles, user_organization
from mentoring.models import AcademicYear
from participants import membership
from participants.forms_membership import GraduateForm, LeaveForm, MembershipYearForm
from participants.models import Membership


def _year(data) -> tuple[AcademicYear | None, MembershipYearForm]:
    """The asked year if it exists (GET never creates one), else the current year; None on a bad value."""
    form = MembershipYearForm(data)
    if not form.is_valid():
        return None, form
    start_year = form.cleaned_data["year"]
    if start_year is None:
        return AcademicYear.current(), form
    return AcademicYear.objects.filter(start_year=start_year).first(), form


def _back(year: AcademicYear) -> HttpResponse:
    return redirect(f"{reverse('participants:memberships')}?year={year.name}")


@require_roles(*LIST_KEEPERS)
def memberships(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    year, form = _year(request.GET)
    if year is None:
        year = AcademicYear.current()
        if not form.errors:
            messages.info(request, "За этот учебный год составов нет; показан текущий.")
    rows = Membership.objects.filter(organization=organization, academic_year=year)
    by_role = rows.aggregate(
        students=Count("pk", filter=Q(role=Membership.Role.STUDENT)),
        teachers=Count("pk", filter=Q(role=Membership.Role.TEACHER)),
        young=Count("pk", filter=Q(role=Membership.Role.TEACHER, is_young_specialist=True)),
        staff=Count("pk", filter=Q(role=Membership.Role.STAFF)),
        left=Count("pk", filter=Q(left_on__isnull=False)),
    )
    classes = (
        rows.filter(role=Membership.Role.STUDENT)
        .values("class_label", "grade")
        .annotate(n=Count("pk"), left=Count("pk", filter=Q(left_on__isnull=False)))
        .order_by("grade", "class_label")
    )
    left = rows.filter(left_on__isnull=False).select_related("person").order_by("left_on", "person__sort_key", "pk")
    years = AcademicYear.objects.filter(membership__organization=organization).distinct().order_by("-start_year")
    can_edit = request.user.has_role(*PEOPLE_EDITORS)
    context = {
        "year": year,
        "form": form,
        "years": years,
        "by_role": by_role,
        "classes": classes,
        "left": left,
        "can_edit": can_edit,
        "leave_form": LeaveForm(organization=organization, year=year) if can_edit else None,
        "graduate_form": GraduateForm(organization=organization, year=year) if can_edit else None,
        "previous": AcademicYear.objects.filter(start_year=year.start_year - 1).first(),
    }
    return render(request, "participants/memberships.html", context)


def _post_year(request: HttpRequest) -> AcademicYear | None:
    year, _form = _year(request.POST)
    if year is None:
        messages.error(request, "Учебный год не указан или за него нет составов.")
    return year


@require_POST
@require_roles(*PEOPLE_EDITORS)
def membership_leave(request: HttpRequest) -> HttpResponse:
    year = _post_year(request)
    if year is None:
        return redirect("participants:memberships")
    form = LeaveForm(request.POST, organization=user_organization(request.user), year=year)
    if form.is_valid():
        d = form.cleaned_data
        try:
            membership.membership_leave(membership=d["membership"], left_on=d["left_on"], reason=d["reason"])
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
        else:
            messages.success(request, f"Выбытие записано: {d['membership'].person.full_name}.")
    else:
        messages.error(request, "Выбытие не записано: " + "; ".join(e for es in form.errors.values() for e in es))
    return _back(year)


@require_POST
@require_roles(*PEOPLE_EDITORS)
def memberships_graduate(request: HttpRequest) -> HttpResponse:
    year = _post_year(request)
    if year is None:
        return redirect("participants:memberships")
    organization = user_organization(request.user)
    form = GraduateForm(request.POST, organization=organization, year=year)
    if form.is_valid():
        d = form.cleaned_data
        try:
            count = membership.memberships_graduate(
                organization=organization, year=year, class_label=d["class_label"], left_on=d["left_on"]
            )
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
        else:
            messages.success(request, f"Выпуск класса {d['class_label']} записан: {count} чел.")
    else:
        messages.error(request, "Выпуск не записан: " + "; ".join(e for es in form.errors.values() for e in es))
    return _back(year)


@require_POST
@require_roles(*PEOPLE_EDITORS)
def memberships_carry_over(request: HttpRequest) -> HttpResponse:
    year = _post_year(request)
    if year is None:
        return redirect("participants:memberships")
    previous = AcademicYear.objects.filter(start_year=year.start_year - 1).first()
    if previous is None:
        messages.error(request, "За предыдущий учебный год составов нет — переносить некого.")
        return _back(year)
    created = membership.memberships_carry_over(
        organization=user_organization(request.user), from_year=previous, to_year=year
    )
    messages.success(request, f"Перенесено педагогов и сотрудников из {previous.name}: {created}.")
    return _back(year)
