from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mentoring import audit, jobs, qr
from mentoring.access import LEADERS, READERS, organizations_of_region, require_roles, user_organization
from mentoring.docx import docx_response
from mentoring.models import AcademicYear, Role
from mentoring.pdf import pdf_response, render_pdf
from mentoring.xlsx import xlsx_response
from monitoring import dashboards, kpi, report_jobs, reports, results, selectors, services
from monitoring.access import (
    get_assessment_for,
    get_questionnaire_for,
    get_questionnaire_to_fill,
    get_response_for,
    person_of,
)
from monitoring.forms import (
    AnswersForm,
    AssessmentForm,
    KpiPresetForm,
    KpiYearTargetsForm,
    LinksForm,
    QuestionForm,
    QuestionnaireForm,
    YearForm,
)
from monitoring.models import EfficiencyAssessment, Question, Questionnaire, Response
from programs.access import get_programme_for
from programs.models import Programme

# --- Dashboards ---


@require_roles(*READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    if request.user.has_role(Role.DIRECTOR):
        figures = dashboards.director_dashboard(organization)
    else:
        figures = dashboards.curator_dashboard(organization)
    programmes = Programme.objects.filter(organization=organization).select_related("academic_year")
    return render(request, "monitoring/dashboard.html", {"d": figures, "programmes": programmes})


@require_roles(Role.REGION)
def region(request: HttpRequest) -> HttpResponse:
    form = YearForm(request.GET)
    start_year = form.cleaned_data["year"] if form.is_valid() else None
    # GET only reads: a year nobody has worked in is not created by asking for it.
    year = AcademicYear.objects.filter(start_year=start_year).first() if start_year else None
    year = year or AcademicYear.current()
    organizations = list(organizations_of_region(request.user))
    rows = dashboards.region_rows(organizations, year)
    context = {"rows": rows, "totals": dashboards.region_totals(rows), "year": year, "form": form}
    return render(request, "monitoring/region.html", context)


@require_roles(Role.REGION)
def region_xlsx(request: HttpRequest) -> HttpResponse:
    form = YearForm(request.GET)
    start_year = form.cleaned_data["year"] if form.is_valid() else None
    year = AcademicYear.objects.filter(start_year=start_year).first() if start_year else None
    year = year or AcademicYear.current()
    organizations = list(organizations_of_region(request.user))
    if len(organizations) >= settings.REGION_BACKGROUND_MIN_ORGANIZATIONS:
        job = jobs.start(
            user=request.user,
            organization=None,
            kind=report_jobs.REGION_REPORT,
            title=f"{report_jobs.region_report_name(year)} (Excel)",
            params={"year": year.pk},
        )
        return redirect("jobs:detail", pk=job.pk)
    content = reports.region_xlsx(organizations, year, request.user.region)
    return xlsx_response(content, f"{report_jobs.region_report_name(year)}.xlsx")


# --- Questionnaires: building ---


@require_roles(*READERS)
def questionnaires(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    items = Questionnaire.objects.filter(organization=organization).select_related("academic_year", "programme")
    return render(
        request,
        "monitoring/questionnaires.html",
        {"questionnaires": items, "can_edit": request.user.has_role(*LEADERS)},
    )


@require_POST
@require_roles(*LEADERS)
def questionnaires_seed(request: HttpRequest) -> HttpResponse:
    made = services.standard_questionnaires_seed(
        organization=user_organization(request.user), academic_year=AcademicYear.current()
    )
    messages.success(request, f"Стандартный набор анкет на текущий учебный год готов ({len(made)}).")
    return redirect("monitoring:questionnaires")


@require_roles(*LEADERS)
def questionnaire_new(request: HttpRequest) -> HttpResponse:
    organization, year = user_organization(request.user), AcademicYear.current()
    form = QuestionnaireForm(request.POST or None, organization=organization, year=year)
    if request.method == "POST" and form.is_valid():
        questionnaire = services.questionnaire_create(
            organization=organization, academic_year=year, **form.cleaned_data
        )
        messages.success(request, "Анкета создана. Добавьте вопросы.")
        return redirect("monitoring:questionnaire", pk=questionnaire.pk)
    return render(request, "monitoring/questionnaire_form.html", {"form": form})


@require_roles(*READERS)
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire_for(request.user, pk)
    can_edit = request.user.has_role(*LEADERS)
    form = QuestionnaireForm(
        request.POST or None,
        instance=questionnaire,
        organization=questionnaire.organization,
        year=questionnaire.academic_year,
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Изменять анкету могут директор и куратор.")
        if form.is_valid():
            form.save()
            messages.success(request, "Анкета сохранена.")
            return redirect("monitoring:questionnaire", pk=pk)
    context = {
        "questionnaire": questionnaire,
        "questions": questionnaire.questions.all(),
        "form": form,
        "question_form": QuestionForm(),
        "can_edit": can_edit,
        "pending": selectors.people_with_pending(questionnaire).count(),
    }
    return render(request, "monitoring/questionnaire_detail.html", context)


@require_POST
@require_roles(*LEADERS)
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire_for(request.user, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(questionnaire=questionnaire, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        context = {"questionnaire": questionnaire, "questions": questionnaire.questions.all(), "can_edit": True}
        context.update(
            question_form=form,
            form=QuestionnaireForm(
                instance=questionnaire, organization=questionnaire.organization, year=questionnaire.academic_year
            ),
        )
        return render(request, "monitoring/questionnaire_detail.html", context, status=400)
    return redirect("monitoring:questionnaire", pk=pk)


@require_POST
@require_roles(*LEADERS)
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    questionnaire = get_questionnaire_for(request.user, pk)
    question = Question.objects.filter(questionnaire=questionnaire, pk=question_pk).first()
    if question is None:
        raise Http404
    try:
        services.question_delete(question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("monitoring:questionnaire", pk=pk)


@require_roles(*READERS)
def questionnaire_results(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire_for(request.user, pk)
    context = {
        "questionnaire": questionnaire,
        "results": results.question_results(questionnaire),
        "satisfaction": results.satisfaction_of(questionnaire),
        "growth": results.growth(questionnaire) if questionnaire.purpose == Questionnaire.Purpose.EXIT else None,
        "submitted": questionnaire.responses.filter(status=Response.Status.SUBMITTED).count(),
        "asked": selectors.respondents(questionnaire).count(),
        "satisfaction_definition": kpi.SATISFACTION_DEFINITION,
    }
    return render(request, "monitoring/results.html", context)


@require_roles(*LEADERS)
def questionnaire_links(request: HttpRequest, pk: int) -> HttpResponse:
    """A sheet of personal one-time links with QR codes for the students of a class."""
    questionnaire = get_questionnaire_for(request.user, pk)
    form = LinksForm(request.GET or None, organization=questionnaire.organization)
    if not form.is_valid():
        return render(request, "monitoring/links.html", {"questionnaire": questionnaire, "form": form})
    group = form.cleaned_data["group"]
    people = selectors.respondents(questionnaire).filter(study_group=group, user__isnull=True)
    issued = services.links_issue(questionnaire=questionnaire, people=people.order_by("sort_key", "pk"))
    rows = []
    for response in issued:
        url = request.build_absolute_uri(reverse("monitoring:fill_token", args=[response.token]))
        rows.append({"response": response, "url": url, "qr": qr.svg_data_uri(url)})
    context = {"organization": questionnaire.organization, "questionnaire": questionnaire, "group": group}
    content = render_pdf("pdf/monitoring/links.html", {**context, "rows": rows, "title": questionnaire.title})
    return pdf_response(content, f"Ссылки на анкету, {group.name}.pdf")


# --- Filling ---


def _fill(request: HttpRequest, response: Response, *, action_url: str, on_link: bool = False) -> HttpResponse:
    """The one filling page for both ways in: HTMX POSTs keep a draft, the button submits."""
    if response.is_submitted:
        if request.htmx:  # an autosave from a tab left open after sending: a line in the status, not a page
            return render(request, "monitoring/_saved.html", {"errors": ["Ответ уже получен."]})
        return render(request, "monitoring/fill_done.html", {"response": response}, status=200)
    questionnaire = response.questionnaire
    questions = list(questionnaire.questions.all())
    counterparts = (
        (selectors.counterparts_on_link if on_link else selectors.counterparts)(questionnaire)
        if any(q.kind == Question.Kind.COUNTERPART for q in questions)
        else []
    )
    kwargs = {"questionnaire": questionnaire, "questions": questions, "counterparts": counterparts}
    if request.method == "POST":
        submit = "submit" in request.POST and not request.htmx
        form = AnswersForm(request.POST, strict=submit, **kwargs)
        valid = form.is_valid()
        try:
            services.response_save(
                response=response, values=form.values(), submit=submit and valid, questions=questions
            )
        except ValidationError as error:
            form.add_error(None, error)
        if request.htmx:
            # A save refused (the answers were sent from another tab meanwhile) must not read «сохранён».
            errors = form.non_field_errors()
            return render(request, "monitoring/_saved.html", {"saved_at": timezone.localtime(), "errors": errors})
        if submit and valid and not form.non_field_errors():
            return render(request, "monitoring/fill_done.html", {"response": response, "just_sent": True})
    else:
        initial = AnswersForm.initial_from(response, questions)
        form = AnswersForm(initial=initial, **kwargs)
    context = {"response": response, "questionnaire": questionnaire, "form": form, "action_url": action_url}
    return render(request, "monitoring/fill.html", context, status=400 if form.errors else 200)


@login_required
def my_questionnaires(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    pending = selectors.pending_for(person) if person else []
    answered = (
        Response.objects.filter(person=person, status=Response.Status.SUBMITTED).select_related("questionnaire")
        if person
        else []
    )
    return render(request, "monitoring/my.html", {"person": person, "pending": pending, "answered": answered})


@login_required
def fill(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire, person = get_questionnaire_to_fill(request.user, pk)
    if request.method == "POST":
        response = services.response_open(questionnaire=questionnaire, person=person)
    else:  # GET only reads: the draft is created by the first autosave or the submission
        response = Response.objects.filter(questionnaire=questionnaire, person=person).first()
        response = response or Response(questionnaire=questionnaire, person=person)
    return _fill(request, response, action_url=reverse("monitoring:fill", args=[pk]))


@never_cache  # a pupil's name and answers, often on a shared computer
def fill_token(request: HttpRequest, token: str) -> HttpResponse:
    """The personal one-time link: no account needed; spent once the answers are sent."""
    response = Response.objects.select_related("questionnaire", "person").filter(token=token).first()
    if response is None:
        raise Http404("Ссылка недействительна")
    if response.is_submitted:
        return _fill(request, response, action_url=reverse("monitoring:fill_token", args=[token]), on_link=True)
    if not response.token_is_valid() or not response.questionnaire.is_open:
        return render(request, "monitoring/link_expired.html", {"response": response}, status=410)
    return _fill(request, response, action_url=reverse("monitoring:fill_token", args=[token]), on_link=True)


@login_required
@audit.shows("response", "Просмотр ответов на анкету")
def response_detail(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_response_for(request.user, pk)
    answers = response.answers.select_related("question").order_by("question__position", "question__pk")
    return render(request, "monitoring/response.html", {"response": response, "answers": answers})


# --- Efficiency assessment ---


@require_roles(*READERS)
def assessments(request: HttpRequest) -> HttpResponse:
    items = EfficiencyAssessment.objects.filter(organization=user_organization(request.user)).select_related(
        "academic_year", "programme", "mentorship__mentor__person"
    )
    return render(
        request, "monitoring/assessments.html", {"assessments": items, "can_edit": request.user.has_role(*LEADERS)}
    )


def _assessment_form_page(request: HttpRequest, assessment: EfficiencyAssessment | None) -> HttpResponse:
    organization = user_organization(request.user)
    initial = {"date": timezone.localdate()}
    if assessment:
        initial.update(programme=assessment.programme, mentorship=assessment.mentorship, date=assessment.date)
        initial["conclusion"] = assessment.conclusion
        for score in assessment.scores.all():
            initial[f"points_{score.indicator}"] = str(score.points)
            initial[f"comment_{score.indicator}"] = score.comment
    form = AssessmentForm(request.POST or None, initial=initial, organization=organization)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.assessment_save(
                organization=organization,
                programme=data["programme"],
                mentorship=data["mentorship"],
                academic_year=data["programme"].academic_year,
                scores=form.scores(),
                date=data["date"],
                conclusion=data["conclusion"],
                user=request.user,
                assessment=assessment,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Оценка сохранена: {saved.total} баллов, {saved.level_label}.")
            return redirect("monitoring:assessments")
    return render(request, "monitoring/assessment_form.html", {"form": form, "assessment": assessment})


@require_roles(*LEADERS)
def assessment_new(request: HttpRequest) -> HttpResponse:
    return _assessment_form_page(request, None)


@require_roles(*LEADERS)
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _assessment_form_page(request, get_assessment_for(request.user, pk))


@require_roles(*READERS)
def assessment_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for(request.user, pk)
    return pdf_response(reports.assessment_pdf(assessment), reports.assessment_filename(assessment))


@require_roles(*READERS)
def assessment_docx(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for(request.user, pk)
    return docx_response(reports.assessment_docx(assessment), reports.assessment_filename(assessment))


@require_roles(*READERS)
def assessment_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for(request.user, pk)
    return xlsx_response(reports.assessment_xlsx(assessment), f"Оценка эффективности № {assessment.pk}.xlsx")


# --- KPIs and the annual report ---


@require_roles(*READERS)
def kpis(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    years = selectors.kpi_years(organization)
    target = kpi.targets([organization.pk], years)
    table = [
        {
            "year": year,
            "rows": kpi.kpi_table(organization.pk, year, target=target),
            "unlisted": kpi.unlisted_participants(organization.pk, year),
        }
        for year in years
    ]
    next_year = AcademicYear.current().start_year + 1
    context = {
        "table": table,
        "year_form": KpiYearTargetsForm(initial={"year": f"{next_year}/{next_year + 1}"}),
        "preset_form": KpiPresetForm(),
        "can_edit": request.user.has_role(*LEADERS),
        "satisfaction_definition": kpi.SATISFACTION_DEFINITION,
    }
    return render(request, "monitoring/kpis.html", context)


@require_POST
@require_roles(*LEADERS)
def kpi_target(request: HttpRequest) -> HttpResponse:
    """All targets of one year at once; any year the curator names."""
    form = KpiYearTargetsForm(request.POST)
    if form.is_valid():
        year = AcademicYear.for_date(datetime.date(form.cleaned_data["year"], 9, 1))
        services.kpi_year_targets_set(
            organization=user_organization(request.user), academic_year=year, percents=form.percents()
        )
        messages.success(request, f"Целевые значения на {year.name} учебный год сохранены.")
    else:
        errors = "; ".join(e for errs in form.errors.values() for e in errs)
        messages.error(request, f"Целевые значения не сохранены: {errors}")
    return redirect("monitoring:kpis")


@require_POST
@require_roles(*LEADERS)
def kpi_preset(request: HttpRequest) -> HttpResponse:
    form = KpiPresetForm(request.POST)
    if form.is_valid():
        written = services.kpi_apply_preset(
            organization=user_organization(request.user),
            preset=form.cleaned_data["preset"],
            first_year=form.cleaned_data["first_year"],
        )
        messages.success(request, f"Записано целевых значений: {written}.")
    else:
        messages.error(request, "Выберите набор и первый учебный год.")
    return redirect("monitoring:kpis")


@require_roles(*READERS)
def annual_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for(request.user, pk)
    filename = f"Отчёт о реализации программы {programme.academic_year.name.replace('/', '-')}.pdf"
    return pdf_response(reports.annual_pdf(programme), filename)


@require_roles(*READERS)
def annual_docx(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for(request.user, pk)
    filename = f"Отчёт о реализации программы {programme.academic_year.name.replace('/', '-')}.docx"
    return docx_response(reports.annual_docx(programme), filename)


@require_roles(*READERS)
def annual_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for(request.user, pk)
    return xlsx_response(reports.annual_xlsx(programme), f"Отчёт о реализации программы № {programme.pk}.xlsx")


@require_roles(*READERS)
def school_annual(request: HttpRequest, fmt: str) -> HttpResponse:
    """The school's annual report over all its programmes; ?year=2025/2026, the current year by default."""
    form = YearForm(request.GET)
    start_year = form.cleaned_data["year"] if form.is_valid() else None
    if form.errors:
        messages.error(request, "; ".join(form.errors["year"]))
        return redirect("monitoring:kpis")
    # GET only reads: a year nobody has worked in is not created by asking for it.
    year = AcademicYear.objects.filter(start_year=start_year).first() if start_year else AcademicYear.current()
    if year is None:
        messages.error(request, "За этот учебный год в портале нет данных.")
        return redirect("monitoring:kpis")
    organization = user_organization(request.user)
    name = report_jobs.school_annual_name(year)
    if report_jobs.pairs_of_year(organization, year) >= settings.ANNUAL_BACKGROUND_MIN_PAIRS:
        job = jobs.start(
            user=request.user,
            organization=organization,
            kind=report_jobs.SCHOOL_ANNUAL,
            title=f"{name} ({report_jobs.FORMAT_LABELS[fmt]})",
            params={"year": year.pk, "format": fmt},
        )
        return redirect("jobs:detail", pk=job.pk)
    if fmt == "xlsx":
        return xlsx_response(reports.school_annual_xlsx(organization, year), f"{name}.xlsx")
    if fmt == "docx":
        return docx_response(reports.school_annual_docx(organization, year), f"{name}.docx")
    return pdf_response(reports.school_annual_pdf(organization, year), f"{name}.pdf")
