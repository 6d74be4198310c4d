"""A background job in Chromium: the staff member finds «Мои задания» in the user menu, the job page polls
(htmx) while the worker advances it, and offers the file when it is ready — without reloading the page."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from mentoring.models import Job
from tests.browser.conftest import DESKTOP, PHONE, open_user_menu
from tests.mentoring.jobs_objects import PDF

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_job_page_follows_the_worker_and_offers_the_file(page, live_server, world, sign_in, shoot):
    job = Job.objects.create(
        user=world.staff,
        organization=world.org,
        kind="participants.group_consents",
        title="Бланки согласий, 8 «Б» класс: обработка ПДн",
        status=Job.Status.RUNNING,
        stage="Печать бланков",
        done=10,
        total=28,
    )
    page.set_viewport_size(DESKTOP)
    sign_in("t_staff")
    open_user_menu(page, "Васильев Д. А.")
    page.get_by_role("link", name="Мои задания").click()
    page.get_by_role("link", name="Бланки согласий, 8 «Б» класс: обработка ПДн").click()
    expect(page.get_by_text("10 из 28 (36 %)")).to_be_visible()
    shoot("job-running-desktop")
    # The worker moves on; the page learns it by polling.
    Job.objects.filter(pk=job.pk).update(done=20)
    expect(page.get_by_text("20 из 28 (71 %)")).to_be_visible(timeout=5000)
    job.refresh_from_db()
    job.result_file.save("Согласия 8Б.pdf", ContentFile(PDF), save=False)
    job.status, job.done, job.result_name = Job.Status.DONE, 28, "Согласия 8Б.pdf"
    job.summary = "Напечатано бланков: 28."
    job.save()
    download = page.get_by_role("link", name="Скачать Согласия 8Б.pdf")
    expect(download).to_be_visible(timeout=5000)
    expect(page.get_by_text("Напечатано бланков: 28.")).to_be_visible()
    shoot("job-done-desktop")
    page.set_viewport_size(PHONE)
    shoot("job-done-phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_failed_job_says_why(page, live_server, world, sign_in, shoot):
    job = Job.objects.create(
        user=world.staff,
        organization=world.org,
        kind="participants.import_apply",
        title="Загрузка списка обучающихся «8Б.xlsx»",
        status=Job.Status.FAILED,
        error="Данные изменились с момента проверки: в файле есть ошибки (1), ничего не загружено.",
    )
    page.set_viewport_size(DESKTOP)
    sign_in("t_staff")
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    expect(page.get_by_role("alert")).to_contain_text("ничего не загружено")
    shoot("job-failed-desktop")
