"""Class and staff lists from IMPORT_BACKGROUND_MIN_BYTES up are checked and loaded as background jobs
(mentoring/jobs.py), by the same ``import_people`` as a small list in the request: the preview job keeps the
report for the preview page; the loading job writes in one transaction or, with any error, changes nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from django.urls import reverse

from mentoring import files
from mentoring.jobs import JobError, JobResult, Progress
from mentoring.models import Job, Organization
from participants import excel
from participants.importing import STUDENTS, ImportFileError, ImportReport, import_people

PREVIEW = "participants.import_preview"
APPLY = "participants.import_apply"


PENDING_FOLDER = "import-pending"


def pending_dir(organization_id: int, user_id: int) -> Path:
    """Where an uploaded list waits between preview and confirmation: the user's own folder."""
    return files.pending_dir(PENDING_FOLDER, organization_id, user_id)


def report_data(report: ImportReport) -> dict:
    return dataclasses.asdict(report)


def report_from(data: dict) -> ImportReport:
    data = dict(data)
    for name in ("errors", "warnings", "notes"):
        data[name] = [excel.RowError(**item) for item in data.get(name, [])]
    return ImportReport(**data)


def _reporter(progress: Progress):
    def report(stage: str, done: int, total: int) -> None:
        if stage != progress.job.stage:
            progress.stage(stage, total=total)
        progress.advance(done, total=total)

    return report


def _file(job: Job, name: str) -> Path:
    path = pending_dir(job.organization_id, job.user_id) / name
    if not path.is_file():
        raise JobError("Файл для загрузки не найден: он уже загружен или устарел. Загрузите его заново.")
    return path


def run_preview(job: Job, progress: Progress) -> JobResult:
    path = _file(job, f"{job.params['token']}.xlsx")
    organization = Organization.objects.get(pk=job.organization_id)
    try:
        report = import_people(
            content=path.read_bytes(),
            filename=job.params["filename"],
            organization=organization,
            kind=job.params["kind"],
            dry_run=True,
            progress=_reporter(progress),
        )
    except ImportFileError as exc:
        path.unlink(missing_ok=True)
        raise JobError(str(exc)) from exc
    if report.errors:
        path.unlink(missing_ok=True)  # a file with errors cannot be confirmed
    summary = (
        f"Ошибок: {report.error_count} — ничего не загружено; исправьте файл и загрузите его снова."
        if report.errors
        else f"Будет добавлено {report.created}, обновлено {report.updated}, без изменений {report.skipped}."
    )
    return JobResult(
        summary=summary,
        url=reverse("participants:import_job_preview", args=[job.pk]),
        label="Открыть предпросмотр",
        data={"report": report_data(report), "token": "" if report.errors else job.params["token"]},
    )


def run_apply(job: Job, progress: Progress) -> JobResult:
    # The confirmation renamed the upload to «.loading», so a second confirmation queues nothing. The file stays
    # until the import has an outcome: a run cut short (the worker stopped; the import is one transaction, so
    # nothing was written) is started again from the job's page on the same file; the daily clean-up removes it.
    path = _file(job, job.params["file"])
    kind = job.params["kind"]
    try:
        report = import_people(
            content=path.read_bytes(),
            filename=job.params.get("filename", "список.xlsx"),
            organization=Organization.objects.get(pk=job.organization_id),
            kind=kind,
            dry_run=False,
            progress=_reporter(progress),
        )
    except ImportFileError as exc:
        path.unlink(missing_ok=True)
        raise JobError(str(exc)) from exc
    path.unlink(missing_ok=True)  # loaded, or refused for its errors: either way this file is done with
    if report.errors:
        first = "; ".join(f"{e.where}: {e.message}" for e in report.errors[:3])
        raise JobError(
            f"Данные изменились с момента проверки: в файле есть ошибки ({report.error_count}), ничего не загружено. "
            f"{first}"
        )
    return JobResult(
        summary=f"Загружено: добавлено {report.created}, обновлено {report.updated}, без изменений {report.skipped}.",
        url=reverse("participants:groups" if kind == "students" else "participants:people"),
        label="Перейти к классам" if kind == "students" else "Перейти к списку участников",
    )


def title(kind: str, filename: str, *, apply: bool) -> str:
    """«Проверка списка обучающихся «8Б.xlsx»», «Загрузка списка педагогов и сотрудников «штат.xlsx»»."""
    what = "Загрузка" if apply else "Проверка"
    whom = "обучающихся" if kind == STUDENTS else "педагогов и сотрудников"
    return f"{what} списка {whom} «{filename}»"
