"""Concurrent writes through the real views on a real SQLite file, run by test_sqlite_concurrency.py
in a process of its own (the test process's database is pytest-django's in-memory one).

``python -m tests.mentoring.sqlite_race <db file>`` migrates the file, makes a school, then releases
at once, in threads (as ``runserver`` and a threaded gunicorn serve requests): every pupil's autosave
racing their own submission of a questionnaire, and two curators confirming the same matching
proposals. Prints one JSON line: every status code and what the database holds afterwards."""

from __future__ import annotations

import json
import os
import sys
import threading


def main(db_path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    world = _world()
    tasks = _questionnaire_race(world) + _confirm_race(world)
    statuses = _at_once(tasks)
    print(json.dumps({"statuses": statuses, **_outcome(world)}))


class _World:
    pass


PUPILS = 8
PROPOSALS = 3


def _world() -> _World:
    from mentoring.models import Role
    from monitoring import services as monitoring_services
    from tests.factories import OrganizationFactory, UserFactory
    from tests.monitoring.factories import make_pair, make_programme, standard, student, teacher
    from tests.test_bad_input import _cohort, _proposal

    w = _World()
    w.org = OrganizationFactory(slug="race-school")
    w.curators = [UserFactory(organization=w.org, roles=[Role.CURATOR]) for _ in range(2)]
    w.pupils = [student(w.org) for _ in range(PUPILS)]
    make_pair(make_programme(w.org), teacher(w.org), w.pupils)
    w.questionnaire = standard(w.org, "satisfaction-mentee")
    w.links = monitoring_services.links_issue(questionnaire=w.questionnaire, people=w.pupils)
    w.proposals = []
    for _ in range(PROPOSALS):
        programme, mentor, mentees = _cohort(w.org, mentees=2, capacity=2)
        w.proposals.append((_proposal(programme, mentor, mentees, w.curators[0]), mentor, mentees))
    return w


def _fields(questionnaire, by_code: dict) -> dict:
    return {f"q{q.pk}": by_code[q.code] for q in questionnaire.questions.all() if q.code in by_code}


SUBMITTED = {"overall": "5", "meetings": "4", "comfort": "5", "results": "3", "frequency": "Раз в неделю и чаще"}
DRAFT = {"overall": "2", "suggestions": "черновик"}


def _questionnaire_race(w: _World) -> list:
    from django.urls import reverse

    tasks = []
    for link in w.links:
        url = reverse("monitoring:fill_token", args=[link.token])
        submit = {**_fields(w.questionnaire, SUBMITTED), "submit": "1"}
        draft = _fields(w.questionnaire, DRAFT)
        tasks.append(lambda client, url=url, data=draft: [client.post(url, data, HTTP_HX_REQUEST="true")])
        tasks.append(lambda client, url=url, data=submit: [client.post(url, data)])
    return tasks


def _confirm_race(w: _World) -> list:
    from django.urls import reverse

    tasks = []
    for proposal, mentor, mentees in w.proposals:
        url = reverse("programs:proposal", args=[proposal.pk])
        data = {f"mentor_{m.pk}": mentor.pk for m in mentees}
        tasks.extend(_confirm_task(url, data, curator) for curator in w.curators)
    return tasks


def _confirm_task(url, data, user):
    def task(client):
        client.force_login(user)
        return [client.post(url, data)]

    return task


def _at_once(tasks: list) -> list[int]:
    """Every task in its own thread with its own client and database connection, released together."""
    from django.db import connection
    from django.test import Client

    barrier = threading.Barrier(len(tasks))
    statuses: list[int] = []
    lock = threading.Lock()

    def run(task):
        client = Client(raise_request_exception=False)
        try:
            barrier.wait(timeout=30)
            responses = task(client)
            with lock:
                statuses.extend(r.status_code for r in responses)
        except Exception as exc:  # noqa: BLE001 — reported to the test, which fails on it
            with lock:
                statuses.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(task,)) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


def _outcome(w: _World) -> dict:
    from monitoring.models import Answer, Response
    from programs.models import MatchingProposal, Mentorship

    overall = w.questionnaire.questions.get(code="overall")
    responses = Response.objects.filter(questionnaire=w.questionnaire, person__in=w.pupils)
    return {
        "submitted": responses.filter(status=Response.Status.SUBMITTED).count(),
        "overall_answers": sorted(
            Answer.objects.filter(response__in=responses, question=overall).values_list("number", flat=True)
        ),
        "frequency_answers": Answer.objects.filter(response__in=responses, question__code="frequency").count(),
        "pairs_per_proposal": [Mentorship.objects.filter(programme=p.programme).count() for p, _, _ in w.proposals],
        "confirmed_proposals": MatchingProposal.objects.filter(
            pk__in=[p.pk for p, _, _ in w.proposals], status=MatchingProposal.Status.CONFIRMED
        ).count(),
    }


if __name__ == "__main__":
    main(sys.argv[1])
