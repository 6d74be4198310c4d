"""The tasks of the portal's queue: ``run_job`` runs a recorded Job a user watches (mentoring/jobs.py explains the
design); ``send_reminders`` is the daily reminder run, queued by cron (`send_reminders --queue`) so the mail server's
pace never holds the cron job."""

import datetime

from django_tasks import task

from mentoring import jobs


@task()
def run_job(job_id: int) -> None:
    jobs.run(job_id)


@task()
def send_reminders(day: str, send_email: bool = True) -> dict:
    from mentoring.notifications import deliver, due_today

    report = deliver(due_today(datetime.date.fromisoformat(day)), send_email=send_email)
    return {"created": report.created, "emailed": report.emailed}
