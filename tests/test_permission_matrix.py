"""Every URL pattern of the project, requested as every persona, with real object ids.

A new URL fails ``test_every_url_has_a_decision`` until someone decides here who may open it."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PERSONAS = [
    "anonymous",
    "director",
    "curator",
    "psychologist",
    "staff",
    "mentor_a",
    "mentor_b",
    "mentee",
    "outsider",
    "region",
]
ORG_ROLES = ["director", "curator", "psychologist", "staff", "mentor_a", "mentor_b", "mentee", "outsider"]


def answers(default: int, **overrides: int) -> dict[str, int]:
    result = dict.fromkeys(PERSONAS, default)
    result.update(overrides)
    return result


LOGIN_REQUIRED = answers(200, anonymous=302)

# url name → (kwargs from the world, expected status per persona)
MATRIX = {
    "home": (None, LOGIN_REQUIRED),
    "profile": (None, LOGIN_REQUIRED),
    "region_organizations": (None, answers(403, anonymous=302, region=200)),
    "healthz": (None, answers(200)),
    "login": (None, answers(302, anonymous=200)),
    "logout": (None, answers(405)),  # GET never logs out: only a POST form does.
    "password_change": (None, LOGIN_REQUIRED),
    "password_change_done": (None, LOGIN_REQUIRED),
    "password_reset": (None, answers(200)),
    "password_reset_done": (None, answers(200)),
    "password_reset_confirm": (lambda w: {"uidb64": "MQ", "token": "bad-token"}, answers(200)),
    "password_reset_complete": (None, answers(200)),
}


def _url_names(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the Django admin: its own staff-only gate, tested in test_admin.py
            ns = pattern.namespace or namespace
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
    got = {}
    for persona in PERSONAS:
        got[persona] = login(personas[persona]).get(url).status_code
    assert got == expected, f"{name} ({url})"
