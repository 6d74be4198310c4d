"""Background jobs: long work (imports, batch documents, reminders) runs in a worker through Django's tasks API
(django-tasks; the database backend, `manage.py db_worker`), while the user watches its progress on a page.

* A feature app registers what a kind of job does from its ``AppConfig.ready()`` (``register``), so the core
  knows no app; ``start`` records a ``Job`` and enqueues the one task ``mentoring.tasks.run_job``.
* The handler gets the job and a ``Progress`` and returns a ``JobResult`` (a summary, a file, a link onward);
  a ``JobError`` carries a Russian reason to the user. The handler makes its writes in one transaction, so a
  failed job changes nothing.
* Only the user who started a job and the organization's leaders see it and its file; anyone else gets a 404.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from mentoring.access import LEADERS
from mentoring.models import Job, Organization, User

logger = logging.getLogger(__name__)

INTERNAL_ERROR = (
    "Задание прервано из-за внутренней ошибки портала; данные не изменены. "
    "Запустите его ещё раз; если ошибка повторится, сообщите администратору портала."
)
# Progress is written at most this often: a 20,000-row import must not spend its time reporting.
PROGRESS_INTERVAL_S = 0.5


class JobError(Exception):
    """A reason the user can act on, in Russian («В файле 3 ошибки…»); nothing was changed."""


@dataclass
class JobResult:
    summary: str = ""
    content: bytes | None = None  # a document: stored privately, offered on the job's page
    filename: str = ""  # «Согласия 8Б.pdf»
    url: str = ""  # where to go on (an import's preview, the list it filled)
    label: str = ""
    data: dict = field(default_factory=dict)  # what the page behind ``url`` needs (a preview's rows)


Handler = Callable[[Job, "Progress"], JobResult]
_HANDLERS: dict[str, Handler] = {}


def register(kind: str, handler: Handler) -> None:
    _HANDLERS[kind] = handler


def is_registered(kind: str) -> bool:
    return kind in _HANDLERS


class Progress:
    """What a handler reports: a stage («Проверка строк») and done/total. Rows written inside the handler's own
    transaction would stay invisible to the page until the commit, so inside it progress is kept in memory and
    only the stage written before it starts shows; outside, it is written every PROGRESS_INTERVAL_S."""

    def __init__(self, job: Job):
        self.job = job
        self._depth = len(connection.atomic_blocks)
        self._written_at = 0.0

    def stage(self, text: str, *, total: int | None = None) -> None:
        self.job.stage = text
        self.job.done = 0
        if total is not None:
            self.job.total = total
        self._write(force=True)

    def advance(self, done: int, *, total: int | None = None) -> None:
        self.job.done = done
        if total is not None:
            self.job.total = total
        self._write(force=False)

    def _write(self, *, force: bool) -> None:
        if len(connection.atomic_blocks) > self._depth:
            return
        now = time.monotonic()
        if not force and now - self._written_at < PROGRESS_INTERVAL_S:
            return
        self._written_at = now
        Job.objects.filter(pk=self.job.pk).update(stage=self.job.stage, done=self.job.done, total=self.job.total)


def start(*, user: User, kind: str, title: str, params: dict, organization: Organization | None) -> Job:
    """Records the job and puts it in the queue. With the immediate backend (tests) it has run when this returns.
    The queue lives in the same database, so an enqueue inside a transaction becomes visible with the job."""
    if kind not in _HANDLERS:
        raise ValueError(f"No handler registered for job kind {kind!r}")
    from mentoring.tasks import run_job

    job = Job.objects.create(user=user, organization=organization, kind=kind, title=title, params=params)
    task_result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(task_result.id)[:64])
    job.refresh_from_db()
    return job


def run(job_id: int) -> None:
    """The body of the task: runs the handler once and records the outcome; a second delivery does nothing."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.status != Job.Status.QUEUED:
        return
    job.status, job.started_at = Job.Status.RUNNING, timezone.now()
    Job.objects.filter(pk=job.pk).update(status=job.status, started_at=job.started_at)
    progress = Progress(job)
    try:
        handler = _HANDLERS.get(job.kind)
        if handler is None:
            raise JobError("Этот вид задания больше не поддерживается порталом.")
        result = handler(job, progress)
    except JobError as exc:
        _fail(job, str(exc))
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _fail(job, INTERNAL_ERROR)
    else:
        _finish(job, result)


def _fail(job: Job, reason: str) -> None:
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, error=reason, finished_at=timezone.now())


def _finish(job: Job, result: JobResult) -> None:
    job.status = Job.Status.DONE
    job.summary, job.result_url, job.result_label, job.result_data = (
        result.summary,
        result.url,
        result.label,
        result.data,
    )
    job.done = job.total = max(job.total, job.done)
    job.finished_at = timezone.now()
    if result.content is not None:
        job.result_name = result.filename
        job.result_file.save(result.filename, ContentFile(result.content), save=False)
    job.save(
        update_fields=[
            "status",
            "summary",
            "result_url",
            "result_label",
            "result_data",
            "done",
            "total",
            "finished_at",
            "result_name",
            "result_file",
        ]
    )


# ---------------------------------------------------------------- reads and access


def jobs_of(user: User) -> QuerySet[Job]:
    """«Мои задания»: the jobs the user started, newest first."""
    return Job.objects.filter(user=user).order_by("-created_at", "-pk")


def get_job_for(user: User, pk: int) -> Job:
    """A job its starter or a leader of its organization may see; anyone else gets the same 404."""
    job = Job.objects.select_related("user", "organization").filter(pk=pk).first()
    if job is None or not user.is_authenticated:
        raise Http404("Задание не найдено")
    if job.user_id == user.pk:
        return job
    if job.organization_id and job.organization_id == user.organization_id and user.has_role(*LEADERS):
        return job
    raise Http404("Задание не найдено")
