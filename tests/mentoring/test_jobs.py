"""Background jobs (mentoring/jobs.py): progress, the outcome in Russian, the file, and who sees them.
The tests run tasks synchronously (DJANGO_TASKS_BACKEND=immediate); test_jobs_worker.py runs the real queue."""

import pytest
from django.db import transaction
from django.urls import reverse

from mentoring import jobs
from mentoring.models import JOB_INTERNAL_ERROR, Job, Region
from tests.mentoring.jobs_objects import PDF, staff_job


def test_it_runs_a_job_and_keeps_its_file(world, handlers):
    def document(job, progress):
        progress.stage("Печать бланков", total=3)
        for done in range(1, 4):
            progress.advance(done)
        return jobs.JobResult(summary="Напечатано бланков: 3.", content=PDF, filename="Согласия 8Б.pdf")

    handlers("test.document", document)
    job = jobs.start(user=world.curator, organization=world.org, kind="test.document", title="Бланки", params={})
    assert job.status == Job.Status.DONE
    assert (job.done, job.total, job.percent) == (3, 3, 100)
    assert job.summary == "Напечатано бланков: 3."
    assert job.result_file.read() == PDF
    assert job.task_id and job.started_at and job.finished_at


def test_a_failed_job_says_why_in_russian_and_changes_nothing(world, handlers):
    def failing(job, progress):
        with transaction.atomic():
            Region.objects.create(name="Появится и исчезнет")
            raise jobs.JobError("В файле 2 ошибки: строка 4 — класс «14Я» не распознан.")

    handlers("test.failing", failing)
    job = jobs.start(user=world.staff, organization=world.org, kind="test.failing", title="Загрузка", params={})
    assert job.status == Job.Status.FAILED
    assert job.error == "В файле 2 ошибки: строка 4 — класс «14Я» не распознан."
    assert not Region.objects.filter(name="Появится и исчезнет").exists()


def test_an_unexpected_error_is_a_russian_message_not_a_500(world, handlers, login):
    def broken(job, progress):
        raise KeyError("internal detail")

    handlers("test.broken", broken)
    job = jobs.start(user=world.staff, organization=world.org, kind="test.broken", title="Загрузка", params={})
    assert job.status == Job.Status.FAILED
    assert job.error == JOB_INTERNAL_ERROR
    page = login(world.staff).get(reverse("jobs:detail", args=[job.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Задание не выполнено." in text and "internal detail" not in text


def test_a_job_runs_once_even_if_delivered_twice(world, handlers):
    calls = []
    handlers("test.count", lambda job, progress: calls.append(job.pk) or jobs.JobResult())
    job = jobs.start(user=world.staff, organization=world.org, kind="test.count", title="Раз", params={})
    jobs.run(job.pk)
    assert calls == [job.pk]


def test_progress_is_written_outside_the_handlers_transaction_only(world):
    job = Job.objects.create(user=world.staff, organization=world.org, kind="x", title="x")
    progress = jobs.Progress(job)
    progress.stage("Проверка строк", total=10)
    assert Job.objects.get(pk=job.pk).stage == "Проверка строк"
    with transaction.atomic():
        progress.stage("Запись", total=10)
        assert Job.objects.get(pk=job.pk).stage == "Проверка строк"  # invisible to the page until commit anyway


@pytest.mark.parametrize(
    ("persona", "status"),
    [("staff", 200), ("director", 200), ("curator", 200), ("mentor_a", 404), ("psychologist", 404), ("outsider", 404)],
)
def test_only_the_starter_and_the_leaders_see_a_job_and_its_file(world, login, persona, status):
    job = staff_job(world)
    client = login(getattr(world, persona))
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == status
    response = client.get(reverse("jobs:file", args=[job.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]


def test_a_missing_job_is_a_404(world, login):
    assert login(world.director).get(reverse("jobs:detail", args=[999999])).status_code == 404


def test_the_page_polls_while_the_job_runs_and_stops_when_it_is_over(world, login):
    job = Job.objects.create(
        user=world.staff,
        organization=world.org,
        kind="x",
        title="Загрузка списка",
        status="running",
        done=40,
        total=200,
    )
    job.stage = "Проверка строк"
    job.save()
    client = login(world.staff)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and "40 из 200 (20 %)" in page and "Проверка строк" in page
    fragment = client.get(reverse("jobs:detail", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and 'id="job-progress"' in fragment and "every 1s" in fragment
    Job.objects.filter(pk=job.pk).update(status="done", summary="Загружено: добавлено 200.")
    fragment = client.get(reverse("jobs:detail", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment and "Загружено: добавлено 200." in fragment


def test_my_jobs_lists_the_users_own_jobs_from_the_user_menu(world, login):
    mine = staff_job(world)
    Job.objects.create(user=world.curator, organization=world.org, kind="x", title="Задание куратора")
    page = login(world.staff).get(reverse("jobs:list")).content.decode()
    assert mine.title in page and "Задание куратора" not in page
    assert "Согласия 8Б.pdf" in page
    home = login(world.staff).get(reverse("home")).content.decode()
    assert reverse("jobs:list") in home and "Мои задания" in home
