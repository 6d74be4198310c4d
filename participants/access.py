"""Who sees what in the participants' bases — the one place these rules live.

Director, curator and form curators see all of their organization; staff keep the class and
staff lists; the psychologist sees mentees (requests, categories); a mentor or a mentee sees only
their own card, a parent only their child's. Anything else of the organization is a 404, as is
anything of another one."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from mentoring.access import COORDINATORS, LEADERS, for_organization
from mentoring.models import Role, User
from participants.models import Consent, Guardian, MenteeProfile, MentorProfile, Partner, Person, StudyGroup

LIST_KINDS = (Person.Kind.STUDENT, Person.Kind.TEACHER, Person.Kind.STAFF)


def visible_people(user: User) -> QuerySet[Person]:
    people = for_organization(user, Person.objects.all())
    if user.has_role(*COORDINATORS):
        return people
    visible = Person.objects.none()
    if user.has_role(Role.STAFF):
        visible = visible | people.filter(kind__in=LIST_KINDS)
    if user.has_role(Role.PSYCHOLOGIST):
        visible = visible | people.filter(mentee_profile__isnull=False)
    if user.has_role(Role.PARENT):
        # A subquery, not a join: a child with two parents must not appear twice in anyone's list.
        visible = visible | people.filter(pk__in=Guardian.objects.filter(user=user).values("person_id"))
    return visible | people.filter(user=user)


def is_guardian(user: User, person: Person) -> bool:
    """The user is a parent (законный представитель) of this child, linked by the school."""
    return user.has_role(Role.PARENT) and Guardian.objects.filter(user=user, person=person).exists()


def get_person_for(user: User, pk: int) -> Person:
    person = visible_people(user).select_related("study_group", "partner", "user").filter(pk=pk).first()
    if person is None:
        raise Http404("Участник не найден")
    return person


def can_see_mentor_card(user: User, person: Person) -> bool:
    """The mentor part of a card (questionnaire, trainings and their certificates): coordinators and the
    mentor themself — the person's card page and the certificate view ask the same question."""
    return user.has_role(*COORDINATORS) or person.user_id == user.pk


def editable_people(user: User) -> QuerySet[Person]:
    people = for_organization(user, Person.objects.all())
    if user.has_role(*LEADERS):
        return people
    if user.has_role(Role.STAFF):
        return people.filter(kind__in=LIST_KINDS)
    return people.none()


def get_editable_person_for(user: User, pk: int) -> Person:
    person = editable_people(user).filter(pk=pk).first()
    if person is None:
        raise Http404("Участник не найден")
    return person


def get_mentor_for(user: User, pk: int) -> MentorProfile:
    mentor = (
        for_organization(user, MentorProfile.objects.select_related("person"), "person__organization")
        .filter(pk=pk)
        .first()
    )
    if mentor is None:
        raise Http404("Наставник не найден")
    return mentor


def get_mentee_for(user: User, pk: int) -> MenteeProfile:
    mentee = (
        for_organization(user, MenteeProfile.objects.select_related("person"), "person__organization")
        .filter(pk=pk)
        .first()
    )
    if mentee is None:
        raise Http404("Наставляемый не найден")
    return mentee


# The support record of a mentee without a pair holds what a child told the psychologist: only the
# psychologist and the programme's curator read and write it.
SUPPORT_KEEPERS = (Role.CURATOR, Role.PSYCHOLOGIST)


def can_see_support(user: User) -> bool:
    return user.has_role(*SUPPORT_KEEPERS)


def get_group_for(user: User, pk: int) -> StudyGroup:
    group = for_organization(user, StudyGroup.objects.select_related("academic_year")).filter(pk=pk).first()
    if group is None:
        raise Http404("Класс не найден")
    return group


def get_consent_for(user: User, pk: int) -> Consent:
    consent = (
        for_organization(user, Consent.objects.select_related("person"), "person__organization").filter(pk=pk).first()
    )
    if consent is None:
        raise Http404("Согласие не найдено")
    return consent


def get_partner_for(user: User, pk: int) -> Partner:
    partner = for_organization(user, Partner.objects.all()).filter(pk=pk).first()
    if partner is None:
        raise Http404("Партнёр не найден")
    return partner
