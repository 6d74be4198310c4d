"""A school's own roadmap imported from Word or Excel: upload → preview (each deadline as understood,
the rows that could not be read) → confirm. The file waits between the two steps in a private
folder under a random token bound to the user; confirming twice finds nothing the second time."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring import files
from mentoring.access import LEADERS, require_roles, user_organization
from roadmap import deadlines, importing, services
from roadmap.forms import ImportRoadmapForm

PENDING_FOLDER = "roadmap-import-pending"


def _pending_dir(request: HttpRequest) -> Path:
    return files.pending_dir(PENDING_FOLDER, request.user.organization_id, request.user.pk)


@require_roles(*LEADERS)
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportRoadmapForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "roadmap/import_form.html", {"form": form}, status=400 if form.errors else 200)
    upload = form.cleaned_data["file"]
    content = upload.read()
    try:
        plan = importing.read_roadmap(content, upload.name)
    except importing.RoadmapFileError as exc:
        form.add_error("file", str(exc))
        return render(request, "roadmap/import_form.html", {"form": form}, status=400)
    token = ""  # nosec B105 # no confirmation token while the file has errors, not a password
    if not plan.errors:
        token = secrets.token_urlsafe(16)
        suffix = upload.name.rsplit(".", 1)[-1].casefold()
        (_pending_dir(request) / f"{token}.{suffix}").write_bytes(content)
    year = form.cleaned_data["year"]
    context = {"plan": plan, "token": token, "form": form, "filename": upload.name, "year": year}
    last_year = year.start_year + form.cleaned_data["years"] - 1
    for activity in plan.activities:
        activity.due = deadlines.resolve(activity.deadline, first_year=year.start_year, last_year=last_year).due
    return render(request, "roadmap/import_preview.html", context)


@require_POST
@require_roles(*LEADERS)
def import_confirm(request: HttpRequest) -> HttpResponse:
    token = request.POST.get("token", "")
    form = ImportRoadmapForm(request.POST)
    form.fields["file"].required = False
    found = (
        [] if not token.replace("-", "").replace("_", "").isalnum() else list(_pending_dir(request).glob(f"{token}.*"))
    )
    if not found or not form.is_valid():
        messages.error(request, "Файл для загрузки не найден: он уже загружен или устарел. Загрузите его заново.")
        return redirect("roadmap:import")
    path = found[0]
    content = path.read_bytes()
    path.unlink(missing_ok=True)
    try:
        plan = importing.read_roadmap(content, path.name)
        roadmap = services.roadmap_import(
            organization=user_organization(request.user),
            academic_year=form.cleaned_data["year"],
            years=form.cleaned_data["years"],
            title=form.cleaned_data["title"],
            plan=plan,
        )
    except (importing.RoadmapFileError, ValidationError) as exc:
        messages.error(request, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
        return redirect("roadmap:import")
    messages.success(request, f"Дорожная карта загружена; мероприятий: {len(plan.activities)}.")
    return redirect(roadmap)
