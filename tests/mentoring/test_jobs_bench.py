"""bench/horizontal.py ``check_tasks``: the class it picks, the verdict on the file, and the HTTP walk — start the
job, follow its page, download its file — against the test server (the bench runs it across two gunicorns and a
db_worker of its own)."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench import horizontal
from participants.services import consent_forms_pdf
from tests.participants.factories import PersonFactory, StudyGroupFactory


def _run(coroutine):
    """Its own event loop in its own thread: a browser test before it on the same worker leaves Playwright's
    loop running in this one, and ``asyncio.run`` refuses to start beside it."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture
def classes(world):
    big = StudyGroupFactory(organization=world.org, grade=9, letter="А", name="9А")
    small = StudyGroupFactory(organization=world.org, grade=8, letter="Б", name="8Б")
    StudyGroupFactory(organization=world.org, grade=7, letter="В", name="7В")  # empty: nothing to print
    for name in ("Шевченко", "Цой", "Абрамова"):
        PersonFactory(organization=world.org, last_name=name, study_group=big)
    for name in ("Ёлкин", "Долгих"):
        PersonFactory(organization=world.org, last_name=name, study_group=small)
    return small


def test_the_check_takes_the_smallest_class_with_students(world, classes):
    plan = horizontal.task_plan(world.org.slug)
    assert (plan["group"], plan["size"], plan["surname"]) == (classes.pk, 2, "Долгих")
    assert horizontal.task_plan("no-such-school") == {"group": None}
    assert horizontal.check_tasks({"group": None}, []) == (None, "no class with students in the first organization")


def test_the_verdict_wants_a_pdf_of_a_page_per_student_naming_the_first(world, classes):
    people = list(classes.students.order_by("sort_key"))
    pdf = consent_forms_pdf(people=people)
    assert horizontal.pdf_verdict(pdf, pages=2, name="Долгих") == ""
    assert horizontal.pdf_verdict(pdf, pages=3, name="Долгих") == "2 pages, expected 3"
    assert "does not name" in horizontal.pdf_verdict(pdf, pages=2, name="Иванов")
    assert horizontal.pdf_verdict(b"<html>", pages=2, name="Долгих").startswith("not a PDF")


@pytest.mark.django_db(transaction=True)
def test_the_walk_starts_the_job_follows_its_page_and_downloads_the_file(world, classes, live_server, settings):
    settings.BATCH_BACKGROUND_MIN_DOCUMENTS = 1  # as the bench's TASK_ENV
    plan = horizontal.task_plan(world.org.slug) | {"username": world.staff.username, "password": "pass"}
    ok, what = _run(horizontal.follow_job(plan, live_server.url, live_server.url, seconds=30))
    assert ok, what
    assert what.endswith("2 pages from B")
    # Someone who may not print the class gets no job: the walk says where it stopped.
    plan |= {"username": world.mentor_a.username}
    ok, what = _run(horizontal.follow_job(plan, live_server.url, live_server.url, seconds=5))
    assert not ok and what.startswith("A did not start a job")
