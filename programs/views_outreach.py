"""Best practices and incentives, inside the portal (the public page is views_public)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring.access import for_organization, get_for_organization, require_roles, user_organization
from mentoring.models import AcademicYear
from mentoring.pdf import pdf_response, render_pdf
from programs import outreach
from programs.access import EDITORS, READERS
from programs.forms_outreach import AwardForm, PracticeForm
from programs.models import Mentorship, MentorshipMember
from programs.models_outreach import Award, Practice


@require_roles(*READERS)
def practices(request: HttpRequest) -> HttpResponse:
    items = for_organization(request.user, Practice.objects.select_related("mentorship__mentor__person"))
    waiting = for_organization(
        request.user, Mentorship.objects.filter(status=Mentorship.Status.COMPLETED, practices__isnull=True)
    ).select_related("mentor__person", "programme")
    context = {"practices": items, "waiting": waiting[:20], "organization": user_organization(request.user)}
    return render(request, "programs/practices/list.html", context)


@require_roles(*EDITORS)
def practice_create(request: HttpRequest) -> HttpResponse:
    initial = {"mentorship": request.GET.get("pair")} if request.GET.get("pair", "").isdigit() else {}
    return _practice_form(request, Practice(), initial)


@require_roles(*EDITORS)
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _practice_form(request, get_for_organization(request.user, Practice, pk=pk), {})


def _practice_form(request: HttpRequest, practice: Practice, initial: dict) -> HttpResponse:
    organization = user_organization(request.user)
    form = PracticeForm(
        request.POST or None, request.FILES or None, instance=practice, organization=organization, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            outreach.practice_save(practice=form.save(commit=False), user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Практика сохранена. Опубликуйте её, когда текст готов.")
            return redirect("programs:practices")
    title = f"Практика: {practice.title}" if practice.pk else "Новая практика"
    return render(request, "programs/practices/form.html", {"form": form, "title": title, "practice": practice})


@require_POST
@require_roles(*EDITORS)
def practice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    practice = get_for_organization(request.user, Practice, pk=pk)
    publish = request.POST.get("publish") == "1"
    outreach.practice_publish(practice=practice, publish=publish)
    messages.success(request, "Практика опубликована на странице организации." if publish else "Публикация снята.")
    return redirect("programs:practices")


@require_roles(*READERS)
def awards(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    outreach.standard_nominations()
    items = for_organization(
        request.user, Award.objects.select_related("nomination", "academic_year", "mentor__person", "order")
    )
    invitees = (
        MentorshipMember.objects.filter(
            mentorship__organization=organization,
            mentee__status="completed",
            mentee__person__mentor_profile__isnull=True,
            mentee__person__is_anonymized=False,
        )
        .select_related("mentee__person", "mentorship__programme")
        .order_by("mentee__person__last_name")
    )
    form = AwardForm(organization=organization) if request.user.has_role(*EDITORS) else None
    context = {"awards": items, "form": form, "invitees": invitees, "can_edit": form is not None}
    return render(request, "programs/awards/list.html", context)


@require_POST
@require_roles(*EDITORS)
def award_create(request: HttpRequest) -> HttpResponse:
    organization = user_organization(request.user)
    form = AwardForm(request.POST, organization=organization)
    if form.is_valid():
        data = form.cleaned_data
        try:
            outreach.award_grant(organization=organization, **data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Поощрение внесено: {data['nomination']}.")
    else:
        messages.error(request, "Поощрение не внесено: " + " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("programs:awards")


@require_roles(*READERS)
def award_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    award = (
        for_organization(
            request.user, Award.objects.select_related("nomination", "academic_year", "mentor__person", "organization")
        )
        .filter(pk=pk)
        .first()
    )
    if award is None:
        raise Http404("Поощрение не найдено")
    director = award.organization.users.filter(roles__role="director", is_active=True).first()
    content = render_pdf(
        "pdf/programs/certificate.html", {"award": award, "organization": award.organization, "director": director}
    )
    return pdf_response(content, f"Грамота {award.mentor.person.short_name}.pdf")


@require_POST
@require_roles(*EDITORS)
def incentives_order(request: HttpRequest) -> HttpResponse:
    try:
        order = outreach.incentives_order_prepare(
            organization=user_organization(request.user), academic_year=AcademicYear.current(), user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("programs:awards")
    messages.success(request, "Проект приказа о поощрении подготовлен; список награждённых — в приложении.")
    return redirect("orders:detail", pk=order.pk)
