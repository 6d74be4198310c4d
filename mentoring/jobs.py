"""Background jobs: long work (imports, batch documents, reminders) runs in a worker through Django's tasks API
(django-tasks; the database backend, `manage.py db_worker`), while the user watches its progress on a page.

* A feature app registers what a kind of job does from its ``AppConfig.ready()`` (``register``), so the core
  knows no app; ``start`` records a ``Job`` and enqueues the one task ``mentoring.tasks.run_job``.
* The handler gets the job and a ``Progress`` and returns a ``JobResult`` (a summary, a file, a link onward);
  a ``JobError`` carries a Russian reason to the user. The handler makes its writes in one transaction, so a
  failed job changes nothing.
* Only the user who started a job and the organization's leaders see it and its file; anyone else gets a 404.
* A worker can die mid-job (out of memory, a reboot, a deploy). The running job carries a heartbeat (every progress
  write, and a thread's touch every JOB_HEARTBEAT_SECONDS while a long step runs); ``Job.state`` calls a job
  without one for JOB_STALE_MINUTES interrupted, and its user may start it again. A worker that was only slow
  and finishes after all records its true outcome on its own row (its transaction did commit), never on the
  new run's; a second delivery of a task does nothing, since a job is claimed by one conditional update.
* ``prune`` (``manage.py prune_jobs``, and every worker at its start and once a day) deletes old jobs and, sooner,
  their files and result data: these hold children's personal data.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, connections, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from mentoring.access import LEADERS
from mentoring.models import JOB_INTERNAL_ERROR, JOB_INTERRUPTED, Job, Organization, User

logger = logging.getLogger(__name__)

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
        Job.objects.filter(pk=self.job.pk).update(
            stage=self.job.stage, done=self.job.done, total=self.job.total, heartbeat_at=timezone.now()
        )


class Heartbeat:
    """Touches a running job every JOB_HEARTBEAT_SECONDS from a thread of its own (its own connection), so a long
    step — a PDF of 500 pages, an import's single transaction — does not look like a dead worker. One write per
    interval, none per row; it stops touching the row the moment the job is no longer running."""

    def __init__(self, job_id: int, interval: float | None = None):
        self.job_id = job_id
        self.interval = settings.JOB_HEARTBEAT_SECONDS if interval is None else interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"job-{job_id}-heartbeat", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        # A touch stuck on a lock or the network must not hold the outcome; a late one skips a finished job.
        self._thread.join(timeout=5)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                try:
                    Job.objects.filter(pk=self.job_id, status=Job.Status.RUNNING).update(heartbeat_at=timezone.now())
                except Exception:  # a locked SQLite (the handler's own transaction), a dropped connection: next time
                    logger.debug("Heartbeat of job %s not written", self.job_id, exc_info=True)
        finally:
            connections.close_all()


def start(*, user: User, kind: str, title: str, params: dict, organization: Organization | None) -> Job:
    """Records the job and puts it in the queue. With the immediate backend (tests) it has run when this returns.
    The queue lives in the same database, so an enqueue inside a transaction becomes visible with the job."""
    if kind not in _HANDLERS:
        raise ValueError(f"No handler registered for job kind {kind!r}")
    from mentoring.tasks import run_job

    job = Job.objects.create(user=user, organization=organization, kind=kind, title=title, params=params)
    task_result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(task_result.id)[:64])
    return Job.objects.filter(pk=job.pk).first() or job  # (pruned meanwhile: only in a test's immediate run)


def run(job_id: int) -> None:
    """The body of the task: runs the handler once and records the outcome; a second delivery does nothing."""
    now = timezone.now()
    # The claim is one conditional update, so two deliveries (or two workers) cannot both run the job.
    if not Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=now, heartbeat_at=now
    ):
        return
    job = Job.objects.get(pk=job_id)
    progress = Progress(job)
    try:
        handler = _HANDLERS.get(job.kind)
        if handler is None:
            raise JobError("Этот вид задания больше не поддерживается порталом.")
        with Heartbeat(job.pk):
            result = handler(job, progress)
    except JobError as exc:
        _fail(job, str(exc))
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _fail(job, JOB_INTERNAL_ERROR)
    else:
        _finish(job, result)


def _still_ours() -> Q:
    """Rows a worker may still record its outcome on: its running job, or one that was only taken for interrupted
    (the worker was slow, not dead: its handler's transaction committed, so its outcome is the truth). A finished
    job, and a pruned one, are never written again."""
    return Q(status=Job.Status.RUNNING) | Q(status=Job.Status.FAILED, interrupted_at__isnull=False)


def _fail(job: Job, reason: str) -> None:
    Job.objects.filter(_still_ours(), pk=job.pk).update(
        status=Job.Status.FAILED, error=reason, interrupted_at=None, finished_at=timezone.now()
    )


def _finish(job: Job, result: JobResult) -> None:
    fields = {
        "status": Job.Status.DONE,
        "summary": result.summary,
        "result_url": result.url,
        "result_label": result.label,
        "result_data": result.data,
        "done": max(job.total, job.done),
        "total": max(job.total, job.done),
        "error": "",
        "interrupted_at": None,
        "finished_at": timezone.now(),
    }
    if result.content is not None:
        job.result_file.save(result.filename, ContentFile(result.content), save=False)
        fields |= {"result_name": result.filename, "result_file": job.result_file.name}
    if not Job.objects.filter(_still_ours(), pk=job.pk).update(**fields) and result.content is not None:
        job.result_file.delete(save=False)  # the row is gone (pruned) or already final: leave no orphan file
        logger.warning("Job %s finished after it was closed; its result was dropped", job.pk)


# ---------------------------------------------------------------- a dead worker, a new run, old jobs


def interrupt_stale(*, now: datetime.datetime | None = None) -> int:
    """Records as interrupted every running job whose worker stopped answering (``Job.state`` already shows them
    so; this makes it final, so the list, the counts and ``prune`` agree). Run by every worker at its start — a
    worker on another machine may be running jobs at the time, so only stale ones are touched."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=settings.JOB_STALE_MINUTES)
    stale = Job.objects.filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff), status=Job.Status.RUNNING
    )
    return _record_interrupted(stale, now)


