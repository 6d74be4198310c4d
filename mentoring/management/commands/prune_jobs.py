"""`manage.py prune_jobs`: deletes old background jobs with their files, and sooner the files and result data of
finished ones (mentoring/jobs.py ``prune``). Every worker runs the same at its start and once a day; this command is
for a cron line, a one-off clean-up, or a look first with --dry-run."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mentoring import jobs
from mentoring.templatetags.ru import ru_plural


class Command(BaseCommand):
    help = "Удаляет старые фоновые задания и их файлы (сроки — DJANGO_JOB_KEEP_DAYS и DJANGO_JOB_FILE_KEEP_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Хранить задания столько дней (по умолчанию {settings.JOB_KEEP_DAYS}).",
        )
        parser.add_argument(
            "--file-days",
            type=int,
            default=None,
            help=f"Хранить файлы и данные результатов столько дней (по умолчанию {settings.JOB_FILE_KEEP_DAYS}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Только показать, что будет удалено.")

    def handle(self, *args, days: int | None, file_days: int | None, dry_run: bool, **options) -> None:
        days = settings.JOB_KEEP_DAYS if days is None else days
        file_days = settings.JOB_FILE_KEEP_DAYS if file_days is None else file_days
        if days < 1 or file_days < 1:
            raise CommandError("Срок хранения — целое число дней, не меньше 1.")
        if file_days > days:
            file_days = days  # a file cannot outlive its job's record
        interrupted = 0 if dry_run else jobs.interrupt_stale()
        report = jobs.prune(keep_days=days, file_keep_days=file_days, dry_run=dry_run)
        older = f"старше {ru_plural(days, 'дня,дней,дней')}"
        files_older = f"более {ru_plural(file_days, 'дня,дней,дней')} назад"
        if dry_run:
            self.stdout.write(
                f"Будет удалено заданий {older} (вместе с файлами): {report.jobs}; "
                f"файлов и данных результатов заданий, завершённых {files_older}: {report.files}; "
                f"записей очереди: {report.task_results}{_others(report)}. Ничего не изменено (--dry-run)."
            )
            return
        if interrupted:
            self.stdout.write(f"Отмечено прерванными (обработчик остановился): {interrupted}.")
        self.stdout.write(
            f"Удалено заданий {older} (вместе с файлами): {report.jobs}; "
            f"файлов и данных результатов заданий, завершённых {files_older}: {report.files}; "
            f"записей очереди: {report.task_results}{_others(report)}."
        )


def _others(report: jobs.PruneReport) -> str:
    return "".join(f"; {label}: {n}" for label, n in report.others.items())
