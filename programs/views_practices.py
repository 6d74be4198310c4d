"""The base of best practices inside the portal (the public page shows the published ones)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring.access import COORDINATORS, READERS, for_organization, require_roles, user_organization
from programs import access
from programs import practices as practices_services
from programs.forms import PracticeForm
from programs.models import Mentorship
from programs.models_practices import Practice


@require_roles(*READERS)
def practices(request: HttpRequest) -> HttpResponse:
    items = for_organization(request.user, Practice.objects.select_related("mentorship__mentor__person"))
    waiting = for_organization(
        request.user, Mentorship.objects.filter(status=Mentorship.Status.COMPLETED, practices__isnull=True)
    ).select_related("mentor__person", "programme")
    context = {"practices": items, "waiting": waiting[:20], "organization": user_organization(request.user)}
    return render(request, "programs/practices/list.html", context)


@require_roles(*COORDINATORS)
def practice_create(request: HttpRequest) -> HttpResponse:
    initial = {"mentorship": request.GET["pair"]} if request.GET.get("pair", "").isdecimal() else {}
    return _practice_form(request, Practice(), initial)


@require_roles(*COORDINATORS)
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _practice_form(request, access.get_practice_for(request.user, pk), {})


def _practice_form(request: HttpRequest, practice: Practice, initial: dict) -> HttpResponse:
    organization = user_organization(request.user)
    form = PracticeForm(
        request.POST or None, request.FILES or None, instance=practice, organization=organization, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            practices_services.practice_save(practice=form.save(commit=False), user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Практика сохранена. Опубликуйте её, когда текст готов.")
            return redirect("programs:practices")
    title = f"Практика: {practice.title}" if practice.pk else "Новая практика"
    return render(request, "programs/practices/form.html", {"form": form, "title": title, "practice": practice})


@require_POST
@require_roles(*COORDINATORS)
def practice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    practice = access.get_practice_for(request.user, pk)
    publish = request.POST.get("publish") == "1"
    practices_services.practice_publish(practice=practice, publish=publish)
    messages.success(request, "Практика опубликована на странице организации." if publish else "Публикация снята.")
    return redirect("programs:practices")
