"""Cron: ``python manage.py send_reminders`` (e.g. every morning). Running it twice sends nothing
twice: each reminder is a unique Notification row, and only newly created rows are emailed."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mentoring.notifications import deliver, due_today


class Command(BaseCommand):
    help = "Создаёт напоминания участникам и рассылает новые по электронной почте."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="Дата расчёта в формате ГГГГ-ММ-ДД (по умолчанию сегодня).")
        parser.add_argument("--no-email", action="store_true", help="Только уведомления в портале, без писем.")
        parser.add_argument(
            "--queue", action="store_true", help="Поставить рассылку в очередь фоновых заданий (её выполнит db_worker)."
        )

    def handle(self, *args, date: str | None = None, no_email: bool = False, queue: bool = False, **options) -> None:
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError("Дата записывается как ГГГГ-ММ-ДД.") from exc
        if queue:
            from mentoring.tasks import send_reminders

            send_reminders.enqueue(today.isoformat(), not no_email)
            self.stdout.write(f"Рассылка напоминаний на {today:%d.%m.%Y} поставлена в очередь фоновых заданий.")
            return
        report = deliver(due_today(today), send_email=not no_email)
        self.stdout.write(
            f"Новых уведомлений: {report.created}; писем отправлено: {report.emailed}; "
            f"без письма по выбору получателя: {report.skipped_opt_out}; без адреса: {report.no_address}."
        )
