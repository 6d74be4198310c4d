"""Participants are the subjects of the personal-data access log (mentoring.audit)."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from mentoring.audit import Subjects, register_subject_kind, register_subjects
from participants.access import get_person_for
from participants.models import MenteeProfile, Person


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
    # What the pages of this app show (mentoring.audit.shows): a card, a mentee's profile, a class.
    register_subject_kind("person", lambda pk: [pk])
    register_subject_kind(
        "mentee", lambda pk: list(MenteeProfile.objects.filter(pk=pk).values_list("person_id", flat=True))
    )
    register_subject_kind(
        "group", lambda pk: list(Person.objects.filter(study_group_id=pk).values_list("pk", flat=True))
    )
