"""A participant's personal data on request (152-ФЗ, ст. 14): the card, consents, pairs, meetings,
feedback and questionnaire answers, as JSON and as an xlsx workbook with one sheet per section."""

from __future__ import annotations

import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from mentoring.xlsx import safe_cell


def _value(value: object) -> object:
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def collect(person) -> dict[str, list[dict]]:
    """Sections of the person's data; each a list of rows with Russian column names."""
    from monitoring.models import Answer
    from programs.models import Feedback, Meeting, Mentorship

    card = {
        "Фамилия": person.last_name,
        "Имя": person.first_name,
        "Отчество": person.middle_name,
        "Категория": person.get_kind_display(),
        "Класс / группа": person.study_group.name if person.study_group_id else "",
        "Дата рождения": person.birth_date,
        "Пол": person.get_sex_display(),
        "Должность": person.position,
        "Предмет": person.subject,
        "Электронная почта": person.email,
        "Телефон": person.phone,
        "Примечание": person.notes,
        "Обезличен": "да" if person.is_anonymized else "нет",
    }
    mentor = getattr(person, "mentor_profile", None)
    mentee = getattr(person, "mentee_profile", None)
    if mentor:
        card.update({"Наставник: статус": mentor.get_status_display(), "Наставник: компетенции": mentor.competencies})
    if mentee:
        card.update({"Наставляемый: статус": mentee.get_status_display(), "Наставляемый: запрос": mentee.request})
    consents = [
        {
            "Вид": c.get_kind_display(),
            "Подписано": c.signed_on,
            "Отозвано": c.withdrawn_on,
            "Кем подписано": c.get_signed_by_display(),
        }
        for c in person.consents.all()
    ]
    pairs_q = Mentorship.objects.none()
    if mentor:
        pairs_q = pairs_q | Mentorship.objects.filter(mentor=mentor)
    if mentee:
        pairs_q = pairs_q | Mentorship.objects.filter(members__mentee=mentee)
    pairs = list(pairs_q.distinct().select_related("programme", "mentor__person"))
    pair_rows = [
        {
            "Программа": p.programme.title,
            "Наставник": p.mentor.person.full_name,
            "Статус": p.get_status_display(),
            "Начало": p.start_date,
            "Окончание": p.end_date,
        }
        for p in pairs
    ]
    meetings = [
        {"Дата": m.starts_at, "Вид": m.get_kind_display(), "Тема": m.topic, "Итоги": m.summary}
        for m in Meeting.objects.filter(mentorship__in=pairs).order_by("starts_at")
    ]
    feedback = Feedback.objects.none()
    if mentee:
        feedback = Feedback.objects.filter(mentee=mentee)
    if mentor:
        feedback = feedback | Feedback.objects.filter(author="mentor", meeting__mentorship__mentor=mentor)
    feedback_rows = [
        {
            "Встреча": f.meeting.starts_at,
            "От кого": f.get_author_display(),
            "Оценка": f.rating,
            "Комментарий": f.comment,
        }
        for f in feedback.select_related("meeting").order_by("meeting__starts_at")
    ]
    answers = [
        {
            "Анкета": a.response.questionnaire.title,
            "Вопрос": a.question.text,
            "Балл": a.number,
            "Текст": a.text,
            "Варианты": ", ".join(map(str, a.choices or [])),
        }
        for a in Answer.objects.filter(response__person=person).select_related("response__questionnaire", "question")
    ]
    return {
        "Карточка": [card],
        "Согласия": consents,
        "Пары и группы": pair_rows,
        "Встречи": meetings,
        "Обратная связь": feedback_rows,
        "Ответы на анкеты": answers,
    }


def as_json(data: dict[str, list[dict]]) -> dict:
    return {section: [{k: _value(v) for k, v in row.items()} for row in rows] for section, rows in data.items()}


def as_xlsx(data: dict[str, list[dict]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for section, rows in data.items():
        sheet = book.create_sheet(section[:31])
        headers = list(rows[0]) if rows else ["Сведений нет"]
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([safe_cell(_value(v)) for v in row.values()])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
