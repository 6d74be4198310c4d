"""The autosave of a class answering in one lesson (issue 18, bench/qweek.py): its cost does not grow with
the questionnaire, and saves of one response that meet are put one after the other, so a response holds
one save's answers whole — no 500 from a duplicate answer, no mix of two saves."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.monitoring import autosave_race
from tests.test_system import ROOT


def _check(statuses: list, answers: list[list[int]]) -> None:
    assert statuses == [200] * (autosave_race.PUPILS * autosave_race.SAVES), statuses
    for numbers in answers:
        assert len(numbers) == autosave_race.QUESTIONS, numbers
        assert len(set(numbers)) == 1, f"two saves mixed: {numbers}"


@pytest.mark.sqlite_file  # on its own SQLite file: the same test whatever DATABASE_URL is
def test_autosaves_that_meet_on_a_sqlite_file_keep_one_save_whole(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(  # noqa: S603 — our own module with a fixed argument
        [sys.executable, "-m", "tests.monitoring.autosave_race", str(tmp_path / "race.sqlite3")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    _check(outcome["statuses"], outcome["answers"])


@pytest.mark.django_db(transaction=True)
def test_autosaves_that_meet_on_postgresql_keep_one_save_whole():
    if connection.vendor != "postgresql":
        pytest.skip("row locks of PostgreSQL; the SQLite file has its own test above (CI runs this on PostgreSQL)")
    _, questions, links = autosave_race.build()
    statuses = autosave_race.at_once(autosave_race.tasks(questions, links))
    _check(statuses, autosave_race.outcome(links))


@pytest.mark.django_db
def test_an_autosave_writes_only_what_changed_in_a_fixed_number_of_queries(client):
    _, questions, links = autosave_race.build()
    url = reverse("monitoring:fill_token", args=[links[0].token])
    answers = {}
    counts = []
    for n, question in enumerate(questions):
        answers[f"q{question.pk}"] = str(1 + n % 5)
        with CaptureQueriesContext(connection) as queries:
            assert client.post(url, answers, HTTP_HX_REQUEST="true").status_code == 200
        counts.append(len(queries))
        writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
        # The new answer and the response's «изменён»; the answers already stored are not written again.
        assert len([w for w in writes if "monitoring_answer" in w]) == 1, writes
    assert max(counts) <= 10 and len(set(counts)) == 1, counts
    # The same form again: nothing of the answers is written.
    with CaptureQueriesContext(connection) as queries:
        client.post(url, answers, HTTP_HX_REQUEST="true")
    assert not [q for q in queries if "monitoring_answer" in q["sql"] and not q["sql"].startswith("SELECT")]
    # A changed answer and a cleared one: one update, one delete.
    answers[f"q{questions[0].pk}"] = "5"
    del answers[f"q{questions[1].pk}"]
    with CaptureQueriesContext(connection) as queries:
        client.post(url, answers, HTTP_HX_REQUEST="true")
    writes = [q["sql"].split()[0] for q in queries if "monitoring_answer" in q["sql"] and "SELECT" not in q["sql"][:6]]
    assert sorted(writes) == ["DELETE", "UPDATE"], writes
    stored = dict(links[0].answers.values_list("question_id", "number"))
    assert stored[questions[0].pk] == 5 and questions[1].pk not in stored and len(stored) == len(questions) - 1


@pytest.mark.django_db
def test_an_autosave_after_the_answers_were_sent_says_so_in_the_status_line(client):
    _, questions, links = autosave_race.build()
    url = reverse("monitoring:fill_token", args=[links[0].token])
    page = client.get(url).content.decode()
    # Saves of one page go one after the other, the latest state last (htmx drops a change by default).
    assert 'hx-sync="this:queue last"' in page
    answers = {f"q{q.pk}": "4" for q in questions}
    assert "Спасибо! Ответ получен" in client.post(url, {**answers, "submit": "1"}).content.decode()
    late = client.post(url, answers, HTTP_HX_REQUEST="true")
    text = late.content.decode()
    assert late.status_code == 200 and "Черновик не сохранён: Ответ уже получен." in text
    assert "<html" not in text and "Черновик сохранён" not in text
