"""A job whose worker died, a job no worker takes, a worker that was only slow, and «Запустить ещё раз»
(mentoring/jobs.py). Timestamps are set on the rows; ``Job.state(now=…)`` reads them against a given clock."""

import datetime
import threading

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mentoring import jobs
from mentoring.models import JOB_INTERNAL_ERROR, JOB_INTERRUPTED, Job, Region
from tests.mentoring.jobs_objects import PDF

MIN = datetime.timedelta(minutes=1)


def make_job(world, *, status=Job.Status.RUNNING, age=0, beat=None, **fields):
    """A job of the staff member created ``age`` minutes ago, its last heartbeat ``beat`` minutes ago."""
    now = timezone.now()
    job = Job.objects.create(
        user=world.staff,
        organization=world.org,
        kind=fields.pop("kind", "test.document"),
        title="Бланки согласий: 8 «Б» класс",
        status=status,
        **fields,
    )
    Job.objects.filter(pk=job.pk).update(
        created_at=now - age * MIN,
        started_at=now - age * MIN if status != Job.Status.QUEUED else None,
        heartbeat_at=None if beat is None else now - beat * MIN,
    )
    job.refresh_from_db()
    return job


# ------------------------------------------------------------------ the states, in one place


@pytest.mark.parametrize(
    ("status", "age", "beat", "state"),
    [
        (Job.Status.QUEUED, 0, None, Job.State.QUEUED),
        (Job.Status.QUEUED, 1, None, Job.State.QUEUED),
        (Job.Status.QUEUED, 3, None, Job.State.NO_WORKER),  # JOB_NO_WORKER_MINUTES = 2
        (Job.Status.RUNNING, 60, 9, Job.State.RUNNING),  # a long job with a live worker
        (Job.Status.RUNNING, 60, 11, Job.State.INTERRUPTED),  # JOB_STALE_MINUTES = 10
        (Job.Status.RUNNING, 11, None, Job.State.INTERRUPTED),  # no heartbeat ever: the start counts
        (Job.Status.DONE, 600, 500, Job.State.DONE),
        (Job.Status.FAILED, 600, 500, Job.State.FAILED),
    ],
)
def test_the_state_of_a_job_is_its_status_read_against_the_clock(world, status, age, beat, state):
    assert make_job(world, status=status, age=age, beat=beat).state() == state


def test_the_limits_are_settings(world, settings):
    job = make_job(world, age=30, beat=20)
    assert job.state() == Job.State.INTERRUPTED
    settings.JOB_STALE_MINUTES = 30
    assert job.state() == Job.State.RUNNING
    assert job.state(now=timezone.now() + 11 * MIN) == Job.State.INTERRUPTED


def test_progress_writes_are_the_heartbeat(world):
    job = make_job(world, age=30, beat=20)
    jobs.Progress(job).stage("Печать бланков", total=28)
    job.refresh_from_db()
    assert job.state() == Job.State.RUNNING and timezone.now() - job.heartbeat_at < MIN


@pytest.mark.django_db(transaction=True)
def test_a_long_step_is_kept_alive_by_the_heartbeat_thread_without_a_write_per_row(world):
    job = make_job(world, age=30, beat=20)
    writes = []
    with jobs.Heartbeat(job.pk, interval=0.05) as heartbeat:
        for _ in range(40):
            job.refresh_from_db()
            writes.append(job.heartbeat_at)
            threading.Event().wait(0.01)
    assert job.state() == Job.State.RUNNING
    assert not heartbeat._thread.is_alive()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE)
    stamp = Job.objects.get(pk=job.pk).heartbeat_at
    with jobs.Heartbeat(job.pk, interval=0.02):
        threading.Event().wait(0.1)
    assert Job.objects.get(pk=job.pk).heartbeat_at == stamp  # a finished job is not touched
    assert len(set(writes)) < 20  # one touch per interval, not one per loop


def test_run_starts_the_heartbeat_around_the_handler(world, handlers, settings):
    seen = {}

    def handler(job, progress):
        seen["threads"] = [t.name for t in threading.enumerate()]
        return jobs.JobResult()

    handlers("test.beat", handler)
    job = jobs.start(user=world.staff, organization=world.org, kind="test.beat", title="x", params={})
    assert f"job-{job.pk}-heartbeat" in seen["threads"]
    assert job.heartbeat_at is not None and job.status == Job.Status.DONE


# ------------------------------------------------------------------ what the user sees


def test_an_interrupted_job_says_why_and_offers_to_start_it_again(world, login):
    job = make_job(world, age=40, beat=15, done=120, total=2000)
    page = login(world.staff).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Прервано" in page and "обработчик фоновых заданий остановился" in page
    assert "данные не изменены" in page and "Запустите задание ещё раз" in page
    assert reverse("jobs:restart", args=[job.pk]) in page and "Запустить ещё раз" in page
    assert "hx-trigger" not in page  # the page stops polling
    listing = login(world.staff).get(reverse("jobs:list")).content.decode()
    assert "Прервано" in listing and "обработчик фоновых заданий остановился" in listing
    assert "Выполняется" not in listing


