"""A big class's consent forms print as a background job: the page goes to the job, the PDF waits there."""

import io

import docx
import pytest
from django.urls import reverse

from mentoring import jobs
from mentoring.models import Job
from participants import document_jobs
from tests.mentoring.test_jobs_worker import DATABASE_TASKS, run_worker
from tests.participants.factories import PersonFactory, StudyGroupFactory
from tests.pdf import pdf_text


@pytest.fixture
def class_of_4(world, settings):
    settings.BATCH_BACKGROUND_MIN_DOCUMENTS = 3
    group = StudyGroupFactory(organization=world.org, grade=8, letter="Б", name="8Б")
    for name in ("Шевченко", "Цой", "Абрамова", "Ёлкин"):
        PersonFactory(organization=world.org, last_name=name, study_group=group)
    return group


def test_a_big_class_prints_its_consent_forms_in_the_background(world, login, class_of_4):
    client = login(world.staff)
    response = client.get(reverse("participants:group_consents_pdf", kwargs={"pk": class_of_4.pk}))
    job = Job.objects.get(kind=document_jobs.GROUP_CONSENTS)
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert job.status == Job.Status.DONE and (job.done, job.total) == (4, 4)
    assert job.title == "Бланки согласий, 8 «Б» класс: обработка ПДн"
    assert job.summary == "Напечатано бланков: 4."
    page = client.get(response.url).content.decode()
    assert reverse("jobs:file", args=[job.pk]) in page
    pdf = b"".join(client.get(reverse("jobs:file", args=[job.pk])).streaming_content)
    text = pdf_text(pdf)
    assert text.count("\f") == 4 and "Шевченко" in text and "Ёлкин" in text
    # The file follows the job's rule: another organization's director gets a 404.
    assert login(world.outsider).get(reverse("jobs:file", args=[job.pk])).status_code == 404


def test_a_class_emptied_before_the_job_runs_fails_in_russian(world, class_of_4):
    class_of_4.students.update(is_anonymized=True)
    job = jobs.start(
        user=world.staff,
        organization=world.org,
        kind=document_jobs.GROUP_CONSENTS,
        title="Бланки",
        params={"group": class_of_4.pk, "form": "processing"},
    )
    assert job.status == Job.Status.FAILED and job.error == "В классе нет обучающихся — печатать нечего."


def test_a_job_cannot_print_another_organizations_class(world, class_of_4):
    job = jobs.start(
        user=world.outsider,
        organization=world.other_org,
        kind=document_jobs.GROUP_CONSENTS,
        title="Бланки",
        params={"group": class_of_4.pk, "form": "processing"},
    )
    assert job.status == Job.Status.FAILED and not job.result_file


@pytest.mark.django_db(transaction=True)
def test_consent_forms_print_through_the_database_queue_and_a_worker(world, client, settings, class_of_4):
    settings.TASKS = DATABASE_TASKS
    client.force_login(world.staff)
    client.get(reverse("participants:group_dissemination_pdf", kwargs={"pk": class_of_4.pk}))
    job = Job.objects.get(kind=document_jobs.GROUP_CONSENTS)
    assert job.status == Job.Status.QUEUED
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and pdf_text(job.result_file.read()).count("\f") == 4


def test_a_big_classs_forms_in_word_are_a_job_too_and_give_a_word_file(world, login, class_of_4):
    client = login(world.staff)
    response = client.get(reverse("participants:group_consents_docx", kwargs={"pk": class_of_4.pk}))
    job = Job.objects.get(kind=document_jobs.GROUP_CONSENTS)
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert job.status == Job.Status.DONE and job.title.endswith("(Word)")
    assert job.result_name.endswith(".docx") and job.summary == "Подготовлено бланков: 4."
    document = docx.Document(io.BytesIO(job.result_file.read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Ёлкин" in text and "Абрамов" in text
