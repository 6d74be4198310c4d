"""The director's personal-data access log (152-ФЗ): all events, one person's, and everything the
portal keeps about a person, exported on their request."""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from mentoring import audit, subject_data
from mentoring.access import for_organization, require_roles
from mentoring.forms import AuditFilterForm
from mentoring.models import PersonalDataEvent, Role
from mentoring.xlsx import xlsx_response

PAGE_SIZE = 50


@require_roles(Role.DIRECTOR)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    events = for_organization(request.user, PersonalDataEvent.objects.select_related("user"))
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["date_from"]:
            events = events.filter(created_at__date__gte=data["date_from"])
        if data["date_to"]:
            events = events.filter(created_at__date__lte=data["date_to"])
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = audit.with_subject_names(page.object_list)
    return render(request, "mentoring/audit/log.html", {"form": form, "page": page})


def _person_for_director(request: HttpRequest, pk: int):
    return audit.subjects().get_for(request.user, pk)


@require_roles(Role.DIRECTOR)
def audit_person(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_director(request, pk)
    events = audit.events_about(person)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    viewers = events.exclude(user=None).values("user__last_name", "user__first_name", "user__middle_name").distinct()
    context = {"person": person, "card_url": audit.subjects().card_url(person.pk), "page": page, "viewers": viewers}
    return render(request, "mentoring/audit/person.html", context)


@require_roles(Role.DIRECTOR)
def person_data_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Everything the portal keeps about a person, on their (or their parent's) request."""
    person = _person_for_director(request, pk)
    data = subject_data.collect(person)
    audit.record(request, audit.Action.EXPORT, person, f"Выгрузка сведений по запросу субъекта ({fmt})")
    filename = f"Сведения об участнике {person.pk}.{fmt}"
    if fmt == "xlsx":
        return xlsx_response(subject_data.as_xlsx(data), filename)
    body = json.dumps(subject_data.as_json(data), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
