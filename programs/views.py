from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentoring import audit
from mentoring.access import COORDINATORS, READERS, for_organization, require_roles, user_organization
from mentoring.models import Role
from programs import access, selectors, services
from programs.forms import (
    AddMemberForm,
    CompleteForm,
    EndEarlyForm,
    FeedbackForm,
    GoalForm,
    MeetingForm,
    OwnFormForm,
    PairCreateForm,
    PairFilterForm,
    ProgrammeForm,
)
from programs.models import (
    MatchingProposal,
    Meeting,
    MentoringForm,
    Mentorship,
    MentorshipMember,
    OrganizationForm,
    PlanGoal,
    Programme,
)


def _missing_feedback():
    return Exists(selectors.meetings_missing_feedback(Meeting.objects.filter(mentorship=OuterRef("pk"))))


def _flagged(pks: list[int]) -> list[Mentorship]:
    """These pairs, in this order, with their flags: a list is ordered and cut to a page first, then only
    its pairs are annotated (annotating every pair of the organization before the LIMIT evaluated the
    missing-feedback subquery for each of their meetings, hundreds of milliseconds at region scale)."""
    by_pk = _pairs_with_flags(Mentorship.objects.filter(pk__in=pks)).in_bulk()
    return [by_pk[pk] for pk in pks]


def _pairs_with_flags(queryset):
    """Pairs with what the curator's eye needs: last meeting, meetings without feedback."""
    return (
        queryset.select_related("programme", "mentor__person", "variant")
        .prefetch_related(
            Prefetch("members", queryset=MentorshipMember.objects.select_related("mentee__person__study_group"))
        )
        .annotate(
            last_meeting=selectors.last_meeting(),
            meetings_count=selectors.count_of(Meeting.objects.filter(mentorship=OuterRef("pk"))),
        )
        .annotate(missing_feedback=_missing_feedback())
    )


# ---------------------------------------------------------------- programmes and forms


@require_roles(*READERS)
def programmes(request: HttpRequest) -> HttpResponse:
    items = (
        for_organization(request.user, Programme.objects.select_related("form", "academic_year", "curator"))
        .annotate(
            open_pairs=Count("pairs", filter=Q(pairs__status__in=Mentorship.OPEN), distinct=True),
            done_pairs=Count("pairs", filter=Q(pairs__status=Mentorship.Status.COMPLETED), distinct=True),
        )
        .order_by("-academic_year__start_year", "title")
    )
    context = {"programmes": items, "can_edit": request.user.has_role(*COORDINATORS)}
    return render(request, "programs/programme_list.html", context)


@require_roles(*COORDINATORS)
def programme_create(request: HttpRequest) -> HttpResponse:
    return _programme_form(request, Programme())


@require_roles(*COORDINATORS)
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _programme_form(request, access.get_programme_for(request.user, pk))


