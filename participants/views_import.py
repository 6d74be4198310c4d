"""Import of class and staff lists through the browser: upload → preview → confirm.

The uploaded file waits between preview and confirmation in a private folder, under a random
token bound to the user; confirming twice finds no file the second time and changes nothing."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring.access import PEOPLE_EDITORS, require_roles, user_organization
from participants.forms import ImportForm
from participants.importing import KINDS, ImportFileError, import_people

PENDING_MAX_AGE_S = 24 * 3600


def _pending_dir(request: HttpRequest) -> Path:
    path = Path(settings.MEDIA_ROOT) / "import-pending" / str(request.user.organization_id) / str(request.user.pk)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _forget_old(folder: Path) -> None:
    for stale in folder.glob("*.xlsx"):
        if time.time() - stale.stat().st_mtime > PENDING_MAX_AGE_S:
            stale.unlink(missing_ok=True)


@require_roles(*PEOPLE_EDITORS)
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, initial={"kind": "students"})
    if request.method != "POST" or not form.is_valid():
        return render(request, "participants/import_form.html", {"form": form})
    kind, upload = form.cleaned_data["kind"], form.cleaned_data["file"]
    content = upload.read()
    try:
        report = import_people(
            content=content, filename=upload.name, organization=user_organization(request.user), kind=kind, dry_run=True
        )
    except ImportFileError as exc:
        form.add_error("file", str(exc))
        return render(request, "participants/import_form.html", {"form": form})
    token = ""  # nosec B105 # no confirmation token yet, not a password
    if not report.errors:
        folder = _pending_dir(request)
        _forget_old(folder)
        token = secrets.token_urlsafe(16)
        (folder / f"{token}.xlsx").write_bytes(content)
    context = {"report": report, "token": token, "kind": kind, "kind_label": KINDS[kind], "filename": upload.name}
    return render(request, "participants/import_preview.html", context)


@require_POST
@require_roles(*PEOPLE_EDITORS)
def import_confirm(request: HttpRequest) -> HttpResponse:
    token, kind = request.POST.get("token", ""), request.POST.get("kind", "")
    path = _pending_dir(request) / f"{token}.xlsx"
    if kind not in KINDS or not token.replace("-", "").replace("_", "").isalnum() or not path.is_file():
        messages.error(request, "Файл для загрузки не найден: он уже загружен или устарел. Загрузите его заново.")
        return redirect("participants:import")
    content = path.read_bytes()
    path.unlink(missing_ok=True)
    try:
        report = import_people(
            content=content, filename=path.name, organization=user_organization(request.user), kind=kind, dry_run=False
        )
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("participants:import")
    if report.errors:
        messages.error(request, "Данные изменились с момента проверки: в файле есть ошибки, ничего не загружено.")
        return render(
            request, "participants/import_preview.html", {"report": report, "kind": kind, "kind_label": KINDS[kind]}
        )
    messages.success(
        request,
        f"Загружено: добавлено {report.created}, обновлено {report.updated}, без изменений {report.skipped}.",
    )
    return redirect("participants:groups" if kind == "students" else "participants:people")
