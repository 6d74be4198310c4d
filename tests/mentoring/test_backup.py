"""Backup and restore as the README describes them, on SQLite always and on PostgreSQL when the
suite runs on it (DATABASE_URL=postgres://…, as in CI): a copy restored into a fresh database
holds the rows of the original."""

import glob
import os
import sqlite3
import subprocess
import uuid

import pytest
from django.db import connection

from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _marker():
    return OrganizationFactory(slug=f"backup-{uuid.uuid4().hex[:8]}", short_name="МБОУ «Резервная школа»")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup is tested on SQLite")
def test_sqlite_online_backup_restores_into_a_new_file(tmp_path):
    org = _marker()
    connection.ensure_connection()
    backup = tmp_path / "backup.sqlite3"
    with sqlite3.connect(backup) as target:  # what `sqlite3 db.sqlite3 ".backup …"` does, server running
        connection.connection.backup(target)
    restored = tmp_path / "restored.sqlite3"
    with sqlite3.connect(backup) as source, sqlite3.connect(restored) as target:
        source.backup(target)
    with sqlite3.connect(restored) as db:
        row = db.execute("SELECT short_name FROM mentoring_organization WHERE slug = ?", (org.slug,)).fetchone()
        assert row == ("МБОУ «Резервная школа»",)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        pytest.skip(f"{name} is not installed")
    return found[-1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DATABASE_URL is not PostgreSQL")
def test_postgresql_dump_restores_into_a_fresh_database(tmp_path):
    org = _marker()
    s = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": s.get("PASSWORD") or ""}
    common = ["-h", s.get("HOST") or "127.0.0.1", "-p", str(s.get("PORT") or 5432), "-U", s["USER"]]
    dump = tmp_path / "backup.dump"
    subprocess.run([_pg_bin("pg_dump"), *common, "-Fc", "-d", s["NAME"], "-f", str(dump)], env=env, check=True)
    fresh = f"restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        subprocess.run([_pg_bin("pg_restore"), *common, "--no-owner", "-d", fresh, str(dump)], env=env, check=True)
        result = subprocess.run(
            [
                _pg_bin("psql"),
                *common,
                "-d",
                fresh,
                "-tAc",
                f"SELECT short_name FROM mentoring_organization WHERE slug = '{org.slug}'",  # noqa: S608  (a test's own slug)
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        assert result.stdout.strip() == "МБОУ «Резервная школа»"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
