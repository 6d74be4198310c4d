"""CI sets REQUIRE_BROWSER=1: there a missing Chromium must fail the run, never skip it quietly."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run_login_journeys(tmp_path, **env) -> subprocess.CompletedProcess:
    # A PATH with only the virtualenv on it: no chromium to be found.
    # Not the outer run's options either: CI's PostgreSQL run deselects the browser journeys.
    skipped = ("REQUIRE_BROWSER", "PYTEST_ADDOPTS")
    bare = {**{k: v for k, v in os.environ.items() if k not in skipped}, "PATH": str(Path(sys.executable).parent)}
    return subprocess.run(  # noqa: S603 — pytest on our own test file
        [sys.executable, "-m", "pytest", "tests/browser/test_login_journey.py", "-q", "-rs", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env={**bare, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_require_browser_without_chromium_fails_the_run(tmp_path):
    result = _run_login_journeys(tmp_path, REQUIRE_BROWSER="1")
    assert result.returncode != 0, result.stdout[-2000:]
    assert "REQUIRE_BROWSER=1 but Chromium is not installed" in result.stdout


def test_without_the_requirement_a_missing_chromium_skips(tmp_path):
    result = _run_login_journeys(tmp_path)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "SKIPPED" in result.stdout and "Chromium is not installed (apt-get install chromium)" in result.stdout
