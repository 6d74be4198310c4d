"""Reminders of the questionnaires; registered with mentoring.notifications in MonitoringConfig.ready()."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.urls import reverse

from mentoring.models import NotificationKind as Kind
from mentoring.models import User
from mentoring.notifications import Due, register_source
from monitoring.models import Questionnaire
from monitoring.selectors import pending_for_user


def questionnaires_pending(today: datetime.date) -> Iterator[Due]:
    """Every user with a Person and an open questionnaire they have not submitted."""
    organizations = Questionnaire.objects.filter(is_open=True, organization__is_active=True).values("organization_id")
    users = User.objects.filter(is_active=True, organization_id__in=organizations, person__isnull=False)
    for user in users:
        for questionnaire in pending_for_user(user):
            yield Due(
                user=user,
                kind=Kind.QUESTIONNAIRE,
                object_key=f"questionnaire:{questionnaire.pk}",
                period="",
                title=f"Заполните анкету «{questionnaire.title}»",
                text="Анкета открыта для вас; ответы помогают оценить программу наставничества.",
                url=reverse("monitoring:fill", kwargs={"pk": questionnaire.pk}),
            )


def register() -> None:
    register_source("questionnaire", questionnaires_pending)
