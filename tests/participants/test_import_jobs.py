"""A big class list is checked and loaded as a background job: upload → job page → preview → confirm → job
page → done; the same messages and the same all-or-nothing rule as a small list in the request."""

import io

import pytest
from django.urls import reverse

from mentoring import jobs
from mentoring.models import Job
from participants import import_jobs
from participants.models import Person
from tests.mentoring.test_jobs_worker import DATABASE_TASKS, run_worker
from tests.participants.xlsx import workbook_bytes

ROWS = [["ФИО", "Дата рождения"], ["Белов Илья Андреевич", "03.03.2013"], ["Абрамова Анна Сергеевна", "04.04.2013"]]


@pytest.fixture
def background(settings):
    settings.IMPORT_BACKGROUND_MIN_BYTES = 0  # every list goes to the queue


def upload(client, content, name="5А.xlsx"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("participants:import"), {"kind": "students", "file": file})


def test_a_big_list_is_checked_in_the_background_then_loaded_after_confirmation(world, login, background):
    client = login(world.staff)
    response = upload(client, workbook_bytes({"5А": ROWS}))
    preview_job = Job.objects.get(kind=import_jobs.PREVIEW)
    assert response.url == reverse("jobs:detail", args=[preview_job.pk])
    assert preview_job.status == Job.Status.DONE and preview_job.title == "Проверка списка обучающихся «5А.xlsx»"
    assert not Person.objects.filter(organization=world.org, kind="student").exists()  # a preview writes nothing
    job_page = client.get(response.url).content.decode()
    assert "Будет добавлено 2, обновлено 0, без изменений 0." in job_page and "Открыть предпросмотр" in job_page

    preview = client.get(reverse("participants:import_job_preview", args=[preview_job.pk])).content.decode()
    assert "Белов Илья Андреевич" in preview and "будет добавлен" in preview and "Подтвердить загрузку" in preview
    token = preview_job.result_data["token"]
    confirm = {"token": token, "kind": "students", "filename": "5А.xlsx"}
    response = client.post(reverse("participants:import_confirm"), confirm)
    apply_job = Job.objects.get(kind=import_jobs.APPLY)
    assert response.url == reverse("jobs:detail", args=[apply_job.pk])
    assert apply_job.status == Job.Status.DONE
    assert apply_job.summary == "Загружено: добавлено 2, обновлено 0, без изменений 0."
    assert apply_job.result_label == "Перейти к классам"
    assert Person.objects.filter(organization=world.org, kind="student").count() == 2

    again = client.post(reverse("participants:import_confirm"), confirm, follow=True).content.decode()
    assert "Файл для загрузки не найден" in again
    assert Job.objects.filter(kind=import_jobs.APPLY).count() == 1


def test_a_list_with_errors_shows_them_in_the_preview_and_cannot_be_confirmed(world, login, background):
    client = login(world.staff)
    upload(client, workbook_bytes({"5А": [*ROWS, ["Котов Кирилл", "31.02.2013"]]}))
    job = Job.objects.get(kind=import_jobs.PREVIEW)
    assert job.summary.startswith("Ошибок: 1 — ничего не загружено")
    preview = client.get(reverse("participants:import_job_preview", args=[job.pk])).content.decode()
    assert "31.02.2013" in preview and "такой даты нет" in preview and "Подтвердить загрузку" not in preview


def test_a_loading_job_that_meets_an_error_says_why_and_changes_nothing(world, background):
    folder = import_jobs.pending_dir(world.org.pk, world.staff.pk)
    (folder / "bad.loading").write_bytes(workbook_bytes({"5А": [*ROWS, ["Котов Кирилл", "31.02.2013"]]}))
    job = jobs.start(
        user=world.staff,
        organization=world.org,
        kind=import_jobs.APPLY,
        title="Загрузка",
        params={"file": "bad.loading", "kind": "students", "filename": "5А.xlsx"},
    )
    assert job.status == Job.Status.FAILED
    assert job.error.startswith("Данные изменились с момента проверки: в файле есть ошибки (1), ничего не загружено.")
    assert "такой даты нет" in job.error
    assert not Person.objects.filter(organization=world.org).exists()
    assert not (folder / "bad.loading").exists()


