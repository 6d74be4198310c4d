"""A person's questionnaire answers: the subject-data export, and their erasure when the processing
consent is withdrawn (mentoring.subject_data)."""

from __future__ import annotations

from monitoring.models import Answer, EfficiencyAssessment, EfficiencyScore, Response
from participants.models import Person
from programs.subject_data import pairs_of


def erase_answers(person: Person) -> None:
    """Free-text answers and the personal link go; scores and chosen options stay (the figures of the
    monitoring are counted from them). The efficiency assessments of the person's pairs lose their
    comments and conclusions, which speak of the pair's people."""
    Answer.objects.filter(response__person=person).update(text="")
    Response.objects.filter(person=person).update(token=None, token_expires_at=None)
    assessments = EfficiencyAssessment.objects.filter(mentorship__in=pairs_of(person))
    EfficiencyScore.objects.filter(assessment__in=assessments).update(comment="")
    assessments.update(conclusion="")


def answers(person: Person) -> dict[str, list[dict]]:
    rows = [
        {
            "Анкета": a.response.questionnaire.title,
            "Вопрос": a.question.text,
            "Балл": a.number,
            "Текст": a.text,
            "Варианты": ", ".join(map(str, a.choices or [])),
        }
        for a in Answer.objects.filter(response__person=person).select_related("response__questionnaire", "question")
    ]
    return {"Ответы на анкеты": rows}
