"""Reminders in the portal and by email. Each app registers its sources (``<app>/reminders.py``,
from its AppConfig.ready()) that say what is due today;
``deliver`` records each as a Notification keyed by (user, kind, object, period) and emails only
the rows it has just created, so a second run of ``send_reminders`` sends nothing twice.

A period makes a reminder repeatable when the situation repeats: the no-meeting reminder is keyed
by the date of the last meeting, so a pair that meets and then lapses again is reminded again."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from mentoring.models import EmailOptOut, Notification, User


@dataclass(frozen=True)
class Due:
    user: User
    kind: str
    object_key: str
    period: str
    title: str
    text: str = ""
    url: str = ""


Source = Callable[[datetime.date], Iterable[Due]]
_SOURCES: dict[str, Source] = {}


def register_source(name: str, source: Source) -> None:
    _SOURCES[name] = source


def due_today(today: datetime.date) -> list[Due]:
    return [due for source in _SOURCES.values() for due in source(today) if due.user.is_active]


@dataclass
class DeliveryReport:
    created: int = 0
    emailed: int = 0
    skipped_opt_out: int = 0
    no_address: int = 0


def deliver(items: Iterable[Due], *, send_email: bool = True) -> DeliveryReport:
    """Records every due reminder once; emails the new ones to users who have not opted out."""
    report = DeliveryReport()
    fresh: list[Notification] = []
    for due in items:
        with transaction.atomic():
            notification, created = Notification.objects.get_or_create(
                user=due.user,
                kind=due.kind,
                object_key=due.object_key[:60],
                period=due.period[:30],
                defaults={"title": due.title[:300], "text": due.text, "url": due.url[:300]},
            )
        if created:
            report.created += 1
            fresh.append(notification)
    if not send_email or not fresh:
        return report
    opted_out = set(EmailOptOut.objects.filter(user__in={n.user_id for n in fresh}).values_list("user_id", "kind"))
    with get_connection() as connection:
        for notification in fresh:
            if (notification.user_id, notification.kind) in opted_out:
                report.skipped_opt_out += 1
            elif not notification.user.email:
                report.no_address += 1
            else:
                _email(notification, connection)
                Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
                report.emailed += 1
    return report


def _email(notification: Notification, connection) -> None:
    context = {
        "notification": notification,
        "user": notification.user,
        "site_url": getattr(settings, "SITE_URL", "").rstrip("/"),
    }
    text = render_to_string("emails/reminder.txt", context)
    html = render_to_string("emails/reminder.html", context)
    message = EmailMultiAlternatives(
        subject=f"Наставничество: {notification.title}"[:200],
        body=text,
        to=[notification.user.email],
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    message.send()
