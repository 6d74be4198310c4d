"""The embedded default (SQLite, `make run`) takes a school's real concurrency: writes that meet wait
for each other instead of failing with «database is locked» (a 500 and a lost answer)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.mentoring.sqlite_race import PROPOSALS, PUPILS
from tests.test_system import ROOT


def test_sqlite_is_configured_for_concurrent_writers():
    options = (
        settings.DATABASES["default"]["OPTIONS"]
        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
        else None
    )
    if options is None:
        return  # PostgreSQL in CI: row locks, nothing to configure
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


@pytest.mark.sqlite_file  # on its own SQLite file: the same test whatever DATABASE_URL is
def test_autosave_racing_the_submission_and_two_curators_confirming_lose_nothing(tmp_path):
    """Real views on a real SQLite file, all requests released at once from threads; see sqlite_race.py."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(  # noqa: S603 — our own module with a fixed argument
        [sys.executable, "-m", "tests.mentoring.sqlite_race", str(tmp_path / "race.sqlite3")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert all(isinstance(s, int) and s < 500 for s in outcome["statuses"]), outcome["statuses"]
    # Every pupil's submission arrived whole, whichever of the two requests came first.
    assert outcome["submitted"] == PUPILS
    assert outcome["overall_answers"] == [5] * PUPILS and outcome["frequency_answers"] == PUPILS
    # Each proposal was confirmed once: its two pairs, no duplicates.
    assert outcome["pairs_per_proposal"] == [2] * PROPOSALS and outcome["confirmed_proposals"] == PROPOSALS