def _record_interrupted(running: QuerySet[Job], now: datetime.datetime) -> int:
    """These running jobs' workers are gone: recorded as interrupted, with their queue records closed."""
    task_ids = [task_id for task_id in running.values_list("task_id", flat=True) if task_id]
    count = running.update(status=Job.Status.FAILED, error=JOB_INTERRUPTED, interrupted_at=now, finished_at=now)
    if task_ids:
        _close_lost_tasks(task_ids, now)
    return count


def _close_lost_tasks(task_ids: list[str], now: datetime.datetime) -> None:
    """The dead worker's queue records stay «running» forever otherwise (the queue's admin, its pruning)."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk__in=task_ids, status="RUNNING").update(
        status="FAILED",
        finished_at=now,
        exception_class_path="mentoring.jobs.WorkerLost",
        traceback="The worker stopped (no heartbeat for JOB_STALE_MINUTES); the job was recorded as interrupted.",
    )


def restart(*, user: User, job: Job) -> Job:
    """Starts an interrupted (or internally broken) job again as it was, for the user who started it; the old row
    points to the new run. Only its starter may: the new run is theirs and acts on their upload."""
    if job.user_id != user.pk or not job.can_restart:
        raise JobError("Это задание нельзя запустить ещё раз.")
    if not is_registered(job.kind):
        raise JobError("Этот вид задания больше не поддерживается порталом.")
    # The page that started it checked the user's place; a user moved to another organization since starts nothing.
    if job.organization_id and job.organization_id != user.organization_id:
        raise JobError("Это задание нельзя запустить ещё раз: вы больше не работаете в организации, где оно запущено.")
    with transaction.atomic():  # the old row locked: a double click starts one new run, not two
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.restarted_as_id:
            raise JobError("Это задание уже запущено ещё раз.")
        if job.current_state == Job.State.INTERRUPTED:
            _record_interrupted(Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING), timezone.now())
        new = start(user=user, kind=job.kind, title=job.title, params=job.params, organization=job.organization)
        Job.objects.filter(pk=job.pk).update(restarted_as=new)
    return new


@dataclass
class PruneReport:
    jobs: int = 0  # job records deleted, with their files
    files: int = 0  # files (and result data) removed from jobs that stay listed
    task_results: int = 0  # finished records of the queue itself
    others: dict[str, int] = field(default_factory=dict)  # a registered clean-up's label → what it removed


# What else outlives its use and is an app's to remove (a class list uploaded and never confirmed): label (Russian,
# the genitive plural after «…:») → a function (now, dry_run) → how many it removed, or would remove.
Cleanup = Callable[[datetime.datetime, bool], int]
_CLEANUPS: dict[str, Cleanup] = {}


def register_cleanup(label: str, cleanup: Cleanup) -> None:
    _CLEANUPS[label] = cleanup


def prune(
    *,
    keep_days: int | None = None,
    file_keep_days: int | None = None,
    dry_run: bool = False,
    now: datetime.datetime | None = None,
) -> PruneReport:
    """Deletes jobs created more than ``keep_days`` ago, files first (a file without its row would be unreachable),
    and removes the files and result data of jobs finished more than ``file_keep_days`` ago. Age is the only
    criterion, for every organization alike; a job still running with a live worker is never touched."""
    now = now or timezone.now()
    keep_days = settings.JOB_KEEP_DAYS if keep_days is None else keep_days
    file_keep_days = settings.JOB_FILE_KEEP_DAYS if file_keep_days is None else file_keep_days
    alive = Q(status=Job.Status.RUNNING, heartbeat_at__gte=now - datetime.timedelta(minutes=settings.JOB_STALE_MINUTES))
    old = Job.objects.filter(created_at__lt=now - datetime.timedelta(days=keep_days)).exclude(alive)
    expiring = (
        Job.objects.filter(finished_at__lt=now - datetime.timedelta(days=file_keep_days), files_removed_at=None)
        .exclude(pk__in=old.values("pk"))
        .exclude(result_file="", result_data={})
    )
    report = PruneReport(jobs=old.count(), files=expiring.count(), task_results=_finished_task_results(now, keep_days))
    report.others = {label: cleanup(now, dry_run) for label, cleanup in _CLEANUPS.items()}
    if dry_run:
        return report
    for job in old.exclude(result_file="").only("pk", "result_file").iterator():
        job.result_file.delete(save=False)
    old.delete()
    for job in expiring.only("pk", "result_file").iterator():
        if job.result_file:
            job.result_file.delete(save=False)
        Job.objects.filter(pk=job.pk).update(result_file="", result_data={}, files_removed_at=now)
    if report.task_results:
        _finished_task_results(now, keep_days, delete=True)
    return report


def _finished_task_results(now: datetime.datetime, keep_days: int, *, delete: bool = False) -> int:
    """The queue's own finished records (django-tasks-db) of the same age, when the queue is in the database."""
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(
        finished_at__lt=now - datetime.timedelta(days=keep_days), status__in=["SUCCESSFUL", "FAILED"]
    )
    if delete:
        return rows.delete()[0]
    return rows.count()


_last_housekeeping: float | None = None


def housekeeping(*, force: bool = False) -> tuple[int, PruneReport] | None:
    """What a worker does at its start and then at most once a day (after a task): record dead workers' jobs as
    interrupted and prune old jobs. It costs two indexed queries when there is nothing to do."""
    global _last_housekeeping
    if not force and _last_housekeeping is not None and time.monotonic() - _last_housekeeping < 24 * 3600:
        return None
    _last_housekeeping = time.monotonic()
    try:
        return interrupt_stale(), prune()
    except Exception:  # housekeeping must never stop a worker; the next start or day tries again
        logger.exception("Job housekeeping failed")
        return None


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
