"""Health check, deploy check, demo data, settings from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.urls import reverse

from mentoring.checks import demo_users_absent
from mentoring.demo import DEMO_USERS
from mentoring.models import Organization, User, UserRole

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k8#Jd92!xQ-production-like-secret-4f7a1c9e0b3d5e7f9a1b3c5d7e9f0a2b4c6d8e0f",
    "DJANGO_ALLOWED_HOSTS": "mentoring.school.example",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_SECURE_COOKIES": "1",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
    "DJANGO_SITE_URL": "https://mentoring.school.example",
}


def _manage(*args: str, env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    return subprocess.run(  # noqa: S603 — our own manage.py with fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**clean, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"},
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = _manage("check", env={**env, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_a_typo_in_a_boolean_setting_stops_the_start(tmp_path):
    result = _manage("check", env={**PRODUCTION_ENV, "DJANGO_SECURE_SSL_REDIRECT": "yes please"})
    assert result.returncode != 0
    assert "DJANGO_SECURE_SSL_REDIRECT" in result.stderr


@pytest.mark.django_db
def test_deploy_check_fails_while_a_demo_user_exists(world):
    assert demo_users_absent(None) == []
    User.objects.filter(pk=world.mentee.pk).update(is_demo=True)
    errors = demo_users_absent(None)
    assert [e.id for e in errors] == ["mentoring.E001"]
    assert "t_mentee" in errors[0].msg


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_every_demo_user_lands_on_a_page(client):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    def counts():
        from participants.models import Consent, MenteeProfile, MentorProfile, Person
        from programs.models import Feedback, Meeting, Mentorship, PlanGoal

        models = [
            User,
            UserRole,
            Organization,
            Person,
            Consent,
            MentorProfile,
            MenteeProfile,
            Mentorship,
            Meeting,
            Feedback,
            PlanGoal,
        ]
        return {model.__name__: model.objects.count() for model in models}

    first = counts()
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert counts() == first
    assert first["Mentorship"] >= 8 and first["Meeting"] >= 40
    assert set(Organization.objects.values_list("slug", flat=True)) == {"demo-school", "demo-college"}
    for username in DEMO_USERS:
        assert client.login(username=username, password="demo"), username
        response = client.get(reverse("home"))
        assert response.status_code == 200, username
        assert response.context["role"] is not None
        client.logout()


@pytest.mark.django_db
def test_seed_demo_delete_removes_the_demo_accounts():
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("seed_demo", "--delete", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert not User.objects.filter(is_demo=True).exists()
    assert demo_users_absent(None) == []


def test_deploy_check_warns_when_email_links_would_have_no_address(tmp_path):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SITE_URL"}
    result = _manage("check", "--deploy", env={**env, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    assert "mentoring.W001" in result.stderr + result.stdout
