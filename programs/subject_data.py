"""A person's pairs, meetings and feedback, for the subject-data export (mentoring.subject_data)."""

from __future__ import annotations

from participants.models import Person
from programs.models import Feedback, Meeting, Mentorship


def pairs_meetings_feedback(person: Person) -> dict[str, list[dict]]:
    mentor = getattr(person, "mentor_profile", None)
    mentee = getattr(person, "mentee_profile", None)
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
    return {"Пары и группы": pair_rows, "Встречи": meetings, "Обратная связь": feedback_rows}
