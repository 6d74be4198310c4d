"""An order with a big annex prints as a background job; the file obeys the job's rule, the content the order's."""

import pytest
from django.urls import reverse

from mentoring import jobs, jobs_orders
from mentoring.models import Job
from tests.docx import docx_text
from tests.mentoring.orders.conftest import order_words
from tests.mentoring.test_jobs_worker import DATABASE_TASKS, run_worker
from tests.programs.test_order_documents import _signed_pairs_order


@pytest.fixture
def big(settings):
    settings.ORDER_BACKGROUND_MIN_ROWS = 2  # the two-pair order counts as big


def _file(client, job) -> bytes:
    return b"".join(client.get(reverse("jobs:file", args=[job.pk])).streaming_content)


def test_a_big_order_prints_in_the_background_as_pdf_and_word(world, login, big):
    order, _ = _signed_pairs_order(world)
    client = login(world.curator)
    response = client.get(reverse("orders:pdf", args=[order.pk]))
    job = Job.objects.get(kind=jobs_orders.ORDER_DOCUMENT, params__format="pdf")
    assert response.url == reverse("jobs:detail", args=[job.pk]) and job.status == Job.Status.DONE
    assert job.result_name == f"Приказ от {order.date:%d.%m.%Y} № {order.number}.pdf".replace("/", "-")
    assert "Белых Дарья Андреевна" in order_words(_file(client, job), "order-job")
    client.get(reverse("orders:docx", args=[order.pk]))
    word = Job.objects.get(kind=jobs_orders.ORDER_DOCUMENT, params__format="docx")
    assert word.result_name.endswith(".docx") and "Белых" in docx_text(_file(client, word))


def test_a_participant_still_gets_only_their_extract_at_once(world, login, big):
    order, _ = _signed_pairs_order(world)
    response = login(world.mentee).get(reverse("orders:pdf", args=[order.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert not Job.objects.exists()


def test_a_job_for_an_order_the_user_may_not_read_whole_fails_and_keeps_no_file(world, big):
    order, _ = _signed_pairs_order(world)
    job = jobs.start(
        user=world.mentee,
        organization=world.org,
        kind=jobs_orders.ORDER_DOCUMENT,
        title="Приказ",
        params={"order": order.pk, "format": "pdf"},
    )
    assert job.status == Job.Status.FAILED and not job.result_file
    assert job.error == "Приказ не найден или больше не доступен вам целиком."


@pytest.mark.django_db(transaction=True)
def test_an_order_prints_through_the_database_queue_and_a_worker(world, client, settings, big, reference_rows):
    settings.TASKS = DATABASE_TASKS
    order, _ = _signed_pairs_order(world)
    client.force_login(world.director)
    client.get(reverse("orders:pdf", args=[order.pk]))
    job = Job.objects.get(kind=jobs_orders.ORDER_DOCUMENT)
    assert job.status == Job.Status.QUEUED
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result_file.read().startswith(b"%PDF")
