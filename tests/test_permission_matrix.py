"""Every URL pattern of the project, requested as every persona, with real object ids: GET, then an
empty POST (tests/matrix/base.py explains the POST answers).

A new URL fails ``test_every_url_has_a_decision`` until someone decides, in
``tests/matrix/<app>.py``, who may open it (and, for a POST-only URL, in tests/matrix/posts.py who
may send it)."""

import importlib
import pkgutil

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.matrix
from tests.matrix.base import PERSONAS, WRITES
from tests.matrix.posts import POSTS


def _collect_matrix() -> dict:
    matrix: dict = {}
    for module_info in pkgutil.iter_modules(tests.matrix.__path__):
        if module_info.name in ("base", "posts"):
            continue
        module = importlib.import_module(f"tests.matrix.{module_info.name}")
        overlap = set(matrix) & set(module.MATRIX)
        assert not overlap, f"URL names decided twice: {overlap}"
        matrix.update(module.MATRIX)
    return matrix


MATRIX = _collect_matrix()


def _url_names(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the Django admin: its own staff-only gate, tested in test_admin.py
            ns = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from _url_names(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_has_a_decision():
    names = set(_url_names(get_resolver().url_patterns))
    undecided = names - set(MATRIX)
    assert not undecided, f"URL patterns without a decision in the permission matrix: {sorted(undecided)}"
    stale = set(MATRIX) - names
    assert not stale, f"Matrix rows for URLs that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_persona_as_decided(name, world, login):
    kwargs_of, expected = MATRIX[name]
    url = reverse(name, kwargs=kwargs_of(world) if kwargs_of else None)
    personas = world.personas()
    mismatches = {}
    for persona in PERSONAS:
        response = login(personas[persona]).get(url)
        want = expected[persona]
        ok = want(response) if callable(want) else response.status_code == want
        if not ok:
            mismatches[persona] = (response.status_code, want)
    assert not mismatches, f"{name} ({url}): persona → (got, expected) {mismatches}"


def test_every_post_only_url_has_a_post_decision():
    undecided = sorted(name for name, (_, get) in MATRIX.items() if 405 in get.values() and name not in POSTS)
    assert not undecided, f"POST-only URLs without a decision in tests/matrix/posts.py: {undecided}"
    assert not set(POSTS) - set(MATRIX), "POST decisions for URLs that no longer exist"
    for name, decided in POSTS.items():
        assert set(decided) == set(PERSONAS), f"{name}: a POST decision names every persona"


def _post_answers(name: str) -> dict:
    if name in POSTS:
        return POSTS[name]
    _, get = MATRIX[name]
    return {
        persona: want if want in (403, 404) or (persona, want) == ("anonymous", 302) else WRITES
        for persona, want in get.items()
    }


# Tables a refused request may touch without writing anything of the organization's: sessions and the
# login throttle's bookkeeping.
_NOT_DATA = ("django_session", "axes_")


def _database_state() -> dict[str, int]:
    """A hash of every row of every table: a refused POST must leave each one exactly as it was."""
    state = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table.startswith(_NOT_DATA):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 — names from the schema
            state[table] = hash(tuple(sorted(map(repr, cursor.fetchall()))))
    return state


def _refused(response, want: int) -> bool:
    if response.status_code != want:
        return False
    return want != 302 or response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_takes_posts_as_decided(name, world):
    """Refused personas first (the database must not change), then those who may write."""
    kwargs_of, _ = MATRIX[name]
    url = reverse(name, kwargs=kwargs_of(world) if kwargs_of else None)
    expected = _post_answers(name)
    clients = {}
    for persona, user in world.personas().items():
        clients[persona] = Client(raise_request_exception=False)
        if user is not None:
            clients[persona].force_login(user)
    refused = [p for p in PERSONAS if expected[p] != WRITES]
    mismatches = {}
    before = _database_state()
    for persona in refused:
        response = clients[persona].post(url, {})
        if not _refused(response, expected[persona]):
            mismatches[persona] = (response.status_code, expected[persona])
    changed = [table for table, digest in _database_state().items() if before.get(table) != digest]
    assert not changed, f"{name} ({url}): a refused POST changed {changed}"
    for persona in (p for p in PERSONAS if expected[p] == WRITES):
        with transaction.atomic():  # each writer finds the objects as they were (a signed order stays a draft)
            response = clients[persona].post(url, {})
            transaction.set_rollback(True)
        if response.status_code >= 500 or response.status_code == 403 or _refused(response, 302):
            mismatches[persona] = (response.status_code, WRITES)
    assert not mismatches, f"{name} ({url}): persona → (got, expected) {mismatches}"
