"""A job through the real queue: the database backend stores the task, a db_worker (its run-once mode) runs it."""

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from mentoring import jobs
from mentoring.models import Job
from tests.mentoring.jobs_objects import PDF

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_worker() -> None:
    """What `manage.py db_worker --batch` does: every waiting task, then exit."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_TASKS


@pytest.mark.django_db(transaction=True)
def test_a_job_waits_in_the_database_queue_until_a_worker_runs_it(database_queue, world):
    def document(job, progress):
        progress.stage("Печать", total=1)
        return jobs.JobResult(summary="Готово.", content=PDF, filename="Документ.pdf")

    jobs.register("test.worker", document)
    try:
        job = jobs.start(user=world.curator, organization=world.org, kind="test.worker", title="Документ", params={})
        assert job.status == Job.Status.QUEUED
        assert DBTaskResult.objects.filter(pk=job.task_id, status="READY").exists()
        run_worker()
    finally:
        jobs._HANDLERS.pop("test.worker", None)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result_file.read() == PDF
    assert DBTaskResult.objects.get(pk=job.task_id).status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_cron_queues_the_reminders_and_the_worker_sends_them(database_queue, world, reference_rows):
    from io import StringIO

    from django.core.management import call_command

    from mentoring.models import Notification
    from tests.mentoring.test_notifications import _stale_pair

    _stale_pair(world)
    out = StringIO()
    call_command("send_reminders", "--queue", "--no-email", stdout=out)
    assert "поставлена в очередь фоновых заданий" in out.getvalue()
    assert not Notification.objects.exists()
    run_worker()
    assert Notification.objects.filter(user=world.mentor_a).exists()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_a_dead_workers_queue_record_is_closed_with_its_job(database_queue, world):
    """The worker was killed mid-job: its queue record says «running» until the next worker's start closes it."""
    import datetime

    from django.utils import timezone

    jobs.register("test.dead", lambda job, progress: jobs.JobResult())
    try:
        job = jobs.start(user=world.curator, organization=world.org, kind="test.dead", title="Документ", params={})
    finally:
        jobs._HANDLERS.pop("test.dead", None)
    long_ago = timezone.now() - datetime.timedelta(minutes=30)
    DBTaskResult.objects.filter(pk=job.task_id).update(status="RUNNING", started_at=long_ago)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=long_ago, heartbeat_at=long_ago)
    assert jobs.interrupt_stale() == 1
    record = DBTaskResult.objects.get(pk=job.task_id)
    assert record.status == "FAILED" and record.finished_at and record.exception_class_path.endswith("WorkerLost")
    assert Job.objects.get(pk=job.pk).state() == Job.State.INTERRUPTED
