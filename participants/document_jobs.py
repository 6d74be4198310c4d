"""A class's consent forms as a background job (mentoring/jobs.py) when the class is big: the same
``consent_forms_pdf`` / ``consent_forms_docx`` as in the request, a step of the progress bar per few sheets,
the file on the job's page."""

from __future__ import annotations

from mentoring.jobs import JobError, JobResult, Progress
from mentoring.models import Job
from participants import services
from participants.consent_forms import FORMS
from participants.models import StudyGroup

GROUP_CONSENTS = "participants.group_consents"


def class_people(group: StudyGroup) -> list:
    return list(group.students.filter(is_anonymized=False).order_by("sort_key"))


def run_group_consents(job: Job, progress: Progress) -> JobResult:
    # The job's own organization bounds the lookup: a forged parameter finds nothing of another one.
    group = StudyGroup.objects.filter(pk=job.params["group"], organization_id=job.organization_id).first()
    if group is None:
        raise JobError("Класс не найден: возможно, он удалён.")
    people = class_people(group)
    if not people:
        raise JobError("В классе нет обучающихся — печатать нечего.")
    form = job.params["form"]
    progress.stage("Печать бланков", total=len(people))

    def step(done: int, total: int) -> None:
        progress.advance(min(len(people), done * len(people) // total), total=len(people))

    if job.params.get("fmt") == "docx":  # Word is one pass over the same HTML: no steps to report
        content, extension = services.consent_forms_docx(people=people, form=form), "docx"
        progress.advance(len(people), total=len(people))
    else:
        content, extension = services.consent_forms_pdf(people=people, form=form, progress=step), "pdf"
    return JobResult(
        summary=f"{'Подготовлено' if extension == 'docx' else 'Напечатано'} бланков: {len(people)}.",
        content=content,
        filename=f"Согласия {group.name} — {FORMS[form].title}.{extension}",
    )
