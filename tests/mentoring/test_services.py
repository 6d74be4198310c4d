import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from mentoring.env import env_bool, env_int, env_list
from mentoring.models import AcademicYear, Organization, Role, User, UserRole
from mentoring.search import search_queryset
from mentoring.services import user_create
from mentoring.text import normalize_search
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (datetime.date(2025, 9, 1), "2025/2026"),
        (datetime.date(2026, 8, 31), "2025/2026"),
        (datetime.date(2026, 9, 1), "2026/2027"),
    ],
)
def test_academic_year_runs_from_september_to_august(day, name):
    year = AcademicYear.for_date(day)
    assert year.name == name
    assert year.start_date <= day <= year.end_date
    assert AcademicYear.for_date(day) == year  # found, not created twice


@pytest.mark.parametrize("text", ["2025", "2025/2027", "25/26", "учебный год"])
def test_a_malformed_academic_year_is_refused_in_russian(text):
    with pytest.raises(ValueError, match="Учебный год"):
        AcademicYear.parse_name(text)


def test_academic_year_name_parses():
    assert AcademicYear.parse_name(" 2025/2026 ") == 2025


def test_search_is_case_insensitive_and_treats_yo_as_ye(world):
    UserFactory(organization=world.org, last_name="Фёдорова", first_name="Алёна", middle_name="Сергеевна")
    UserFactory(organization=world.org, last_name="Федоров", first_name="Пётр", middle_name="Ильич")
    found = lambda q: sorted(u.last_name for u in search_queryset(User.objects.all(), q))  # noqa: E731
    assert found("ФЕДОРОВА") == ["Фёдорова"]
    assert found("фёдор") == ["Федоров", "Фёдорова"]
    assert found("алена сергеевна") == ["Фёдорова"]
    assert found("  ") == sorted(User.objects.values_list("last_name", flat=True))


def test_normalize_search_folds_case_yo_and_spaces():
    assert normalize_search("  ЁЛКИНА   Алёна\tПЕТРОВНА ") == "елкина алена петровна"


def test_user_create_validates_roles_against_organization(world):
    with pytest.raises(ValidationError, match="требует, чтобы пользователь входил в организацию"):
        user_create(username="x1", password="p", first_name="А", last_name="Б", roles=[Role.CURATOR])
    assert not User.objects.filter(username="x1").exists()  # atomic: nothing half-written
    user = user_create(
        username="x2", password="p", first_name="А", last_name="Б", organization=world.org, roles=[Role.CURATOR]
    )
    assert user.role_names == {Role.CURATOR}


def test_a_user_cannot_belong_to_an_organization_and_coordinate_a_region(world):
    user = User(username="both", organization=world.org, region=world.region)
    with pytest.raises(ValidationError, match="Региональный координатор"):
        user.full_clean()


def test_user_role_is_unique_in_the_database(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        UserRole.objects.create(user=world.curator, role=Role.CURATOR)


@pytest.mark.parametrize(
    ("inn", "ok"), [("3525012345", True), ("352501234567", True), ("12345", False), ("35250123ab", False)]
)
def test_organization_inn_is_checked(inn, ok):
    org = Organization(name="Школа", short_name="Школа", slug="s", inn=inn)
    if ok:
        org.full_clean()
    else:
        with pytest.raises(ValidationError, match="ИНН"):
            org.full_clean()


def test_short_name_is_written_as_in_signatures(world):
    assert world.curator.short_name == "Кузнецова О. Н."


def test_env_parsers_are_strict(monkeypatch):
    monkeypatch.setenv("X_BOOL", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_BOOL")
    monkeypatch.setenv("X_BOOL", "Yes")
    assert env_bool("X_BOOL") is True
    monkeypatch.setenv("X_INT", "12a")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_INT", 1)
    monkeypatch.setenv("X_INT", "-5")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_INT", 1, minimum=0)
    monkeypatch.setenv("X_LIST", " a.ru, ,b.ru ")
    assert env_list("X_LIST") == ["a.ru", "b.ru"]


def test_site_url_must_be_an_http_address(tmp_path):
    from tests.test_system import PRODUCTION_ENV, _manage

    result = _manage("check", env={**PRODUCTION_ENV, "DJANGO_SITE_URL": "nastavnik.school.ru"})
    assert result.returncode != 0 and "DJANGO_SITE_URL must start with http" in result.stderr


@pytest.mark.parametrize(
    ("n", "word"),
    [
        (1, "строка"),
        (2, "строки"),
        (4, "строки"),
        (5, "строк"),
        (11, "строк"),
        (12, "строк"),
        (21, "строка"),
        (22, "строки"),
        (111, "строк"),
        (0, "строк"),
    ],
)
def test_numbers_agree_with_their_nouns(n, word):
    from mentoring.templatetags.ru import ru_plural

    assert ru_plural(n, "строка,строки,строк") == f"{n} {word}"
