"""The shortcuts the school-year journey (tests/browser/test_school_year_journey.py) found it needed:
a class enters the mentee base with its paper consents in one action, all or nothing."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from participants.models import Consent, MenteeProfile
from tests.participants.factories import PersonFactory, StudyGroupFactory

pytestmark = pytest.mark.django_db
URL = reverse("participants:bulk")


def _post(client, group, **extra):
    data = {
        "scope": "group",
        "group": group.pk,
        "all_matching": "on",
        "action": "mentee_base",
        "date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        **extra,
    }
    return client.post(URL, data)


def test_the_class_enters_the_base_and_its_paper_consents_are_recorded_in_one_action(world, client):
    group = StudyGroupFactory(organization=world.org, grade=8, letter="Б")
    students = [PersonFactory(organization=world.org, study_group=group) for _ in range(5)]
    client.force_login(world.curator)
    response = _post(client, group, with_consents="on")
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Внесены согласия на обработку ПДн от" in message and "Внесено в базу наставляемых: 5." in message
    consents = Consent.objects.filter(person__in=students, kind=Consent.Kind.PROCESSING)
    assert consents.count() == 5
    assert {c.signed_by for c in consents} == {Consent.SignedBy.REPRESENTATIVE}  # minors: a parent signs
    assert MenteeProfile.objects.filter(person__in=students).count() == 5


def test_without_the_tick_the_base_action_records_no_consent(world, client):
    group = StudyGroupFactory(organization=world.org, grade=8, letter="Б")
    PersonFactory(organization=world.org, study_group=group)
    client.force_login(world.curator)
    _post(client, group)
    assert MenteeProfile.objects.count() == 1 and not Consent.objects.exists()


def test_one_refusal_in_the_base_step_rolls_back_the_consents_too(world, client):
    group = StudyGroupFactory(organization=world.org, grade=8, letter="Б")
    PersonFactory(organization=world.org, study_group=group)
    PersonFactory(organization=world.org, study_group=group, last_name="Обезличенный", is_anonymized=True)
    client.force_login(world.curator)
    response = _post(client, group, with_consents="on")
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Ничего не изменено")
    assert not Consent.objects.exists() and not MenteeProfile.objects.exists()
