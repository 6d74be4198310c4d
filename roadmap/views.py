from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentoring.access import LEADERS, MEMBERS, require_roles, user_organization
from mentoring.docx import docx_response, render_docx
from mentoring.files import private_file_response
from mentoring.pdf import pdf_response, render_pdf
from mentoring.text import date_text
from mentoring.xlsx import xlsx_response
from roadmap import exports, selectors, services
from roadmap.access import (
    can_edit,
    can_update_progress,
    get_activity_for,
    get_event_for,
    get_roadmap_for,
    require_progress_update,
)
from roadmap.forms import (
    ActivityFilterForm,
    ActivityPlanForm,
    CommentForm,
    EventForm,
    LoadTemplateForm,
    ProgressForm,
    RoadmapForm,
)
from roadmap.models import Activity, Roadmap
from roadmap.timeline import timeline_rows


def _activities(queryset):
    return queryset.select_related("section", "anchor_event", "anchor_activity").prefetch_related(
        "responsible_users", "responsible_roles"
    )


@require_roles(*MEMBERS)
def index(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    today = timezone.localdate()
    roadmaps = list(Roadmap.objects.filter(organization=organization).select_related("academic_year"))
    context = {
        "roadmaps": roadmaps,
        "overview": selectors.deadlines_overview(organization, today),
        "can_edit": can_edit(request.user),
        "form": LoadTemplateForm() if can_edit(request.user) else None,
    }
    return render(request, "roadmap/index.html", context)


@require_POST
@require_roles(*LEADERS)
def load(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    form = LoadTemplateForm(request.POST)
    if form.is_valid():
        roadmap, created = services.roadmap_load_template(
            organization=organization,
            template_key=form.cleaned_data["template"],
            academic_year=form.cleaned_data["year"],
        )
        if created:
            messages.success(request, f"Дорожная карта создана; мероприятий: {roadmap.activities.count()}.")
        else:
            messages.info(request, "Дорожная карта из этого шаблона на этот учебный год уже есть — открыта она.")
        return redirect(roadmap)
    roadmaps = Roadmap.objects.filter(organization=organization).select_related("academic_year")
    context = {"roadmaps": roadmaps, "can_edit": True, "form": form, "overview": None}
    return render(request, "roadmap/index.html", context, status=400)


@require_roles(*MEMBERS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_roadmap_for(request.user, pk)
    today = timezone.localdate()
    filters = ActivityFilterForm(request.GET or None)
    activities = _activities(roadmap.activities.all())
    if filters.is_valid():
        show, stage = filters.cleaned_data["show"], filters.cleaned_data["stage"]
        activities = {
            "overdue": activities.overdue(today),
            "upcoming": activities.upcoming(today),
            "open": activities.open(),
            "flagged": activities.filter(deadline_kind="unparsed"),
        }.get(show, activities)
        if stage:
            activities = activities.filter(stage=stage)
    sections = list(roadmap.sections.prefetch_related(Prefetch("activities", queryset=activities)))
    progress = selectors.section_progress(roadmap, today)
    for section in sections:
        section.progress = progress.get(section.pk, selectors.Progress())
    context = {
        "roadmap": roadmap,
        "sections": sections,
        "filters": filters,
        "filtered": filters.is_bound,
        "stages": selectors.stage_progress(roadmap.activities.all(), today),
        "events": list(roadmap.events.annotate(dependents=Count("dependent_activities"))),
        "can_edit": can_edit(request.user),
        "today": today,
    }
    return render(request, "roadmap/detail.html", context)


@require_roles(*MEMBERS)
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_roadmap_for(request.user, pk)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = min(max(today.year if today.month >= 9 else today.year - 1, roadmap.first_year), roadmap.last_year)
    if not roadmap.first_year <= year <= roadmap.last_year:
        raise Http404("Учебный год вне дорожной карты")
    activities = list(roadmap.activities.select_related("section").order_by("position"))
    months, rows = timeline_rows(activities, year, today)
    context = {
        "roadmap": roadmap,
        "year": year,
        "years": list(range(roadmap.first_year, roadmap.last_year + 1)),
        "months": months,
        "rows": rows,
    }
    return render(request, "roadmap/timeline.html", context)


@require_roles(*LEADERS)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_roadmap_for(request.user, pk)
    form = RoadmapForm(request.POST or None, instance=roadmap)
    if request.method == "POST" and form.is_valid():
        services.roadmap_update(roadmap=roadmap, **form.cleaned_data)
        messages.success(request, "Сведения о дорожной карте сохранены.")
        return redirect(roadmap)
    return render(request, "roadmap/roadmap_form.html", {"roadmap": roadmap, "form": form})


@require_POST
@require_roles(*LEADERS)
def event(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for(request.user, pk)
    form = EventForm(request.POST)
    if form.is_valid():
        count = services.anchor_event_happened(
            event=event, date=form.cleaned_data["happened_on"], reference=form.cleaned_data["reference"]
        )
        messages.success(request, f"Дата события сохранена; сроки пересчитаны у мероприятий: {count}.")
    else:
        messages.error(request, "Дата события указана неверно.")
    return redirect(event.roadmap)


@require_roles(*MEMBERS)
def activity(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for(request.user, pk)
    may_update = can_update_progress(request.user, activity)
    form = ProgressForm(initial=_progress_initial(activity)) if may_update else None
    return _render_activity(request, activity, form, may_update)


def _progress_initial(activity: Activity) -> dict:
    return {
        "status": activity.status,
        "completed_on": activity.completed_on or timezone.localdate(),
        "evidence_url": activity.evidence_url,
        "evidence_note": activity.evidence_note,
    }


def _render_activity(request, activity, form, may_update, status=200, comment_form=None) -> HttpResponse:
    context = {
        "activity": activity,
        "roadmap": activity.roadmap,
        "form": form,
        "comment_form": comment_form or CommentForm(),
        "may_update": may_update,
        "can_edit": can_edit(request.user),
        "comments": activity.comments.select_related("author"),
        "dependents": activity.dependent_activities.order_by("position"),
        "users": activity.responsible_users.all(),
        "roles": activity.responsible_roles.all(),
    }
    return render(request, "roadmap/activity.html", context, status=status)


@require_POST
@require_roles(*MEMBERS)
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for(request.user, pk)
    require_progress_update(request.user, activity)
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.activity_update_progress(activity=activity, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Мероприятие {activity.number}: {activity.get_status_display().lower()}.")
            return redirect(activity)
    activity.refresh_from_db()
    return _render_activity(request, activity, form, True, status=400)


@require_POST
@require_roles(*MEMBERS)
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for(request.user, pk)
    require_progress_update(request.user, activity)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(activity=activity, author=request.user, text=form.cleaned_data["text"])
        return redirect(activity)
    may_update = True
    return _render_activity(request, activity, ProgressForm(initial=_progress_initial(activity)), may_update, 400, form)


@require_roles(*MEMBERS)
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """The uploaded file, to people of the organization only (uploads are not public media)."""
    activity = get_activity_for(request.user, pk)
    if not activity.evidence_file:
        raise Http404("Файл не загружен")
    return private_file_response(request, activity.evidence_file, filename=f"{activity.number} — подтверждение")


@require_roles(*LEADERS)
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for(request.user, pk)
    return _plan_form(request, activity.roadmap, activity)


@require_roles(*LEADERS)
def activity_new(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_roadmap_for(request.user, pk)
    return _plan_form(request, roadmap, Activity(roadmap=roadmap))


def _plan_form(request: HttpRequest, roadmap: Roadmap, activity: Activity) -> HttpResponse:
    initial = ActivityPlanForm.initial_for(activity) if activity.pk else {"section": roadmap.sections.first()}
    form = ActivityPlanForm(request.POST or None, roadmap=roadmap, activity=activity, initial=initial)
    if request.method == "POST" and form.is_valid():
        activity = services.activity_save_plan(activity=activity, **form.plan_data())
        messages.success(request, f"Мероприятие {activity.number} сохранено.")
        return redirect(activity)
    context = {"roadmap": roadmap, "activity": activity, "form": form}
    return render(request, "roadmap/activity_form.html", context, status=400 if form.errors else 200)


@require_roles(*MEMBERS)
def my_tasks(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    today = timezone.localdate()
    roadmaps = selectors.current_roadmaps(organization, today)
    tasks = (
        Activity.objects.filter(roadmap__in=roadmaps)
        .assigned_to(request.user)
        .select_related("roadmap__academic_year")
        .order_by("status", "due_date", "position")
    )
    show_done = request.GET.get("done") == "1"
    if not show_done:
        tasks = tasks.open()
    return render(request, "roadmap/my_tasks.html", {"tasks": list(tasks), "today": today, "show_done": show_done})


def _annex(request: HttpRequest, pk: int) -> tuple[dict, str]:
    roadmap = get_roadmap_for(request.user, pk)
    context = {
        "roadmap": roadmap,
        "organization": roadmap.organization,
        "sections": exports.sections_with_activities(roadmap),
        "order_date": _long_date(roadmap.approval_order_date),
        "title": roadmap.title,
    }
    return context, f"Дорожная карта {roadmap.academic_year.name.replace('/', '-')}.pdf"


@require_roles(*MEMBERS)
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    context, filename = _annex(request, pk)
    return pdf_response(render_pdf("roadmap/pdf/annex.html", context, request=request), filename)


@require_roles(*MEMBERS)
def export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The annex in Word, from the PDF's template (the school files it with the order)."""
    context, filename = _annex(request, pk)
    return docx_response(render_docx("roadmap/pdf/annex.html", context, request=request), filename)


def _long_date(day: datetime.date | None) -> str:
    return date_text(day, padded=True) if day else ""


@require_roles(*MEMBERS)
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_roadmap_for(request.user, pk)
    filename = f"Дорожная карта {roadmap.academic_year.name.replace('/', '-')}.xlsx"
    return xlsx_response(exports.xlsx_bytes(roadmap), filename)
