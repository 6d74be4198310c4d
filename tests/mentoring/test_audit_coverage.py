"""Every page that shows a person's data writes an event of the personal-data access log (152-ФЗ),
through one mechanism: ``mentoring.audit.shows`` on the view (or the view's own ``audit.record``)."""

import pytest
from django.urls import reverse

from mentoring.audit import subject_kinds
from mentoring.models import PersonalDataEvent
from tests.participants.objects import bases
from tests.test_permission_matrix import MATRIX

pytestmark = pytest.mark.django_db

# The URLs of the matrix that show one person's (or a class's, a pair's) data, and who opens them here.
PERSON_DATA = {
    "participants:person": "curator",
    "participants:person_edit": "curator",
    "participants:person_consent_pdf": "curator",
    "participants:group": "curator",
    "participants:group_consents_pdf": "curator",
    "participants:mentee_note": "psychologist",
    "participants:people_export": "curator",
    "participants:mentors_export": "curator",
    "participants:mentees_export": "curator",
    "programs:pair": "curator",
    "programs:plan_pdf": "mentor_a",
    "monitoring:response": "curator",
    "audit:person_data_xlsx": "director",
    "audit:person_data_json": "director",
}


def _response_of_the_mentee(world):
    from tests.monitoring.factories import answer, standard

    q = standard(world.org, "satisfaction-mentee")
    return answer(q, bases(world).mentee_person, {"overall": 4}, submit=False)


def _url(name, world):
    bases(world)  # the people, so that lists and exports have someone in them
    if name == "monitoring:response":
        return reverse(name, kwargs={"pk": _response_of_the_mentee(world).pk})
    kwargs_of, _ = MATRIX[name]
    return reverse(name, kwargs=kwargs_of(world) if kwargs_of else None)


@pytest.mark.parametrize("name", sorted(PERSON_DATA))
def test_each_page_with_a_persons_data_writes_an_event(name, world, login):
    url = _url(name, world)
    user = world.personas()[PERSON_DATA[name]]
    before = PersonalDataEvent.objects.count()
    response = login(user).get(url)
    assert response.status_code == 200, (url, response.status_code)
    events = list(PersonalDataEvent.objects.order_by("pk")[before:])
    assert len(events) == 1, f"{name} ({url}) wrote {len(events)} events"
    event = events[0]
    assert event.user == user and event.person_ids and event.path == url


def test_a_refused_request_writes_nothing(world, login):
    url = _url("participants:mentee_note", world)
    assert login(world.mentor_a).get(url).status_code == 403
    assert login(world.outsider).get(url).status_code == 404
    assert not PersonalDataEvent.objects.exists()


def test_the_pair_page_names_its_mentor_and_mentees(world, login):
    from tests.programs.objects import pairs

    p = pairs(world)
    login(world.curator).get(reverse("programs:pair", kwargs={"pk": p.pair.pk}))
    event = PersonalDataEvent.objects.get()
    b = bases(world)
    assert {b.mentor_person.pk, b.mentee_person.pk} <= {int(i) for i in event.person_ids.strip(",").split(",")}


def _callbacks(patterns):
    from django.urls import URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _callbacks(pattern.url_patterns)
        else:
            yield pattern.callback


def test_every_declared_subject_kind_is_registered():
    from django.urls import get_resolver

    declared = {getattr(c, "audit_subject", None) for c in _callbacks(get_resolver().url_patterns)} - {None}
    assert {"person", "mentee", "group", "pair", "response"} <= declared
    assert declared <= set(subject_kinds()), declared - set(subject_kinds())
