"""Autosaves of a whole class released at once, in threads, through the real view (as a threaded
gunicorn serves them): each pupil's page sends several whole-form autosaves at the same moment (a double
tap, two tabs, htmx's change and input triggers). Used by test_autosave_concurrency.py in-process on
PostgreSQL, and as ``python -m tests.monitoring.autosave_race <db file>`` on a real SQLite file (the test
process's SQLite is pytest-django's in-memory one). Prints one JSON line: status codes and what each
response holds afterwards."""

from __future__ import annotations

import json
import os
import sys
import threading

PUPILS = 6
SAVES = 4  # concurrent whole-form autosaves per pupil
QUESTIONS = 15


def build():
    from mentoring.models import AcademicYear
    from monitoring import services
    from monitoring.models import Questionnaire
    from tests.factories import OrganizationFactory
    from tests.monitoring.factories import student

    org = OrganizationFactory(slug="autosave-race")
    questionnaire = services.questionnaire_create(
        organization=org,
        academic_year=AcademicYear.current(),
        title="Входная анкета",
        purpose=Questionnaire.Purpose.ENTRY,
        audience=Questionnaire.Audience.MENTEE,
    )
    questions = [
        services.question_add(questionnaire=questionnaire, text=f"Вопрос {n}", kind="scale5")
        for n in range(1, QUESTIONS + 1)
    ]
    links = services.links_issue(questionnaire=questionnaire, people=[student(org) for _ in range(PUPILS)])
    return questionnaire, questions, links


def tasks(questions, links) -> list:
    """Save k answers every question with the value k (1…SAVES): whichever save comes last, a response
    must hold one save's answers whole, never a mix and never a duplicate."""
    from django.urls import reverse

    made = []
    for link in links:
        url = reverse("monitoring:fill_token", args=[link.token])
        for k in range(1, SAVES + 1):
            data = {f"q{q.pk}": str(k) for q in questions}
            made.append(lambda client, url=url, data=data: client.post(url, data, HTTP_HX_REQUEST="true"))
    return made


def at_once(made: list) -> list:
    """Every task in its own thread with its own client and database connection, released together."""
    from django.db import connection
    from django.test import Client

    barrier = threading.Barrier(len(made))
    statuses: list = []
    lock = threading.Lock()

    def run(task):
        client = Client(raise_request_exception=False)
        try:
            barrier.wait(timeout=30)
            status = task(client).status_code
        except Exception as exc:  # noqa: BLE001 — reported to the test, which fails on it
            status = f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=run, args=(task,)) for task in made]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


def outcome(links) -> list[list[int]]:
    """Per response, the stored numbers in question order."""
    from monitoring.models import Answer

    return [
        list(Answer.objects.filter(response=link).order_by("question__position").values_list("number", flat=True))
        for link in links
    ]


def main(db_path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    _, questions, links = build()
    statuses = at_once(tasks(questions, links))
    print(json.dumps({"statuses": statuses, "answers": outcome(links)}))


if __name__ == "__main__":
    main(sys.argv[1])
