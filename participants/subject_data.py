"""What the participants' bases keep about a person, for the subject-data export (mentoring.subject_data)."""

from __future__ import annotations

from participants.models import Person


def card_and_consents(person: Person) -> dict[str, list[dict]]:
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
    return {"Карточка": [card], "Согласия": consents}
