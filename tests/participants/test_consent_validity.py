"""A consent in force, decided in Python (a card, a form) and in SQL (lists, matching, the home panel), must
agree: ``Consent.is_valid_on`` and ``Consent.objects.valid_on`` over every combination of dates."""

import datetime
import itertools

import pytest
from django.utils import timezone

from participants.models import Consent, Person
from tests.participants.factories import ConsentFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_sql_and_python_agree_on_every_combination_of_dates(world):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    signed = (today - 30 * day, today, today + day)
    withdrawn = (None, today - day, today, today + day)
    until = (None, today - day, today, today + 30 * day)
    person = PersonFactory(organization=world.org)
    expected = set()
    for signed_on, withdrawn_on, valid_until in itertools.product(signed, withdrawn, until):
        if (withdrawn_on and withdrawn_on < signed_on) or (valid_until and valid_until < signed_on):
            continue  # the model's constraints forbid these
        consent = ConsentFactory(person=person, signed_on=signed_on, withdrawn_on=withdrawn_on, valid_until=valid_until)
        if consent.is_valid_on(today):
            expected.add(consent.pk)
    assert 0 < len(expected) < Consent.objects.count()
    assert set(Consent.objects.valid_on(today).values_list("pk", flat=True)) == expected


def test_the_exists_form_filters_people_and_profiles(world):
    today = timezone.localdate()
    valid, withdrawn, other_kind = (PersonFactory(organization=world.org) for _ in range(3))
    ConsentFactory(person=valid)
    ConsentFactory(person=withdrawn, withdrawn_on=today)
    ConsentFactory(person=other_kind, kind=Consent.Kind.PUBLICATION)
    people = Person.objects.filter(pk__in=[valid.pk, withdrawn.pk, other_kind.pk])
    assert list(people.filter(Consent.objects.valid_exists(Consent.Kind.PROCESSING))) == [valid]
