"""The one task of the portal's queue: it runs a recorded Job (mentoring/jobs.py explains the design)."""

from django_tasks import task

from mentoring import jobs


@task()
def run_job(job_id: int) -> None:
    jobs.run(job_id)