def test_a_loading_job_cut_short_keeps_its_file_and_started_again_loads_the_list(world, background, monkeypatch):
    """A worker that stopped mid-import (here: an internal error) wrote nothing, the import being one transaction;
    «Запустить ещё раз» loads the same confirmed file instead of asking for it again."""
    folder = import_jobs.pending_dir(world.org.pk, world.staff.pk)
    (folder / "5a.loading").write_bytes(workbook_bytes({"5А": ROWS}))
    real = import_jobs.import_people

    def cut_short(**kwargs):
        monkeypatch.setattr(import_jobs, "import_people", real)
        raise RuntimeError("worker stopped")

    monkeypatch.setattr(import_jobs, "import_people", cut_short)
    params = {"file": "5a.loading", "kind": "students", "filename": "5А.xlsx"}
    job = jobs.start(user=world.staff, organization=world.org, kind=import_jobs.APPLY, title="Загрузка", params=params)
    assert job.status == Job.Status.FAILED and (folder / "5a.loading").exists()
    assert not Person.objects.filter(organization=world.org).exists()
    again = jobs.restart(user=world.staff, job=job)
    again.refresh_from_db()
    assert again.status == Job.Status.DONE, again.error
    assert Person.objects.filter(organization=world.org, kind="student").count() == 2
    assert not (folder / "5a.loading").exists()


def test_an_unreadable_big_file_is_refused_on_the_form_without_a_job(world, login, background):
    response = upload(login(world.staff), b"PK\x03\x04 not really a workbook" * 10)
    assert response.status_code == 200 and "Excel" in response.content.decode()
    assert not Job.objects.exists()


def test_a_big_file_that_fails_while_read_says_why_and_leaves_no_file(world, background):
    folder = import_jobs.pending_dir(world.org.pk, world.staff.pk)
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook" * 10)
    job = jobs.start(
        user=world.staff,
        organization=world.org,
        kind=import_jobs.PREVIEW,
        title="Проверка",
        params={"token": "broken", "kind": "students", "filename": "5А.xlsx"},
    )
    assert job.status == Job.Status.FAILED and "Excel" in job.error and "Traceback" not in job.error
    assert not (folder / "broken.xlsx").exists()


def test_a_leader_sees_anothers_preview_but_only_the_uploader_confirms(world, login, background):
    upload(login(world.staff), workbook_bytes({"5А": ROWS}))
    job = Job.objects.get(kind=import_jobs.PREVIEW)
    url = reverse("participants:import_job_preview", args=[job.pk])
    curator_page = login(world.curator).get(url).content.decode()
    assert "Белов Илья Андреевич" in curator_page and "Подтвердить загрузку" not in curator_page
    assert login(world.outsider).get(url).status_code == 404
    assert login(world.mentor_a).get(url).status_code == 403


def test_a_small_list_stays_in_the_request(world, login):
    response = upload(login(world.staff), workbook_bytes({"5А": ROWS}))
    assert response.status_code == 200 and "Подтвердить загрузку" in response.content.decode()
    assert not Job.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_both_import_jobs_run_through_the_database_queue_and_a_worker(world, client, settings, background):
    settings.TASKS = DATABASE_TASKS
    client.force_login(world.staff)
    upload(client, workbook_bytes({"5А": ROWS}))
    job = Job.objects.get(kind=import_jobs.PREVIEW)
    assert job.status == Job.Status.QUEUED
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "В очереди" in page and 'hx-trigger="every 1s"' in page
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    client.post(
        reverse("participants:import_confirm"),
        {"token": job.result_data["token"], "kind": "students", "filename": "5А.xlsx"},
    )
    run_worker()
    apply_job = Job.objects.get(kind=import_jobs.APPLY)
    assert apply_job.status == Job.Status.DONE, apply_job.error
    assert Person.objects.filter(organization=world.org, kind="student").count() == 2
