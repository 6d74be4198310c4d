"""The annual reports of a big organization and the region's table as background jobs (mentoring/jobs.py): the
same monitoring.reports functions as in the request, the file on the job's page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from mentoring.access import READERS, organizations_of_region
from mentoring.jobs import JobError, JobResult, Progress
from mentoring.models import AcademicYear, Job
from monitoring import reports
from programs.models import Mentorship

SCHOOL_ANNUAL = "monitoring.school_annual"
REGION_REPORT = "monitoring.region_report"
FORMAT_LABELS = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel"}
_RENDER = {"pdf": reports.school_annual_pdf, "docx": reports.school_annual_docx, "xlsx": reports.school_annual_xlsx}


def pairs_of_year(organization, year: AcademicYear) -> int:
    """How big the year's report is: its pairs (each brings rows to several tables)."""
    return Mentorship.objects.filter(organization=organization, programme__academic_year=year).count()


def school_annual_name(year: AcademicYear) -> str:
    return f"Отчёт о реализации целевой модели наставничества {year.name.replace('/', '-')}"


def run_school_annual(job: Job, progress: Progress) -> JobResult:
    user, year = job.user, AcademicYear.objects.filter(pk=job.params["year"]).first()
    # Checked again when it runs: a user who has lost the role meanwhile gets no report.
    if year is None or user.organization_id != job.organization_id or not user.has_role(*READERS):
        raise JobError("Отчёт недоступен: учебный год не найден или у вас больше нет права на отчёты организации.")
    fmt = job.params["format"]
    progress.stage("Сбор данных и печать отчёта", total=1)
    content = _RENDER[fmt](job.organization, year)
    progress.advance(1)
    return JobResult(
        summary=f"Отчёт за {year.name} учебный год готов.",
        content=content,
        filename=f"{school_annual_name(year)}.{fmt}",
    )


def region_report_name(year: AcademicYear) -> str:
    return f"Наставничество в организациях региона {year.name.replace('/', '-')}"


def run_region_report(job: Job, progress: Progress) -> JobResult:
    year = AcademicYear.objects.filter(pk=job.params["year"]).first()
    try:
        organizations = list(organizations_of_region(job.user))
    except PermissionDenied:
        raise JobError("Сводная таблица доступна только региональному координатору.") from None
    if year is None:
        raise JobError("Учебный год не найден.")
    progress.stage("Сводная таблица организаций", total=len(organizations))
    content = reports.region_xlsx(organizations, year, job.user.region)
    return JobResult(
        summary=f"Организаций в таблице: {len(organizations)}.",
        content=content,
        filename=f"{region_report_name(year)}.xlsx",
    )
