"""Notifications of the user, their email settings, and the director's personal-data access log."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from mentoring import audit, subject_data
from mentoring.access import for_organization, require_roles
from mentoring.models import EmailOptOut, Notification, NotificationKind, PersonalDataEvent, Role
from mentoring.xlsx import xlsx_response

PAGE_SIZE = 50


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    items = Notification.objects.filter(user=request.user)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    unread = items.filter(read_at__isnull=True).count()
    return render(request, "mentoring/notifications/list.html", {"page": page, "unread": unread})


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if notification.read_at is None:
        Notification.objects.filter(pk=pk).update(read_at=timezone.now())
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@require_POST
@login_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    messages.success(request, "Все уведомления отмечены как прочитанные.")
    return redirect("notifications:list")


class EmailSettingsForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label="Присылать по электронной почте",
        choices=NotificationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Уведомления в портале приходят в любом случае.",
    )


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    opted_out = set(EmailOptOut.objects.filter(user=request.user).values_list("kind", flat=True))
    initial = {"kinds": [k for k in NotificationKind.values if k not in opted_out]}
    form = EmailSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        wanted = set(form.cleaned_data["kinds"])
        with transaction.atomic():
            EmailOptOut.objects.filter(user=request.user, kind__in=wanted).delete()
            EmailOptOut.objects.bulk_create(
                [EmailOptOut(user=request.user, kind=k) for k in NotificationKind.values if k not in wanted],
                ignore_conflicts=True,
            )
        messages.success(request, "Настройки писем сохранены.")
        return redirect("notifications:settings")
    return render(request, "mentoring/notifications/settings.html", {"form": form, "email": request.user.email})


# ---------------------------------------------------------------- personal-data access log


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label="Действие", choices=[("", "Все"), *PersonalDataEvent.Action.choices], required=False
    )
    date_from = forms.DateField(label="С", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="По", required=False, widget=forms.DateInput(attrs={"type": "date"}))


@require_roles(Role.DIRECTOR)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    events = for_organization(request.user, PersonalDataEvent.objects.select_related("user", "person"))
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["date_from"]:
            events = events.filter(created_at__date__gte=data["date_from"])
        if data["date_to"]:
            events = events.filter(created_at__date__lte=data["date_to"])
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "mentoring/audit/log.html", {"form": form, "page": page})


def _person_for_director(request: HttpRequest, pk: int):
    from participants.access import get_person_for

    return get_person_for(request.user, pk)


@require_roles(Role.DIRECTOR)
def audit_person(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_director(request, pk)
    events = audit.events_about(person)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    viewers = events.exclude(user=None).values("user__last_name", "user__first_name", "user__middle_name").distinct()
    return render(request, "mentoring/audit/person.html", {"person": person, "page": page, "viewers": viewers})


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
