"""Who sees what in monitoring — the one place these rules live.

A respondent sees only their own answers; the director, curators and the psychologist see the
results of their organization; the region coordinator sees aggregates only (no names, no answers)."""

from __future__ import annotations

from django.http import Http404

from mentoring.access import READERS, for_organization
from mentoring.models import User
from monitoring.models import EfficiencyAssessment, Questionnaire, Response
from monitoring.selectors import respondents
from participants.models import Person


def person_of(user: User) -> Person | None:
    """The participant a logged-in user answers for (Person.user)."""
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def get_questionnaire_for(user: User, pk: int) -> Questionnaire:
    found = for_organization(user, Questionnaire.objects.select_related("academic_year", "programme")).filter(pk=pk)
    questionnaire = found.first()
    if questionnaire is None:
        raise Http404("Анкета не найдена")
    return questionnaire


def get_response_for(user: User, pk: int) -> Response:
    """Their own response for a respondent; any of the organization's for readers; else 404."""
    responses = for_organization(
        user, Response.objects.select_related("questionnaire", "person"), "questionnaire__organization"
    )
    if not user.has_role(*READERS):
        responses = responses.filter(person__user=user)
    response = responses.filter(pk=pk).first()
    if response is None:
        raise Http404("Ответ не найден")
    return response


def get_assessment_for(user: User, pk: int) -> EfficiencyAssessment:
    found = for_organization(
        user, EfficiencyAssessment.objects.select_related("programme", "mentorship__mentor__person", "academic_year")
    ).filter(pk=pk)
    assessment = found.first()
    if assessment is None:
        raise Http404("Оценка не найдена")
    return assessment


def get_questionnaire_to_fill(user: User, pk: int) -> tuple[Questionnaire, Person]:
    """A questionnaire of the user's organization addressed to them, open or already begun."""
    person = person_of(user)
    questionnaire = Questionnaire.objects.filter(pk=pk, organization_id=user.organization_id).first()
    if person is None or questionnaire is None:
        raise Http404("Анкета не найдена")
    if not respondents(questionnaire).filter(pk=person.pk).exists():
        raise Http404("Эта анкета адресована другим участникам")
    if not questionnaire.is_open and not Response.objects.filter(questionnaire=questionnaire, person=person).exists():
        raise Http404("Анкета закрыта")
    return questionnaire, person
