"""Reads of the monitoring app that more than one view, panel, report or service uses; writes live in
services.py."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from mentoring.models import AcademicYear, Role, User
from monitoring import kpi
from monitoring.models import (
    KpiTarget,
    Questionnaire,
    Response,
)
from participants.models import Membership, MenteeProfile, MentorProfile, Person
from programs.models import Mentorship, Programme

PAIR_STATUSES = kpi.COUNTED_PAIR_STATUSES
PREFERENCE_MENTOR_STATUSES = (
    MentorProfile.Status.APPROVED,
    MentorProfile.Status.TRAINED,
    MentorProfile.Status.ACTIVE,
)
PREFERENCE_MENTEE_STATUSES = (MenteeProfile.Status.CANDIDATE, MenteeProfile.Status.WAITING)


# The compatibility questionnaire comes after the trial meeting, before the order fixes the pair.
COMPATIBILITY_PAIR_STATUSES = (Mentorship.Status.DRAFT, Mentorship.Status.FIXED, Mentorship.Status.ACTIVE)


def _pairs_of(questionnaire: Questionnaire) -> QuerySet[Mentorship]:
    statuses = (
        COMPATIBILITY_PAIR_STATUSES if questionnaire.purpose == Questionnaire.Purpose.COMPATIBILITY else PAIR_STATUSES
    )
    pairs = Mentorship.objects.filter(organization_id=questionnaire.organization_id, status__in=statuses)
    if questionnaire.programme_id:
        return pairs.filter(programme_id=questionnaire.programme_id)
    return pairs.filter(programme__academic_year_id=questionnaire.academic_year_id)


def respondents(questionnaire: Questionnaire) -> QuerySet[Person]:
    """Who is asked: participants of the year's (or the programme's) pairs by side; for the
    preference questionnaire, the candidates before pairs exist; curators and partners by role."""
    people = Person.objects.filter(organization_id=questionnaire.organization_id, is_anonymized=False)
    audience, purpose = questionnaire.audience, questionnaire.purpose
    if audience == Questionnaire.Audience.MENTOR:
        if purpose == Questionnaire.Purpose.PREFERENCES:
            return people.filter(mentor_profile__status__in=PREFERENCE_MENTOR_STATUSES)
        return people.filter(mentor_profile__pairs__in=_pairs_of(questionnaire)).distinct()
    if audience == Questionnaire.Audience.MENTEE:
        if purpose == Questionnaire.Purpose.PREFERENCES:
            return people.filter(mentee_profile__status__in=PREFERENCE_MENTEE_STATUSES)
        return people.filter(mentee_profile__memberships__mentorship__in=_pairs_of(questionnaire)).distinct()
    if audience == Questionnaire.Audience.CURATOR:
        return people.filter(user__roles__role__in=(Role.CURATOR, Role.FORM_CURATOR)).distinct()
    return people.filter(kind=Person.Kind.EXTERNAL)


def pending_for(person: Person) -> list[Questionnaire]:
    """Open questionnaires of the current year that ask this person and that they have not submitted."""
    year = AcademicYear.current()
    open_ = Questionnaire.objects.filter(organization_id=person.organization_id, academic_year=year, is_open=True)
    done = Response.objects.filter(person=person, status=Response.Status.SUBMITTED).values("questionnaire_id")
    return [q for q in open_.exclude(pk__in=done) if respondents(q).filter(pk=person.pk).exists()]


def pending_for_user(user: User) -> list[Questionnaire]:
    """pending_for() of the user's Person in one query when nothing is open (the usual home page)."""
    if user.organization_id is None:
        return []
    start_year = AcademicYear.start_year_for(timezone.localdate())
    done = Response.objects.filter(person__user=user, status=Response.Status.SUBMITTED).values("questionnaire_id")
    candidates = list(
        Questionnaire.objects.filter(
            organization_id=user.organization_id, academic_year__start_year=start_year, is_open=True
        ).exclude(pk__in=done)
    )
    if not candidates:
        return []
    person = Person.objects.filter(user=user).first()
    if person is None:
        return []
    return [q for q in candidates if respondents(q).filter(pk=person.pk).exists()]


def counterparts(questionnaire: Questionnaire) -> list[tuple[int, str]]:
    """Choices of the counterpart question: mentors for mentees, mentees for mentors (profile id, name)."""
    org_id = questionnaire.organization_id
    if questionnaire.audience == Questionnaire.Audience.MENTEE:
        profiles = MentorProfile.objects.filter(person__organization_id=org_id, status__in=PREFERENCE_MENTOR_STATUSES)
    else:
        profiles = MenteeProfile.objects.filter(person__organization_id=org_id, status__in=PREFERENCE_MENTEE_STATUSES)
    profiles = profiles.select_related("person__study_group").order_by("person__sort_key", "pk")
    return [(p.pk, _counterpart_label(p.person)) for p in profiles]


def _counterpart_label(person: Person) -> str:
    detail = person.study_group.name if person.study_group_id else person.position
    return f"{person.full_name} ({detail})" if detail else person.full_name


def people_with_pending(questionnaire: Questionnaire) -> QuerySet[Person]:
    submitted = Response.objects.filter(questionnaire=questionnaire, status=Response.Status.SUBMITTED)
    return respondents(questionnaire).exclude(pk__in=submitted.values("person_id"))


def kpi_years(organization, limit: int = 6) -> list[AcademicYear]:
    """The years the KPI page shows: the current one and every year that has a membership list, a
    programme or a target of the organization (targets may lie ahead of the current year)."""
    start_years = {AcademicYear.current().start_year}
    for model in (Membership, Programme, KpiTarget):
        start_years.update(
            model.objects.filter(organization=organization)
            .values_list("academic_year__start_year", flat=True)
            .distinct()
        )
    current = AcademicYear.current().start_year
    years = list(AcademicYear.objects.filter(start_year__in=start_years).order_by("-start_year"))
    # The current year first, then the past; years ahead (targets only) after them, nearest first.
    ahead = sorted((y for y in years if y.start_year > current), key=lambda y: y.start_year)
    return [y for y in years if y.start_year <= current][:limit] + ahead


def counterparts_on_link(questionnaire: Questionnaire) -> list[tuple[int, str]]:
    """The counterpart choices on the one-time link, which anyone holding it can open: a person is
    named in full only with a valid consent to publication; otherwise by role, initials and class —
    enough for a pupil to recognise their mentor, nothing a stranger could use (many are minors)."""
    role = "наставник" if questionnaire.audience == Questionnaire.Audience.MENTEE else "наставляемый"
    ids = [pk for pk, _ in counterparts(questionnaire)]
    model = MentorProfile if questionnaire.audience == Questionnaire.Audience.MENTEE else MenteeProfile
    profiles = model.objects.select_related("person__study_group").prefetch_related("person__consents").in_bulk(ids)
    choices = []
    for pk in ids:
        person = profiles[pk].person
        if person.has_publication_consent:
            choices.append((pk, _counterpart_label(person)))
            continue
        initials = " ".join(f"{p[0]}." for p in (person.last_name, person.first_name) if p)
        group = person.study_group.name if person.study_group_id else ""
        choices.append((pk, f"{role} {initials}" + (f", {group}" if group else "")))
    return choices
