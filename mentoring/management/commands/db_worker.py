"""`manage.py db_worker` — django-tasks-db's worker (this app comes first in INSTALLED_APPS, so this command is the
one that runs), which first does the jobs' housekeeping (mentoring/jobs.py): jobs whose worker died — the reason
this worker was (re)started — are recorded as interrupted and old jobs and their files are pruned; after that, at
most once a day after a task. So a deployment that runs the worker needs no cron line for it."""

from __future__ import annotations

from django_tasks_db.compat import task_finished
from django_tasks_db.management.commands import db_worker

from mentoring import jobs


def _daily_housekeeping(sender, **kwargs) -> None:
    jobs.housekeeping()


class Command(db_worker.Command):
    help = db_worker.Command.help + "; first records jobs of dead workers as interrupted and prunes old jobs"

    def handle(self, *args, **options) -> None:
        outcome = jobs.housekeeping(force=True)
        if outcome and options.get("verbosity", 1) >= 1:
            interrupted, pruned = outcome
            self.stdout.write(
                f"Задания: прервано (обработчик остановился) — {interrupted}; удалено старых — {pruned.jobs}, "
                f"удалено файлов результатов — {pruned.files}."
            )
        task_finished.connect(_daily_housekeeping, dispatch_uid="mentoring.jobs.housekeeping")
        super().handle(*args, **options)
