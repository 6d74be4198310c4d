"""A big organization's annual report and a big region's table are made as background jobs: the same numbers
as in the request (tests/monitoring/test_reports_by_year.py), the file on the job's page under the job's rule."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mentoring import jobs
from mentoring.models import Job
from monitoring import report_jobs
from tests.docx import docx_text
from tests.mentoring.test_jobs_worker import DATABASE_TASKS, run_worker
from tests.monitoring import three_years
from tests.monitoring.three_years import EXPECTED, Y2
from tests.pdf import pdf_text


@pytest.fixture
def school(world, settings):
    settings.ANNUAL_BACKGROUND_MIN_PAIRS = 1
    settings.REGION_BACKGROUND_MIN_ORGANIZATIONS = 1
    world.p = three_years.build(world.org)
    return world


def _file(client, job) -> bytes:
    return b"".join(client.get(reverse("jobs:file", args=[job.pk])).streaming_content)


@pytest.mark.django_db
def test_the_annual_report_of_a_big_school_is_made_in_the_background(school, login):
    client = login(school.director)
    response = client.get(reverse("monitoring:school_annual_pdf"), {"year": "2024/2025"})
    job = Job.objects.get(kind=report_jobs.SCHOOL_ANNUAL)
    assert response.url == reverse("jobs:detail", args=[job.pk]) and job.status == Job.Status.DONE
    assert job.title == "Отчёт о реализации целевой модели наставничества 2024-2025 (PDF)"
    text = " ".join(pdf_text(_file(client, job)).split())
    for part, whole in EXPECTED[Y2].values():
        assert f"{part} / {whole}" in text
    client.get(reverse("monitoring:school_annual_docx"), {"year": "2024/2025"})
    word = Job.objects.get(kind=report_jobs.SCHOOL_ANNUAL, params__format="docx")
    assert word.result_name.endswith(".docx") and "2024/2025" in docx_text(_file(client, word))
    assert login(school.outsider).get(reverse("jobs:file", args=[job.pk])).status_code == 404


@pytest.mark.django_db
def test_a_report_job_of_a_user_without_the_role_fails_and_keeps_no_file(school):
    job = jobs.start(
        user=school.mentor_a,
        organization=school.org,
        kind=report_jobs.SCHOOL_ANNUAL,
        title="Отчёт",
        params={"year": 999999, "format": "pdf"},
    )
    assert job.status == Job.Status.FAILED and not job.result_file and "Отчёт недоступен" in job.error


@pytest.mark.django_db
def test_the_region_table_of_a_big_region_is_made_in_the_background(school, login):
    client = login(school.region_user)
    response = client.get(reverse("monitoring:region_xlsx"), {"year": "2024/2025"})
    job = Job.objects.get(kind=report_jobs.REGION_REPORT)
    assert response.url == reverse("jobs:detail", args=[job.pk]) and job.organization is None
    book = load_workbook(io.BytesIO(_file(client, job)))
    names = [row[0] for row in book.active.iter_rows(values_only=True) if row and row[0]]
    assert school.org.short_name in names and "Итого по региону" in names
    assert login(school.director).get(reverse("jobs:detail", args=[job.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_annual_report_is_made_through_the_database_queue_and_a_worker(school, client, settings, reference_rows):
    settings.TASKS = DATABASE_TASKS
    client.force_login(school.curator)
    client.get(reverse("monitoring:school_annual_xlsx"), {"year": "2024/2025"})
    job = Job.objects.get(kind=report_jobs.SCHOOL_ANNUAL)
    assert job.status == Job.Status.QUEUED
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert load_workbook(io.BytesIO(job.result_file.read())).sheetnames
