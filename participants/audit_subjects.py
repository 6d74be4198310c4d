"""Participants are the subjects of the personal-data access log (mentoring.audit)."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from mentoring.audit import Subjects, register_subjects
from participants.access import get_person_for
from participants.models import Person


def short_names(ids: Iterable[int]) -> dict[int, str]:
    people = Person.objects.filter(pk__in=set(ids)).only("last_name", "first_name", "middle_name")
    return {person.pk: person.short_name for person in people}


def register() -> None:
    register_subjects(
        Subjects(
            get_for=get_person_for,
            names=short_names,
            card_url=lambda pk: reverse("participants:person", args=[pk]),
        )
    )
