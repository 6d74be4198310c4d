"""A person's questionnaire answers, for the subject-data export (mentoring.subject_data)."""

from __future__ import annotations

from monitoring.models import Answer
from participants.models import Person


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
