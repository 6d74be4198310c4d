"""Reads of the programs app that more than one view, panel, report or service uses; writes live in
services.py."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Count, Q
from django.utils import timezone

from programs.models import (
    MatchingProposal,
    Meeting,
    Mentorship,
    MentorshipMember,
)


def open_load(mentor_ids: Iterable[int]) -> dict[int, int]:
    """How many mentees each mentor has in open pairs (draft, fixed, active) of any programme."""
    rows = (
        MentorshipMember.objects.filter(
            mentorship__mentor_id__in=list(mentor_ids), is_active=True, mentorship__status__in=Mentorship.OPEN
        )
        .values("mentorship__mentor_id")
        .annotate(n=Count("pk"))
    )
    return {row["mentorship__mentor_id"]: row["n"] for row in rows}


def suggested_meeting_kind(pair: Mentorship) -> str:
    """The sequence знакомство → пробная → планирование is suggested, never forced."""
    done = {m.kind for m in pair.meetings.all()}
    for kind in Meeting.SEQUENCE:
        if kind not in done:
            return kind
    return Meeting.Kind.WORKING


def proposal_mentor(proposal: MatchingProposal, mentee_id: int) -> int | None:
    return next((row["mentor"] for row in proposal.assignments if row["mentee"] == mentee_id), None)


def gap_days(pair: Mentorship, *, today: datetime.date | None = None) -> int | None:
    """Days since a working pair last met (or started); None for pairs that do not meet now.
    Reads the ``last_meeting`` annotation the lists put on each pair."""
    if pair.status not in Mentorship.WORKING:
        return None
    since = timezone.localtime(pair.last_meeting).date() if pair.last_meeting else pair.start_date
    return ((today or timezone.localdate()) - since).days


def pairs_without_recent_meeting(queryset, *, today: datetime.date | None = None):
    """Working pairs whose last meeting (or start) is more than 14 days ago."""
    from django.db.models import Max

    today = today or timezone.localdate()
    limit = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=14), datetime.time.min))
    return (
        queryset.filter(status__in=Mentorship.WORKING)
        .annotate(last_meeting=Max("meetings__starts_at"))
        .filter(
            Q(last_meeting__lt=limit) | Q(last_meeting__isnull=True, start_date__lt=today - datetime.timedelta(days=14))
        )
    )
