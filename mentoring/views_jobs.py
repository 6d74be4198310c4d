"""«Мои задания» and the page of one job: progress by htmx polling, the reason of a failure, the file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring.files import private_file_response
from mentoring.jobs import JobError, get_job_for, jobs_of, restart

PAGE_SIZE = 30


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(jobs_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "mentoring/jobs/list.html", {"page": page})


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole page, or (htmx polling) only its progress block, which stops polling once the job is over."""
    job = get_job_for(request.user, pk)
    template = "mentoring/jobs/_progress.html" if request.htmx else "mentoring/jobs/detail.html"
    return render(request, template, {"job": job})


@login_required
def job_file(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for(request.user, pk)
    name = job.result_name.rsplit(".", 1)[0] if job.result_name else "Документ"
    return private_file_response(request, job.result_file, filename=name)


@require_POST
@login_required
def job_restart(request: HttpRequest, pk: int) -> HttpResponse:
    """«Запустить ещё раз» on an interrupted job: a new run with the same parameters, for its starter only."""
    job = get_job_for(request.user, pk)
    if job.user_id != request.user.pk:
        raise PermissionDenied("Запустить задание ещё раз может только тот, кто его запустил.")
    try:
        new = restart(user=request.user, job=job)
    except JobError as exc:
        messages.error(request, str(exc))
        return redirect("jobs:detail", pk=job.pk)
    return redirect("jobs:detail", pk=new.pk)
