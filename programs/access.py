"""Who sees which programmes, pairs and meetings — the one place these rules live.

Director, curator and form curators see every pair of their organization and the psychologist
reads them; a mentor sees and edits only their own pairs; a mentee sees only their own pair.
Anything else is a 404, the same as a pair that does not exist."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from mentoring.access import COORDINATORS, READERS, for_organization, get_for_organization
from mentoring.models import Role, User
from programs.models import (
    Award,
    MatchingProposal,
    Meeting,
    Mentorship,
    MentorshipMember,
    PlanGoal,
    Practice,
    Programme,
)


def visible_pairs(user: User) -> QuerySet[Mentorship]:
    pairs = for_organization(user, Mentorship.objects.all())
    if user.has_role(*READERS):
        return pairs
    own = Q(pk__in=[])
    if user.has_role(Role.MENTOR):
        own |= Q(mentor__person__user=user)
    if user.has_role(Role.MENTEE):
        own |= Q(members__mentee__person__user=user)
    return pairs.filter(own).distinct()


def get_pair_for(user: User, pk: int) -> Mentorship:
    pair = visible_pairs(user).select_related("programme", "programme__form", "mentor__person", "variant").filter(pk=pk)
    pair = pair.first()
    if pair is None:
        raise Http404("Пара не найдена")
    return pair


def can_edit_pair(user: User, pair: Mentorship) -> bool:
    """Managers edit every pair of their organization; a mentor only their own."""
    return user.has_role(*COORDINATORS) or (user.has_role(Role.MENTOR) and pair.mentor.person.user_id == user.pk)


def get_editable_pair_for(user: User, pk: int) -> Mentorship:
    pair = get_pair_for(user, pk)
    if not can_edit_pair(user, pair):
        raise Http404("Пара не найдена")
    return pair


def is_member(user: User, pair: Mentorship):
    """The user's mentee profile in the pair, or None."""
    for member in pair.members.all():
        if member.mentee.person.user_id == user.pk:
            return member.mentee
    return None


def get_meeting_for(user: User, pk: int) -> Meeting:
    meeting = Meeting.objects.filter(pk=pk, mentorship__in=visible_pairs(user)).select_related("mentorship").first()
    if meeting is None:
        raise Http404("Встреча не найдена")
    return meeting


def get_goal_for_edit(user: User, pk: int) -> PlanGoal:
    goal = PlanGoal.objects.filter(pk=pk, mentorship__in=visible_pairs(user)).select_related("mentorship").first()
    if goal is None or not can_edit_pair(user, goal.mentorship):
        raise Http404("Цель не найдена")
    return goal


def get_programme_for(user: User, pk: int) -> Programme:
    programme = for_organization(user, Programme.objects.select_related("form", "academic_year", "curator"))
    programme = programme.filter(pk=pk).first()
    if programme is None:
        raise Http404("Программа не найдена")
    return programme


def get_practice_for(user: User, pk: int) -> Practice:
    return get_for_organization(user, Practice, pk=pk)


def get_award_for(user: User, pk: int) -> Award:
    awards = Award.objects.select_related("nomination", "academic_year", "mentor__person", "organization")
    return get_for_organization(user, awards, pk=pk)


def get_member_for(user: User, pk: int) -> MentorshipMember:
    """A mentee's membership in one of the pairs the user sees."""
    member = (
        MentorshipMember.objects.filter(pk=pk, mentorship__in=visible_pairs(user))
        .select_related("mentee__person", "mentorship")
        .first()
    )
    if member is None:
        raise Http404("Участник не найден")
    return member


def get_proposal_for(user: User, pk: int) -> MatchingProposal:
    return get_for_organization(user, MatchingProposal.objects.select_related("programme__form"), pk=pk)
