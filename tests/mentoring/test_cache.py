"""mentoring/cache.py: a cached value changes with every write to its tables, whatever path wrote
them (save, bulk_create, queryset update and delete), in the writing process at once and in every
other process once the write is committed."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from mentoring import cache
from mentoring.models import CacheVersion, Region
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

SCOPE = "test-regions"


@pytest.fixture(autouse=True)
def regions_scope():
    cache.register(SCOPE, [Region._meta.db_table])
    yield
    cache._scopes_of_table[Region._meta.db_table].discard(SCOPE)


def _names() -> list[str]:
    return cache.cached(SCOPE, "names", lambda: sorted(Region.objects.values_list("name", flat=True)))


def test_it_is_computed_once_until_a_write():
    RegionFactory(name="Первый")
    assert _names() == ["Первый"]
    with CaptureQueriesContext(connection) as queries:
        assert _names() == ["Первый"]
    assert not [q for q in queries.captured_queries if Region._meta.db_table in q["sql"]]  # the version only


def test_every_kind_of_write_changes_the_value():
    region = RegionFactory(name="Первый")
    assert _names() == ["Первый"]
    region.name = "Второй"
    region.save()
    assert _names() == ["Второй"]
    Region.objects.bulk_create([Region(name="Третий")])
    assert _names() == ["Второй", "Третий"]
    Region.objects.filter(name="Третий").update(name="Четвёртый")
    assert _names() == ["Второй", "Четвёртый"]
    Region.objects.filter(name="Второй").delete()
    assert _names() == ["Четвёртый"]


def test_a_write_to_another_table_keeps_the_value():
    RegionFactory(name="Первый")
    assert _names() == ["Первый"]
    before = dict(cache._generation)
    CacheVersion.objects.create(scope="unrelated", version=5)
    assert cache._generation == before


@pytest.mark.django_db(transaction=True)
def test_other_processes_see_a_committed_write_once_per_transaction():
    RegionFactory(name="Первый")
    assert _names() == ["Первый"]
    start = cache.version(SCOPE)
    with transaction.atomic():
        Region.objects.bulk_create([Region(name=f"Новый {n}") for n in range(3)])
        Region.objects.filter(name="Новый 0").update(name="Новый 00")
        assert cache.version(SCOPE) == start  # not before the commit
    assert cache.version(SCOPE) == start + 1  # one bump for the whole transaction
    # Another process has its own generation counter: only the database version tells it.
    cache._generation[SCOPE] -= 1
    assert cache.version(SCOPE) == start + 1
    assert len(_names()) == 4


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_does_not_bump_the_database_version():
    start = cache.version(SCOPE)
    with pytest.raises(RuntimeError), transaction.atomic():
        RegionFactory(name="Откат")
        raise RuntimeError
    assert cache.version(SCOPE) == start
    RegionFactory(name="Следующий")  # the dropped callback does not block the next bump
    assert cache.version(SCOPE) == start + 1


@pytest.mark.django_db(transaction=True)
def test_a_write_in_autocommit_is_kept_and_bumps_the_version_before_the_next_statement():
    from django.core.signals import request_finished

    from mentoring.models import Organization
    from tests.factories import OrganizationFactory, UserFactory

    # A request outside a transaction: SQLite reads an INSERT … RETURNING after the wrapper returns, and a
    # version bump run inside the wrapper ended the insert — the organization was lost, its user's key failed.
    organization = OrganizationFactory(slug="autocommit")
    assert Organization.objects.filter(pk=organization.pk).exists()
    UserFactory(username="autocommit-user", organization=organization)
    region = RegionFactory(name="Без транзакции")
    assert cache.version(SCOPE) >= 1
    start = cache.version(SCOPE)
    Region.objects.filter(pk=region.pk).update(name="Переименован")
    request_finished.send(sender=None)  # the end of a request bumps what its last statement wrote
    with CaptureQueriesContext(connection) as queries:
        assert cache.version(SCOPE) == start + 1
    assert len(queries.captured_queries) == 1
