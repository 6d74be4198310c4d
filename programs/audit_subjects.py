"""The people a pair's pages show, for the personal-data access log (mentoring.audit.shows)."""

from __future__ import annotations

from mentoring.audit import register_subject_kind
from programs.models import Mentorship, MentorshipMember


def pair_people(pk: int) -> list[int]:
    """The pair's mentor and every mentee it has had."""
    mentor = list(Mentorship.objects.filter(pk=pk).values_list("mentor__person_id", flat=True))
    mentees = MentorshipMember.objects.filter(mentorship_id=pk).values_list("mentee__person_id", flat=True)
    return [*mentor, *mentees]


def register() -> None:
    register_subject_kind("pair", pair_people)
