"""Import of class and staff lists through the browser: upload → preview → confirm.

The uploaded file waits between preview and confirmation in a private folder, under a random
token bound to the user; confirming twice finds no file the second time and changes nothing.
A list from IMPORT_BACKGROUND_MIN_BYTES up is previewed and loaded as a background job
(participants/import_jobs.py): the page goes to the job's progress and on to the same preview."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring import jobs
from mentoring.access import PEOPLE_EDITORS, require_roles, user_organization
from participants import excel, import_jobs
from participants.forms import ImportForm
from participants.importing import KINDS, ImportFileError, import_people


def _pending_dir(request: HttpRequest) -> Path:
    return import_jobs.pending_dir(request.user.organization_id, request.user.pk)


def _in_background(size: int) -> bool:
    return size >= settings.IMPORT_BACKGROUND_MIN_BYTES


@require_roles(*PEOPLE_EDITORS)
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, initial={"kind": "students"})
    if request.method != "POST" or not form.is_valid():
        return render(request, "participants/import_form.html", {"form": form})
    kind, upload = form.cleaned_data["kind"], form.cleaned_data["file"]
    content = upload.read()
    if _in_background(len(content)):
        try:  # what is wrong with the file as a whole is said at once, on the form (no job for a zip bomb)
            excel.check_upload(content, upload.name)
        except excel.ExcelFileError as exc:
            form.add_error("file", str(exc))
            return render(request, "participants/import_form.html", {"form": form})
        return _start_preview(request, kind=kind, content=content, filename=upload.name)
    try:
        report = import_people(
            content=content, filename=upload.name, organization=user_organization(request.user), kind=kind, dry_run=True
        )
    except ImportFileError as exc:
        form.add_error("file", str(exc))
        return render(request, "participants/import_form.html", {"form": form})
    token = ""  # nosec B105 # no confirmation token yet, not a password
    if not report.errors:
        token = _keep(request, content)
    context = {"report": report, "token": token, "kind": kind, "kind_label": KINDS[kind], "filename": upload.name}
    return render(request, "participants/import_preview.html", context)


def _keep(request: HttpRequest, content: bytes) -> str:
    folder = _pending_dir(request)  # the user's stale uploads are forgotten on the way
    token = secrets.token_urlsafe(16)
    (folder / f"{token}.xlsx").write_bytes(content)
    return token


def _start_preview(request: HttpRequest, *, kind: str, content: bytes, filename: str) -> HttpResponse:
    token = _keep(request, content)
    job = jobs.start(
        user=request.user,
        organization=user_organization(request.user),
        kind=import_jobs.PREVIEW,
        title=import_jobs.title(kind, filename, apply=False),
        params={"token": token, "kind": kind, "filename": filename},
    )
    return redirect("jobs:detail", pk=job.pk)


@require_roles(*PEOPLE_EDITORS)
def import_job_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview a background check prepared; only the user who uploaded the file may confirm it."""
    job = jobs.get_job_for(request.user, pk)
    if job.kind != import_jobs.PREVIEW or job.status != job.Status.DONE or "report" not in job.result_data:
        raise Http404("Предпросмотр не найден")
    kind = job.params["kind"]
    token = job.result_data["token"] if job.user_id == request.user.pk else ""
    context = {
        "report": import_jobs.report_from(job.result_data["report"]),
        "token": token,
        "kind": kind,
        "kind_label": KINDS[kind],
        "filename": job.params["filename"],
    }
    return render(request, "participants/import_preview.html", context)


@require_POST
@require_roles(*PEOPLE_EDITORS)
def import_confirm(request: HttpRequest) -> HttpResponse:
    token, kind = request.POST.get("token", ""), request.POST.get("kind", "")
    path = _pending_dir(request) / f"{token}.xlsx"
    if kind not in KINDS or not token.replace("-", "").replace("_", "").isalnum() or not path.is_file():
        messages.error(request, "Файл для загрузки не найден: он уже загружен или устарел. Загрузите его заново.")
        return redirect("participants:import")
    if _in_background(path.stat().st_size):
        # Renamed before the job is queued, so a second confirmation finds no file and queues nothing.
        loading = path.rename(path.with_suffix(".loading"))
        job = jobs.start(
            user=request.user,
            organization=user_organization(request.user),
            kind=import_jobs.APPLY,
            title=import_jobs.title(kind, request.POST.get("filename", "") or "список.xlsx", apply=True),
            params={"file": loading.name, "kind": kind, "filename": request.POST.get("filename", "")[:200]},
        )
        return redirect("jobs:detail", pk=job.pk)
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