def _programme_form(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ProgrammeForm(request.POST or None, instance=programme, organization=user_organization(request.user))
    if request.method == "POST" and form.is_valid():
        programme = form.save()
        OrganizationForm.objects.get_or_create(organization=programme.organization, form=programme.form)
        messages.success(request, f"Программа «{programme.title}» сохранена.")
        return redirect("programs:programme", pk=programme.pk)
    title = "Новая программа наставничества" if programme.pk is None else f"Программа: {programme.title}"
    return render(request, "programs/form_page.html", {"form": form, "title": title})


@require_roles(*READERS)
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_for(request.user, pk)
    # The first 50 pairs here; all of them, with filters and pages, on the pairs list.
    ordered = programme.pairs.order_by("status", "mentor__person__sort_key", "pk")
    pairs = _flagged(list(ordered.values_list("pk", flat=True)[:51]))
    for pair in pairs:
        pair.gap_days = selectors.gap_days(pair)
    context = {
        "programme": programme,
        "pairs": pairs[:50],
        "more_pairs": len(pairs) > 50,
        "drafts": programme.pairs.filter(status=Mentorship.Status.DRAFT, order__isnull=True).count(),
        "proposal": programme.proposals.filter(status=MatchingProposal.Status.DRAFT).first(),
        "can_edit": request.user.has_role(*COORDINATORS),
    }
    return render(request, "programs/programme_detail.html", context)


@require_roles(*READERS)
def forms_catalog(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    chosen = set(OrganizationForm.objects.filter(organization=organization).values_list("form_id", flat=True))
    items = MentoringForm.objects.filter(Q(organization=None) | Q(organization=organization)).prefetch_related(
        "variants"
    )
    context = {"items": items, "chosen": chosen, "can_edit": request.user.has_role(*COORDINATORS)}
    return render(request, "programs/forms_catalog.html", context)


@require_POST
@require_roles(*COORDINATORS)
def form_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    organization = user_organization(request.user)
    form = MentoringForm.objects.filter(Q(organization=None) | Q(organization=organization), pk=pk).first()
    if form is None:
        raise Http404("Форма не найдена")
    link = OrganizationForm.objects.filter(organization=organization, form=form)
    if link.exists():
        if Programme.objects.filter(organization=organization, form=form, status=Programme.Status.ACTIVE).exists():
            messages.error(request, f"По форме {form} идёт программа: сначала завершите её.")
        else:
            link.delete()
            messages.info(request, f"Форма {form} больше не реализуется.")
    else:
        OrganizationForm.objects.create(organization=organization, form=form)
        messages.success(request, f"Форма {form} включена.")
    return redirect("programs:forms")


@require_roles(*COORDINATORS)
def form_create(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    form = OwnFormForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        created = form.save()
        OrganizationForm.objects.create(organization=organization, form=created)
        messages.success(request, f"Форма {created} добавлена.")
        return redirect("programs:forms")
    return render(request, "programs/form_page.html", {"form": form, "title": "Своя форма наставничества"})


# ---------------------------------------------------------------- pairs


@require_roles(*READERS)
def pairs(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    form = PairFilterForm(request.GET or None, organization=organization)
    items = for_organization(request.user, Mentorship.objects.all())
    if form.is_valid():
        data = form.cleaned_data
        if data["programme"]:
            items = items.filter(programme=data["programme"])
        if data["status"]:
            items = items.filter(status=data["status"])
        if data["flag"] == "feedback":
            items = items.filter(_missing_feedback())
        if data["flag"] == "gap":
            items = items.filter(pk__in=selectors.pairs_without_recent_meeting(Mentorship.objects.all()).values("pk"))
    ordered = items.order_by("programme__title", "mentor__person__sort_key", "pk").values_list("pk", flat=True)
    page = Paginator(ordered, 50).get_page(request.GET.get("page"))
    page.object_list = _flagged(list(page.object_list))
    for pair in page:
        pair.gap_days = selectors.gap_days(pair)
    context = {"form": form, "pairs": page, "page": page, "can_edit": request.user.has_role(*COORDINATORS)}
    return render(request, "programs/pair_list.html", context)


@login_required
@audit.shows("pair", "Просмотр страницы пары")
def pair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pair = access.get_pair_for(request.user, pk)
    meetings = pair.meetings.prefetch_related("feedback__mentee__person", "attendees").order_by("-starts_at")
    members = list(pair.members.select_related("mentee__person__study_group").order_by("-is_active"))
    my_mentee = access.is_member(request.user, pair)
    for meeting in meetings:
        selectors.annotate_meeting(meeting, members)
        meeting.mine_pending = bool(my_mentee) and my_mentee.pk in meeting.feedback_expected_ids
    can_manage = request.user.has_role(*COORDINATORS)
    context = {
        "pair": pair,
        "members": members,
        "meetings": meetings,
        "goals": pair.goals.all(),
        "can_edit": access.can_edit_pair(request.user, pair),
        "can_manage": can_manage,
        "add_form": AddMemberForm(pair=pair) if can_manage and pair.status == Mentorship.Status.DRAFT else None,
        "next_kind": Meeting.Kind(selectors.suggested_meeting_kind(pair)).label,
        "end_form": EndEarlyForm(),
        "complete_form": CompleteForm(),
    }
    return render(request, "programs/pair_detail.html", context)


@require_POST
@require_roles(*COORDINATORS)
def pair_create(request: HttpRequest, pk: int) -> HttpResponse:
    """One pair from the matching page: mentee + mentor chosen by the curator."""
    programme = access.get_programme_for(request.user, pk)
    form = PairCreateForm(request.POST, organization=programme.organization)
    if not form.is_valid():
        raise Http404("Участник не найден")
    mentee, mentor, score = form.cleaned_data["mentee"], form.cleaned_data["mentor"], form.cleaned_data["score"]
    try:
        services.mentorship_create(
            programme=programme,
            mentor=mentor,
            mentees=[mentee],
            user=request.user,
            score=score,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Пара {mentor.person.short_name} — {mentee.person.short_name} создана (черновик).")
    return redirect("programs:matching", pk=programme.pk)


@require_POST
@require_roles(*COORDINATORS)
def pair_add_member(request: HttpRequest, pk: int) -> HttpResponse:
    """By hand: a waiting mentee joins a draft pair, which becomes a group."""
    pair = access.get_pair_for(request.user, pk)
    form = AddMemberForm(request.POST, pair=pair)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["mentee"])
        services.mentorship_add_mentee(pair=pair, mentee=form.cleaned_data["mentee"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{form.cleaned_data['mentee'].person.full_name} включён(а) в группу (черновик).")
    return redirect("programs:pair", pk=pair.pk)


@require_POST
@require_roles(*COORDINATORS)
def pair_end(request: HttpRequest, pk: int) -> HttpResponse:
    pair = access.get_pair_for(request.user, pk)
    form = EndEarlyForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Укажите причину досрочного прекращения.")
        services.mentorship_end_early(pair=pair, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.warning(request, "Пара прекращена. Наставляемые вернулись в список ожидающих пару.")
    return redirect("programs:pair", pk=pair.pk)


@require_POST
@login_required
def pair_complete(request: HttpRequest, pk: int) -> HttpResponse:
    pair = access.get_editable_pair_for(request.user, pk)
    form = CompleteForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Опишите итоги работы (рефлексия).")
        services.mentorship_complete(pair=pair, reflection=form.cleaned_data["reflection"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Пара завершила работу. Спасибо!")
    return redirect("programs:pair", pk=pair.pk)


@require_POST
@require_roles(*COORDINATORS)
def offer_mentor(request: HttpRequest, pk: int) -> HttpResponse:
    """After completion: the mentee is invited into the mentor base as a candidate."""
    member = access.get_member_for(request.user, pk)
    try:
        services.offer_mentor_role(mentee=member.mentee, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{member.mentee.person.full_name} включён(а) в базу наставников как кандидат.")
    return redirect("programs:pair", pk=member.mentorship_id)


# ---------------------------------------------------------------- meetings and feedback


@login_required
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    pair = access.get_editable_pair_for(request.user, pk)
    now = timezone.localtime()
    # Logged right after the meeting: today, now (a time in the future would refuse the rating).
    kind = selectors.suggested_meeting_kind(pair)
    # The topic starts as the meeting's kind («Пробная рабочая встреча»): the mentor may make it precise.
    initial = {"kind": kind, "topic": Meeting.Kind(kind).label, "date": now.date(), "time": now.strftime("%H:%M")}
    form = MeetingForm(request.POST or None, request.FILES or None, initial=initial, pair=pair)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_log(
                pair=pair,
                user=request.user,
                starts_at=data["starts_at"],
                kind=data["kind"],
                format=data["format"],
                topic=data["topic"],
                duration_minutes=data["duration_minutes"],
                summary=data["summary"],
                attachment=data.get("attachment"),
                mentor_rating=data.get("mentor_rating"),
                mentor_comment=data.get("mentor_comment", ""),
                attendees=list(data["attendees"]) if form.is_group else None,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Встреча записана.")
            if pair.mentor.person.user_id == request.user.pk:
                return redirect("programs:my_pairs")
            return redirect("programs:pair", pk=pair.pk)
    return render(request, "programs/meeting_form.html", {"form": form, "pair": pair})


@login_required
def feedback_give(request: HttpRequest, pk: int) -> HttpResponse:
    """A mentee (or the mentor) rates a meeting of their own pair."""
    meeting = access.get_meeting_for(request.user, pk)
    pair = meeting.mentorship
    mentee = access.is_member(request.user, pair)
    is_mentor = pair.mentor.person.user_id == request.user.pk
    if mentee is None and not is_mentor:
        raise Http404("Встреча не найдена")
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_give(
                meeting=meeting,
                author="mentee" if mentee else "mentor",
                mentee=mentee,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Спасибо! Отзыв сохранён.")
            return redirect("programs:my_mentor" if mentee else "programs:my_pairs")
    return render(request, "programs/feedback_form.html", {"form": form, "meeting": meeting, "pair": pair})


# ---------------------------------------------------------------- development plan


@login_required
def goal_create(request: HttpRequest, pk: int) -> HttpResponse:
    pair = access.get_editable_pair_for(request.user, pk)
    return _goal_form(request, PlanGoal(mentorship=pair, order=pair.goals.count() + 1))


@login_required
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _goal_form(request, access.get_goal_for_edit(request.user, pk))


def _goal_form(request: HttpRequest, goal: PlanGoal) -> HttpResponse:
    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_save(goal=form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Цель сохранена.")
            return redirect("programs:pair", pk=goal.mentorship_id)
    return render(
        request,
        "programs/form_page.html",
        {
            "form": form,
            "title": "Цель плана развития",
            "cancel_pair": goal.mentorship_id,
        },
    )


# ---------------------------------------------------------------- personal pages


@require_roles(Role.MENTOR)
def my_pairs(request: HttpRequest) -> HttpResponse:
    items = list(
        _pairs_with_flags(access.visible_pairs(request.user).filter(mentor__person__user=request.user))
        .prefetch_related("meetings")
        .order_by("status", "-start_date")
    )
    for pair in items:
        pair.gap_days = selectors.gap_days(pair)
        pair.next_kind = Meeting.Kind(selectors.suggested_meeting_kind(pair)).label
    return render(request, "programs/my_pairs.html", {"pairs": items})


@require_roles(Role.MENTEE)
def my_mentor(request: HttpRequest) -> HttpResponse:
    members = (
        MentorshipMember.objects.filter(mentee__person__user=request.user)
        .select_related("mentorship__mentor__person", "mentorship__programme", "mentee")
        .order_by("-is_active", "-joined_on")
    )
    # The same selector as the count on the home page («Оценить встречи (N)»).
    pending = selectors.meetings_to_rate(request.user).select_related("mentorship").order_by("-starts_at")
    recent = Meeting.objects.filter(mentorship__members__in=members).distinct().order_by("-starts_at")[:10]
    return render(request, "programs/my_mentor.html", {"members": members, "pending": pending, "recent": recent})
