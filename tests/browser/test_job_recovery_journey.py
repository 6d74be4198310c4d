"""A job whose worker died, in Chromium: the staff member finds it «Прервано» with the reason, starts it again
with one click and gets the file; a job no worker takes says whom to tell (mentoring/jobs.py)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentoring.models import Job
from participants import document_jobs
from tests.browser.conftest import DESKTOP, PHONE
from tests.participants.factories import PersonFactory, StudyGroupFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_interrupted_job_is_started_again_and_gives_its_file(page, live_server, world, sign_in, shoot):
    group = StudyGroupFactory(organization=world.org, grade=8, letter="Б", name="8Б")
    for name in ("Шевченко", "Цой"):
        PersonFactory(organization=world.org, last_name=name, study_group=group)
    long_ago = timezone.now() - datetime.timedelta(minutes=25)
    job = Job.objects.create(
        user=world.staff,
        organization=world.org,
        kind=document_jobs.GROUP_CONSENTS,
        title="Бланки согласий, 8 «Б» класс: обработка ПДн",
        params={"group": group.pk, "form": "processing", "fmt": "pdf"},
        status=Job.Status.RUNNING,
        stage="Печать бланков",
        done=1,
        total=2,
    )
    Job.objects.filter(pk=job.pk).update(created_at=long_ago, started_at=long_ago, heartbeat_at=long_ago)
    page.set_viewport_size(DESKTOP)
    sign_in("t_staff")
    page.goto(f"{live_server.url}/jobs/")
    expect(page.get_by_role("cell", name="Прервано", exact=True)).to_be_visible()
    page.get_by_role("link", name="Бланки согласий, 8 «Б» класс: обработка ПДн").click()
    expect(page.get_by_role("alert")).to_contain_text("обработчик фоновых заданий остановился")
    expect(page.get_by_role("alert")).to_contain_text("данные не изменены")
    shoot("job-interrupted-desktop")
    page.get_by_role("button", name="Запустить ещё раз").click()
    expect(page.get_by_role("link", name="Скачать Согласия 8Б — обработка ПДн.pdf")).to_be_visible()
    expect(page.get_by_text("Напечатано бланков: 2.")).to_be_visible()
    shoot("job-restarted-desktop")
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    expect(page.get_by_role("link", name="Задание запущено ещё раз — перейти к новому запуску")).to_be_visible()


def test_a_job_no_worker_takes_says_whom_to_tell(page, live_server, world, sign_in, shoot):
    job = Job.objects.create(user=world.staff, organization=world.org, kind="x", title="Загрузка списка «5А.xlsx»")
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=7))
    page.set_viewport_size(PHONE)
    sign_in("t_staff")
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    expect(page.get_by_role("alert")).to_contain_text("Сообщите администратору портала")
    expect(page.get_by_role("alert")).to_contain_text("manage.py db_worker")
    shoot("job-no-worker-phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
