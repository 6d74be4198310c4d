"""Demo of the outreach, run by seed_demo after every app's demo (it needs pairs, roadmaps and
questionnaires): published practices, awards, and today's reminders in the portal. Idempotent."""

from __future__ import annotations

from django.utils import timezone

from mentoring.demo import DemoContext

PRACTICES = [
    (
        "«Дроби без страха»: наставник-учитель и шестиклассник",
        "Ученик 6 класса получал неудовлетворительные отметки по математике и избегал устных ответов.",
        "Еженедельные встречи по 45 минут; игровые задания на доли; совместный план из трёх целей; "
        "обратная связь после каждой встречи.",
        "Отметка за четверть «4»; ученик выступил на школьном математическом турнире.",
        True,
    ),
    (
        "Адаптация молодого педагога в первый год работы",
        "Молодой специалист испытывал трудности с дисциплиной в 7 классе и с ведением документации.",
        "Взаимопосещение уроков раз в две недели, разбор конфликтных ситуаций, шаблоны рабочих программ.",
        "Педагог провёл открытый урок; жалоб родителей во втором полугодии не поступало.",
        True,
    ),
    ("Проект «Старшие — младшим» (черновик)", "Набросок.", "Набросок.", "Набросок.", False),
]


def seed(context: DemoContext) -> None:
    from mentoring.notifications import deliver, due_today
    from participants.models import MentorProfile
    from programs.models import Mentorship
    from programs.models_outreach import Award, Practice
    from programs.outreach import nominations_for, practice_publish, standard_nominations

    org = context.school
    curator = context.users["curator"]
    completed = Mentorship.objects.filter(organization=org, status=Mentorship.Status.COMPLETED).first()
    for title, problem, actions, result, published in PRACTICES:
        practice, created = Practice.objects.get_or_create(
            organization=org,
            title=title,
            defaults={
                "problem": problem,
                "actions": actions,
                "result": result,
                "mentorship": completed,
                "created_by": curator,
            },
        )
        if created and published:
            practice_publish(practice=practice)
    standard_nominations()
    nominations = {n.name: n for n in nominations_for(org)}
    for last_name, nomination in (("Петров", "Наставник года"), ("Соколова", "Наставник+")):
        mentor = MentorProfile.objects.filter(person__organization=org, person__last_name=last_name).first()
        if mentor:
            Award.objects.get_or_create(
                organization=org,
                nomination=nominations[nomination],
                academic_year=context.previous_year,
                mentor=mentor,
                defaults={
                    "citation": "за высокие результаты наставнической деятельности",
                    "date": timezone.localdate(),
                },
            )
    # Today's reminders, in the portal only: a demo must not send mail.
    deliver(due_today(timezone.localdate()), send_email=False)