def test_a_leader_sees_the_interruption_but_only_the_starter_may_start_it_again(world, login):
    job = make_job(world, age=40, beat=15)
    page = login(world.director).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Прервано" in page and reverse("jobs:restart", args=[job.pk]) not in page
    assert login(world.director).post(reverse("jobs:restart", args=[job.pk])).status_code == 403
    with pytest.raises(jobs.JobError, match="нельзя запустить ещё раз"):
        jobs.restart(user=world.director, job=job)
    assert Job.objects.count() == 1
    assert login(world.outsider).post(reverse("jobs:restart", args=[job.pk])).status_code == 404


def test_a_job_no_worker_takes_tells_the_user_what_to_tell_the_administrator(world, login):
    job = make_job(world, status=Job.Status.QUEUED, age=5)
    client = login(world.staff)
    fragment = client.get(reverse("jobs:detail", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "Задание ещё не начато" in fragment and "Сообщите администратору портала" in fragment
    assert "manage.py db_worker" in fragment and "nastavnik-worker" in fragment
    assert 'hx-trigger="every 5s"' in fragment  # still watching: it starts by itself once a worker runs
    assert "Запустить ещё раз" not in fragment
    listing = client.get(reverse("jobs:list")).content.decode()
    assert "Не начато" in listing and "сообщите администратору портала" in listing
    fresh = make_job(world, status=Job.Status.QUEUED, age=0)
    fragment = client.get(reverse("jobs:detail", args=[fresh.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "Ожидает свободного обработчика" in fragment and "every 1s" in fragment


def test_the_readme_names_the_worker_the_page_sends_the_administrator_to():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert "manage.py db_worker" in readme and "nastavnik-worker.service" in readme


# ------------------------------------------------------------------ starting again


def test_starting_again_runs_the_same_job_anew_and_links_the_old_one(world, login, handlers):
    calls = []

    def document(job, progress):
        calls.append(job.params)
        return jobs.JobResult(summary="Напечатано.", content=PDF, filename="Согласия 8Б.pdf")

    handlers("test.again", document)
    old = make_job(world, age=40, beat=15, kind="test.again", params={"group": 7})
    client = login(world.staff)
    response = client.post(reverse("jobs:restart", args=[old.pk]))
    new = Job.objects.exclude(pk=old.pk).get()
    assert response.url == reverse("jobs:detail", args=[new.pk])
    assert (new.kind, new.title, new.params, new.status, new.user) == (
        "test.again",
        old.title,
        {"group": 7},
        Job.Status.DONE,
        world.staff,
    )
    assert calls == [{"group": 7}]
    old.refresh_from_db()
    assert old.status == Job.Status.FAILED and old.interrupted_at and old.restarted_as == new
    page = client.get(reverse("jobs:detail", args=[old.pk])).content.decode()
    assert reverse("jobs:detail", args=[new.pk]) in page and reverse("jobs:restart", args=[old.pk]) not in page
    client.post(reverse("jobs:restart", args=[old.pk]))
    assert Job.objects.count() == 2  # the second click starts nothing
    stale = Job.objects.get(pk=old.pk)
    stale.restarted_as = None  # what a second request, read before the first one's link, holds
    with pytest.raises(jobs.JobError, match="уже запущено"):
        jobs.restart(user=world.staff, job=stale)
    assert Job.objects.count() == 2


def test_a_kind_the_portal_no_longer_has_is_not_started_again_and_says_so(world, login):
    job = make_job(world, age=40, beat=15, kind="removed.kind")
    response = login(world.staff).post(reverse("jobs:restart", args=[job.pk]), follow=True)
    assert response.status_code == 200
    assert "Этот вид задания больше не поддерживается порталом." in response.content.decode()
    assert Job.objects.count() == 1


def test_a_starter_who_left_the_organization_cannot_start_it_again(world, handlers):
    handlers("test.left", lambda job, progress: jobs.JobResult())
    job = make_job(world, age=40, beat=15, kind="test.left")
    world.staff.organization = world.other_org
    world.staff.save()
    with pytest.raises(jobs.JobError, match="больше не работаете"):
        jobs.restart(user=world.staff, job=job)
    assert Job.objects.count() == 1


def test_a_job_that_failed_on_its_data_is_not_offered_again(world, login, handlers):
    job = make_job(world, status=Job.Status.FAILED, error="В классе нет обучающихся — печатать нечего.")
    broken = make_job(world, status=Job.Status.FAILED, error=JOB_INTERNAL_ERROR)
    running = make_job(world, age=5, beat=1)
    assert not job.can_restart and broken.can_restart and not running.can_restart
    client = login(world.staff)
    client.post(reverse("jobs:restart", args=[running.pk]))
    client.post(reverse("jobs:restart", args=[job.pk]))
    assert Job.objects.count() == 3


# ------------------------------------------------------------------ a worker that was only slow


def test_a_late_result_of_a_slow_worker_is_recorded_on_its_own_row_only(world, handlers):
    """The worker froze (swap, a suspended VM) long enough to be taken for dead, the user started the job again,
    then the first worker woke up and finished: its handler committed, so its row tells the truth — done, with its
    file — and the new run's row is untouched."""
    state = {}

    def slow(job, progress):
        if "first" not in state:
            state["first"] = job.pk
            # Meanwhile: the worker is taken for dead, the new worker's start records it, the user starts it again.
            Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - 15 * MIN)
            assert jobs.interrupt_stale() == 1
            state["new"] = jobs.restart(user=world.staff, job=Job.objects.get(pk=job.pk)).pk
            with transaction.atomic():
                Region.objects.create(name="Записано первым запуском")
            return jobs.JobResult(summary="Первый запуск.", content=PDF, filename="Первый.pdf")
        return jobs.JobResult(summary="Второй запуск.", content=PDF + b"2", filename="Второй.pdf")

    handlers("test.slow", slow)
    jobs.start(user=world.staff, organization=world.org, kind="test.slow", title="Бланки", params={})
    first, new = Job.objects.get(pk=state["first"]), Job.objects.get(pk=state["new"])
    assert first.state() == Job.State.DONE and first.summary == "Первый запуск." and first.error == ""
    assert first.result_file.read() == PDF and first.restarted_as == new
    assert new.state() == Job.State.DONE and new.summary == "Второй запуск." and new.result_name == "Второй.pdf"
    assert Region.objects.filter(name="Записано первым запуском").count() == 1


def test_a_late_failure_replaces_the_guess_with_the_real_reason(world, handlers):
    def slow_failure(job, progress):
        Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - 15 * MIN)
        jobs.interrupt_stale()
        raise jobs.JobError("В файле 2 ошибки.")

    handlers("test.slowfail", slow_failure)
    job = jobs.start(user=world.staff, organization=world.org, kind="test.slowfail", title="x", params={})
    assert job.state() == Job.State.FAILED and job.error == "В файле 2 ошибки." and not job.interrupted_at


def test_a_result_for_a_job_already_pruned_or_closed_leaves_no_file_behind(world, handlers, private_media_root):
    def pruned_meanwhile(job, progress):
        Job.objects.filter(pk=job.pk).delete()
        return jobs.JobResult(content=PDF, filename="Согласия.pdf")

    handlers("test.gone", pruned_meanwhile)
    before = {p for p in private_media_root.rglob("*") if p.is_file()}
    jobs.start(user=world.staff, organization=world.org, kind="test.gone", title="x", params={})
    assert not Job.objects.exists()
    assert {p for p in private_media_root.rglob("*") if p.is_file()} == before

    def closed_meanwhile(job, progress):
        Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, summary="Другой итог.")
        return jobs.JobResult(summary="Поздний итог.")

    handlers("test.closed", closed_meanwhile)
    job = jobs.start(user=world.staff, organization=world.org, kind="test.closed", title="x", params={})
    assert job.summary == "Другой итог."


def test_two_deliveries_of_one_job_run_it_once(world, handlers):
    calls = []
    handlers("test.once", lambda job, progress: calls.append(job.pk) or jobs.JobResult())
    job = Job.objects.create(user=world.staff, organization=world.org, kind="test.once", title="x")
    jobs.run(job.pk)
    jobs.run(job.pk)
    assert calls == [job.pk]


# ------------------------------------------------------------------ the worker's start


def test_a_starting_worker_records_dead_workers_jobs_as_interrupted_and_leaves_live_ones(world):
    dead = make_job(world, age=60, beat=30)
    alive = make_job(world, age=60, beat=1)  # another machine's worker is running it
    queued = make_job(world, status=Job.Status.QUEUED, age=60)
    interrupted, _ = jobs.housekeeping(force=True)
    assert interrupted == 1
    dead.refresh_from_db()
    alive.refresh_from_db()
    queued.refresh_from_db()
    assert (dead.status, dead.error, dead.state()) == (Job.Status.FAILED, JOB_INTERRUPTED, Job.State.INTERRUPTED)
    assert dead.interrupted_at and dead.finished_at
    assert alive.status == Job.Status.RUNNING and queued.status == Job.Status.QUEUED
    assert jobs.housekeeping() is None  # then at most once a day


def test_the_db_worker_command_does_the_housekeeping_first(world, settings, monkeypatch):
    from io import StringIO

    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    ran = []
    monkeypatch.setattr(db_worker.Command, "handle", lambda self, *a, **kw: ran.append(kw["batch"]))
    dead = make_job(world, age=60, beat=30)
    out = StringIO()
    call_command("db_worker", "--batch", "--no-reload", stdout=out)
    assert ran == [True]
    assert "прервано (обработчик остановился) — 1" in out.getvalue()
    assert Job.objects.get(pk=dead.pk).state() == Job.State.INTERRUPTED
