"""Every URL pattern of the project, requested as every persona, with real object ids.

A new URL fails ``test_every_url_has_a_decision`` until someone decides, in
``tests/matrix/<app>.py``, who may open it."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.matrix
from tests.matrix.base import PERSONAS


def _collect_matrix() -> dict:
    matrix: dict = {}
    for module_info in pkgutil.iter_modules(tests.matrix.__path__):
        if module_info.name == "base":
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
