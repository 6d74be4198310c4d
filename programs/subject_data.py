"""A person's pairs, meetings and feedback: the subject-data export, and their erasure when the
processing consent is withdrawn (mentoring.subject_data)."""

from __future__ import annotations

from django.db.models import QuerySet

from participants.models import Person
from programs.models import CalendarToken, Feedback, Meeting, Mentorship, PlanGoal
from programs.models_awards import Award
from programs.models_practices import Practice


def pairs_of(person: Person) -> QuerySet[Mentorship]:
    """Every pair or group the person was in, as the mentor or as a mentee."""
    mentor = getattr(person, "mentor_profile", None)
    mentee = getattr(person, "mentee_profile", None)
    pairs_q = Mentorship.objects.none()
    if mentor:
        pairs_q = pairs_q | Mentorship.objects.filter(mentor=mentor)
    if mentee:
        pairs_q = pairs_q | Mentorship.objects.filter(members__mentee=mentee)
    return pairs_q.distinct()


def erase_pairs_texts(person: Person) -> None:
    """In every pair of the person: meeting summaries and attachments, feedback comments, the plan's
    goals, the reflection and the reason of an early end are erased (they speak of the person);
    dates, kinds, topics, ratings and statuses stay for the programme's figures. The person's award
    citations and calendar link go; a practice of their pair loses its attachment and never shows names."""
    pair_ids = list(pairs_of(person).values_list("pk", flat=True))
    for meeting in Meeting.objects.filter(mentorship__in=pair_ids).exclude(attachment=""):
        meeting.attachment.delete(save=False)
    Meeting.objects.filter(mentorship__in=pair_ids).update(summary="", attachment="")
    Feedback.objects.filter(meeting__mentorship__in=pair_ids).update(comment="")
    Mentorship.objects.filter(pk__in=pair_ids).update(end_reason="", reflection="")
    PlanGoal.objects.filter(mentorship__in=pair_ids).update(title="Цель (сведения обезличены)", actions="", result="")
    for practice in Practice.objects.filter(mentorship__in=pair_ids).exclude(attachment=""):
        practice.attachment.delete(save=False)
    Practice.objects.filter(mentorship__in=pair_ids).update(attachment="", show_names=False)
    Award.objects.filter(mentor__person=person).update(citation="")
    if person.user_id:
        CalendarToken.objects.filter(user_id=person.user_id).delete()


def pairs_meetings_feedback(person: Person) -> dict[str, list[dict]]:
    mentor = getattr(person, "mentor_profile", None)
    mentee = getattr(person, "mentee_profile", None)
    pairs = list(pairs_of(person).select_related("programme", "mentor__person"))
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
